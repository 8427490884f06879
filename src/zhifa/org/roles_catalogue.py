"""The built-in roles (内置角色) of SPEC.md "Users and roles", and their synchronisation into org.Role.

Each built-in role names its permissions as patterns over ``app_label.codename`` (shell-style:
``org.view_unit``, ``core.*_todo``, ``basedata.view_*``, ``*.approve_*``), so that the models and
custom permissions of apps written later are covered as soon as their permissions exist. Patterns
are matched against the permissions of the project's own apps only (``zhifa.*``); Django's and
third-party apps' permissions are never granted by a pattern.

A built-in role is the floor of what its holders need: ``sync_builtin_roles`` restores its name,
data scope, two-factor requirement and catalogue permissions, and keeps any permission an
administrator added by hand unless asked to reset. A site that wants less than the catalogue
creates its own role instead of editing a built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import transaction

from .choices import DataScope
from .models import Role

#: Apps where cases are handled: the officer works in them, leaders and supervisors read them.
HANDLING_APPS = ("inspections", "cases", "evidence", "documents", "coercion", "transfers", "disclosure")

#: Apps whose records supervisors and leaders read (执法综合监测).
SUPERVISED_APPS = ("clues", *HANDLING_APPS, "workflow", "basedata")

#: What every staff member needs: the workbench, notices, attachments, the organisation and base data.
WORKBENCH = (
    "core.view_todo",
    "core.change_todo",
    "core.view_notification",
    "core.change_notification",
    "core.view_notice",
    "core.view_attachment",
    "core.add_attachment",
    "org.view_region",
    "org.view_unit",
    "org.view_user",
    "basedata.view_*",
    "legal.view_*",
    "workflow.view_processinstance",
    "workflow.add_processinstance",
)


def _actions(app_labels, actions) -> tuple[str, ...]:
    """Patterns for ``actions`` (view/add/change/delete) on every model of ``app_labels``."""
    return tuple(f"{app}.{action}_*" for app in app_labels for action in actions)


@dataclass(frozen=True)
class BuiltinRole:
    """One role of the catalogue: its code, names, data scope and permission patterns."""

    code: str
    name: str
    description: str
    data_scope: str
    permissions: tuple[str, ...]
    excluded: tuple[str, ...] = field(default=())
    requires_2fa: bool = False

    def matches(self, dotted: str) -> bool:
        """Whether the permission ``app_label.codename`` belongs to this role."""
        granted = any(fnmatchcase(dotted, pattern) for pattern in self.permissions)
        return granted and not any(fnmatchcase(dotted, pattern) for pattern in self.excluded)


CATALOGUE: tuple[BuiltinRole, ...] = (
    BuiltinRole(
        code="clue_manager",
        excluded=("basedata.view_personal_data",),  # sees masked ID numbers and phones
        name="案源管理人员",
        description="线索登记、受理审批、甄别规则、分派、对外答复与线索查询。",
        data_scope=DataScope.SUBTREE,
        permissions=(*WORKBENCH, "clues.*"),
    ),
    BuiltinRole(
        code="officer",
        name="执法人员",
        description="行政检查、案件办理、证据、文书、行政强制、案件移送、执法公示；对外答复；移动执法。",
        data_scope=DataScope.UNIT,
        permissions=(
            *WORKBENCH,
            *_actions(HANDLING_APPS, ("view", "add", "change")),
            "clues.view_*",
            "clues.*_reply",
            "basedata.add_inspectedobject",
            "basedata.change_inspectedobject",
        ),
        excluded=("*.approve_*",),
    ),
    BuiltinRole(
        code="squad_leader",
        name="执法队长/部门负责人",
        description="审批办案环节、指派承办人、审批转办与移送、制定检查任务。",
        data_scope=DataScope.SUBTREE,
        permissions=(
            *WORKBENCH,
            *_actions(HANDLING_APPS, ("view", "add", "change")),
            "inspections.*",
            "clues.view_*",
            "clues.change_*",
            "clues.*_reply",
            "*.approve_*",
            "*.assign_*",
            "workflow.change_processinstance",
            "basedata.add_inspectedobject",
            "basedata.change_inspectedobject",
        ),
    ),
    BuiltinRole(
        code="legal_reviewer",
        name="法制审核人员",
        description="重大执法决定法制审核、作出决定前的案件审核。",
        data_scope=DataScope.SUBTREE,
        permissions=(
            *WORKBENCH,
            *_actions(HANDLING_APPS, ("view",)),
            "cases.*review*",
            "documents.change_*",
        ),
    ),
    BuiltinRole(
        code="unit_admin",
        name="单位管理员",
        description="本单位用户、常用语、检查模块/检查项/检查单、自由裁量基准、编号规则与通知公告的维护。",
        data_scope=DataScope.SUBTREE,
        requires_2fa=True,
        permissions=(
            *WORKBENCH,
            "org.add_user",
            "org.change_user",
            "org.view_role",
            "org.add_unit",
            "org.change_unit",
            "org.view_unitversion",
            "basedata.*_phrase",
            "basedata.*_check*",
            "basedata.*_discretion*",
            "basedata.*_officer*",
            "basedata.*_certificate*",
            "basedata.*_inspectedobject",
            "core.*_numberrule",
            "core.view_numbersequence",
            "core.*_notice",
            "core.view_noticereceipt",
        ),
    ),
    BuiltinRole(
        code="supervisor",
        excluded=("basedata.view_personal_data",),  # sees masked ID numbers and phones
        name="监督人员",
        description="市/区司法局执法监督：预警、整改、案卷评查、效能评价、分析研判、交办督办。",
        data_scope=DataScope.REGION,
        permissions=(
            *WORKBENCH,
            *_actions(SUPERVISED_APPS, ("view",)),
            "supervision.*",
            "evaluation.*",
            "training.*",
            "analytics.*",
            "assist.view_*",
            "org.view_unitversion",
        ),
    ),
    BuiltinRole(
        code="justice_admin",
        name="司法局管理员",
        description="法律法规库、执法主体与执法人员、权责清单、执法全记录库监控、跨单位授权与审计查看。",
        data_scope=DataScope.REGION,
        requires_2fa=True,
        permissions=(
            *WORKBENCH,
            *_actions(SUPERVISED_APPS, ("view",)),
            "basedata.*",
            "org.view_*",
            "org.add_unit",
            "org.change_unit",
            "org.*_scopegrant",
            "core.*_notice",
            "core.view_noticereceipt",
            "core.view_auditentry",
            "supervision.view_*",
            "training.*",
            "analytics.view_*",
            "integrations.view_*",
        ),
        excluded=("org.view_apitoken",),
    ),
    BuiltinRole(
        code="leader",
        excluded=("basedata.view_personal_data",),  # sees masked ID numbers and phones
        name="领导",
        description="驾驶舱与统计分析、移动审批、本单位及下级的全部办案情况。",
        data_scope=DataScope.SUBTREE,
        permissions=(
            *WORKBENCH,
            *_actions(SUPERVISED_APPS, ("view",)),
            "*.approve_*",
            "workflow.change_processinstance",
            "analytics.view_*",
            "supervision.view_*",
            "evaluation.view_*",
            "core.*_notice",
            "core.view_noticereceipt",
        ),
    ),
    BuiltinRole(
        code="system_admin",
        name="系统管理员",
        description="平台全部功能与数据：用户、角色、权限、字典、流程、接口与审计。",
        data_scope=DataScope.ALL,
        requires_2fa=True,
        permissions=("*.*",),
        excluded=(
            "core.add_auditentry",
            "core.change_auditentry",
            "core.delete_auditentry",
            "core.*_auditchainhead",
            "org.add_unitversion",
            "org.change_unitversion",
            "org.delete_unitversion",
        ),
    ),
)

BY_CODE: dict[str, BuiltinRole] = {role.code: role for role in CATALOGUE}


def project_app_labels() -> list[str]:
    """Labels of the project's own apps, the only ones whose permissions patterns may grant."""
    return [config.label for config in apps.get_app_configs() if config.name.startswith("zhifa.")]


