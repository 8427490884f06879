"""Name search (``q``) through the gram index: the same rows as the plain ``icontains`` search, and a
condition the index answers — PostgreSQL's GIN index, SQLite's FTS5 side index kept by triggers
(issue 9: a search read every row of the user's scope)."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Q
from django.urls import get_resolver, reverse

from tests import factories
from tests.basedata import people
from tests.cases import rows
from zhifa.basedata.filtersets import officers as officer_filters
from zhifa.basedata.models import InspectedObject, Officer
from zhifa.basedata.models.objects import ObjectStatus
from zhifa.cases.models import Case
from zhifa.cases.search_text import refresh_case
from zhifa.core import search_grams, search_grams_sqlite
from zhifa.core.views.generic.registry import models_with, registered_view
from zhifa.org.models import User

get_resolver().url_patterns  # registers every model's views
GRAM_INDEXES = {InspectedObject: "basedata_object_grams", User: "org_user_grams", Case: "cases_case_grams",
                Officer: "basedata_officer_grams"}
SIDE_INDEXES = {model: search_grams_sqlite.side_index_name(model._meta.db_table) for model in GRAM_INDEXES}
GRAM_MODELS = list(GRAM_INDEXES)


@pytest.fixture
def objects(city):
    names = ["盐田广告有限公司", "沙头角广场餐厅", "海景告示牌厂", "Abc 文化传播", "广", "张记便利店"]
    made = [people.inspected_object(city["yantian"], name, legal_representative="王五") for name in names]
    made.append(people.inspected_object(city["yantian"], "园岭茶馆", legal_representative="李广告"))
    return made


def listed_names(client, user, url_name: str, q: str) -> list[str]:
    client.force_login(user)
    table = client.get(reverse(url_name), {"q": q}).context["table"]
    return [str(row.record) for row in table.page.object_list]


@pytest.mark.parametrize("q", ["广告", "告", "广", "ABC", "abc", "c 文", "广告有限", "告示", "王五", "无此名称"])
def test_object_search_finds_exactly_the_rows_containing_the_text(client, city, objects, q):
    viewer = factories.user(city["yantian"], roles=[factories.role(["basedata.view_inspectedobject"])])
    expected = sorted(
        str(obj) for obj in objects if q.upper() in obj.name.upper() or q.upper() in obj.legal_representative.upper()
    )
    assert sorted(listed_names(client, viewer, "basedata:inspectedobject_list", q)) == expected


def test_object_search_by_credit_code_with_spaces_finds_the_code(client, city, objects):
    viewer = factories.user(city["yantian"], roles=[factories.role(["basedata.view_inspectedobject"])])
    code = objects[0].credit_code
    spaced = f"{code[-8:-4]} {code[-4:]}"  # typed in groups: the code is compacted before matching
    expected = sorted(obj.name for obj in objects if code[-8:] in obj.credit_code)
    assert objects[0].name in expected
    assert sorted(listed_names(client, viewer, "basedata:inspectedobject_list", spaced)) == expected


def test_user_search_finds_names_and_user_names(client, city):
    viewer = factories.user(city["yantian"], username="viewer", roles=[factories.role(["org.view_user"])])
    factories.user(city["yantian"], username="zhangwei", display_name="张伟")
    factories.user(city["yantian"], username="liwei", display_name="李伟", title="张家队长")
    factories.user(city["yantian"], username="wangfang", display_name="王芳")
    assert sorted(listed_names(client, viewer, "org:user_list", "张")) == ["张伟（zhangwei）", "李伟（liwei）"]
    assert listed_names(client, viewer, "org:user_list", "ZHANGW") == ["张伟（zhangwei）"]


LISTS_WITH_GRAMS = [
    apps.get_model(app_label, model_name) for app_label, model_name in models_with("list")
    if getattr(apps.get_model(app_label, model_name), "search_grams", ())
]


def test_the_lists_with_a_gram_index_are_the_indexed_ones():
    assert set(LISTS_WITH_GRAMS) == set(GRAM_MODELS)


@pytest.mark.parametrize("model", LISTS_WITH_GRAMS, ids=lambda model: model._meta.label)
def test_the_gram_fields_cover_every_field_the_list_searches(model):
    """The index only narrows: a searched field missing from it would lose matching rows. A related
    model's fields (an officer's holder's names) are searched through that model's own index."""
    filterset = registered_view(model, "list").filterset
    assert {field for field in filterset.search_fields if "__" not in field} <= set(model.search_grams)


def query_plan(queryset) -> str:
    """The plan of ``queryset``'s keys: PostgreSQL's JSON plan with sequential scans off, SQLite's
    ``EXPLAIN QUERY PLAN`` lines."""
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            return json.dumps(json.loads(plan) if isinstance(plan, str) else plan, ensure_ascii=False)
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def used_index(model) -> str:
    """How the plan names the model's gram index on this database."""
    if connection.vendor == "postgresql":
        return f'"Index Name": "{GRAM_INDEXES[model]}"'
    return f"SCAN {SIDE_INDEXES[model]} VIRTUAL TABLE"


