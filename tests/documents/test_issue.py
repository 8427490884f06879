"""Issuing documents: every shipped kind renders for a case built through the services; refusals name the
missing fields and write nothing; numbers are drawn on issue only; the PDF text is extractable."""

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.cases.services import decision_record
from zhifa.core.models import Attachment, AuditEntry, NumberSequence
from zhifa.core.services.attachments import verified_copy
from zhifa.documents.catalogue import load_catalogue
from zhifa.documents.models import IssuedDocument
from zhifa.documents.services import issue_document, issue_refusal, preview_document

from .conftest import (
    ADDRESS,
    ARRANGEMENT_REASON,
    HEARING_CONCLUSION,
    HEARING_PLACE,
    HEARING_SUGGESTION,
    LEGAL_BASIS,
    approve,
    close,
    record,
    register,
)

pytestmark = pytest.mark.django_db

DECISION_NUMBER = "深盐城管罚〔2026〕第0001号"


def written():
    return (IssuedDocument.objects.count(), Attachment.objects.count(), list(NumberSequence.objects.values_list("last_value", flat=True)))


def pdf_text(document) -> str:
    with verified_copy(document.attachment) as copy:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=copy.read(), capture_output=True, check=True)
    return "".join(result.stdout.decode("utf-8").split())


def test_every_kind_but_the_no_penalty_decision_issues_for_a_case_through_the_general_procedure(executing_case, team):
    kinds = [entry.kind for entry in load_catalogue()]
    assert len(kinds) == 15
    issued = {}
    case = executing_case
    for kind in kinds:
        if kind == "closing_approval":  # 结案 comes once the fine is paid
            case = close(team, case)
        if kind == "no_punishment_decision":
            assert issue_refusal(subject=case, kind=kind, actor=team["officer"]) == "“不予行政处罚决定书”不适用于本案"
            continue
        document = issue_document(subject=case, kind=kind, actor=team["officer"])
        issued[kind] = document
        assert document.template.version == 1 and document.unit == team["unit"]
        assert document.attachment.sha256 == document.sha256 and document.attachment.content_type_name == "application/pdf"
        assert verified_copy(document.attachment).read(5) == b"%PDF-"
    assert issued["punishment_decision"].number == DECISION_NUMBER
    assert issued["punishment_notice"].number == "深盐城管罚告〔2026〕第0001号"
    assert issued["hearing_notice"].number == "深盐城管听通〔2026〕第0001号"
    assert issued["filing_approval"].number == "" and issued["closing_approval"].number == ""
    frozen = issued["filing_approval"].context
    assert frozen["approvals"]["filing"][0]["opinion"] == "周局长同意" and frozen["case"]["number"] == case.number
    assert issued["service_receipt"].context["served"][-1] == {
        "number": DECISION_NUMBER, "title": "行政处罚决定书", "issued_on": issued["punishment_decision"].context["today"]}


def test_the_sections_come_from_the_case_records(executing_case, team):
    document = issue_document(subject=executing_case, kind="hearing_record", actor=team["officer"])
    hearing, execution = document.context["hearing"], document.context["execution"]
    assert document.context["legal_basis"] == LEGAL_BASIS
    assert document.context["evidence"]["items"] == [{"name": "现场笔录", "kind": "勘验笔录、现场笔录",
                                                      "proves": "未安装油烟净化设施", "collected_on": "二〇二六年十一月二十日"}]
    assert document.context["decision"]["kind"] == "给予行政处罚" and not document.context["decision"]["no_penalty"]
    assert (hearing["right"], hearing["requested"], hearing["place"], hearing["host"], hearing["recorder"]) == (
        True, True, HEARING_PLACE, "孙主持", "赵记录")
    assert hearing["participants"] == ["调查人员张执法", "当事人李经理"]
    assert [s["speaker"] for s in hearing["statements"]] == ["主持人孙主持", "调查人员张执法", "当事人李经理", "书记员赵记录"]
    assert hearing["request_deadline"].startswith("二〇") and hearing["held_at"].startswith("二〇")
    assert (hearing["summary"], hearing["opinion"]) == (HEARING_CONCLUSION, HEARING_SUGGESTION)
    assert (execution["outstanding"], execution["surcharge"]) == ("20,000.00", "")
    assert execution["deferral"]["kind"] == "分期缴纳" and execution["deferral"]["reason"] == ARRANGEMENT_REASON
    assert execution["deferral"]["plan"].startswith("分2期缴纳：第1期于")
    assert execution["deferral"]["approvals"][0]["opinion"] == "同意分期"
    assert execution["result"] == "已缴纳0.00元，尚欠20,000.00元"
    closed = close(team, executing_case)
    result = issue_document(subject=closed, kind="closing_approval", actor=team["officer"]).context["execution"]["result"]
    assert result.startswith("罚款人民币20,000.00元已于二〇") and result.endswith("全部缴纳")


