"""Rows read with ``only()``/``defer()`` (``ZhifaModel.from_db``): each query's rows get their own fields, whatever
other query of the same model was read before or in between, and a deferred field is read when asked for."""

import pytest

from tests import factories
from zhifa.org.models import Unit

pytestmark = pytest.mark.django_db


def test_each_query_marks_its_own_missing_fields_even_when_queries_interleave(regions):
    for number in range(3):
        factories.unit(f"测试单位{number}", regions["yantian"], number_prefix=f"深测{number}")
    names = Unit.objects.order_by("pk").only("name").iterator(chunk_size=1)
    prefixes = Unit.objects.order_by("pk").only("number_prefix").iterator(chunk_size=1)
    seen = []
    for by_name, by_prefix in zip(names, prefixes, strict=True):
        assert "number_prefix" in by_name.get_deferred_fields() and "name" not in by_name.get_deferred_fields()
        assert "name" in by_prefix.get_deferred_fields() and "number_prefix" not in by_prefix.get_deferred_fields()
        seen.append((by_name.name, by_prefix.number_prefix))
    assert seen == list(Unit.objects.order_by("pk").values_list("name", "number_prefix"))


def test_a_deferred_field_is_read_when_asked_for(regions):
    unit = factories.unit("测试单位", regions["yantian"], number_prefix="深测")
    row = Unit.objects.defer("number_prefix").get(pk=unit.pk)
    assert row.name == "测试单位" and row.number_prefix == "深测"
