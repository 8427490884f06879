"""The permission gate: a district officer never reaches another district; a city supervisor does."""

import pytest

from tests import factories
from zhifa.core.scoping import DataScope
from zhifa.org.models import Unit, User


@pytest.fixture
def people(city):
    view_units_users = factories.model_permissions(Unit, ["view"]) + factories.model_permissions(User, ["view"])
    officer_role = factories.role(view_units_users, DataScope.UNIT)
    supervisor_role = factories.role(view_units_users, DataScope.REGION)
    return {
        "yantian_officer": factories.user(city["yantian"], roles=[officer_role]),
        "futian_officer": factories.user(city["futian"], roles=[officer_role]),
        "city_supervisor": factories.user(city["bureau"], roles=[supervisor_role]),
        "nobody": factories.user(city["yantian"]),
    }


def test_unit_scope_sees_only_own_unit(city, people):
    visible = set(Unit.objects.restrict(people["yantian_officer"], "view"))
    assert visible == {city["yantian"]}


def test_region_scope_at_city_level_sees_every_district(city, people):
    visible = set(Unit.objects.restrict(people["city_supervisor"], "view"))
    assert visible == {city["yantian"], city["futian"], city["bureau"]}


def test_no_permission_sees_nothing(city, people):
    assert not Unit.objects.restrict(people["nobody"], "view").exists()


def test_users_of_other_district_are_invisible(city, people):
    visible = set(User.objects.restrict(people["yantian_officer"], "view"))
    assert people["futian_officer"] not in visible
    assert people["yantian_officer"] in visible


def test_own_scope_on_users_sees_only_oneself(client, city):
    """``User.scope`` names the owner ``pk``: the own scope must filter by the user's id, not crash."""
    own_role = factories.role(factories.model_permissions(User, ["view"]), DataScope.OWN)
    me = factories.user(city["yantian"], roles=[own_role])
    colleague = factories.user(city["yantian"], roles=[own_role])
    assert set(User.objects.restrict(me, "view")) == {me}
    client.force_login(me)
    response = client.get("/org/users/")
    assert response.status_code == 200
    assert colleague.username not in response.content.decode()
