"""The case record: 案由 from the power list with its article citations, amounts, discretion, evidence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from tests.basedata.test_powers import make_power
from tests.cases.procedure_steps import register, snapshot
from zhifa.basedata.models import Article, Law
from zhifa.basedata.models.discretion import DiscretionLevel, DiscretionStandard, StandardStatus
from zhifa.basedata.models.powers import PowerKind
from zhifa.cases.actions.side import deadlines_context
from zhifa.cases.services import case_update_record, evidence_add
from zhifa.core.scoping import DataScope
from zhifa.core.services.attachments import attachments_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def power(agency):
    """对餐饮服务单位未设置油烟净化设施的处罚, citing its article, with the unit's published standard."""
    agency["officer"].roles.add(factories.role(["basedata.view_power"], DataScope.UNIT))
    power = make_power(agency["unit"], name="对餐饮服务单位未设置油烟净化设施的处罚")
    law = Law.objects.create(title="中华人民共和国大气污染防治法", short_title="大气污染防治法", level="法律",
                             version_date=dt.date(2018, 10, 26))
    article = Article.objects.create(law=law, number=118, label="第一百一十八条", text="……处五千元以上五万元以下的罚款……",
                                     order=118)
    power.basis.add(article)
    standard = DiscretionStandard.objects.create(power=power, unit=agency["unit"], title="油烟净化裁量基准",
                                                 status=StandardStatus.PUBLISHED, published_at=timezone.now())
    DiscretionLevel.objects.create(standard=standard, circumstance="一般", penalty_kinds=["fine"],
                                   fine_min=Decimal("10000"), fine_max=Decimal("30000"))
    return power


def update(agency, case, power, **values):
    fields = {"facts": "经营场所未设置油烟净化设施，油烟直排", "act_on": dt.date(2026, 11, 20),
              "amount_involved": Decimal("8000"), "fine_amount": Decimal("20000"), "circumstance": "一般"}
    fields.update(values)
    return case_update_record(case=case, actor=agency["officer"], power=power, **fields)


def test_cause_comes_from_the_power_with_its_citations_and_the_discretion_range(agency, general_procedure, power):
    case = update(agency, register(agency), power)
    case.refresh_from_db()
    assert case.cause == power.name and case.amount_involved == Decimal("8000")
    assert (case.suggested_fine_min, case.suggested_fine_max) == (Decimal("10000"), Decimal("30000"))
    assert case.discretion_standard.title == "油烟净化裁量基准"
    assert deadlines_context(case, agency["officer"])["citations"] == ["《大气污染防治法》第一百一十八条"]


def test_a_fine_outside_the_range_needs_a_written_reason(agency, general_procedure, power):
    case = register(agency)
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        update(agency, case, power, fine_amount=Decimal("40000"))
    assert "超出裁量基准范围" in caught.value.message_dict["deviation_reason"][0]
    assert snapshot() == before
    case = update(agency, case, power, fine_amount=Decimal("40000"), deviation_reason="拒不改正且多次被投诉")
    assert case.deviation_reason == "拒不改正且多次被投诉"


def test_only_penalty_powers_are_causes(agency, general_procedure, power):
    inspection = make_power(agency["unit"], name="对餐饮单位的行政检查", kind=PowerKind.INSPECTION)
    with pytest.raises(ValidationError) as caught:
        update(agency, register(agency), inspection)
    assert "不是行政处罚类职权" in caught.value.message_dict["power"][0]


def test_evidence_with_its_file_through_the_attachment_service(agency, general_procedure, power):
    case = register(agency)
    photo = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff\xe0" + bytes(64), content_type="image/jpeg")
    item = evidence_add(case=case, actor=agency["officer"], name="现场照片", kind="audiovisual",
                        collected_on=dt.date(2026, 12, 1), collected_by=agency["certificates"]["officer"],
                        uploaded_file=photo)
    assert [a.original_name for a in attachments_of(item)] == ["现场照片.jpg"]
    with pytest.raises(ValidationError) as caught:
        evidence_add(case=case, actor=agency["officer"], name="询问笔录", kind="statement",
                     collected_on=dt.date(2026, 12, 1), collected_by=agency["certificates"]["outsider"])
    assert caught.value.message_dict["collected_by"] == ["收集人须是本案的办案人员"]
    assert case.evidence.count() == 1
