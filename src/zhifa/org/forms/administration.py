"""Forms of the organisation screens: edit, bulk edit and import of units, users, roles and grants.

Also the adapters that send every generic write of a unit, a user or a scope grant through the
services of ``zhifa.org.services`` (``units``, ``users``, ``roles``, ``grants``), which hold the
rules; the forms only translate.
"""

from __future__ import annotations

import re

from django import forms
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc

from zhifa.core.forms import (
    BulkEditForm,
    CodeListField,
    LookupChoiceField,
    UnchangedBooleanField,
    ZhifaImportForm,
    ZhifaModelForm,
)
from zhifa.core.views.generic import ModelService, register_model_service

from ..authority import ACTION_LABELS, SCOPE_RANK, check_grantable_permissions
from ..choices import Sector, UnitKind, UnitLevel
from ..models import Region, Role, ScopeGrant, Unit, User
from ..services.grants import scope_grant_save
from ..services.roles import role_delete_refusal
from ..services.units import unit_create, unit_update
from ..services.users import user_create, user_update

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")

MSG_REASON_REQUIRED = "请填写变更原因"
MSG_BAD_CREDIT_CODE = "统一社会信用代码无效，请核对（18位，含校验位）"
MSG_BAD_ID_NUMBER = "身份证号无效，请核对（18位，含出生日期和校验位）"
MSG_BAD_MOBILE = "手机号应为以1开头的11位数字"
MSG_PASSWORD_MISMATCH = "两次输入的密码不一致"
MSG_PASSWORD_REQUIRED = "新建用户必须设置初始密码"
MSG_GRANT_TARGET = "请选择授权单位或授权区划"


def validate_credit_code(value: str) -> None:
    if value and not uscc.is_valid(value):
        raise ValidationError(MSG_BAD_CREDIT_CODE)


def validate_id_number(value: str) -> None:
    if value and not ric.is_valid(value):
        raise ValidationError(MSG_BAD_ID_NUMBER)


def validate_mobile(value: str) -> None:
    if value and not MOBILE_PATTERN.match(value):
        raise ValidationError(MSG_BAD_MOBILE)


# --- units ------------------------------------------------------------------------------------


@register_model_service(Unit)
class UnitWrites(ModelService):
    """Every generic write of a unit becomes a version through ``unit_create`` / ``unit_update``."""

    def extra_fields(self, *, creating: bool) -> dict[str, forms.Field]:
        return {
            "change_reason": forms.CharField(
                label="变更原因", max_length=300, required=not creating, help_text="记入单位版本，例如“机构改革更名”"
            ),
            "effective_on": forms.DateField(
                label="生效日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
            ),
        }

    def create(self, instance, *, data: dict, user):
        return unit_create(
            unit=instance, reason=data.get("change_reason") or "新建", effective_on=data.get("effective_on"),
            changed_by=user,
        )

    def update(self, instance, *, data: dict, user):
        if not data.get("change_reason"):
            raise ValidationError({"change_reason": MSG_REASON_REQUIRED})
        return unit_update(
            unit=instance, reason=data["change_reason"], effective_on=data.get("effective_on"), changed_by=user
        )


class UnitForm(ZhifaModelForm):
    """Create or change a unit (a new version is recorded with the reason)."""

    class Meta:
        model = Unit
        fields = ("name", "short_name", "kind", "level", "sector", "parent", "region", "credit_code",
                  "number_prefix", "address", "phone", "is_active")

    def clean_credit_code(self):
        value = self.cleaned_data["credit_code"].strip().upper()
        validate_credit_code(value)
        return value


class UnitBulkEditForm(BulkEditForm):
    """Set kind, level, sector, region or active flag of several units (one version each)."""

    model = Unit
    kind = forms.ChoiceField(label="类型", choices=UnitKind.choices)
    level = forms.ChoiceField(label="层级", choices=UnitLevel.choices)
    sector = forms.ChoiceField(label="领域", choices=Sector.choices)
    region = forms.ModelChoiceField(label="所在区划", queryset=Region.objects.all())
    is_active = UnchangedBooleanField(label="启用")


