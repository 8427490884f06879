"""Reading one law file of the library format (see docs/basedata/laws-format.md).

Pure Python, no database: ``parse_law_file`` turns the Markdown text into a ``ParsedLaw`` with its
history lines, chapter headings and numbered articles (paragraphs 款 and items 项), or raises
``LawFormatError`` naming the file, the line and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import metadata
from .numerals import cn_to_int, int_to_cn

INFO_END = "<!-- INFO END -->"
FILENAME_RE = re.compile(r"^(?P<short>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$")
ARTICLE_RE = re.compile(
    r"^第(?P<number>[零〇一二三四五六七八九十百千]+)条(?:之(?P<sub>[一二三四五六七八九十]+))?(?:[\s\u3000]+(?P<rest>.*))?$"
)
ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
HEADING_RE = re.compile(r"^(?P<marks>#{1,6})\s*(?P<text>.*?)\s*#*$")
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SEPARATOR = " / "


class LawFormatError(ValueError):
    """A law file that does not follow the format; ``str()`` names the file and the line."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        self.message = message
        where = f"{source} 第{line}行" if line else source
        super().__init__(f"{where}：{message}")


@dataclass
class ParsedArticle:
    """One article (条) with its paragraphs (款), each ``{"text": ..., "items": [...]}`` (项)."""

    number: int
    sub_number: int
    chapter: str
    line: int
    paragraphs: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return article_label(self.number, self.sub_number)

    @property
    def text(self) -> str:
        return paragraphs_text(self.paragraphs)


@dataclass
class ParsedLaw:
    """Everything a law file says, plus what can be inferred from it (level, body, dates)."""

    source_name: str
    sha256: str
    title: str
    short_title: str
    version_date: dt.date
    local: bool
    history: list[str]
    preamble: str
    articles: list[ParsedArticle]
    level: str = ""
    issuing_body: str = ""
    promulgated_on: dt.date | None = None
    effective_on: dt.date | None = None


def article_label(number: int, sub_number: int = 0) -> str:
    """``第六十四条`` or ``第一百二十条之一``."""
    label = f"第{int_to_cn(number)}条"
    return f"{label}之{int_to_cn(sub_number)}" if sub_number else label


def paragraphs_text(paragraphs: list[dict]) -> str:
    """The plain text of an article: one line per paragraph and per item."""
    lines = []
    for paragraph in paragraphs:
        if paragraph["text"]:
            lines.append(paragraph["text"])
        lines.extend(paragraph["items"])
    return "\n".join(lines)


def clean_line(line: str) -> str:
    """A line without invisible characters and surrounding (also full-width) spaces."""
    return INVISIBLE_RE.sub("", line).strip()


def parse_law_file(path: Path, *, source_name: str | None = None, local: bool | None = None) -> ParsedLaw:
    """Parse the law file at ``path``; ``source_name`` is how errors and the database name it."""
    name = source_name or path.name
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LawFormatError(name, "文件不是 UTF-8 编码") from None
    is_local = local if local is not None else "local" in Path(name).parts[:-1]
    return parse_law_text(text, source_name=name, sha256=hashlib.sha256(raw).hexdigest(), local=is_local)


def parse_law_text(text: str, *, source_name: str, sha256: str = "", local: bool = False) -> ParsedLaw:
    """Parse the Markdown ``text`` of one law version named ``source_name`` (``简称(YYYY-MM-DD).md``)."""
    filename = Path(source_name).name
    match = FILENAME_RE.match(filename)
    if not match:
        raise LawFormatError(source_name, "文件名应为“简称(YYYY-MM-DD).md”，例如“行政处罚法(2021-01-22).md”")
    short_title = match["short"].strip()
    try:
        version_date = dt.date.fromisoformat(match["date"])
    except ValueError:
        raise LawFormatError(source_name, f"文件名中的日期无效：{match['date']}") from None

    lines = text.splitlines()
    end = next((i for i, line in enumerate(lines) if line.strip() == INFO_END), None)
    if end is None:
        raise LawFormatError(source_name, f"缺少 {INFO_END} 标记（标题与沿革之后、正文之前）")
    title, history = _read_header(lines[:end], source_name)
    preamble, articles = _read_body(lines[end + 1 :], source_name, first_line=end + 2)
    law = ParsedLaw(
        source_name=source_name,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        short_title=short_title,
        version_date=version_date,
        local=local,
        history=history,
        preamble=preamble,
        articles=articles,
    )
    metadata.infer(law)
    return law


