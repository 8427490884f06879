"""Bulk import of inspection objects from market-registration data (商事主体库) in CSV or Excel.

Built for hundreds of thousands of rows: the file is streamed (csv / openpyxl read-only), every
row is checked (codes, dates, coordinates, duplicates inside the file, records of other units),
and rows are written in batches of 2,000 with one upsert per batch keyed on 统一社会信用代码 (or
身份证号 for individuals) — no model form, no per-row query, no per-row audit row.

All or nothing: the whole import runs in one transaction. Writing stops at the first bad row while
checking goes on to the end of the file, so the report names every bad row and column; then the
transaction is rolled back and nothing is imported. Memory stays flat whatever the file size (only
the codes seen so far are kept, to find duplicates). A dry run checks the same way and writes
nothing. A committed import writes one audit row that summarises it.

Columns are recognised by their Chinese header (and the usual variants of the registration data);
other columns (注册资本, 经营范围 …) are ignored and listed. A column that is absent leaves that
field of an existing record unchanged; an empty cell in a present column clears it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from zhifa.core.audit import ObjectRef, record
from zhifa.core.imports import (
    HEADER_ROW, CellTooLong, ImportFileError, ImportOutcome, RowError, cell_text, read_rows,
)
from zhifa.core.models import AuditAction
from zhifa.org.choices import Sector
from zhifa.org.models import Region

from ..models.objects import (
    MSG_COORDINATES_PAIR,
    MSG_CREDIT_CODE_REQUIRED,
    MSG_ID_NUMBER_REQUIRED,
    MSG_NO_CREDIT_CODE_FOR_PERSON,
    MSG_NO_ID_NUMBER_FOR_ORGANISATION,
    InspectedObject,
    ObjectKind,
    ObjectStatus,
)
from ..pinyin import pinyin_initials
from .object_upsert import upsert_rows
from .object_validation import (
    MSG_CREDIT_CODE,
    MSG_ID_NUMBER,
    MSG_INDUSTRY_CODE,
    compact,
    credit_code_problem,
    id_number_problem,
    industry_code_problem,
    latitude_problem,
    longitude_problem,
    parse_coordinate,
    phone_problem,
)

BATCH_SIZE = 2000
MAX_REPORTED_ERRORS = 1000
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")

MSG_REQUIRED = "{label}不能为空"
MSG_TOO_LONG = "{label}不能超过{limit}个字"
MSG_DUPLICATE_IN_FILE = "{label}与第{row}行重复"
MSG_UNKNOWN_CHOICE = "{label}“{value}”无法识别，可填：{choices}"
MSG_BAD_DATE = "{label}“{value}”不是有效日期，应写作 2020-01-31"
MSG_FUTURE_DATE = "{label}{value:%Y-%m-%d}晚于今天"
MSG_UNKNOWN_REGION = "所属区划代码“{value}”不存在"
MSG_OTHER_UNIT = "该{label}已登记在您无权修改的检查对象中，请联系其管辖单位"
MSG_MISSING_NAME_COLUMN = "缺少必填列“名称”（也可写作“企业名称”“主体名称”“姓名”）"
MSG_MISSING_CODE_COLUMN = "缺少“统一社会信用代码”列（个人为“身份证号”列）"
MSG_DUPLICATE_COLUMN = "列“{header}”与列“{other}”是同一项内容"
MSG_NO_ROWS = "文件中没有数据：第一行应为列名，从第二行起为数据"
MSG_MORE_ERRORS = "另有 {count} 处错误未列出，请先修改以上错误后重新检查"
MSG_AUDIT = "从文件“{filename}”导入检查对象{rows}行：新增{created}条，更新{updated}条"


@dataclass(frozen=True)
class Column:
    """An accepted column: the model field it fills, its header and the header variants accepted."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("credit_code", "统一社会信用代码", ("社会信用代码", "信用代码", "统一代码"),
           help="18位，企业和其他组织必填；已登记的代码更新原记录"),
    Column("name", "名称", ("企业名称", "主体名称", "单位名称", "名称/姓名", "姓名"), required=True),
    Column("kind", "类别", ("主体类别", "对象类别"), help="企业、其他组织或个人；空白时按信用代码判断"),
    Column("id_number", "身份证号", ("公民身份号码", "身份证号码"), help="个人必填，18位"),
    Column("legal_representative", "法定代表人", ("法定代表人/负责人", "负责人", "经营者", "投资人")),
    Column("registration_authority", "登记机关", ("登记管理机关",)),
    Column("established_on", "成立日期", ("注册日期", "成立时间"), help="例如 2020-01-31"),
    Column("registered_address", "住所", ("注册地址", "住所（注册地址）", "登记住所")),
    Column("business_address", "经营场所", ("经营地址", "实际经营地址")),
    Column("longitude", "经度", ()),
    Column("latitude", "纬度", ()),
    Column("industry_code", "行业代码", ("国民经济行业代码", "国民经济行业分类代码"), help="GB/T 4754，例如 H6210"),
    Column("status", "登记状态", ("经营状态", "企业状态", "状态"), help="存续、停业、吊销、注销或迁出；空白为存续"),
    Column("contact_person", "联系人", ()),
    Column("phone", "联系电话", ("电话", "手机号", "联系方式")),
    Column("region", "所属区划", ("区划代码", "行政区划代码", "所在区划"), help="区划代码；空白时取信用代码第3至8位"),
    Column("sector", "监管领域", ("领域",), help="市场监管、城市管理等；空白为管辖单位的领域"),
)

