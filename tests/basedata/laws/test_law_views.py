"""Pages and API of the laws library: list, law page, search, favourites, article picker."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from tests import factories
from tests.base import ReadOnlyObjectTests
from tests.basedata.laws.conftest import LAW_PERMISSIONS, article, law, user_with
from zhifa.basedata.choices import LawLevel
from zhifa.basedata.forms.article_picker import ArticlePickerField
from zhifa.basedata.models import Article, Law, LawFavourite
from zhifa.core.menu import menu_for


HTMX = {"HX-Request": "true"}


@pytest.fixture
def library(corpus, db):
    """The imported library; returns 行政处罚法."""
    return law("行政处罚法")


def chufa(number: int) -> Article:
    return article("行政处罚法", number)


# --- the generic screens of the law list -----------------------------------------------------


class TestLawScreens(ReadOnlyObjectTests):
    model = Law
    scoped = False
    key_field = "title"
    api_basename = "law"
    url_prefix_api = "basedata-api"

    def make(self, title: str) -> Law:
        return Law.objects.create(
            title=title, short_title=title.removeprefix("中华人民共和国"), level=LawLevel.LAW, version_date=dt.date(2020, 1, 1)
        )

    @pytest.fixture
    def data(self, corpus, city):
        return self.create_data(city)

    def create_data(self, city):
        """An imported law first (its history holds the import's article counts), then made ones."""
        return {"own": [law("行政处罚法"), self.make("中华人民共和国甲类管理法")],
                "other": [self.make("中华人民共和国乙类管理法")]}

    def create_rows(self, city, count):
        start = Law.objects.count()
        for index in range(start, start + count):
            self.make(f"测试条例{index:03d}")


# --- law page --------------------------------------------------------------------------------


def test_law_page_shows_chapter_tree_and_anchored_articles(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata:law_detail", args=[library.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["blocks"]) == 86
    outline = [(entry.depth, entry.title, entry.anchor) for entry in response.context["outline"]]
    assert (1, "第五章 行政处罚的决定", "art-39") in outline
    assert (2, "第四节 听证程序", "art-63") in outline
    assert 'id="art-64"' in content
    assert 'href="#art-63"' in content
    assert "（八）听证应当制作笔录。" in content
    assert "2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订" in content


def test_law_page_marks_the_query(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    content = client.get(reverse("basedata:law_detail", args=[library.pk]), {"q": "先行登记保存"}).content.decode()
    assert content.count("<mark>先行登记保存</mark>") == 1


def test_law_page_without_article_permission_shows_no_articles(client, city, library):
    client.force_login(user_with(city, ["basedata.view_law"]))
    response = client.get(reverse("basedata:law_detail", args=[library.pk]))
    assert response.status_code == 200
    assert response.context["blocks"] == []
    assert 'id="art-1"' not in response.content.decode()


# --- search page -----------------------------------------------------------------------------


def test_search_page_lists_ranked_hits_with_snippets_and_links(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata:law_search"), {"q": "先行登记保存"})
    page = response.context["page"]
    assert response.status_code == 200
    assert page.paginator.count == 8
    assert page[0].article == chufa(56)
    content = response.content.decode()
    assert f'{reverse("basedata:law_detail", args=[library.pk])}?q=%E5%85%88%E8%A1%8C%E7%99%BB%E8%AE%B0%E4%BF%9D%E5%AD%98#art-56' in content
    assert "<mark>先行登记保存</mark>" in content


def test_search_page_filters_by_level(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata:law_search"), {"q": "先行登记保存", "level": LawLevel.DEPARTMENTAL_RULE})
    levels = {hit.article.law.level for hit in response.context["page"]}
    assert levels == {LawLevel.DEPARTMENTAL_RULE}


def test_search_page_without_query_shows_the_form_only(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata:law_search"))
    assert response.status_code == 200
    assert response.context["page"] is None


def test_search_page_needs_the_article_permission(client, city, library):
    client.force_login(user_with(city, ["basedata.view_law"]))
    assert client.get(reverse("basedata:law_search"), {"q": "罚款"}).status_code == 403


# --- favourites ------------------------------------------------------------------------------


def test_favourite_toggle_with_htmx(client, city, library):
    reader = user_with(city, LAW_PERMISSIONS)
    client.force_login(reader)
    url = reverse("basedata:favourite_toggle")

    response = client.post(url, {"article": chufa(64).pk}, headers=HTMX)
    assert response.status_code == 200
    assert "★ 已收藏" in response.content.decode()
    assert LawFavourite.objects.filter(user=reader, article=chufa(64)).exists()

    response = client.post(url, {"article": chufa(64).pk}, headers=HTMX)
    assert "☆ 收藏" in response.content.decode()
    assert not LawFavourite.objects.filter(user=reader).exists()


def test_favourites_page_lists_laws_and_articles(client, city, library):
    reader = user_with(city, LAW_PERMISSIONS)
    client.force_login(reader)
    url = reverse("basedata:favourite_toggle")
    response = client.post(url, {"law": library.pk, "return_url": "/basedata/laws/favourites/"})
    assert response.status_code == 302
    assert response["Location"] == "/basedata/laws/favourites/"
    client.post(url, {"article": chufa(56).pk})

    content = client.get(reverse("basedata:favourite_list")).content.decode()
    assert "中华人民共和国行政处罚法" in content
    assert "《行政处罚法》第五十六条" in content
    detail = client.get(reverse("basedata:law_detail", args=[library.pk]))
    assert detail.context["law_is_favourite"]
    assert detail.context["favourite_articles"] == {chufa(56).pk}


def test_favourite_of_an_article_the_user_may_not_view_is_refused(client, city, library):
    reader = user_with(city, ["basedata.view_law"])
    client.force_login(reader)
    response = client.post(reverse("basedata:favourite_toggle"), {"article": chufa(64).pk}, headers=HTMX)
    assert response.status_code == 404
    assert not LawFavourite.objects.exists()


def test_favourite_toggle_without_target_is_a_bad_request(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.post(reverse("basedata:favourite_toggle"), {"law": "abc"}, headers=HTMX)
    assert response.status_code == 400
    assert "二选一" in response.content.decode()
    assert not LawFavourite.objects.exists()


# --- article picker --------------------------------------------------------------------------


class BasisForm(forms.Form):
    basis = ArticlePickerField(label="法律依据")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].limit_to(user)


def test_picker_widget_renders_chosen_articles_as_citations(city, library):
    reader = user_with(city, LAW_PERMISSIONS)
    html = str(BasisForm(initial={"basis": [chufa(56)]}, user=reader)["basis"])
    assert "《行政处罚法》第五十六条" in html
    assert f'name="basis" value="{chufa(56).pk}"' in html
    assert f'hx-get="{reverse("basedata:article_picker")}"' in html
    assert 'name="basis__q"' in html


def test_picker_field_accepts_visible_articles_only(city, library):
    reader = user_with(city, LAW_PERMISSIONS)
    form = BasisForm({"basis": [chufa(56).pk, chufa(64).pk]}, user=reader)
    assert form.is_valid(), form.errors
    assert {a.citation() for a in form.cleaned_data["basis"]} == {"《行政处罚法》第五十六条", "《行政处罚法》第六十四条"}

    assert not BasisForm({"basis": [999999]}, user=reader).is_valid()
    outsider = user_with(city, ["basedata.view_law"])
    assert "basis" in BasisForm({"basis": [chufa(56).pk]}, user=outsider).errors


def test_picker_search_offers_matching_articles_and_marks_chosen_ones(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    url = reverse("basedata:article_picker")
    response = client.get(url, {"field": "basis", "basis__q": "先行登记保存", "chips": "id_basis-chips"}, headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("《行政处罚法》第五十六条") < content.index("《公安机关办理行政案件程序规定》第一百一十条")
    assert 'hx-target="#id_basis-chips"' in content

    chosen = client.get(url, {"field": "basis", "basis__q": "先行登记保存", "basis": chufa(56).pk}).content.decode()
    assert "《行政处罚法》第五十六条 <span class=\"text-secondary\">（已选）</span>" in chosen


def test_picker_chip_carries_the_hidden_input(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    url = reverse("basedata:article_picker_chip")
    content = client.get(url, {"field": "basis", "article": chufa(64).pk}).content.decode()
    assert f'<input type="hidden" name="basis" value="{chufa(64).pk}">' in content
    assert "《行政处罚法》第六十四条" in content
    assert client.get(url, {"field": "basis", "article": "x"}).status_code == 404


def test_picker_refuses_bad_field_names_and_users_without_permission(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata:article_picker"), {"field": '"><script>', "q": "罚款"})
    assert response.status_code == 400
    client.force_login(user_with(city, ["basedata.view_law"]))
    assert client.get(reverse("basedata:article_picker"), {"field": "basis", "q": "罚款"}).status_code == 403


# --- API -------------------------------------------------------------------------------------


def test_api_article_search_is_ranked_with_snippets(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    response = client.get(reverse("basedata-api:article-list"), {"q": "先行登记保存"})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 8
    first = body["results"][0]
    assert first["article"]["id"] == chufa(56).pk
    assert first["article"]["citation"] == "《行政处罚法》第五十六条"
    assert "<mark>先行登记保存</mark>" in first["snippet"]


def test_api_article_list_filters_by_law_and_level(client, city, library):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    url = reverse("basedata-api:article-list")
    body = client.get(url, {"law_id": library.pk, "page_size": 100}).json()
    assert body["count"] == 86
    assert [row["number"] for row in body["results"][:3]] == [1, 2, 3]
    ranked = client.get(url, {"q": "先行登记保存", "level": LawLevel.DEPARTMENTAL_RULE}).json()
    assert ranked["count"] == 6
    assert ranked["results"][0]["article"]["law_title"] == "公安机关办理行政案件程序规定"


def test_api_needs_the_article_permission(client, city, library):
    client.force_login(user_with(city, ["basedata.view_law"]))
    response = client.get(reverse("basedata-api:article-list"), {"q": "罚款"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


# --- menu ------------------------------------------------------------------------------------


def test_menu_shows_the_library_to_readers_only(corpus, city):
    def labels(user):
        return {item["label"] for group in menu_for(user) for item in group.items}

    assert {"法律法规库", "法条检索", "我的法规收藏"} <= labels(user_with(city, LAW_PERMISSIONS))
    assert not {"法律法规库", "法条检索"} & labels(factories.user(city["yantian"]))
