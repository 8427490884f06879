"""Who may take each life-cycle step of a discretion standard and, when a user may not, why.

The services of ``discretion`` refuse with these reasons and the detail page shows them next to the
disabled buttons, so the page and the services always agree.

Review (B3): a standard is reviewed by the unit directly above its maintaining unit. A unit without
a parent in the tree (a district government's own agency such as 盐田区城管局, or a city bureau) is
reviewed by the justice bureau (监督机关) of its region, or of the nearest region above that has one
(docs/decisions/0009-discretion-review-by-justice-bureau.md).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from zhifa.org.choices import UnitKind
from zhifa.org.models import Unit

from ..models.discretion import DiscretionClaim, DiscretionStandard, StandardStatus

REVIEW_PERMISSION = "basedata.review_discretionstandard"
EDIT_PERMISSION = "basedata.change_discretionstandard"
CLAIM_PERMISSION = "basedata.add_discretionclaim"

EDITABLE = {StandardStatus.DRAFT, StandardStatus.REJECTED}

#: Steps in the order of the page's buttons.
STEPS = ("edit", "submit", "review", "publish", "claim", "propose", "new_version")
#: The statuses in which a step is offered at all (a step of another status is not shown).
STEP_STATUSES = {
    "edit": EDITABLE,
    "submit": EDITABLE,
    "review": {StandardStatus.SUBMITTED},
    "publish": {StandardStatus.APPROVED},
    "claim": {StandardStatus.PUBLISHED},
    "propose": {StandardStatus.PUBLISHED},
    "new_version": {StandardStatus.PUBLISHED},
}

MSG_NO_UNIT = "您没有所属单位"
MSG_NOT_AUTHOR_UNIT = "只有制定单位（{unit}）具有维护权限的人员可以{action}"
MSG_NO_EDIT_PERMISSION = "您没有维护自由裁量基准的权限"
MSG_NO_REVIEWER = "制定单位“{unit}”没有上级单位，所在区域也没有司法局，无法提交审核"
MSG_NOT_REVIEWER = "本基准由{reviewer}具有审核权限的人员审核"
MSG_NO_REVIEW_PERMISSION = "您没有审核自由裁量基准的权限"
MSG_NOT_PUBLISHER = "只有制定单位（{unit}）或审核单位（{reviewer}）的人员可以发布"
MSG_OWN_STANDARD = "本单位制定的基准无需认领"
MSG_CLAIM_UNIT = "只有{unit}的下级单位可以认领本基准"
MSG_NO_CLAIM_PERMISSION = "您没有认领自由裁量基准的权限"
MSG_ALREADY_CLAIMED = "本单位已认领该基准"
MSG_CLAIM_FIRST = "本单位认领本基准后才能提出调整"
MSG_NOT_CLAIMING_UNIT = "只有认领单位的人员可以操作"


def reviewing_unit(unit: Unit) -> Unit | None:
    """The unit whose reviewers review standards of ``unit``: its parent, else its region's justice bureau."""
    if unit.parent_id is not None:
        return unit.parent
    region = unit.region
    while region is not None:
        bureau = (Unit.objects.filter(kind=UnitKind.SUPERVISORY_BODY, region=region, is_active=True)
                  .exclude(pk=unit.pk).order_by("path").first())
        if bureau is not None:
            return bureau
        region = region.parent
    return None


def reviewers_of(standard: DiscretionStandard) -> list:
    """Active users of the reviewing unit who hold the review permission (told when a standard is submitted)."""
    unit = reviewing_unit(standard.unit)
    if unit is None:
        return []
    users = get_user_model().objects.filter(unit=unit, is_active=True)
    return [user for user in users if user.has_perm(REVIEW_PERMISSION)]


def _is_author(user, standard) -> bool:
    return user.unit_id == standard.unit_id and user.has_perm(EDIT_PERMISSION)


