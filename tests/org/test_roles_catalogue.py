"""The built-in roles: created from the catalogue, patterns cover later models, admins' additions survive."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models.signals import post_migrate

from tests import factories
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org.models import Role, Unit
from zhifa.org.roles_catalogue import CATALOGUE, sync_builtin_roles
from zhifa.org.signals import last_migrated_app_label

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
    return {f"{p.content_type.app_label}.{p.codename}" for p in role.permissions.select_related("content_type")}


def new_permission(app_label: str, model: str, codename: str) -> Permission:
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": codename})
    return perm


def test_sync_creates_every_role_of_the_spec_with_scope_and_second_factor(db):
    sync_builtin_roles()
    roles = {role.code: role for role in Role.objects.filter(is_builtin=True)}
    assert {code: (r.name, r.data_scope, r.requires_2fa) for code, r in roles.items()} == EXPECTED
    assert all(roles[code].permissions.exists() for code in EXPECTED)


def test_audit_viewer_permission_goes_to_system_and_justice_admins_only(db):
    sync_builtin_roles()
    holders = {code for code in EXPECTED if "core.view_auditentry" in perms_of(code)}
    assert holders == {"system_admin", "justice_admin"}
    assert not {"core.change_auditentry", "core.delete_auditentry"} & perms_of("system_admin")


def test_patterns_never_grant_permissions_of_django_or_third_party_apps(db):
    sync_builtin_roles()
    labels = {dotted.split(".")[0] for code in EXPECTED for dotted in perms_of(code)}
    assert labels <= {config.label for config in apps.get_app_configs() if config.name.startswith("zhifa.")}
    assert "auth" not in labels


def test_officer_reads_units_but_cannot_manage_users(db):
    sync_builtin_roles()
    officer = perms_of("officer")
    assert {"org.view_unit", "org.view_user", "core.view_todo"} <= officer
    assert not {"org.add_user", "org.change_user", "org.change_unit"} & officer
    assert {"org.add_user", "org.change_user"} <= perms_of("unit_admin")


def test_patterns_cover_models_and_actions_that_appear_later(db):
    sync_builtin_roles()
    for action in ("add", "change", "delete", "view"):
        new_permission("basedata", "phrase", f"{action}_phrase")
    new_permission("org", "unit", "approve_unit")

    sync_builtin_roles()

    assert {"basedata.add_phrase", "basedata.change_phrase", "basedata.delete_phrase"} <= perms_of("unit_admin")
    assert "basedata.view_phrase" in perms_of("officer")
    assert "basedata.add_phrase" not in perms_of("officer")
    assert "org.approve_unit" in perms_of("squad_leader")
    assert "org.approve_unit" in perms_of("leader")
    assert "org.approve_unit" not in perms_of("officer")


def test_permission_added_by_hand_survives_a_sync_and_goes_with_reset(db):
    sync_builtin_roles()
    officer = Role.objects.get(code="officer")
    extra = Permission.objects.get(content_type__app_label="core", codename="view_numberrule")
    officer.permissions.add(extra)

    call_command("sync_roles", stdout=StringIO())
    assert "core.view_numberrule" in perms_of("officer")

    out = StringIO()
    call_command("sync_roles", reset=True, stdout=out)
    assert "core.view_numberrule" not in perms_of("officer")
    assert "移除权限 1 项" in out.getvalue()


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
    assert (result.created, result.updated, result.added, result.removed) == ([], [], 0, 0)


def test_every_catalogue_pattern_names_an_app_and_a_codename():
    for role in CATALOGUE:
        for pattern in (*role.permissions, *role.excluded):
            app_label, _, codename = pattern.partition(".")
            assert app_label and codename and "." not in codename, f"{role.code}: {pattern}"


@pytest.fixture
def no_builtin_roles(db):
    Role.objects.filter(is_builtin=True).delete()


def signal_kwargs(label: str) -> dict:
    config = apps.get_app_config(label)
    return {"sender": config, "app_config": config, "using": "default", "apps": apps, "verbosity": 0,
            "interactive": False, "plan": []}


def test_post_migrate_of_the_last_app_syncs_the_roles(no_builtin_roles):
    post_migrate.send(**signal_kwargs(last_migrated_app_label()))
    assert set(Role.objects.filter(is_builtin=True).values_list("code", flat=True)) == set(EXPECTED)


def test_post_migrate_of_an_earlier_app_does_not_sync(no_builtin_roles):
    post_migrate.send(**signal_kwargs("org"))
    assert not Role.objects.filter(is_builtin=True).exists()


def test_unit_scope_of_the_builtin_officer_role_hides_other_units(city):
    sync_builtin_roles()
    officer = factories.user(city["yantian"], roles=[Role.objects.get(code="officer")])
    assert set(Unit.objects.restrict(officer, "view")) == {city["yantian"]}
