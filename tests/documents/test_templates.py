"""Template versions: the catalogue syncs once, a new version never touches issued documents, the sandbox holds."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from zhifa.core.models import NumberRule
from zhifa.core.services.attachments import verified_copy
from zhifa.documents import catalogue as shipped
from zhifa.documents.models import DocumentTemplate
from zhifa.documents.rendering import render_html
from zhifa.documents.services import current_template, issue_document, template_publish

pytestmark = pytest.mark.django_db

NAMES = ["立案审批表", "案件调查终结报告", "法制审核意见书", "行政处罚案件集体讨论记录", "行政处罚告知书", "听证告知书",
         "行政处罚听证通知书", "听证笔录", "听证报告", "行政处罚决定书", "不予行政处罚决定书", "送达回证",
         "延期/分期缴纳罚款审批表", "行政处罚决定履行催告书", "结案审批表"]


def republish(kind: str, body: str, *, active_from: dt.date | None = None):
    latest = current_template(kind)
    return template_publish(
        kind=kind, name=latest.name, stage=latest.stage, body=body, css=latest.css,
        required_fields=latest.required_fields, number_kind=latest.number_kind, number_code=latest.number_code,
        options=latest.options, active_from=active_from or timezone.localdate(),
    )


def test_the_catalogue_holds_the_fifteen_documents_and_syncs_once(catalogue):
    assert [entry.name for entry in shipped.load_catalogue()] == NAMES
    assert sum(line.endswith("发布第1版") for line in catalogue) == 15
    assert shipped.sync_templates() == [] and shipped.ensure_number_rules() == []
    assert DocumentTemplate.objects.count() == 15
    body = current_template("punishment_decision").body
    assert "{% include" not in body and "{% with lead_in=" in body and "（印章）" in body


def test_every_required_field_of_the_catalogue_has_a_label():
    data = json.loads((shipped.ROOT / "catalogue.json").read_text(encoding="utf-8"))
    required = {key for item in data["documents"] for key in item["required"]}
    assert required <= set(data["fields"]) and set(data["fields"]) <= required | {"agency.name"}


def test_a_changed_file_publishes_a_new_version_and_issued_documents_keep_theirs(closed_case, team, tmp_path):
    first = issue_document(subject=closed_case, kind="filing_approval", actor=team["officer"])
    stored = verified_copy(first.attachment).read()
    for path in shipped.ROOT.iterdir():
        target = tmp_path / path.name
        if path.is_dir():
            target.mkdir()
            for partial in path.iterdir():
                (target / partial.name).write_text(partial.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = tmp_path / "filing_approval.html"
    changed.write_text(changed.read_text(encoding="utf-8") + "<p>第二版附注</p>", encoding="utf-8")
    assert shipped.sync_templates(tmp_path) == ["立案审批表：发布第2版"]
    first.refresh_from_db()
    assert first.template.version == 1 and "第二版附注" not in first.template.body
    assert verified_copy(first.attachment).read() == stored
    assert current_template("filing_approval").version == 2
    assert "第二版附注" in render_html(current_template("filing_approval"), {"document": {"title": "立案审批表"}}, draft=True)


def test_a_version_starts_on_its_active_date(catalogue):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    republish("payment_reminder", "<p>明日启用</p>", active_from=tomorrow)
    assert current_template("payment_reminder").version == 1
    assert current_template("payment_reminder", tomorrow).version == 2


@pytest.mark.parametrize("body, fragment", [
    ("{% load static %}{% static 'x.css' %}", "static"),
    ('{% include "base.html" %}', "base.html"),
    ("{% if %}", "有语法错误"),
])
def test_the_sandbox_refuses_libraries_files_and_broken_templates(catalogue, body, fragment):
    with pytest.raises(ValidationError) as caught:
        republish("payment_reminder", body)
    assert caught.value.messages[0].startswith("文书模板“行政处罚决定履行催告书”有语法错误") and fragment in caught.value.messages[0]
    assert current_template("payment_reminder").version == 1


def test_a_template_sees_only_its_context(catalogue):
    template = current_template("payment_reminder")
    template.body = "{{ settings.SECRET_KEY }}{{ request.user }}{{ party.name }}<script>{{ party.name }}</script>"
    html = render_html(template, {"party": {"name": "<b>某公司</b>"}}, draft=False)
    assert "&lt;b&gt;某公司&lt;/b&gt;" in html and "<b>" not in html and "SECRET" not in html


def test_the_sync_command_prints_each_change_and_then_none(city):
    out = StringIO()
    call_command("documents", "sync", stdout=out)
    lines = out.getvalue().splitlines()
    assert "行政处罚决定书：发布第1版" in lines
    assert "盐田区城市管理和综合执法局：新增编号规则“行政处罚决定书文号”（{prefix}罚〔{year}〕第{seq:04d}号）" in lines
    assert not any(line.startswith("深圳市司法局") for line in lines)  # no 文号代字, no rules
    assert NumberRule.objects.filter(unit=city["futian"], kind="hearing_notice").exists()
    out = StringIO()
    call_command("documents", "sync", stdout=out)
    assert out.getvalue().splitlines() == ["文书模板与编号规则已同步（0 项变化）"]
