"""The built-in roles: each permission listed explicitly, synced only by the explicit command."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org import roles_catalogue
from zhifa.org.models import Role, Unit
from zhifa.org.roles_catalogue import BY_CODE, CATALOGUE, NEVER_GRANTED, sync_builtin_roles

EXPECTED = {
    "clue_manager": ("案源管理人员", DataScope.SUBTREE, False),
    "officer": ("执法人员", DataScope.UNIT, False),
    "squad_leader": ("执法队长/部门负责人", DataScope.SUBTREE, False),
    "legal_reviewer": ("法制审核人员", DataScope.SUBTREE, False),
    "unit_admin": ("单位管理员", DataScope.SUBTREE, True),
    "supervisor": ("监督人员", DataScope.REGION, False),
    "justice_admin": ("司法局管理员", DataScope.REGION, True),
    "leader": ("领导", DataScope.SUBTREE, False),
    "system_admin": ("系统管理员", DataScope.ALL, True),
}


def perms_of(code: str) -> set[str]:
    role = Role.objects.get(code=code)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in role.permissions.select_related("content_type")
    }


def project_permissions() -> set[str]:
    labels = [config.label for config in apps.get_app_configs() if config.name.startswith("zhifa.")]
    rows = Permission.objects.filter(content_type__app_label__in=labels).select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for p in rows}


def test_migrating_creates_no_role_the_command_does(db):
    assert not Role.objects.filter(is_builtin=True).exists(), "no post_migrate signal hands out permissions"
    out = StringIO()
    call_command("sync_roles", stdout=out)
    roles = {role.code: role for role in Role.objects.filter(is_builtin=True)}
    assert {code: (r.name, r.data_scope, r.requires_2fa) for code, r in roles.items()} == EXPECTED
    assert "新建角色 执法人员（officer）" in out.getvalue()
    assert "  + 执法人员：查看用户（org.view_user）" in out.getvalue()


def test_every_role_holds_exactly_its_listed_permissions(db):
    sync_builtin_roles()
    for spec in CATALOGUE:
        assert perms_of(spec.code) == set(spec.permissions), spec.code


def test_the_catalogue_uses_no_patterns():
    for spec in CATALOGUE:
        for name in spec.permissions:
            app_label, _, codename = name.partition(".")
            assert app_label and codename and not set("*?[]") & set(name), f"{spec.code}: {name}"
    assert not hasattr(roles_catalogue, "fnmatchcase")


def test_every_permission_of_the_project_is_placed_in_the_catalogue(db):
    """A new model's permissions must be given to the system administrator or declared never granted."""
    placed = set(BY_CODE["system_admin"].permissions) | set(NEVER_GRANTED)
    unplaced = project_permissions() - placed
    assert not unplaced, f"请在 zhifa/org/roles_catalogue.py 中为这些权限指定角色：{sorted(unplaced)}"
    assert not set(BY_CODE["system_admin"].permissions) & set(NEVER_GRANTED)
    for spec in CATALOGUE:
        assert set(spec.permissions) <= set(BY_CODE["system_admin"].permissions), spec.code


def test_personal_data_goes_only_where_intended(db):
    sync_builtin_roles()
    holders = {code for code in EXPECTED if "basedata.view_personal_data" in perms_of(code)}
    assert holders == {"officer", "squad_leader", "legal_reviewer", "unit_admin", "system_admin"}


def test_audit_viewer_permission_goes_to_system_and_justice_admins_only(db):
    sync_builtin_roles()
    holders = {code for code in EXPECTED if "core.view_auditentry" in perms_of(code)}
    assert holders == {"system_admin", "justice_admin"}
    assert not {"core.change_auditentry", "core.delete_auditentry"} & perms_of("system_admin")


def test_officer_reads_units_but_cannot_manage_users(db):
    sync_builtin_roles()
    officer = perms_of("officer")
    assert {"org.view_unit", "org.view_user", "core.view_todo"} <= officer
    assert not {"org.add_user", "org.change_user", "org.change_unit"} & officer
    assert {"org.add_user", "org.change_user"} <= perms_of("unit_admin")


def test_a_new_permission_reaches_no_builtin_role(db):
    sync_builtin_roles()
    factories.role([], code="placeholder")
    content_type = Permission.objects.get(codename="view_phrase").content_type
    Permission.objects.create(content_type=content_type, codename="publish_phrase", name="发布常用语")
    result = sync_builtin_roles()
    assert not any("publish_phrase" in dotted for _code, dotted in result.added)
    assert all("basedata.publish_phrase" not in perms_of(code) for code in EXPECTED)


def test_the_sync_removes_and_prints_permissions_added_by_hand(db):
    sync_builtin_roles()
    officer = Role.objects.get(code="officer")
    officer.permissions.add(
        Permission.objects.get(content_type__app_label="core", codename="view_numberrule")
    )

    out = StringIO()
    call_command("sync_roles", stdout=out)

    assert "core.view_numberrule" not in perms_of("officer")
    assert "  - 执法人员：查看编号规则（core.view_numberrule）" in out.getvalue()
    assert "移除权限 1 项" in out.getvalue()


def test_a_dry_run_prints_the_changes_and_writes_nothing(db):
    out = StringIO()
    call_command("sync_roles", dry_run=True, stdout=out)
    assert "演练（未写入）" in out.getvalue() and "新建角色 系统管理员（system_admin）" in out.getvalue()
    assert not Role.objects.filter(is_builtin=True).exists()


def test_sync_restores_the_catalogue_scope_of_a_builtin_role(db):
    sync_builtin_roles()
    Role.objects.filter(code="officer").update(data_scope=DataScope.ALL, requires_2fa=True)

    result = sync_builtin_roles()

    officer = Role.objects.get(code="officer")
    assert (officer.data_scope, officer.requires_2fa) == (DataScope.UNIT, False)
    assert result.updated == ["officer"]


def test_a_sync_that_changes_nothing_writes_no_audit_row(db):
    sync_builtin_roles()
    before = AuditEntry.objects.count()

    result = sync_builtin_roles()

    assert AuditEntry.objects.count() == before
    assert not result.changed


def test_an_unknown_permission_in_the_catalogue_stops_the_command(db, monkeypatch):
    broken = roles_catalogue.BuiltinRole("broken", "坏角色", "", DataScope.UNIT, ("org.view_unicorn",))
    monkeypatch.setattr(roles_catalogue, "CATALOGUE", (*CATALOGUE, broken))
    with pytest.raises(CommandError, match="org.view_unicorn"):
        call_command("sync_roles", stdout=StringIO())


def test_unit_scope_of_the_builtin_officer_role_hides_other_units(city, builtin_roles):
    officer = factories.user(city["yantian"], roles=[builtin_roles["officer"]])
    assert set(Unit.objects.restrict(officer, "view")) == {city["yantian"]}