def _author_refusal(user, standard, action: str) -> str:
    if user.unit_id != standard.unit_id:
        return MSG_NOT_AUTHOR_UNIT.format(unit=standard.unit.name, action=action)
    return "" if user.has_perm(EDIT_PERMISSION) else MSG_NO_EDIT_PERMISSION


def review_refusal(user, standard: DiscretionStandard) -> str:
    """Why ``user`` may not review ``standard`` (``""``: they may), whatever its status."""
    reviewer = reviewing_unit(standard.unit)
    if reviewer is None:
        return MSG_NO_REVIEWER.format(unit=standard.unit.name)
    if user.unit_id != reviewer.pk:
        return MSG_NOT_REVIEWER.format(reviewer=reviewer.name)
    return "" if user.has_perm(REVIEW_PERMISSION) else MSG_NO_REVIEW_PERMISSION


def can_review(user, standard: DiscretionStandard) -> bool:
    """Whether ``user`` belongs to the reviewing unit of the standard and holds the review permission."""
    return user is not None and not review_refusal(user, standard)


def own_claim(standard: DiscretionStandard, user) -> DiscretionClaim | None:
    """The claim of the user's unit on ``standard``, if any."""
    return standard.claims.filter(unit_id=user.unit_id).first() if user.unit_id else None


def claim_refusal(user, standard: DiscretionStandard, unit: Unit | None) -> str:
    """Why ``user`` may not claim ``standard`` for ``unit`` (their own unit), status aside."""
    if unit is None:
        return MSG_NO_UNIT
    if unit.pk == standard.unit_id:
        return MSG_OWN_STANDARD
    if f"/{standard.unit_id}/" not in unit.path:
        return MSG_CLAIM_UNIT.format(unit=standard.unit.name)
    if user.unit_id != unit.pk:
        return MSG_NOT_CLAIMING_UNIT
    if not user.has_perm(CLAIM_PERMISSION):
        return MSG_NO_CLAIM_PERMISSION
    if DiscretionClaim.objects.filter(standard=standard, unit=unit).exists():
        return MSG_ALREADY_CLAIMED
    return ""


def step_refusal(step: str, user, standard: DiscretionStandard) -> str:
    """Why ``user`` may not take ``step`` on ``standard`` in its current status (``""``: they may)."""
    if step == "edit":
        return _author_refusal(user, standard, "修改")
    if step == "submit":
        refusal = _author_refusal(user, standard, "提交审核")
        if not refusal and reviewing_unit(standard.unit) is None:
            refusal = MSG_NO_REVIEWER.format(unit=standard.unit.name)
        return refusal
    if step == "review":
        return review_refusal(user, standard)
    if step == "publish":
        if _is_author(user, standard) or can_review(user, standard):
            return ""
        reviewer = reviewing_unit(standard.unit)
        return MSG_NOT_PUBLISHER.format(unit=standard.unit.name, reviewer=reviewer.name if reviewer else "无")
    if step == "claim":
        return claim_refusal(user, standard, user.unit)
    if step == "propose":
        if own_claim(standard, user) is None:
            return MSG_CLAIM_FIRST
        return "" if user.has_perm(EDIT_PERMISSION) else MSG_NO_EDIT_PERMISSION
    if step == "new_version":
        return _author_refusal(user, standard, "修订新版本")
    raise ValueError(f"未知步骤：{step}")


#: Steps that concern only the maintaining unit, and steps that concern only the other units.
AUTHOR_STEPS = {"new_version"}
CLAIMER_STEPS = {"claim", "propose"}


def step_options(standard: DiscretionStandard, user) -> dict[str, str]:
    """The steps offered to ``user`` in the standard's status, each mapped to ``""`` (allowed) or the reason
    it is not. Claiming is not offered to the maintaining unit, a new version not to the other units."""
    author_unit = user.unit_id == standard.unit_id
    hidden = CLAIMER_STEPS if author_unit else AUTHOR_STEPS
    return {step: step_refusal(step, user, standard) for step in STEPS
            if standard.status in STEP_STATUSES[step] and step not in hidden}
