"""案件登记, the 简易程序 one-screen decision (with its live legal check) and the way to one's current step."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from zhifa.core.views.generic import GenericView, register_model_view
from zhifa.core.views.generic.writes import attach_errors

from ..actions.base import my_open_item, task_refusal
from ..forms.cases import CaseRegisterForm, SimpleDecideForm
from ..models import Case
from ..services import case_register, simple_decide
from ..services.screens import simple_decide_refusal, simple_decide_refusals

MSG_NO_UNIT = "您的账号没有所属单位，不能登记案件"
MSG_REGISTERED = "已登记案件“{case}”"
MSG_DECIDED = "已作出当场处罚决定，案件编号 {number}"


@register_model_view(Case, "add")
class CaseRegisterView(GenericView):
    """案件登记: the case is registered in the user's unit; a 一般程序 case starts its procedure."""

    queryset = Case.objects.all()
    permission_action = "add"
    template_name = "cases/register.html"

    def render(self, form, status=200):
        return TemplateResponse(self.request, self.template_name, {**self.base_context(), "form": form}, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(CaseRegisterForm(user=request.user, initial={"procedure_type": request.GET.get("procedure_type", "")}))

    def post(self, request, *args, **kwargs):
        form = CaseRegisterForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.user.unit_id is None:
                    raise ValidationError(MSG_NO_UNIT)
                case = case_register(
                    unit=request.user.unit, actor=request.user, procedure_type=data["procedure_type"],
                    source=data["source"], source_note=data["source_note"], cause=data["cause"], facts=data["facts"],
                    parties=list(data["parties"]), lead=data["lead"], assistants=list(data["assistants"]),
                    fine_amount=data["fine_amount"], requires_legal_review=data["requires_legal_review"],
                    requires_collective_discussion=data["requires_collective_discussion"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, MSG_REGISTERED.format(case=case))
                return redirect(case.get_absolute_url())
        return self.render(form, status=400)


def _decimal(value: str) -> Decimal | None:
    try:
        amount = Decimal((value or "").strip() or "0")
    except InvalidOperation:
        return None
    return amount if amount >= 0 else None


class SimpleDecideView(GenericView):
    """简易程序 当场处罚 on one screen; the legal check is shown while the fine is typed (htmx)."""

    queryset = Case.objects.select_related("unit")
    permission_action = "change"
    template_name = "cases/simple_decide.html"

    def get_object(self) -> Case:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def check_context(self, case: Case, data) -> dict:
        amount = _decimal(data.get("fine_amount", ""))
        if amount is None:
            return {"refusals": [], "amount_invalid": True}
        refusals = simple_decide_refusals(case=case, fine_amount=amount, notified=bool(data.get("notified")),
                                          notice_waived=bool(data.get("notice_waived")))
        return {"refusals": [refusal.text() for refusal in refusals], "amount_invalid": False, "checked": True}

    def render(self, case, form, *, check=None, status=200):
        context = {**self.base_context(case), "case": case, "object": case, "form": form,
                   "refusal": simple_decide_refusal(case=case, actor=self.request.user), **(check or {})}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        case = self.get_object()
        if request.htmx:
            return TemplateResponse(request, "cases/_simple_check.html", self.check_context(case, request.GET))
        return self.render(case, SimpleDecideForm(user=request.user, initial={"fine_amount": case.fine_amount}))

    def post(self, request, *args, **kwargs):
        case = self.get_object()
        form = SimpleDecideForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = simple_decide(case=case, actor=request.user, fine_amount=data["fine_amount"],
                                     notified=data["notified"], notice_waived=data["notice_waived"])
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, MSG_DECIDED.format(number=case.number))
                return redirect(case.get_absolute_url())
        return self.render(case, form, status=400)


class CaseTaskView(GenericView):
    """办理当前环节: opens the user's open work item of the case's process (the workflow's task page)."""

    queryset = Case.objects.select_related("process")

    def get(self, request, *args, **kwargs):
        case = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        item = my_open_item(case, request.user)
        if item is None:
            messages.error(request, task_refusal(case, request.user))
            return redirect(case.get_absolute_url())
        return redirect(item.get_absolute_url())
