"""The daily deadline digest (期限提醒): one email per user listing their todos due within 3 days.

Once per day per user even with several workers running the job: a ``DigestRun(user, date)`` row
with a unique constraint is written in the same transaction as the notification (and its email
delivery, sent from the outbox), so a second run (on another worker, the same job fired twice, or
the job run again after its worker died half-way) skips the users already served and resumes with
the others.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import DigestRun, Todo
from ..services.todos import expiring_for
from .dispatch import notify

DIGEST_DAYS = 3
DIGEST_TITLE = "期限提醒：您有 {count} 项事项将在 {days} 日内到期"


def _due_label(todo: Todo, today: dt.date) -> str:
    days = (timezone.localdate(todo.due_at) - today).days
    if days < 0:
        return f"已逾期 {-days} 天"
    return "今日到期" if days == 0 else f"剩 {days} 天"


def digest_body(user, todos: list[Todo], today: dt.date) -> str:
    """The plain-text digest for ``user``: one numbered line per todo, the most urgent first."""
    lines = [f"{user.display_name or user.username}，您好：", "", f"以下事项将在 {DIGEST_DAYS} 日内到期（含已逾期），请及时办理："]
    for number, todo in enumerate(todos, start=1):
        due = timezone.localtime(todo.due_at).strftime("%Y年%m月%d日 %H:%M")
        lines.append(f"{number}. 〔{_due_label(todo, today)}〕{todo.title}（期限 {due}）")
    lines += ["", "请登录执法通工作台查看详情。"]
    return "\n".join(lines)


def send_deadline_digests(*, on_date: dt.date | None = None) -> int:
    """Email every active user with an email address their todos due within 3 days; returns how many."""
    today = on_date or timezone.localdate()
    horizon = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=DIGEST_DAYS + 1), dt.time.min))
    user_ids = (
        Todo.objects.filter(done_at__isnull=True, due_at__lt=horizon, assignee__is_active=True)
        .exclude(assignee__email="")
        .exclude(assignee__in=DigestRun.objects.filter(date=today).values("user"))
        .values_list("assignee_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        if _send_digest(user, today):
            sent += 1
    return sent


def _send_digest(user, today: dt.date) -> bool:
    todos = list(expiring_for(user, DIGEST_DAYS, on_date=today))
    if not todos:
        return False
    try:
        with transaction.atomic():
            DigestRun.objects.create(user=user, date=today, todo_count=len(todos))
            notify(
                recipients=[user],
                title=DIGEST_TITLE.format(count=len(todos), days=DIGEST_DAYS),
                body=digest_body(user, todos, today),
                url="/",
                channels=("email",),
            )
    except IntegrityError:  # today's digest was already sent to this user by another run
        return False
    return True
