"""Every action on a case that is a form (``cases:<key>``), and the pages gathering a topic's actions and tabs.

One view serves every registered ``CaseAction`` with an ``ActionForm`` (``zhifa.cases.page``): it
finds the case through the permission gate (another district's case is a 404), shows the refusal
the service's own check gives instead of the form, hands the input to the service and returns to
the case with a message; a refusal of the service lands on the field it names, nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views import View

from ..actions import decision, execution, hearing, record, remedies, side
from ..facts import read_once
from ..models import Case
from ..page import actions_for, registered_action, tabs_for

FORM_TEMPLATE = "cases/actions/form.html"
SECTION_TEMPLATE = "cases/actions/section.html"


def visible_case(user, pk) -> Case:
    """The case ``pk`` if ``user`` may view it, else 404 (another district's case does not exist for them)."""
    return get_object_or_404(Case.objects.restrict(user, "view").select_related("unit", "process"), pk=pk)


def form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, else above the fields."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class CaseActionView(LoginRequiredMixin, View):
    """One action's form: GET shows it (or the reason it is closed), POST runs the action's service."""

    key = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.action = registered_action(self.key)
        self.spec = self.action.page

    def case(self, request, pk) -> Case:
        case = visible_case(request.user, pk)
        if not self.action.applies(case):
            raise Http404
        return case

    def form(self, request, case, **kwargs):
        return self.spec.form(user=request.user, **self.spec.extras(case), **kwargs)

    def page(self, request, case, form, refusal: str = "", status: int = 200):
        title = self.action.title
        return render(request, FORM_TEMPLATE, {
            "case": case, "form": form, "title": title, "files": self.spec.files, "back_url": self.spec.back(case),
            "refusal": self.spec.refused.format(title=title, reason=refusal) if refusal else "",
        }, status=status)

    def get(self, request, pk):
        case = self.case(request, pk)
        refusal = self.action.refusal(case, request.user)
        form = None if refusal else self.form(request, case, initial=self.spec.initial(case))
        return self.page(request, case, form, refusal)

    def post(self, request, pk):
        case = self.case(request, pk)
        form = self.form(request, case, data=request.POST, files=request.FILES if self.spec.files else None)
        if form.is_valid():
            try:
                result = self.spec.service(case=case, actor=request.user, **self.spec.arguments(form.cleaned_data))
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, self.spec.done.format(title=self.action.title))
                if note := self.spec.note(result):
                    messages.warning(request, note)
                return redirect(self.spec.back(case))
        return self.page(request, case, form, status=400)


class CaseSectionView(LoginRequiredMixin, View):
    """A page of the case gathering one part of its actions and tabs, each action with why it is closed."""

    title = ""
    topics: tuple = ()
    tabs: tuple[str, ...] = ()

    def get(self, request, pk):
        case = visible_case(request.user, pk)
        read_once(case)
        keys = {action.key for topic in self.topics for action in topic.ACTIONS}
        bodies = [(shown.tab, render_to_string(shown.tab.template, {**shown.context, "case": case}, request=request))
                  for shown in tabs_for(case, request.user, keys=self.tabs)]
        return render(request, SECTION_TEMPLATE, {
            "case": case, "title": self.title, "tabs": bodies, "actions": actions_for(case, request.user, keys=keys),
        })


class ProcedureView(CaseSectionView):
    """办案程序: the record and procedure actions, the hearing and the deadlines."""

    title = "办案程序"
    topics = (record, hearing, decision, side)
    tabs = ("hearing", "deadlines")


class CaseExecutionView(CaseSectionView):
    """执行与救济: the execution and remedy actions, the execution, remedies and warnings tabs."""

    title = "执行与救济"
    topics = (execution, remedies)
    tabs = ("execution", "remedies", "warnings")
