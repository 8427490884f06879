import pytest
from django.urls import reverse
from tests import factories
from tests.browser.test_list_export_import import people, workbook_bytes  # noqa
from zhifa.org.models import User, Unit, Role
from zhifa.org.choices import DataScope

def test_shots(live_server, sign_in, people, city):
    from zhifa.org import menu  # noqa
    admin = people["admin"]
    admin.is_superuser = True; admin.save()
    page = sign_in(admin)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server.url + reverse("org:user_list"))
    page.screenshot(path="/tmp/shot_list.png", full_page=True)
    u = User.objects.get(username="yt-alpha")
    page.goto(live_server.url + reverse("org:user_edit", args=[u.pk]))
    page.fill("input[name=phone]", "123")
    page.click("button:has-text('保存')")
    page.screenshot(path="/tmp/shot_edit.png", full_page=True)
    page.goto(live_server.url + reverse("org:role_add"))
    page.screenshot(path="/tmp/shot_role.png", full_page=True)
    page.goto(live_server.url + reverse("org:unit_edit", args=[city["yantian"].pk]))
    page.fill("input[name=phone]", "0755-1234")
    page.fill("input[name=change_reason]", "更换电话")
    page.click("button:has-text('保存')")
    page.wait_for_timeout(500)
    page.screenshot(path="/tmp/shot_unit.png", full_page=True)
    page.goto(live_server.url + reverse("org:unit_list"))
    page.screenshot(path="/tmp/shot_units.png", full_page=True)
