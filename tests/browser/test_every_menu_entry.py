"""Acceptance walk: every menu entry as every demo account, on a desktop and on a phone.

Each page must answer below 400, show no Latin word outside the allow-list, log no console error
and — on the desktop — not scroll sideways. Screenshots go to ``var/screenshots/<viewport>/``
(kept by CI as an artefact). The city is the small demo of ``tests/ui/demo.py``, not the full one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests.ui.demo import PASSWORD, USERNAMES, build_small_demo, data_words
from tests.ui.screen_text import foreign_words
from tests.ui.walk import menu_urls
from zhifa.org.models import User

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
SETTLED = "() => !document.querySelector('.htmx-request')"
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def demo_city(live_server, transactional_db, settings, tmp_path):
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    settings.DATA_DIR = tmp_path
    build_small_demo(tmp_path)
    return {user.username: user for user in User.objects.filter(username__in=USERNAMES)}


def visit_menu(browser, live_server, user, viewport: str, shots: list[Path]) -> list[str]:
    """Sign in as ``user`` at ``viewport``, open every menu entry, screenshot each into ``shots``;
    the problems found, in words."""
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    problems = []
    page.goto(live_server.url + reverse("org:login"))
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(live_server.url + reverse("core:workbench"))
    folder = SCREENSHOTS / viewport / user.username
    folder.mkdir(parents=True, exist_ok=True)
    allowed = data_words()
    for number, url in enumerate(menu_urls(user), start=1):
        console.clear()
        response = page.goto(live_server.url + url)
        page.wait_for_function(SETTLED)
        where = f"{viewport} {user.username} {url}"
        if response is None or response.status >= 400:
            problems.append(f"{where}: HTTP {response.status if response else '无响应'}")
        words = foreign_words(page.content(), also_allowed=allowed)
        if words:
            problems.append(f"{where}: 英文 {sorted(words)}")
        if viewport == "desktop" and page.evaluate(OVERFLOW) > 0:
            problems.append(f"{where}: 页面横向溢出 {page.evaluate(OVERFLOW)} 像素")
        if console:
            problems.append(f"{where}: 控制台错误 {console}")
        shot = folder / f"{number:02d}-{url.strip('/').replace('/', '-') or 'workbench'}.png"
        shot.unlink(missing_ok=True)
        page.screenshot(path=str(shot))
        shots.append(shot)
    context.close()
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_menu_entry_of_every_demo_account(browser, live_server, demo_city, viewport):
    problems: list[str] = []
    shots: list[Path] = []
    for username in USERNAMES:
        problems += visit_menu(browser, live_server, demo_city[username], viewport, shots)
    assert not problems, "\n".join(problems)
    assert len(shots) >= len(USERNAMES) * 5 and all(shot.stat().st_size > 0 for shot in shots)
