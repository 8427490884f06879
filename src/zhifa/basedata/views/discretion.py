"""Screens of the discretion standards: list, detail (levels, claims, history, life-cycle buttons),
the create/edit form of a draft with its levels, and one POST view per life-cycle step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from zhifa.core.views.generic import ObjectDetailView, ObjectListView, register_model_view
from zhifa.core.views.generic.base import GenericView

from ..filtersets.discretion import DiscretionStandardFilterSet
from ..forms.discretion import StandardForm, level_formset
from ..models.discretion import DiscretionStandard
from ..services import discretion as svc
from ..services.discretion_access import EDITABLE, own_claim, step_options
from ..tables.discretion import DiscretionStandardTable

MSG_NOT_EDITABLE = "只有草稿或已退回的基准可以修改"
MSG_NO_UNIT = "您没有所属单位，不能制定裁量基准"
MSG_DONE = {
    "submit": "已提交审核",
    "approve": "已审核通过",
    "reject": "已退回",
    "publish": "已发布",
    "claim": "已认领",
    "propose": "已提出调整，请完善后提交审核",
    "saved": "已保存",
}


#: Label and button style of each life-cycle step on the detail page.
STEP_BUTTONS = {
    "edit": ("编辑", "btn-primary"),
    "submit": ("提交审核", "btn-primary"),
    "review": ("审核通过", "btn-success"),
    "publish": ("发布", "btn-primary"),
    "claim": ("认领", "btn-primary"),
    "propose": ("提出调整", "btn-outline-primary"),
    "new_version": ("修订新版本", "btn-outline-primary"),
}


def step_buttons(standard: DiscretionStandard, options: dict[str, str]) -> list[dict]:
    """The buttons of the steps ``options`` offers (``step_options``): enabled, or disabled with the reason."""
    buttons = []
    for step, refusal in options.items():
        label, style = STEP_BUTTONS[step]
        name = "approve" if step == "review" else step
        buttons.append({"step": step, "label": label, "style": style, "refusal": refusal,
                        "url": reverse(f"basedata:discretionstandard_{name}", args=[standard.pk])})
    return buttons


@register_model_view(DiscretionStandard, "list")
class DiscretionStandardListView(ObjectListView):
    queryset = DiscretionStandard.objects.select_related("power", "unit", "parent", "parent__power")
    filterset = DiscretionStandardFilterSet
    table = DiscretionStandardTable


@register_model_view(DiscretionStandard, "detail")
class DiscretionStandardDetailView(ObjectDetailView):
    """The standard's levels, the units that claim it, its full history and the steps the user may take."""

    queryset = DiscretionStandard.objects.select_related("power", "unit", "parent", "previous", "created_by")
    template_name = "basedata/discretion/standard_detail.html"
    fields = ("title", "power", "unit", "parent", "previous", "status", "version", "reject_reason", "published_at",
              "created_at", "created_by")

    def get_extra_context(self, obj) -> dict:
        options = step_options(obj, self.request.user)
        return {
            "levels": obj.levels.all(),
            "claims": obj.claims.select_related("unit"),
            "history": svc.standard_history(obj),
            "steps": step_buttons(obj, options),
            "can_review": options.get("review") == "",
        }


# --- life-cycle steps ------------------------------------------------------------------------


