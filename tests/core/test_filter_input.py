"""Out-of-range and garbage filter values are field errors (400 / a message on the list), never 500.

The filters come from the shared ``ZhifaFilterSet`` base, so the walk over every FilterSet in the
project covers every list page and every API list at once.
"""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

import zhifa.urls  # noqa: F401  (imports every app's views, hence every FilterSet)
from tests import factories
from zhifa.core.filtersets import BoundedModelMultipleChoiceField, ZhifaFilterSet

TOO_BIG = str(2**63)
GARBAGE = [TOO_BIG, str(-(2**63) - 1), "9" * 400, "abc", "1.5", "\x00", "2026-13-45", "", "ｘ" * 300]


def query(name: str, value: str) -> QueryDict:
    data = QueryDict(mutable=True)
    data[name] = value
    return data


def all_filtersets():
    found, stack = [], list(ZhifaFilterSet.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls._meta.model is not None:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


@pytest.fixture
def superuser_request(city):
    request = RequestFactory().get("/")
    request.user = factories.user(city["bureau"], is_superuser=True)
    return request


def test_the_walk_finds_the_filtersets_of_every_app():
    modules = {cls.__module__.split(".")[1] for cls in all_filtersets()}
    assert {"org", "basedata"} <= modules


@pytest.mark.parametrize("filterset_class", all_filtersets(), ids=lambda cls: cls.__name__)
def test_every_object_filter_refuses_ids_beyond_the_column(filterset_class, superuser_request):
    names = [
        name for name, filter_ in filterset_class.base_filters.items()
        if filter_.field_class is BoundedModelMultipleChoiceField
    ]
    for name in names:
        filterset = filterset_class(
            query(name, TOO_BIG), queryset=filterset_class._meta.model.objects.all(), request=superuser_request
        )
        assert not filterset.is_valid()
        assert TOO_BIG in str(filterset.errors[name])
        list(filterset.qs)


@pytest.mark.parametrize("filterset_class", all_filtersets(), ids=lambda cls: cls.__name__)
def test_no_filter_value_breaks_the_query(filterset_class, superuser_request):
    for name in filterset_class.base_filters:
        for value in GARBAGE:
            filterset = filterset_class(
                query(name, value), queryset=filterset_class._meta.model.objects.all(), request=superuser_request
            )
            filterset.is_valid()
            list(filterset.qs[:5])


def test_api_answers_400_naming_the_filter(client, city):
    client.force_login(factories.user(city["bureau"], is_superuser=True))
    response = client.get("/api/org/regions/", {"parent_id": TOO_BIG})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "parent_id"
    assert TOO_BIG in body["message"] and "不是一个有效的值" in body["message"]


def test_list_page_shows_the_field_error(client, city):
    client.force_login(factories.user(city["bureau"], is_superuser=True))
    response = client.get("/org/users/", {"unit_id": TOO_BIG})
    assert response.status_code == 200
    assert f"“{TOO_BIG}”不是一个有效的值" in response.content.decode()
