"""Shared fixtures of the browser tests: the OS Chromium driven by Playwright, and signing in.

The browser is Debian's ``/usr/bin/chromium`` (never a downloaded one). Playwright's sync API runs
an event loop in the test thread, so Django's async-safety guard is switched off for these tests.
"""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import sync_playwright

from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    """``sign_in(user)``: log in through the login page and wait for the workbench."""

    def sign_in_as(user, password: str = factories.PASSWORD):
        page.goto(live_server.url + reverse("org:login"))
        page.fill('input[name="username"]', user.username)
        page.fill('input[name="password"]', password)
        page.click('button[type="submit"]')
        page.wait_for_url(live_server.url + reverse("core:workbench"))
        return page

    return sign_in_as


@pytest.fixture
def demo_city(live_server, transactional_db, settings, tmp_path):
    """The small demo city of ``factories.small_demo_city``: the demo accounts named in the README, by user name.

    As in ``make demo``, administrators sign in without a second factor (``ZHIFA_REQUIRE_ADMIN_TOTP=0``).
    """
    settings.DATA_DIR = tmp_path
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    return factories.small_demo_city()