@pytest.mark.django_db
@pytest.mark.parametrize("model", GRAM_MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("fetch_by_key", [5_000, -1], ids=["few-candidates", "many-candidates"])
def test_the_search_condition_is_answered_from_the_gram_index(model, fetch_by_key, monkeypatch):
    """On SQLite both ways — candidates fetched by key, or the scope probing them — read the side index."""
    monkeypatch.setattr(search_grams, "SQLITE_FETCH_BY_KEY", fetch_by_key)
    scope = model._base_manager.order_by()
    if connection.vendor == "sqlite":  # a condition, as a scope would be: SQLite may then probe
        scope = scope.filter(**{f"{model.search_grams[0]}__isnull": False})
    plan = query_plan(search_grams.narrowed(scope, ["广告"]))
    assert used_index(model) in plan, plan
    if connection.vendor == "sqlite":
        by_key = f"SEARCH {model._meta.db_table} USING INTEGER PRIMARY KEY"
        assert (by_key in plan) == (fetch_by_key > 0), plan


@pytest.mark.django_db
@pytest.mark.parametrize("model", GRAM_MODELS, ids=lambda model: model._meta.label)
def test_every_gram_index_is_in_place_after_all_migrations(model):
    """On SQLite with its triggers, which a later migration rebuilding the table would drop (decision 0014)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
            assert {GRAM_INDEXES[model], UNIT_GRAM_INDEXES[model]} <= {name for (name,) in cursor.fetchall()}
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        triggers = {name for (name,) in cursor.fetchall()}
    assert {f"{SIDE_INDEXES[model]}_{event}" for event in ("insert", "update", "delete")} <= triggers


UNIT_GRAM_INDEXES = {InspectedObject: "basedata_object_unit_grams", User: "org_user_unit_grams",
                     Case: "cases_case_unit_grams", Officer: "basedata_officer_unit_grams"}


def match_text(queryset) -> str:
    """The FTS5 query of a narrowed queryset on SQLite (its one parameter that is a ``MATCH`` text)."""
    _, params = queryset.values("pk").query.sql_with_params()
    matches = [param for param in params if isinstance(param, str) and param.startswith("(")]
    assert len(matches) == 1, params
    return matches[0]


@pytest.mark.django_db
@pytest.mark.parametrize("model", GRAM_MODELS, ids=lambda model: model._meta.label)
def test_a_search_within_a_few_units_reads_the_grams_of_those_units(model, city):
    units = [city["yantian"].pk, city["futian"].pk]
    scope = model.objects.order_by().within_units(f"{model.search_grams_unit}__pk", units)
    narrowed = search_grams.narrowed(scope, ["广告", "告示"])
    plan = query_plan(narrowed)
    if connection.vendor == "postgresql":
        unit_index = f'"Index Name": "{UNIT_GRAM_INDEXES[model]}"'
        assert unit_index in plan and f'"{GRAM_INDEXES[model]}"' not in plan, plan
        assert plan.count(unit_index) == 2 * len(units)  # one range per unit and text
        return
    assert used_index(model) in plan, plan
    yantian, futian = units
    assert match_text(narrowed) == (f'("{yantian}:告示") OR ("{futian}:告示") OR ("{yantian}:广告") OR '
                                    f'("{futian}:广告")')  # the texts sorted, each within every unit


@pytest.mark.postgres_only(reason="PostgreSQL 的索引函数（SQLite 的字片在 Python 中计算）")
@pytest.mark.django_db
def test_the_unit_gram_functions_work_without_a_search_path():
    """A restore (pg_dump's output) builds the indexes with an empty search_path: the functions of an index may
    call only built-in ones."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        cursor.execute("SET LOCAL search_path = ''")
        cursor.execute(f"SELECT {schema}.zhifa_unit_grams(42, %s), {schema}.zhifa_unit_search_grams(42, %s)",
                       ["广告", "广告"])
        grams, wanted = cursor.fetchone()
        cursor.execute(f"SET LOCAL search_path = {schema}")
    assert sorted(grams) == ["42:告", "42:广", "42:广告"] and wanted == ["42:广告"]


@pytest.mark.django_db
def test_a_scope_of_many_units_searches_the_plain_gram_index(city, monkeypatch):
    monkeypatch.setattr(search_grams, "MAX_UNIT_GRAM_PARTS", 1)
    scope = User.objects.order_by().within_units("unit__pk", [city["yantian"].pk, city["futian"].pk])
    narrowed = search_grams.narrowed(scope, ["广告"])
    plan = query_plan(narrowed)
    if connection.vendor == "postgresql":
        assert f'"Index Name": "{GRAM_INDEXES[User]}"' in plan and UNIT_GRAM_INDEXES[User] not in plan, plan
        return
    assert used_index(User) in plan and match_text(narrowed) == '("广告")', plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite 的字片副索引（PostgreSQL 用 GIN 索引，见上）")
@pytest.mark.django_db
def test_the_side_index_holds_each_gram_also_as_a_token_of_the_row_unit(city):
    """On SQLite the unit tokens (``42:广告``) find only that unit's rows; the plain ones find every unit's."""
    yantian, futian = city["yantian"], city["futian"]
    here = people.inspected_object(yantian, "盐田广告有限公司")
    there = people.inspected_object(futian, "福田广告有限公司")
    index = SIDE_INDEXES[InspectedObject]

    def found(match: str) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s', [match])
            return {rowid for (rowid,) in cursor.fetchall()}

    assert found(f'"{yantian.pk}:广告"') == {here.pk} and found(f'"{futian.pk}:广告"') == {there.pk}
    assert found('"广告"') == {here.pk, there.pk}
    assert search_grams_sqlite.unit_grams(7, "广a") == "7:A 7:广 7:广A"
    assert search_grams_sqlite.unit_grams(7, "c 文") == "7:文 7:C"  # split at white space, as the tokenizer would
    assert search_grams_sqlite.unit_grams(None, "广") == ""  # a user outside every unit


@pytest.mark.parametrize("scope", ["unit", "subtree", "region", "all"])
@pytest.mark.parametrize("q", ["广告", "告", "告示", "王五", "无此名称"])
def test_a_search_finds_the_same_objects_at_every_scope(client, city, objects, scope, q):
    """The grams of the scope's units (a few units) and the plain grams (all) find the same rows."""
    people.inspected_object(city["futian"], "福田广告公司", legal_representative="王五")
    viewer = factories.user(city["yantian"], roles=[factories.role(["basedata.view_inspectedobject"], scope)])
    visible = InspectedObject.objects.restrict(viewer, "view")
    expected = sorted(str(obj) for obj in visible
                      if q.upper() in obj.name.upper() or q.upper() in obj.legal_representative.upper())
    assert sorted(listed_names(client, viewer, "basedata:inspectedobject_list", q)) == expected


@pytest.mark.django_db
def test_an_unfiltered_search_fetches_its_candidates_by_key_however_many(monkeypatch):
    """Without a scope there is no index to walk: probing would read the whole table."""
    monkeypatch.setattr(search_grams, "SQLITE_FETCH_BY_KEY", -1)
    plan = query_plan(search_grams.narrowed(User._base_manager.order_by(), ["张伟"]))
    assert used_index(User) in plan, plan
    if connection.vendor == "sqlite":
        assert "SEARCH org_user USING INTEGER PRIMARY KEY" in plan, plan


@pytest.mark.django_db
def test_grams_are_the_characters_and_pairs_upper_cased():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT zhifa_grams('广告ab'), zhifa_search_grams('广告a'), zhifa_search_grams('广')")
            grams, wanted, single = cursor.fetchone()
        else:
            cursor.execute("SELECT zhifa_grams('广告ab')")
            grams = cursor.fetchone()[0].split(" ")
            wanted, single = search_grams_sqlite.search_grams("广告a"), search_grams_sqlite.search_grams("广")
    assert sorted(grams) == sorted(["广", "告", "A", "B", "广告", "告A", "AB"])
    assert sorted(wanted) == ["告A", "广告"] and single == ["广"]


def test_a_search_leaves_out_the_pairs_that_hold_white_space():
    """The SQLite side index splits at white space: such a pair is no token, so it is not looked for."""
    assert search_grams_sqlite.search_grams("c 文") == []
    assert search_grams_sqlite.search_grams("ab c") == ["AB"]
    assert search_grams_sqlite.match_expression(["ab c", '"x']) == '("AB") OR ("""X")'
    assert search_grams_sqlite.match_expression(["ab", " "]) is None


def test_a_long_search_looks_up_every_other_pair_and_the_last():
    assert search_grams_sqlite.looked_up_grams("深圳市四通五金") == ["五金", "市四", "深圳", "通五"]
    assert search_grams_sqlite.looked_up_grams("广告有限") == ["广告", "有限"]
    assert search_grams_sqlite.looked_up_grams("广告a") == ["告A", "广告"]  # shorter: every pair
    assert search_grams_sqlite.looked_up_grams("ab c d") == ["AB"]  # pairs holding white space are no tokens


SEARCHES = ["广告", "广", "告示", "ABC", "abc", "bC", "c 文", "广告有限", "广告有限公司", "王五", "李", "-1", "（",
            "无此名称"]


def contains(model, q: str) -> Q:
    """The plain search: one of the model's gram fields contains ``q``."""
    condition = Q()
    for field in model.search_grams:
        condition |= Q(**{f"{field}__icontains": q})
    return condition


def searched(model, q: str) -> set[int]:
    """Keys of the rows whose gram fields contain ``q``, through the index and without it (asserted equal), also
    within each unit and within all the units of the rows, through the grams of those units."""
    condition = contains(model, q)
    plain = set(model._base_manager.filter(condition).values_list("pk", flat=True))
    scope = model._base_manager.filter(pk__gte=0)  # filtered: many candidates are probed, not fetched by key
    through_index = search_grams.narrowed(scope, [q]).filter(condition)
    assert set(through_index.values_list("pk", flat=True)) == plain, q
    units = sorted(set(model._base_manager.values_list("unit", flat=True)) - {None})
    for part in [*([unit] for unit in units), units]:  # each unit alone, and all of them (a subtree)
        within = model.objects.filter(unit__in=part).within_units("unit__pk", part)
        assert search_grams.scope_units(within) == tuple(part)  # through the grams of these units
        expected = set(model._base_manager.filter(condition, unit__in=part).values_list("pk", flat=True))
        found = search_grams.narrowed(within, [q]).filter(condition).values_list("pk", flat=True)
        assert set(found) == expected, (q, part)
    return plain


def assert_searches_equal_plain_icontains(model, monkeypatch) -> None:
    """Every search of ``SEARCHES`` both ways: candidates fetched by key, and probed (-1: always "many")."""
    for fetch_by_key in (5_000, -1):
        monkeypatch.setattr(search_grams, "SQLITE_FETCH_BY_KEY", fetch_by_key)
        for q in SEARCHES:
            searched(model, q)


@pytest.mark.django_db
def test_the_index_follows_every_write_to_objects(city, monkeypatch):
    """Service saves, ``bulk_create``, ``QuerySet.update``, deletes: the index finds what ``icontains`` finds."""
    unit = city["yantian"]
    first = people.inspected_object(unit, "盐田广告有限公司", legal_representative="王五")
    second = people.inspected_object(unit, "Abc 文化传播-1（分店）", legal_representative="李四")
    people.inspected_object(unit, "海景告示牌厂", legal_representative="赵六")
    template = InspectedObject.objects.get(pk=second.pk)
    clones = []
    for number, name in enumerate(["bulk 广告 ABC", "批量便利店"]):
        template.pk, template.name, template.credit_code = None, name, f"{first.credit_code[:-2]}{number:02d}"
        fields = InspectedObject._meta.concrete_fields
        clones.append(InspectedObject(**{field.attname: getattr(template, field.attname) for field in fields}))
    InspectedObject.objects.bulk_create(clones)
    assert searched(InspectedObject, "广告") == {first.pk, InspectedObject.objects.get(name="bulk 广告 ABC").pk}
    assert_searches_equal_plain_icontains(InspectedObject, monkeypatch)

    InspectedObject.objects.filter(pk=first.pk).update(name="盐田便利店", legal_representative="李广告")
    second.name = "广场餐厅"
    second.save()
    InspectedObject.objects.filter(name="批量便利店").update(status=ObjectStatus.CANCELLED)  # no searched field
    InspectedObject.objects.filter(name="海景告示牌厂").delete()
    assert searched(InspectedObject, "广告") == {first.pk, InspectedObject.objects.get(name="bulk 广告 ABC").pk}
    assert searched(InspectedObject, "广场") == {second.pk}
    assert searched(InspectedObject, "告示") == set()
    assert_searches_equal_plain_icontains(InspectedObject, monkeypatch)

    InspectedObject.objects.filter(pk=first.pk).update(unit=city["futian"])  # another unit, same text
    second.unit = city["futian"]
    second.save()
    assert within(InspectedObject, city["futian"], "广") == {first.pk, second.pk}
    bulk = InspectedObject.objects.get(name="bulk 广告 ABC")
    assert within(InspectedObject, city["yantian"], "广告") == {bulk.pk}
    assert_searches_equal_plain_icontains(InspectedObject, monkeypatch)


def within(model, unit, q: str) -> set[int]:
    """Keys of the rows of ``unit`` whose gram fields contain ``q``, found through the unit's grams."""
    scope = model.objects.filter(unit=unit).within_units("unit__pk", [unit.pk])
    return set(search_grams.narrowed(scope, [q]).filter(contains(model, q)).values_list("pk", flat=True))


@pytest.mark.django_db
def test_the_index_follows_every_write_to_users(city, monkeypatch):
    unit = city["yantian"]
    zhang = factories.user(unit, username="zhangwei", display_name="张伟")
    li = factories.user(unit, username="liwei", display_name="李伟", title="张家队长")
    User.objects.filter(pk=li.pk).update(title="队长", phone="13800001111")
    zhang.display_name = "张薇"
    zhang.save()
    factories.user(unit, username="wangfang", display_name="王芳").delete()
    assert searched(User, "张") == {zhang.pk}
    assert searched(User, "1111") == {li.pk}
    assert searched(User, "王芳") == set()
    assert searched(User, "ZHANGW") == {zhang.pk}
    assert_searches_equal_plain_icontains(User, monkeypatch)

    zhang.unit = city["futian"]
    zhang.save()
    User.objects.filter(pk=li.pk).update(unit=city["futian"])
    assert within(User, city["futian"], "张") == {zhang.pk} and within(User, city["yantian"], "张") == set()
    assert within(User, city["futian"], "1111") == {li.pk}
    assert_searches_equal_plain_icontains(User, monkeypatch)


@pytest.mark.django_db
def test_the_index_follows_every_write_to_cases(city, monkeypatch):
    """The case's search text is rewritten by its service; a case may move to another unit."""
    yantian, futian = city["yantian"], city["futian"]
    first = rows.case(yantian, "违规设置户外广告")
    second = rows.case(yantian, "店外经营", party=people.inspected_object(yantian, "海景告示牌厂"))
    third = rows.case(futian, "噪声扰民")
    assert searched(Case, "广告") == {first.pk} and searched(Case, "告示") == {second.pk}
    assert_searches_equal_plain_icontains(Case, monkeypatch)

    Case.objects.filter(pk=first.pk).update(cause="占道经营")
    refresh_case(Case.objects.get(pk=first.pk))
    Case.objects.filter(pk=second.pk).update(unit=futian)
    third.unit = yantian
    third.save()
    assert searched(Case, "广告") == set() and searched(Case, "占道") == {first.pk}
    assert within(Case, futian, "告示") == {second.pk} and within(Case, yantian, "告示") == set()
    assert within(Case, yantian, "噪声") == {third.pk}
    assert_searches_equal_plain_icontains(Case, monkeypatch)


@pytest.mark.parametrize("keys_first", [1_000, 0], ids=["matches-by-key", "walk"])
@pytest.mark.parametrize("scope", ["unit", "subtree", "region", "all"])
@pytest.mark.parametrize("q", ["广东", "粤440308", "张伟", "张", "zhangw", "无此名称"])
def test_a_search_finds_the_same_officers_at_every_scope(client, city, scope, q, keys_first, monkeypatch):
    """Certificate number and issuing authority through the officers' grams, the holder's names through the
    users': read as one set of keys or by walking the scope, the rows the plain search over all four fields
    finds."""
    monkeypatch.setattr(officer_filters, "KEYS_FIRST_LIMIT", keys_first)
    yantian, futian = city["yantian"], city["futian"]
    people.officer(yantian, issuing_authority="广东省人民政府", user=factories.user(yantian, display_name="张伟",
                                                                            username="zhangwei"))
    people.officer(yantian, issuing_authority="深圳市人民政府", user=factories.user(yantian, display_name="李广东"))
    people.officer(futian, issuing_authority="广东省人民政府", user=factories.user(futian, display_name="张三"))
    people.officer(futian, issuing_authority="深圳市人民政府", user=factories.user(futian, display_name="王芳"))
    viewer = factories.user(yantian, roles=[factories.role(["basedata.view_officer"], scope)])
    visible = Officer.objects.restrict(viewer, "view").select_related("user")
    expected = sorted(str(officer) for officer in visible if any(
        q.upper() in text.upper() for text in (officer.certificate_number, officer.issuing_authority,
                                               officer.user.display_name, officer.user.username)))
    assert sorted(listed_names(client, viewer, "basedata:officer_list", q)) == expected
    assert q == "无此名称" or expected


@pytest.mark.django_db
def test_the_estimate_of_a_search_reads_no_row_and_exists_only_on_postgresql(city, django_assert_num_queries):
    people.inspected_object(city["yantian"], "盐田广告有限公司")
    candidates = search_grams.narrowed(InspectedObject.objects.order_by(), ["广告"])
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 0) as captured:
        estimate = search_grams.estimated_rows(candidates)
    if connection.vendor == "postgresql":
        assert isinstance(estimate, int) and estimate >= 0
        assert captured.captured_queries[0]["sql"].startswith("EXPLAIN")
    else:
        assert estimate is None
    assert search_grams.estimated_rows(InspectedObject.objects.none()) in (0, None)
