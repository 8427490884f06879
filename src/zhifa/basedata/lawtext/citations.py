"""Legal citations: ``行政处罚法第六十四条第一款`` → the article, paragraph and item it names.

Accepted forms: the law's short or full title, with or without title marks and the
``中华人民共和国`` prefix; article, paragraph (款) and item (项) numbers in Chinese or Arabic
digits; ``之一`` articles. When the library holds several versions of the law, the version in
force on ``on`` (default: today) is used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Article, Law
from .numerals import int_to_cn, parse_number

NUMBER = r"[0-9０-９零〇一二三四五六七八九十百千]+"
CITATION_RE = re.compile(
    rf"^《?(?P<law>.+?)》?\s*第(?P<article>{NUMBER})条(?:之(?P<sub>{NUMBER}))?"
    rf"(?:\s*第(?P<paragraph>{NUMBER})款)?(?:\s*第(?P<item>{NUMBER})项)?$"
)
NATIONAL_PREFIX = "中华人民共和国"


class CitationError(ValueError):
    """A citation that cannot be read or does not exist in the library (message in Chinese)."""


@dataclass(frozen=True)
class CitationParts:
    """What a citation says, before looking anything up."""

    law_name: str
    article: int
    sub_number: int = 0
    paragraph: int | None = None
    item: int | None = None


@dataclass(frozen=True)
class Citation:
    """A resolved citation: the article and, when cited, the paragraph and item (1-based)."""

    article: Article
    paragraph: int | None = None
    item: int | None = None

    @property
    def label(self) -> str:
        """《行政处罚法》第六十四条第一款."""
        return self.article.citation(self.paragraph, self.item)

    @property
    def text(self) -> str:
        """The text of the cited article, paragraph or item."""
        if self.item is not None:
            return items_paragraph(self.article, self.paragraph)["items"][self.item - 1]
        if self.paragraph is None:
            return self.article.text
        paragraph = self.article.paragraphs[self.paragraph - 1]
        return "\n".join(filter(None, [paragraph["text"], *paragraph["items"]]))


def items_paragraph(article: Article, paragraph: int | None) -> dict:
    """The paragraph whose items a citation counts: the cited one, else the first with items."""
    if paragraph is not None:
        return article.paragraphs[paragraph - 1]
    return next((p for p in article.paragraphs if p["items"]), article.paragraphs[0])


def split_citation(text: str) -> CitationParts:
    """Read a citation without the database; raises ``CitationError`` when it is not one."""
    match = CITATION_RE.match((text or "").strip())
    if not match:
        raise CitationError(f"无法识别的法条引用：“{text}”，应形如“行政处罚法第六十四条第一款”")
    try:
        parts = CitationParts(
            law_name=match["law"].strip().strip("《》").strip(),
            article=parse_number(match["article"]),
            sub_number=parse_number(match["sub"]) if match["sub"] else 0,
            paragraph=parse_number(match["paragraph"]) if match["paragraph"] else None,
            item=parse_number(match["item"]) if match["item"] else None,
        )
    except ValueError:
        parts = None
    numbers = [parts.article, parts.paragraph or 1, parts.item or 1] if parts else [0]
    if not all(0 < number < 10000 for number in numbers):
        raise CitationError(f"法条引用中的序号无效：“{text}”")
    return parts


def find_law(name: str, *, on: dt.date | None = None, laws: QuerySet | None = None) -> Law:
    """The version of the law called ``name`` in force on ``on`` (default today)."""
    bare = name.removeprefix(NATIONAL_PREFIX)
    candidates = list(
        (laws if laws is not None else Law.objects.all())
        .filter(Q(short_title=bare) | Q(title=name) | Q(title=NATIONAL_PREFIX + bare))
        .order_by("-version_date")
    )
    if not candidates:
        raise CitationError(f"法规库中没有《{name}》")
    day = on or timezone.localdate()
    in_force = [law for law in candidates if law.effective_on is None or law.effective_on <= day]
    return in_force[0] if in_force else candidates[-1]


def parse_citation(text: str, *, on: dt.date | None = None, laws: QuerySet | None = None) -> Citation:
    """Resolve ``text`` (``行政处罚法第六十四条第一款``) to a ``Citation``.

    ``laws`` narrows the laws considered (pass ``Law.objects.restrict(user, "view")`` for a user).
    Raises ``CitationError`` naming what is missing: the law, the article, the paragraph or item.
    """
    parts = split_citation(text)
    law = find_law(parts.law_name, on=on, laws=laws)
    article = law.articles.filter(number=parts.article, sub_number=parts.sub_number).select_related("law").first()
    label = f"第{int_to_cn(parts.article)}条" + (f"之{int_to_cn(parts.sub_number)}" if parts.sub_number else "")
    if article is None:
        raise CitationError(f"{law.book_title}没有{label}")
    if parts.paragraph is not None and not 1 <= parts.paragraph <= len(article.paragraphs):
        raise CitationError(f"{law.book_title}{label}没有第{int_to_cn(parts.paragraph)}款")
    if parts.item is not None:
        items = items_paragraph(article, parts.paragraph)["items"]
        if not 1 <= parts.item <= len(items):
            where = f"第{int_to_cn(parts.paragraph)}款" if parts.paragraph else ""
            raise CitationError(f"{law.book_title}{label}{where}没有第{int_to_cn(parts.item)}项")
    return Citation(article=article, paragraph=parts.paragraph, item=parts.item)
