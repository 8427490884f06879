"""Bulk import of market-registration data: all or nothing, every bad row named by row and column."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tests import factories
from tests.base import csv_upload, xlsx_upload
from tests.basedata import people
from zhifa.basedata.models.objects import (
    MSG_CREDIT_CODE_REQUIRED,
    InspectedObject,
    ObjectKind,
    ObjectStatus,
)
from zhifa.basedata.services import object_import as importer
from zhifa.basedata.demo.objects import Place, csv_bytes, rows
from zhifa.basedata.services.object_import import MSG_OTHER_UNIT, import_objects
from zhifa.basedata.services.object_validation import credit_code_problem, id_number_problem
from zhifa.core.imports import MAX_CELL_CHARS, MSG_CELL_TOO_LONG, RowError
from zhifa.core.models import AuditEntry
from zhifa.org.choices import Sector


CREDIT = "统一社会信用代码"


@pytest.fixture
def places(city):
    street = city["regions"]["shatoujiao"]
    return [Place("440308", "盐田区", street.code, street.name)]


@pytest.fixture(scope="module")
def five_thousand():
    """5,000 valid rows (a 5,001-row file with its header), generated once for the module."""
    street = ("440308001", "沙头角街道")
    return list(rows(7, 5000, [Place("440308", "盐田区", *street)]))


def copied(records: list[dict]) -> list[dict]:
    return [dict(record) for record in records]


def broken(code: str) -> str:
    """``code`` with a wrong check character."""
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def csv_file(records) -> io.BytesIO:
    return io.BytesIO(csv_bytes(records))


def xlsx_file(records: list[dict]) -> io.BytesIO:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(records[0]))
    for record in records:
        sheet.append(list(record.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def run(city, handle, *, filename="商事主体.csv", commit=True, user=None, **options):
    return import_objects(handle=handle, filename=filename, unit=city["yantian"], user=user, commit=commit, **options)


def import_audits():
    return AuditEntry.objects.filter(action="import", object_type="basedata.inspectedobject")


# --- the acceptance case: row 5,000 of a 5,001-row file --------------------------------------


@pytest.mark.parametrize(("make_file", "filename"), [(csv_file, "商事主体.csv"), (xlsx_file, "商事主体.xlsx")])
def test_bad_credit_code_in_row_5000_imports_nothing_and_names_row_and_column(city, five_thousand, make_file,
                                                                            filename):
    records = copied(five_thousand)
    bad_code = records[4998][CREDIT] = broken(records[4998][CREDIT])
    outcome = run(city, make_file(records), filename=filename)
    assert outcome.rows == 5000
    assert [(e.row, e.column) for e in outcome.errors] == [(5000, CREDIT)]
    assert bad_code in outcome.errors[0].message and "校验码错误" in outcome.errors[0].message
    assert not InspectedObject.objects.exists()
    assert not import_audits().exists()


def test_the_same_file_corrected_imports_every_row_with_one_audit_row(city, five_thousand):
    records = copied(five_thousand)
    outcome = run(city, csv_file(records))
    assert outcome.ok, outcome.errors[:3]
    assert (outcome.rows, outcome.created, outcome.updated) == (5000, 5000, 0)
    assert InspectedObject.objects.count() == 5000
    assert import_audits().get().message == "从文件“商事主体.csv”导入检查对象5000行：新增5000条，更新0条"
    assert not AuditEntry.objects.filter(action="create", object_type="basedata.inspectedobject").exists()


# --- what a row becomes ------------------------------------------------------------------------


def test_a_cell_over_the_csv_limit_names_row_and_column(city, places):
    records = list(rows(3, 2, places))
    records[1]["名称"] = "长" * (MAX_CELL_CHARS + 1)
    outcome = run(city, csv_file(records))
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [
        (3, "名称", MSG_CELL_TOO_LONG.format(limit=MAX_CELL_CHARS))
    ]
    assert not InspectedObject.objects.exists()


def test_row_values_land_in_the_record(city, places):
    record = next(rows(3, 1, places))
    record.update({"经度": "114.236512", "纬度": "22.557421", "登记状态": "在业", "监管领域": "城市管理"})
    officer = factories.user(city["yantian"])
    assert run(city, csv_file([record]), user=officer).ok
    obj = InspectedObject.objects.select_related("region").get()
    assert obj.credit_code == record[CREDIT]
    assert obj.name == record["名称"]
    assert obj.kind == ObjectKind.ENTERPRISE
    assert obj.region == city["regions"]["shatoujiao"]
    assert obj.unit == city["yantian"]
    assert obj.created_by == officer
    assert obj.status == ObjectStatus.ACTIVE
    assert obj.sector == Sector.URBAN_MANAGEMENT
    assert str(obj.longitude) == "114.236512"
    assert obj.pinyin_initials and obj.pinyin_initials.isascii()
    assert obj.established_on.isoformat() == record["成立日期"]


def test_region_comes_from_the_credit_code_when_not_given(city):
    code = people.new_credit_code("440304")
    assert run(city, csv_file([{CREDIT: code, "名称": "福田某公司"}])).ok
    assert InspectedObject.objects.get().region == city["regions"]["futian"]


def test_region_falls_back_to_the_units_region(city):
    code = people.new_credit_code("110105")
    assert run(city, csv_file([{CREDIT: code, "名称": "外地某公司"}])).ok
    assert InspectedObject.objects.get().region == city["yantian"].region


@pytest.mark.parametrize("record", [{"名称": "盐田某商户"}, {"名称": "盐田某商户", "监管领域": ""}],
                         ids=["no column", "blank cell"])
def test_a_blank_or_missing_sector_takes_the_owning_units_field(city, record):
    city["yantian"].sector = Sector.URBAN_MANAGEMENT
    city["yantian"].save()
    assert run(city, csv_file([{CREDIT: people.new_credit_code("440308"), **record}])).ok
    assert InspectedObject.objects.get().sector == Sector.URBAN_MANAGEMENT


def test_individuals_are_matched_by_id_number(city):
    number = people.new_id_number()
    data = [{CREDIT: "", "名称": "张三", "身份证号": number, "联系电话": "13800000000"}]
    assert run(city, csv_file(data)).created == 1
    data[0]["联系电话"] = "13900000000"
    outcome = run(city, csv_file(data))
    assert (outcome.created, outcome.updated) == (0, 1)
    person = InspectedObject.objects.get()
    assert (person.kind, person.phone) == (ObjectKind.INDIVIDUAL, "13900000000")


def test_a_known_credit_code_updates_the_record_in_place(city):
    existing = people.inspected_object(city["futian"], "旧名称有限公司", legal_representative="赵六",
                                       industry_code="H6210")
    outcome = run(city, csv_file([{CREDIT: existing.credit_code, "名称": "新名称有限公司", "登记状态": "吊销"}]))
    assert (outcome.created, outcome.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.name, existing.status) == ("新名称有限公司", ObjectStatus.REVOKED)
    assert existing.pinyin_initials == "xmcyxgs"
    assert existing.unit == city["futian"], "the owning unit does not change"
    assert (existing.legal_representative, existing.industry_code) == ("赵六", "H6210"), "absent columns stay"


def test_rows_are_written_in_batches_with_the_same_result(city, places):
    records = list(rows(11, 7, places))
    outcome = run(city, csv_file(records), batch_size=3)
    assert outcome.created == 7
    stored = InspectedObject.objects.values_list("credit_code", "id_number")
    assert {code or number for code, number in stored} == {r[CREDIT] or r["身份证号"] for r in records}


# --- every problem, all at once ---------------------------------------------------------------


def test_every_bad_cell_of_a_row_is_named(city):
    data = [{CREDIT: "91310110666007217U", "名称": "", "成立日期": "2020-13-01", "经度": "东经114", "纬度": "22.5",
             "行业代码": "A06", "登记状态": "休眠", "联系电话": "123", "所属区划": "999999"}]
    outcome = run(city, csv_file(data))
    assert sorted((e.row, e.column) for e in outcome.errors) == sorted([
        (2, "名称"), (2, CREDIT), (2, "成立日期"), (2, "经度"), (2, "行业代码"), (2, "登记状态"), (2, "联系电话"),
        (2, "所属区划"),
    ])
    assert {e.column: e.message for e in outcome.errors}["登记状态"].startswith("登记状态“休眠”无法识别")
    assert not InspectedObject.objects.exists()


def test_errors_name_the_column_as_written_in_the_file(city):
    outcome = run(city, csv_file([{"社会信用代码": "123", "企业名称": "某公司"}]))
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "社会信用代码")]


def test_duplicate_codes_inside_the_file_name_both_rows(city):
    code = people.new_credit_code()
    outcome = run(city, csv_file([{CREDIT: code, "名称": "甲"}, {CREDIT: "", "名称": "乙"}, {CREDIT: code, "名称": "丙"}]))
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [
        (3, CREDIT, MSG_CREDIT_CODE_REQUIRED),
        (4, CREDIT, "统一社会信用代码与第2行重复"),
    ]
    assert not InspectedObject.objects.exists()


def test_an_error_after_a_full_batch_rolls_back_the_batches_already_written(city, places):
    records = list(rows(5, 9, places))
    records[-1]["名称"] = ""
    outcome = run(city, csv_file(records), batch_size=2)
    assert [(e.row, e.column) for e in outcome.errors] == [(10, "名称")]
    assert not InspectedObject.objects.exists()


def test_error_report_is_capped_and_says_how_many_more(city):
    data = [{CREDIT: "bad", "名称": f"公司{i}"} for i in range(8)]
    outcome = run(city, csv_file(data), max_errors=5)
    assert len(outcome.errors) == 6
    assert outcome.error_count == 8
    assert outcome.errors[-1].message == "另有 3 处错误未列出，请先修改以上错误后重新检查"


def test_missing_name_column_is_reported_before_any_row(city):
    outcome = run(city, csv_file([{CREDIT: people.new_credit_code(), "法人": "张三"}]))
    assert [(e.row, e.column) for e in outcome.errors] == [(1, "名称")]
    assert outcome.rows == 0


def test_unknown_columns_are_ignored_and_listed(city):
    data = [{CREDIT: people.new_credit_code(), "名称": "某公司", "注册资本": "100万元", "经营范围": "餐饮"}]
    outcome = run(city, csv_file(data))
    assert outcome.ok
    assert outcome.ignored_columns == ["注册资本", "经营范围"]


def test_gbk_csv_is_read(city):
    code = people.new_credit_code()
    data = f"{CREDIT},名称\r\n{code},盐田海鲜酒家\r\n".encode("gb18030")
    assert run(city, io.BytesIO(data)).ok
    assert InspectedObject.objects.get().name == "盐田海鲜酒家"


def test_dry_run_counts_but_writes_nothing(city, places):
    existing = people.inspected_object(city["yantian"], "已有公司")
    records = [*rows(9, 3, places), {**next(rows(10, 1, places)), CREDIT: existing.credit_code}]
    outcome = run(city, csv_file(records), commit=False)
    assert outcome.ok
    assert (outcome.created, outcome.updated) == (3, 1)
    assert InspectedObject.objects.count() == 1
    assert not import_audits().exists()


def test_web_import_refuses_records_of_other_units(city):
    foreign = people.inspected_object(city["futian"], "福田某公司")
    editor = factories.user(city["yantian"], roles=[factories.role(factories.model_permissions(
        InspectedObject, ["view", "add", "change"]))])
    data = [{CREDIT: people.new_credit_code(), "名称": "盐田新公司"}, {CREDIT: foreign.credit_code, "名称": "改名"}]
    outcome = run(city, csv_file(data), user=editor)
    assert outcome.errors == [RowError(3, CREDIT, MSG_OTHER_UNIT.format(label=CREDIT))]
    foreign.refresh_from_db()
    assert foreign.name == "福田某公司"
    assert InspectedObject.objects.count() == 1


# --- the command ------------------------------------------------------------------------------


def test_command_dry_run_then_import(city, places, tmp_path):
    path = tmp_path / "商事主体.csv"
    path.write_bytes(csv_bytes(rows(13, 20, places)))
    out = io.StringIO()
    call_command("import_objects", str(path), "--unit", str(city["yantian"].pk), "--dry-run", stdout=out)
    assert "共 20 行，新增 20 条" in out.getvalue()
    assert not InspectedObject.objects.exists()
    call_command("import_objects", str(path), "--unit", city["yantian"].name, stdout=out)
    assert InspectedObject.objects.filter(unit=city["yantian"]).count() == 20
    assert import_audits().get().channel == "cli"


def test_command_lists_the_bad_rows_and_imports_nothing(city, five_thousand, tmp_path):
    records = copied(five_thousand)
    records[4998][CREDIT] = broken(records[4998][CREDIT])
    path = tmp_path / "商事主体.csv"
    path.write_bytes(csv_bytes(records))
    with pytest.raises(CommandError) as caught:
        call_command("import_objects", str(path), "--unit", str(city["yantian"].pk))
    assert "文件有 1 处错误，没有导入任何数据" in str(caught.value)
    assert f"第 5000 行“{CREDIT}”" in str(caught.value)
    assert not InspectedObject.objects.exists()


def test_command_names_an_unknown_unit(city, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="找不到单位“不存在的局”"):
        call_command("import_objects", str(path), "--unit", "不存在的局")


# --- the web page -----------------------------------------------------------------------------


@pytest.fixture
def importer_user(city):
    permissions = factories.model_permissions(InspectedObject, ["view", "add", "change"])
    return factories.user(city["yantian"], roles=[factories.role(permissions)])


def test_web_preview_names_the_bad_row_and_offers_no_confirmation(client, city, places, importer_user):
    client.force_login(importer_user)
    records = list(rows(17, 4, places))
    records[2][CREDIT] = broken(records[2][CREDIT])
    response = client.post("/basedata/objects/import/", {"file": xlsx_upload(records)})
    assert [(e.row, e.column) for e in response.context["outcome"].errors] == [(4, CREDIT)]
    content = response.content.decode()
    assert "第 4 行" in content and CREDIT in content
    assert 'name="_confirm"' not in content
    assert not InspectedObject.objects.exists()


def test_web_import_after_confirmation_writes_every_row_and_one_audit_row(client, city, places, importer_user):
    client.force_login(importer_user)
    records = list(rows(19, 5, places))
    preview = client.post("/basedata/objects/import/", {"file": csv_upload(records)})
    assert preview.context["outcome"].ok
    assert not InspectedObject.objects.exists()
    response = client.post("/basedata/objects/import/", {"token": preview.context["token"], "_confirm": "1"})
    assert response.status_code == 302
    assert InspectedObject.objects.filter(unit=city["yantian"], created_by=importer_user).count() == 5
    assert import_audits().count() == 1


def test_web_import_template_lists_the_columns(client, importer_user):
    client.force_login(importer_user)
    content = client.get("/basedata/objects/import/").content.decode()
    for column in importer.COLUMNS:
        assert column.label in content


def test_generated_rows_carry_valid_unique_codes(places):
    records = list(rows(1, 500, places))
    codes = [r[CREDIT] for r in records if r[CREDIT]]
    numbers = [r["身份证号"] for r in records if r["身份证号"]]
    assert numbers, "urban-management rows include individuals"
    assert len(set(codes)) == len(codes) and len(set(numbers)) == len(numbers)
    assert all(credit_code_problem(code) is None for code in codes)
    assert all(id_number_problem(number) is None for number in numbers)
