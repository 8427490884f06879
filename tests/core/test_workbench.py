"""Workbench (A5): each user lands on their own work; a leader also sees every unit's backlog."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhifa.core.models import TodoKind
from zhifa.core.scoping import DataScope
from zhifa.core.services.notices import notice_create
from zhifa.core.services.todos import todo_create


def sign_in(client, user):
    response = client.post(reverse("org:login"), {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def card(page: str, name: str) -> str:
    """The HTML of one workbench card (up to the next card)."""
    start = page.index(f'data-testid="card-{name}"')
    following = page.find('data-testid="card-', start + 1)
    return page[start: following if following != -1 else len(page)]


@pytest.fixture
def officers(city):
    li = factories.user(city["yantian"], display_name="李执法")
    zhao = factories.user(city["futian"], display_name="赵执法")
    todo_create(assignee=li, title="盐田：调查取证", url="/cases/1/", kind=TodoKind.TASK)
    todo_create(assignee=li, title="盐田：立案审批", url="/cases/2/", kind=TodoKind.APPROVAL)
    todo_create(assignee=zhao, title="福田：送达决定书", url="/cases/3/", kind=TodoKind.TASK)
    return {"li": li, "zhao": zhao}


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("org:login"))


@pytest.mark.parametrize(("who", "mine", "theirs"), [("li", "盐田：调查取证", "福田：送达决定书"), ("zhao", "福田：送达决定书", "盐田：调查取证")])
def test_each_account_lands_on_its_own_workbench(client, officers, who, mine, theirs):
    response = sign_in(client, officers[who])

    assert response.request["PATH_INFO"] == "/"
    page = response.content.decode()
    assert f"{officers[who].display_name}的工作台" in page
    assert mine in card(page, "todos")
    assert theirs not in page


def test_approvals_are_a_card_of_their_own(client, officers):
    client.force_login(officers["li"])
    page = client.get("/").content.decode()
    assert "盐田：立案审批" in card(page, "approvals")
    assert "盐田：立案审批" not in card(page, "todos")
    assert re.search(r'data-testid="count-approvals">1<', page)


def test_deadlines_show_days_left_and_overdue_in_red(client, city):
    officer = factories.user(city["yantian"])
    todo_create(assignee=officer, title="逾期的复查", url="", kind=TodoKind.TASK, due_at=timezone.now() - dt.timedelta(days=2))
    todo_create(assignee=officer, title="后天到期的告知", url="", kind=TodoKind.TASK, due_at=timezone.localdate() + dt.timedelta(days=2))
    todo_create(assignee=officer, title="下周的事项", url="", kind=TodoKind.TASK, due_at=timezone.localdate() + dt.timedelta(days=7))
    client.force_login(officer)

    expiring = card(client.get("/").content.decode(), "expiring")

    overdue, upcoming = re.findall(r'<div class="list-group-item[^"]*"[^>]*data-testid="expiring-item".*?</div>',
                                   expiring, re.S)
    assert "逾期的复查" in overdue and "text-danger" in overdue and "已逾期 2 天" in overdue
    assert "后天到期的告知" in upcoming and "text-danger" not in upcoming and "剩 2 天" in upcoming
    assert "下周的事项" not in expiring


def test_unread_notices_are_bold_until_opened(client, city, officers):
    first = notice_create(unit=city["yantian"], title="防汛值班安排", body="……", publish=True)
    notice_create(unit=city["futian"], title="福田内部通知", body="……", publish=True)
    client.force_login(officers["li"])

    notices = card(client.get("/").content.decode(), "notices")
    assert 'data-read="false"' in notices and 'class="fw-bold"' in notices
    assert "福田内部通知" not in notices

    client.get(reverse("core:notice_detail", args=[first.pk]))

    notices = card(client.get("/").content.decode(), "notices")
    assert 'data-read="true"' in notices and "fw-bold" not in notices


def test_leader_sees_counts_per_unit_and_others_do_not(client, city, officers, leader_role):
    squad = factories.unit("盐田执法一中队", city["regions"]["yantian"], kind="department", parent=city["yantian"])
    squad_member = factories.user(squad)
    todo_create(assignee=squad_member, title="中队逾期事项", url="", kind=TodoKind.TASK, due_at=timezone.now() - dt.timedelta(days=1))
    leader = factories.user(city["yantian"], roles=[leader_role])

    client.force_login(leader)
    page = client.get("/").content.decode()
    rows = re.findall(r'<tr data-testid="unit-row">(.*?)</tr>', card(page, "units"), re.S)
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in rows]
    assert cells == [[city["yantian"].name, "2", "0"], [squad.name, "1", "1"]]
    assert "领导视图" in page

    client.force_login(officers["li"])
    page = client.get("/").content.decode()
    assert 'data-testid="card-units"' not in page


def test_quick_links_follow_the_menu_permissions(client, city, officers):
    admin = factories.user(city["yantian"], roles=[factories.role(["core.add_notice", "core.view_smsmessage"], DataScope.UNIT)])
    client.force_login(admin)
    links = card(client.get("/").content.decode(), "quick-links")
    assert "通知公告管理" in links and "本地短信记录" in links

    client.force_login(officers["li"])
    links = card(client.get("/").content.decode(), "quick-links")
    assert "通知公告管理" not in links and "本地短信记录" not in links


def test_workbench_queries_do_not_grow_with_the_number_of_items(client, city, django_assert_max_num_queries):
    officer = factories.user(city["yantian"])
    for number in range(30):
        todo_create(assignee=officer, title=f"事项{number}", url="", kind=TodoKind.TASK, due_at=timezone.now())
        notice_create(unit=city["yantian"], title=f"通知{number}", body="……", publish=True)
    client.force_login(officer)
    client.get("/")
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200


def test_no_item_links_to_a_hash_and_an_item_without_a_page_is_plain_text(client, officers):
    todo_create(assignee=officers["li"], title="没有页面的事项", url="", kind=TodoKind.TASK)
    client.force_login(officers["li"])
    page = client.get("/").content.decode()
    assert 'href="#"' not in page
    assert re.search(r'<a [^>]*href="/cases/1/"[^>]*>\s*<span>盐田：调查取证</span>', page)
    assert re.search(r'<div [^>]*data-testid="todo-item"[^>]*>\s*<span>没有页面的事项</span>', page)


@pytest.mark.parametrize(("show", "listed", "not_listed"), [
    ("todos", "盐田：调查取证", "盐田：立案审批"),
    ("approvals", "盐田：立案审批", "盐田：调查取证"),
    ("expiring", "盐田：明天到期", "盐田：调查取证"),
])
def test_each_count_card_opens_the_list_behind_it(client, officers, show, listed, not_listed):
    todo_create(assignee=officers["li"], title="盐田：明天到期", url="/cases/4/", kind=TodoKind.TASK,
                due_at=timezone.localdate() + dt.timedelta(days=1))
    client.force_login(officers["li"])
    page = client.get("/").content.decode()
    link = re.search(rf'href="([^"]+)" data-testid="card-link-{show}"', page).group(1)
    listing = client.get(link.replace("&amp;", "&")).content.decode()
    assert listed in listing and not_listed not in listing
    assert "福田：送达决定书" not in listing


def test_unread_notice_card_opens_the_unread_notices(client, city, officers):
    read, unread = (notice_create(unit=city["yantian"], title=title, body="……", publish=True)
                    for title in ("已读的通知", "未读的通知"))
    client.force_login(officers["li"])
    client.get(reverse("core:notice_detail", args=[read.pk]))
    listing = client.get(reverse("core:notice_list") + "?unread=1").content.decode()
    assert unread.title in listing and read.title not in listing
