"""不予行政处罚 states its ground (行政处罚法第30、31、33、36条); the service checks it where the case's data allow."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from stdnum.cn import ric

from tests.basedata import people as objects
from tests.cases.procedure_steps import advance, approve, register, snapshot
from zhifa.basedata.models.objects import ObjectKind
from zhifa.cases.rules import GROUND_BASIS, birth_date_of
from zhifa.cases.services import case_register, case_update_record, decision_record, notice_serve

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def child_id_number(born: dt.date) -> str:
    first17 = f"440308{born:%Y%m%d}123"
    return first17 + ric.calc_check_digit(first17 + "?")


def registered(agency, party=None, act_on=None):
    """A 一般程序 case against ``party`` (the company by default), its act dated ``act_on`` when given."""
    case = case_register(unit=agency["unit"], actor=agency["officer"], procedure_type="general", source="inspection",
                         cause="占道经营", parties=[party or agency["company"]], lead=agency["certificates"]["officer"],
                         assistants=[agency["certificates"]["officer2"]], fine_amount=200, facts="在人行道上摆卖")
    if act_on is not None:
        case_update_record(case=case, actor=agency["officer"], power=None, facts=case.facts, act_on=act_on,
                           fine_amount=case.fine_amount)
    return case


def at_decision(agency, case):
    advance(agency, case, "notification")
    notice_serve(case=case, actor=agency["officer"], served_on=TODAY(), waived=True)
    approve(agency, case)
    return case


def no_penalty(agency, case, ground, **values):
    return decision_record(case=case, actor=agency["officer"], kind="no_penalty", reason="依法不予处罚", ground=ground,
                           education_on=TODAY(), education_content="讲解相关法律规定",
                           education_officer=agency["certificates"]["officer"], **values)


def ground_error(caught) -> str:
    return caught.value.message_dict["ground"][0]


def test_the_ground_is_required_and_each_ground_has_its_article(agency, general_procedure):
    case = at_decision(agency, register(agency))
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        no_penalty(agency, case, "")
    assert ground_error(caught) == "请选择不予行政处罚的情形"
    assert snapshot() == before
    assert {ground: citation.article for ground, citation in GROUND_BASIS.items()} == {
        "minor": "第33条第1款", "first_violation": "第33条第1款", "no_fault": "第33条第2款",
        "under_fourteen": "第30条", "mental_incapacity": "第31条", "time_barred": "第36条",
    }
    no_penalty(agency, case, "no_fault")
    case.refresh_from_db()
    assert (case.decision_kind, case.no_penalty_ground) == ("no_penalty", "no_fault")
    decision_record(case=case, actor=agency["officer"], kind="penalty", fine_amount=case.fine_amount)
    case.refresh_from_db()
    assert case.no_penalty_ground == ""  # a ground belongs to 不予行政处罚 only


def test_personal_grounds_only_for_a_natural_person(agency, general_procedure):
    case = at_decision(agency, register(agency))  # the party is a company
    before = snapshot()
    for ground, article in (("under_fourteen", "第30条"), ("mental_incapacity", "第31条")):
        with pytest.raises(ValidationError) as caught:
            no_penalty(agency, case, ground)
        assert "只适用于自然人当事人" in ground_error(caught) and article in ground_error(caught)
    assert snapshot() == before


def test_under_fourteen_is_checked_against_the_birth_date_in_the_id_number(agency, general_procedure):
    adult = agency["citizen"]
    assert birth_date_of(adult.id_number) < dt.date(2000, 1, 1)
    act_on = TODAY() - dt.timedelta(days=30)
    case = at_decision(agency, registered(agency, adult, act_on))
    with pytest.raises(ValidationError) as caught:
        no_penalty(agency, case, "under_fourteen")
    assert "已满十四周岁" in ground_error(caught) and "第30条" in ground_error(caught)
    child = objects.inspected_object(agency["unit"], "王小某", kind=ObjectKind.INDIVIDUAL,
                                     id_number=child_id_number(act_on.replace(year=act_on.year - 12)))
    young = at_decision(agency, registered(agency, child, act_on))
    no_penalty(agency, young, "under_fourteen")
    young.refresh_from_db()
    assert young.no_penalty_ground == "under_fourteen"


def test_time_barred_needs_the_limitation_period_to_have_run(agency, general_procedure):
    case = at_decision(agency, registered(agency, act_on=TODAY() - dt.timedelta(days=100)))
    with pytest.raises(ValidationError) as caught:
        no_penalty(agency, case, "time_barred")
    assert "尚未超过" in ground_error(caught) and "第36条" in ground_error(caught)


def test_time_barred_without_the_act_date_is_refused_by_name(agency, general_procedure):
    case = at_decision(agency, register(agency))
    with pytest.raises(ValidationError) as caught:
        no_penalty(agency, case, "time_barred")
    assert "违法行为发生日期" in ground_error(caught)


def test_time_barred_once_the_investigation_dates_the_act_earlier(agency, general_procedure):
    case = at_decision(agency, registered(agency, act_on=TODAY() - dt.timedelta(days=100)))
    case_update_record(case=case, actor=agency["officer"], power=None, facts=case.facts,
                       act_on=TODAY() - dt.timedelta(days=3 * 365), fine_amount=case.fine_amount)
    case.refresh_from_db()
    no_penalty(agency, case, "time_barred")
    case.refresh_from_db()
    assert case.no_penalty_ground == "time_barred"


def test_the_decision_form_names_the_ground_field(client, agency, general_procedure):
    case = at_decision(agency, register(agency))
    client.force_login(agency["officer"])
    url = reverse("cases:decision_record", args=[case.pk])
    assert "不予行政处罚的情形" in client.get(url).text
    response = client.post(url, {"kind": "no_penalty", "fine_amount": "0", "reason": "初次违法", "ground": "",
                                 "education_on": TODAY().isoformat(), "education_content": "讲解",
                                 "education_officer": agency["certificates"]["officer"].pk})
    assert response.status_code == 400
    assert response.context["form"].errors["ground"] == ["请选择不予行政处罚的情形"]
