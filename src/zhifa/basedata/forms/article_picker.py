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

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse

from zhifa.core.forms import LIST_SEPARATORS

from ..choices import LawValidity
from ..models import Article

CITATION = re.compile(r"^《(?P<law>[^》]+)》(?P<label>第[^条]+条(?:之[一二三四五六七八九十]+)?)$")
MSG_NOT_A_CITATION = "“{text}”不是条文引用，应写作《法规简称》第某条，例如《行政处罚法》第三十三条"
MSG_NO_SUCH_ARTICLE = "法规库中没有“{text}”，或您无权查看"


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


class ArticleCitationsField(forms.Field):
    """Articles written as citations in one cell (imports): ``《市容环卫条例》第十四条、《市容环卫条例》第三十六条``.

    The law is found by its short or full title, the version in force (else the newest) first; the
    cleaned value is a list of articles the user may view.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.queryset = Article.objects.none()

    def limit_to(self, user) -> None:
        """Accept only the articles ``user`` may view (call in the form's ``__init__``)."""
        self.queryset = Article.objects.restrict(user, "view").select_related("law")

    def to_python(self, value) -> list[Article]:
        parts = [part for part in LIST_SEPARATORS.split(str(value or "").strip()) if part]
        return [self._article(part) for part in parts]

    def _article(self, text: str) -> Article:
        match = CITATION.match(text)
        if match is None:
            raise ValidationError(MSG_NOT_A_CITATION.format(text=text))
        title = Q(law__short_title=match["law"]) | Q(law__title=match["law"])
        candidates = list(self.queryset.filter(title, label=match["label"]).order_by("-law__version_date"))
        in_force = [article for article in candidates if article.law.validity == LawValidity.IN_FORCE]
        if not candidates:
            raise ValidationError(MSG_NO_SUCH_ARTICLE.format(text=text))
        return (in_force or candidates)[0]
