"""Execution (执行) on the case page: its tab and the actions 登记送达, 登记缴款, 申请延期/分期缴纳, 审批延期, 催告,
申请强制执行, 终结执行, 登记罚没物品 (``services/execution.py``).

Every action's reason comes from the ``…_refusal`` function its service calls before writing.
"""

from __future__ import annotations

from django.utils import timezone

from zhifa.core.gate import can_model

from ..forms import execution as forms
from ..models import CaseExecution, ConfiscatedItem
from ..page import ActionForm, CaseAction, CaseTab, form_action, register_action, register_tab
from ..services import execution as execution_services
from .common import EXECUTION_PAGE, asked, fined


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


def today_in(*names: str):
    """``initial`` of a form whose date fields ``names`` start at today."""
    return lambda case: dict.fromkeys(names, timezone.localdate())


def reminder_initial(case) -> dict:
    """The 催告 starts from today and the content the law asks for (``reminder_text``)."""
    execution = execution_services.execution_of(case)
    return {"served_on": timezone.localdate(), "content": execution_services.reminder_text(execution)}


def decision_arguments(data: dict) -> dict:
    """批准 / 不予批准 as the service's ``approve``."""
    return {"approve": data["decision"] == "approve", "opinion": data["opinion"]}


def _action(key: str, label: str, order: int, refusal, page: ActionForm, **options) -> CaseAction:
    return form_action(key=key, label=label, order=order, refusal=asked(refusal), page=page, **options)


ACTIONS = (
    _action("execution_open", "登记送达", 60, execution_services.execution_open_refusal, applies=fined,
            page=ActionForm(form=forms.ServedForm, service=execution_services.execution_open,
                            initial=today_in("served_on"), **EXECUTION_PAGE)),
    _action("payment_register", "登记缴款", 61, execution_services.payment_refusal, applies=fined, style="primary",
            page=ActionForm(form=forms.PaymentForm, service=execution_services.payment_register, title="缴款",
                            initial=today_in("paid_on"), **EXECUTION_PAGE)),
    _action("arrangement_apply", "申请延期/分期缴纳", 62, execution_services.arrangement_refusal, applies=fined,
            page=ActionForm(form=forms.ArrangementForm, service=execution_services.arrangement_apply,
                            title="延期（分期）缴纳申请", **EXECUTION_PAGE)),
    _action("arrangement_decide", "审批延期", 63, execution_services.arrangement_decision_refusal, applies=fined,
            page=ActionForm(form=forms.ArrangementDecisionForm, service=execution_services.arrangement_decide,
                            arguments=decision_arguments, title="延期（分期）缴纳审批", **EXECUTION_PAGE)),
    _action("reminder_issue", "催告", 64, execution_services.reminder_refusal, applies=fined,
            page=ActionForm(form=forms.ReminderForm, service=execution_services.reminder_issue,
                            initial=reminder_initial, **EXECUTION_PAGE)),
    _action("court_apply", "申请强制执行", 65, execution_services.court_application_refusal, applies=fined,
            page=ActionForm(form=forms.CourtForm, service=execution_services.court_apply,
                            initial=today_in("applied_on"), **EXECUTION_PAGE)),
    _action("execution_end", "终结执行", 66, execution_services.execution_end_refusal, applies=fined,
            page=ActionForm(form=forms.EndForm, service=execution_services.execution_end, **EXECUTION_PAGE)),
    _action("confiscated_add", "登记罚没物品", 67, execution_services.confiscated_refusal,
            page=ActionForm(form=forms.ConfiscatedForm, service=execution_services.confiscated_item_add,
                            title="罚没物品", **EXECUTION_PAGE)),
)

register_tab(CaseTab(key="execution", label="执行", template="cases/tabs/execution.html", context=execution_context,
                     order=60))
register_action(*ACTIONS)
