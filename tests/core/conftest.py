"""Fixtures of the framework-layer tests (the PostgreSQL-only marker is in ``tests/conftest.py``)."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Permission

from zhifa.core.scoping import DataScope
from zhifa.org.models import Role

class CollectingHandler:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, with Django's default mailer pointed at it."""
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 10},
        }
    }
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def leader_role(db):
    """The role with code ``leader`` (built in when the catalogue is synced), able to view todos of its subtree."""
    role, _ = Role.objects.get_or_create(code="leader", defaults={"name": "领导", "data_scope": DataScope.SUBTREE})
    assert role.data_scope == DataScope.SUBTREE
    role.permissions.add(Permission.objects.get(content_type__app_label="core", codename="view_todo"))
    return role