def test_pdftotext_finds_the_party_and_the_decision_number(closed_case, team):
    for kind in ("punishment_notice", "punishment_decision"):
        document = issue_document(subject=closed_case, kind=kind, actor=team["officer"])
    text = pdf_text(document)
    assert team["company"].name in text and DECISION_NUMBER in text
    assert LEGAL_BASIS["penalty"] in text and "罚款人民币20,000.00元" in text
    assert "盐田区城市管理和综合执法局" in text and "二〇二六年" in text


def test_the_no_penalty_decision_issues_when_the_decision_service_recorded_it(team, general_procedure, catalogue):
    team["company"].registered_address = ADDRESS
    team["company"].save()
    case = register(team)
    for who in ("leader", "officer", "officer2", "squad", "officer"):
        approve(team, case, who)
    case = decision_record(case=case, actor=team["officer"], kind="no_penalty", reason="当事人系初次违法且危害后果轻微并及时改正。",
                           ground="first_violation",
                           education_on=timezone.localdate(), education_content="宣讲油烟污染防治规定",
                           education_officer=team["certificates"]["officer"])
    assert issue_refusal(subject=case, kind="punishment_decision", actor=team["officer"]) == "“行政处罚决定书”不适用于本案"
    document = issue_document(subject=case, kind="no_punishment_decision", actor=team["officer"])
    assert document.number == "深盐城管不罚〔2026〕第0001号"
    assert document.context["decision"]["basis"] == "《中华人民共和国行政处罚法》第33条第1款"
    assert document.context["decision"]["education"].endswith("对当事人进行了教育：宣讲油烟污染防治规定")


def test_refusal_names_every_missing_field_and_writes_nothing(team, general_procedure, catalogue, power):
    case = register(team)
    before, audit_rows = written(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        issue_document(subject=case, kind="punishment_decision", actor=team["officer"])
    assert caught.value.messages == ["“行政处罚决定书”缺少以下内容，不能签发：当事人地址、违反的法律规定、处罚依据"]
    assert written() == before and AuditEntry.objects.count() == audit_rows
    record(team, case, power)
    team["company"].registered_address = ADDRESS
    team["company"].save()
    assert issue_document(subject=case, kind="punishment_decision", actor=team["officer"]).number == DECISION_NUMBER


def test_preview_draws_no_number_and_issues_nothing(closed_case, team):
    before = written()
    title, pdf = preview_document(subject=closed_case, kind="punishment_decision", actor=team["officer"])
    assert title == "行政处罚决定书" and pdf.startswith(b"%PDF-")
    assert written() == before
    assert AuditEntry.objects.filter(action="read", message="预览文书：行政处罚决定书").count() == 1


def test_a_kind_is_issued_once_unless_repeatable(executing_case, team):
    issue_document(subject=executing_case, kind="punishment_decision", actor=team["officer"])
    with pytest.raises(ValidationError) as caught:
        issue_document(subject=executing_case, kind="punishment_decision", actor=team["officer"])
    assert caught.value.messages == [f"本案已签发“行政处罚决定书”（{DECISION_NUMBER}），不能重复签发；如需更正，请走文书纠错"]
    first = issue_document(subject=executing_case, kind="payment_reminder", actor=team["officer"])
    second = issue_document(subject=executing_case, kind="payment_reminder", actor=team["officer"])
    assert (first.number, second.number) == ("深盐城管催〔2026〕第0001号", "深盐城管催〔2026〕第0002号")


def test_only_people_allowed_in_the_case_unit_issue(closed_case, team):
    before = written()
    for who, reason in (("outsider", "您没有在“盐田区城市管理和综合执法局”制作文书的权限"),
                        ("reader", "您没有在“盐田区城市管理和综合执法局”制作文书的权限")):
        with pytest.raises(ValidationError) as caught:
            issue_document(subject=closed_case, kind="filing_approval", actor=team[who])
        assert caught.value.messages == [reason]
    assert written() == before


def test_a_unit_without_a_number_rule_is_told_to_configure_one(closed_case, team):
    from zhifa.core.models import NumberRule

    NumberRule.objects.filter(kind="punishment_decision").delete()
    before = written()
    with pytest.raises(ValidationError) as caught:
        issue_document(subject=closed_case, kind="punishment_decision", actor=team["officer"])
    assert "没有设置编号类别“punishment_decision”的编号规则" in caught.value.messages[0]
    assert written()[:2] == before[:2]
