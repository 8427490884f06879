"""The audit trail is hash-chained: any direct edit in the database is found and named."""

from django.db import connection

from tests import factories
from zhifa.core.audit import verify_chain
from zhifa.core.models import AuditEntry


def test_every_write_is_audited_with_before_and_after(city):
    agency = city["yantian"]
    agency.phone = "0755-25555555"
    agency.save()
    entry = AuditEntry.objects.filter(object_type="org.unit", object_id=str(agency.pk)).order_by("-seq").first()
    assert entry.action == "update"
    assert entry.changes["phone"] == {"before": "", "after": "0755-25555555"}


def test_chain_verifies_and_names_the_edited_row(city):
    assert verify_chain().ok
    victim = AuditEntry.objects.order_by("seq")[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["篡改", victim.pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken_seq == victim.seq
    assert result.broken_id == victim.pk


def test_deleted_row_breaks_the_chain(city):
    victim = AuditEntry.objects.order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken_seq == victim.seq + 1


def test_user_password_is_never_written_to_the_trail(city):
    person = factories.user(city["yantian"])
    entry = AuditEntry.objects.filter(object_type="org.user", object_id=str(person.pk), action="create").get()
    assert entry.changes["password"]["after"] == "******"
