"""What the case page is made of: tabs and actions that the case's modules register.

The case page (立案, 调查, 听证, 执行, 救济, 预警, 文书 …) is assembled from parts that live with the
module they belong to, so that hearing, execution, remedies, warnings and documents each keep their
screens next to their services. A module registers its parts once, in its ``AppConfig.ready`` (or a
module imported from there):

- ``register_tab(CaseTab(...))`` — a tab: its Chinese label, the template of its body and a
  function ``context(case, user) -> dict`` giving what the template needs (``None`` hides the tab
  for this case and user).
- ``register_action(CaseAction(...))`` — something a person can do to the case from its page: its
  Chinese label, the URL name it opens (called with the case's ``pk``) and a function
  ``refusal(case, user) -> str`` that answers ``""`` when the user may take it now, or the Chinese
  reason why not (the page shows the reason next to the greyed-out button). ``applies(case)``
  hides actions that make no sense for the case at all (e.g. 听证 on a 简易程序 case).
- An action that is a small form calling one service carries an ``ActionForm`` (``form_action``
  builds both); ``cases/views/actions.py`` serves every such action with one view at
  ``cases:<key>``.

The reasons come from the same services that refuse the write, so the page never offers what the
service would refuse, and never hides why. The page asks every action of the same case instance:
``zhifa.cases.facts.read_once`` lets those checks read the case's facts once per request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse


def _always(case) -> bool:
    return True


def _no_extras(case) -> dict:
    return {}


def _as_given(data: dict) -> dict:
    return data


def _no_note(result) -> str:
    return ""


def case_page(case) -> str:
    """The case page, where an action returns unless it says otherwise."""
    return reverse("cases:case_detail", args=[case.pk])


@dataclass(frozen=True)
class ActionForm:
    """The form page of an action: what it asks, which service it calls, where it returns.

    The view builds ``form(data, files, user=user, **extras(case))``, on first showing with
    ``initial(case)``; on submit it calls
    ``service(case=case, actor=user, **arguments(cleaned_data))`` and redirects to ``back(case)``
    with the ``done`` message (and ``note(result)`` as a warning when there is one). A refusal of
    the service lands on the field it names. ``refused`` words the closed page.
    """

    form: type
    service: Callable[..., Any]
    arguments: Callable[[dict], dict] = _as_given
    extras: Callable[[Any], dict] = _no_extras
    initial: Callable[[Any], dict] = _no_extras
    title: str = ""
    files: bool = False
    done: str = "{title}已保存"
    refused: str = "暂不能办理：{reason}"
    note: Callable[[Any], str] = _no_note
    back: Callable[[Any], str] = case_page


@dataclass(frozen=True)
class CaseTab:
    """One tab of the case page."""

    key: str
    label: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class CaseAction:
    """One action offered on the case page, with the reason when it cannot be taken now."""

    key: str
    label: str
    url_name: str
    refusal: Callable[[Any, Any], str]
    applies: Callable[[Any], bool] = field(default=_always)
    order: int = 100
    style: str = "secondary"
    page: ActionForm | None = None

    @property
    def title(self) -> str:
        """The heading of the action's form page (its label unless the page names it otherwise)."""
        return (self.page.title if self.page else "") or self.label


def form_action(*, key: str, label: str, refusal: Callable[[Any, Any], str], page: ActionForm,
                **options) -> CaseAction:
    """An action served by the one action view at ``cases:<key>``."""
    return CaseAction(key=key, label=label, url_name=f"cases:{key}", refusal=refusal, page=page, **options)


@dataclass(frozen=True)
class OfferedAction:
    """An action as the page shows it to one user: its link, or the reason it is greyed out."""

    action: CaseAction
    url: str
    refusal: str

    @property
    def allowed(self) -> bool:
        return not self.refusal


@dataclass(frozen=True)
class ShownTab:
    """A tab as the page shows it to one user, with its template context."""

    tab: CaseTab
    context: dict


_TABS: dict[str, CaseTab] = {}
_ACTIONS: dict[str, CaseAction] = {}


def register_tab(tab: CaseTab) -> CaseTab:
    """Add a tab to the case page; registering the same key twice is a programming error."""
    if tab.key in _TABS and _TABS[tab.key] != tab:
        raise ValueError(f"case tab {tab.key!r} registered twice")
    _TABS[tab.key] = tab
    return tab


def register_action(*actions: CaseAction) -> None:
    """Add actions to the case page; registering the same key twice is a programming error."""
    for action in actions:
        if action.key in _ACTIONS and _ACTIONS[action.key] != action:
            raise ValueError(f"case action {action.key!r} registered twice")
        _ACTIONS[action.key] = action


def form_actions() -> list[CaseAction]:
    """Every registered action that has a form page (the URLs of the one action view)."""
    return [action for action in _ACTIONS.values() if action.page is not None]


def registered_action(key: str) -> CaseAction:
    """The action registered under ``key`` (``KeyError`` when none is)."""
    return _ACTIONS[key]


def tabs_for(case, user, keys=None) -> list[ShownTab]:
    """The tabs this user sees on this case (only ``keys`` when given), in order, each with its context."""
    shown = []
    for tab in sorted(_TABS.values(), key=lambda t: (t.order, t.key)):
        if keys is not None and tab.key not in keys:
            continue
        context = tab.context(case, user)
        if context is not None:
            shown.append(ShownTab(tab=tab, context=context))
    return shown


def actions_for(case, user, keys=None) -> list[OfferedAction]:
    """Every action that applies to this case (only ``keys`` when given), each with its link or the reason it
    is not open to the user."""
    offered = []
    for action in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.key)):
        if (keys is not None and action.key not in keys) or not action.applies(case):
            continue
        offered.append(
            OfferedAction(
                action=action,
                url=reverse(action.url_name, args=[case.pk]),
                refusal=action.refusal(case, user),
            )
        )
    return offered
