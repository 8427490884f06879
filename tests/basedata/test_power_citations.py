"""A power's articles carry their role (违反的规定 / 处罚依据): chosen on the edit screen, shown on the detail page,
kept in the version, taken from the chapter when not stated (API, links made without a role)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories
from tests.model_base import xlsx_upload
from tests.basedata.test_powers import make_power, power_post
from zhifa.basedata.models import Article, Law, Power, PowerBasis
from zhifa.basedata.models.powers import role_by_chapter

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    law = Law.objects.create(title="城市市容和环境卫生管理条例", short_title="市容环卫条例", level="行政法规",
                             version_date=dt.date(2017, 3, 1))
    duty = Article.objects.create(law=law, number=14, label="第十四条", chapter="第二章 市容管理",
                                  text="任何单位和个人都不得在街道两侧和公共场地堆放物料……", order=14)
    penalty = Article.objects.create(law=law, number=36, label="第三十六条", chapter="第四章 罚则",
                                     text="有下列行为之一者，城市人民政府市容环境卫生行政主管部门……可以并处罚款……", order=36)
    return duty, penalty


@pytest.fixture
def editor(client, city):
    permissions = factories.model_permissions(Power, ["view", "change"]) + ["org.view_unit", "basedata.view_article"]
    user = factories.user(city["yantian"], roles=[factories.role(permissions)])
    client.force_login(user)
    return user


def roles(power) -> dict[str, str]:
    return {row.article.label: row.role for row in PowerBasis.objects.filter(power=power).select_related("article")}


def test_the_chapter_gives_the_role_only_when_none_is_stated(articles):
    duty, penalty = articles
    assert (role_by_chapter(duty), role_by_chapter(penalty)) == ("violated", "penalty")  # 罚则: a regulation's 法律责任
    duty.chapter = "第五章 法律责任"
    assert role_by_chapter(duty) == "penalty"


def test_the_edit_screen_saves_each_article_in_its_role_and_the_detail_shows_them(client, city, editor, articles):
    duty, penalty = articles
    power = make_power(city["yantian"], code="C-0001")
    url = f"/basedata/powers/{power.pk}/edit/"
    response = client.post(url, power_post(power, violated_basis=[duty.pk], penalty_basis=[penalty.pk],
                                           change_reason="补充法律依据"))
    assert response.status_code == 302
    assert roles(power) == {"第十四条": "violated", "第三十六条": "penalty"}  # 罚则 taken as stated, not by chapter
    detail = client.get(f"/basedata/powers/{power.pk}/").content.decode()
    assert "法律依据：违反的规定" in detail and "法律依据：处罚依据" in detail
    assert detail.index("第十四条") < detail.index("法律依据：处罚依据") < detail.index("第三十六条")
    latest = power.versions.order_by("-version").first()
    assert f"{penalty}（处罚依据）" in latest.data["basis"]
    form = client.get(url).context["form"]
    assert (form["violated_basis"].value(), form["penalty_basis"].value()) == ([duty.pk], [penalty.pk])


def test_an_article_cannot_take_both_roles(client, city, editor, articles):
    duty, _ = articles
    power = make_power(city["yantian"], code="C-0002")
    response = client.post(f"/basedata/powers/{power.pk}/edit/", power_post(
        power, violated_basis=[duty.pk], penalty_basis=[duty.pk], change_reason="补充法律依据"))
    assert response.context["form"].errors["penalty_basis"] == [f"{duty.citation()}不能同时作为违反的规定和处罚依据"]
    assert roles(power) == {}


def test_links_without_a_role_read_the_role_of_their_chapter(city, articles):
    duty, penalty = articles
    penalty.chapter = "第四章 法律责任"
    penalty.save()
    power = make_power(city["yantian"], code="C-0003")
    power.basis.add(duty, penalty)
    assert {row.article_id: row.stated_role for row in power.citations.all()} == {
        duty.pk: "violated", penalty.pk: "penalty"}


def test_an_import_row_cites_articles_in_their_roles_and_names_a_bad_citation(client, city, articles):
    duty, penalty = articles
    permissions = factories.model_permissions(Power, ["view", "add"]) + ["org.view_unit", "basedata.view_article"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    row = {"职权编码": "YT-0811", "职权名称": "对在街道两侧堆放物料的处罚", "职权类别": "行政处罚", "维护单位": city["yantian"].name,
           "违反的规定": "《市容环卫条例》第十四条", "处罚依据": "《城市市容和环境卫生管理条例》第三十六条"}
    url = reverse("basedata:power_import")
    bad = client.post(url, {"file": xlsx_upload([{**row, "处罚依据": "《市容环卫条例》第九十九条"}])})
    assert [(e.column, e.message) for e in bad.context["outcome"].errors] == [
        ("处罚依据", "法规库中没有“《市容环卫条例》第九十九条”，或您无权查看")]
    preview = client.post(url, {"file": xlsx_upload([row])})
    assert preview.context["outcome"].ok, preview.context["outcome"].errors
    client.post(url, {"token": preview.context["token"], "_confirm": "1"})
    assert roles(Power.objects.get(code="YT-0811")) == {"第十四条": "violated", "第三十六条": "penalty"}
