"""The shipped document catalogue (``catalogue/catalogue.json`` and one HTML file per kind) and its sync.

``catalogue.json`` lists, per document kind: its Chinese name, the procedure stage it belongs to,
the procedures it serves (``general`` by default), the number kind and 文号代字 when it is numbered,
the required context keys (labelled once, under ``fields``), ``applies_when``/``applies_unless``
(a context key that must be true/false for the kind to concern a case) and ``repeatable`` (issued
more than once). A template file may ``{% include "partials/NAME.html" with a=b %}``: the sync
writes the partial into the stored body, so that each version holds its whole text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from zhifa.core.models import NumberRule
from zhifa.org.models import Unit

from .services import template_publish

ROOT = Path(__file__).resolve().parent / "catalogue"
INCLUDE = re.compile(r'{%\s*include\s+"partials/([\w-]+)\.html"(?:\s+with\s+(.*?))?\s*%}')
NUMBER_PATTERN = "{{prefix}}{code}〔{{year}}〕第{{seq:04d}}号"


@dataclass(frozen=True)
class CatalogueEntry:
    """One document kind of the shipped catalogue."""

    kind: str
    name: str
    stage: str
    required: list[dict]
    number_kind: str = ""
    number_code: str = ""
    options: dict = field(default_factory=dict)


def assemble(text: str) -> str:
    """``text`` with every partial include replaced by the partial (inside ``{% with %}`` when given arguments)."""
    def expand(match: re.Match) -> str:
        partial = assemble((ROOT / "partials" / f"{match.group(1)}.html").read_text(encoding="utf-8")).strip()
        arguments = match.group(2)
        return f"{{% with {arguments} %}}{partial}{{% endwith %}}" if arguments else partial

    return INCLUDE.sub(expand, text)


def load_catalogue(root: Path = ROOT) -> list[CatalogueEntry]:
    """The entries of ``catalogue.json`` with their labelled required fields."""
    data = json.loads((root / "catalogue.json").read_text(encoding="utf-8"))
    labels = data["fields"]
    entries = []
    for item in data["documents"]:
        options = {"procedures": item.get("procedures", ["general"]), "repeatable": item.get("repeatable", False)}
        options.update({key: item[key] for key in ("applies_when", "applies_unless") if key in item})
        entries.append(CatalogueEntry(
            kind=item["kind"], name=item["name"], stage=item["stage"],
            required=[{"key": key, "label": labels[key]} for key in item["required"]],
            number_kind=item.get("number_kind", ""), number_code=item.get("number_code", ""), options=options,
        ))
    return entries


def sync_templates(root: Path = ROOT, *, actor=None) -> list[str]:
    """Publish a new version of every kind whose file or entry changed; returns one line per change."""
    css = (root / "a4.css").read_text(encoding="utf-8")
    lines = []
    for entry in load_catalogue(root):
        body = assemble((root / f"{entry.kind}.html").read_text(encoding="utf-8"))
        template = template_publish(
            kind=entry.kind, name=entry.name, stage=entry.stage, body=body, css=css, required_fields=entry.required,
            number_kind=entry.number_kind, number_code=entry.number_code, options=entry.options,
            active_from=timezone.localdate(), note="随系统发布的文书模板", actor=actor,
        )
        if template is not None:
            lines.append(f"{entry.name}：发布第{template.version}版")
    return lines


def ensure_number_rules(root: Path = ROOT) -> list[str]:
    """Add the missing number rule of each numbered kind to every unit with a 文号代字; one line per rule."""
    numbered = {entry.number_kind: entry for entry in load_catalogue(root) if entry.number_kind}
    existing = set(NumberRule.objects.filter(kind__in=numbered).values_list("unit_id", "kind"))
    rules = [
        NumberRule(unit=unit, kind=kind, name=f"{entry.name}文号", pattern=NUMBER_PATTERN.format(code=entry.number_code))
        for unit in Unit.objects.exclude(number_prefix="").order_by("path")
        for kind, entry in numbered.items()
        if (unit.pk, kind) not in existing
    ]
    NumberRule.objects.bulk_create(rules, batch_size=500)
    return [f"{rule.unit}：新增编号规则“{rule.name}”（{rule.pattern}）" for rule in rules]
