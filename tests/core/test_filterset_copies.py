"""Each filterset gets its own copies of its class's filters (cheaply, ``ClassFilters``): what one request
builds — the form fields, the querysets restricted to its user, the filterset a method filter calls — never
reaches another request's filterset or the class."""

from django.http import QueryDict
from django.test import RequestFactory

from tests import factories
from zhifa.org.filtersets import UnitFilterSet, UserFilterSet
from zhifa.org.models import Unit, User


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def viewer(unit):
    permissions = factories.model_permissions(User, ["view"]) + ["org.view_unit", "org.view_region"]
    return factories.user(unit, roles=[factories.role(permissions)])


def test_every_filter_is_copied_with_its_own_extra_and_no_form_field(db):
    first, second = UserFilterSet(request=request_of(None)), UserFilterSet(request=request_of(None))
    for name, filter_ in UserFilterSet.base_filters.items():
        assert first.filters[name] is not filter_ and first.filters[name] is not second.filters[name]
        assert first.filters[name].extra is not filter_.extra
        assert first.filters[name].parent is first and second.filters[name].parent is second
    first.form  # noqa: B018  (builds the fields of the first filterset only)
    assert "_field" in first.filters["unit_id"].__dict__
    assert "_field" not in second.filters["unit_id"].__dict__
    assert "_field" not in UserFilterSet.base_filters["unit_id"].__dict__


def test_the_restricted_choices_of_one_user_never_reach_the_next(city):
    yantian, futian = viewer(city["yantian"]), viewer(city["futian"])
    first = UserFilterSet(request=request_of(yantian))
    assert list(first.form.fields["unit_id"].queryset) == [city["yantian"]]
    second = UserFilterSet(request=request_of(futian))
    assert list(second.form.fields["unit_id"].queryset) == [city["futian"]]
    assert list(first.form.fields["unit_id"].queryset) == [city["yantian"]]


def test_a_method_filter_calls_its_own_filterset(city):
    yantian = viewer(city["yantian"])
    data = QueryDict(mutable=True)
    data["region_id"] = str(city["regions"]["yantian"].pk)
    filterset = UnitFilterSet(data, queryset=Unit.objects.all(), request=request_of(yantian))
    method = filterset.filters["region_id"].filter
    assert method.f is filterset.filters["region_id"] and method.f.parent is filterset
    assert set(filterset.qs) == {city["yantian"]}
