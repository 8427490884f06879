"""The 办案人员 and 办案单位 pickers of the case list's filter card: the chosen entries only, the rest on demand.

The core ``TreePicker`` renders every choice, so a city supervisor's case list carried every officer
and unit of the city on every page. ``OnDemandPicker`` renders only the chosen entries (one query for
their keys, in the tree picker's order and with its parent names) and a search box that asks
``cases:case_filter_choices`` for more while one types. That view searches the filter's own
restricted choices with the ``q`` of the chosen model's list (officers: name, user name or
certificate number; units: name, short name, code — gram-indexed where those lists are) and answers
the matching entries as unticked boxes of the same name; a ticked one moves to the chosen entries,
so the next search keeps it. The submitted values are those of a multiple select, as before, and
the form still checks them against the restricted choices (``ChosenKeysField``: once per user and
selection, from the per-user cache, like the rendered picker).
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

from django.urls import reverse

from zhifa.core import usercache
from zhifa.core.filtersets import BoundedModelMultipleChoiceField
from zhifa.core.views.generic.registry import registered_view
from zhifa.core.widgets import TreePicker

ON_DEMAND_FILTERS = ("officer_id", "unit_id")
"""The filters of the case list whose choices grow with the scope (a city has thousands of officers)."""
CHOICES_SHOWN = 20


class OnDemandPicker(TreePicker):
    """A tree picker showing only the chosen entries, with a search box loading the others (see the module)."""

    template_name = "cases/widgets/on_demand_picker.html"

    def __init__(self, choices_url: str, attrs=None):
        super().__init__(attrs)
        self.choices_url = choices_url

    @contextmanager
    def offering(self, objects):
        """Within the block the widget's choices are only ``objects`` (each labelled by the form field)."""
        everything = self.choices
        self.choices = [everything.choice(obj) for obj in objects]
        try:
            yield
        finally:
            self.choices = everything

    def entries(self, name: str, objects) -> list[dict]:
        """The tree picker's entries (tree order, parent names) of ``objects``, none ticked."""
        with self.offering(objects):
            return super().get_context(name, [], {})["widget"]["entries"]

    def get_context(self, name, value, attrs):
        keys = [str(getattr(key, "pk", key)) for key in value or []]
        keys = [key for key in keys if key.isdigit()]
        with self.offering(self.choices.queryset.filter(pk__in=keys) if keys else []):
            context = super().get_context(name, value, attrs)
        context["widget"]["choices_url"] = self.choices_url
        return context

    def matching(self, name: str, field, text: str, chosen: list[str], request) -> tuple[list[dict], bool]:
        """Up to ``CHOICES_SHOWN`` entries of ``field``'s choices matching ``text`` (all when empty), the
        ``chosen`` keys left out, and whether there are more."""
        queryset = field.queryset.exclude(pk__in=[key for key in chosen if key.isdigit()])
        if text:
            filterset = registered_view(queryset.model, "list").filterset
            queryset = filterset({"q": text}, queryset=queryset, request=request).qs
        found = list(queryset[: CHOICES_SHOWN + 1])
        return self.entries(name, found[:CHOICES_SHOWN]), len(found) > CHOICES_SHOWN


class ChosenKeysField(BoundedModelMultipleChoiceField):
    """The field of an on-demand filter: the chosen keys are checked against the restricted choices (an
    unknown or out-of-scope key is refused as before) once per user and selection — the chosen objects
    come from the per-user cache (``zhifa.core.usercache``, dropped when the access data change) — so a
    filtered page reads no row for its filter's own check.

    An object deleted since stays in the cached choice until then; filtering by it finds no case.
    """

    user = None

    def _check_values(self, value):
        if self.user is None:
            return super()._check_values(value)
        selection = tuple(sorted({str(key) for key in value}))
        chosen = usercache.cached(self.user, "filter_chosen", lambda: super(ChosenKeysField, self)._check_values(value),
                                  self.queryset.model._meta.label, selection)
        return [copy.copy(obj) for obj in chosen]


def pick_on_demand(form, user) -> None:
    """Give the ``ON_DEMAND_FILTERS`` fields of the filter ``form`` an ``OnDemandPicker`` instead of the full tree,
    and let them check the chosen keys from ``user``'s cache (``ChosenKeysField``)."""
    for name in ON_DEMAND_FILTERS:
        field = form.fields.get(name)
        if field is not None:
            field.user = user
            field.widget = OnDemandPicker(reverse("cases:case_filter_choices", args=[name]))
            field.widget.choices = field.choices
