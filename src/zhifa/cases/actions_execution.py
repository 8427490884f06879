"""The case page's execution, remedies and warnings tabs, and their actions (imported by ``CasesConfig.ready``).

Every action's reason comes from the ``…_refusal`` function its service calls before writing.
"""

from __future__ import annotations

from collections.abc import Callable

from zhifa.core.gate import can_model

from .models import CaseExecution, CaseRemedy, CaseWarning, ConfiscatedItem
from .page import CaseAction, CaseTab, register_action, register_tab
from .services import execution as execution_services
from .services import remedies as remedy_services
from .services.warnings import most_severe_first

RECENTLY_CLEARED = 10


def _asked(check: Callable[..., str]) -> Callable[[object, object], str]:
    """The page's ``refusal(case, user)`` from a service check ``check(*, case, actor)``."""
    return lambda case, user: check(case=case, actor=user)


def _fined(case) -> bool:
    return case.fine_amount > 0


def execution_context(case, user) -> dict | None:
    """The execution tab: what is owed and paid, arrangements, 催告, the court window, confiscated goods."""
    if not can_model(user, "view", CaseExecution):
        return None
    execution = CaseExecution.objects.filter(case=case).restrict(user, "view").select_related("case").first()
    context = {
        "execution": execution,
        "items": list(ConfiscatedItem.objects.filter(case=case).restrict(user, "view")),
    }
    if execution is not None:
        context.update(
            money=execution_services.ledger_of(execution),
            payments=list(execution.payments.all()),
            arrangements=list(execution.arrangements.select_related("decided_by").prefetch_related("instalments")),
            reminders=list(execution.reminders.all()),
            window=execution_services.court_window(execution),
        )
    return context


def remedies_context(case, user) -> dict | None:
    """The remedies tab: every 复议 and 诉讼, late applications marked."""
    if not can_model(user, "view", CaseRemedy):
        return None
    remedies = list(CaseRemedy.objects.filter(case=case).restrict(user, "view").order_by("applied_on", "pk"))
    return {"remedies": [(remedy, remedy_services.late_message(remedy)) for remedy in remedies]}


def warnings_context(case, user) -> dict | None:
    """The warnings tab: open warnings, most severe first, and the last cleared ones."""
    if not can_model(user, "view", CaseWarning):
        return None
    visible = CaseWarning.objects.filter(case=case).restrict(user, "view")
    cleared = visible.exclude(cleared_at=None).order_by("-cleared_at")[:RECENTLY_CLEARED]
    return {"open": most_severe_first(visible.filter(cleared_at=None)), "cleared": list(cleared)}


TABS = (
    CaseTab(key="execution", label="执行", template="cases/tabs/execution.html", context=execution_context, order=60),
    CaseTab(key="remedies", label="复议诉讼", template="cases/tabs/remedies.html", context=remedies_context, order=70),
    CaseTab(key="warnings", label="预警", template="cases/tabs/warnings.html", context=warnings_context, order=80),
)

ACTIONS = (
    CaseAction(key="execution_open", label="登记送达", url_name="cases:execution_open", order=60, applies=_fined,
               refusal=_asked(execution_services.execution_open_refusal)),
    CaseAction(key="payment_register", label="登记缴款", url_name="cases:payment_register", order=61,
               applies=_fined, refusal=_asked(execution_services.payment_refusal), style="primary"),
    CaseAction(key="arrangement_apply", label="申请延期/分期缴纳", url_name="cases:arrangement_apply", order=62,
               applies=_fined, refusal=_asked(execution_services.arrangement_refusal)),
    CaseAction(key="arrangement_decide", label="审批延期", url_name="cases:arrangement_decide", order=63,
               applies=_fined, refusal=_asked(execution_services.arrangement_decision_refusal)),
    CaseAction(key="reminder_issue", label="催告", url_name="cases:reminder_issue", order=64, applies=_fined,
               refusal=_asked(execution_services.reminder_refusal)),
    CaseAction(key="court_apply", label="申请强制执行", url_name="cases:court_apply", order=65, applies=_fined,
               refusal=_asked(execution_services.court_application_refusal)),
    CaseAction(key="execution_end", label="终结执行", url_name="cases:execution_end", order=66, applies=_fined,
               refusal=_asked(execution_services.execution_end_refusal)),
    CaseAction(key="confiscated_add", label="登记罚没物品", url_name="cases:confiscated_add", order=67,
               refusal=_asked(execution_services.confiscated_refusal)),
    CaseAction(key="remedy_register", label="登记复议/诉讼", url_name="cases:remedy_register", order=70,
               refusal=_asked(remedy_services.remedy_refusal)),
    CaseAction(key="remedy_conclude", label="登记复议结果", url_name="cases:remedy_conclude", order=71,
               refusal=_asked(remedy_services.remedy_conclude_refusal)),
)

ACTION_KEYS = {action.key for action in ACTIONS}

for _tab in TABS:
    register_tab(_tab)
for _action in ACTIONS:
    register_action(_action)
