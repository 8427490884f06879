"""Every page a demo account reaches speaks Chinese: no field names, codes or English defaults on screen,
and every full page names itself in its title (``页面名 - 执法通``)."""

import re

from django.test import Client
from django.urls import reverse

from tests.ui.demo import PASSWORD, USERNAMES, data_words
from tests.ui.screen_text import foreign_words
from tests.ui.walk import walk


#: Placeholder dates and an "unknown" default in a filter: values no person should have to read.
RAW_VALUES = re.compile(r"1900-01-01|1900年1月1日|>未知</option>")
TITLE = re.compile(r"<title>\s*[^<\s][^<]* - 执法通</title>")


def test_every_page_of_every_demo_account_is_chinese(small_demo):
    allowed = data_words()
    problems = []
    for username in USERNAMES:
        client = Client(raise_request_exception=False)
        response = client.post(reverse("org:login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 302, f"{username} 登录失败"
        result = walk(client, small_demo[username])
        assert len(result.visits) > 5, username
        for visit in result.visits:
            where = f"{username} {visit.url} (来自 {visit.found_on})"
            if visit.status >= 400:
                problems.append(f"{where}: HTTP {visit.status}")
            elif words := foreign_words(visit.html, also_allowed=allowed):
                problems.append(f"{where}: {sorted(words)}")
            elif raw := RAW_VALUES.findall(visit.html):
                problems.append(f"{where}: 原始值 {sorted(set(raw))}")
            elif "<html" in visit.html and not TITLE.search(visit.html):
                problems.append(f"{where}: 标题未写明页面名")
    assert not problems, "\n".join(problems)


def test_the_checker_finds_english_words_but_not_machine_values_shown_as_code():
    html = (
        '<p>状态 draft</p><td><a class="small font-monospace" href="/x">dffcdc…</a></td>'
        "<p>哈希 <code>abcdef</code> 之后 pending</p><br><span>完成</span>"
    )
    assert foreign_words(html) == {"draft", "pending"}
