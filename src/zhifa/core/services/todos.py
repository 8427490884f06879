"""Todos (A5): every module writes the work waiting for a user here; the workbench reads it.

Writers: ``todo_create`` (``todo_create_many``) when work appears, ``todo_complete_for``
(``todo_complete_for_many``) when the object it is about has been dealt with. Readers: ``todos_for``, ``approvals_for``, ``expiring_for`` (the user's own open
todos, which are theirs by definition) and ``todo_counts_by_unit`` (statistics for leaders, through
the permission gate).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

from ..audit_signals import stamp_creator
from ..models import Todo, TodoKind

ASSIGNEE_WITHOUT_UNIT = "处理人“{user}”没有所属单位，无法为其创建待办"
TITLE_REQUIRED = "待办事项的标题不能为空"
TITLE_TOO_LONG = "待办事项的标题不能超过 200 个字"
KIND_UNKNOWN = "待办类型“{kind}”无效，可选：{choices}"
URL_NOT_LOCAL = "待办链接必须是站内地址（以 / 开头）：{url}"
SOURCE_UNSAVED = "待办关联的对象尚未保存，无法关联"


def _as_deadline(due_at: dt.datetime | dt.date | None) -> dt.datetime | None:
    """A date means the end of that day in local time; a naive datetime is read as local time."""
    if due_at is None:
        return None
    if not isinstance(due_at, dt.datetime):
        return timezone.make_aware(dt.datetime.combine(due_at, dt.time(23, 59, 59)))
    if timezone.is_naive(due_at):
        return timezone.make_aware(due_at)
    return due_at


def _source_key(source: models.Model) -> tuple[ContentType, str]:
    if source.pk is None:
        raise ValidationError({"source": SOURCE_UNSAVED})
    return ContentType.objects.get_for_model(source), str(source.pk)


def _new_todo(assignee, title: str, url: str, kind: str, due_at=None, source: models.Model | None = None) -> Todo:
    """A checked, unsaved todo (``todo_create`` explains the arguments)."""
    errors = {}
    title = (title or "").strip()
    if assignee.unit_id is None:
        errors["assignee"] = ASSIGNEE_WITHOUT_UNIT.format(user=assignee)
    if not title:
        errors["title"] = TITLE_REQUIRED
    elif len(title) > Todo._meta.get_field("title").max_length:
        errors["title"] = TITLE_TOO_LONG
    if kind not in TodoKind.values:
        errors["kind"] = KIND_UNKNOWN.format(kind=kind, choices="、".join(TodoKind.values))
    if url and not url.startswith("/"):
        errors["url"] = URL_NOT_LOCAL.format(url=url)
    if errors:
        raise ValidationError(errors)
    todo = Todo(assignee=assignee, unit_id=assignee.unit_id, kind=kind, title=title, url=url, due_at=_as_deadline(due_at))
    if source is not None:
        todo.source_type, todo.source_id = _source_key(source)
    return todo


def todo_create(
    *,
    assignee,
    title: str,
    url: str,
    kind: str,
    due_at: dt.datetime | dt.date | None = None,
    source: models.Model | None = None,
) -> Todo:
    """Put a piece of work on ``assignee``'s workbench.

    ``source`` is the object the work is about; ``todo_complete_for(source)`` closes it later.
    ``due_at`` may be a date (the end of that day) or an aware datetime.
    """
    todo = _new_todo(assignee, title, url, kind, due_at, source)
    todo.save()
    return todo


def todo_create_many(entries: list[dict]) -> list[Todo]:
    """``todo_create`` for several todos at once (each ``entries`` item holds its keyword arguments), in one
    ``INSERT``: the work of a step offered to every holder of a role. All are checked before any is written."""
    todos = [_new_todo(**entry) for entry in entries]
    for todo in todos:
        stamp_creator(todo)
    return Todo.objects.bulk_create(todos)


def todo_complete_for(source: models.Model, *, assignee=None) -> int:
    """Close the open todos about ``source`` (only ``assignee``'s when given) in one statement; returns how many."""
    source_type, source_id = _source_key(source)
    todos = Todo.objects.filter(source_type=source_type, source_id=source_id, done_at__isnull=True)
    if assignee is not None:
        todos = todos.filter(assignee=assignee)
    now = timezone.now()
    return todos.update(done_at=now, updated_at=now)


def todo_complete_for_many(sources: list[models.Model]) -> int:
    """``todo_complete_for`` for several sources of one model in one statement; returns how many todos closed."""
    if not sources:
        return 0
    source_type = ContentType.objects.get_for_model(sources[0])
    now = timezone.now()
    todos = Todo.objects.filter(source_type=source_type, source_id__in=[str(_source_key(s)[1]) for s in sources],
                                done_at__isnull=True)
    return todos.update(done_at=now, updated_at=now)


def _open_todos(user):
    return Todo.objects.filter(assignee=user, done_at__isnull=True).order_by(
        F("due_at").asc(nulls_last=True), "-created_at"
    )


def todos_for(user):
    """The user's open todos other than approvals, the most urgent first."""
    return _open_todos(user).exclude(kind=TodoKind.APPROVAL)


def approvals_for(user):
    """The approvals waiting for the user, the most urgent first."""
    return _open_todos(user).filter(kind=TodoKind.APPROVAL)


def expiring_for(user, days: int = 3, *, on_date: dt.date | None = None):
    """The user's open todos due by the end of the ``days``-th day from today (or ``on_date``),
    overdue ones included, the earliest first."""
    horizon = (on_date or timezone.localdate()) + dt.timedelta(days=days + 1)
    limit = timezone.make_aware(dt.datetime.combine(horizon, dt.time.min))
    return _open_todos(user).filter(due_at__lt=limit)


def todo_counts_by_unit(user) -> list[dict]:
    """Open and overdue todos per unit, over the todos ``user`` may view (the leader's statistics)."""
    now = timezone.now()
    rows = (
        Todo.objects.restrict(user, "view")
        .filter(done_at__isnull=True)
        .values("unit_id", "unit__name", "unit__path")
        .annotate(open_count=Count("id"), overdue_count=Count("id", filter=Q(due_at__lt=now)))
        .order_by("unit__path")
    )
    return [
        {"unit_id": r["unit_id"], "unit_name": r["unit__name"], "open": r["open_count"], "overdue": r["overdue_count"]}
        for r in rows
    ]
