"""Pages of the laws library: list, law with its chapter tree, article search, favourites."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from zhifa.core.views.generic import (
    GenericView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectListView,
    model_url,
    register_model_view,
)

from .. import search
from ..filtersets.laws import ArticleFilterSet, LawFilterSet
from ..forms.laws import LawForm
from ..models import Article, Law
from ..selectors import laws as selectors
from ..services import laws as services
from ..tables.laws import LawTable

SEARCH_PAGE_SIZE = 20


@register_model_view(Law, "list")
class LawListView(ObjectListView):
    queryset = Law.objects.select_related("region", "superseded_by").annotate(article_count=Count("articles"))
    filterset = LawFilterSet
    table = LawTable
    template_name = "basedata/laws/law_list.html"


@register_model_view(Law, "export")
class LawExportView(ObjectExportView):
    list_view = LawListView


@register_model_view(Law, "edit")
class LawEditView(ObjectEditView):
    """Administrators maintain a version's validity period, successor and region (the text comes from the import)."""

    queryset = Law.objects.all()
    form = LawForm


def article_lines(article: Article, terms: list[str]) -> list[dict]:
    """The paragraphs and items of an article as escaped HTML, query terms marked."""
    lines = []
    for paragraph in article.paragraphs:
        if paragraph["text"]:
            lines.append({"kind": "paragraph", "html": search.highlight(paragraph["text"], terms)})
        lines.extend({"kind": "item", "html": search.highlight(item, terms)} for item in paragraph["items"])
    return lines


@register_model_view(Law, "detail")
class LawDetailView(ObjectDetailView):
    """The law's data, its chapter tree (目录) and every article with an ``#art-N`` anchor.

    ``?q=`` (set by the search page's links) marks the query's terms in the articles.
    """

    queryset = Law.objects.all()
    fields = ("title", "short_title", "level", "issuing_body", "region", "promulgated_on", "effective_on",
              "expires_on", "validity", "superseded_by", "superseded_note", "version_date", "source_name")
    template_name = "basedata/laws/law_detail.html"

    def get_extra_context(self, obj) -> dict:
        user = self.request.user
        articles = list(Article.objects.restrict(user, "view").filter(law=obj).select_related("law").order_by("order"))
        outline, blocks = selectors.law_outline(articles)
        terms = search.parse_query(self.request.GET.get("q", "")).texts
        for block in blocks:
            block.lines = article_lines(block.article, terms)
        favourite_laws, favourite_articles = selectors.favourite_ids(user, laws=[obj], articles=articles)
        return {
            "outline": outline,
            "blocks": blocks,
            "query": self.request.GET.get("q", ""),
            "law_is_favourite": obj.pk in favourite_laws,
            "favourite_articles": favourite_articles,
            "history_lines": [line for line in obj.history.splitlines() if line],
        }


class ArticleSearchView(GenericView):
    """Full-text search over the articles the user may view, with level and validity filters."""

    queryset = Article.objects.select_related("law")
    template_name = "basedata/laws/article_search.html"

    def get(self, request, *args, **kwargs):
        filterset = ArticleFilterSet(request.GET, queryset=self.get_queryset(), request=request)
        query = search.parse_query(request.GET.get("q", ""))
        page = None
        if not query.is_empty:
            results = selectors.ArticleSearchResults(query, filterset.qs)
            page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        rest = request.GET.copy()
        rest.pop("page", None)
        context = {
            **self.base_context(),
            "crumb": "法条检索",
            "law_list_url": model_url(Law, "list"),
            "filterset": filterset,
            "filter_fields": [filterset.form[name] for name in filterset.ui_field_names()],
            "query": request.GET.get("q", ""),
            "page": page,
            "rest": rest.urlencode(),
        }
        return TemplateResponse(request, self.template_name, context)


class FavouriteListView(GenericView):
    """The user's bookmarked laws and articles."""

    queryset = Law.objects.all()
    template_name = "basedata/laws/favourites.html"

    def get(self, request, *args, **kwargs):
        context = {**self.base_context(), "crumb": "我的收藏", "favourites": selectors.favourites_of(request.user)}
        return TemplateResponse(request, self.template_name, context)


class FavouriteToggleView(GenericView):
    """POST ``law=<id>`` or ``article=<id>``: bookmark or un-bookmark; htmx gets the new button."""

    queryset = Law.objects.all()
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        law = article = None
        if request.POST.get("law", "").isdigit():
            law = get_object_or_404(Law.objects.restrict(request.user, "view"), pk=request.POST["law"])
        elif request.POST.get("article", "").isdigit():
            article = get_object_or_404(
                Article.objects.restrict(request.user, "view").select_related("law"), pk=request.POST["article"]
            )
        try:
            active = services.favourite_toggle(user=request.user, law=law, article=article)
        except ValidationError as error:
            return HttpResponseBadRequest(error.messages[0])
        if request.htmx:
            context = {"target": law or article, "kind": "law" if law else "article", "active": active}
            return TemplateResponse(request, "basedata/laws/_favourite_button.html", context)
        default = (law or article).get_absolute_url()
        return redirect(self.return_url(default))
