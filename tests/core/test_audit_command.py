"""``zhifa audit verify``: exit 0 on an intact chain, exit 1 naming the first row edited behind its back."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories
from zhifa.core.models import AuditEntry

ZHIFA = Path(sys.executable).with_name("zhifa")


def test_intact_chain_is_reported_with_its_length(city):
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().strip() == f"审计链完整，共 {AuditEntry.objects.count()} 条"


def test_edited_row_is_named_with_its_number_and_id(city):
    factories.user(city["yantian"])
    victim = AuditEntry.objects.order_by("seq")[3]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET message = %s WHERE id = %s", ["改过", victim.pk])

    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", stdout=StringIO())

    assert failure.value.returncode == 1
    message = str(failure.value)
    assert f"序号 {victim.seq}，id {victim.pk}" in message
    assert "记录内容与哈希不符" in message


def test_a_subcommand_is_required(db):
    with pytest.raises(CommandError):
        call_command("audit")


def run_zhifa(*args, env):
    return subprocess.run([str(ZHIFA), *args], env=env, capture_output=True, text=True, check=False)


def test_console_script_verifies_a_real_database_and_names_the_edited_row(tmp_path):
    database = tmp_path / "zhifa.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhifa.settings.base",
        "DATABASE_URL": f"sqlite:///{database}",
        "ZHIFA_DEBUG": "1",
        "ZHIFA_DATA_DIR": str(tmp_path),
        "DJANGO_SUPERUSER_PASSWORD": "Zhifa-Console-2026!",
    }
    assert run_zhifa("migrate", "--noinput", env=env).returncode == 0
    for name in ("root", "operator"):
        created = run_zhifa("createsuperuser", "--noinput", "--username", name, "--email", f"{name}@example.com", env=env)
        assert created.returncode == 0, created.stderr

    intact = run_zhifa("audit", "verify", env=env)
    with sqlite3.connect(database) as db:
        count = db.execute("SELECT COUNT(*) FROM core_auditentry").fetchone()[0]
        seq, row_id = db.execute("SELECT seq, id FROM core_auditentry ORDER BY seq LIMIT 1 OFFSET 1").fetchone()
        db.execute("UPDATE core_auditentry SET object_repr = '篡改' WHERE id = ?", [row_id])
    broken = run_zhifa("audit", "verify", env=env)

    assert count >= 2
    assert intact.returncode == 0
    assert f"审计链完整，共 {count} 条" in intact.stdout
    assert broken.returncode == 1
    assert f"序号 {seq}，id {row_id}" in broken.stderr
    assert "记录内容与哈希不符" in broken.stderr
