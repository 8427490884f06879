"""Every page a demo account reaches speaks Chinese: no field names, codes or English defaults on screen."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.ui.demo import PASSWORD, USERNAMES
from tests.ui.screen_text import foreign_words
from tests.ui.walk import walk
from zhifa.org.models import User


@pytest.fixture
def demo_users(small_demo, db, settings):
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    return {user.username: user for user in User.objects.filter(username__in=USERNAMES)}


@pytest.mark.parametrize("username", USERNAMES)
def test_every_page_of_every_demo_account_is_chinese(demo_users, username):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("org:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, f"{username} 登录失败"
    data_words = frozenset(User.objects.values_list("username", flat=True))
    result = walk(client, demo_users[username])
    problems = []
    for visit in result.visits:
        if visit.status >= 400:
            problems.append(f"{visit.url} (来自 {visit.found_on}): HTTP {visit.status}")
            continue
        words = foreign_words(visit.html, also_allowed=data_words)
        if words:
            problems.append(f"{visit.url} (来自 {visit.found_on}): {sorted(words)}")
    assert len(result.visits) > 5
    assert not problems, "\n".join(problems)
