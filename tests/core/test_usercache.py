"""The per-user process cache: filled once, dropped as soon as access data change."""

import pytest
from django.contrib.auth.models import Permission
from django.template import Template, TemplateSyntaxError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core import usercache
from zhifa.org.models import User

LIST = "org:user_list"


def unit_user_viewer(city):
    role = factories.role(factories.model_permissions(User, ["view"]) + ["org.view_unit", "org.view_role"])
    return factories.user(city["yantian"], roles=[role]), role


def test_second_page_view_reads_no_permission_unit_or_choice_rows(client, city, settings):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 60
    user, _role = unit_user_viewer(city)
    client.force_login(user)
    client.get(reverse(LIST))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(LIST)).status_code == 200
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("org_role_permissions", "org_scopegrant", "org_unit", "core_usertablepreference",
                  "core_accessversion"):
        assert f'FROM "{table}"' not in tables, table


def test_revoking_a_permission_takes_effect_on_the_next_request(client, city, settings):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 60
    user, role = unit_user_viewer(city)
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code == 200
    role.permissions.remove(Permission.objects.get(content_type__app_label="org", codename="view_user"))
    assert client.get(reverse(LIST)).status_code == 403


def test_a_change_in_another_process_is_seen_once_the_token_is_rechecked(client, city, settings, monkeypatch):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 1
    clock = [5000.0]
    monkeypatch.setattr(usercache.time, "monotonic", lambda: clock[0])
    user, role = unit_user_viewer(city)
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code == 200
    # another process: the rows and the token change without this process's signal handlers
    through = role.permissions.through
    through.objects.filter(role=role, permission__codename="view_user").delete()
    usercache.AccessVersion.objects.filter(pk=1).update(token="changed-elsewhere")
    clock[0] += 0.5
    assert client.get(reverse(LIST)).status_code == 200  # within the interval: still the cached permissions
    clock[0] += 0.6
    assert client.get(reverse(LIST)).status_code == 403


def test_the_menu_follows_a_permission_change_on_the_next_page(client, city, settings):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 60
    user, role = unit_user_viewer(city)
    client.force_login(user)
    menu = 'data-testid="menu"'
    html = client.get(reverse(LIST)).content.decode()
    assert reverse("org:role_list") in html[html.index(menu):html.index("</aside>")]
    role.permissions.remove(Permission.objects.get(content_type__app_label="org", codename="view_role"))
    html = client.get(reverse(LIST)).content.decode()
    assert reverse("org:role_list") not in html[html.index(menu):html.index("</aside>")]


def test_the_filter_card_shows_what_each_request_sent(client, city, settings):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 60
    user, _role = unit_user_viewer(city)
    client.force_login(user)
    for text in ("张", "李", "张"):
        html = client.get(reverse(LIST), {"q": text}).content.decode()
        card = html[html.index('id="filter-form"'):html.index("</form>", html.index('id="filter-form"'))]
        assert f'value="{text}"' in card


def test_a_cached_block_may_not_hold_a_csrf_token():
    with pytest.raises(TemplateSyntaxError, match="csrf_token"):
        Template("{% load zhifa_cache %}{% usercached 'x' %}{% csrf_token %}{% endusercached %}")


def test_a_filter_card_is_kept_per_selection_but_not_per_typed_search(client, city, settings):
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = 60
    user, _role = unit_user_viewer(city)
    client.force_login(user)

    def cards() -> int:
        return sum(key[2] == "fragment:filter-card" for key in list(usercache._entries))

    client.get(reverse(LIST))
    kept = cards()
    client.get(reverse(LIST), {"q": "张"})
    client.get(reverse(LIST), {"q": "李"})
    assert cards() == kept
    client.get(reverse(LIST), {"is_active": "true"})
    assert cards() == kept + 1