def permission_index() -> dict[str, Permission]:
    """Every permission of the project's apps keyed ``app_label.codename``."""
    rows = Permission.objects.filter(content_type__app_label__in=project_app_labels()).select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}": p for p in rows}


def resolve(role: BuiltinRole, index: dict[str, Permission]) -> set[int]:
    """Primary keys of the permissions in ``index`` that ``role``'s patterns grant."""
    return {perm.pk for dotted, perm in index.items() if role.matches(dotted)}


@dataclass
class RoleSyncResult:
    """What a synchronisation changed, for the command's summary."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    added: int = 0
    removed: int = 0


@transaction.atomic
def sync_builtin_roles(*, reset: bool = False) -> RoleSyncResult:
    """Create or update every built-in role and grant the permissions its patterns resolve to.

    Name, description, data scope and the two-factor flag follow the catalogue. Permissions are
    only added, so that those an administrator granted by hand survive; ``reset=True`` also
    removes every permission the catalogue does not grant. Each write is audited by the usual
    signals; a run that changes nothing writes nothing.
    """
    result = RoleSyncResult()
    index = permission_index()
    existing = {role.code: role for role in Role.objects.filter(code__in=BY_CODE)}
    for spec in CATALOGUE:
        values = {
            "name": spec.name,
            "description": spec.description,
            "data_scope": spec.data_scope,
            "requires_2fa": spec.requires_2fa,
            "is_builtin": True,
        }
        role = existing.get(spec.code)
        if role is None:
            role = Role.objects.create(code=spec.code, **values)
            result.created.append(spec.code)
        elif any(getattr(role, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(role, name, value)
            role.save()
            result.updated.append(spec.code)
        wanted = resolve(spec, index)
        current = set(role.permissions.values_list("pk", flat=True))
        missing = wanted - current
        if missing:
            role.permissions.add(*sorted(missing))
            result.added += len(missing)
        extra = current - wanted if reset else set()
        if extra:
            role.permissions.remove(*sorted(extra))
            result.removed += len(extra)
        if (missing or extra) and spec.code not in result.created + result.updated:
            result.updated.append(spec.code)
    return result
