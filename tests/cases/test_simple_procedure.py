"""简易程序: registration, the on-the-spot decision and its legal refusals, each leaving the database as it was."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhifa.basedata.models import InspectedObject
from zhifa.cases.models import Case, CaseOfficer, CaseParty
from zhifa.cases.services import case_register, simple_decide
from zhifa.core.models import AuditEntry, NumberSequence

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 12, 1)
ARTICLE_51 = "中华人民共和国行政处罚法第51条"
ARTICLE_42 = "中华人民共和国行政处罚法第42条"
ARTICLE_44 = "中华人民共和国行政处罚法第44条"


def register(agency, party="citizen", assistants=("officer2",), **values):
    return case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="simple", source="self_discovered",
        cause="占道经营", parties=[agency[party]], lead=agency["certificates"]["officer"],
        assistants=[agency["certificates"][name] for name in assistants], facts="在人行道上摆卖水果", **values,
    )


def state():
    """Everything a refused decision must leave untouched."""
    return (
        list(Case.objects.values_list("number", "status", "fine_amount", "decided_on", "filed_on", "notified_on")),
        CaseParty.objects.count(), CaseOfficer.objects.count(), AuditEntry.objects.count(),
        list(NumberSequence.objects.values_list("last_value", flat=True)),
    )


def test_registration_links_the_library_party_and_the_officers(agency):
    case = register(agency)
    assert case.number == "" and case.status == "registered" and case.party_type == "citizen"
    assert [p.inspected_object for p in case.parties.all()] == [agency["citizen"]]
    assert sorted(case.officers.values_list("role", flat=True)) == ["assistant", "lead"]
    assert InspectedObject.objects.get(pk=agency["citizen"].pk).cases_count == 1
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk), action="create").exists()


def test_registration_refuses_an_expired_certificate_and_another_district(agency):
    with pytest.raises(ValidationError) as caught:
        register(agency, assistants=("expired",))
    assert "陈执法" in caught.value.message_dict["assistants"][0] and "到期" in caught.value.message_dict["assistants"][0]
    with pytest.raises(ValidationError, match="没有在“福田区城市管理和综合执法局”登记案件的权限"):
        case_register(unit=agency["outsider"].unit, actor=agency["officer"], procedure_type="simple", source="clue",
                      cause="占道经营", parties=[agency["citizen"]], lead=agency["certificates"]["officer"])
    assert Case.objects.count() == 0 and InspectedObject.objects.get(pk=agency["citizen"].pk).cases_count == 0


def test_a_fine_of_200_on_a_citizen_is_decided_and_numbered(agency):
    case = simple_decide(case=register(agency), actor=agency["officer"], fine_amount=200, notified=True, decided_on=ON)
    case.refresh_from_db()
    assert case.status == "decided" and case.fine_amount == Decimal("200")
    assert case.number == "深盐城管立〔2026〕第0001号" and case.filed_on == ON == case.decided_on
    assert AuditEntry.objects.filter(object_id=str(case.pk), message__startswith="简易程序当场作出行政处罚决定").exists()


def test_organisation_threshold_is_3000(agency):
    case = simple_decide(case=register(agency, party="company"), actor=agency["officer"], fine_amount=3000,
                         notified=True, decided_on=ON)
    assert case.party_type == "legal_person" and case.status == "decided"
    other = register(agency, party="company")
    with pytest.raises(ValidationError, match=ARTICLE_51):
        simple_decide(case=other, actor=agency["officer"], fine_amount=Decimal("3000.01"), notified=True, decided_on=ON)


@pytest.mark.parametrize(
    ("assistants", "amount", "notified", "waived", "article"),
    [
        (("officer2",), 201, True, False, ARTICLE_51),
        ((), 200, True, False, ARTICLE_42),
        (("expired",), 200, True, False, ARTICLE_42),
        (("officer2",), 200, False, False, ARTICLE_44),
    ],
    ids=["201元超过简易程序上限", "只有一名执法人员", "协办执法证过期", "未告知"],
)
def test_refusals_quote_the_article_and_change_nothing(agency, assistants, amount, notified, waived, article):
    case = register(agency, assistants=("officer2",))
    if assistants != ("officer2",):  # the team changed after registration (e.g. a certificate expired)
        CaseOfficer.objects.filter(case=case, role="assistant").delete()
        for name in assistants:
            CaseOfficer.objects.create(case=case, officer=agency["certificates"][name], role="assistant")
    before = state()
    with pytest.raises(ValidationError) as caught:
        simple_decide(case=case, actor=agency["officer"], fine_amount=amount, notified=notified, notice_waived=waived,
                      decided_on=ON)
    assert len(caught.value.messages) == 1 and article in caught.value.messages[0]
    assert state() == before


def test_written_waiver_replaces_the_notice(agency):
    case = simple_decide(case=register(agency), actor=agency["officer"], fine_amount=50, notified=False,
                         notice_waived=True, decided_on=ON)
    assert case.status == "decided" and case.notice_waived and case.notified_on is None


def test_only_the_case_unit_may_decide_and_only_once(agency):
    case = register(agency)
    before = state()
    with pytest.raises(ValidationError, match="没有办理该案件的权限"):
        simple_decide(case=case, actor=agency["outsider"], fine_amount=100, notified=True, decided_on=ON)
    assert state() == before
    simple_decide(case=case, actor=agency["officer"], fine_amount=100, notified=True, decided_on=ON)
    with pytest.raises(ValidationError, match="已经作出决定"):
        simple_decide(case=case, actor=agency["officer"], fine_amount=100, notified=True, decided_on=ON)
