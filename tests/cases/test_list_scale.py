"""The case list at scale (issues 9 and 11): the search text and its keepers, the on-demand officer and unit
pickers, the stage in one query per page, and a query count that depends on nothing the scope holds."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.basedata import people
from tests.cases import rows
from tests.cases.test_list import shown
from zhifa.basedata.models.objects import ObjectKind
from zhifa.basedata.services.objects import object_update
from zhifa.cases.choices import CaseSource, OfficerRole, ProcedureKind
from zhifa.cases.filtersets import CaseFilterSet
from zhifa.cases.models import Case, CaseOfficer, CaseParty
from zhifa.cases.search_text import refresh_case
from zhifa.cases.services.cases import case_register, file_case
from zhifa.core.actor import Channel, actor_context
from zhifa.core import paging
from zhifa.core.scoping import DataScope
from zhifa.org.services.users import user_update

pytestmark = pytest.mark.django_db

READER = ["cases.view_case", "org.view_unit", "basedata.view_officer"]


def reader(unit, scope=DataScope.UNIT, *extra):
    return factories.user(unit, roles=[factories.role([*READER, *extra], scope)])


def test_search_finds_number_cause_party_name_and_credit_code_never_an_id_number(client, city):
    company = people.inspected_object(city["yantian"], "盐田海鲜酒家")
    person = people.inspected_object(city["yantian"], "刘某", kind=ObjectKind.INDIVIDUAL)
    numbered = rows.case(city["yantian"], "油烟直排", party=company, number="深盐城管立〔2026〕第0042号")
    rows.case(city["yantian"], "无照经营", party=person)
    rows.case(city["futian"], "油烟直排福田")
    client.force_login(reader(city["yantian"], DataScope.UNIT, people.PERSONAL_DATA))
    assert shown(client, q="〔2026〕第0042") == ["油烟直排"]
    assert shown(client, q="油烟") == ["油烟直排"]  # the other district's case stays out of the scope
    assert shown(client, q="海鲜") == ["油烟直排"]
    assert shown(client, q=company.credit_code[-8:].lower()) == ["油烟直排"]
    assert shown(client, q="刘某") == ["无照经营"]
    # Even a reader of ID numbers finds one only through its own filter, never through 搜索.
    assert shown(client, q=person.id_number) == []
    assert shown(client, party_id_number=person.id_number) == ["无照经营"]
    assert person.id_number not in Case.objects.get(cause="无照经营").search_text
    assert numbered.number in Case.objects.get(pk=numbered.pk).search_text


def test_the_services_keep_the_search_text_and_a_renamed_party_is_found_by_its_new_name(client, agency):
    company = agency["company"]
    case = case_register(unit=agency["unit"], actor=agency["officer"], procedure_type=ProcedureKind.SIMPLE,
                         source=CaseSource.INSPECTION, cause="占道经营", parties=[company],
                         lead=agency["certificates"]["officer"])
    stored = Case.objects.get(pk=case.pk).search_text
    assert "占道经营" in stored and company.name in stored and company.credit_code in stored
    assert case.search_text == stored  # the instance follows, so a later full save keeps the text
    with actor_context(channel=Channel.SYSTEM):
        file_case(case, dt.date(2026, 3, 2))
    assert case.number and case.number in Case.objects.get(pk=case.pk).search_text
    company.name = "深圳市盐田新名称餐饮有限公司"
    with actor_context(user=agency["officer"]):
        object_update(inspected_object=company)
    assert "新名称" in Case.objects.get(pk=case.pk).search_text
    client.force_login(reader(agency["unit"]))
    assert shown(client, q="新名称") == shown(client, party_name="新名称") == ["占道经营"]


def test_the_listed_names_follow_registration_a_renamed_party_and_a_renamed_officer(client, agency):
    """The list shows the names kept on the case (``listed_names``): every writer of them rewrites them."""
    company, lead = agency["company"], agency["officer"]
    case = case_register(unit=agency["unit"], actor=lead, procedure_type=ProcedureKind.SIMPLE,
                         source=CaseSource.INSPECTION, cause="占道经营", parties=[company],
                         lead=agency["certificates"]["officer"], assistants=[agency["certificates"]["officer2"]])

    def listed() -> tuple[str, str]:
        return tuple(Case.objects.values_list("party_names", "lead_names").get(pk=case.pk))

    assert listed() == (company.name, "张执法") == (case.party_names, case.lead_names)
    company.name = "深圳市盐田新名称餐饮有限公司"
    with actor_context(user=lead):
        object_update(inspected_object=company)
    lead.display_name = "张主办"
    with actor_context(user=lead):
        user_update(user=lead, actor=lead)
    assert listed() == ("深圳市盐田新名称餐饮有限公司", "张主办")
    client.force_login(reader(agency["unit"]))
    record = client.get("/cases/", {"columns": ["cause", "parties", "lead"]}).context["table"].page.object_list[0]
    assert [record.get_cell(name) for name in ("parties", "lead")] == ["深圳市盐田新名称餐饮有限公司", "张主办"]


def test_the_keys_and_the_count_read_the_case_table_alone(client, city, monkeypatch):
    """What the rows show (the unit's name) is read with the rows by key, never joined into the filtered key
    and count queries (``CaseListView.rows_queryset``)."""
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    party, officer = people.inspected_object(city["yantian"], "计数商行"), people.officer(city["yantian"])
    for i in range(26):  # more than a page, so that the page counts
        rows.case(city["yantian"], f"计数案件{i}", party=party, officer=officer)
    client.force_login(reader(city["yantian"]))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cases/", {"per_page": 25})
    assert response.context["table"].paginator.count_display == "2+"
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    rows_sql = [q["sql"] for q in captured.captured_queries
                if " IN (SELECT " in q["sql"] and '"cases_case"' in q["sql"]]
    assert counts and '"org_unit"' not in counts[0]
    assert rows_sql and '"org_unit"' not in rows_sql[0].split(" IN (SELECT ", 1)[1]


def page_queries(client, url: str, params: dict) -> tuple[int, str]:
    client.get(url, params)  # fills the per-user caches (permissions, columns, filter widgets)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def boxes(content: str, name: str) -> int:
    """How many checkboxes of the filter ``name`` the page holds."""
    return content.count(f'<input type="checkbox" class="form-check-input" name="{name}"')


@pytest.mark.parametrize("scope", [DataScope.UNIT, DataScope.ALL])
def test_the_query_count_depends_neither_on_rows_shown_nor_on_officers_and_units_in_scope(client, city, scope):
    unit = city["yantian"]
    chosen = people.officer(unit)
    for i in range(2):
        rows.case(unit, f"少量案件{i}", officer=chosen)
    client.force_login(reader(unit, scope))
    params = {"officer_id": chosen.pk, "unit_id": unit.pk}
    small, _ = page_queries(client, "/cases/", {})
    small_filtered, _ = page_queries(client, "/cases/", params)
    for i in range(30):
        rows.case(unit, f"更多案件{i}", officer=chosen if i % 2 else None)  # each row brings a new officer too
    for i in range(8):
        factories.unit(f"盐田区第{i}执法队", city["regions"]["yantian"], parent=unit, level="street")
    large, content = page_queries(client, "/cases/", {})
    large_filtered, filtered = page_queries(client, "/cases/", params)
    assert (large, large_filtered) == (small, small_filtered), f"{small}/{small_filtered} → {large}/{large_filtered}"
    assert boxes(content, "officer_id") == boxes(content, "unit_id") == 0  # nothing chosen, nothing rendered
    assert boxes(filtered, "officer_id") == boxes(filtered, "unit_id") == 1  # only the chosen ones


def test_the_pickers_offer_on_demand_only_what_the_filter_offers(client, city):
    mine = people.officer(city["yantian"], user=factories.user(city["yantian"], display_name="张海涛"))
    other = people.officer(city["yantian"], user=factories.user(city["yantian"], display_name="张小明"))
    people.officer(city["futian"], user=factories.user(city["futian"], display_name="张福田"))
    client.force_login(reader(city["yantian"]))
    found = client.get("/cases/filter-choices/officer_id/", {"find": "张"}).content.decode()
    assert "张海涛" in found and "张小明" in found and "张福田" not in found  # another district: not offered
    assert f'name="officer_id" value="{mine.pk}"' in found
    kept = client.get("/cases/filter-choices/officer_id/", {"find": "张", "officer_id": mine.pk}).content.decode()
    assert "张海涛" not in kept and "张小明" in kept  # the chosen one is already among the chosen entries
    assert "没有找到“李”" in client.get("/cases/filter-choices/officer_id/", {"find": "李"}).content.decode()
    units = client.get("/cases/filter-choices/unit_id/", {"find": "盐田"}).content.decode()
    assert city["yantian"].name in units and city["futian"].name not in units
    assert client.get("/cases/filter-choices/status/").status_code == 404
    rows.case(city["yantian"], "张海涛的案件", officer=mine)
    rows.case(city["yantian"], "张小明的案件", officer=other)
    assert shown(client, officer_id=mine.pk) == ["张海涛的案件"]


def test_the_stage_column_reads_the_open_steps_of_the_page_in_one_query(client, agency, general_procedure):
    cases = [case_register(unit=agency["unit"], actor=agency["officer"], procedure_type=ProcedureKind.GENERAL,
                           source=CaseSource.INSPECTION, cause=f"违法建设{i}", parties=[agency["company"]],
                           lead=agency["certificates"]["officer"], assistants=[agency["certificates"]["officer2"]])
             for i in range(3)]
    rows.case(agency["unit"], "简易案件")
    client.force_login(agency["squad"])
    with CaptureQueriesContext(connection) as captured:
        table = client.get("/cases/").context["table"]
    stages = {row.record.cause: row.record.stage_name for row in table.page.object_list}
    assert stages == {**{case.cause: "立案审批" for case in cases}, "简易案件": None}
    assert len([q for q in captured.captured_queries if '"workflow_workitem"."step_name"' in q["sql"]]) == 1
    assert "立案审批" in table.body_html()


def test_the_officer_and_unit_filters_read_no_row_for_their_own_check_once_chosen(client, city):
    unit = city["yantian"]
    chosen = people.officer(unit)
    rows.case(unit, "所选人员的案件", officer=chosen)
    rows.case(unit, "其他案件")
    client.force_login(reader(unit))
    plain, _ = page_queries(client, "/cases/", {})
    filtered, _ = page_queries(client, "/cases/", {"officer_id": chosen.pk, "unit_id": unit.pk})
    assert filtered == plain  # the chosen keys were checked on the first request, then come from the cache
    assert shown(client, officer_id=chosen.pk, unit_id=unit.pk) == ["所选人员的案件"]


@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="SQLite 的查询计划；PostgreSQL 的见 tests/core/test_list_query_plans.py")
@pytest.mark.parametrize("cap", [100, 2])
def test_on_sqlite_the_officer_filter_reads_the_scope_by_its_index_and_probes_the_officers_cases(
        client, city, monkeypatch, cap):
    monkeypatch.setattr(paging, "COUNT_CAP", cap)  # 3 matching cases: under the cap, then over it
    unit = city["yantian"]
    chosen = people.officer(unit)
    for number in range(3):
        rows.case(unit, f"所选人员的案件{number}", officer=chosen)
        rows.case(unit, f"其他案件{number}")
    client.force_login(reader(unit))
    client.get("/cases/", {"officer_id": chosen.pk})  # the chosen officer is checked once, then cached
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/cases/", {"officer_id": chosen.pk}).context["table"].page
    assert sorted(row.record.cause for row in page.object_list) == [f"所选人员的案件{number}" for number in range(3)]
    statements = [query["sql"] for query in queries.captured_queries  # the scope's cases of the chosen officer
                  if "cases_caseofficer" in query["sql"] and '"unit_id" =' in query["sql"]]
    counted = [sql for sql in statements if "COUNT(*) OVER ()" in sql]
    in_order = [sql for sql in statements if 'ORDER BY "cases_case".' in sql]
    # Under the cap one statement counts the matches and cuts the page; over it the page walks the list's order
    # (the capped count was kept by the first request).
    assert (len(counted), len(in_order)) == ((1, 0) if cap == 100 else (0, 1))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " | ".join(row[3] for row in cursor.fetchall())
            assert "CORRELATED" not in plan, plan  # the officer's cases are listed once, not one sub-query a case
            assert "cases_officer_cases (officer_id=?)" in plan, plan
            if sql in in_order:
                assert "INDEX cases_case_unit_recent (unit_id=?)" in plan, plan  # in order, up to the page
            else:
                assert "(unit_id=?)" in plan, plan  # the scope by its index


def test_an_officer_or_unit_outside_the_scope_is_refused_with_a_message_even_beside_a_cached_choice(client, city):
    unit = city["yantian"]
    mine, theirs = people.officer(unit), people.officer(city["futian"])
    rows.case(unit, "本区案件", officer=mine)
    client.force_login(reader(unit))
    assert shown(client, officer_id=mine.pk) == ["本区案件"]  # a valid choice, now cached
    for params in ({"officer_id": theirs.pk}, {"officer_id": [mine.pk, theirs.pk]}, {"unit_id": city["futian"].pk}):
        response = client.get("/cases/", params)
        name = next(iter(params))
        assert response.context["filterset"].form.errors[name], params
        assert "有效的选项" in response.content.decode()


def test_each_row_links_to_its_case_page_and_names_its_parties_and_officers_lead_first(client, city):
    """Names in the order they were added to the case, not in the order of the officers' or objects' keys."""
    unit = city["yantian"]
    cases = [rows.case(unit, f"链接案件{i}") for i in range(3)]
    assistant = people.officer(unit, user=factories.user(unit, display_name="李协办"))
    lead = people.officer(unit, user=factories.user(unit, display_name="王主办"))
    second = people.inspected_object(unit, "乙商行")
    shared = rows.case(unit, "共同案件", party=people.inspected_object(unit, "甲商行"), officer=lead)
    with actor_context(channel=Channel.SYSTEM):
        CaseParty.objects.create(case=shared, inspected_object=second)
        CaseOfficer.objects.create(case=shared, officer=assistant, role=OfficerRole.ASSISTANT)
        refresh_case(shared)  # as the services do after adding a party or an officer
    client.force_login(reader(unit))
    response = client.get("/cases/", {"columns": ["cause", "parties", "lead", "officers"]})
    content = response.content.decode()
    for case in cases:
        assert f'<a href="{case.get_absolute_url()}">{case.cause}</a>' in content
    record = next(row for row in response.context["table"].page.object_list if row.record.pk == shared.pk)
    assert [record.get_cell(name) for name in ("parties", "lead", "officers")] == [
        "甲商行、乙商行", "王主办", "王主办、李协办"]


def test_the_filters_compile_no_query_until_the_page_reads_its_rows(rf, city):
    """An empty object filter (办案人员, 办案单位, 案由（职权） …) is no reason to compile its restricted choices."""
    rows.case(city["yantian"], "已立案的案件", status="filed")
    rows.case(city["yantian"], "未立案的案件")
    request = rf.get("/cases/")
    request.user = reader(city["yantian"])
    compiled = []
    original = SQLCompiler.as_sql

    def counting(compiler, *args, **kwargs):
        compiled.append(compiler.query.model)
        return original(compiler, *args, **kwargs)

    def filtered():
        filterset = CaseFilterSet({"status": "filed"}, queryset=Case.objects.all(), request=request)
        assert filterset.is_valid()
        return filterset.qs

    filtered()  # loads the user's permissions and grants (cached per user)
    with mock.patch.object(SQLCompiler, "as_sql", counting):
        queryset = filtered()
    assert compiled == []
    assert [case.cause for case in queryset] == ["已立案的案件"]


def test_the_rows_read_only_the_names_of_the_columns_shown_even_on_a_page_past_the_end(client, city):
    """The parties' and the 主办's names are columns of the case, so the default page reads no officer row; every
    officer's names are read (one sub-select) only with the 办案人员 column. Page 999 falls back to the last page,
    whose rows still carry the names."""
    unit = city["yantian"]
    lead = people.officer(unit, user=factories.user(unit, display_name="王主办"))
    rows.case(unit, "越页案件", party=people.inspected_object(unit, "丙商行"), officer=lead)
    client.force_login(reader(unit))
    for columns, reads in ((None, False), (["cause", "parties", "lead", "officers"], True)):
        if columns:
            client.post(reverse("core:table_columns", args=["cases.CaseTable"]),
                        {"columns": columns, "next": "/cases/"})
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/cases/", {"page": 999})
        statements = [q["sql"] for q in captured.captured_queries if '"cases_caseofficer"' in q["sql"]]
        assert bool(statements) == reads and all(sql.count('"cases_caseofficer"') == 1 for sql in statements)
        record = response.context["table"].page.object_list[0]
        assert [record.get_cell(name) for name in ("parties", "lead")] == ["丙商行", "王主办"]
