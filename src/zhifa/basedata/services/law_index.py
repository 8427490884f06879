"""Keeping the full-text index of articles in step with the laws library."""

from __future__ import annotations

from django.db import transaction

from .. import search
from ..choices import LawLevel, LawValidity
from ..models import Article, Law

ARTICLE_KIND = "basedata.article"

# Relevance is multiplied by these factors: an article in force outranks an equally relevant one of
# a superseded or repealed version, and each step down the hierarchy of sources (上位法优先) costs
# about a tenth, so the general law's article comes before a sector rule saying the same thing.
VALIDITY_BOOST = {
    LawValidity.IN_FORCE: 1.0,
    LawValidity.NOT_YET_EFFECTIVE: 0.8,
    LawValidity.AMENDED: 0.5,
    LawValidity.REPEALED: 0.3,
}
LEVEL_BOOST = {
    LawLevel.LAW: 1.0,
    LawLevel.JUDICIAL_INTERPRETATION: 0.9,
    LawLevel.ADMINISTRATIVE_REGULATION: 0.8,
    LawLevel.LOCAL_REGULATION: 0.7,
    LawLevel.DEPARTMENTAL_RULE: 0.6,
    LawLevel.LOCAL_GOVERNMENT_RULE: 0.55,
    LawLevel.NORMATIVE_DOCUMENT: 0.5,
}


def boost_for(law: Law) -> float:
    return VALIDITY_BOOST.get(law.validity, 1.0) * LEVEL_BOOST.get(law.level, 1.0)


def article_document(law: Law, article: Article) -> search.Document:
    """The law's title, the chapter and the article label are the title; the text is the body."""
    title = " ".join(part for part in (law.title, article.chapter, article.label) if part)
    return search.Document(object_id=article.pk, title=title, body=article.text, boost=boost_for(law))


def index_law(law: Law, articles: list[Article] | None = None, *, replace: bool = True) -> int:
    """Replace the index entries of the articles of ``law``; returns how many were written.

    ``articles`` saves a query when the caller already holds all of them; ``replace=False`` skips
    removing old entries (only for a law whose articles were all just created).
    """
    articles = law.articles.all() if articles is None else articles
    documents = [article_document(law, article) for article in articles]
    return search.index(ARTICLE_KIND, documents, replace=replace)


@transaction.atomic
def reindex_all() -> int:
    """Rebuild the article index from scratch (``zhifa reindex-laws``)."""
    search.remove(ARTICLE_KIND)
    written = 0
    for law in Law.objects.all():
        written += search.index(ARTICLE_KIND, [article_document(law, article) for article in law.articles.all()])
    return written