class UnitImportForm(ZhifaImportForm):
    """One row of a unit import: the parent by name or ID, the region by its GB/T 2260 code."""

    parent = LookupChoiceField(
        Unit.objects.all(), label="上级单位", required=False, help_text="填写上级单位名称或ID；顶级单位留空"
    )
    region = LookupChoiceField(
        Region.objects.all(), lookup_field="code", by_pk=False, label="所在区划", help_text="填写区划代码，例如 440308"
    )

    class Meta:
        model = Unit
        fields = ("name", "short_name", "kind", "level", "sector", "parent", "region", "credit_code",
                  "number_prefix", "address", "phone")
        help_texts = {"kind": "执法机关、执法主体、受委托组织、科室/中队或监督机关", "level": "市级、区级或街道级"}

    def clean_credit_code(self):
        value = self.cleaned_data["credit_code"].strip().upper()
        validate_credit_code(value)
        return value


# --- users ------------------------------------------------------------------------------------


class UserRulesMixin:
    """Format checks shared by the user edit and import forms (the rules live in ``services.users``)."""

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        validate_mobile(value)
        return value

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip().upper()
        validate_id_number(value)
        return value


@register_model_service(User)
class UserWrites(ModelService):
    """Every generic write of an account (edit, bulk edit, import, API) goes through ``services.users``.

    ``password1`` is the new password of the edit form (empty: unchanged); ``roles`` is absent
    from bulk edits, which leave the roles alone.
    """

    def create(self, instance, *, data: dict, user):
        return user_create(user=instance, actor=user, roles=data.get("roles") or [], password=data.get("password1") or "")

    def update(self, instance, *, data: dict, user):
        return user_update(user=instance, actor=user, roles=data.get("roles"), password=data.get("password1") or "")


class UserForm(UserRulesMixin, ZhifaModelForm):
    """Create or edit an account, its unit and its roles; a password is set on creation."""

    password1 = forms.CharField(
        label="密码", required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="新建时必填；编辑时留空则不修改，填写则重置密码（该用户的会话全部结束、接口令牌全部撤销）。至少10位，含大小写字母、数字和符号中的三类",
    )
    password2 = forms.CharField(
        label="确认密码", required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    class Meta:
        model = User
        fields = ("username", "display_name", "unit", "department", "title", "phone", "email", "id_number",
                  "roles", "is_active")
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = True
        self.fields["display_name"].required = True

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if self.instance.pk is None and not password1:
            self.add_error("password1", MSG_PASSWORD_REQUIRED)
        elif password1 or password2:
            if password1 != password2:
                self.add_error("password2", MSG_PASSWORD_MISMATCH)
            else:
                try:
                    validate_password(password1, user=self.instance)
                except ValidationError as exc:
                    self.add_error("password1", exc)
        return cleaned


class UserBulkEditForm(BulkEditForm):
    """Move several users to a unit, set their title, or (de)activate them."""

    model = User
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.all())
    title = forms.CharField(label="职务", max_length=50)
    is_active = UnchangedBooleanField(label="启用")


class UserImportForm(UserRulesMixin, ZhifaImportForm):
    """One row of a user import; imported accounts have no password until an administrator sets one."""

    unit = LookupChoiceField(Unit.objects.all(), label="单位", help_text="填写单位名称或ID")
    department = LookupChoiceField(
        Unit.objects.filter(kind=UnitKind.DEPARTMENT), label="所属科室", required=False,
        help_text="填写所属单位下的科室/中队名称或ID；可留空",
    )
    roles = CodeListField(Role.objects.all(), label="角色", required=False, help_text="填写角色代码，多个用逗号分隔")

    class Meta:
        model = User
        fields = ("username", "display_name", "unit", "department", "phone", "roles", "title", "id_number", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True


# --- roles ------------------------------------------------------------------------------------


def assignable_permissions():
    """Permissions of the platform's own apps (the ones a role can meaningfully carry)."""
    labels = [config.label for config in apps.get_app_configs() if config.name.startswith("zhifa.")]
    return (
        Permission.objects.filter(content_type__app_label__in=labels)
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "codename")
    )


