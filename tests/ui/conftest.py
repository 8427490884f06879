"""The small demo city, built once per test run and shared by the page walks of this folder."""

import pytest

from tests.ui.demo import build_small_demo


@pytest.fixture(scope="session")
def small_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo city in the test database, kept for the whole session (read-only walks)."""
    with django_db_blocker.unblock():
        build_small_demo(tmp_path_factory.mktemp("demo"))
    yield
