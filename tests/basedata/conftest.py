"""Fixtures of the laws library tests.

``corpus`` imports the packaged library (45 law files, 3,528 articles) once per test module inside
a transaction that is rolled back when the module is done, so the tests of a module share one
import and no other module ever sees the data. Tests using it still take ``db`` as usual; their
own changes are rolled back after each test, inside the module's transaction.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests import factories
from zhifa.basedata.laws.importer import import_folder
from zhifa.basedata.models import Article, Law
from zhifa.core.actor import Channel, actor_context

LAW_PERMISSIONS = ["basedata.view_law", "basedata.view_article"]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            with actor_context(channel=Channel.CLI):
                report = import_folder()
            yield report
            transaction.set_rollback(True)


def article(short_title: str, number: int) -> Article:
    """The article ``number`` of the only imported version of ``short_title``."""
    return Article.objects.select_related("law").get(law__short_title=short_title, number=number)


def law(short_title: str) -> Law:
    return Law.objects.get(short_title=short_title)


@pytest.fixture
def reader(city):
    """A 盐田区 officer who may read the laws library."""
    role = factories.role(LAW_PERMISSIONS)
    return factories.user(city["yantian"], roles=[role], username="lawreader", display_name="李法规")
