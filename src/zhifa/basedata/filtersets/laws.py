"""Filters shared by the pages and the API of the base-data context."""

import django_filters

from zhifa.core.filtersets import ZhifaFilterSet

from ..choices import LawLevel, LawValidity
from ..models import Article, Law


class LawFilterSet(ZhifaFilterSet):
    """Laws by name (short or full title, issuing body), effect level and validity."""

    level = django_filters.ChoiceFilter(choices=LawLevel.choices, label="效力级别")
    validity = django_filters.ChoiceFilter(choices=LawValidity.choices, label="时效性")

    search_fields = ("title", "short_title", "issuing_body")
    form_fields = ("q", "level", "validity")

    class Meta:
        model = Law
        fields = ["level", "validity"]


class ArticleFilterSet(ZhifaFilterSet):
    """Articles by law (``law_id``) and by the law's level and validity.

    ``q`` is not a filter here: pages and the API hand it to the ranked full-text search
    (``zhifa.basedata.selectors.laws.ArticleSearchResults``) over the filtered queryset.
    """

    level = django_filters.ChoiceFilter(field_name="law__level", choices=LawLevel.choices, label="效力级别")
    validity = django_filters.ChoiceFilter(field_name="law__validity", choices=LawValidity.choices, label="时效性")

    form_fields = ("q", "level", "validity")

    class Meta:
        model = Article
        fields = ["level", "validity"]
