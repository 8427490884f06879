"""``gate.can``: one object at a time, the same answer as the gate's query, without a query where it can."""

import pytest

from tests import factories
from zhifa.core.gate import can
from zhifa.core.scoping import DataScope
from zhifa.org.models import Unit, User

VIEW = factories.model_permissions(Unit, ["view"]) + factories.model_permissions(User, ["view"])


@pytest.fixture
def people(city):
    def holder(unit, scope):
        return factories.user(unit, roles=[factories.role(VIEW, scope)])

    return {
        "own": holder(city["yantian"], DataScope.OWN),
        "unit": holder(city["yantian"], DataScope.UNIT),
        "subtree": holder(city["futian"], DataScope.SUBTREE),
        "region": holder(city["bureau"], DataScope.REGION),
        "all": holder(city["futian"], DataScope.ALL),
        "nobody": factories.user(city["yantian"]),
    }


@pytest.mark.django_db
def test_can_answers_as_the_gate_query_for_every_scope(city, people):
    subjects = [city["yantian"], city["futian"], city["bureau"], *people.values()]
    for person in people.values():
        for subject in subjects:
            model = type(subject)
            expected = model.objects.filter(pk=subject.pk).restrict(person, "view").exists()
            assert can(person, "view", subject) is expected, (person.username, subject)


@pytest.mark.django_db
def test_unit_scope_is_answered_from_the_object(city, people, django_assert_max_num_queries):
    officer = people["unit"]
    colleague, stranger = people["own"], people["subtree"]
    assert can(officer, "view", colleague)  # reads and caches the officer's permissions once
    # At most the access-version token is read again (once a second, zhifa.core.usercache); not a query per object.
    with django_assert_max_num_queries(1):
        assert can(officer, "view", colleague)
        assert not can(officer, "view", stranger)
        assert not can(officer, "view", city["futian"])
