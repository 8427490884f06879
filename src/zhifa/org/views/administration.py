"""Administration screens of the organisation context, built on the generic object views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from zhifa.core.audit import diff
from zhifa.core.views.generic import (
    BulkDeleteView,
    BulkEditView,
    GenericView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectImportView,
    ObjectListView,
    register_model_view,
)

from .. import filtersets, tables
from ..forms import administration as forms
from ..models import Region, Role, ScopeGrant, Unit, UnitVersion, User
from ..services import users as user_services

MSG_DEACTIVATED = "已停用用户“{user}”，其所有会话已结束，接口令牌已撤销"
MSG_ACTIVATED = "已启用用户“{user}”"
VERSION_SKIPPED_FIELDS = {"id", "version", "path", "created_at", "updated_at", "created_by"}

# --- regions (read-only reference data) -------------------------------------------------------


@register_model_view(Region, "list")
class RegionListView(ObjectListView):
    queryset = Region.objects.select_related("parent")
    filterset = filtersets.RegionFilterSet
    table = tables.RegionTable


@register_model_view(Region, "detail")
class RegionDetailView(ObjectDetailView):
    queryset = Region.objects.select_related("parent")
    fields = ("code", "name", "level", "parent")


@register_model_view(Region, "export")
class RegionExportView(ObjectExportView):
    list_view = RegionListView


# --- units ------------------------------------------------------------------------------------


@register_model_view(Unit, "list")
class UnitListView(ObjectListView):
    queryset = Unit.objects.select_related("region", "parent")
    filterset = filtersets.UnitFilterSet
    table = tables.UnitTable


def version_changes(before: dict | None, after: dict, names: dict[str, dict]) -> list[dict]:
    """Readable differences between two unit versions: label, old and new display value."""
    rows = []
    for key, change in diff(before, after).items():
        if key in VERSION_SKIPPED_FIELDS:
            continue
        field = Unit._meta.get_field(key)
        before = _version_value(field, change["before"], names)
        after = _version_value(field, change["after"], names)
        if before != after:
            rows.append({"label": str(field.verbose_name), "before": before, "after": after})
    return rows


def _version_value(field, value, names: dict[str, dict]) -> str:
    if value in (None, ""):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.is_relation:
        return names.get(field.name, {}).get(value, f"#{value}")
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


@register_model_view(Unit, "detail")
class UnitDetailView(ObjectDetailView):
    """A unit, its subordinate count and its versions, each with what changed against the one before."""

    queryset = Unit.objects.select_related("region", "parent", "created_by")
    template_name = "org/unit_detail.html"

    def get_extra_context(self, obj) -> dict:
        versions = list(UnitVersion.objects.filter(unit=obj).select_related("changed_by").order_by("version"))
        referenced = {"parent": set(), "region": set()}
        for version in versions:
            for key in referenced:
                if version.data.get(key):
                    referenced[key].add(version.data[key])
        names = {
            "parent": dict(Unit._base_manager.filter(pk__in=referenced["parent"]).values_list("pk", "name")),
            "region": dict(Region._base_manager.filter(pk__in=referenced["region"]).values_list("pk", "name")),
        }
        history, previous = [], None
        for version in versions:
            history.append({"version": version, "changes": version_changes(previous, version.data, names)})
            previous = version.data
        history.reverse()
        children = Unit.objects.filter(parent=obj).restrict(self.request.user, "view").order_by("path")
        return {"versions": history, "children": children}


@register_model_view(Unit, "add")
@register_model_view(Unit, "edit")
class UnitEditView(ObjectEditView):
    queryset = Unit.objects.select_related("region", "parent")
    form = forms.UnitForm


@register_model_view(Unit, "bulk_edit")
class UnitBulkEditView(BulkEditView):
    queryset = Unit.objects.all()
    form = forms.UnitBulkEditForm


@register_model_view(Unit, "export")
class UnitExportView(ObjectExportView):
    list_view = UnitListView


@register_model_view(Unit, "import")
class UnitImportView(ObjectImportView):
    queryset = Unit.objects.all()
    form = forms.UnitImportForm


# --- users ------------------------------------------------------------------------------------


@register_model_view(User, "list")
class UserListView(ObjectListView):
    queryset = User.objects.select_related("unit", "department").prefetch_related("roles")
    filterset = filtersets.UserFilterSet
    table = tables.UserTable


@register_model_view(User, "detail")
class UserDetailView(ObjectDetailView):
    queryset = User.objects.select_related("unit", "department")
    template_name = "org/user_detail.html"
    fields = ("username", "display_name", "unit", "department", "title", "phone", "email", "id_number", "roles",
              "is_active", "last_login", "date_joined")


@register_model_view(User, "add")
@register_model_view(User, "edit")
class UserEditView(ObjectEditView):
    queryset = User.objects.select_related("unit")
    form = forms.UserForm


@register_model_view(User, "bulk_edit")
class UserBulkEditView(BulkEditView):
    queryset = User.objects.all()
    form = forms.UserBulkEditForm


@register_model_view(User, "export")
class UserExportView(ObjectExportView):
    list_view = UserListView


@register_model_view(User, "import")
class UserImportView(ObjectImportView):
    queryset = User.objects.all()
    form = forms.UserImportForm


class UserActivationView(GenericView):
    """Confirm, then switch an account off (ending all its sessions) or back on."""

    queryset = User.objects.all()
    permission_action = "change"
    activate = False
    template_name = "org/user_activation.html"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        context = {**self.base_context(obj), "object": obj, "activate": self.activate}
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        service = user_services.user_activate if self.activate else user_services.user_deactivate
        try:
            service(user=obj, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, (MSG_ACTIVATED if self.activate else MSG_DEACTIVATED).format(user=obj))
        return redirect(obj.get_absolute_url())


@register_model_view(User, "deactivate")
class UserDeactivateView(UserActivationView):
    activate = False


@register_model_view(User, "activate")
class UserActivateView(UserActivationView):
    activate = True


# --- roles ------------------------------------------------------------------------------------


@register_model_view(Role, "list")
class RoleListView(ObjectListView):
    queryset = Role.objects.annotate(user_count=Count("users"))
    filterset = filtersets.RoleFilterSet
    table = tables.RoleTable


@register_model_view(Role, "detail")
class RoleDetailView(ObjectDetailView):
    queryset = Role.objects.all()
    template_name = "org/role_detail.html"
    fields = ("name", "description", "data_scope", "requires_2fa", "is_builtin")

    def get_extra_context(self, obj) -> dict:
        form = forms.RoleForm(instance=obj, user=self.request.user)
        groups = [
            {**group, "models": [m for m in group["models"] if any(p["checked"] for p in m["permissions"])]}
            for group in form.permission_groups()
        ]
        return {"permission_groups": [g for g in groups if g["models"]]}


@register_model_view(Role, "add")
@register_model_view(Role, "edit")
class RoleEditView(ObjectEditView):
    queryset = Role.objects.all()
    form = forms.RoleForm
    template_name = "org/role_edit.html"


@register_model_view(Role, "delete")
class RoleDeleteView(ObjectDeleteView):
    queryset = Role.objects.all()


@register_model_view(Role, "bulk_delete")
class RoleBulkDeleteView(BulkDeleteView):
    queryset = Role.objects.all()


@register_model_view(Role, "export")
class RoleExportView(ObjectExportView):
    list_view = RoleListView


# --- scope grants -----------------------------------------------------------------------------


@register_model_view(ScopeGrant, "list")
class ScopeGrantListView(ObjectListView):
    queryset = ScopeGrant.objects.select_related("grantee", "unit", "region")
    filterset = filtersets.ScopeGrantFilterSet
    table = tables.ScopeGrantTable


@register_model_view(ScopeGrant, "detail")
class ScopeGrantDetailView(ObjectDetailView):
    queryset = ScopeGrant.objects.select_related("grantee", "unit", "region")


@register_model_view(ScopeGrant, "add")
@register_model_view(ScopeGrant, "edit")
class ScopeGrantEditView(ObjectEditView):
    queryset = ScopeGrant.objects.all()
    form = forms.ScopeGrantForm


@register_model_view(ScopeGrant, "delete")
class ScopeGrantDeleteView(ObjectDeleteView):
    queryset = ScopeGrant.objects.all()


@register_model_view(ScopeGrant, "bulk_delete")
class ScopeGrantBulkDeleteView(BulkDeleteView):
    queryset = ScopeGrant.objects.all()


@register_model_view(ScopeGrant, "export")
class ScopeGrantExportView(ObjectExportView):
    list_view = ScopeGrantListView
