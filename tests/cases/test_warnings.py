"""Case warnings: colours from the legal deadlines, 缺项 from the configurable rules, raised once by the
periodic job and cleared when resolved, red ones notified to the lead officer; the list's colour filter;
the generic screens of the rules."""

import datetime as dt
import itertools
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.base import AccessTests, CreateTests, DeleteTests, DetailTests, EditTests, ExportTests, ListTests
from tests.cases.execution_fixtures import DECIDED_ON, decided_case, executing  # noqa: F401
from tests.personal_data import HistoryCardTests
from tests.reach import ScopeTests
from zhifa.cases.models import Case, CaseWarning, StageRequirementRule
from zhifa.cases.services import case_register
from zhifa.cases.services import execution as execution_services
from zhifa.cases.services.warnings import filter_warning_colour, raise_case_warnings, with_warning_colour
from zhifa.core.actor import Channel, actor_context
from zhifa.core.models import Notification
from zhifa.core.periodic import JOBS

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 17)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def rule(stage="decision", requirement="field", target="facts", label="违法事实", colour="yellow", **values):
    with actor_context(channel=Channel.SYSTEM):
        obj = StageRequirementRule(stage=stage, requirement=requirement, target=target, label=label, colour=colour,
                                   **values)
        obj.full_clean()
        obj.save()
    return obj


def served(agency):
    case = decided_case(agency)
    execution_services.execution_open(case=case, actor=agency["officer"], served_on=DECIDED_ON)
    return case


def open_rows(case):
    return list(CaseWarning.objects.filter(case=case, cleared_at=None).values_list("stage", "kind", "colour"))


def test_payment_deadline_goes_blue_yellow_red_once_and_clears_when_paid(executing):
    agency = executing
    case = served(agency)
    raise_case_warnings(now=at(DUE - dt.timedelta(days=7)))
    assert open_rows(case) == []
    raise_case_warnings(now=at(DUE - dt.timedelta(days=4)))
    assert open_rows(case) == [("execution", "deadline", "blue")]
    warning = CaseWarning.objects.get(case=case)
    assert warning.message == "当事人缴纳罚款的期限于 2026-03-17 届满" and warning.due_on == DUE
    raise_case_warnings(now=at(DUE - dt.timedelta(days=1)))
    raise_case_warnings(now=at(DUE - dt.timedelta(days=1)))
    assert open_rows(case) == [("execution", "deadline", "yellow")]
    assert CaseWarning.objects.get(case=case).pk == warning.pk  # the same warning, its colour risen
    result = raise_case_warnings(now=at(DUE + dt.timedelta(days=1)))
    raise_case_warnings(now=at(DUE + dt.timedelta(days=2)))
    assert open_rows(case) == [("execution", "deadline", "red")] and result.notified == 1
    notes = Notification.objects.filter(recipient=agency["officer"])
    assert [n.title for n in notes] == [f"红色预警：{case}（执行）"] and notes[0].body == warning.message
    execution_services.payment_register(case=case, actor=agency["officer"], paid_on=DUE, amount=Decimal("200"),
                                        receipt_number="P1")
    result = raise_case_warnings(now=at(DUE + dt.timedelta(days=3)))
    assert result.cleared == 1 and open_rows(case) == []
    assert CaseWarning.objects.get(case=case).cleared_at == at(DUE + dt.timedelta(days=3))


def test_missing_items_follow_the_rules_of_the_reached_stages(executing):
    agency = executing
    rule(stage="decision", target="facts", label="违法事实")
    rule(stage="decision", requirement="evidence", target="", label="证据材料", colour="red")
    rule(stage="archiving", target="source_note", label="来源说明")  # not reached by a case in execution
    rule(stage="decision", procedure="general", target="source_note", label="来源说明（一般程序）")
    case = served(agency)
    Case.objects.filter(pk=case.pk).update(facts="")
    raise_case_warnings(now=at(DUE - dt.timedelta(days=10)))
    warning = CaseWarning.objects.get(case=case, kind="missing")
    assert (warning.stage, warning.colour, warning.message) == ("decision", "red", "缺少：违法事实、证据材料")
    Case.objects.filter(pk=case.pk).update(facts="在人行道上摆卖水果")
    raise_case_warnings(now=at(DUE - dt.timedelta(days=9)))
    warning.refresh_from_db()
    assert (warning.colour, warning.message, warning.cleared_at) == ("red", "缺少：证据材料", None)


def test_a_rule_nobody_can_check_is_refused(db, monkeypatch):
    from zhifa.cases import warning_rules

    monkeypatch.setattr(warning_rules, "_REQUIREMENTS", {k: v for k, v in warning_rules._REQUIREMENTS.items()
                                                         if k != "document"})
    with pytest.raises(ValidationError) as caught:
        rule(requirement="document", target="decision_letter", label="行政处罚决定书")
    assert caught.value.message_dict["target"] == ["“已出具文书”类缺项规则暂不能核对：提供该类材料的模块尚未登记核对方法"]
    monkeypatch.undo()
    with pytest.raises(ValidationError) as caught:
        rule(requirement="document", target="decision_letter", label="行政处罚决定书")
    assert caught.value.message_dict["target"][0].startswith("没有文书种类“decision_letter”")
    with pytest.raises(ValidationError) as caught:
        rule(target="no_such_field")
    assert caught.value.message_dict["target"][0].startswith("案件没有字段“no_such_field”，可选：") and "违法事实（facts）" in \
        caught.value.message_dict["target"][0]
    assert not StageRequirementRule.objects.exists()


