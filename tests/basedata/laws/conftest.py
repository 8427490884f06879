"""Fixtures of the base-data tests.

``corpus`` imports the packaged laws library (45 law files, 3,528 articles) once for this test
package, inside a transaction that is rolled back when pytest leaves the package, so the tests
here share one import (a few seconds) and tests of other packages never see the data — also under
xdist, where a worker that comes back to this package imports again. Every database test in this
package takes ``corpus`` (and ``db`` as usual; its own changes are rolled back after each test,
inside the package's transaction), so each sees the same library whatever the test order.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests import factories
from zhifa.basedata.services.law_import import import_folder
from zhifa.basedata.models import Article, Law
from zhifa.core.actor import Channel, actor_context

LAW_PERMISSIONS = ["basedata.view_law", "basedata.view_article"]


@pytest.fixture(scope="package")
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


def user_with(city, permissions):
    """A 盐田区 user holding ``permissions`` (``"app.codename"``)."""
    return factories.user(city["yantian"], roles=[factories.role(permissions)])
