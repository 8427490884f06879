"""Views registered per model and action, and the URL patterns built from them (NetBox's idea).

An app decorates its view classes and adds two lines to its ``urls.py``::

    @register_model_view(Unit, "list")
    class UnitListView(ObjectListView): ...

    urlpatterns = [*get_model_urls("org", "unit")]

which yields ``org:unit_list`` (``units/``), ``org:unit_detail`` (``units/<pk>/``) and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, path

from zhifa.core.reversing import pk_reverse, plain_reverse

LIST_ACTIONS = {
    "list": "",
    "add": "add/",
    "import": "import/",
    "export": "export/",
    "bulk_edit": "edit/",
    "bulk_delete": "delete/",
}
OBJECT_ACTIONS = {"detail": "", "edit": "edit/", "delete": "delete/"}


@dataclass(frozen=True)
class Registration:
    """One view of one model: the action it serves and where its URL sits."""

    view: type
    action: str
    detail: bool
    route: str


_registry: dict[tuple[str, str], dict[str, Registration]] = {}


def register_model_view(model, action: str, *, detail: bool | None = None, route: str | None = None):
    """Class decorator registering a view of ``model`` for ``action``.

    The standard actions have fixed routes; any other action (e.g. ``"deactivate"``) is an
    object-level page at ``<pk>/<action>/`` unless ``detail=False``.
    """
    if action in LIST_ACTIONS:
        detail, default_route = False, LIST_ACTIONS[action]
    elif action in OBJECT_ACTIONS:
        detail, default_route = True, OBJECT_ACTIONS[action]
    else:
        detail = True if detail is None else detail
        default_route = f"{action}/"

    def decorator(view):
        key = (model._meta.app_label, model._meta.model_name)
        _registry.setdefault(key, {})[action] = Registration(view, action, detail, route or default_route)
        return view

    return decorator


def models_with(action: str) -> list[tuple[str, str]]:
    """``(app_label, model_name)`` of every model that registered a view for ``action``, sorted."""
    return sorted(key for key, actions in _registry.items() if action in actions)


def registered_view(model, action: str) -> type:
    """The view class registered for ``model`` and ``action`` (``KeyError`` when there is none)."""
    return _registry[(model._meta.app_label, model._meta.model_name)][action].view


def registered_actions(model) -> set[str]:
    """The actions that have a view for ``model``."""
    return set(_registry.get((model._meta.app_label, model._meta.model_name), {}))


def get_model_urls(app_label: str, model_name: str, *, prefix: str | None = None) -> list:
    """URL patterns for every registered view of the model, named ``<model_name>_<action>``.

    ``prefix`` defaults to the plural-looking ``<model_name>s/``. List-level routes come first.
    """
    prefix = f"{model_name}s/" if prefix is None else prefix
    registrations = sorted(_registry.get((app_label, model_name), {}).values(), key=lambda r: r.detail)
    patterns = []
    for registration in registrations:
        route = f"{prefix}<int:pk>/{registration.route}" if registration.detail else f"{prefix}{registration.route}"
        patterns.append(path(route, registration.view.as_view(), name=f"{model_name}_{registration.action}"))
    return patterns


def url_name(model, action: str) -> str:
    return f"{model._meta.app_label}:{model._meta.model_name}_{action}"


def model_url(model, action: str, obj=None) -> str | None:
    """The URL of ``action`` for ``model`` (and ``obj`` for object-level actions), or None."""
    if action not in registered_actions(model):
        return None
    try:
        if obj is not None:
            return pk_reverse(url_name(model, action), obj.pk)
        return plain_reverse(url_name(model, action))
    except NoReverseMatch:
        return None
