"""Audit viewer (A4 全程留痕): the trail with filters, one row with before/after, and an object's history.

Who may read the trail: holders of ``core.view_auditentry``. Its data scope applies to the unit of
the person who acted (the row's ``unit_id_copy``): a district administrator sees what people of the
district's units did; rows without a unit (system jobs, failed logins under unknown names) need the
``all`` scope. An object's history is shown to whoever may view the object itself.
"""

from __future__ import annotations

import json
import re
from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views import View

from zhifa.core.actor import Channel
from zhifa.core.audit_signals import is_audited
from zhifa.core.models import AuditAction, AuditEntry

PAGE_SIZE = 50
HISTORY_LIMIT = 50
CHANNEL_LABELS = dict(Channel.choices)
M2M_VERBS = {"added": "新增", "removed": "移除", "cleared": "清空", "created": "新增", "updated": "修改",
             "deleted": "删除"}
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
UNATTENDED_CHANNELS = {Channel.SYSTEM, Channel.TASK, Channel.CLI}


def model_for(object_type: str):
    """The model class named by an audit ``object_type`` such as ``org.unit``, or ``None``."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    model = model_for(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def object_type_choices() -> list[tuple[str, str]]:
    """Every audited model as ``("app.model", "名称（模块）")``, by name."""
    choices = [
        (f"{m._meta.app_label}.{m._meta.model_name}", f"{m._meta.verbose_name}（{apps.get_app_config(m._meta.app_label).verbose_name}）")
        for m in apps.get_models()
        if is_audited(m)
    ]
    return sorted(choices, key=lambda choice: choice[1])


def visible_entries(user):
    """The audit rows ``user`` may read under the data scopes of ``core.view_auditentry``."""
    from zhifa.org.choices import DataScope
    from zhifa.org.models import Unit
    from zhifa.org.scopes import scope_q, scopes_for

    scopes = scopes_for(user, AuditEntry, "view")
    if not scopes:
        return AuditEntry.objects.none()
    if DataScope.ALL in scopes:
        return AuditEntry.objects.all()
    units = Unit.objects.filter(scope_q(user, Unit, scopes, "view")).values("pk")
    return AuditEntry.objects.filter(unit_id_copy__in=units)


def display(value: Any) -> str:
    """A before/after value as people read it."""
    if value is None:
        return "—"
    if value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(display(v) for v in value) or "（无）"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and ISO_DATETIME.match(value):
        moment = parse_datetime(value)
        if moment is not None and timezone.is_aware(moment):
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def field_label(model, name: str) -> str:
    """The Chinese label of ``name``: its verbose name, or the related model's name for a reverse relation."""
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        if hasattr(field, "verbose_name"):
            return str(field.verbose_name)
        return str(field.related_model._meta.verbose_name_plural)
    return name


def change_rows(entry: AuditEntry) -> list[dict[str, str]]:
    """The row's ``changes`` as ``[{field, label, before, after}]`` (many-to-many edits in ``after``)."""
    model = model_for(entry.object_type)
    rows = []
    for name, change in sorted((entry.changes or {}).items()):
        row = {"field": name, "label": field_label(model, name), "before": "", "after": ""}
        if isinstance(change, dict) and ({"before", "after"} & change.keys()):
            row["before"], row["after"] = display(change.get("before")), display(change.get("after"))
        elif isinstance(change, dict):
            row["after"] = "；".join(f"{M2M_VERBS.get(verb, verb)}：{display(v)}" for verb, v in change.items())
        else:
            row["after"] = display(change)
        rows.append(row)
    return rows


def decorate(entries) -> list[AuditEntry]:
    """Attach the acting unit's name and readable labels to a page of rows (one query for units)."""
    from zhifa.org.models import Unit

    entries = list(entries)
    units = Unit.objects.in_bulk({e.unit_id_copy for e in entries if e.unit_id_copy})
    for entry in entries:
        unit = units.get(entry.unit_id_copy)
        entry.unit_name = unit.name if unit else ""
        entry.actor_label = entry.user_display or ("系统" if entry.channel in UNATTENDED_CHANNELS else "未登录访问者")
        entry.type_label = type_label(entry.object_type) if entry.object_type else ""
        entry.channel_label = CHANNEL_LABELS.get(entry.channel, entry.channel)
    return entries


class AuditEntryFilterSet(django_filters.FilterSet):
    """Filters of the audit list: time range, user, action, object type and id, request id, channel."""

    since = django_filters.DateTimeFilter(
        field_name="timestamp", lookup_expr="gte", label="起始时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    until = django_filters.DateTimeFilter(
        field_name="timestamp", lookup_expr="lte", label="截止时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    user = django_filters.CharFilter(method="filter_user", label="操作人", help_text="用户名或姓名")
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label="操作", empty_label="全部")
    object_type = django_filters.ChoiceFilter(choices=object_type_choices, label="对象类型", empty_label="全部")
    object_id = django_filters.CharFilter(label="对象ID")
    request_id = django_filters.CharFilter(label="请求号")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label="渠道", empty_label="全部")

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.error_messages["invalid"] = f"{field.label}格式不正确"
            field.error_messages["invalid_choice"] = f"{field.label}不在可选范围内"

    def filter_user(self, queryset, name, value):
        return queryset.filter(Q(username=value) | Q(user_display__icontains=value))


class AuditListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The audit trail, newest first, filtered and paginated on the server (htmx refreshes the table)."""

    permission_required = "core.view_auditentry"
    template_name = "core/audit/list.html"

    def get(self, request):
        filterset = AuditEntryFilterSet(request.GET or None, queryset=visible_entries(request.user).order_by("-seq"))
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"filter": filterset, "page": page, "entries": decorate(page.object_list)}
        template = f"{self.template_name}#results" if request.htmx else self.template_name
        return render(request, template, context)


class AuditDetailView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """One audit row: who, when, from where, and its before/after values as a table."""

    permission_required = "core.view_auditentry"
    template_name = "core/audit/detail.html"

    def get(self, request, pk):
        entry = get_object_or_404(visible_entries(request.user), pk=pk)
        decorate([entry])
        return render(request, self.template_name, {"entry": entry, "changes": change_rows(entry)})


@login_required
def object_history(request, object_type: str, pk: str):
    """HTML partial: the audit rows of one object, for anyone who may view that object (404 otherwise)."""
    from zhifa.org.scopes import can

    model = model_for(object_type)
    if model is None or not hasattr(model._default_manager.all(), "restrict"):
        raise Http404("对象类型不存在")
    try:
        obj = model._default_manager.filter(pk=model._meta.pk.to_python(pk)).first()
    except ValidationError:
        obj = None
    if obj is None or not can(request.user, "view", obj):
        raise Http404("对象不存在或无权查看")
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    rows = list(AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk)).order_by("-seq")[: HISTORY_LIMIT + 1])
    entries = decorate(rows[:HISTORY_LIMIT])
    for entry in entries:
        entry.change_rows = change_rows(entry)
    context = {
        "object": obj,
        "object_type": label,
        "entries": entries,
        "more": len(rows) > HISTORY_LIMIT,
        "can_view_trail": request.user.has_perm("core.view_auditentry"),
    }
    return render(request, "core/audit/object_history.html", context)
