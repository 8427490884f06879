"""``zhifa demo-elements``: elements for every district agency by sector, and record batches over the period."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from zhifa.basedata.models.elements import AnswerType, CheckItem, Checklist, CheckModule, Phrase
from zhifa.basedata.models.records import RecordBatch


def test_demo_creates_elements_per_agency_and_batches(city):
    out = io.StringIO()
    call_command("demo_elements", days=10, stdout=out)
    for unit in (city["yantian"], city["futian"]):
        assert Phrase.objects.filter(unit=unit).count() == 8
        checklist = Checklist.objects.get(unit=unit)
        assert list(checklist.ordered_items()) == list(CheckItem.objects.filter(module__unit=unit)
                                                       .order_by("checklist_entries__order"))
        assert CheckModule.objects.filter(unit=unit, sector=checklist.sector).exists()
    assert CheckItem.objects.filter(answer_type=AnswerType.PHOTO).exists()
    assert not Phrase.objects.filter(unit=city["bureau"]).exists()
    batches = RecordBatch.objects.all()
    assert batches.exists()
    assert {b.source_unit_id for b in batches} == {city["yantian"].pk, city["futian"].pk}
    assert all(b.error_count == len(b.errors) for b in batches)
    assert "记录批次" in out.getvalue()


def test_demo_refuses_a_filled_database(city):
    call_command("demo_elements", days=2, stdout=io.StringIO())
    before = RecordBatch.objects.count()
    with pytest.raises(CommandError, match="只能写入空库"):
        call_command("demo_elements", days=2, stdout=io.StringIO())
    assert RecordBatch.objects.count() == before
