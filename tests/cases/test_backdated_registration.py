"""补录: a command or an import registers a case handled before it was entered (``case_register(occurred_on=…)``);
its 立案 takes that day, so the decision period, the 处罚决定 step's deadline and the warnings count from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.procedure_steps import advance, approve, register, snapshot
from zhifa.cases.models import CaseWarning
from zhifa.cases.services.warnings import raise_case_warnings
from zhifa.core.models import AuditEntry
from zhifa.workflow.guards import GuardRefused

pytestmark = pytest.mark.django_db


def test_a_backdated_case_is_filed_on_its_day_and_is_overdue(agency, general_procedure):
    today = timezone.localdate()
    long_ago = today - dt.timedelta(days=120)
    case = register(agency, occurred_on=long_ago)
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk),
                                     message=f"补录案件：登记日期 {long_ago}，立案审批通过后以该日为立案日期").exists()

    approve(agency, case)  # 立案审批, approved today
    assert case.filed_on == long_ago and case.number and case.status == "filed"

    case = advance(agency, case, "decision")
    item = case.process.items.get(status="open", stage="decision")
    assert timezone.localdate(item.due_at) == long_ago + dt.timedelta(days=90) < today

    raise_case_warnings()
    warning = CaseWarning.objects.get(case=case, stage="decision", kind="deadline", cleared_at=None)
    assert warning.colour == "red"

    # The decision period of 第60条 has run: the leader cannot decide, and nothing changes.
    before = snapshot()
    with pytest.raises(GuardRefused, match="第60条"):
        approve(agency, case)
    assert snapshot() == before


def test_a_registration_dated_after_today_is_refused(agency, general_procedure):
    before = snapshot()
    with pytest.raises(ValidationError, match="补录的登记日期不能晚于今天"):
        register(agency, occurred_on=timezone.localdate() + dt.timedelta(days=1))
    assert snapshot() == before
