"""Mixed load on a running 执法通: what the staff of a city do in an ordinary working hour.

Each simulated person signs in with one of the demo accounts, then, with a think time of
``THINK_TIME`` seconds between pages (5–15 s: reading a list or a form before the next click),
opens the workbench, lists with filters, a search and deeper pages, detail pages found on those
lists, the laws search, and evaluates a legal rule through the API; now and then signs out and in
again. Run it through ``benchmarks/load/run_load.py`` (headless, bounded, 127.0.0.1 only).

With ``ZHIFA_LOAD_LOG`` set, every request is appended to that file (time, type, name, milliseconds,
failed) and a line ``#steady`` marks the moment the last person has started, so that the runner
can report the steady part of a stage apart from its ramp.

Not every account may open the case list (the legal reviewers of the bureaus, for one): each person
probes ``ZHIFA_LOAD_CASES_PATH`` (default ``/cases/``) once, and the tasks ``cases_list`` and
``case_page`` open the case list and the case pages linked from it only when the probe answered 200.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import time

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("ZHIFA_LOAD_PASSWORD", "Zhifa@2026demo")
ACCOUNTS = os.environ.get(
    "ZHIFA_LOAD_ACCOUNTS",
    "officer_yantian,officer_futian,squad_yantian,team_shatoujiao,reviewer_yantian,clue_yantian,"
    "unitadmin_yantian,supervisor_yantian,supervisor_city,leader_yantian,leader_city,justice_admin",
).split(",")
THINK_TIME = (5, 15)
CASES_PATH = os.environ.get("ZHIFA_LOAD_CASES_PATH", "/cases/")

LISTS = {
    "objects": "/basedata/objects/",
    "officers": "/basedata/officers/",
    "users": "/org/users/",
}
LIST_VARIANTS = {
    "first page": {},
    "filter": {"status": "active"},
    "search": {"q": "科技"},
    "page 20": {"page": "20"},
}
LAW_QUERIES = ("罚款", "先行登记保存", "查封 扣押 期限", "行政处罚法 第五十六条", "听证", "没收违法所得")
RULES = (
    {"rule": "payment_deadline", "received_on": "2026-01-31"},
    {"rule": "payment_deadline", "received_on": "2026-09-30"},
)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROW_KEY = re.compile(r'name="pk" value="(\d+)"')
CASE_LINK = re.compile(r'href="(/cases/\d+/)"')
_accounts = itertools.cycle(ACCOUNTS)
_request_log = open(os.environ["ZHIFA_LOAD_LOG"], "a", buffering=1) if os.environ.get("ZHIFA_LOAD_LOG") else None


@events.request.add_listener
def log_request(request_type, name, response_time, exception, **kwargs):
    """One line per request in ``ZHIFA_LOAD_LOG`` (see the module docstring)."""
    if _request_log:
        _request_log.write(f"{time.time():.3f}\t{request_type}\t{name}\t{response_time:.1f}\t{int(exception is not None)}\n")


@events.spawning_complete.add_listener
def mark_steady(user_count, **kwargs):
    """Mark the end of the ramp: from here on every person has signed in."""
    if _request_log:
        _request_log.write(f"#steady\t{time.time():.3f}\n")


class StaffMember(HttpUser):
    """One member of staff at work (see the module docstring)."""

    wait_time = between(*THINK_TIME)

    def on_start(self):
        self.username = next(_accounts)
        self.lists = {}  # list name → the list's rows' detail keys seen so far, for the lists this account may open
        self.cases = False
        self.login()
        for name, path in LISTS.items():
            with self.client.get(path, name=f"list {name}: first page", catch_response=True) as response:
                if response.status_code == 403:  # not this account's list: it never opens it
                    response.success()
                    continue
                self.lists[name] = ROW_KEY.findall(response.text)
        with self.client.get(CASES_PATH, name="cases: probe", catch_response=True, allow_redirects=False) as response:
            self.cases = response.status_code == 200
            response.success()

    def login(self):
        """The login page, then the sign-in itself (timed without the page it redirects to)."""
        page = self.client.get("/org/login/", name="login page")
        token = CSRF_FIELD.search(page.text)
        data = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.client.post("/org/login/", data=data, name="login", catch_response=True, allow_redirects=False,
                              headers={"Referer": f"{self.host}/org/login/"}) as response:
            if response.status_code != 302 or "/org/login/" in response.headers.get("Location", ""):
                response.failure(f"登录失败：{self.username}，状态 {response.status_code}")

    def page(self, path: str, name: str, **kwargs) -> str:
        """GET ``path``; anything but a 200 that stays signed in counts as an error. Returns the HTML."""
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"状态 {response.status_code}")
            elif "/org/login/" in response.url:
                response.failure("会话已失效，被转到登录页")
            return response.text or ""

    @task(3)
    def workbench(self):
        self.page("/", "workbench")

    @task(8)
    def list_page(self):
        if not self.lists:
            return
        name = random.choice(list(self.lists))
        variant, params = random.choice(list(LIST_VARIANTS.items()))
        keys = ROW_KEY.findall(self.page(LISTS[name], f"list {name}: {variant}", params=params))
        if keys:
            self.lists[name] = keys

    @task(4)
    def detail_page(self):
        seen = [(name, keys) for name, keys in self.lists.items() if keys]
        if not seen:
            return
        name, keys = random.choice(seen)
        self.page(f"{LISTS[name]}{random.choice(keys)}/", f"detail {name}")

    @task(2)
    def laws_search(self):
        self.page("/basedata/laws/search/", "laws search", params={"q": random.choice(LAW_QUERIES)})

    @task(2)
    def evaluate_rule(self):
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/api/legal/evaluate", json=random.choice(RULES), name="rule evaluation",
                         headers={"X-CSRFToken": token, "Referer": f"{self.host}/legal/"})

    @task(2)
    def cases_list(self):
        """The case list (idle for accounts the probe found without access, see the module docstring)."""
        if not self.cases:
            return
        self.case_links = CASE_LINK.findall(self.page(CASES_PATH, "cases: list"))

    @task(2)
    def case_page(self):
        links = getattr(self, "case_links", None)
        if self.cases and links:
            self.page(random.choice(links), "cases: case page")

    @task(1)
    def sign_out_and_in(self):
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/org/logout/", data={"csrfmiddlewaretoken": token}, name="logout",
                         headers={"Referer": f"{self.host}/"})
        self.login()
