"""``zhifa demo-powers``: powers for every agency, published standards for the main sectors, one audit row per step."""

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.basedata.models.powers import Power
from zhifa.core.models import AuditEntry
from zhifa.org.choices import Sector


@pytest.fixture
def agencies(regions):
    return [factories.unit("盐田区城管局", regions["yantian"], sector=Sector.URBAN_MANAGEMENT),
            factories.unit("盐田区交通局", regions["yantian"], sector=Sector.TRANSPORT)]


def test_generates_powers_and_published_standards(agencies):
    audits = AuditEntry.objects.count()
    call_command("demo_powers", count=40)
    assert Power.objects.count() == 40
    assert set(Power.objects.values_list("unit", flat=True)) == {u.pk for u in agencies}
    assert all(p.subjects.get() == p.unit for p in Power.objects.prefetch_related("subjects")[:5])
    standards = DiscretionStandard.objects.all()
    assert standards.count() == 3
    assert {s.unit for s in standards} == {agencies[0]}
    assert all(s.status == StandardStatus.PUBLISHED and 2 <= s.levels.count() <= 4 for s in standards)
    assert AuditEntry.objects.count() - audits == 2


def test_if_empty_skips_and_without_it_refuses(agencies):
    call_command("demo_powers", count=10)
    call_command("demo_powers", count=10, if_empty=True)
    assert Power.objects.count() == 10
    with pytest.raises(CommandError):
        call_command("demo_powers", count=10)
    assert Power.objects.count() == 10
