"""Pages: the 期限计算器 (all officers) and the holiday and threshold administration (permissions)."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhifa.legal.models import CalendarDay, CalendarYear, ThresholdSetting

D = dt.date


@pytest.fixture
def officer(legal_db, client):
    client.force_login(factories.user(None))
    return client


@pytest.fixture
def admin(legal_db, client):
    perms = (factories.model_permissions(CalendarDay) + factories.model_permissions(ThresholdSetting)
             + factories.model_permissions(CalendarYear))
    client.force_login(factories.user(None, roles=[factories.role(perms)]))
    return client


def test_calculator_requires_login(legal_db, client):
    response = client.get(reverse("legal:calculator"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_calculator_form_and_example(officer):
    page = officer.get(reverse("legal:calculator"), {"rule": "decision_deadline", "example": "1"}).content.decode()
    assert "行政处罚决定期限" in page and 'name="filed_on"' in page and 'value="2026-01-05"' in page
    assert 'name="excluded_periods__start"' in page and 'name="extensions"' in page
    unknown = officer.get(reverse("legal:calculator"), {"rule": "nope"})
    assert unknown.status_code == 200


def test_calculator_result_with_calendar_and_basis(officer):
    response = officer.post(reverse("legal:calculator"), {"rule": "payment_deadline", "received_on": "2026-01-31"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2026年2月24日（周二）" in page  # 2/15 春节 rolled forward (民法典第203条)
    assert "第67条第3款" in page and "第203条" in page
    assert 'data-testid="legal-warnings"' in page
    assert "2026年2月" in page and "legal-day" in page and "result" in page and "<sup>休</sup>" in page


def test_calculator_keeps_input_and_names_the_bad_field(officer):
    response = officer.post(
        reverse("legal:calculator"),
        {"rule": "onsite_collection", "fine_amount": "-5", "hard_to_enforce_later": "false", "remote_area_requested": "true"},
    )
    page = response.content.decode()
    assert "参数 罚款金额不能为负数" in page and "fine_amount" not in page.split('name="fine_amount"')[1]
    assert 'value="-5"' in page and 'id="f-remote_area_requested-yes" value="true" checked' in page


def test_calculator_marks_every_missing_field_by_its_chinese_label(officer):
    response = officer.post(reverse("legal:calculator"), {"rule": "late_payment_surcharge"})
    page = response.content.decode()
    errors = re.findall(r'data-testid="field-error">([^<]*)<', page)
    assert errors == ["请填写罚款金额", "请填写缴款期限届满日", "请填写实际缴纳（或计算截止）日期"]
    assert "请填写标红的 3 项：罚款金额、缴款期限届满日、实际缴纳（或计算截止）日期" in page
    assert "fine_amount" not in re.sub(r'(name|id|for)="[^"]*"', "", page)


def test_calculator_lists_and_periods_from_the_form(officer):
    response = officer.post(reverse("legal:calculator"), {
        "rule": "decision_deadline", "filed_on": "2026-01-05", "sector": "market_regulation", "extensions": "30",
        "excluded_periods__start": ["2026-02-02", ""], "excluded_periods__end": ["2026-02-11", ""], "decided_on": "",
    })
    assert "2026年5月15日" in response.content.decode()


def test_calculator_htmx_returns_the_partial(officer):
    response = officer.post(
        reverse("legal:calculator"), {"rule": "payment_deadline", "received_on": "2026-01-31"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "2026年2月24日" in page and "<html" not in page


def test_calendar_pages_need_permission(officer):
    assert officer.get(reverse("legal:calendar")).status_code == 403
    assert officer.post(reverse("legal:calendar_add"), {}).status_code == 403
    assert officer.get(reverse("legal:thresholds")).status_code == 403


def test_calendar_admin(admin):
    page = admin.get(reverse("legal:calendar"), {"year": "2026"}).content.decode()
    assert "国庆节" in page and "2026年" in page
    assert "尚未录入" in admin.get(reverse("legal:calendar"), {"year": "2031"}).content.decode()
    response = admin.post(reverse("legal:calendar_add"), {"date": "2031-05-01", "kind": "holiday", "name": "劳动节"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2031, 5, 1))
    assert day.source == "manual"
    invalid = admin.post(reverse("legal:calendar_add"), {"date": "2031-05-06", "kind": "workday", "name": "错误"})
    assert invalid.status_code == 400 and "调休上班日应为周六或周日" in invalid.content.decode()
    assert admin.post(reverse("legal:calendar_delete", args=[day.pk])).status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    export = admin.get(reverse("legal:calendar_export"), {"year": "2026"})
    assert "2026-10-01,holiday,国庆节" in export.content.decode("utf-8-sig")


def test_calendar_import_view(admin):
    good = SimpleUploadedFile("2031.csv", "date,kind,name\n2031-01-01,holiday,元旦\n".encode())
    response = admin.post(reverse("legal:calendar_import"), {"file": good})
    assert response.status_code == 302 and CalendarDay.objects.filter(date=D(2031, 1, 1)).exists()
    bad = SimpleUploadedFile("bad.csv", b"date,kind,name\n2031-02-30,holiday,x\n")
    response = admin.post(reverse("legal:calendar_import"), {"file": bad})
    assert response.status_code == 400 and "第2行“日期”列" in response.content.decode()


def test_threshold_admin(admin):
    page = admin.get(reverse("legal:thresholds")).content.decode()
    assert "hearing.citizen_fine_min" in page and "未核实" in page
    response = admin.post(reverse("legal:threshold_add"), {
        "key": "hearing.citizen_fine_min", "effective_from": "2026-01-01", "region": "440300",
        "sector": "market_regulation", "value": "10000", "law": "测试规定", "article": "第1条", "verified": "on",
    })
    assert response.status_code == 302
    row = ThresholdSetting.objects.get()
    assert (row.region, row.value) == ("4403", 10000)
    invalid = admin.post(reverse("legal:threshold_add"), {
        "key": "hearing.citizen_fine_min", "effective_from": "2026-01-01", "value": "-3", "law": "x", "article": "y",
    })
    assert invalid.status_code == 400 and "不小于0的整数" in invalid.content.decode()
    assert admin.post(reverse("legal:threshold_delete", args=[row.pk])).status_code == 302
    assert not ThresholdSetting.objects.exists()


def test_menu_entries(legal_db):
    from zhifa.core.menu import menu_for

    officer = factories.user(None)
    labels = [item["label"] for group in menu_for(officer) for item in group.items]
    assert "期限计算器" in labels and "节假日安排" not in labels
    admin = factories.user(None, roles=[factories.role(factories.model_permissions(CalendarDay, ["view", "change"]))])
    assert "节假日安排" in [item["label"] for group in menu_for(admin) for item in group.items]


def test_calendar_import_view_asks_before_other_years_and_a_year_can_be_completed(admin):
    content = "date,kind,name\n2030-12-30,holiday,测试\n2031-05-01,holiday,劳动节\n".encode()
    refused = admin.post(reverse("legal:calendar_import"), {"file": SimpleUploadedFile("2031.csv", content)})
    assert refused.status_code == 400 and "允许改动其他年份的日期" in refused.content.decode()
    assert not CalendarDay.objects.filter(date__year=2031).exists()
    forced = admin.post(reverse("legal:calendar_import"),
                        {"file": SimpleUploadedFile("2031.csv", content), "force": "on", "partial": "on"})
    assert forced.status_code == 302 and CalendarDay.objects.filter(date=D(2030, 12, 30)).exists()
    page = admin.get(reverse("legal:calendar"), {"year": 2031}).content.decode()
    assert "尚未完整录入" in page and "标记2031年安排已完整" in page
    admin.post(reverse("legal:calendar_complete", args=[2031]), {"complete": "1"})
    assert CalendarYear.objects.get(year=2031).complete
    assert "尚未完整录入" not in admin.get(reverse("legal:calendar"), {"year": 2031}).content.decode()
