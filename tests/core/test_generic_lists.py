"""Generic list pages: pagination limits, sorting, column choice and the htmx partial."""

import pytest
from django.urls import reverse

from tests import factories
from zhifa.core.models.preferences import UserTablePreference
from zhifa.org.models import User

LIST = "org:user_list"


@pytest.fixture
def admin(city):
    permissions = factories.model_permissions(User, ["view"]) + ["org.view_unit", "org.view_role"]
    person = factories.user(city["yantian"], username="yt-admin", roles=[factories.role(permissions)])
    for number in range(30):
        factories.user(city["yantian"], username=f"yt-{number:02d}")
    return person


def test_page_size_is_limited_to_the_offered_choices(client, admin):
    client.force_login(admin)
    assert len(client.get(reverse(LIST), {"per_page": 25}).context["table"].page.object_list) == 25
    assert client.get(reverse(LIST), {"per_page": 100000}).context["table"].paginator.per_page == 50


def test_page_past_the_end_shows_the_last_page(client, admin):
    client.force_login(admin)
    table = client.get(reverse(LIST), {"per_page": 25, "page": 99}).context["table"]
    assert table.page.number == table.paginator.num_pages == 2


def test_sorting_by_a_column_and_ignoring_unknown_ones(client, admin):
    client.force_login(admin)
    table = client.get(reverse(LIST), {"sort": "-username"}).context["table"]
    descending = [row.record.username for row in table.paginated_rows]
    assert descending == sorted(descending, reverse=True)
    assert client.get(reverse(LIST), {"sort": "password"}).status_code == 200


def test_htmx_partial_carries_the_filter_into_the_export_link(client, admin):
    client.force_login(admin)
    response = client.get(reverse(LIST), {"q": "yt-0"}, headers={"HX-Request": "true", "HX-Target": "object-table"})
    content = response.content.decode()
    assert f'href="{reverse("org:user_export")}?q=yt-0"' in content
    assert 'id="filter-form"' not in content


def test_column_choice_is_saved_per_user_and_unknown_columns_are_dropped(client, admin):
    client.force_login(admin)
    url = reverse("core:table_columns", args=["org.UserTable"])
    response = client.post(url, {"columns": ["phone", "username", "password"], "next": reverse(LIST)})
    assert response["Location"] == reverse(LIST)
    assert UserTablePreference.objects.get(user=admin, table="org.UserTable").columns == ["phone", "username"]
    table = client.get(reverse(LIST)).context["table"]
    assert [column.name for column in table.columns] == ["pk", "username", "phone"]


def test_column_choice_reset_restores_the_defaults(client, admin):
    client.force_login(admin)
    url = reverse("core:table_columns", args=["org.UserTable"])
    client.post(url, {"columns": ["phone"]})
    client.post(url, {"reset": "1"})
    assert not UserTablePreference.objects.filter(user=admin).exists()
    names = [column.name for column in client.get(reverse(LIST)).context["table"].columns]
    assert names == ["pk", "username", "display_name", "unit", "roles", "phone", "is_active"]


def test_column_choice_never_redirects_off_site_and_rejects_unknown_tables(client, admin):
    client.force_login(admin)
    response = client.post(reverse("core:table_columns", args=["org.UserTable"]),
                           {"columns": ["phone"], "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.post(reverse("core:table_columns", args=["org.NoSuchTable"]), {}).status_code == 404


def test_detail_page_loads_the_history_card(client, admin):
    client.force_login(admin)
    content = client.get(reverse("org:user_detail", args=[admin.pk])).content.decode()
    history = reverse("core:object_history", args=["org.user", admin.pk])
    assert f'hx-get="{history}"' in content