KIND_WORDS = {**{str(label): value for value, label in ObjectKind.choices}, **{v: v for v in ObjectKind.values},
              "个体工商户": ObjectKind.ENTERPRISE, "自然人": ObjectKind.INDIVIDUAL}
STATUS_WORDS = {
    **{str(label): value for value, label in ObjectStatus.choices},
    **{v: v for v in ObjectStatus.values},
    "在业": ObjectStatus.ACTIVE, "开业": ObjectStatus.ACTIVE, "在营": ObjectStatus.ACTIVE, "在册": ObjectStatus.ACTIVE,
    "正常": ObjectStatus.ACTIVE, "存续（在营、开业、在册）": ObjectStatus.ACTIVE, "歇业": ObjectStatus.SUSPENDED,
    "吊销，未注销": ObjectStatus.REVOKED, "吊销未注销": ObjectStatus.REVOKED, "已注销": ObjectStatus.CANCELLED,
    "已迁出": ObjectStatus.MOVED_OUT,
}
SECTOR_WORDS = {**{str(label): value for value, label in Sector.choices}, **{v: v for v in Sector.values}}
TEXT_LIMITS = {
    name: InspectedObject._meta.get_field(name).max_length
    for name in ("name", "legal_representative", "registration_authority", "registered_address", "business_address",
                 "contact_person")
}
LABELS = {column.field: column.label for column in COLUMNS}
INSERT_FIELDS = [field for field in InspectedObject._meta.concrete_fields if not field.primary_key]


@dataclass
class ObjectImportOutcome(ImportOutcome):
    """What an object import found: rows, errors, new and updated records, columns it ignored."""

    created: int = 0
    updated: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    omitted_errors: int = 0
    error_limit: int = field(default=MAX_REPORTED_ERRORS, repr=False)

    @property
    def error_count(self) -> int:
        """Every problem found, including those left out of the report (and not its closing note)."""
        return len(self.errors) + self.omitted_errors - (1 if self.omitted_errors else 0)


def _normalise_header(header: str) -> str:
    return "".join(header.split()).rstrip("*＊")


HEADER_INDEX = {_normalise_header(text): column.field
                for column in COLUMNS for text in (column.label, column.field, *column.aliases)}


def map_headers(headers: list[str]) -> tuple[dict[str, int], dict[str, str], list[str], list[RowError]]:
    """``({field: index}, {field: header}, ignored headers, header errors)`` of the header row."""
    indexes, names, ignored, errors = {}, {}, [], []
    for index, header in enumerate(headers):
        text = _normalise_header(header)
        if not text:
            continue
        name = HEADER_INDEX.get(text)
        if name is None:
            ignored.append(header)
        elif name in indexes:
            errors.append(RowError(HEADER_ROW, header, MSG_DUPLICATE_COLUMN.format(header=header, other=names[name])))
        else:
            indexes[name], names[name] = index, header
    if "name" not in indexes:
        errors.append(RowError(HEADER_ROW, LABELS["name"], MSG_MISSING_NAME_COLUMN))
    if "credit_code" not in indexes and "id_number" not in indexes:
        errors.append(RowError(HEADER_ROW, LABELS["credit_code"], MSG_MISSING_CODE_COLUMN))
    return indexes, names, ignored, errors


