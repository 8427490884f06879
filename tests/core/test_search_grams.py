"""Name search (``q``) through the gram index: the same rows as the plain ``icontains`` search, and on
PostgreSQL a condition the index answers (issue 9: a search read every row of the user's scope)."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import connection
from django.urls import get_resolver, reverse

from tests import factories
from tests.basedata import people
from zhifa.basedata.models import InspectedObject
from zhifa.cases.models import Case
from zhifa.core import search_grams
from zhifa.core.views.generic.registry import models_with, registered_view
from zhifa.org.models import User

GRAMS_ONLY_ON_POSTGRESQL = "需要 PostgreSQL：只有 PostgreSQL 有字片索引（SQLite 上搜索不变，由其余用例覆盖）"
get_resolver().url_patterns  # registers every model's views
GRAM_INDEXES = {InspectedObject: "basedata_object_grams", User: "org_user_grams", Case: "cases_case_grams"}
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
    """The index only narrows: a searched field missing from it would lose matching rows."""
    filterset = registered_view(model, "list").filterset
    assert set(filterset.search_fields) <= set(model.search_grams)


@pytest.mark.postgres_only(reason=GRAMS_ONLY_ON_POSTGRESQL)
@pytest.mark.django_db
@pytest.mark.parametrize("model", GRAM_MODELS, ids=lambda model: model._meta.label)
def test_the_search_condition_is_answered_from_the_gram_index(model):
    sql, params = search_grams.narrowed(model._base_manager.order_by(), ["广告"]).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.dumps(json.loads(plan) if isinstance(plan, str) else plan, ensure_ascii=False)
    assert f'"Index Name": "{GRAM_INDEXES[model]}"' in plan, plan


@pytest.mark.postgres_only(reason=GRAMS_ONLY_ON_POSTGRESQL)
@pytest.mark.django_db
def test_grams_are_the_characters_and_pairs_upper_cased():
    with connection.cursor() as cursor:
        cursor.execute("SELECT zhifa_grams('广告ab'), zhifa_search_grams('广告a'), zhifa_search_grams('广')")
        grams, wanted, single = cursor.fetchone()
    assert sorted(grams) == sorted(["广", "告", "A", "B", "广告", "告A", "AB"])
    assert sorted(wanted) == ["告A", "广告"] and single == ["广"]
