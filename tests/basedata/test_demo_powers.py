"""``zhifa demo-powers``: powers for every agency, published standards for the main sectors, an audit row for every row written."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.basedata.services.law_import import DATA_FOLDER, import_folder
from zhifa.basedata.management.commands.demo_powers import ACT_BASIS, VIOLATED_BASIS
from zhifa.basedata.models.discretion import DiscretionEvent, DiscretionLevel, DiscretionStandard, StandardStatus
from zhifa.basedata.models.powers import Power, PowerVersion
from zhifa.core.actor import Channel, actor_context
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


def test_powers_cite_the_article_that_punishes_their_violation(agencies, tmp_path):
    for name in ("城市市容和环境卫生管理条例", "城乡规划法", "特种设备安全法"):
        source = next(DATA_FOLDER.rglob(f"{name}(*.md"))
        shutil.copy(source, tmp_path / source.name)
    with actor_context(channel=Channel.CLI):
        import_folder(tmp_path)
    call_command("demo_powers", count=400)

    street_trading = Power.objects.filter(name__contains="占道经营").prefetch_related("basis__law")
    assert street_trading.exists()
    for power in street_trading:  # the article it breaks and the one that punishes it
        articles = power.basis.order_by("number")
        assert {a.law.title.endswith("城市市容和环境卫生管理条例") for a in articles} == {True}, power.name
        assert [a.number for a in articles] == [14, 36], power.name
    cited = Power.basis.through.objects.select_related("power", "article__law")
    assert cited.exists()
    for row in cited:
        act = next(act for act in ACT_BASIS if act in row.power.name)
        expected = {ACT_BASIS[act], VIOLATED_BASIS.get(act)}
        assert any(row.article.law.title.endswith(law) and row.article.number == number
                   for law, number in expected - {None}), row.power.name
    assert not cited.filter(article__law__title__endswith="特种设备安全法").exists()
    # a violation whose law is not in the library (the transport powers here) has no basis rather than a wrong one
    assert not Power.objects.filter(unit=agencies[1], basis__isnull=False).exists()
