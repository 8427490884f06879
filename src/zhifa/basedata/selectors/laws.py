"""Reads of the laws library: article search with snippets, law outlines, favourites."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from .. import search
from ..lawtext.parser import SEPARATOR
from ..models import Article, Law, LawFavourite
from ..services.law_index import ARTICLE_KIND


@dataclass(frozen=True)
class ArticleHit:
    """One search result: the article, its score, its law's title and a snippet, hits marked."""

    article: Article
    score: float
    title: SafeString
    snippet: SafeString


class ArticleSearchResults:
    """The ranked articles matching a query among ``within``, fetched one page at a time.

    Behaves like a sequence for ``django.core.paginator.Paginator`` and DRF pagination:
    ``count()`` runs one counting query (cached), slicing runs the ranked search for that page.
    """

    def __init__(self, query: str | search.Query, within: QuerySet):
        self.query = query if isinstance(query, search.Query) else search.parse_query(query)
        self.within = within
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = search.count(ARTICLE_KIND, self.query, within=self.within)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, int):
            hits = self._page(index, 1)
            if not hits:
                raise IndexError(index)
            return hits[0]
        start, stop, step = index.indices(self.count())
        if step != 1:
            raise ValueError("不支持步长切片")
        return self._page(start, max(0, stop - start))

    def _page(self, offset: int, limit: int) -> list[ArticleHit]:
        if limit <= 0:
            return []
        hits = search.search(ARTICLE_KIND, self.query, within=self.within, limit=limit, offset=offset)
        articles = Article.objects.select_related("law").in_bulk([hit.object_id for hit in hits])
        terms = self.query.texts
        return [
            ArticleHit(
                article=articles[hit.object_id],
                score=hit.score,
                title=search.highlight(articles[hit.object_id].law.title, terms),
                snippet=search.snippet(articles[hit.object_id].text, terms),
            )
            for hit in hits
            if hit.object_id in articles
        ]


@dataclass
class OutlineEntry:
    """A heading (编/章/节) of a law, its depth (1 = top) and the first article under it."""

    depth: int
    title: str
    anchor: str


@dataclass
class ArticleBlock:
    """An article of a law's page, the headings that open before it, and its lines for display."""

    article: Article
    headings: list[OutlineEntry] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)


def law_outline(articles: list[Article]) -> tuple[list[OutlineEntry], list[ArticleBlock]]:
    """The chapter tree of a law and its articles grouped under their headings, in order."""
    outline: list[OutlineEntry] = []
    blocks: list[ArticleBlock] = []
    previous: list[str] = []
    for article in articles:
        path = article.chapter.split(SEPARATOR) if article.chapter else []
        same = 0
        while same < min(len(path), len(previous)) and path[same] == previous[same]:
            same += 1
        block = ArticleBlock(article)
        for depth, title in enumerate(path[same:], start=same + 1):
            entry = OutlineEntry(depth=depth, title=title, anchor=article.anchor)
            outline.append(entry)
            block.headings.append(entry)
        blocks.append(block)
        previous = path
    return outline, blocks


def favourite_ids(user, *, laws=(), articles=()) -> tuple[set[int], set[int]]:
    """Which of ``laws`` and ``articles`` (objects) the user has bookmarked, as two id sets."""
    rows = LawFavourite.objects.filter(user=user).filter(
        Q(law__in=[law.pk for law in laws]) | Q(article__in=[article.pk for article in articles])
    )
    marked_laws, marked_articles = set(), set()
    for law_id, article_id in rows.values_list("law_id", "article_id"):
        if law_id:
            marked_laws.add(law_id)
        else:
            marked_articles.add(article_id)
    return marked_laws, marked_articles


def favourites_of(user) -> list[LawFavourite]:
    """The user's bookmarks whose law or article they may still view, newest first."""
    laws = Law.objects.restrict(user, "view").values("pk")
    articles = Article.objects.restrict(user, "view").values("pk")
    return list(
        LawFavourite.objects.filter(user=user)
        .filter(Q(law__in=laws) | Q(article__in=articles))
        .select_related("law", "article__law")
    )
