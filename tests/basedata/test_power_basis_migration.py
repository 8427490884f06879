"""Migration basedata 0010: the links of powers to articles that existed before get the role their chapter gave
them in the documents (法律责任 → 处罚依据, else 违反的规定)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("basedata", "0009_officer_unit")]
AFTER = [("basedata", "0010_power_basis_roles")]


@pytest.mark.django_db(transaction=True)
def test_existing_links_get_the_role_of_their_chapter(city):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Law, Article, Power = (old.get_model("basedata", name) for name in ("Law", "Article", "Power"))
    law = Law.objects.create(title="中华人民共和国大气污染防治法", short_title="大气污染防治法", level="法律",
                             version_date=dt.date(2018, 10, 26))
    duty = Article.objects.create(law=law, number=81, label="第八十一条", chapter="第四章 大气污染防治措施", text="…",
                                  order=81)
    penalty = Article.objects.create(law=law, number=118, label="第一百一十八条", chapter="第七章 法律责任", text="…",
                                     order=118)
    power = Power.objects.create(code="M-0001", name="对餐饮服务单位未安装油烟净化设施的处罚", kind="penalty",
                                 unit_id=city["yantian"].pk)
    power.basis.add(duty, penalty)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = new.get_model("basedata", "PowerBasis").objects.filter(power_id=power.pk)
    assert dict(rows.values_list("article_id", "role")) == {duty.pk: "violated", penalty.pk: "penalty"}


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    """Migrate forward to the latest state after the test: later tests of this process need every migration
    (the SQLite gram side index of basedata 0011 among them)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