def parse_date(text: str) -> dt.date:
    """A date cell as written in registration data; ``ValueError`` otherwise."""
    text = text.split(" ")[0].split("T")[0]
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class RowReader:
    """Turns the cells of one data row into model values, collecting every problem with its column.

    Holds what the whole file needs: the column positions, the importing unit, the regions by
    code and the codes seen so far (duplicates inside the file are errors).
    """

    def __init__(self, *, indexes: dict[str, int], headers: dict[str, str], unit, today: dt.date):
        self.indexes = indexes
        self.headers = headers
        self.unit = unit
        self.today = today
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.seen_codes: dict[str, int] = {}
        self.seen_ids: dict[str, int] = {}

    def column(self, name: str) -> str:
        """The header naming field ``name`` in this file (its standard label when the column is absent)."""
        return self.headers.get(name, LABELS[name])

    def read(self, number: int, cells: list) -> tuple[dict, list[RowError]]:
        indexes = self.indexes
        text = {name: cell_text(cells[i]) if i < len(cells) else "" for name, i in indexes.items()}
        errors: list[RowError] = []

        def fail(name: str, message: str) -> None:
            errors.append(RowError(number, self.column(name), message))

        values: dict = {}
        for name, limit in TEXT_LIMITS.items():
            if name not in indexes:
                continue
            value = text[name]
            if len(value) > limit:
                fail(name, MSG_TOO_LONG.format(label=LABELS[name], limit=limit))
            values[name] = value
        if not values.get("name"):
            fail("name", MSG_REQUIRED.format(label=LABELS["name"]))

        credit_code = compact(text.get("credit_code", ""))
        id_number = compact(text.get("id_number", ""))
        kind = self._kind(text.get("kind", ""), credit_code, id_number, fail)
        values.update(credit_code=credit_code or None, id_number=id_number or None, kind=kind)
        if kind == ObjectKind.INDIVIDUAL:
            if credit_code:
                fail("credit_code", MSG_NO_CREDIT_CODE_FOR_PERSON)
            if not id_number:
                fail("id_number", MSG_ID_NUMBER_REQUIRED)
        elif kind is not None:
            if not credit_code:
                fail("credit_code", MSG_CREDIT_CODE_REQUIRED)
            if id_number:
                fail("id_number", MSG_NO_ID_NUMBER_FOR_ORGANISATION)
        if credit_code:
            problem = credit_code_problem(credit_code)
            if problem:
                fail("credit_code", MSG_CREDIT_CODE.format(value=text["credit_code"], reason=problem))
            elif credit_code in self.seen_codes:
                fail("credit_code", MSG_DUPLICATE_IN_FILE.format(label=LABELS["credit_code"], row=self.seen_codes[credit_code]))
            else:
                self.seen_codes[credit_code] = number
        if id_number:
            problem = id_number_problem(id_number, today=self.today)
            if problem:
                fail("id_number", MSG_ID_NUMBER.format(reason=problem))
            elif id_number in self.seen_ids:
                fail("id_number", MSG_DUPLICATE_IN_FILE.format(label=LABELS["id_number"], row=self.seen_ids[id_number]))
            else:
                self.seen_ids[id_number] = number

        if "industry_code" in indexes:
            code = compact(text["industry_code"])
            problem = industry_code_problem(code) if code else None
            if problem:
                fail("industry_code", MSG_INDUSTRY_CODE.format(value=text["industry_code"], reason=problem))
            values["industry_code"] = code
        if "phone" in indexes:
            problem = phone_problem(text["phone"]) if text["phone"] else None
            if problem:
                fail("phone", problem)
            values["phone"] = text["phone"]
        self._coordinates(text, values, fail)
        if "established_on" in indexes:
            values["established_on"] = self._date("established_on", text["established_on"], fail)
        if "status" in indexes:
            values["status"] = self._choice("status", text["status"], STATUS_WORDS, ObjectStatus, fail,
                                            default=ObjectStatus.ACTIVE)
        if "sector" in indexes:
            values["sector"] = self._choice("sector", text["sector"], SECTOR_WORDS, Sector, fail,
                                            default=self.unit.sector)
        values["region_id"] = self._region(text.get("region", ""), credit_code, fail)
        return values, errors

    def _kind(self, word: str, credit_code: str, id_number: str, fail) -> str | None:
        if word:
            kind = KIND_WORDS.get(word)
            if kind is None:
                fail("kind", MSG_UNKNOWN_CHOICE.format(label=LABELS["kind"], value=word,
                                                      choices="、".join(ObjectKind.labels)))
            return kind
        if credit_code:
            return ObjectKind.ENTERPRISE if credit_code.startswith("9") else ObjectKind.ORGANISATION
        return ObjectKind.INDIVIDUAL if id_number else ObjectKind.ENTERPRISE

    def _choice(self, name: str, word: str, words: dict, choices, fail, *, default: str) -> str:
        if not word:
            return default
        value = words.get(word)
        if value is None:
            fail(name, MSG_UNKNOWN_CHOICE.format(label=LABELS[name], value=word, choices="、".join(choices.labels)))
            return default
        return value

    def _date(self, name: str, text: str, fail) -> dt.date | None:
        if not text:
            return None
        try:
            value = parse_date(text)
        except ValueError:
            fail(name, MSG_BAD_DATE.format(label=LABELS[name], value=text))
            return None
        if value > self.today:
            fail(name, MSG_FUTURE_DATE.format(label=LABELS[name], value=value))
        return value

    def _coordinates(self, text: dict, values: dict, fail) -> None:
        present = [name for name in ("longitude", "latitude") if name in self.indexes]
        parsed, unreadable = {}, False
        for name, check in (("longitude", longitude_problem), ("latitude", latitude_problem)):
            parsed[name] = None
            if name not in present or not text[name]:
                continue
            try:
                parsed[name] = parse_coordinate(text[name], LABELS[name])
            except ValueError as exc:
                fail(name, str(exc))
                unreadable = True
                continue
            problem = check(parsed[name])
            if problem:
                fail(name, problem)
        if not unreadable and (parsed["longitude"] is None) != (parsed["latitude"] is None):
            fail("latitude" if parsed["latitude"] is None else "longitude", MSG_COORDINATES_PAIR)
        for name in present:
            values[name] = parsed[name]

    def _region(self, code: str, credit_code: str, fail) -> int:
        code = code.strip()
        if code:
            region_id = self.regions.get(code)
            if region_id is None:
                fail("region", MSG_UNKNOWN_REGION.format(value=code))
                return self.unit.region_id
            return region_id
        if credit_code and credit_code[2:8] in self.regions:
            return self.regions[credit_code[2:8]]
        return self.unit.region_id


