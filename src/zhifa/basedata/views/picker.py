"""htmx endpoints of the article picker widget (zhifa.basedata.forms.article_picker.ArticlePickerField)."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from zhifa.core.views.generic import GenericView

from ..models import Article
from ..selectors import laws as selectors

FIELD_NAME_RE = re.compile(r"^[A-Za-z_][\w-]{0,80}$")
PICKER_RESULTS = 20
BAD_FIELD = "缺少或无效的参数 field（表单字段名）"


class PickerMixin:
    """Articles the user may view; the widget's form field name from ``field``."""

    queryset = Article.objects.select_related("law")

    def field_name(self) -> str | None:
        name = self.request.GET.get("field", "")
        return name if FIELD_NAME_RE.match(name) else None

    def chips_id(self) -> str:
        """The HTML id of the widget's chip container (results add chips there)."""
        value = self.request.GET.get("chips", "")
        return value if FIELD_NAME_RE.match(value) else ""


class ArticlePickerView(PickerMixin, GenericView):
    """Search results for the picker's box: ``?field=basis&basis__q=罚款`` (or ``q=``).

    The hidden inputs of the already chosen articles come along (``basis=3&basis=7``), so those
    results are shown as chosen instead of offered again.
    """

    def get(self, request, *args, **kwargs):
        field = self.field_name()
        if field is None:
            return HttpResponseBadRequest(BAD_FIELD)
        query = request.GET.get(f"{field}__q") or request.GET.get("q", "")
        chosen = {value for value in request.GET.getlist(field) if value.isdigit()}
        hits = selectors.ArticleSearchResults(query, self.get_queryset())[:PICKER_RESULTS] if query.strip() else []
        context = {
            "field": field,
            "chips": self.chips_id(),
            "query": query,
            "hits": hits,
            "chosen": chosen,
        }
        return TemplateResponse(request, "basedata/laws/_picker_results.html", context)


class ArticlePickerChipView(PickerMixin, GenericView):
    """The chip (label + hidden input) for one chosen article: ``?field=basis&article=7``."""

    def get(self, request, *args, **kwargs):
        field = self.field_name()
        if field is None:
            return HttpResponseBadRequest(BAD_FIELD)
        article_id = request.GET.get("article", "")
        if not article_id.isdigit():
            raise Http404("法条不存在")
        article = get_object_or_404(self.get_queryset(), pk=article_id)
        return TemplateResponse(request, "basedata/laws/_picker_chip.html", {"field": field, "article": article})
