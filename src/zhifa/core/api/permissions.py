"""API permission: the model permission of the request's action, from the user's roles."""

from rest_framework.permissions import BasePermission

from zhifa.core.gate import can_model

ACTION_BY_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


def action_for_method(method: str) -> str:
    """The permission-gate action of an HTTP method (unknown methods need ``change``)."""
    return ACTION_BY_METHOD.get(method.upper(), "change")


class ModelPermission(BasePermission):
    """Allows the request when the user holds the model permission for its action at all.

    Which rows the user reaches is decided by the restricted queryset of the view: a row outside
    the user's scope answers 404.
    """

    message = "没有权限执行该操作"

    def has_permission(self, request, view):
        user = request.user
        if not user or not user.is_authenticated:
            return False
        return can_model(user, action_for_method(request.method), view.queryset.model)