def _read_header(lines: list[str], source_name: str) -> tuple[str, list[str]]:
    """The H1 title and the history lines; a line not starting with a date continues the previous."""
    title = ""
    history: list[str] = []
    for line in lines:
        line = clean_line(line)
        if not line:
            continue
        if line.startswith("# ") and not title:
            title = line[2:].strip()
            continue
        if history and not metadata.starts_with_date(line):
            history[-1] += line
        else:
            history.append(line)
    if not title:
        raise LawFormatError(source_name, "缺少一级标题（以“# ”开头的法规名称）", 1)
    return title, history


def _read_body(lines: list[str], source_name: str, *, first_line: int) -> tuple[str, list[ParsedArticle]]:
    """Headings (编/章/节) and articles; text before the first article is the preamble (序言)."""
    headings: list[tuple[int, str]] = []
    preamble: list[str] = []
    articles: list[ParsedArticle] = []
    for offset, raw_line in enumerate(lines):
        number_of_line = first_line + offset
        line = clean_line(raw_line)
        if not line:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            depth = len(heading["marks"])
            headings = [h for h in headings if h[0] < depth] + [(depth, heading["text"])]
            continue
        article = ARTICLE_RE.match(line)
        if article:
            number = cn_to_int(article["number"])
            sub_number = cn_to_int(article["sub"]) if article["sub"] else 0
            _check_sequence(articles, number, sub_number, source_name, number_of_line)
            current = ParsedArticle(
                number=number,
                sub_number=sub_number,
                chapter=SEPARATOR.join(text for _, text in headings),
                line=number_of_line,
            )
            articles.append(current)
            rest = clean_line(article["rest"] or "")
            if rest:
                _add_line(current, rest)
            continue
        if not articles:
            preamble.append(line)
        else:
            _add_line(articles[-1], line)
    if not articles:
        raise LawFormatError(source_name, "未找到任何条文（正文段落应以“第X条 ”开头）")
    for article in articles:
        if not article.paragraphs:
            raise LawFormatError(source_name, f"{article.label}没有内容", article.line)
    return "\n".join(preamble), articles


def _add_line(article: ParsedArticle, line: str) -> None:
    """An item (（一）…) belongs to the paragraph before it; any other line starts a new paragraph."""
    if ITEM_RE.match(line):
        if not article.paragraphs:
            article.paragraphs.append({"text": "", "items": []})
        article.paragraphs[-1]["items"].append(line)
    else:
        article.paragraphs.append({"text": line, "items": []})


def _check_sequence(articles: list[ParsedArticle], number: int, sub_number: int, source_name: str, line: int) -> None:
    """Articles run 第一条, 第二条, … (with optional 之一, 之二 after their base article)."""
    if not articles:
        expected = {(1, 0)}
        previous_label = ""
    else:
        previous = articles[-1]
        expected = {(previous.number + 1, 0), (previous.number, previous.sub_number + 1)}
        previous_label = previous.label
    if (number, sub_number) in expected:
        return
    label = article_label(number, sub_number)
    if previous_label:
        message = f"条文序号不连续：{previous_label}之后是{label}（可能有条文未以“第X条 ”开头或序号重复）"
    else:
        message = f"第一个条文是{label}，应为第一条"
    raise LawFormatError(source_name, message, line)
