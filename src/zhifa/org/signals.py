"""Signal handlers of the organisation context, imported by ``OrgConfig.ready``."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.dispatch import receiver


def last_migrated_app_label() -> str:
    """The app whose ``post_migrate`` is sent last: by then every app's permissions exist."""
    return [config for config in global_apps.get_app_configs() if config.models_module is not None][-1].label


@receiver(post_migrate, dispatch_uid="zhifa.org.sync_builtin_roles")
def sync_roles_after_migrate(sender, app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, verbosity=1, **kwargs):
    """Bring the built-in roles up to date after ``migrate`` (and after ``flush``).

    Django sends ``post_migrate`` once per app and creates each app's permissions in its own
    handler, so the roles are synchronised on the last app's signal only. Nothing happens when
    the migrated state has no role or audit tables (e.g. ``migrate org zero``) or on another
    database than the default one.
    """
    if using != DEFAULT_DB_ALIAS or app_config.label != last_migrated_app_label():
        return
    try:
        apps.get_model("org", "Role")
        apps.get_model("core", "AuditEntry")
    except LookupError:
        return
    from .roles_catalogue import sync_builtin_roles

    result = sync_builtin_roles()
    if verbosity >= 2 and (result.created or result.updated):
        print(f"内置角色：新增 {len(result.created)} 个，更新 {len(result.updated)} 个，授予权限 {result.added} 项。")