def test_decision_deadline_of_a_filed_case_and_closed_cases_are_cleared(executing, general_procedure):
    from tests.workflow.conftest import the_item
    from zhifa.workflow import services as flow

    agency = executing
    case = case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="general", source="inspection",
        cause="未按规定设置油烟净化设施", parties=[agency["company"]], lead=agency["certificates"]["officer"],
        assistants=[agency["certificates"]["officer2"]], fine_amount=20000,
    )
    flow.approve(item=the_item(case.process, agency["leader"]), actor=agency["leader"], opinion="同意")
    case.refresh_from_db()
    raise_case_warnings(now=at(case.filed_on + dt.timedelta(days=200)))
    warning = CaseWarning.objects.get(case=case, kind="deadline")
    assert (warning.stage, warning.colour) == ("decision", "red")
    assert warning.message.startswith("作出处罚决定的期限（立案之日起九十日）于")
    Case.objects.filter(pk=case.pk).update(status="closed")
    assert raise_case_warnings(now=at(case.filed_on + dt.timedelta(days=201))).cleared == 1
    assert open_rows(case) == []


def test_list_helpers_give_each_case_its_worst_open_colour(executing):
    agency = executing
    red, yellow, calm = served(agency), served(agency), decided_case(agency)
    now = timezone.now()
    with actor_context(channel=Channel.SYSTEM):
        for case, stage, kind, colour in ((red, "execution", "deadline", "red"), (red, "decision", "missing", "yellow"),
                                          (yellow, "execution", "deadline", "yellow")):
            CaseWarning.objects.create(case=case, stage=stage, kind=kind, colour=colour, message="测试", raised_at=now)
        CaseWarning.objects.create(case=calm, stage="execution", kind="deadline", colour="red", message="已解除",
                                   raised_at=now, cleared_at=now)
    cases = Case.objects.filter(pk__in=[red.pk, yellow.pk, calm.pk])
    assert dict(with_warning_colour(cases).values_list("pk", "warning_colour")) == {
        red.pk: "red", yellow.pk: "yellow", calm.pk: ""}
    assert list(filter_warning_colour(cases, "red")) == [red]
    assert list(filter_warning_colour(cases, "yellow")) == [yellow]
    assert list(filter_warning_colour(cases, "blue")) == []
    assert list(filter_warning_colour(cases, "none")) == [calm]


def test_the_sweep_is_a_periodic_job_every_fifteen_minutes(executing):
    from zhifa.cases.tasks import raise_case_warnings as task

    job = next(job for job in JOBS if job.name == "raise_case_warnings")
    assert (job.task, job.interval) == ("zhifa.cases.tasks.raise_case_warnings", 900)
    served(executing)
    result = task.enqueue().return_value
    assert result["raised"] == 1  # the payment deadline of 2026-03-17 has passed: red


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_raise_each_warning_once(executing):
    from django.db import connections

    agency = executing
    cases = [served(agency) for _ in range(5)]
    start, failures = threading.Barrier(4), []

    def worker():
        try:
            start.wait()
            raise_case_warnings(now=at(DUE + dt.timedelta(days=1)))
        except Exception as exc:  # collected and asserted below: a thread's exception would vanish
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert CaseWarning.objects.filter(case__in=cases).count() == 5
    assert Notification.objects.filter(recipient=agency["officer"]).count() == 5
    assert connection.vendor == "postgresql"


# --- the generic screens of the rules -----------------------------------------------------------------

RULE_COMBINATIONS = list(itertools.product(
    ["investigation", "investigation_report", "case_review", "legal_review", "hearing", "closing"],
    ["all", "simple", "general"], ["cause", "number", "filed_on", "notified_on", "decided_on", "party_type", "fine_amount"],
))


class TestStageRequirementRuleViews(AccessTests, ListTests, DetailTests, ExportTests, CreateTests, EditTests,
                                    DeleteTests, ScopeTests, HistoryCardTests):
    model = StageRequirementRule
    scoped = False
    key_field = "label"
    edit_field = "label"

    def create_data(self, city):
        return {"own": [rule(label="违法事实"), rule(stage="filing", target="source_note", label="来源说明")],
                "other": [rule(stage="service", requirement="evidence", target="", label="送达回证照片")]}

    def create_rows(self, city, count):
        taken = set(StageRequirementRule.objects.values_list("stage", "procedure", "target"))
        free = (combination for combination in RULE_COMBINATIONS if combination not in taken)
        for number, (stage, procedure, target) in zip(range(count), free):
            rule(stage=stage, procedure=procedure, target=target, label=f"缺项{len(taken) + number:03d}",
                 active=number % 2 == 0)

    def form_data(self, city):
        return {"stage": "notification", "procedure": "general", "requirement": "field", "target": "notified_on",
                "label": "告知日期", "colour": "yellow", "active": "on"}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "target": "no_such_field"}, "target"

    def created(self, form_data):
        return StageRequirementRule.objects.get(label=form_data["label"])

    def edit_data(self, city, obj):
        return {"stage": obj.stage, "procedure": obj.procedure, "requirement": obj.requirement, "target": obj.target,
                "label": "违法事实（已修改）", "colour": obj.colour, "active": "on"}


def test_rule_screens_are_for_administrators(client, city):
    officer = factories.user(city["yantian"], roles=[factories.role(["cases.view_case"])])
    client.force_login(officer)
    assert client.get(TestStageRequirementRuleViews().url("list")).status_code == 403
