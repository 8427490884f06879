"""Validity periods, successors and regions of law versions (the 2012 治安管理处罚法, 丽水 and 深圳 rules)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.basedata.laws.conftest import LAW_PERMISSIONS, law, user_with
from zhifa.basedata.choices import LawValidity
from zhifa.basedata.services.laws import MSG_PERIOD, MSG_SUPERSEDED_BY_OLDER, law_update, validity_of
from zhifa.basedata.models import Article, Law

LISHUI = "丽水市扬尘污染防治规定"
SHENZHEN = "深圳经济特区安全生产监督管理条例"


def test_the_2012_public_security_law_shows_as_superseded(corpus, db, client, city):
    old = law("治安管理处罚法")
    assert old.validity == LawValidity.AMENDED and old.get_validity_display() == "已被修订"
    assert old.expires_on == dt.date(2026, 1, 1) and "2025年6月27日" in old.superseded_note
    client.force_login(user_with(city, LAW_PERMISSIONS))
    page = client.get(reverse("basedata:law_detail", args=[old.pk])).content.decode()
    assert "已被修订" in page and "2025年6月27日" in page


def test_validity_after_the_period_ends(db):
    current = Law(pk=1, version_date=dt.date(2012, 1, 1), expires_on=dt.date(2026, 1, 1))
    assert validity_of(current, current=current, today=dt.date(2025, 12, 31)) == LawValidity.IN_FORCE
    assert validity_of(current, current=current, today=dt.date(2026, 1, 1)) == LawValidity.REPEALED
    current.superseded_note = "新版本"
    assert validity_of(current, current=current, today=dt.date(2026, 1, 1)) == LawValidity.AMENDED


def test_local_laws_carry_their_region(corpus, db):
    assert law(LISHUI).region.code == "331100" and law(LISHUI).region.name == "丽水市"
    assert law(SHENZHEN).region.code == "440300"
    assert law("行政处罚法").region is None


def test_local_laws_appear_only_where_they_apply(corpus, db, client, city):
    client.force_login(user_with(city, LAW_PERMISSIONS))
    listed = client.get(reverse("basedata:law_list"), {"per_page": 100}).content.decode()
    assert SHENZHEN in listed and "行政处罚法" in listed and LISHUI not in listed
    assert client.get(reverse("basedata:law_detail", args=[law(LISHUI).pk])).status_code == 404
    api = client.get(reverse("basedata-api:law-list"), {"page_size": 100}).json()
    titles = {row["short_title"] for row in api["results"]} if "results" in api else {row["short_title"] for row in api}
    assert LISHUI not in titles and SHENZHEN in titles
    hits = client.get(reverse("basedata:law_search"), {"q": "扬尘污染"}).content.decode()
    assert LISHUI not in hits
    lishui_articles = Article.objects.filter(law__short_title=LISHUI)
    user = user_with(city, LAW_PERMISSIONS)
    assert lishui_articles.exists() and not lishui_articles.restrict(user, "view").exists()


def test_without_a_unit_every_law_is_listed(corpus, db):
    admin = factories.user(None, roles=[factories.role(LAW_PERMISSIONS)])
    assert Law.objects.restrict(admin, "view").filter(short_title=LISHUI).exists()


def test_administrator_maintains_period_and_successor(corpus, db, client, city):
    editor = user_with(city, [*LAW_PERMISSIONS, "basedata.change_law"])
    client.force_login(editor)
    target = law("行政处罚法")
    response = client.post(reverse("basedata:law_edit", args=[target.pk]), {
        "effective_on": "2021-07-15", "expires_on": "2021-07-01", "superseded_note": "", "region": "",
        "superseded_by": "",
    })
    assert response.status_code == 200 and MSG_PERIOD in response.content.decode()
    response = client.post(reverse("basedata:law_edit", args=[target.pk]), {
        "effective_on": "2021-07-15", "expires_on": "2026-01-01", "superseded_note": "测试：已由新法取代",
        "region": "", "superseded_by": "",
    })
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.validity == LawValidity.AMENDED  # today (北京时间) is after 2026-01-01 in this test run
    older = law("治安管理处罚法")
    older.superseded_by = target
    law_update(law=older)
    with pytest.raises(ValidationError) as raised:
        target.superseded_by = older
        law_update(law=target)
    assert raised.value.message_dict == {"superseded_by": [MSG_SUPERSEDED_BY_OLDER]}
