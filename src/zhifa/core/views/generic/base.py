"""What every generic view shares: login, the model permission, the restricted queryset, page context."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from zhifa.core import usercache
from zhifa.core.gate import can_model

from .registry import model_url, registered_actions

GATE_ACTION = {
    "list": "view",
    "detail": "view",
    "export": "view",
    "add": "add",
    "import": "add",
    "edit": "change",
    "bulk_edit": "change",
    "delete": "delete",
    "bulk_delete": "delete",
}
"""Which permission-gate action (view/add/change/delete) each page needs."""


class ObjectViewMixin(LoginRequiredMixin):
    """Login required; the model permission for the page's action (403 without it); rows restricted.

    ``queryset`` is the base queryset (with ``select_related``/``prefetch_related`` for the page);
    ``get_queryset()`` returns it restricted to what the user may do, so a row outside the user's
    scope answers 404 and never appears in a list, an export or a dropdown.
    """

    queryset = None
    permission_action = "view"

    @property
    def model(self):
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} 需要设置 queryset")
        return self.queryset.model

    def gate_action(self) -> str:
        """The permission-gate action of this request (edit views: add or change)."""
        return self.permission_action

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_model(request.user, self.gate_action(), self.model):
            raise PermissionDenied("没有权限执行该操作")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.queryset.all().restrict(self.request.user, self.gate_action())

    def return_url(self, default: str) -> str:
        """The safe ``return_url`` of the request, else ``default``."""
        candidate = self.request.POST.get("return_url") or self.request.GET.get("return_url") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return candidate
        return default

    def permitted_actions(self, user) -> dict[str, bool]:
        """``action → whether the user may`` for every page of the model (kept per user until access changes)."""
        actions = registered_actions(self.model)
        return {action: action in actions and can_model(user, gate, self.model) for action, gate in GATE_ACTION.items()}

    def base_context(self, obj=None) -> dict:
        """Names, URLs and permitted actions of the model for the shared templates."""
        meta = self.model._meta
        user = self.request.user
        can = dict(usercache.cached(user, "model_actions", lambda: self.permitted_actions(user), meta.label))
        urls = {action: model_url(self.model, action) for action in ("list", "add", "import", "export",
                                                                     "bulk_edit", "bulk_delete")}
        if obj is not None and obj.pk is not None:
            urls.update({action: model_url(self.model, action, obj) for action in ("detail", "edit", "delete")})
        return {
            "model": self.model,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "app_verbose_name": apps.get_app_config(meta.app_label).verbose_name,
            "object_type": f"{meta.app_label}.{meta.model_name}",
            "can": can,
            "urls": urls,
            "return_url": self.return_url(""),
        }


class GenericView(ObjectViewMixin, View):
    """Base class of the generic views."""
