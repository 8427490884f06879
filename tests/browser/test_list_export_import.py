"""In a real browser: sign in, filter the user list, export it, import a file with a bad row."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests import factories
from zhifa.org.models import User

pytestmark = pytest.mark.browser


def workbook_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def people(transactional_db, city):
    permissions = factories.model_permissions(User, ["view", "add", "change"]) + ["org.view_unit", "org.view_role"]
    admin = factories.user(city["yantian"], username="yt-admin", display_name="盐田管理员",
                           roles=[factories.role(permissions)])
    factories.user(city["yantian"], username="yt-alpha", display_name="林一")
    factories.user(city["yantian"], username="yt-beta", display_name="林二")
    factories.user(city["futian"], username="ft-gamma", display_name="林三")
    return {"admin": admin, "city": city}


def test_filter_export_and_import_with_a_bad_row(live_server, sign_in, people, tmp_path):
    page = sign_in(people["admin"])
    assert page.get_by_test_id("current-user").inner_text() == "盐田管理员"

    page.goto(live_server.url + reverse("org:user_list"))
    table = page.locator("#object-list")
    assert "yt-beta" in table.inner_text()
    assert "ft-gamma" not in table.inner_text()

    page.fill("#filter-form input[name=q]", "yt-alpha")
    page.click("#filter-form button[type=submit]")
    page.wait_for_function("document.querySelector('[data-testid=row-count]').innerText === '1'")
    assert "yt-alpha" in table.inner_text()
    assert "yt-beta" not in table.inner_text()
    assert "q=yt-alpha" in page.url

    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved, read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ["用户名", "姓名"]
    assert [row[0] for row in rows[1:]] == ["yt-alpha"]

    before = User.objects.count()
    page.goto(live_server.url + reverse("org:user_import"))
    upload = workbook_bytes([
        ["用户名", "姓名", "单位", "手机号"],
        ["yt-new-1", "新人一", people["city"]["yantian"].name, "13900000001"],
        ["yt-new-2", "新人二", people["city"]["futian"].name, "13900000002"],
    ])
    page.set_input_files("input[name=file]", {"name": "用户.xlsx", "mimeType": "application/octet-stream",
                                              "buffer": upload})
    page.get_by_role("button", name="上传并检查").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    [row] = errors.locator("tbody tr").all_inner_texts()
    assert row.startswith("第 3 行\t单位\t")
    assert page.get_by_role("button", name="确认导入").count() == 0
    assert User.objects.count() == before
    assert not User.objects.filter(username="yt-new-1").exists()
