"""What the decision documents cite: the ground of 不予行政处罚 with its own article, and each article of the power
in the role the power list gives it (违反的规定 / 处罚依据)."""

import subprocess

import pytest
from django.utils import timezone

from zhifa.basedata.models import PowerBasis
from zhifa.basedata.services.powers import power_update
from zhifa.cases.services import decision_record
from zhifa.core.services.attachments import verified_copy
from zhifa.documents.contexts.case_sections import legal_basis_section
from zhifa.documents.services import issue_document, issue_refusal

from .conftest import ADDRESS, LEGAL_BASIS, approve, record, register

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    with verified_copy(document.attachment) as copy:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=copy.read(), capture_output=True,
                                check=True)
    return "".join(result.stdout.decode("utf-8").split())


def at_decision(team):
    team["company"].registered_address = ADDRESS
    team["company"].save()
    case = register(team)
    for who in ("leader", "officer", "officer2", "squad", "officer"):
        approve(team, case, who)
    return case


def not_penalised(team, case, ground):
    return decision_record(case=case, actor=team["officer"], kind="no_penalty", reason="当事人提供了充分证据。",
                           ground=ground, education_on=timezone.localdate(), education_content="宣讲油烟污染防治规定",
                           education_officer=team["certificates"]["officer"])


def test_the_no_penalty_decision_prints_its_ground_and_that_grounds_article(team, general_procedure, catalogue):
    case = not_penalised(team, at_decision(team), "no_fault")
    document = issue_document(subject=case, kind="no_punishment_decision", actor=team["officer"])
    assert document.context["decision"]["ground"] == "当事人有证据足以证明没有主观过错"
    assert document.context["decision"]["basis"] == "《中华人民共和国行政处罚法》第33条第2款"
    text = pdf_text(document)
    assert "当事人有证据足以证明没有主观过错" in text and "第33条第2款" in text and "第33条第1款" not in text


def test_a_no_penalty_recorded_without_its_ground_is_refused_by_name(team, general_procedure, catalogue):
    case = not_penalised(team, at_decision(team), "minor")
    case.no_penalty_ground = ""  # a decision recorded before the ground was asked for
    case.save()
    assert issue_refusal(subject=case, kind="no_punishment_decision", actor=team["officer"]) == (
        "“不予行政处罚决定书”缺少以下内容，不能签发：不予行政处罚的情形、不予行政处罚的依据")


def test_the_legal_basis_follows_the_roles_of_the_power_list(team, general_procedure, catalogue, power):
    case = record(team, register(team), power)
    assert legal_basis_section(case) == LEGAL_BASIS  # rows linked without a role: by chapter
    violated, penalty = (row.article for row in PowerBasis.objects.filter(power=power).order_by("article__order"))
    power_update(power=power, reason="第八十一条亦为处罚的依据", citations=[(violated, "penalty"), (penalty, "penalty")])
    assert legal_basis_section(case) == {"violated": "", "penalty": f'{LEGAL_BASIS["violated"]}、{LEGAL_BASIS["penalty"]}'}
    assert power.versions.order_by("-version").first().data["basis"] == sorted(
        f"{article}（处罚依据）" for article in (violated, penalty))
