"""The audit viewer: for holders of ``core.view_auditentry`` within their data scope, with filters,
server-side pagination, a readable before/after table, and a query count that does not grow with rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhifa.core.actor import Channel, actor_context
from zhifa.core.audit import ObjectRef, record
from zhifa.core.models import AuditAction, AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.core.audit_display import display
from zhifa.core.views.audit import PAGE_SIZE

SEQ_LINK = re.compile(r'href="/audit/(\d+)/"')


@pytest.fixture
def people(city):
    audit = ["core.view_auditentry"]
    return {
        "sysadmin": factories.user(city["bureau"], roles=[factories.role(audit, DataScope.ALL)], username="sysadmin"),
        "yantian_admin": factories.user(city["yantian"], roles=[factories.role(audit, DataScope.UNIT)], username="yt-admin"),
        "yantian_officer": factories.user(city["yantian"], username="yt-officer", display_name="王磊"),
        "futian_officer": factories.user(city["futian"], username="ft-officer", display_name="李娜"),
    }


def listed_ids(response) -> list[int]:
    return [int(pk) for pk in SEQ_LINK.findall(response.content.decode())]


def act(user, message, *, channel=Channel.WEB, request_id="", action=AuditAction.ACTION, target=None):
    values = {"channel": channel, "user": user}
    if request_id:
        values["request_id"] = request_id
    with actor_context(**values):
        return record(action, target or user, message=message)


def test_anonymous_is_sent_to_login_and_others_are_refused(client, people):
    anonymous = client.get(reverse("core:audit_list"))
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("org:login"))

    client.force_login(people["yantian_officer"])
    assert client.get(reverse("core:audit_list")).status_code == 403
    entry = AuditEntry.objects.first()
    assert client.get(reverse("core:audit_detail", args=[entry.pk])).status_code == 403


def test_administrator_sees_the_trail_newest_first(client, people):
    client.force_login(people["sysadmin"])
    response = client.get(reverse("core:audit_list"))
    ids = listed_ids(response)
    assert response.status_code == 200
    assert ids == list(AuditEntry.objects.order_by("-seq").values_list("pk", flat=True)[:PAGE_SIZE])


def test_filters_by_action_user_object_request_and_channel(client, people):
    officer = people["yantian_officer"]
    by_officer = act(officer, "办理", request_id="req-officer")
    by_cli = act(people["futian_officer"], "命令行导入", channel=Channel.CLI)
    failed = act(None, "用户名不存在", action=AuditAction.LOGIN_FAILED, target=ObjectRef("org.user", "", "ghost"))
    client.force_login(people["sysadmin"])

    def ids(**query):
        return listed_ids(client.get(reverse("core:audit_list"), query))

    assert ids(action="login_failed") == [failed.pk]
    assert ids(user="yt-officer", action="action") == [by_officer.pk]
    assert ids(user="王", action="action") == [by_officer.pk]
    assert ids(request_id="req-officer") == [by_officer.pk]
    assert ids(channel="cli") == [by_cli.pk]
    assert ids(object_type="org.user", object_id=str(officer.pk), action="action") == [by_officer.pk]


def test_filters_by_time_range(client, people):
    first = act(people["yantian_officer"], "较早")
    middle = timezone.localtime(timezone.now()).replace(tzinfo=None).isoformat()
    second = act(people["yantian_officer"], "较晚")
    client.force_login(people["sysadmin"])

    since = listed_ids(client.get(reverse("core:audit_list"), {"since": middle}))
    until = listed_ids(client.get(reverse("core:audit_list"), {"until": middle}))

    assert since == [second.pk]
    assert first.pk in until and second.pk not in until


def test_bad_filter_input_is_named_and_nothing_breaks(client, people):
    client.force_login(people["sysadmin"])
    response = client.get(reverse("core:audit_list"), {"since": "昨天", "channel": "fax"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "起始时间格式不正确" in html and "渠道不在可选范围内" in html


def test_pages_are_cut_on_the_server(client, people):
    for n in range(PAGE_SIZE + 5):
        act(people["yantian_officer"], f"第{n}次")
    total = AuditEntry.objects.count()
    client.force_login(people["sysadmin"])

    first = client.get(reverse("core:audit_list"))
    second = client.get(reverse("core:audit_list"), {"page": 2})

    assert len(listed_ids(first)) == PAGE_SIZE
    assert len(listed_ids(second)) == min(total - PAGE_SIZE, PAGE_SIZE)
    assert f"共 {total} 条" in first.content.decode()
    assert not set(listed_ids(first)) & set(listed_ids(second))


def test_query_count_does_not_grow_with_rows(client, people, city):
    act(people["yantian_officer"], "第一次")
    client.force_login(people["sysadmin"])
    client.get(reverse("core:audit_list"))  # warm the session and caches

    def queries_for_one_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("core:audit_list")).status_code == 200
        return len(captured)

    few = queries_for_one_page()
    for n in range(PAGE_SIZE):
        act(people["yantian_officer" if n % 2 else "futian_officer"], f"第{n}次")
    many = queries_for_one_page()

    assert many == few


def test_unit_scope_sees_only_what_people_of_the_unit_did(client, people):
    mine = act(people["yantian_officer"], "盐田的操作")
    theirs = act(people["futian_officer"], "福田的操作")
    client.force_login(people["yantian_admin"])

    ids = listed_ids(client.get(reverse("core:audit_list"), {"action": "action"}))

    assert ids == [mine.pk]
    assert client.get(reverse("core:audit_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("core:audit_detail", args=[mine.pk])).status_code == 200


def test_detail_shows_before_and_after_as_a_table(client, people, city):
    agency = city["yantian"]
    with actor_context(channel=Channel.WEB, user=people["yantian_officer"]):
        agency.phone = "0755-25555555"
        agency.save()
    entry = AuditEntry.objects.filter(object_type="org.unit", object_id=str(agency.pk), action="update").latest("seq")
    client.force_login(people["sysadmin"])

    html = client.get(reverse("core:audit_detail", args=[entry.pk])).content.decode()

    table = html[html.index('data-testid="audit-changes"'):]
    assert re.search(r"联系电话 <span[^>]*>phone</span></td><td[^>]*>（空）</td><td[^>]*>0755-25555555</td>", table)
    assert "王磊" in html and entry.hash in html


def test_htmx_refresh_returns_only_the_table(client, people):
    client.force_login(people["sysadmin"])
    response = client.get(reverse("core:audit_list"), {"action": "create"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-testid="audit-table"' in html
    assert "<html" not in html and 'data-testid="audit-filters"' not in html


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, "—"),
        ("", "（空）"),
        (True, "是"),
        ([3, 5], "3、5"),
        ("2026-03-01T02:00:00.123456+00:00", "2026-03-01 10:00:00"),
        ("2026-03-01", "2026-03-01"),
    ],
)
def test_values_are_shown_as_people_read_them(value, shown):
    assert display(value) == shown


def test_anonymous_and_system_actors_are_told_apart(client, people):
    act(None, "用户名不存在", action=AuditAction.LOGIN_FAILED, target=ObjectRef("org.user", "", "ghost"))
    act(None, "夜间任务", channel=Channel.TASK, target=ObjectRef("core.todo", "", "到期提醒"))
    client.force_login(people["sysadmin"])

    failed = client.get(reverse("core:audit_list"), {"action": "login_failed"}).content.decode()
    task = client.get(reverse("core:audit_list"), {"channel": "task"}).content.decode()

    assert "未登录访问者" in failed and "<td>系统" not in failed
    assert "<td>系统" in task
