"""The built-in roles (内置角色) and the exact permissions each one carries.

Every permission of a built-in role is named here, one by one: there are no patterns, and nothing
reaches a role because a model or a permission appeared. A new model's permissions are given to
the roles that need them by adding them below (at least to 系统管理员, or to ``NEVER_GRANTED``; a
test fails until every permission of the project's apps is placed). ``basedata.view_personal_data``
(full 身份证号 and phone numbers of inspected persons) goes only to the roles that handle cases
(执法人员、执法队长、法制审核人员), to the unit administrator who keeps the unit's inspected-object
records, and to the system administrator; supervisors, leaders, clue managers and the justice
bureau's administrator see them masked.

``zhifa sync-roles`` makes the database match the catalogue: it creates missing built-in roles,
restores their name, data scope and second-factor flag, adds the permissions listed here and
removes any other, and prints every permission it adds or removes. It runs explicitly, after
``zhifa migrate``, in the deployment steps and in ``make demo``; nothing runs it behind one's back.
A site that needs a different set creates its own role: changes to a built-in role are undone by
the next synchronisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.db import transaction

from zhifa.core.scoping import DataScope

from .models import Role

CRUD = ("view", "add", "change", "delete")


def perms(model: str, *actions: str) -> tuple[str, ...]:
    """``perms("basedata.phrase", "view", "add")`` → ``("basedata.view_phrase", "basedata.add_phrase")``."""
    app_label, model_name = model.split(".")
    return tuple(f"{app_label}.{action}_{model_name}" for action in actions)


def many(models: tuple[str, ...], *actions: str) -> tuple[str, ...]:
    """``perms`` for each of ``models`` with the same ``actions``."""
    return tuple(name for model in models for name in perms(model, *actions))


#: Every staff member: the workbench, notices, attachments and reading the organisation.
WORKBENCH = (
    *perms("core.todo", "view", "change"),
    *perms("core.notification", "view", "change"),
    "core.view_notice",
    *perms("core.attachment", "view", "add"),
    "org.view_region",
    "org.view_unit",
    "org.view_user",
    "workflow.view_processinstance",
    "workflow.add_processinstance",
)

#: The legal calendar and thresholds every deadline is computed with.
LEGAL_DATA = many(("legal.calendarday", "legal.calendaryear", "legal.dataversion", "legal.thresholdsetting"), "view")

#: Check modules, items and lists (检查单, B3).
CHECK_MODELS = ("basedata.checkitem", "basedata.checklist", "basedata.checklistitem", "basedata.checkmodule")

#: Discretion standards with their levels, claims and events (自由裁量基准, B2).
DISCRETION_MODELS = (
    "basedata.discretionclaim",
    "basedata.discretionevent",
    "basedata.discretionlevel",
    "basedata.discretionstandard",
)

#: Base-data records (B1–B7): laws, check lists, discretion standards, officers, objects, powers, records.
BASE_DATA_MODELS = (
    "basedata.article",
    "basedata.certificatereminder",
    *CHECK_MODELS,
    *DISCRETION_MODELS,
    "basedata.inspectedobject",
    "basedata.law",
    "basedata.lawfavourite",
    "basedata.officer",
    "basedata.phrase",
    "basedata.power",
    "basedata.powerbasis",
    "basedata.powerversion",
    "basedata.recordbatch",
    "basedata.searchentry",
    "basedata.searchstatistics",
)

#: Reading base data; ID numbers and phones of inspected persons stay masked.
BASE_DATA_READ = many(BASE_DATA_MODELS, "view")

#: Full ID numbers and phone numbers of inspected persons (masked for everyone else).
PERSONAL_DATA = ("basedata.view_personal_data",)

#: What every staff role starts from.
STAFF = (*WORKBENCH, *LEGAL_DATA, *BASE_DATA_READ)

#: Maintaining inspected objects in the field (new objects, corrections).
OBJECT_UPKEEP = perms("basedata.inspectedobject", "add", "change")

#: Writing notices to subordinate units and seeing who read them.
NOTICES = (*perms("core.notice", *CRUD), "core.view_noticereceipt")

#: Base data a unit administrator maintains for the unit (常用语、检查单、裁量基准、执法人员、检查对象).
UNIT_BASE_DATA_MODELS = (
    "basedata.phrase",
    *CHECK_MODELS,
    *DISCRETION_MODELS,
    "basedata.officer",
    "basedata.certificatereminder",
    "basedata.inspectedobject",
)

#: Punishment cases (立案、简易程序): registering and handling them in one's unit, and reading them.
CASE_MODELS = ("cases.case", "cases.caseparty", "cases.caseofficer", "cases.caseevidence", "cases.hearing",
               "cases.hearingrecordentry", "cases.casesideprocedure")
CASE_HANDLING = many(CASE_MODELS, "view", "add", "change")
CASE_READING = many(CASE_MODELS, "view")
#: Approving a case's 延期, 中止/恢复, 终止, 撤销立案, 变更承办人 and 移送 (a leader of the agency).
CASE_APPROVAL = ("cases.approve_casesideprocedure",)

#: Execution of decisions and remedies against them (缴款、延期分期、催告、强制执行、罚没物品、复议诉讼),
#: and the case warnings, which only the periodic job writes.
EXECUTION_MODELS = (
    "cases.caseexecution",
    "cases.casepayment",
    "cases.paymentarrangement",
    "cases.paymentinstalment",
    "cases.executionreminder",
    "cases.confiscateditem",
    "cases.caseremedy",
)
EXECUTION_HANDLING = (*many(EXECUTION_MODELS, "view", "add", "change"), "cases.view_casewarning")
EXECUTION_READING = (*many(EXECUTION_MODELS, "view"), "cases.view_casewarning")
#: A leader approves a party's application to pay later or in instalments (行政处罚法第66条第2款).
EXECUTION_APPROVAL = ("cases.approve_paymentarrangement",)
#: Recording 复议/诉讼 and their outcome: the legal reviewers answer for the agency.
REMEDY_HANDLING = perms("cases.caseremedy", "add", "change")

#: Case documents (文书): preparing and issuing them for the cases one handles, or reading the issued ones.
#: Issued documents and template versions are never changed or deleted (``NEVER_GRANTED``).
DOCUMENT_ISSUING = ("documents.view_documenttemplate", *perms("documents.issueddocument", "view", "add"))
DOCUMENT_READING = ("documents.view_documenttemplate", "documents.view_issueddocument")

#: Urging and managing the approvals of one's unit (催办 by someone other than the originator).
PROCESS_MANAGEMENT = ("workflow.change_processinstance",)

#: Permissions no role carries: the audit trail and unit versions are written by the system only.
NEVER_GRANTED = (
    *perms("core.auditentry", "add", "change", "delete"),
    *perms("core.auditchainhead", *CRUD),
    *perms("org.unitversion", "add", "change", "delete"),
    *perms("core.workerheartbeat", "add", "change", "delete"),
    *perms("core.accessversion", *CRUD),
    *many(("workflow.workitem", "workflow.timelineevent", "workflow.processstate"), "add", "change", "delete"),
    *perms("cases.casewarning", "add", "change", "delete"),
    *many(("documents.documenttemplate", "documents.issueddocument"), "change", "delete"),
)

#: The system administrator: every permission of the project's apps except ``NEVER_GRANTED``.
SYSTEM_ADMIN = (
    *many(BASE_DATA_MODELS, *CRUD),
    "basedata.review_discretionstandard",
    *PERSONAL_DATA,
    *many(
        (
            "core.attachment",
            "core.digestrun",
            "core.notice",
            "core.noticereceipt",
            "core.notification",
            "core.notificationdelivery",
            "core.numberrule",
            "core.numbersequence",
            "core.periodictick",
            "core.smsmessage",
            "core.todo",
            "core.usertablepreference",
        ),
        *CRUD,
    ),
    "core.view_auditentry",
    "core.view_workerheartbeat",
    *many(("legal.calendarday", "legal.calendaryear", "legal.dataversion", "legal.thresholdsetting"), *CRUD),
    *many(("org.apitoken", "org.oidcidentity", "org.region", "org.role", "org.scopegrant", "org.unit", "org.user"), *CRUD),
    "org.view_unitversion",
    *many(("workflow.processdefinition", "workflow.processversion", "workflow.processinstance", "workflow.deputy"), *CRUD),
    *many(("workflow.workitem", "workflow.timelineevent", "workflow.processstate"), "view"),
    *many(CASE_MODELS, *CRUD),
    *CASE_APPROVAL,
    *many(EXECUTION_MODELS, *CRUD),
    *EXECUTION_APPROVAL,
    "cases.view_casewarning",
    *perms("cases.stagerequirementrule", *CRUD),
    *many(("documents.documenttemplate", "documents.issueddocument"), "view", "add"),
)


@dataclass(frozen=True)
class BuiltinRole:
    """One role of the catalogue: its code, names, data scope and the permissions it carries."""

    code: str
    name: str
    description: str
    data_scope: str
    permissions: tuple[str, ...]
    requires_2fa: bool = False


CATALOGUE: tuple[BuiltinRole, ...] = (
    BuiltinRole(
        code="clue_manager",
        name="案源管理人员",
        description="工作台与通知公告；查阅法律法规、权责清单、自由裁量基准与检查对象（证件号与电话脱敏）。线索登记、受理与分派在线索中心上线后开放。",
        data_scope=DataScope.SUBTREE,
        permissions=STAFF,
    ),
    BuiltinRole(
        code="officer",
        name="执法人员",
        description="工作台与期限计算器；查阅法律法规、权责清单与自由裁量基准；登记和维护本单位的检查对象；登记案件、作出简易程序决定、办理流程待办；办理案件执行（登记送达、缴款、延期或分期缴纳申请、催告、申请强制执行、终结执行、罚没物品）与复议诉讼登记，查看案件预警；预览、签发案件文书。行政检查在相应模块上线后开放。",
        data_scope=DataScope.UNIT,
        permissions=(*STAFF, *PERSONAL_DATA, *OBJECT_UPKEEP, *CASE_HANDLING, *EXECUTION_HANDLING, *DOCUMENT_ISSUING),
    ),
    BuiltinRole(
        code="squad_leader",
        name="执法队长/部门负责人",
        description="维护本单位及下级的检查对象；认领上级单位发布的自由裁量基准；审批、催办本单位及下级的流程；办理本单位及下级案件的执行与复议诉讼登记；预览、签发案件文书。",
        data_scope=DataScope.SUBTREE,
        permissions=(*STAFF, *PERSONAL_DATA, *OBJECT_UPKEEP, "basedata.add_discretionclaim", *PROCESS_MANAGEMENT,
                     *CASE_HANDLING, *EXECUTION_HANDLING, *DOCUMENT_ISSUING),
    ),
    BuiltinRole(
        code="legal_reviewer",
        name="法制审核人员",
        description="查阅本单位及下级的基础数据、案件及其执行和预警；登记复议、诉讼及其结果；预览、签发案件文书（法制审核意见书等）。重大执法决定法制审核在案件模块上线后开放。",
        data_scope=DataScope.SUBTREE,
        permissions=(*STAFF, *PERSONAL_DATA, *CASE_READING, *EXECUTION_READING, *REMEDY_HANDLING, *DOCUMENT_ISSUING),
    ),
    BuiltinRole(
        code="unit_admin",
        name="单位管理员",
        description="本单位及下级的用户、执法人员与执法证、检查对象、常用语与检查单、自由裁量基准（制定、发布、审核下级的调整）、编号规则与通知公告。",
        data_scope=DataScope.SUBTREE,
        requires_2fa=True,
        permissions=(
            *STAFF,
            *PERSONAL_DATA,
            *perms("org.user", "add", "change"),
            *perms("org.unit", "add", "change"),
            "org.view_role",
            "org.view_unitversion",
            *many(UNIT_BASE_DATA_MODELS, *CRUD),
            "basedata.review_discretionstandard",
            *perms("core.numberrule", *CRUD),
            "core.view_numbersequence",
            *NOTICES,
        ),
    ),
    BuiltinRole(
        code="supervisor",
        name="监督人员",
        description="市/区司法局执法监督：审核本区域执法机关的自由裁量基准；查看本区域的执法人员、检查对象（脱敏）、权责清单、执法全记录库，行政处罚案件及其执行、复议诉讼与预警（只读），以及已签发的案件文书。",
        data_scope=DataScope.REGION,
        permissions=(*STAFF, "org.view_unitversion", "basedata.review_discretionstandard", *CASE_READING,
                     *EXECUTION_READING, *DOCUMENT_READING),
    ),
    BuiltinRole(
        code="justice_admin",
        name="司法局管理员",
        description="法律法规库、单位与执法人员、权责清单与自由裁量基准、执法全记录库监控、跨单位授权、通知公告与审计日志。",
        data_scope=DataScope.REGION,
        requires_2fa=True,
        permissions=(
            *WORKBENCH,
            *LEGAL_DATA,
            *many(tuple(model for model in BASE_DATA_MODELS if model != "basedata.inspectedobject"), *CRUD),
            "basedata.view_inspectedobject",  # objects are kept by the agencies; personal data stays masked
            "basedata.review_discretionstandard",
            *perms("org.unit", "add", "change"),
            "org.view_role",
            "org.view_unitversion",
            *perms("org.scopegrant", *CRUD),
            *NOTICES,
            "core.view_auditentry",
        ),
    ),
    BuiltinRole(
        code="leader",
        name="领导",
        description="工作台上本单位及下级的待办统计与基础数据概况；查看本单位及下级的基础数据与执法全记录；发布通知公告；审批、催办本单位及下级的流程；审批案件的延期、中止、终止、撤销立案、变更承办人和移送；审批延期（分期）缴纳罚款。",
        data_scope=DataScope.SUBTREE,
        permissions=(*STAFF, *NOTICES, *PROCESS_MANAGEMENT, *CASE_READING, *CASE_APPROVAL, *EXECUTION_READING,
                     *EXECUTION_APPROVAL, *DOCUMENT_READING),
    ),
    BuiltinRole(
        code="system_admin",
        name="系统管理员",
        description="平台全部功能与数据：单位、用户、角色、行政区划、法定标准配置、缺项规则、通知与审计。",
        data_scope=DataScope.ALL,
        requires_2fa=True,
        permissions=SYSTEM_ADMIN,
    ),
)

BY_CODE: dict[str, BuiltinRole] = {role.code: role for role in CATALOGUE}


class UnknownPermission(LookupError):
    """The catalogue names a permission the database does not have (a typo, or ``migrate`` not run)."""


def permission_index(names: set[str]) -> dict[str, Permission]:
    """The permissions called ``names`` (``app_label.codename``); ``UnknownPermission`` for any missing."""
    codenames = {name.split(".", 1)[1] for name in names}
    rows = Permission.objects.filter(codename__in=codenames).select_related("content_type")
    index = {f"{p.content_type.app_label}.{p.codename}": p for p in rows}
    missing = sorted(names - set(index))
    if missing:
        raise UnknownPermission("内置角色目录中的权限不存在（请先运行 zhifa migrate）：" + "、".join(missing))
    return {name: index[name] for name in names}


@dataclass
class RoleSyncResult:
    """What a synchronisation changed: roles created or updated, and each permission added or removed."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.added or self.removed)


def _dotted(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


@transaction.atomic
def sync_builtin_roles(*, dry_run: bool = False) -> RoleSyncResult:
    """Make every built-in role exactly what the catalogue says; report each change.

    Name, description, data scope and the two-factor flag follow the catalogue; permissions not in
    the catalogue are removed, missing ones added. Every write is audited by the usual signals; a
    run that changes nothing writes nothing. ``dry_run`` reports the changes and rolls them back.
    """
    result = RoleSyncResult()
    index = permission_index({name for spec in CATALOGUE for name in spec.permissions})
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
        wanted = {index[name] for name in spec.permissions}
        current = set(role.permissions.select_related("content_type"))
        missing, extra = wanted - current, current - wanted
        if missing:
            role.permissions.add(*missing)
        if extra:
            role.permissions.remove(*extra)
        result.added += sorted((spec.code, _dotted(p)) for p in missing)
        result.removed += sorted((spec.code, _dotted(p)) for p in extra)
    if dry_run:
        transaction.set_rollback(True)
    return result