def permission_label(permission: Permission) -> str:
    """``查看`` for ``view_unit``; the permission's own name for custom permissions."""
    action = permission.codename.split("_", 1)[0]
    if permission.codename == f"{action}_{permission.content_type.model}" and action in ACTION_LABELS:
        return ACTION_LABELS[action]
    return permission.name


class RoleForm(ZhifaModelForm):
    """A role: name, data scope, second factor, and its permissions as a grouped checkbox list."""

    permissions = forms.ModelMultipleChoiceField(
        label="权限", queryset=Permission.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    separately_rendered = ("permissions",)

    class Meta:
        model = Role
        fields = ("code", "name", "description", "data_scope", "requires_2fa", "permissions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permissions"].queryset = assignable_permissions()

    def clean(self):
        cleaned = super().clean()
        permissions = cleaned.get("permissions")
        scope = cleaned.get("data_scope")
        if permissions is not None:
            if self.instance.pk and SCOPE_RANK.get(scope, 0) <= SCOPE_RANK.get(self.instance.data_scope, 0):
                held = set(self.instance.permissions.values_list("pk", flat=True))
                permissions = [perm for perm in permissions if perm.pk not in held]
            try:
                check_grantable_permissions(self.user, permissions, scope)
            except ValidationError as exc:
                self.add_error("permissions", exc)
        return cleaned

    def permission_groups(self) -> list[dict]:
        """Permissions grouped by app and model with Chinese names, each marked checked or not."""
        value = self["permissions"].value() or []
        checked = {str(v.pk if hasattr(v, "pk") else v) for v in value}
        groups: dict[str, dict] = {}
        for permission in self.fields["permissions"].queryset:
            content_type = permission.content_type
            app_config = apps.get_app_config(content_type.app_label)
            group = groups.setdefault(content_type.app_label, {"label": app_config.verbose_name, "models": {}})
            model_class = content_type.model_class()
            model_label = str(model_class._meta.verbose_name) if model_class else content_type.model
            group["models"].setdefault(model_label, []).append(
                {"pk": permission.pk, "label": permission_label(permission), "checked": str(permission.pk) in checked}
            )
        return [
            {"label": group["label"], "models": [{"label": k, "permissions": v} for k, v in group["models"].items()]}
            for group in groups.values()
        ]


@register_model_service(Role)
class RoleWrites(ModelService):
    """Generic writes of a role; deletes honour ``role_delete_refusal`` (built-in roles stay)."""

    def create(self, instance, *, data: dict, user):
        instance.save()
        return instance

    def update(self, instance, *, data: dict, user):
        instance.save()
        return instance

    def delete_refusal(self, instance, *, user) -> str:
        return role_delete_refusal(instance)


# --- scope grants -----------------------------------------------------------------------------


class ScopeGrantForm(ZhifaModelForm):
    """Grant a user reach over a unit's subtree or a region, for chosen actions and a period."""

    actions = forms.MultipleChoiceField(
        label="操作", choices=list(ACTION_LABELS.items()), widget=forms.CheckboxSelectMultiple, initial=["view"]
    )

    class Meta:
        model = ScopeGrant
        fields = ("grantee", "unit", "region", "include_subordinates", "actions", "valid_until", "reason")
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["actions"] = self.instance.action_list()

    def clean_actions(self):
        return ",".join(self.cleaned_data["actions"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("unit") and not cleaned.get("region"):
            raise ValidationError(MSG_GRANT_TARGET)
        return cleaned


@register_model_service(ScopeGrant)
class ScopeGrantWrites(ModelService):
    """Every generic write of a grant goes through ``scope_grant_save`` (what the grantor may pass on)."""

    def create(self, instance, *, data: dict, user):
        return scope_grant_save(grant=instance, actor=user)

    def update(self, instance, *, data: dict, user):
        return scope_grant_save(grant=instance, actor=user)
