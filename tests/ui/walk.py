"""Walk the pages a signed-in person can reach: every menu entry, then the pages they link to.

One page per URL name (one detail page stands for all details of that model), to a fixed depth,
so a walk covers every kind of page without reading every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from zhifa.core.menu import menu_for

LINK = re.compile(r'(?:href|hx-get)="([^"#]*)"')
#: Links that do something instead of showing a page, leave the HTML pages, or are type-ahead
#: endpoints a widget calls with the typed text.
SKIPPED = re.compile(r"^/(static|media|api)/|/(export|download|logout|delete|bulk_delete|picker)/?|\.(xlsx|csv|pdf)$")


@dataclass
class Visit:
    """One fetched page."""

    url: str
    status: int
    html: str
    found_on: str = ""


@dataclass
class Walk:
    """The pages visited for one user, keyed by URL name."""

    visits: list[Visit] = field(default_factory=list)


def menu_urls(user) -> list[str]:
    return [item["url"] for group in menu_for(user) for item in group.items]


def page_links(html: str) -> list[str]:
    links = []
    for raw in LINK.findall(html):
        url = unescape(raw)
        if url.startswith("/") and not SKIPPED.search(urlsplit(url).path):
            links.append(url)
    return links


def url_name(url: str) -> str:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return ""
    return match.view_name


def walk(client, user, *, depth: int = 2) -> Walk:
    """GET every menu entry of ``user`` and, ``depth`` levels deep, one page of every URL name linked."""
    result = Walk()
    seen: set[str] = set()
    frontier = [(url, "菜单") for url in menu_urls(user)]
    for level in range(depth + 1):
        following = []
        for url, found_on in frontier:
            key = url_name(url) or url
            if key in seen:
                continue
            seen.add(key)
            response = client.get(url)
            is_html = response.get("Content-Type", "").startswith("text/html")
            html = response.content.decode(errors="replace") if is_html else ""
            result.visits.append(Visit(url, response.status_code, html, found_on))
            if response.status_code == 200 and level < depth:
                following.extend((link, url) for link in page_links(html))
        frontier = following
    return result