class StandardStepView(GenericView):
    """POST one life-cycle step on a standard the user may see; refusals come back as a message."""

    queryset = DiscretionStandard.objects.select_related("unit", "unit__parent")
    step = ""
    http_method_names = ["post"]

    def perform(self, standard, user):
        """Call the service; return the object to show next (default: the standard)."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        standard = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            target = self.perform(standard, request.user) or standard
        except (ValidationError, PermissionDenied) as exc:
            text = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
            return redirect(standard.get_absolute_url())
        messages.success(request, MSG_DONE[self.step])
        return redirect(target.get_absolute_url())


@register_model_view(DiscretionStandard, "submit")
class StandardSubmitView(StandardStepView):
    step = "submit"

    def perform(self, standard, user):
        return svc.standard_submit(standard=standard, user=user)


@register_model_view(DiscretionStandard, "approve")
class StandardApproveView(StandardStepView):
    step = "approve"

    def perform(self, standard, user):
        return svc.standard_review(standard=standard, user=user, decision="approve")


@register_model_view(DiscretionStandard, "reject")
class StandardRejectView(StandardStepView):
    step = "reject"

    def perform(self, standard, user):
        return svc.standard_review(standard=standard, user=user, decision="reject",
                                   reason=self.request.POST.get("reason", ""))


@register_model_view(DiscretionStandard, "publish")
class StandardPublishView(StandardStepView):
    step = "publish"

    def perform(self, standard, user):
        return svc.standard_publish(standard=standard, user=user)


@register_model_view(DiscretionStandard, "claim")
class StandardClaimView(StandardStepView):
    step = "claim"

    def perform(self, standard, user):
        if user.unit is None:
            raise PermissionDenied(svc.MSG_NOT_CLAIMING_UNIT)
        svc.standard_claim(standard=standard, unit=user.unit, user=user)
        return standard


@register_model_view(DiscretionStandard, "propose")
class StandardProposeView(StandardStepView):
    step = "propose"

    def perform(self, standard, user):
        claim = own_claim(standard, user)
        if claim is None:
            raise PermissionDenied(svc.MSG_NOT_CLAIMING_UNIT)
        return svc.standard_propose_adjustment(claim=claim, user=user, reason=self.request.POST.get("reason", ""))


@register_model_view(DiscretionStandard, "new_version")
class StandardNewVersionView(StandardStepView):
    step = "saved"

    def perform(self, standard, user):
        return svc.standard_new_version(standard=standard, user=user)


# --- create / edit a draft with its levels ---------------------------------------------------


@register_model_view(DiscretionStandard, "add")
@register_model_view(DiscretionStandard, "edit")
class DiscretionStandardEditView(GenericView):
    """Write a new draft, or change a draft/rejected standard of the user's own unit, with its levels."""

    queryset = DiscretionStandard.objects.select_related("unit", "power")
    template_name = "basedata/discretion/standard_edit.html"

    def gate_action(self) -> str:
        return "change" if "pk" in self.kwargs else "add"

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return DiscretionStandard(unit=self.request.user.unit)

    def refusal(self, obj) -> str:
        if self.request.user.unit_id is None:
            return MSG_NO_UNIT
        if obj.pk and obj.status not in EDITABLE:
            return MSG_NOT_EDITABLE
        return ""

    def render(self, obj, form, formset):
        context = {**self.base_context(obj), "object": obj, "form": form, "formset": formset,
                   "creating": obj.pk is None}
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        refusal = self.refusal(obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(obj.get_absolute_url() if obj.pk else "basedata:discretionstandard_list")
        formset = level_formset(3 if obj.pk is None else 1)(instance=obj, prefix="levels")
        return self.render(obj, StandardForm(instance=obj, user=request.user), formset)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        refusal = self.refusal(obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(obj.get_absolute_url() if obj.pk else "basedata:discretionstandard_list")
        form = StandardForm(request.POST, instance=obj, user=request.user)
        formset = level_formset(0)(request.POST, instance=obj, prefix="levels")
        if form.is_valid() and formset.is_valid():
            levels = [
                {name: value for name, value in row.cleaned_data.items() if name in svc.LEVEL_FIELDS}
                for row in formset.forms
                if (row.instance.pk or row.has_changed()) and row.cleaned_data and not row.cleaned_data.get("DELETE")
            ]
            try:
                if obj.pk is None:
                    saved = svc.standard_create(standard=form.instance, levels=levels, user=request.user)
                else:
                    saved = svc.standard_revise(standard=obj, levels=levels, user=request.user,
                                                title=form.cleaned_data["title"],
                                                reason=request.POST.get("reason", ""))
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_error(None, "；".join(exc.messages))
            else:
                messages.success(request, MSG_DONE["saved"])
                return redirect(saved.get_absolute_url())
        return self.render(obj, form, formset)
