"""Every write of a model that matters legally reaches the audit hash chain, bulk writes included.

The walk over the app registry fails for a new model that is neither audited nor listed below with
the reason it need not be, and for an audited model whose manager lets ``bulk_create``, ``bulk_update``
or ``update`` write without audit rows.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from django.apps import apps

from tests import factories
from zhifa.basedata.models.elements import DocumentField, Phrase
from zhifa.core.audit import verify_chain
from zhifa.core.audit_signals import is_audited
from zhifa.core.models import AuditEntry
from zhifa.core.querysets import MSG_NO_CONFLICT_OPTIONS, AuditedQuerySet
from zhifa.org.models import Unit, User

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "zhifa"

# Models whose rows are not legal records, each with the reason. Anything else must be audited.
NOT_AUDITED = {
    "core.auditentry": "the audit trail itself (append-only, hash-chained)",
    "core.auditchainhead": "the end of the audit chain",
    "core.periodictick": "scheduler bookkeeping: which periodic job ran in which minute",
    "core.workerheartbeat": "worker liveness: when each task worker last reported in",
    "core.accessversion": "cache token bumped when roles, grants, users or units change",
    "core.numbersequence": "counter behind issued numbers; the numbered document records its number",
    "core.notification": "a message to a user; the change it reports is audited where it happened",
    "core.notificationdelivery": "delivery state of a notification (queued, sent, failed)",
    "core.smsmessage": "the local SMS outbox",
    "core.digestrun": "which daily digest was sent",
    "core.noticereceipt": "that a user opened a notice",
    "core.usertablepreference": "a user's chosen table columns",
    "core.todo": "a workbench copy of waiting work; the action that creates or settles the work writes the audit row",
    "basedata.searchentry": "search index, rebuilt from the audited laws",
    "basedata.searchstatistics": "search index statistics",
    "basedata.lawfavourite": "a user's bookmark of a law or article",
    "basedata.certificatereminder": "that an expiry reminder was sent (the todo and notifications say so)",
    "legal.dataversion": "cache token bumped on every audited calendar or threshold change",
    "workflow.workitem": "who holds a step now; every action that creates or settles one writes its own audit row",
    "workflow.timelineevent": "the instance timeline, written with the audit row of each action",
    "workflow.processstate": "the engine's serialised state; what happened is in the actions' audit rows",
}

# Modules allowed to write audited rows with ``recorded_by_caller()``: each writes its own audit row
# (a login event) for the same change in the same transaction.
CALLER_RECORDS = {"org/services/auth.py"}


def project_models():
    for config in apps.get_app_configs():
        if config.name.startswith("zhifa."):
            yield from config.get_models(include_auto_created=True)


def label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def test_every_model_is_audited_or_exempt_with_a_reason():
    unexplained = []
    for model in project_models():
        if model._meta.auto_created:  # many-to-many table: audited through m2m_changed of its owner
            if not is_audited(model._meta.auto_created):
                unexplained.append(label(model))
        elif not is_audited(model) and label(model) not in NOT_AUDITED:
            unexplained.append(label(model))
    assert unexplained == []
    assert all(not is_audited(apps.get_model(name)) for name in NOT_AUDITED)


@pytest.mark.parametrize("model", [m for m in project_models() if is_audited(m)], ids=label)
def test_every_manager_of_an_audited_model_audits_bulk_writes(model):
    for manager in model._meta.managers:
        assert isinstance(manager.get_queryset(), AuditedQuerySet), f"{label(model)}.{manager.name}"


def test_recorded_by_caller_is_used_only_where_the_caller_writes_the_row():
    users = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "recorded_by_caller()" in path.read_text(encoding="utf-8") and path.name != "querysets.py"
    }
    assert users <= CALLER_RECORDS
    for name in users:
        text = (SRC / name).read_text(encoding="utf-8")
        for match in re.finditer(r"def \w+\(.*?(?=\ndef |\Z)", text, re.S):
            if "recorded_by_caller()" in match.group():
                assert "record(" in match.group(), name


@pytest.fixture
def phrases(city):
    return [Phrase.objects.create(unit=city["yantian"], field_key=DocumentField.FACTS, text=f"常用语{n}")
            for n in range(3)]


def rows_for(model, action, pks):
    return AuditEntry.objects.filter(object_type=label(model), action=action, object_id__in=[str(pk) for pk in pks])


def test_bulk_create_writes_a_create_row_per_object(city):
    created = Phrase.objects.bulk_create(
        [Phrase(unit=city["yantian"], field_key=DocumentField.FACTS, text=f"批量{n}") for n in range(4)]
    )
    rows = rows_for(Phrase, "create", [p.pk for p in created])
    assert rows.count() == 4
    assert {row.changes["text"]["after"] for row in rows} == {f"批量{n}" for n in range(4)}
    assert verify_chain().ok


def test_bulk_create_may_not_skip_conflicting_rows(city):
    with pytest.raises(TypeError, match=MSG_NO_CONFLICT_OPTIONS):
        Phrase.objects.bulk_create([Phrase(unit=city["yantian"], text="x")], ignore_conflicts=True)


def test_queryset_update_writes_before_and_after_per_row(phrases):
    Phrase.objects.filter(pk__in=[p.pk for p in phrases[:2]]).update(order=7)
    rows = rows_for(Phrase, "update", [p.pk for p in phrases])
    assert sorted(row.object_id for row in rows) == sorted(str(p.pk) for p in phrases[:2])
    assert all(row.changes == {"order": {"before": 0, "after": 7}} for row in rows)


def test_update_that_changes_nothing_writes_nothing(phrases):
    before = AuditEntry.objects.count()
    Phrase.objects.filter(pk=phrases[0].pk).update(order=0)
    assert AuditEntry.objects.count() == before


def test_bulk_update_writes_before_and_after_per_row(phrases):
    for phrase in phrases:
        phrase.text += "（改）"
    Phrase.objects.bulk_update(phrases, ["text"])
    rows = rows_for(Phrase, "update", [p.pk for p in phrases])
    assert rows.count() == 3
    assert {row.changes["text"]["after"] for row in rows} == {p.text for p in phrases}


def test_queryset_delete_writes_a_delete_row_per_row(phrases):
    Phrase.objects.filter(pk__in=[p.pk for p in phrases]).delete()
    assert rows_for(Phrase, "delete", [p.pk for p in phrases]).count() == 3


def test_user_manager_audits_updates(city):
    user = factories.user(city["yantian"], title="科员")
    User.objects.filter(pk=user.pk).update(title="科长")
    row = rows_for(User, "update", [user.pk]).get()
    assert row.changes == {"title": {"before": "科员", "after": "科长"}}


def test_moving_a_unit_audits_the_path_of_every_unit_below_it(city):
    from zhifa.org.services.units import unit_update

    street = factories.unit("沙头角街道办", city["regions"]["yantian"], parent=city["yantian"])
    team = factories.unit("沙头角执法队", city["regions"]["yantian"], parent=street)
    old_team_path = Unit.objects.get(pk=team.pk).path
    street.parent, street.region = city["futian"], city["regions"]["futian"]
    unit_update(unit=street, reason="划转")

    team.refresh_from_db()
    row = rows_for(Unit, "update", [team.pk]).latest("seq")
    assert row.changes["path"] == {"before": old_team_path, "after": team.path}
    assert team.path.startswith(city["futian"].path)
    assert verify_chain().ok


# Modules that write audited tables with raw SQL, each with how the write is audited instead.
RAW_SQL_WRITERS = {
    "basedata/services/object_upsert.py": "object import: one import row per file (decision 0008)",
    "core/search_grams_sqlite.py": "SQLite name-search side index: derived data its triggers write (decision 0014)",
}


def test_raw_sql_writes_happen_only_where_listed():
    writers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and re.search(r"executemany\(|INSERT INTO|DELETE FROM", path.read_text("utf-8"))
    }
    assert writers == set(RAW_SQL_WRITERS)

