"""Power list writes: every create and change of a power is a new ``PowerVersion`` with a readable diff.

A power's legal basis is a list of citations ``(article, role)`` (``PowerBasis``: 违反的规定 or 处罚依据);
articles given without their role (``basis``, e.g. from the API) take it from their chapter.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core.audit import diff, snapshot

from ..models.powers import Power, PowerBasis, PowerVersion, role_by_chapter

MSG_REASON_REQUIRED = "请填写变更原因"
REASON_CREATED = "新建"


def power_snapshot(power: Power, *, subjects=None) -> dict:
    """The power's fields plus its basis citations (with their roles) and subjects as readable lists.

    ``subjects`` overrides the stored relation (the generic form saves it after the service).
    """
    data = snapshot(power)
    units = list(power.subjects.all()) if subjects is None else list(subjects)
    data["basis"] = sorted(str(row) for row in power.citations.select_related("article__law"))
    data["subjects"] = sorted(unit.name for unit in units)
    return data


def readable_changes(before: dict | None, after: dict) -> list[dict]:
    """``diff`` of two snapshots as rows ``{"field", "label", "before", "after"}`` with Chinese labels.

    Foreign keys show the name of the object, choices their Chinese label; metadata fields are left out.
    """
    rows = []
    for name, change in diff(before, after).items():
        if name in {"version", "updated_at", "created_at", "created_by", "id"}:
            continue
        field = Power._meta.get_field(name)
        rows.append({
            "field": name, "label": str(field.verbose_name),
            "before": _display(field, change["before"]), "after": _display(field, change["after"]),
        })
    return rows


def _display(field, value):
    if value is None or value == "":
        return "（空）"
    if isinstance(value, list):
        return "、".join(value) or "（空）"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.is_relation and field.many_to_one:
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target else str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


@transaction.atomic
def power_create(*, power: Power, changed_by=None, basis=None, citations=None, subjects=None,
                 reason: str = REASON_CREATED) -> Power:
    """Validate and save a new power with version 1; its legal basis (``citations`` as ``(article, role)``,
    or ``basis`` articles) and ``subjects``, if given, are set as well."""
    power.version = 1
    power.full_clean()
    power.save()
    _set_relations(power, _citations(basis, citations), subjects)
    data = power_snapshot(power)
    PowerVersion.objects.create(
        power=power, version=1, data=data, changes=readable_changes(None, data), reason=reason or REASON_CREATED,
        changed_by=changed_by,
    )
    return power


@transaction.atomic
def power_update(*, power: Power, reason: str, changed_by=None, basis=None, citations=None,
                 subjects=None) -> Power:
    """Save a changed power as the next version; ``reason`` is required (who/when/why are kept)."""
    if not (reason or "").strip():
        raise ValidationError({"change_reason": MSG_REASON_REQUIRED})
    locked = Power.objects.select_for_update().get(pk=power.pk)
    before = PowerVersion.objects.filter(power=power).order_by("-version").values_list("data", flat=True).first()
    power.version = locked.version + 1
    power.full_clean()
    power.save()
    _set_relations(power, _citations(basis, citations), subjects)
    data = power_snapshot(power)
    PowerVersion.objects.create(
        power=power, version=power.version, data=data, changes=readable_changes(before, data), reason=reason.strip(),
        changed_by=changed_by,
    )
    return power


def _citations(basis, citations) -> list[tuple] | None:
    """The citations to store: as given, else the ``basis`` articles each with the role of its chapter."""
    if citations is not None:
        return list(citations)
    return None if basis is None else [(article, role_by_chapter(article)) for article in basis]


def _set_relations(power: Power, citations, subjects) -> None:
    if citations is not None:
        PowerBasis.objects.filter(power=power).delete()
        roles = dict(citations)  # an article cited twice keeps the last role given
        PowerBasis.objects.bulk_create(PowerBasis(power=power, article=article, role=role)
                                       for article, role in roles.items())
    if subjects is not None:
        power.subjects.set(subjects)
