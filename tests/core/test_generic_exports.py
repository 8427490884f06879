"""Excel export: filters and sort of the list, text that never turns into a formula, one audit row."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.base import streamed
from zhifa.core.exports import cell_value
from zhifa.core.models import AuditEntry
from zhifa.org.models import User


@pytest.fixture
def admin(city):
    permissions = factories.model_permissions(User, ["view"]) + ["org.view_unit"]
    return factories.user(city["yantian"], username="yt-admin", roles=[factories.role(permissions)])


def sheet_of(response):
    return load_workbook(io.BytesIO(streamed(response))).worksheets[0]


def test_export_follows_the_filter_and_sort_and_records_them(client, city, admin):
    for name in ("yt-b", "yt-a", "yt-c", "other"):
        factories.user(city["yantian"], username=name)
    client.force_login(admin)
    response = client.get(reverse("org:user_export"), {"q": "yt-", "sort": "-username"})
    assert response["Content-Disposition"].startswith("attachment")
    names = [row[0] for row in sheet_of(response).iter_rows(min_row=2, values_only=True)]
    assert names == ["yt-c", "yt-b", "yt-admin", "yt-a"]
    entry = AuditEntry.objects.get(action="export", object_type="org.user")
    assert entry.message == "导出用户4行；筛选条件：搜索=yt-"
    assert entry.username == "yt-admin"


def test_text_starting_with_equals_stays_text(client, city, admin):
    factories.user(city["yantian"], username="yt-formula", display_name="=HYPERLINK(\"http://x\")")
    client.force_login(admin)
    sheet = sheet_of(client.get(reverse("org:user_export"), {"q": "yt-formula"}))
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_cell_values_are_plain_and_local():
    assert cell_value(True) == "是"
    assert cell_value(None) == ""
    assert cell_value("<b>粗体</b>\x07") == "粗体"


def test_export_needs_the_view_permission(client, city):
    client.force_login(factories.user(city["yantian"]))
    assert client.get(reverse("org:user_export")).status_code == 403
    assert not AuditEntry.objects.filter(action="export").exists()
