"""The 文书 requirement of the case warnings' 缺项 rules: “已出具文书” is met once the document is issued.

A rule names the document kind by its code (``punishment_decision``), as the rule's help text asks;
its Chinese name (“行政处罚决定书”) is accepted as well. Registered with ``register_requirement`` from
the app's ``ready()``.
"""

from __future__ import annotations

from zhifa.cases.execution_choices import RequirementKind
from zhifa.cases.models import Case
from zhifa.cases.warning_rules import register_requirement

from .models import DocumentTemplate
from .services import issued_documents

MSG_DOCUMENT_TARGET = "没有文书种类“{target}”，可选：{choices}"


def document_kinds() -> dict[str, str]:
    """Every document kind with a template, code → Chinese name (of its newest version)."""
    return dict(DocumentTemplate.objects.order_by("kind", "version").values_list("kind", "name"))


def _kind_of(target: str) -> str | None:
    """The kind code ``target`` names (by Chinese name or by code), ``None`` when none."""
    target = (target or "").strip()
    kinds = document_kinds()
    if target in kinds:
        return target
    return next((kind for kind, name in kinds.items() if name == target), None)


def _document_error(target: str) -> str:
    if _kind_of(target) is not None:
        return ""
    return MSG_DOCUMENT_TARGET.format(target=target, choices="、".join(
        f"{name}（{kind}）" for kind, name in document_kinds().items()))


@register_requirement(RequirementKind.DOCUMENT, error=_document_error)
def document_issued(case: Case, target: str) -> bool:
    """The document ``target`` names has been issued (签发) for the case."""
    kind = _kind_of(target)
    return kind is not None and issued_documents(case, kind).exists()
