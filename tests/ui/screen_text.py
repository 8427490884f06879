"""What a person reads on a page, and the Latin-letter words in it that are not on the allow-list.

The visible text is every text node outside ``<script>``/``<style>``/``<template>`` and outside
machine values shown as code (``<code>``, ``<kbd>``, ``<samp>``, ``.font-monospace``), plus the
``placeholder``, ``title`` and ``aria-label`` attributes. Allowed: words a Chinese official uses
as they are (PDF, Excel, ID, API, GB/T, units…), user names and e-mail addresses (data people
type), and URLs. Everything else — field names, codes, English defaults — is developer text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED = frozenset(
    """
    PDF Excel CSV XLSX csv xlsx ID API URL OCR GB GB/T T DB SMS Web APP App OA IP GBK UTF-8 BPMN
    km m cm mm kg g t L ml mL h min s kW kV kWh V A MPa Pa dB ℃
    No NO x X
    """.split()
)
#: A Latin word: letters and digits, possibly with dots, slashes, underscores or hyphens inside.
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./\-]*")
#: Things that are data or codes, not words: e-mail, URLs, credit codes/ids mixing letters and digits.
DATA = re.compile(r"\S+@\S+|https?://\S+|/[\w\-./?=&%]*")
HIDDEN_TAGS = {"script", "style", "template", "noscript"}
#: Elements that show a machine value (request numbers, hashes, file names) rather than words.
CODE_TAGS = {"code", "kbd", "samp"}
CODE_CLASS = "font-monospace"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("placeholder", "title", "aria-label")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.open_code_tags: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        if tag not in VOID_TAGS:
            classes = (dict(attrs).get("class") or "").split()
            self.open_code_tags.append((tag, tag in CODE_TAGS or CODE_CLASS in classes))
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self.hidden_depth:
            self.hidden_depth -= 1
        for index in range(len(self.open_code_tags) - 1, -1, -1):
            if self.open_code_tags[index][0] == tag:
                del self.open_code_tags[index:]
                break

    def in_code(self) -> bool:
        return any(is_code_element for _tag, is_code_element in self.open_code_tags)

    def handle_data(self, data):
        if not self.hidden_depth and not self.in_code() and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    """The pieces of text a person sees (or hears from a screen reader) on the page."""
    collector = _TextCollector()
    collector.feed(html)
    return collector.parts


def is_code(word: str) -> bool:
    """A code such as ``A1`` or ``91440300MA5…``: letters mixed with digits."""
    return any(ch.isdigit() for ch in word)


def foreign_words(html: str, *, also_allowed: frozenset[str] = frozenset()) -> set[str]:
    """Latin words on the page that are neither on the allow-list, nor data, nor codes."""
    found = set()
    for text in visible_text(html):
        text = DATA.sub(" ", text)
        for word in WORD.findall(text):
            word = word.rstrip(".-/")
            if not any(ch.isalpha() for ch in word):
                continue
            if word in ALLOWED or word in also_allowed or is_code(word):
                continue
            found.add(word)
    return found
