"""An object's history: the audit rows of one object, shown to whoever may view that object, 404 otherwise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core.actor import Channel, actor_context
from zhifa.core.models import AuditEntry
from zhifa.org.choices import DataScope
from zhifa.org.models import Unit


@pytest.fixture
def yantian_officer(city):
    role = factories.role(factories.model_permissions(Unit, ["view"]), DataScope.UNIT)
    return factories.user(city["yantian"], roles=[role], username="yt-officer", display_name="王磊")


def history_url(obj_type, pk):
    return reverse("core:object_history", args=[obj_type, pk])


def change_phone(unit, user, phone):
    with actor_context(channel=Channel.WEB, user=user):
        unit.phone = phone
        unit.save()


def test_history_lists_the_rows_of_that_object_only(client, city, yantian_officer):
    change_phone(city["yantian"], yantian_officer, "0755-25555555")
    change_phone(city["futian"], yantian_officer, "0755-83333333")
    client.force_login(yantian_officer)

    response = client.get(history_url("org.unit", city["yantian"].pk))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html and 'data-testid="object-history"' in html
    assert "0755-25555555" in html and "联系电话" in html and "王磊" in html
    assert "0755-83333333" not in html
    assert html.count("list-group-item") == AuditEntry.objects.filter(
        object_type="org.unit", object_id=str(city["yantian"].pk)
    ).count()


def test_object_outside_the_viewers_scope_is_not_found(client, city, yantian_officer):
    client.force_login(yantian_officer)
    assert client.get(history_url("org.unit", city["futian"].pk)).status_code == 404


def test_viewer_without_the_view_permission_is_not_found(client, city):
    client.force_login(factories.user(city["yantian"]))
    assert client.get(history_url("org.unit", city["yantian"].pk)).status_code == 404


@pytest.mark.parametrize(
    "object_type, pk",
    [("org.nothing", "1"), ("nonsense", "1"), ("core.auditentry", "1"), ("org.unit", "abc"), ("org.unit", "999999")],
)
def test_unknown_types_objects_and_unscoped_models_are_not_found(client, city, yantian_officer, object_type, pk):
    client.force_login(yantian_officer)
    assert client.get(history_url(object_type, pk)).status_code == 404


def test_anonymous_is_sent_to_login(client, city):
    response = client.get(history_url("org.unit", city["yantian"].pk))
    assert response.status_code == 302 and response.url.startswith(reverse("org:login"))


def test_model_name_in_any_case_is_accepted(client, city, yantian_officer):
    client.force_login(yantian_officer)
    assert client.get(history_url("org.Unit", city["yantian"].pk)).status_code == 200


def test_query_count_does_not_grow_with_rows(client, city, yantian_officer):
    change_phone(city["yantian"], yantian_officer, "0755-25555555")
    client.force_login(yantian_officer)
    url = history_url("org.unit", city["yantian"].pk)
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        change_phone(city["yantian"], yantian_officer, f"0755-2555{n:04d}")
    client.get(url)  # a changed unit refills the per-user cache once (zhifa.core.usercache)
    assert queries() == few
