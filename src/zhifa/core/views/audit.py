"""Audit viewer (A4 全程留痕): the trail with filters, one row with before/after, and an object's history.

Who may read the trail: holders of ``core.view_auditentry``. Its data scope applies to the unit of
the person who acted (the row's ``unit_id_copy``): a district administrator sees what people of the
district's units did; rows without a unit (system jobs, failed logins under unknown names) need the
``all`` scope. An object's history is shown to whoever may view the object itself, except its sign-in
rows (login, failed login, lockout, logout), which only the account itself, its administrators and
auditors read.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from zhifa.core.actor import Channel
from zhifa.core.filtersets import AuditEntryFilterSet
from zhifa.core.audit_display import ChangeReader, model_for
from zhifa.core.gate import can, restrict_by_permission, scopes_for, unit_model
from zhifa.core.models import AuditAction, AuditEntry
from zhifa.core.scoping import DataScope

PAGE_SIZE = 50
HISTORY_LIMIT = 50
CHANNEL_LABELS = dict(Channel.choices)
UNATTENDED_CHANNELS = {Channel.SYSTEM, Channel.TASK, Channel.CLI}
SIGN_IN_ACTIONS = (AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT)
"""Login, failed login (and lockout) and logout rows: private to the account, its administrators and auditors."""


def type_label(object_type: str) -> str:
    model = model_for(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def visible_entries(user):
    """The audit rows ``user`` may read under the data scopes of ``core.view_auditentry``."""
    scopes = scopes_for(user, AuditEntry, "view")
    if not scopes:
        return AuditEntry.objects.none()
    if DataScope.ALL in scopes:
        return AuditEntry.objects.all()
    units = restrict_by_permission(unit_model().objects.all(), user, scopes).values("pk")
    return AuditEntry.objects.filter(unit_id_copy__in=units)


def decorate(entries) -> list[AuditEntry]:
    """Attach the acting unit's name and readable labels to a page of rows (one query for units)."""
    entries = list(entries)
    units = unit_model().objects.in_bulk({e.unit_id_copy for e in entries if e.unit_id_copy})
    for entry in entries:
        unit = units.get(entry.unit_id_copy)
        entry.unit_name = unit.name if unit else ""
        entry.actor_label = entry.user_display or ("系统" if entry.channel in UNATTENDED_CHANNELS else "未登录访问者")
        entry.type_label = type_label(entry.object_type) if entry.object_type else ""
        entry.channel_label = CHANNEL_LABELS.get(entry.channel, entry.channel)
    return entries


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
        changes = ChangeReader(request.user, [entry]).rows(entry)
        return render(request, self.template_name, {"entry": entry, "changes": changes})


def sees_sign_ins(user, obj) -> bool:
    """Whether ``user`` reads the sign-in rows of ``obj``: it is their own account, they administer it
    (may change it), or they are an auditor whose ``core.view_auditentry`` scope reaches it."""
    if getattr(user, "_meta", None) is obj._meta and obj.pk == user.pk:
        return True
    if can(user, "change", obj):
        return True
    audit_scopes = scopes_for(user, AuditEntry, "view")
    return restrict_by_permission(type(obj)._default_manager.filter(pk=obj.pk), user, audit_scopes).exists()


@login_required
def object_history(request, object_type: str, pk: str):
    """HTML partial: the audit rows of one object, for anyone who may view that object (404 otherwise)."""
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
    history = AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk))
    if not sees_sign_ins(request.user, obj):
        history = history.exclude(action__in=SIGN_IN_ACTIONS)
    rows = list(history.order_by("-seq")[: HISTORY_LIMIT + 1])
    entries = decorate(rows[:HISTORY_LIMIT])
    reader = ChangeReader(request.user, entries, objects={(label, str(obj.pk)): obj})
    for entry in entries:
        entry.change_rows = reader.rows(entry)
    context = {
        "object": obj,
        "object_type": label,
        "entries": entries,
        "more": len(rows) > HISTORY_LIMIT,
        "can_view_trail": request.user.has_perm("core.view_auditentry"),
    }
    return render(request, "core/audit/object_history.html", context)
