"""What the documents tab of a subject shows one user: each kind that concerns it, issued or not, and why not."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhifa.core.gate import can_model
from zhifa.workflow.requirements import Stage

from .contexts import build_context
from .models import DocumentTemplate, IssuedDocument
from .services import applies, current_templates, issued_documents, kind_refusal, preparation_refusal

STAGE_ORDER = {code: index for index, code in enumerate(Stage.values)}


@dataclass
class DocumentRow:
    """One document kind on the tab: its template in force, the issued copies the user may see, the refusal."""

    template: DocumentTemplate
    stage_label: str
    issued: list[IssuedDocument] = field(default_factory=list)
    refusal: str = ""


def documents_overview(subject, user) -> dict | None:
    """The tab's context for ``user``, or ``None`` when they may neither see nor prepare documents."""
    may_view, may_prepare = can_model(user, "view", IssuedDocument), can_model(user, "add", IssuedDocument)
    if not (may_view or may_prepare):
        return None
    context = build_context(subject)
    preparation = preparation_refusal(subject=subject, actor=user)
    all_issued = list(issued_documents(subject).select_related("issued_by", "template").order_by("issued_at", "id"))
    visible = set(issued_documents(subject).restrict(user, "view").values_list("pk", flat=True))
    templates = sorted((t for t in current_templates() if applies(t, subject, context)),
                       key=lambda t: (STAGE_ORDER.get(t.stage, len(STAGE_ORDER)), t.kind))
    rows = []
    for template in templates:
        same_kind = [d for d in all_issued if d.kind == template.kind]
        rows.append(DocumentRow(
            template=template, stage_label=Stage(template.stage).label if template.stage in STAGE_ORDER else "",
            issued=[d for d in same_kind if d.pk in visible],
            refusal=preparation or kind_refusal(subject=subject, template=template, context=context,
                                                earlier=same_kind[-1] if same_kind else None),
        ))
    return {"rows": rows, "preparation_refusal": preparation, "may_prepare": not preparation}
