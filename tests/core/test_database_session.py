"""The application's PostgreSQL sessions run without JIT and parallel workers (docs/decisions/0015)."""

import importlib

import pytest
from django.db import connection

import zhifa.settings.base


@pytest.mark.postgres_only(reason="PostgreSQL 的会话参数")
def test_the_application_connection_turns_off_jit_and_parallel_workers(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
        assert cursor.fetchone() == ("off", "0")


@pytest.fixture
def settings_module(monkeypatch):
    """``zhifa.settings.base`` read again under the environment a test sets; put back afterwards."""
    yield lambda: importlib.reload(zhifa.settings.base)
    monkeypatch.undo()
    importlib.reload(zhifa.settings.base)


def test_the_session_options_keep_what_the_database_url_carries(monkeypatch, settings_module):
    monkeypatch.setenv("DATABASE_URL", "postgres://zhifa@db.example:5432/zhifa?sslmode=require")
    monkeypatch.delenv("ZHIFA_DB_SESSION_OPTIONS", raising=False)
    options = settings_module().DATABASES["default"]["OPTIONS"]
    assert options == {"sslmode": "require", "options": "-c jit=off -c max_parallel_workers_per_gather=0"}


def test_the_session_options_can_be_left_out(monkeypatch, settings_module):
    monkeypatch.setenv("DATABASE_URL", "postgres://zhifa@db.example:5432/zhifa")
    monkeypatch.setenv("ZHIFA_DB_SESSION_OPTIONS", "")
    assert "options" not in settings_module().DATABASES["default"].get("OPTIONS", {})
