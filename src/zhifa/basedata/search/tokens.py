"""Text normalisation, overlapping-bigram tokens and query parsing for Chinese full-text search.

Chinese has no spaces between words, so the index does not try to find words: every run of
Chinese characters becomes its overlapping character pairs (``行政处罚`` → ``行政 政处 处罚``) and
every run of ASCII letters and digits stays one token. A two-character word is then exactly one
token, and a longer word or phrase is its bigrams at consecutive positions, which both FTS5
phrase queries and PostgreSQL's ``<->`` operator find. Normalisation maps one character to one
character (full-width ASCII → ASCII, letters to lower case), so a position in normalised text is
the same position in the original and hits can be highlighted on the original text.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
SEGMENT_RE = re.compile(rf"[{CJK}]+|[a-z0-9]+")
EDGE_RE = re.compile(rf"^[^{CJK}a-z0-9]+|[^{CJK}a-z0-9]+$")
CJK_RE = re.compile(rf"[{CJK}]")
MAX_TERMS = 8
MAX_TERM_LENGTH = 40

_TO_NORMALISE_RE = re.compile("[A-Z\uff01-\uff5e\u3000]")


def _normal_char(match: re.Match) -> str:
    char = match.group()
    if char == "\u3000":
        return " "
    if char >= "\uff01":
        char = chr(ord(char) - 0xFEE0)
    return char.lower()


def normalise(text: str) -> str:
    """Full-width ASCII to ASCII and ASCII letters to lower case; same length as ``text``."""
    return _TO_NORMALISE_RE.sub(_normal_char, text)


def segments(text: str) -> list[str]:
    """Runs of Chinese characters and runs of ASCII letters/digits of normalised ``text``."""
    return SEGMENT_RE.findall(text)


def segment_tokens(segment: str) -> list[str]:
    """Tokens of one segment: its bigrams if Chinese (none for a single character), else itself."""
    if CJK_RE.match(segment):
        return list(map(operator.add, segment, segment[1:]))
    return [segment]


def document_tokens(text: str) -> str:
    """The space-separated token string stored for ``text`` (the index tokenises on spaces)."""
    return " ".join(token for segment in segments(normalise(text)) for token in segment_tokens(segment))


@dataclass(frozen=True)
class Term:
    """One whitespace-separated query word, matched as a contiguous substring of the document.

    ``tokens`` are its bigrams/words in order, found by the full-text index as a phrase.
    ``exact`` says whether that phrase alone proves the substring is present; otherwise (single
    Chinese characters, or punctuation and ASCII mixed into the term) a ``LIKE`` on the
    normalised text confirms it.
    """

    text: str
    tokens: tuple[str, ...]
    exact: bool


@dataclass(frozen=True)
class Query:
    """A parsed search query: every term must occur (AND)."""

    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def indexed(self) -> bool:
        """Whether the full-text index can narrow the search (some term has tokens)."""
        return any(term.tokens for term in self.terms)

    @property
    def texts(self) -> list[str]:
        return [term.text for term in self.terms]


def parse_query(raw: str) -> Query:
    """Split ``raw`` on whitespace into at most ``MAX_TERMS`` terms, trimmed of edge punctuation.

    Quotes and title marks around a term (“…”, 《…》) are dropped; punctuation inside a term stays
    part of it. Terms longer than ``MAX_TERM_LENGTH`` are cut, so a pasted paragraph cannot turn
    into an enormous index query.
    """
    terms: list[Term] = []
    seen: set[str] = set()
    for word in normalise(raw or "").split():
        text = EDGE_RE.sub("", word)[:MAX_TERM_LENGTH]
        if not text or text in seen:
            continue
        seen.add(text)
        parts = segments(text)
        tokens = tuple(token for part in parts for token in segment_tokens(part))
        exact = len(parts) == 1 and parts[0] == text and bool(tokens)
        terms.append(Term(text=text, tokens=tokens, exact=exact))
        if len(terms) == MAX_TERMS:
            break
    return Query(terms=tuple(terms))
