"""The import engine: every error by row and column, all or nothing, friendly cells, safe uploads."""

import datetime as dt
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.base import csv_upload, xlsx_upload
from zhifa.core.forms import ImportFileForm
from zhifa.core.imports import (
    MAX_CELL_CHARS,
    MSG_CELL_TOO_LONG,
    MSG_DUPLICATE_COLUMN,
    MSG_MISSING_COLUMN,
    MSG_TOO_MANY_ROWS,
    run_import,
)
from zhifa.core.views.generic.exchange import IMPORT_SESSION_KEY, UPLOAD_DIR, purge_stale_uploads
from zhifa.core.views.generic.writes import save_form
from zhifa.org.forms.administration import UnitImportForm, UserImportForm
from zhifa.org.models import Unit, User


class UnitWithActiveFlagForm(UnitImportForm):
    """A unit import that also takes the yes/no column 启用."""

    class Meta(UnitImportForm.Meta):
        fields = (*UnitImportForm.Meta.fields, "is_active")


@pytest.fixture
def importer(city):
    role = factories.role(factories.model_permissions(Unit) + ["org.view_region"], "subtree")
    return factories.user(city["yantian"], roles=[role])


def unit_row(city, name, **extra):
    return {"名称": name, "类型": "科室/中队", "层级": "区级", "上级单位": city["yantian"].name, "所在区划": "440308",
            **extra}


def run(upload, user, form_class=UnitImportForm, commit=True, **options):
    return run_import(handle=io.BytesIO(upload.read()), filename=upload.name, form_class=form_class, user=user,
                      save_row=lambda form: save_form(form, user=user, action="add"), commit=commit, **options)


def test_header_problems_are_reported_on_row_one_with_the_column(city, importer):
    upload = xlsx_upload([{"名称": "甲", "name": "乙", "颜色": "红", "层级": "区级", "所在区划": "440308"}])
    outcome = run(upload, importer)
    assert [(e.row, e.column) for e in outcome.errors] == [(1, "name"), (1, "颜色"), (1, "类型")]
    assert outcome.errors[0].message == MSG_DUPLICATE_COLUMN.format(header="name")
    assert outcome.errors[2].message == MSG_MISSING_COLUMN.format(label="类型")
    assert not Unit.objects.filter(name="甲").exists()


def test_every_bad_row_is_reported_and_nothing_is_saved(city, importer):
    rows = [unit_row(city, "一中队"), unit_row(city, "二中队", 类型="车队"), unit_row(city, "三中队"),
            unit_row(city, "四中队", 所在区划="999999")]
    before = Unit.objects.count()
    outcome = run(xlsx_upload(rows), importer)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "类型"), (5, "所在区划")]
    assert Unit.objects.count() == before
    assert outcome.objects == []


def test_rows_that_conflict_with_each_other_are_caught_in_the_dry_run(city):
    admin = factories.user(city["yantian"], roles=[factories.role(
        factories.model_permissions(User) + ["org.view_unit", "org.view_role"])])
    rows = [{"用户名": "dup", "姓名": "甲", "单位": city["yantian"].name},
            {"用户名": "dup", "姓名": "乙", "单位": city["yantian"].name}]
    outcome = run(xlsx_upload(rows), admin, form_class=UserImportForm, commit=False)
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "用户名")]
    assert not User.objects.filter(username="dup").exists()


def test_yes_no_cells_take_chinese_words_and_refuse_anything_else(city, importer):
    rows = [unit_row(city, "一中队", 启用="否"), unit_row(city, "二中队", 启用="也许")]
    outcome = run(xlsx_upload(rows), importer, form_class=UnitWithActiveFlagForm, commit=False)
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [(3, "启用", "请填写“是”或“否”")]
    outcome = run(xlsx_upload(rows[:1]), importer, form_class=UnitWithActiveFlagForm)
    assert Unit.objects.get(name="一中队").is_active is False


