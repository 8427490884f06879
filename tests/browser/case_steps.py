"""Driving a punishment case through its page in a real browser, as the demo accounts of the README would.

``CaseDesk`` signs in as one demo account at a time and does what a person does on the case page: the
action buttons and their forms (编辑案件信息, 添加证据, 送达告知书, 听证 …), 办理当前环节 (the workflow's task
page with 通过), and 签发 on the 文书 tab. Each step waits for the page's success message and fails with the
page's own error text otherwise. ``clock`` moves the server's calendar on between steps (``time-machine``),
so that every date the law counts lies where it would in a real case.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from zhifa.org.demo.accounts import DEMO_PASSWORD

ERRORS = ".alert-danger, .alert-warning, .invalid-feedback, .errorlist"


@dataclass
class CaseDesk:
    """One browser tab at the demo city's live server, and the case it works on (``case_url`` once registered)."""

    page: object
    live_server: object
    sign_in: object
    accounts: dict
    clock: object
    case_url: str = ""
    signed_in: str = field(default="", init=False)

    # --- who and when ---------------------------------------------------------------------------------

    def act_as(self, username: str) -> None:
        """Sign out whoever was signed in and sign in as the demo account ``username``."""
        if self.signed_in == username:
            return
        self.page.context.clear_cookies()
        self.sign_in(self.accounts[username], DEMO_PASSWORD)
        self.signed_in = username

    def next_day(self, days: int = 1) -> dt.date:
        """Move the server's calendar on by ``days`` and return the new today."""
        self.clock.shift(dt.timedelta(days=days))
        self.signed_in = ""  # a new working day: sign in again
        return timezone.localdate()

    def travel_to(self, day: dt.date) -> None:
        """Move the server's calendar on to ``day`` (never back)."""
        self.next_day((day - timezone.localdate()).days)

    # --- the case page --------------------------------------------------------------------------------

    def open_case(self, tab: str = "") -> None:
        self.page.goto(self.case_url + (f"?tab={tab}" if tab else ""))
        self.page.get_by_test_id("case-header").wait_for()

    def _expect_success(self, text: str) -> None:
        success = self.page.locator(".alert-success", has_text=text)
        try:
            success.wait_for(timeout=10_000)
        except Exception as error:
            problems = " | ".join(self.page.locator(ERRORS).all_inner_texts())
            raise AssertionError(f"{text!r} not confirmed at {self.page.url}: {problems}") from error

    def action(self, label: str, fields: dict, *, done: str = "") -> None:
        """Open the case page, press the action ``label``, fill its form (``name → value``) and submit it."""
        self.open_case()
        self.page.get_by_test_id("case-actions").get_by_role("link", name=label, exact=True).click()
        form = self.page.locator("form[method=post]").filter(has=self.page.locator(f"[name={next(iter(fields))}]"))
        fill(self.page, form, fields)
        form.locator("button[type=submit]").last.click()
        self._expect_success(done or label)

    def approve(self, opinion: str) -> None:
        """办理当前环节: the user's open step of the case, 通过 with ``opinion``."""
        self.open_case()
        self.page.get_by_test_id("case-actions").get_by_role("link", name="办理当前环节").click()
        form = self.page.get_by_test_id("approve-form")
        form.locator("[name=opinion]").fill(opinion)
        form.get_by_role("button", name="通过").click()
        self._expect_success("已通过")

    def issue(self, kind: str) -> None:
        """签发 the document ``kind`` from the case page's 文书 tab."""
        self.open_case("documents")
        row = self.page.locator(f"tr[data-kind={kind}]")
        row.get_by_role("button", name="签发").click()
        self._expect_success("签发")

    # --- reading the page -----------------------------------------------------------------------------

    def tab_text(self, tab: str, test_id: str) -> str:
        self.open_case(tab)
        return self.page.get_by_test_id(test_id).inner_text()

    def issued_documents(self) -> dict[str, list[str]]:
        """Kind → the download links of its issued copies, as the 文书 tab lists them."""
        self.open_case("documents")
        found = {}
        for row in self.page.locator("[data-testid=documents-table] tr[data-kind]").all():
            links = row.locator("a[href*='/download/']")
            found[row.get_attribute("data-kind")] = [links.nth(i).get_attribute("href") for i in range(links.count())]
        return found

    def timeline(self) -> list[str]:
        """The lines of the 办理记录 tab's timeline, oldest first."""
        self.open_case("timeline")
        return [" ".join(text.split()) for text in self.page.locator("[data-testid=timeline] li").all_inner_texts()]


def fill(page, form, fields: dict) -> None:
    """Fill ``form`` field by field name: text and dates are typed, selects chosen, booleans ticked, files set."""
    for name, value in fields.items():
        target = form.locator(f"[name={name}]").first
        tag = target.evaluate("element => element.tagName.toLowerCase() + ':' + (element.type || '')")
        if tag.startswith("select"):
            target.select_option(value)
        elif tag.endswith(":checkbox"):
            target.set_checked(bool(value))
        elif tag.endswith(":file"):
            target.set_input_files(value)
        else:
            target.fill(value.isoformat() if isinstance(value, dt.date) else str(value))


def pick_party(page, name: str) -> None:
    """The register form's party picker: type the name, wait for the library's answer, click it."""
    picker = page.get_by_test_id("party-picker")
    picker.locator("input[type=search]").fill(name)
    picker.locator(f"[data-object-name='{name}']").first.click()
    picker.get_by_test_id("party-chip").filter(has_text=name).wait_for()


def register(desk: CaseDesk, fields: dict, party: str) -> None:
    """案件登记 through the register form; afterwards ``desk.case_url`` is the new case's page."""
    page = desk.page
    page.goto(desk.live_server.url + reverse("cases:case_add"))
    form = page.get_by_test_id("case-register-form")
    pick_party(page, party)
    fill(page, form, fields)
    form.get_by_role("button", name="登记").click()
    desk._expect_success("已登记案件")
    desk.case_url = re.sub(r"\?.*$", "", page.url)
