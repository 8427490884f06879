"""The action forms of execution and remedies, and the page that gathers them for one case.

Each view finds the case through the permission gate (404 outside the user's scope), shows the
same refusal the service would give instead of a form, and hands the input to the service; a
refusal from the service lands on the form next to the field it names, nothing having been saved.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View

from ..forms import execution as forms
from ..actions_execution import ACTION_KEYS, TABS
from ..links import case_page_url
from ..models import Case
from ..page import actions_for
from ..services import execution as execution_services
from ..services import remedies as remedy_services

FORM_TEMPLATE = "cases/execution/action_form.html"
DONE = "{label}已登记"


def visible_cases(user):
    return Case.objects.restrict(user, "view").select_related("unit")


def form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the fields."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class CaseActionView(LoginRequiredMixin, View):
    """One action on a case: the form, or the reason it cannot be taken; the write goes to the service.

    The form's fields are named like the service's keyword arguments; ``arguments`` translates
    where they differ, ``after`` gives a warning to show once the write succeeded.
    """

    label = ""
    form_class: type
    refusal: Callable[..., str]
    service: Callable[..., object]
    initial_today: tuple[str, ...] = ()

    def initial(self, case) -> dict:
        return dict.fromkeys(self.initial_today, timezone.localdate())

    def arguments(self, data: dict) -> dict:
        return data

    def after(self, result) -> str:
        return ""

    def page(self, request, case, form, reason: str, status: int = 200):
        return render(request, FORM_TEMPLATE, {
            "case": case, "form": form, "reason": reason, "label": self.label, "back_url": case_page_url(case),
        }, status=status)

    def get(self, request, pk):
        case = get_object_or_404(visible_cases(request.user), pk=pk)
        reason = self.refusal(case=case, actor=request.user)
        form = None if reason else self.form_class(initial=self.initial(case), user=request.user)
        return self.page(request, case, form, reason)

    def post(self, request, pk):
        case = get_object_or_404(visible_cases(request.user), pk=pk)
        form = self.form_class(request.POST, user=request.user)
        if not form.is_valid():
            return self.page(request, case, form, "", status=400)
        try:
            result = self.service(case=case, actor=request.user, **self.arguments(form.cleaned_data))
        except ValidationError as error:
            form_errors(form, error)
            return self.page(request, case, form, "", status=400)
        messages.success(request, DONE.format(label=self.label))
        note = self.after(result)
        if note:
            messages.warning(request, note)
        return redirect(case_page_url(case))


class ExecutionOpenView(CaseActionView):
    label, form_class, initial_today = "登记送达", forms.ServedForm, ("served_on",)
    refusal = staticmethod(execution_services.execution_open_refusal)
    service = staticmethod(execution_services.execution_open)


class PaymentView(CaseActionView):
    label, form_class, initial_today = "缴款", forms.PaymentForm, ("paid_on",)
    refusal = staticmethod(execution_services.payment_refusal)
    service = staticmethod(execution_services.payment_register)


class ArrangementApplyView(CaseActionView):
    label, form_class = "延期（分期）缴纳申请", forms.ArrangementForm
    refusal = staticmethod(execution_services.arrangement_refusal)
    service = staticmethod(execution_services.arrangement_apply)


class ArrangementDecideView(CaseActionView):
    label, form_class = "延期（分期）缴纳审批", forms.ArrangementDecisionForm
    refusal = staticmethod(execution_services.arrangement_decision_refusal)
    service = staticmethod(execution_services.arrangement_decide)

    def arguments(self, data):
        return {"approve": data["decision"] == "approve", "opinion": data["opinion"]}


class ReminderView(CaseActionView):
    label, form_class, initial_today = "催告", forms.ReminderForm, ("served_on",)
    refusal = staticmethod(execution_services.reminder_refusal)
    service = staticmethod(execution_services.reminder_issue)

    def initial(self, case):
        return {**super().initial(case), "content": execution_services.reminder_text(execution_services.execution_of(case))}


class CourtApplyView(CaseActionView):
    label, form_class, initial_today = "申请强制执行", forms.CourtForm, ("applied_on",)
    refusal = staticmethod(execution_services.court_application_refusal)
    service = staticmethod(execution_services.court_apply)


class ExecutionEndView(CaseActionView):
    label, form_class = "终结执行", forms.EndForm
    refusal = staticmethod(execution_services.execution_end_refusal)
    service = staticmethod(execution_services.execution_end)


class ConfiscatedView(CaseActionView):
    label, form_class = "罚没物品", forms.ConfiscatedForm
    refusal = staticmethod(execution_services.confiscated_refusal)
    service = staticmethod(execution_services.confiscated_item_add)


class RemedyView(CaseActionView):
    label, form_class = "复议（诉讼）", forms.RemedyForm
    refusal = staticmethod(remedy_services.remedy_refusal)
    service = staticmethod(remedy_services.remedy_register)

    def after(self, result):
        return remedy_services.late_message(result)


class RemedyConclusionView(CaseActionView):
    label, form_class = "复议（诉讼）结果", forms.RemedyConclusionForm
    refusal = staticmethod(remedy_services.remedy_conclude_refusal)
    service = staticmethod(remedy_services.remedy_conclude)


class CaseExecutionView(LoginRequiredMixin, View):
    """执行与救济: the case's execution, remedies and warnings tabs with their actions, on one page."""

    def get(self, request, pk):
        case = get_object_or_404(visible_cases(request.user), pk=pk)
        tabs = []
        for tab in TABS:
            context = tab.context(case, request.user)
            if context is not None:
                tabs.append((tab, render_to_string(tab.template, {**context, "case": case}, request=request)))
        return render(request, "cases/execution/case_execution.html", {
            "case": case,
            "tabs": tabs,
            "actions": [offered for offered in actions_for(case, request.user) if offered.action.key in ACTION_KEYS],
        })
