"""Highlighted snippets of search hits, computed in Python on the rows a search returned."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tokens import normalise

ELLIPSIS = "…"


def hit_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans of every occurrence of every (normalised) term."""
    haystack = normalise(text)
    spans = []
    for term in terms:
        if not term:
            continue
        start = haystack.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole ``text`` escaped, with each occurrence of a term wrapped in ``<mark>``."""
    return _render(text, hit_spans(text, terms), 0, len(text))


def snippet(text: str, terms: list[str], *, width: int = 120) -> SafeString:
    """About ``width`` characters of ``text`` around the first hit, hits marked, cuts shown as …."""
    spans = hit_spans(text, terms)
    if len(text) <= width:
        return _render(text, spans, 0, len(text))
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    end = min(len(text), start + width)
    return _render(text, spans, start, end)


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    parts = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))
