"""The article picker: a form field other modules use to cite articles (法条) of the library.

Usage in any form::

    from zhifa.basedata.forms.article_picker import ArticlePickerField

    class DecisionForm(forms.Form):
        basis = ArticlePickerField(label="法律依据")

        def __init__(self, *args, user, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["basis"].limit_to(user)

The widget shows the chosen articles as chips (《行政处罚法》第六十四条) with hidden inputs, and a
search box that asks ``basedata:article_picker`` (htmx) for matching articles to add.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse

from ..models import Article


class ArticlePickerWidget(forms.Widget):
    """Chips of the chosen articles plus an htmx search box; submits a list of article ids."""

    template_name = "basedata/widgets/article_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = Article.objects.none()

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [v for v in context["widget"]["value"] if v.isdigit()]
        chosen = self.queryset.filter(pk__in=ids).select_related("law") if ids else []
        context["widget"].update(
            selected=list(chosen),
            search_url=reverse("basedata:article_picker"),
        )
        return context


class ArticlePickerField(forms.ModelMultipleChoiceField):
    """Several articles chosen with the picker; the cleaned value is a queryset of articles."""

    widget = ArticlePickerWidget

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset if queryset is not None else Article.objects.none(), **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)

    def limit_to(self, user) -> None:
        """Offer and accept only the articles ``user`` may view (call in the form's ``__init__``)."""
        self.queryset = Article.objects.restrict(user, "view").select_related("law")

    def label_from_instance(self, obj) -> str:
        return obj.citation()
