"""Authentication backend whose permissions come from roles (permissions are data)."""

from django.contrib.auth.backends import ModelBackend

from .scopes import permission_scopes


class RoleBackend(ModelBackend):
    """Password authentication; ``has_perm`` answers from the user's roles."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(permission_scopes(user_obj))

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
