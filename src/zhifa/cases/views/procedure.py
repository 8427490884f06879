"""The small form pages of the procedure actions (听证, 告知, 决定, 延期, 中止 …) and the procedure overview.

Each page reads the case through the permission gate, shows why the action is closed when it is,
and hands the input to the action's service; a refusal is shown on the form, nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import View

from ..models import Case
from ..page import tabs_for
from ..steps import STEPS

DONE = "{label}已保存"


def visible_case(user, pk) -> Case:
    """The case ``pk`` if ``user`` may view it, else 404 (another district's case does not exist for them)."""
    return get_object_or_404(Case.objects.restrict(user, "view").select_related("unit", "process"), pk=pk)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ProcedureActionView(LoginRequiredMixin, View):
    """One action's form: GET shows it (or the reason it is closed), POST runs the service."""

    key = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = STEPS[self.key]

    def _page(self, request, case, form, status=200):
        refusal = self.step.refusal(case, request.user)
        return render(request, "cases/procedure/action.html",
                      {"case": case, "step": self.step, "form": form, "refusal": refusal}, status=status)

    def _case(self, request, pk) -> Case:
        case = visible_case(request.user, pk)
        if not self.step.applies(case):
            raise Http404
        return case

    def get(self, request, pk):
        case = self._case(request, pk)
        return self._page(request, case, self.step.form(**self.step.form_kwargs(case, request.user)))

    def post(self, request, pk):
        case = self._case(request, pk)
        files = request.FILES if self.step.files else None
        form = self.step.form(request.POST, files, **self.step.form_kwargs(case, request.user))
        if form.is_valid():
            try:
                self.step.perform(case, request.user, dict(form.cleaned_data))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, DONE.format(label=self.step.label))
                return redirect(reverse("cases:procedure", args=[case.pk]))
        return self._page(request, case, form, status=400)


class ProcedureView(LoginRequiredMixin, View):
    """办案程序: the case's hearing, deadlines and side procedures, with every action and why it is closed."""

    def get(self, request, pk):
        case = visible_case(request.user, pk)
        offered = [(step, step.refusal(case, request.user)) for step in sorted(STEPS.values(), key=lambda s: s.order)
                   if step.applies(case)]
        tabs = [(shown.tab.label, render_to_string(shown.tab.template, {"case": case, **shown.context}, request))
                for shown in tabs_for(case, request.user) if shown.tab.key in ("hearing", "deadlines")]
        return render(request, "cases/procedure/overview.html", {"case": case, "offered": offered, "tabs": tabs})
