"""The searchable tree picker of the filter cards: many units, regions or people, found by typing.

A ``<select multiple>`` over hundreds of units is unusable. ``TreePicker`` renders the same choices
(the field's queryset, already narrowed to what the user may view by ``restricted_choices``) as a
checkbox list in tree order — each child under its parent, indented — with the parent's name next
to every entry and a box that filters the list as one types. The submitted values are those of a
multiple select, so filter sets and the API do not change.
"""

from __future__ import annotations

from django import forms

#: Where an entry's parent is: a unit's or region's ``parent``, a person's ``unit``.
PARENT_ATTRIBUTES = ("parent", "unit")


def parent_attribute(model) -> str:
    """The name of ``model``'s foreign key shown as "parent" ("" when it has none)."""
    names = {field.name for field in model._meta.get_fields() if field.many_to_one}
    return next((name for name in PARENT_ATTRIBUTES if name in names), "")


def tree_order(entries: list[dict]) -> list[dict]:
    """``entries`` (each with ``pk``, ``parent_pk``) in depth-first order, ``depth`` set on each.

    An entry whose parent is not among the entries starts a tree of its own (e.g. a district's
    units for a user who may not see the city above them).
    """
    keys = {entry["pk"] for entry in entries}
    children: dict = {}
    for entry in entries:
        parent = entry["parent_pk"] if entry["parent_pk"] in keys and entry["parent_pk"] != entry["pk"] else None
        children.setdefault(parent, []).append(entry)
    ordered: list[dict] = []
    stack = [(entry, 0) for entry in reversed(children.get(None, []))]
    seen = set()
    while stack:
        entry, depth = stack.pop()
        if entry["pk"] in seen:
            continue
        seen.add(entry["pk"])
        entry["depth"] = min(depth, 6)
        ordered.append(entry)
        stack.extend((child, depth + 1) for child in reversed(children.get(entry["pk"], [])))
    return ordered


class TreePicker(forms.SelectMultiple):
    """A searchable checkbox tree for a ``ModelMultipleChoiceField`` (see the module docstring)."""

    template_name = "forms/widgets/tree_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = {str(v) for v in (value or [])}
        entries = []
        for choice_value, label in self.choices:
            instance = getattr(choice_value, "instance", None)
            if instance is None:
                continue
            attribute = parent_attribute(type(instance))
            parent_pk = getattr(instance, f"{attribute}_id", None) if attribute else None
            parent = getattr(instance, attribute, None) if parent_pk else None
            entries.append({"pk": instance.pk, "parent_pk": parent_pk, "value": str(choice_value), "label": str(label),
                            "parent": str(parent) if parent is not None else "",
                            "selected": str(choice_value) in selected})
        context["widget"]["entries"] = tree_order(entries)
        context["widget"]["selected_count"] = sum(entry["selected"] for entry in entries)
        return context
