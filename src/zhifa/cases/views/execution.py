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

from .. import forms_execution as forms
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
    """One action on a case: the form, or the reason it cannot be taken; the write goes to the service."""

    label = ""
    form_class: type
    refusal: Callable[..., str]
    success = DONE

    def initial(self, case) -> dict:
        return {}

    def perform(self, case, user, data: dict) -> str | None:
        """Call the service; return a warning for the user, if any."""
        raise NotImplementedError

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
            note = self.perform(case, request.user, form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
            return self.page(request, case, form, "", status=400)
        messages.success(request, self.success.format(label=self.label))
        if note:
            messages.warning(request, note)
        return redirect(case_page_url(case))


def _today() -> dict:
    return {"served_on": timezone.localdate()}


class ExecutionOpenView(CaseActionView):
    label = "登记送达"
    form_class = forms.ServedForm
    refusal = staticmethod(execution_services.execution_open_refusal)

    def initial(self, case):
        return _today()

    def perform(self, case, user, data):
        execution_services.execution_open(case=case, actor=user, served_on=data["served_on"])


class PaymentView(CaseActionView):
    label = "缴款"
    form_class = forms.PaymentForm
    refusal = staticmethod(execution_services.payment_refusal)

    def initial(self, case):
        return {"paid_on": timezone.localdate()}

    def perform(self, case, user, data):
        execution_services.payment_register(case=case, actor=user, paid_on=data["paid_on"], amount=data["amount"],
                                            receipt_number=data["receipt_number"], note=data["note"])


class ArrangementApplyView(CaseActionView):
    label = "延期（分期）缴纳申请"
    form_class = forms.ArrangementForm
    refusal = staticmethod(execution_services.arrangement_refusal)

    def perform(self, case, user, data):
        execution_services.arrangement_apply(
            case=case, actor=user, kind=data["kind"], applied_on=data["applied_on"], reason=data["reason"],
            deferred_to=data["deferred_to"], instalments=data["instalments"],
        )


class ArrangementDecideView(CaseActionView):
    label = "延期（分期）缴纳审批"
    form_class = forms.ArrangementDecisionForm
    refusal = staticmethod(execution_services.arrangement_decision_refusal)

    def perform(self, case, user, data):
        execution_services.arrangement_decide(case=case, actor=user, approve=data["decision"] == "approve",
                                              opinion=data["opinion"])


class ReminderView(CaseActionView):
    label = "催告"
    form_class = forms.ReminderForm
    refusal = staticmethod(execution_services.reminder_refusal)

    def initial(self, case):
        return {**_today(), "content": execution_services.reminder_text(execution_services.execution_of(case))}

    def perform(self, case, user, data):
        execution_services.reminder_issue(case=case, actor=user, served_on=data["served_on"], content=data["content"])


class CourtApplyView(CaseActionView):
    label = "申请强制执行"
    form_class = forms.CourtForm
    refusal = staticmethod(execution_services.court_application_refusal)

    def initial(self, case):
        return {"applied_on": timezone.localdate()}

    def perform(self, case, user, data):
        execution_services.court_apply(case=case, actor=user, applied_on=data["applied_on"],
                                       court_name=data["court_name"])


class ExecutionEndView(CaseActionView):
    label = "终结执行"
    form_class = forms.EndForm
    refusal = staticmethod(execution_services.execution_end_refusal)

    def perform(self, case, user, data):
        execution_services.execution_end(case=case, actor=user, ended_on=data["ended_on"], reason=data["reason"])


class ConfiscatedView(CaseActionView):
    label = "罚没物品"
    form_class = forms.ConfiscatedForm
    refusal = staticmethod(execution_services.confiscated_refusal)

    def perform(self, case, user, data):
        execution_services.confiscated_item_add(case=case, actor=user, name=data["name"], quantity=data["quantity"],
                                                unit_name=data["unit_name"], note=data["note"])


class RemedyView(CaseActionView):
    label = "复议（诉讼）"
    form_class = forms.RemedyForm
    refusal = staticmethod(remedy_services.remedy_refusal)

    def perform(self, case, user, data):
        remedy = remedy_services.remedy_register(
            case=case, actor=user, kind=data["kind"], applied_on=data["applied_on"], organ=data["organ"],
            accepted_on=data["accepted_on"], note=data["note"],
        )
        return remedy_services.late_message(remedy)


class RemedyConclusionView(CaseActionView):
    label = "复议（诉讼）结果"
    form_class = forms.RemedyConclusionForm
    refusal = staticmethod(remedy_services.remedy_conclude_refusal)

    def perform(self, case, user, data):
        remedy_services.remedy_conclude(case=case, actor=user, concluded_on=data["concluded_on"],
                                        outcome=data["outcome"], note=data["note"])


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
