"""The database side: seeded calendar, the cached loader, threshold overrides, imports and commands."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from zhifa.core.models import AuditEntry
from zhifa.legal import evaluate
from zhifa.legal import loader
from zhifa.legal.loader import database_rules
from zhifa.legal.models import CalendarDay, DataVersion, ThresholdSetting
from zhifa.legal.services import CalendarImportError, import_calendar, read_table, seed_calendar

D = dt.date
CSV_2027 = (
    "date,kind,name\n"
    "2027-01-01,holiday,元旦\n"
    "2027-01-02,休,元旦\n"
    "2027-01-03,holiday,元旦\n"
    "2027-02-06,班,春节\n"
    "2027-02-10,holiday,春节\n"
).encode()


def test_migration_seeded_the_package_years(legal_db):
    assert CalendarDay.objects.filter(date=D(2026, 2, 14), kind="workday").exists()
    assert CalendarDay.objects.filter(date=D(2026, 10, 1), kind="holiday", name="国庆节").exists()
    assert DataVersion.current()
    assert seed_calendar() == []  # idempotent: nothing missing


def test_loader_caches_until_the_data_change(legal_db, django_assert_num_queries):
    first = database_rules()
    with django_assert_num_queries(1):  # only the version token
        assert database_rules() is first
    CalendarDay.objects.create(date=D(2026, 3, 2), kind="holiday", name="测试假日")
    second = database_rules()
    assert second is not first and D(2026, 3, 2) in second.calendar.holidays


def test_token_is_read_at_most_once_per_recheck_interval(legal_db, settings, monkeypatch,
                                                          django_assert_num_queries):
    settings.ZHIFA_LEGAL_RECHECK_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(loader.time, "monotonic", lambda: clock[0])
    loader.forget()
    first = database_rules()
    with django_assert_num_queries(0):
        for _ in range(100):
            assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 3)
    clock[0] += 1.5
    with django_assert_num_queries(1):  # the interval passed: the token once, unchanged
        assert database_rules() is first
        assert database_rules() is first


def test_another_process_change_is_seen_after_the_interval(legal_db, settings, monkeypatch):
    settings.ZHIFA_LEGAL_RECHECK_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(loader.time, "monotonic", lambda: clock[0])
    loader.forget()
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 3)
    # another process's edit: rows and token change without this process's signal handlers
    CalendarDay.objects.bulk_create([CalendarDay(date=D(2026, 3, 3), kind="holiday", name="测试假日")])
    DataVersion.objects.filter(pk=1).update(token="changed-elsewhere")
    clock[0] += 0.5
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 3)  # still cached
    clock[0] += 0.6
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 4)


def test_admin_edit_changes_answers(legal_db):
    # Received 2/16 → 3/3 (Tuesday). Declaring 3/3 a holiday moves the party's deadline to 3/4.
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 3)
    day = CalendarDay.objects.create(date=D(2026, 3, 3), kind="holiday", name="测试假日")
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 4)
    day.delete()
    assert evaluate("payment_deadline", received_on="2026-02-16")["deadline"] == D(2026, 3, 3)


def test_year_without_rows_falls_back_with_a_warning(legal_db):
    CalendarDay.objects.filter(date__year=2026).delete()
    answer = evaluate("payment_deadline", received_on="2026-01-31")
    assert answer["deadline"] == D(2026, 2, 16)  # 2/15 is just a Sunday now
    assert any("2026年的法定节假日和调休安排尚未录入" in w for w in answer["warnings"])


def test_threshold_override_by_region_and_sector(legal_db):
    params = {"party_type": "citizen", "penalty_kinds": ["fine"], "fine_amount": 9999, "sector": "market_regulation"}
    assert evaluate("hearing_right", region="440300", **params)["required"] is True  # national default 2000
    ThresholdSetting.objects.create(
        key="hearing.citizen_fine_min", effective_from=D(2020, 1, 1), region="4403", sector="market_regulation",
        value=10000, law="深圳市测试规定", article="第5条", text="对公民处以一万元以上罚款",
    )
    shenzhen = evaluate("hearing_right", region="440300", **params)
    assert shenzhen["required"] is False  # 9,999 < 10,000
    assert evaluate("hearing_right", region="440300", **{**params, "fine_amount": 10000})["required"] is True
    assert any(c.law == "深圳市测试规定" for c in shenzhen["basis"])
    assert not any("未经核实" in w for w in shenzhen["warnings"])
    assert evaluate("hearing_right", region="440100", **params)["required"] is True  # 广州 keeps the default


def test_region_requiring_review_for_every_case(legal_db):
    flags = dict.fromkeys(["major_public_interest", "major_rights_after_hearing", "complex", "required_by_law"], False)
    assert evaluate("legal_review_required", region="440308", **flags)["required"] is False
    ThresholdSetting.objects.create(
        key="legal_review.all_ordinary_procedure", effective_from=D(2020, 1, 1), region="44", value=True,
        law="某省行政执法规定", article="第10条", verified=False, note="测试",
    )
    answer = evaluate("legal_review_required", region="440308", **flags)
    assert answer["required"] is True
    assert any("本地区配置" in w and "未经核实" in w for w in answer["warnings"])


def test_count_filing_day_configuration(legal_db):
    ThresholdSetting.objects.create(
        key="decision.count_filing_day", effective_from=D(2020, 1, 1), value=True, law="某部门规章", article="第1条",
    )
    # Some agencies count the 立案 day as day 1 (a setting; the default excludes it, 民法典第201条):
    # counting the 立案 day as day 1 ends the period one day earlier (4/4).
    assert evaluate("decision_deadline", filed_on="2026-01-05")["deadline"] == D(2026, 4, 4)


def test_threshold_setting_validation(legal_db):
    from django.core.exceptions import ValidationError

    row = ThresholdSetting(key="hearing.citizen_fine_min", effective_from=D(2026, 1, 1), value=-1, law="x", article="y")
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "value" in raised.value.message_dict
    row = ThresholdSetting(key="masking.profile", effective_from=D(2026, 1, 1), region="440000", value="standard",
                           law="x", article="y")
    row.full_clean()
    assert row.region == "44"


def test_workday_entry_must_be_a_weekend(legal_db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        CalendarDay(date=D(2027, 3, 3), kind="workday", name="错误").full_clean()


# --- import of a State Council schedule -----------------------------------------------------------------


def test_import_csv_replaces_the_year_and_is_audited(legal_db):
    before = AuditEntry.objects.filter(action="import").count()
    summary = import_calendar(read_table(CSV_2027, "2027.csv"))
    assert (summary.years, summary.holidays, summary.workdays) == ((2027,), 4, 1)
    assert AuditEntry.objects.filter(action="import").count() == before + 1
    # 2027 is now known: 2/6 (Saturday) is a working day, no fallback warning.
    answer = evaluate("onsite_fine_handin", collected_on="2027-02-05")
    assert answer["deadline"] == D(2027, 2, 8)  # 2/6 (1), 2/7 Sunday, 2/8 (2)
    assert answer["warnings"] == []
    import_calendar(read_table("date,kind,name\n2027-10-01,holiday,国庆节\n".encode(), "x.csv"))
    assert set(CalendarDay.objects.filter(date__year=2027).values_list("date", flat=True)) == {D(2027, 10, 1)}


def test_import_reports_every_error_and_imports_nothing(legal_db):
    bad = (
        "日期,类型,名称\n"
        "2027-01-01,holiday,元旦\n"
        "2027/01/02,holiday,元旦\n"
        "2027-02-30,holiday,春节\n"
        "2027-03-03,班,错误\n"
        "2027-01-01,holiday,重复\n"
        "2027-04-05,maybe,\n"
    ).encode("gb18030")
    with pytest.raises(CalendarImportError) as raised:
        import_calendar(read_table(bad, "bad.csv"))
    problems = [(p.row, p.column) for p in raised.value.problems]
    assert problems == [(3, "date"), (4, "date"), (5, "kind"), (6, "date"), (7, "kind"), (7, "name")]
    assert "第3行“日期”列" in str(raised.value.problems[0])
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_import_header_and_empty_file(legal_db):
    with pytest.raises(CalendarImportError) as raised:
        read_table(b"day,type\n2027-01-01,holiday\n", "x.csv")
    assert {p.column for p in raised.value.problems} == {"date", "kind", "name"}
    with pytest.raises(CalendarImportError):
        import_calendar(read_table(b"date,kind,name\n", "x.csv"))


def test_import_xlsx_and_dry_run(legal_db):
    book = Workbook()
    sheet = book.active
    sheet.append(["date", "kind", "name"])
    sheet.append([dt.datetime(2027, 1, 1), "holiday", "元旦"])
    sheet.append(["2027-02-06", "workday", "春节"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_table(buffer.getvalue(), "schedule.xlsx")
    assert import_calendar(rows, dry_run=True).years == (2027,)
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    import_calendar(rows)
    assert CalendarDay.objects.filter(date__year=2027).count() == 2
    with pytest.raises(CalendarImportError):
        read_table(b"not a workbook", "broken.xlsx")


# --- management commands --------------------------------------------------------------------------------


def test_legal_calendar_command(legal_db, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_bytes(CSV_2027)
    out = io.StringIO()
    call_command("legal_calendar", "import", str(path), "--dry-run", stdout=out)
    assert "检查通过" in out.getvalue() and not CalendarDay.objects.filter(date__year=2027).exists()
    call_command("legal_calendar", "import", str(path), stdout=out)
    assert CalendarDay.objects.filter(date__year=2027).count() == 5
    out = io.StringIO()
    call_command("legal_calendar", "export", "2027", stdout=out)
    assert out.getvalue().splitlines()[:2] == ["date,kind,name", "2027-01-01,holiday,元旦"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"date,kind,name\n2027-13-01,holiday,x\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("legal_calendar", "import", str(bad), stderr=err)
    assert "第2行" in err.getvalue()
    CalendarDay.objects.filter(date__year=2025).delete()
    out = io.StringIO()
    call_command("legal_calendar", "seed", "--year", "2025", stdout=out)
    assert "2025" in out.getvalue() and CalendarDay.objects.filter(date__year=2025).exists()


# --- complete years and the declared range of an import ------------------------------------------------

CSV_2023 = (
    "date,kind,name\n"
    "2022-12-31,holiday,元旦\n"
    "2023-01-01,holiday,元旦\n"
    "2023-01-02,holiday,元旦\n"
    "2023-01-28,workday,春节\n"
    "2023-10-01,holiday,国庆节\n"
).encode()


def national_day_2022_deadline():
    return evaluate("payment_deadline", received_on="2022-09-16")["deadline"]


def test_a_2023_file_does_not_wipe_2022(legal_db):
    rows_2022 = set(CalendarDay.objects.filter(date__year=2022).values_list("date", "kind", "name"))
    assert national_day_2022_deadline() == D(2022, 10, 8)

    summary = import_calendar(read_table(CSV_2023, "2023.csv"))

    assert summary.years == (2023,) and summary.outside == ()
    created = AuditEntry.objects.filter(object_type="legal.calendarday", action="create")
    assert {row.changes["date"]["after"] for row in created} >= {"2023-01-01", "2023-01-02", "2023-01-28", "2023-10-01"}
    assert set(CalendarDay.objects.filter(date__year=2022).values_list("date", "kind", "name")) == rows_2022
    assert national_day_2022_deadline() == D(2022, 10, 8)  # 国庆 still rolls the deadline forward
    assert set(CalendarDay.objects.filter(date__year=2023).values_list("date", flat=True)) == {
        D(2023, 1, 1), D(2023, 1, 2), D(2023, 1, 28), D(2023, 10, 1)}


def test_a_date_outside_the_declared_years_is_refused_then_written_alone_with_force(legal_db):
    count_2022 = CalendarDay.objects.filter(date__year=2022).count()
    rows_2023 = set(CalendarDay.objects.filter(date__year=2023).values_list("date", "kind", "name"))
    changed = CSV_2023.replace(b"2022-12-31,holiday", b"2022-12-30,holiday")

    with pytest.raises(ValidationError) as raised:
        import_calendar(read_table(changed, "2023.csv"))
    assert "2022-12-30" in raised.value.messages[0] and "--force" in raised.value.messages[0]
    assert set(CalendarDay.objects.filter(date__year=2023).values_list("date", "kind", "name")) == rows_2023

    summary = import_calendar(read_table(changed, "2023.csv"), force=True)
    assert summary.outside == (D(2022, 12, 30),)
    assert CalendarDay.objects.filter(date__year=2022).count() == count_2022 + 1
    assert national_day_2022_deadline() == D(2022, 10, 8)


def test_declared_years_can_be_given(legal_db):
    with pytest.raises(ValidationError, match="文件中没有2024年的日期"):
        import_calendar(read_table(CSV_2023, "2023.csv"), years=[2024])
    assert import_calendar(read_table(CSV_2023, "2023.csv"), years=[2022, 2023]).years == (2022, 2023)
    assert set(CalendarDay.objects.filter(date__year=2022).values_list("date", flat=True)) == {D(2022, 12, 31)}


def test_an_incomplete_year_warns_until_it_is_completed(legal_db):
    from zhifa.legal.services import set_year_complete

    CalendarDay.objects.create(date=D(2028, 1, 1), kind="holiday", name="元旦")  # one row does not make 2028 known
    assert any("2028年" in w for w in evaluate("payment_deadline", received_on="2028-03-01")["warnings"])

    import_calendar(read_table(CSV_2027, "2027.csv"), complete=False)
    assert any("2027年" in w for w in evaluate("payment_deadline", received_on="2027-03-01")["warnings"])
    set_year_complete(year=2027, complete=True)
    assert evaluate("payment_deadline", received_on="2027-03-01")["warnings"] == []


def test_legal_calendar_command_asks_before_touching_other_years(legal_db, tmp_path):
    path = tmp_path / "2023.csv"
    path.write_bytes(CSV_2023.replace(b"2022-12-31,holiday", b"2022-12-30,holiday"))
    with pytest.raises(CommandError, match="2022-12-30"):
        call_command("legal_calendar", "import", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("legal_calendar", "import", str(path), "--force", "--partial", stdout=out)
    assert "其他年份的日期：2022-12-30" in out.getvalue()
    assert any("2023年" in w for w in evaluate("payment_deadline", received_on="2023-03-01")["warnings"])
    call_command("legal_calendar", "complete", "2023", stdout=out)
    assert evaluate("payment_deadline", received_on="2023-03-01")["warnings"] == []