class BatchWriter:
    """Checks a batch of read rows against the database and, while the import is clean, upserts it."""

    def __init__(self, *, reader: RowReader, unit, user, check_scope: bool, present: set[str], outcome):
        self.reader = reader
        self.unit = unit
        self.user = user
        self.check_scope = check_scope
        self.outcome = outcome
        now = timezone.now()
        self.defaults = {field.attname: field.get_default() for field in INSERT_FIELDS}
        # A new record without a 监管领域 column takes the owning unit's field, as a blank cell does.
        self.defaults.update(unit_id=unit.pk, sector=unit.sector, created_by_id=getattr(user, "pk", None),
                             created_at=now, updated_at=now)
        updated = [name for name in present if name not in ("credit_code", "id_number")]
        if "name" in present:
            updated.append("pinyin_initials")
        self.update = [InspectedObject._meta.get_field(name).attname for name in updated] + ["updated_at"]

    def _existing(self, lookup: str, codes: list[str]) -> dict[str, int]:
        if not codes:
            return {}
        return dict(InspectedObject._base_manager.filter(**{f"{lookup}__in": codes}).values_list(lookup, "pk"))

    def check(self, batch: list[tuple[int, dict]]) -> list[tuple[int, dict, bool]]:
        """Rows of ``batch`` with whether each updates a record; a record the user may not change is an error."""
        by_code = self._existing("credit_code", [v["credit_code"] for _, v in batch if v["credit_code"]])
        by_id = self._existing("id_number", [v["id_number"] for _, v in batch if v["id_number"]])
        allowed = None
        if self.check_scope:
            pks = [*by_code.values(), *by_id.values()]
            allowed = set(InspectedObject.objects.filter(pk__in=pks).restrict(self.user, "change").values_list("pk", flat=True))
        checked = []
        for number, values in batch:
            lookup = "credit_code" if values["credit_code"] else "id_number"
            match = (by_code if lookup == "credit_code" else by_id).get(values[lookup])
            if match is not None and allowed is not None and match not in allowed:
                message = MSG_OTHER_UNIT.format(label=LABELS[lookup])
                add_error(self.outcome, RowError(number, self.reader.column(lookup), message))
                continue
            checked.append((number, values, match is not None))
        return checked

    def write(self, checked: list[tuple[int, dict, bool]]) -> None:
        """Upsert the rows: by credit code for organisations, by ID number for individuals."""
        by_code, by_id = [], []
        attnames = [field.attname for field in INSERT_FIELDS]
        for _number, values, _exists in checked:
            record = {**self.defaults, **values, "pinyin_initials": pinyin_initials(values["name"])}
            (by_code if values["credit_code"] else by_id).append([record[name] for name in attnames])
        for rows, key in ((by_code, "credit_code"), (by_id, "id_number")):
            upsert_rows(InspectedObject, fields=attnames, rows=rows, key=key, update=self.update)


