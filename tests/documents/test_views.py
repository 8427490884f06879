"""The documents tab and pages: what each person sees and may do, issuing through the page, the download."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from zhifa.cases import page
from zhifa.core.models import AuditEntry
from zhifa.documents.models import IssuedDocument

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(case, user):
    tab = next(shown for shown in page.tabs_for(case, user) if shown.tab.key == "documents")
    return {row.template.kind: row for row in tab.context["rows"]}


def test_the_tab_lists_the_kinds_of_the_case_with_the_reason_each_cannot_be_issued(closed_case, team):
    shown = rows(closed_case, team["officer"])
    assert "no_punishment_decision" not in shown and len(shown) == 14
    assert shown["filing_approval"].refusal == ""
    assert shown["service_receipt"].refusal == "“送达回证”缺少以下内容，不能签发：送达的文书"
    action = next(o for o in page.actions_for(closed_case, team["officer"]) if o.action.key == "documents")
    assert action.allowed and action.url == reverse("documents:case_documents", args=[closed_case.pk])
    outsider_action = next(o for o in page.actions_for(closed_case, team["outsider"]) if o.action.key == "documents")
    assert outsider_action.refusal == "您没有在“盐田区城市管理和综合执法局”制作文书的权限"


def test_issuing_through_the_page_and_downloading_the_stored_pdf(closed_case, team):
    client = client_for(team["officer"])
    response = client.post(reverse("documents:case_issue", args=[closed_case.pk, "punishment_decision"]))
    assert response.status_code == 302
    document = IssuedDocument.objects.get(kind="punishment_decision")
    page_html = client.get(reverse("documents:case_documents", args=[closed_case.pk])).content.decode()
    assert "已签发“行政处罚决定书”深盐城管罚〔2026〕第0001号" in page_html
    assert reverse("documents:issueddocument_download", args=[document.pk]) in page_html
    reads = AuditEntry.objects.filter(action="read").count()
    download = client.get(reverse("documents:issueddocument_download", args=[document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action="read").count() == reads + 1


def test_a_refused_issue_shows_the_reason_and_writes_nothing(closed_case, team):
    client = client_for(team["officer"])
    response = client.post(reverse("documents:case_issue", args=[closed_case.pk, "service_receipt"]), follow=True)
    assert "“送达回证”缺少以下内容，不能签发：送达的文书" in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_preview_is_a_draft_pdf(closed_case, team):
    response = client_for(team["officer"]).get(reverse("documents:case_preview", args=[closed_case.pk, "punishment_decision"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert not IssuedDocument.objects.exists()


def test_another_district_and_people_without_the_permission_get_nothing(closed_case, team):
    document = client_for(team["officer"]).post(
        reverse("documents:case_issue", args=[closed_case.pk, "filing_approval"])) and IssuedDocument.objects.get()
    outsider = client_for(team["outsider"])
    for url in (reverse("documents:case_documents", args=[closed_case.pk]),
                reverse("documents:case_preview", args=[closed_case.pk, "filing_approval"]),
                reverse("documents:issueddocument_download", args=[document.pk])):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(reverse("documents:case_issue", args=[closed_case.pk, "closing_approval"])).status_code == 404
    assert client_for(team["reader"]).get(reverse("documents:case_documents", args=[closed_case.pk])).status_code == 403
    assert IssuedDocument.objects.count() == 1
    stranger = factories.user(team["unit"])
    assert client_for(stranger).get(reverse("documents:issueddocument_download", args=[document.pk])).status_code == 404
