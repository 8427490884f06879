"""Steps shared by the browser tests of the discretion standards: write a draft, press a life-cycle button."""

from django.urls import reverse


def write_draft(page, live_server, *, power, title: str, fine_min: str, fine_max: str) -> None:
    """Fill the new-standard form with a 轻微 (warning) and a 一般 (fine) level; the caller saves it."""
    page.goto(live_server.url + reverse("basedata:discretionstandard_add"))
    page.select_option("select[name=power]", str(power.pk))
    page.fill("input[name=title]", title)
    page.fill("input[name=levels-0-circumstance]", "轻微")
    page.check("input[name=levels-0-penalty_kinds][value=warning]")
    page.fill("input[name=levels-1-circumstance]", "一般")
    page.check("input[name=levels-1-penalty_kinds][value=fine]")
    page.fill("input[name=levels-1-fine_min]", fine_min)
    page.fill("input[name=levels-1-fine_max]", fine_max)


def press(page, button: str, done: str) -> None:
    """Click the button named ``button`` and wait for the success message ``done`` on the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    page.locator(".alert-success", has_text=done).wait_for()
