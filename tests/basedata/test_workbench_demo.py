"""The demo workbench (``zhifa demo-workbench``): every demo account's items open a page it may see;
supervisors and leaders see the figures of their scope, each linking to the list behind it."""

import re

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.core.models import Todo, TodoKind
from zhifa.org.demo.accounts import DEMO_ACCOUNTS


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return factories.small_demo_city()


def test_every_demo_account_has_items_and_each_opens_a_page_it_may_see(client, demo):
    for account in DEMO_ACCOUNTS:
        user = demo[account.username]
        todos = list(Todo.objects.filter(assignee=user, done_at__isnull=True))
        assert todos, account.username
        client.force_login(user)
        for todo in todos:
            assert todo.url.startswith("/"), todo.title
            assert client.get(todo.url).status_code == 200, (account.username, todo.title, todo.url)


def test_the_submitted_standard_waits_for_the_district_justice_bureau(demo):
    standard = DiscretionStandard.objects.get(status=StandardStatus.SUBMITTED)
    assert (standard.unit, standard.created_by) == (demo["unitadmin_yantian"].unit, demo["unitadmin_yantian"])
    approval = Todo.objects.get(kind=TodoKind.APPROVAL, source_id=str(standard.pk))
    assert approval.assignee == demo["supervisor_yantian"]


@pytest.mark.parametrize(("username", "title"), [("supervisor_yantian", "监督概览"), ("leader_yantian", "本单位及下级概况")])
def test_supervisors_and_leaders_see_figures_that_open_their_lists(client, demo, username, title):
    client.force_login(demo[username])
    page = client.get("/").content.decode()
    assert title in page
    figures = re.findall(r'<a class="d-block text-reset" href="([^"]+)" data-testid="figure">\s*'
                         r'<div class="text-secondary small">([^<]+)</div>\s*<div class="h2 mb-0">(\d+)</div>', page)
    assert dict((label, int(count)) for _, label, count in figures)["待审核的裁量基准"] == 1
    for url, label, _ in figures:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, label


def test_officers_get_no_figures(client, demo):
    client.force_login(demo["officer_yantian"])
    assert 'data-testid="card-figures"' not in client.get("/").content.decode()


def test_running_it_again_is_refused_or_skipped(demo):
    with pytest.raises(CommandError):
        call_command("demo_workbench")
    count = Todo.objects.count()
    call_command("demo_workbench", if_empty=True)
    assert Todo.objects.count() == count
