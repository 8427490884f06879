"""Importing a folder of law files (docs/basedata/laws-format.md) into the laws library.

Every file of the folder is read and checked first; if any is malformed, nothing is imported and
every problem is reported with its file and line. Then each law is written in its own
transaction: created, or — when a version with the same short title and version date exists and
its source changed — updated in place, article by article, so that articles keep their primary
keys (other records cite them). A version whose source digest is unchanged is skipped. The search
index of the law is rebuilt in the same transaction. ``metadata.json`` fills, where still empty, the
end of a version's validity period, its successor note and its region (docs/basedata/laws-format.md).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from zhifa.core.actor import current_actor
from zhifa.core.audit import record
from zhifa.core.models import AuditAction

from .. import search
from ..lawtext.parser import LawFormatError, ParsedArticle, ParsedLaw, parse_law_file
from ..models import Article, Law
from .law_index import ARTICLE_KIND, index_law
from .laws import law_refresh_validity

DATA_FOLDER = Path(__file__).resolve().parent.parent / "data" / "laws"
METADATA_FILE = "metadata.json"
ARTICLE_FIELDS = ("label", "chapter", "text", "paragraphs", "order")


class LawImportError(Exception):
    """The folder cannot be imported; ``errors`` lists every problem found (nothing was written)."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportReport:
    """What an import did, by short title and version."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    articles_written: int = 0

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def law_files(folder: Path) -> list[Path]:
    """The law files below ``folder`` (``*.md``, sub-folders included, README files excluded)."""
    return sorted(p for p in folder.rglob("*.md") if p.is_file() and not p.name.upper().startswith("README"))


def read_folder(folder: Path) -> list[ParsedLaw]:
    """Parse every law file of ``folder``; raise ``LawImportError`` listing all problems."""
    if not folder.is_dir():
        raise LawImportError([f"法规目录不存在：{folder}"])
    files = law_files(folder)
    if not files:
        raise LawImportError([f"法规目录中没有 .md 法规文件：{folder}"])
    laws: list[ParsedLaw] = []
    errors: list[str] = []
    seen: dict[tuple[str, object], str] = {}
    for path in files:
        name = path.relative_to(folder).as_posix()
        try:
            law = parse_law_file(path, source_name=name)
        except LawFormatError as error:
            errors.append(str(error))
            continue
        key = (law.short_title, law.version_date)
        if key in seen:
            errors.append(f"{name}：与 {seen[key]} 是同一法规的同一版本（{law.short_title}，{law.version_date}）")
            continue
        seen[key] = name
        laws.append(law)
    if errors:
        raise LawImportError(errors)
    return laws


def read_metadata(folder: Path) -> dict[str, dict]:
    """``metadata.json`` of ``folder``: per file (path below the folder) what the text does not say.

    Keys: ``expires_on`` (YYYY-MM-DD, first day no longer in force), ``superseded_note`` (what replaced
    it) and ``region`` (GB/T 2260 code of the region where a local law applies).
    """
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise LawImportError([f"{METADATA_FILE} 不是有效的 JSON：{error}"]) from None
    return data if isinstance(data, dict) else {}


def _region(code: str):
    """The region of ``code``, loaded from the national division list when the database lacks it."""
    from zhifa.org.management.commands.load_regions import import_regions
    from zhifa.org.models import Region

    region = Region.objects.filter(code=code).first()
    if region is None:
        import_regions(prefix=code)
        region = Region.objects.get(code=code)
    return region


def apply_metadata(law: Law, meta: dict) -> None:
    """Fill the validity period end, successor note and region from the shipped metadata where still empty
    (an administrator's later edit is kept)."""
    changed = False
    if meta.get("expires_on") and law.expires_on is None:
        law.expires_on, changed = dt.date.fromisoformat(meta["expires_on"]), True
    if meta.get("superseded_note") and not law.superseded_note and law.superseded_by_id is None:
        law.superseded_note, changed = meta["superseded_note"], True
    if meta.get("region") and law.region_id is None:
        law.region, changed = _region(meta["region"]), True
    if changed:
        law.save()
        law_refresh_validity(short_title=law.short_title)


def import_folder(folder: Path | None = None, *, force: bool = False) -> ImportReport:
    """Import every law file of ``folder`` (default: the packaged library); see the module docstring."""
    folder = Path(folder) if folder else DATA_FOLDER
    laws = read_folder(folder)
    metadata = read_metadata(folder)
    report = ImportReport()
    for parsed in laws:
        status, written = import_law(parsed, force=force, meta=metadata.get(parsed.source_name, {}))
        getattr(report, status).append(f"{parsed.short_title}({parsed.version_date})")
        report.articles_written += written
    return report


@transaction.atomic
def import_law(parsed: ParsedLaw, *, force: bool = False, meta: dict | None = None) -> tuple[str, int]:
    """Create or update one law version; returns ``("created"|"updated"|"unchanged", articles written)``."""
    law = Law.objects.select_for_update().filter(short_title=parsed.short_title, version_date=parsed.version_date).first()
    if law is not None and law.source_sha256 == parsed.sha256 and not force:
        apply_metadata(law, meta or {})
        return "unchanged", 0
    status = "created" if law is None else "updated"
    law = law or Law(short_title=parsed.short_title, version_date=parsed.version_date)
    law.title = parsed.title
    law.level = parsed.level
    law.issuing_body = parsed.issuing_body
    law.promulgated_on = parsed.promulgated_on
    law.effective_on = parsed.effective_on
    law.history = "\n".join(parsed.history)
    law.preamble = parsed.preamble
    law.source_name = Path(parsed.source_name).stem  # the law and its date, as people name the source
    law.source_sha256 = parsed.sha256
    law.save()
    articles, (created, updated, deleted) = _sync_articles(law, parsed.articles)
    record(
        AuditAction.IMPORT,
        law,
        changes={"articles": {"created": created, "updated": updated, "deleted": deleted}},
        message=f"导入法规《{law.title}》（{law.version_date:%Y-%m-%d} 版本）：新增条文 {created} 条，修改 {updated} 条，删除 {deleted} 条",
    )
    refreshed = law_refresh_validity(short_title=law.short_title)
    if law not in refreshed:
        index_law(law, articles, replace=status == "updated")
    apply_metadata(law, meta or {})
    return status, created + updated


def _sync_articles(law: Law, parsed_articles: list[ParsedArticle]) -> tuple[list[Article], tuple[int, int, int]]:
    """Bring the stored articles of ``law`` in line with the file, keeping the rows that persist.

    Returns the articles now stored, in order, and the counts created, updated and deleted.
    """
    existing = {(a.number, a.sub_number): a for a in law.articles.all()}
    now = timezone.now()
    user = current_actor().resolved_user()
    to_create: list[Article] = []
    to_update: list[Article] = []
    current: list[Article] = []
    for order, parsed in enumerate(parsed_articles, start=1):
        values = {
            "label": parsed.label,
            "chapter": parsed.chapter,
            "text": parsed.text,
            "paragraphs": parsed.paragraphs,
            "order": order,
        }
        article = existing.pop((parsed.number, parsed.sub_number), None)
        if article is None:
            article = Article(law=law, number=parsed.number, sub_number=parsed.sub_number, created_by=user, **values)
            to_create.append(article)
        elif any(getattr(article, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(article, name, value)
            article.updated_at = now
            to_update.append(article)
        current.append(article)
    removed = [article.pk for article in existing.values()]
    if removed:
        search.remove(ARTICLE_KIND, removed)
        Article.objects.filter(pk__in=removed).delete()
    Article.objects.bulk_create(to_create, batch_size=500)
    Article.objects.bulk_update(to_update, [*ARTICLE_FIELDS, "updated_at"], batch_size=500)
    return current, (len(to_create), len(to_update), len(removed))
