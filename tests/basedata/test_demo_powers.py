"""``zhifa demo-powers``: powers for every agency, published standards for the main sectors, an audit row for every row written."""

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.basedata.models.discretion import DiscretionEvent, DiscretionLevel, DiscretionStandard, StandardStatus
from zhifa.basedata.models.powers import Power, PowerVersion
from zhifa.core.models import AuditEntry
from zhifa.org.choices import Sector


@pytest.fixture
def agencies(regions):
    return [factories.unit("盐田区城管局", regions["yantian"], sector=Sector.URBAN_MANAGEMENT),
            factories.unit("盐田区交通局", regions["yantian"], sector=Sector.TRANSPORT)]


def test_generates_powers_and_published_standards(agencies):
    audits = AuditEntry.objects.count()  # seq of the last row: no row is ever deleted
    call_command("demo_powers", count=40)
    assert Power.objects.count() == 40
    assert set(Power.objects.values_list("unit", flat=True)) == {u.pk for u in agencies}
    assert all(p.subjects.get() == p.unit for p in Power.objects.prefetch_related("subjects")[:5])
    standards = DiscretionStandard.objects.all()
    assert standards.count() == 3
    assert {s.unit for s in standards} == {agencies[0]}
    assert all(s.status == StandardStatus.PUBLISHED and 2 <= s.levels.count() <= 4 for s in standards)
    new = AuditEntry.objects.filter(seq__gt=audits)
    for model, count in ((Power, 40), (DiscretionStandard, 3), (DiscretionLevel, DiscretionLevel.objects.count()),
                         (DiscretionEvent, 3), (PowerVersion, 40)):
        created = new.filter(object_type=f"basedata.{model._meta.model_name}", action="create").exclude(object_id="")
        assert created.count() == count
    linked = new.filter(object_type="basedata.power", action="update")
    fields = {}
    for row in linked:
        fields.setdefault(row.object_id, set()).update(row.changes)
    assert len(fields) == 40 and all(names == {"subjects"} for names in fields.values())  # no articles loaded


def test_if_empty_skips_and_without_it_refuses(agencies):
    call_command("demo_powers", count=10)
    call_command("demo_powers", count=10, if_empty=True)
    assert Power.objects.count() == 10
    with pytest.raises(CommandError):
        call_command("demo_powers", count=10)
    assert Power.objects.count() == 10