def test_blank_rows_are_skipped_but_row_numbers_follow_the_sheet(city, importer):
    rows = [unit_row(city, "一中队"), {key: "" for key in unit_row(city, "")}, unit_row(city, "三中队", 层级="省级")]
    outcome = run(xlsx_upload(rows), importer, commit=False)
    assert outcome.rows == 2
    assert [(e.row, e.column) for e in outcome.errors] == [(4, "层级")]


def test_row_limit_stops_the_run(city, importer):
    rows = [unit_row(city, f"{n}中队") for n in range(3)]
    outcome = run(xlsx_upload(rows), importer, max_rows=2)
    assert outcome.errors[-1].message == MSG_TOO_MANY_ROWS.format(limit=2)
    assert not Unit.objects.filter(name__endswith="中队").exists()


def test_csv_in_utf8_and_broken_files(city, importer):
    assert run(csv_upload([unit_row(city, "一中队")]), importer).ok
    broken = run(SimpleUploadedFile("坏.xlsx", b"not a zip"), importer)
    assert [(e.row, e.message) for e in broken.errors] == [(1, "文件无法读取，请确认是有效的 .xlsx 或 .csv 文件")]


def test_upload_form_refuses_other_file_types():
    form = ImportFileForm(data={}, files={"file": SimpleUploadedFile("data.txt", b"a,b")})
    assert form.errors["file"] == ["文件格式不支持，请上传 .xlsx 或 .csv 文件"]


def test_preview_token_is_bound_to_the_session_that_uploaded(client, city, importer):
    client.force_login(importer)
    preview = client.post(reverse("org:unit_import"), {"file": xlsx_upload([unit_row(city, "一中队")])})
    token = preview.context["token"]
    other = factories.user(city["yantian"], roles=list(importer.roles.all()))
    client.force_login(other)
    response = client.post(reverse("org:unit_import"), {"token": token, "_confirm": "1"}, follow=True)
    assert "导入文件已失效，请重新上传" in response.content.decode()
    assert not Unit.objects.filter(name="一中队").exists()


def test_cancel_deletes_the_kept_upload(client, city, importer):
    client.force_login(importer)
    preview = client.post(reverse("org:unit_import"), {"file": xlsx_upload([unit_row(city, "一中队")])})
    stored = client.session[IMPORT_SESSION_KEY][preview.context["token"]]["name"]
    assert default_storage.exists(stored)
    client.post(reverse("org:unit_import"), {"token": preview.context["token"], "_cancel": "1"})
    assert not default_storage.exists(stored)
    assert preview.context["token"] not in client.session[IMPORT_SESSION_KEY]


def test_uploads_abandoned_for_a_day_are_purged(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fresh = default_storage.save(f"{UPLOAD_DIR}/fresh.xlsx", io.BytesIO(b"x"))
    stale = default_storage.save(f"{UPLOAD_DIR}/stale.xlsx", io.BytesIO(b"x"))
    old = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(stale), (old, old))
    purge_stale_uploads()
    assert default_storage.exists(fresh)
    assert not default_storage.exists(stale)


def test_a_cell_over_the_csv_limit_is_an_error_naming_row_and_column(city, importer):
    long_name = "长" * (MAX_CELL_CHARS + 1)
    upload = csv_upload([unit_row(city, "一中队"), unit_row(city, long_name)])
    outcome = run(upload, importer)
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [
        (3, "名称", MSG_CELL_TOO_LONG.format(limit=MAX_CELL_CHARS))
    ]
    assert not Unit.objects.filter(name="一中队").exists()


def test_a_long_cell_in_the_web_import_is_reported_not_a_server_error(client, city, importer):
    client.force_login(importer)
    upload = csv_upload([unit_row(city, "长" * (MAX_CELL_CHARS + 5))])
    response = client.post(reverse("org:unit_import"), {"file": upload})
    assert response.status_code == 200
    assert "单元格内容超过 131072 个字符" in response.content.decode()