def add_error(outcome: ObjectImportOutcome, error: RowError) -> None:
    """Keep the first ``outcome.error_limit`` errors in the report and count the rest."""
    if len(outcome.errors) < outcome.error_limit:
        outcome.errors.append(error)
    else:
        outcome.omitted_errors += 1


def import_objects(
    *,
    handle,
    filename: str,
    unit,
    user=None,
    check_scope: bool = True,
    commit: bool,
    audit: bool = True,
    batch_size: int = BATCH_SIZE,
    max_errors: int = MAX_REPORTED_ERRORS,
) -> ObjectImportOutcome:
    """Check (and with ``commit`` import) every row of a CSV/XLSX file of inspection objects.

    New records belong to ``unit`` and are created by ``user``. With ``check_scope`` a row that
    matches a record the user may not change is an error (the web import); the command line
    imports as the operator and skips that check. ``audit`` writes the summary audit row (the web
    import leaves it to the generic import view, which writes its own). The report lists at most
    ``max_errors`` problems and counts the rest.
    """
    outcome = ObjectImportOutcome(error_limit=max_errors)
    try:
        headers, rows = read_rows(handle, filename)
    except ImportFileError as exc:
        outcome.errors.append(RowError(HEADER_ROW, "", str(exc)))
        return outcome
    indexes, names, outcome.ignored_columns, header_errors = map_headers(headers)
    if header_errors:
        outcome.errors.extend(header_errors)
        return outcome
    reader = RowReader(indexes=indexes, headers=names, unit=unit, today=timezone.localdate())
    writer = BatchWriter(reader=reader, unit=unit, user=user, check_scope=check_scope and user is not None,
                         present=set(indexes), outcome=outcome)
    with transaction.atomic():
        try:
            for batch in _batches(rows, reader, outcome, batch_size):
                checked = writer.check(batch)
                for _number, _values, exists in checked:
                    if exists:
                        outcome.updated += 1
                    else:
                        outcome.created += 1
                if commit and outcome.ok:
                    writer.write(checked)
        except CellTooLong as exc:
            outcome.errors.append(exc.as_row_error())
        if not outcome.rows and outcome.ok:
            outcome.errors.append(RowError(HEADER_ROW, "", MSG_NO_ROWS))
        if outcome.omitted_errors:
            outcome.errors.append(RowError(outcome.errors[-1].row, "", MSG_MORE_ERRORS.format(count=outcome.omitted_errors)))
        if not outcome.ok or not commit:
            transaction.set_rollback(True)
        elif audit:
            record(
                AuditAction.IMPORT,
                ObjectRef("basedata.inspectedobject", "", str(InspectedObject._meta.verbose_name_plural)),
                message=MSG_AUDIT.format(filename=filename, rows=outcome.rows, created=outcome.created,
                                         updated=outcome.updated),
                user=user,
            )
    return outcome


def _batches(rows: Iterable, reader: RowReader, outcome: ObjectImportOutcome, size: int):
    """Valid rows in lists of ``size``; bad rows go to the outcome's errors."""
    batch: list[tuple[int, dict]] = []
    for number, cells in rows:
        if all(cell in (None, "") or cell_text(cell) == "" for cell in cells):
            continue
        outcome.rows += 1
        values, errors = reader.read(number, cells)
        if errors:
            for error in errors:
                add_error(outcome, error)
            continue
        batch.append((number, values))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
