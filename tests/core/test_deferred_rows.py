"""Rows read from the database (``ZhifaModel.from_db``): built without ``Model.__init__`` they are what Django
would build; with ``only()``/``defer()`` each query's rows get their own fields, whatever other query of the same
model was read before or in between, and a deferred field is read when asked for."""

import pytest
from django.db import models
from django.db.models.signals import post_init

from tests import factories
from zhifa.core.models import Attachment
from zhifa.core.models.base import plainly_built
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


def django_built(model, row):
    """``row`` as Django's own ``from_db`` (``Model.__init__``) builds it from the same values."""
    names = [name for name in (field.attname for field in model._meta.concrete_fields) if name in row.__dict__]
    return models.Model.from_db.__func__(model, row._state.db, names, [row.__dict__[name] for name in names])


def state_and_values(row) -> tuple:
    values = {name: value for name, value in row.__dict__.items() if name != "_state"}
    return row._state.adding, row._state.db, row._state.fetch_mode, values, row.get_deferred_fields()


def test_a_row_built_without_init_is_the_row_django_builds(regions):
    unit = factories.unit("测试单位", regions["yantian"], number_prefix="深测")
    assert plainly_built(Unit)
    for row in (Unit.objects.get(pk=unit.pk), Unit.objects.only("name", "parent").get(pk=unit.pk)):
        assert state_and_values(row) == state_and_values(django_built(Unit, row))
    row = Unit.objects.only("name", "region").get(pk=unit.pk)
    assert row.region == regions["yantian"] and row.number_prefix == "深测"  # related and deferred read on demand
    row.name = "改名单位"
    row.save(update_fields=["name"])
    assert Unit.objects.get(pk=unit.pk).name == "改名单位"


def test_rows_go_through_init_when_something_listens_or_a_field_has_its_own_attribute(regions):
    unit = factories.unit("测试单位", regions["yantian"], number_prefix="深测")
    built = []

    def listener(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(listener, sender=Unit)
    try:
        assert not plainly_built(Unit)
        row = Unit.objects.get(pk=unit.pk)
    finally:
        post_init.disconnect(listener, sender=Unit)
    assert built == [row] and plainly_built(Unit)
    assert not plainly_built(Attachment)  # its file field wraps the stored name when read
