"""Bulk edit and delete: all or nothing, only rows in scope, clear messages."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from tests import factories
from zhifa.core.scoping import DataScope
from zhifa.core.views.generic.bulk import MSG_NOTHING_SELECTED, MSG_NOTHING_TO_CHANGE
from zhifa.core.views.generic.objects import protected_message
from zhifa.org.choices import Sector
from zhifa.org.models import Region, Unit, UnitVersion


@pytest.fixture
def admin(city):
    role = factories.role(factories.model_permissions(Unit) + ["org.view_region"], DataScope.SUBTREE)
    return factories.user(city["yantian"], roles=[role])


@pytest.fixture
def squads(city):
    return [factories.unit(f"盐田区{n}中队", city["regions"]["yantian"], kind="department", parent=city["yantian"])
            for n in ("一", "二")]


def test_one_failing_row_rolls_back_every_row(client, admin, squads):
    Unit.objects.filter(pk=squads[1].pk).update(kind="no-such-kind")
    client.force_login(admin)
    response = client.post(reverse("org:unit_bulk_edit"), {
        "pk": [s.pk for s in squads], "sector": Sector.URBAN_MANAGEMENT, "change_reason": "调整", "_apply": "1",
    })
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("没有修改任何记录：盐田区二中队：")
    assert set(Unit.objects.filter(pk__in=[s.pk for s in squads]).values_list("sector", flat=True)) == {"general"}
    assert not UnitVersion.objects.filter(unit__in=squads, version=2).exists()


def test_bulk_edit_needs_something_to_change(client, admin, squads):
    client.force_login(admin)
    response = client.post(reverse("org:unit_bulk_edit"), {"pk": [squads[0].pk], "change_reason": "x", "_apply": "1"})
    assert response.context["form"].non_field_errors() == [MSG_NOTHING_TO_CHANGE]


def test_bulk_edit_versions_every_unit_with_the_reason(client, admin, squads):
    client.force_login(admin)
    client.post(reverse("org:unit_bulk_edit"), {
        "pk": [s.pk for s in squads], "sector": Sector.URBAN_MANAGEMENT, "change_reason": "划转城管", "_apply": "1",
    })
    versions = UnitVersion.objects.filter(unit__in=squads, version=2)
    assert sorted(versions.values_list("reason", flat=True)) == ["划转城管", "划转城管"]


def test_nothing_selected_goes_back_with_a_message(client, admin):
    client.force_login(admin)
    response = client.post(reverse("org:unit_bulk_edit"), {"_apply": "1"}, follow=True)
    assert MSG_NOTHING_SELECTED in response.content.decode()


def test_protected_rows_are_named_in_the_refusal(city):
    region = city["regions"]["yantian"]
    with pytest.raises(ProtectedError) as caught:
        Region.objects.filter(pk=region.pk).delete()
    assert protected_message(region, caught.value).startswith("无法删除“盐田区”：仍有其他记录引用它（")
