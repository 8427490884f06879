"""The demo city for the page walks and menu tests of this folder, inside each test's transaction."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.ui.demo import USERNAMES, build_small_demo
from zhifa.org.models import User


def demo_users() -> dict[str, User]:
    return {user.username: user for user in User.objects.filter(username__in=USERNAMES)}


@pytest.fixture
def small_demo(db, tmp_path, settings):
    """The small demo city (units, users, laws, objects, powers, elements); the demo's sign-in settings."""
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    settings.DATA_DIR = tmp_path
    build_small_demo(tmp_path)
    return demo_users()


@pytest.fixture
def demo_accounts(db, settings, tmp_path):
    """Only the demo organisation: units, users and the twelve demo accounts with their roles."""
    settings.DATA_DIR = tmp_path
    call_command("demo_data", districts=2, users=60, seed=2026, stdout=StringIO())
    return demo_users()
