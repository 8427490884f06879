"""The officer list at scale (issue 9): an officer record keeps a copy of its user's unit (the list of a
unit was a join with every user), the copy follows the user when the user moves and the list's scope
reads it; the search finds holders through the users' own search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.basedata import people
from zhifa.basedata.models.officers import Officer
from zhifa.core.models import AuditEntry
from zhifa.org.models import User
from zhifa.org.services.users import user_update


def test_a_new_certificate_takes_its_users_unit(city):
    record = people.officer(city["yantian"])
    assert Officer.objects.get(pk=record.pk).unit == city["yantian"]


def test_the_certificate_moves_with_its_user_and_the_move_is_audited(city):
    record = people.officer(city["yantian"])
    user = User.objects.get(pk=record.user_id)
    user.unit = city["futian"]
    user_update(user=user, actor=None)
    assert Officer.objects.get(pk=record.pk).unit == city["futian"]
    entry = AuditEntry.objects.filter(object_type="basedata.officer", object_id=str(record.pk)).order_by("seq").last()
    assert entry.changes == {"unit": {"before": city["yantian"].pk, "after": city["futian"].pk}}


@pytest.mark.parametrize("scope", ["unit", "subtree"])
def test_the_officer_list_of_a_unit_filters_on_the_copy(client, city, scope):
    mine = [people.officer(city["yantian"]) for _ in range(3)]
    people.officer(city["futian"])
    viewer = factories.user(
        city["yantian"], roles=[factories.role(["basedata.view_officer", "org.view_unit"], scope)]
    )
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as captured:
        table = client.get(reverse("basedata:officer_list")).context["table"]
    assert sorted(row.record.pk for row in table.page.object_list) == sorted(o.pk for o in mine)
    assert key_selections(captured) and all('JOIN "org_user"' not in keys for keys in key_selections(captured))


def key_selections(captured) -> list[str]:
    """What selects the page's keys: the sub-select of a page read in one statement, or the keys query of a page
    read unit by unit (up to their ``ORDER BY``)."""
    found = []
    for sql in (q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"] and "basedata_officer" in q["sql"]):
        keys = sql.split(" IN (SELECT ", 1)[1] if " IN (SELECT " in sql else sql
        if "unit_id" in keys.split("ORDER BY")[0]:
            found.append(keys.split("ORDER BY")[0])
    return found


@pytest.mark.parametrize("q", ["张", "张海", "zhanghai", "粤440308-9", "沙头角"])
def test_the_officer_search_finds_holders_numbers_and_authorities(client, city, q):
    holder = factories.user(city["yantian"], username="zhanghai", display_name="张海")
    found = [
        people.officer(city["yantian"], user=holder, number="粤440308-900001"),
        people.officer(city["yantian"], issuing_authority="沙头角街道办事处"),
    ]
    people.officer(city["yantian"], number="粤440308-800001", issuing_authority="盐田区人民政府")
    viewer = factories.user(city["yantian"], roles=[factories.role(["basedata.view_officer", "org.view_unit"])])
    client.force_login(viewer)
    table = client.get(reverse("basedata:officer_list"), {"q": q}).context["table"]
    expected = [o.pk for o in found if q.upper() in f"{o.user.display_name} {o.user.username} {o.certificate_number} "
                f"{o.issuing_authority}".upper()]
    assert sorted(row.record.pk for row in table.page.object_list) == sorted(expected) and expected


@pytest.mark.parametrize("scope, by_unit", [("unit", True), ("subtree", True), ("all", False)])
def test_a_one_character_search_within_a_few_units_looks_for_holders_among_their_users(client, city, scope, by_unit):
    """On PostgreSQL through the grams of those units; a wider scope, and SQLite (whose candidates are read
    row by row), join each officer with its user."""
    found = people.officer(city["yantian"], user=factories.user(city["yantian"], display_name="张海"))
    people.officer(city["yantian"], user=factories.user(city["yantian"], display_name="李海"))
    viewer = factories.user(city["yantian"], roles=[factories.role(["basedata.view_officer", "org.view_unit"], scope)])
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as captured:
        table = client.get(reverse("basedata:officer_list"), {"q": "张"}).context["table"]
    assert [row.record.pk for row in table.page.object_list] == [found.pk]
    if connection.vendor == "postgresql":
        assert any("zhifa_unit_search_grams" in q["sql"] for q in captured.captured_queries) == by_unit
    else:
        assert not any("org_user_grams" in q["sql"] for q in captured.captured_queries)
