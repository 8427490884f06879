"""Discretion-standard screens: buttons follow the service rules, steps call the services, refusals are messages."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from tests.base import AccessTests, ApiTests, DetailTests, ListTests
from tests.personal_data import HistoryCardTests, PersonalDataTests
from tests.reach import ApiWriteTests, ScopeTests
from tests.basedata.test_discretion import LEVELS, draft, published
from tests.basedata.test_powers import make_power
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.basedata.services import discretion as svc
from zhifa.core.scoping import DataScope


def client_for(client, user):
    client.force_login(user)
    return client


def step(standard, name):
    return reverse(f"basedata:discretionstandard_{name}", args=[standard.pk])


def test_author_sees_submit_but_not_review_and_submits(client, tree):
    standard = draft(tree)
    page = client_for(client, tree["district_author"]).get(standard.get_absolute_url())
    assert "提交审核" in page.content.decode() and "审核通过" not in page.content.decode()
    response = client.post(step(standard, "submit"))
    assert response.url == standard.get_absolute_url()
    standard.refresh_from_db()
    assert standard.status == StandardStatus.SUBMITTED


def test_reject_without_reason_is_refused_with_the_service_message(client, tree):
    standard = draft(tree)
    client_for(client, tree["district_author"]).post(step(standard, "submit"))
    client_for(client, tree["city_reviewer"])
    response = client.post(step(standard, "reject"), {"reason": "  "}, follow=True)
    assert "退回时必须填写退回原因" in response.content.decode()
    standard.refresh_from_db()
    assert standard.status == StandardStatus.SUBMITTED


def test_an_author_cannot_approve_own_standard(client, tree):
    standard = draft(tree)
    client_for(client, tree["district_author"]).post(step(standard, "submit"))
    page = client.get(standard.get_absolute_url()).content.decode()
    reason = "本基准由深圳市城市管理和综合执法局具有审核权限的人员审核"
    assert reason in page  # shown next to the disabled button
    response = client.post(step(standard, "approve"), follow=True)
    assert reason in response.content.decode()
    standard.refresh_from_db()
    assert standard.status == StandardStatus.SUBMITTED


def test_create_a_draft_with_levels_through_the_form(client, tree):
    power = make_power(tree["district"])
    tree["district_author"].roles.first().permissions.add(
        *Permission.objects.filter(codename__in=["add_discretionstandard", "view_power"]))
    client_for(client, tree["district_author"])
    data = {"power": power.pk, "title": "占道经营裁量基准", "levels-TOTAL_FORMS": "2", "levels-INITIAL_FORMS": "0",
            "levels-0-circumstance": "轻微", "levels-0-penalty_kinds": ["warning"],
            "levels-1-circumstance": "一般", "levels-1-penalty_kinds": ["fine"], "levels-1-fine_min": "100",
            "levels-1-fine_max": "50"}
    response = client.post(reverse("basedata:discretionstandard_add"), data)
    assert "第2阶次：罚款下限不能大于上限" in response.content.decode()
    assert not DiscretionStandard.objects.exists()
    data["levels-1-fine_max"] = "500"
    response = client.post(reverse("basedata:discretionstandard_add"), data)
    standard = DiscretionStandard.objects.get()
    assert response.url == standard.get_absolute_url()
    assert (standard.unit, standard.status) == (tree["district"], StandardStatus.DRAFT)
    assert [lv.circumstance for lv in standard.levels.all()] == ["轻微", "一般"]


def test_published_standard_is_not_editable(client, tree):
    standard = published(tree)
    client_for(client, tree["district_author"])
    response = client.get(reverse("basedata:discretionstandard_edit", args=[standard.pk]), follow=True)
    assert "只有草稿或已退回的基准可以修改" in response.content.decode()
    assert standard.levels.count() == len(LEVELS)


def test_street_claims_then_proposes_an_adjustment(client, tree):
    standard = published(tree)
    street = factories.user(tree["street"], roles=[factories.role(
        ["basedata.view_discretionstandard", "basedata.change_discretionstandard", "basedata.add_discretionclaim"],
        DataScope.REGION)])
    client_for(client, street)
    assert "认领" in client.get(standard.get_absolute_url()).content.decode()
    client.post(step(standard, "claim"))
    assert standard.claims.filter(unit=tree["street"]).exists()
    response = client.post(step(standard, "propose"))
    child = DiscretionStandard.objects.get(parent=standard)
    assert response.url == child.get_absolute_url()
    assert (child.unit, child.status) == (tree["street"], StandardStatus.DRAFT)


def test_a_street_team_with_its_own_scope_reads_and_claims_the_districts_published_standard(client, tree):
    standard, unpublished = published(tree), draft(tree)
    team = factories.user(tree["street"], roles=[factories.role(
        ["basedata.view_discretionstandard", "basedata.add_discretionclaim"], DataScope.SUBTREE)])
    client_for(client, team)
    assert client.get(unpublished.get_absolute_url()).status_code == 404  # drafts stay with the district
    listed = client.get(reverse("basedata:discretionstandard_list")).content.decode()
    assert standard.title in listed
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "本单位认领本基准后才能提出调整" in page
    client.post(step(standard, "claim"))
    assert standard.claims.filter(unit=tree["street"]).exists()
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "本单位已认领该基准" in page and "您没有维护自由裁量基准的权限" in page


def test_without_the_claim_permission_the_page_says_so_and_the_claim_is_refused(client, tree):
    standard = published(tree)
    reader = factories.user(tree["street"], roles=[factories.role(["basedata.view_discretionstandard"])])
    client_for(client, reader)
    assert "您没有认领自由裁量基准的权限" in client.get(standard.get_absolute_url()).content.decode()
    response = client.post(step(standard, "claim"), follow=True)
    assert "您没有认领自由裁量基准的权限" in response.content.decode()
    assert not standard.claims.exists()


class TestDiscretionStandardScreens(AccessTests, ListTests, DetailTests, ApiTests, ScopeTests, ApiWriteTests,
                                    PersonalDataTests, HistoryCardTests):
    """The generic screens and the read-only API of discretion standards (steps are tested above)."""

    model = DiscretionStandard
    key_field = "title"
    url_prefix_api = "basedata-api"
    api_basename = "discretionstandard"
    extra_permissions = ("basedata.view_power", "org.view_unit")

    def standard(self, unit, title: str) -> DiscretionStandard:
        author = factories.user(unit, roles=[factories.role(factories.model_permissions(DiscretionStandard),
                                                           DataScope.UNIT)])
        standard = DiscretionStandard(power=make_power(unit), unit=unit, title=title)
        return svc.standard_create(standard=standard, levels=LEVELS, user=author)

    def create_data(self, city):
        return {
            "own": [self.standard(city["yantian"], "盐田占道经营裁量基准"), self.standard(city["yantian"], "盐田噪声裁量基准")],
            "other": [self.standard(city["futian"], "福田占道经营裁量基准"), self.standard(city["futian"], "福田噪声裁量基准")],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            self.standard(city["yantian"], f"盐田测试裁量基准{DiscretionStandard.objects.count():04d}")
