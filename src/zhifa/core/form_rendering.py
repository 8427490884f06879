"""One renderer for every form of the site (``FORM_RENDERER``).

``{{ form }}`` and ``{{ field.as_field_group }}`` render through ``forms/form.html`` and
``forms/field.html``: the label, the widget, the field's own errors right below it and the help
text, in Tabler's markup. Every widget gets its Tabler class here, whichever form it belongs to,
and a field with errors is drawn in red (Django marks it ``aria-invalid``). Dropdowns say
"请选择…" (``BLANK_CHOICE_LABEL``, set in ``CoreConfig.ready``), never an English default.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting

BLANK_CHOICE_LABEL = "请选择…"

#: Widget template → the Tabler class of its element.
CHECK_TEMPLATES = ("checkbox.html", "checkbox_option.html", "radio_option.html")
SELECT_TEMPLATES = ("select.html", "select_multiple.html", "select_date.html", "splitdatetime.html")
LIST_TEMPLATES = ("checkbox_select.html", "radio.html", "multiple_input.html", "hidden.html",
                  "multiple_hidden.html", "select_option.html")


def widget_class(template_name: str) -> str:
    """The CSS class a widget rendered with ``template_name`` needs ("" for none)."""
    name = template_name.rsplit("/", 1)[-1]
    if name in CHECK_TEMPLATES:
        return "form-check-input"
    if name in SELECT_TEMPLATES:
        return "form-select"
    if name in LIST_TEMPLATES or not template_name.startswith("django/forms/widgets/"):
        return ""
    return "form-control"


def add_classes(attrs: dict, *classes: str) -> None:
    current = attrs.get("class", "").split()
    attrs["class"] = " ".join([*current, *(c for c in classes if c and c not in current)])


class ZhifaFormRenderer(TemplatesSetting):
    """Django's template renderer with the site's form and field templates and Tabler-styled widgets."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and isinstance(widget.get("attrs"), dict):
            attrs = widget["attrs"] = dict(widget["attrs"])
            invalid = "is-invalid" if attrs.get("aria-invalid") == "true" else ""
            add_classes(attrs, widget_class(widget.get("template_name", template_name)), invalid)
            for _group, options, _index in widget.get("optgroups", ()):
                for option in options:
                    if widget_class(option["template_name"]) == "form-check-input":
                        option["attrs"] = dict(option.get("attrs", {}))
                        add_classes(option["attrs"], "form-check-input")
        return super().render(template_name, context, request)
