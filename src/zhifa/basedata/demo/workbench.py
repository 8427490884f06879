"""The demo accounts' workbench items: todos whose links open pages that exist, and a standard under review.

Run last by ``zhifa demo-workbench``, after the demo city, officers, objects, powers and elements:
every todo points at an object or a page the account may open, and an item whose target does not
exist (a smaller demo, a missing loader) is left out rather than written with a dead link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import timezone

from zhifa.core.actor import Channel, actor_context
from zhifa.core.models import Todo, TodoKind
from zhifa.core.services.notices import notices_for
from zhifa.core.services.todos import todo_create
from zhifa.core.gate import can_model

from ..models.discretion import DiscretionStandard, StandardStatus
from ..models.elements import Checklist
from ..models.objects import InspectedObject
from ..models.officers import Officer
from ..models.powers import Power
from ..models.records import RecordBatch
from ..services import discretion
from ..services.officers import remind_expiring_certificates

#: Who drafts and submits the demo's standard under review (a new version of a published one).
STANDARD_AUTHOR = "unitadmin_yantian"


@dataclass(frozen=True)
class Target:
    """Where a todo leads: ``url`` and a ``name`` for the title."""

    url: str
    name: str = ""


def _first(model: type[models.Model], user, **filters) -> Target | None:
    obj = model.objects.filter(**filters).restrict(user, "view").order_by("pk").first()
    return Target(obj.get_absolute_url(), str(obj)) if obj is not None else None


def _page(url_name: str, model: type[models.Model], query: str = "") -> Callable[[object], Target | None]:
    """A list page the user may open (holds the view permission of ``model``)."""
    def resolve(user) -> Target | None:
        return Target(reverse(url_name) + query) if can_model(user, "view", model) else None
    return resolve


def _notice(user) -> Target | None:
    notice = notices_for(user).order_by("-pinned", "-published_at").first()
    return Target(reverse("core:notice_detail", args=[notice.pk]), notice.title) if notice else None


def _standard(status: str) -> Callable[[object], Target | None]:
    return lambda user: _first(DiscretionStandard, user, status=status)


TARGETS: dict[str, Callable[[object], Target | None]] = {
    "object": lambda user: _first(InspectedObject, user, unit=user.unit),
    "published_standard": _standard(StandardStatus.PUBLISHED),
    "submitted_standard": _standard(StandardStatus.SUBMITTED),
    "power": lambda user: _first(Power, user, unit=user.unit),
    "notice": _notice,
    "expiring_officers": _page("basedata:officer_list", Officer, "?validity=expiring"),
    "checklists": _page("basedata:checklist_list", Checklist),
    "powers": _page("basedata:power_list", Power),
    "record_monitor": _page("basedata:recordbatch_monitor", RecordBatch),
    "standards_to_review": _page("basedata:discretionstandard_list", DiscretionStandard, "?status=submitted"),
}


@dataclass(frozen=True)
class DemoTodo:
    """A todo for a demo account: ``title`` may use ``{name}`` of the target; due ``due_in_days`` from today."""

    username: str
    kind: str
    title: str
    target: str
    due_in_days: int | None = None


DEMO_TODOS: tuple[DemoTodo, ...] = (
    DemoTodo("officer_yantian", TodoKind.TASK, "核实检查对象登记信息：{name}", "object", 2),
    DemoTodo("officer_yantian", TodoKind.TASK, "学习本局自由裁量基准：{name}", "published_standard", 5),
    DemoTodo("officer_yantian", TodoKind.DEADLINE, "阅读通知公告：{name}", "notice", 1),
    DemoTodo("officer_yantian", TodoKind.TASK, "熟悉职权及其依据：{name}", "power"),
    DemoTodo("officer_futian", TodoKind.TASK, "核实检查对象登记信息：{name}", "object", 1),
    DemoTodo("squad_yantian", TodoKind.TASK, "核对本局执法证即将到期的人员", "expiring_officers", 3),
    DemoTodo("squad_yantian", TodoKind.TASK, "核实检查对象登记信息：{name}", "object", 4),
    DemoTodo("reviewer_yantian", TodoKind.TASK, "审阅本局修订中的裁量基准：{name}", "submitted_standard", 5),
    DemoTodo("unitadmin_yantian", TodoKind.TASK, "完善本单位检查单", "checklists", 7),
    DemoTodo("clue_yantian", TodoKind.TASK, "核实检查对象登记信息：{name}", "object", 2),
    DemoTodo("leader_yantian", TodoKind.TASK, "了解本局裁量基准修订情况：{name}", "submitted_standard", 3),
    DemoTodo("team_shatoujiao", TodoKind.TASK, "认领盐田区城管局发布的裁量基准：{name}", "published_standard", 3),
    DemoTodo("supervisor_yantian", TodoKind.TASK, "核查辖区执法证即将到期的人员", "expiring_officers", 5),
    DemoTodo("supervisor_city", TodoKind.TASK, "督办：各区执法全记录接入情况", "record_monitor", 5),
    DemoTodo("supervisor_city", TodoKind.DEADLINE, "阅读通知公告：{name}", "notice", 2),
    DemoTodo("justice_admin", TodoKind.TASK, "维护权责清单", "powers", 7),
    DemoTodo("justice_admin", TodoKind.TASK, "查看待审核的自由裁量基准", "standards_to_review", 7),
    DemoTodo("leader_city", TodoKind.TASK, "审阅本局权责清单", "powers", 3),
    DemoTodo("sysadmin", TodoKind.TASK, "阅读通知公告：{name}", "notice", 1),
)


def submit_demo_standard(author) -> DiscretionStandard | None:
    """A new version of one of the author unit's published standards, submitted for review through the services
    as ``author`` (so that the reviewers get their approval todo, and the history names the author, as in use)."""
    published = (DiscretionStandard.objects.filter(unit=author.unit, status=StandardStatus.PUBLISHED)
                 .order_by("pk").first())
    if published is None:
        return None
    with actor_context(channel=Channel.CLI, user=author):
        draft = discretion.standard_new_version(standard=published, user=author)
        return discretion.standard_submit(standard=draft, user=author)


def write_demo_workbench(*, today: dt.date | None = None) -> dict[str, int]:
    """Certificate reminders, a standard under review and the demo todos; returns what was written."""
    today = today or timezone.localdate()
    users = {user.username: user for user in get_user_model().objects.select_related("unit")
             .filter(username__in={item.username for item in DEMO_TODOS} | {STANDARD_AUTHOR})}
    reminded = remind_expiring_certificates(on_date=today)
    submitted = 0
    if STANDARD_AUTHOR in users and submit_demo_standard(users[STANDARD_AUTHOR]) is not None:
        submitted = 1
    written = 0
    for item in DEMO_TODOS:
        user = users.get(item.username)
        target = TARGETS[item.target](user) if user is not None and user.unit_id else None
        if target is None:
            continue
        due = today + dt.timedelta(days=item.due_in_days) if item.due_in_days is not None else None
        todo_create(assignee=user, title=item.title.format(name=target.name), url=target.url, kind=item.kind,
                    due_at=due)
        written += 1
    return {"reminded": reminded, "submitted": submitted, "todos": written,
            "open_todos": Todo.objects.filter(done_at__isnull=True).count()}
