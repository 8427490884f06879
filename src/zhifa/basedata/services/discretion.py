"""Discretion standards: life cycle (draft → submitted → reviewed → published → superseded), claims,
local adjustments, change reminders, and the penalty suggestion used by cases.

Each write is one transaction that locks the standard (``select_for_update``) and appends a
``DiscretionEvent``, so that the history of a standard shows every step with who, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core.models import TodoKind
from zhifa.core.notifications import notify
from zhifa.core.services.todos import todo_complete_for, todo_create
from zhifa.legal.catalogue import PENALTY_KINDS

from ..models.discretion import (
    DiscretionClaim,
    DiscretionEvent,
    DiscretionLevel,
    DiscretionStandard,
    MultipleBase,
    StandardStatus,
)
from .discretion_access import (  # noqa: F401  (the permissions and reasons are part of this module's interface)
    EDIT_PERMISSION,
    MSG_ALREADY_CLAIMED,
    MSG_CLAIM_UNIT,
    MSG_NOT_CLAIMING_UNIT,
    REVIEW_PERMISSION,
    can_review,
    claim_refusal,
    reviewers_of,
    step_refusal,
)

MSG_NO_LEVELS = "裁量基准至少应有一个裁量阶次"
MSG_BAD_KIND = "处罚种类“{kind}”无效"
MSG_FINE_RANGE = "罚款下限不能大于上限"
MSG_MULTIPLE_RANGE = "倍数下限不能大于上限"
MSG_MULTIPLE_BASE = "按倍数计算罚款时须选择倍数基数（违法所得或货值金额）"
MSG_CIRCUMSTANCE = "请填写违法程度"
MSG_WRONG_STATUS = "当前状态为“{status}”，不能{action}"
MSG_REJECT_REASON = "退回时必须填写退回原因"
MSG_BAD_DECISION = "审核结论只能是通过或退回"
MSG_CLAIM_UNIT = "只有制定单位的下级单位可以认领本基准"
MSG_ALREADY_CLAIMED = "本单位已认领该基准"
MSG_NOT_CLAIMING_UNIT = "只有认领单位的人员可以操作"
MSG_NO_STANDARD = "无适用的裁量基准：本单位及其上级单位没有该职权已发布的自由裁量基准"
MSG_NO_LEVEL = "没有与“{circumstance}”对应的裁量阶次，可选：{choices}"
MSG_DEVIATION_REASON = "决定的罚款金额{amount}元超出裁量基准范围（{low}至{high}元），必须填写理由"

NOTICE_TITLE = "自由裁量基准已变更：{title}"
NOTICE_BODY = "贵单位认领的《{title}》已发布第{version}版（{unit}），请按新基准执行。"
SUBMIT_TITLE = "待审核：{title}（第{version}版）"
REJECT_TITLE = "自由裁量基准被退回：{title}"

KIND_IDS = {kind for kind, _ in PENALTY_KINDS}
LEVEL_FIELDS = ("circumstance", "condition", "penalty_kinds", "fine_min", "fine_max", "multiple_min", "multiple_max",
                "multiple_base", "description", "aggravating", "mitigating")


# --- helpers ---------------------------------------------------------------------------------


def _locked(standard: DiscretionStandard) -> DiscretionStandard:
    return DiscretionStandard.objects.select_for_update(of=("self",)).select_related("unit", "unit__parent").get(pk=standard.pk)


def _event(standard, action, *, user, from_status="", reason=""):
    DiscretionEvent.objects.create(
        standard=standard, action=action, from_status=from_status, to_status=standard.status, reason=reason,
        actor=user,
    )


def _require_status(standard, allowed, action):
    if standard.status not in allowed:
        raise ValidationError(MSG_WRONG_STATUS.format(status=standard.get_status_display(), action=action))


def _require_step(standard, step, user):
    """Refuse with the reason of ``discretion_access`` when ``user`` may not take ``step``."""
    refusal = step_refusal(step, user, standard)
    if refusal:
        raise PermissionDenied(refusal)


def _users_of(unit_ids) -> list:
    return list(get_user_model().objects.filter(unit_id__in=list(unit_ids), is_active=True))


def _clean_levels(levels: list[dict]) -> list[DiscretionLevel]:
    """Validate level data (dicts of ``LEVEL_FIELDS``); errors name the level and the field."""
    if not levels:
        raise ValidationError({"levels": MSG_NO_LEVELS})
    rows = []
    for order, values in enumerate(levels, start=1):
        level = DiscretionLevel(order=order, **{k: v for k, v in values.items() if k in LEVEL_FIELDS})
        errors = {}
        if not (level.circumstance or "").strip():
            errors["circumstance"] = MSG_CIRCUMSTANCE
        bad = [kind for kind in level.penalty_kinds if kind not in KIND_IDS]
        if bad:
            errors["penalty_kinds"] = MSG_BAD_KIND.format(kind=bad[0])
        if level.fine_min is not None and level.fine_max is not None and Decimal(level.fine_min) > Decimal(level.fine_max):
            errors["fine_max"] = MSG_FINE_RANGE
        if level.multiple_min is not None and level.multiple_max is not None:
            if Decimal(level.multiple_min) > Decimal(level.multiple_max):
                errors["multiple_max"] = MSG_MULTIPLE_RANGE
        if (level.multiple_min is not None or level.multiple_max is not None) and not level.multiple_base:
            errors["multiple_base"] = MSG_MULTIPLE_BASE
        if errors:
            raise ValidationError({f"levels[{order}].{name}": f"第{order}阶次：{msg}" for name, msg in errors.items()})
        rows.append(level)
    return rows


def _level_dicts(standard) -> list[dict]:
    return [{name: getattr(level, name) for name in LEVEL_FIELDS} for level in standard.levels.all()]


# --- writing and the review cycle ------------------------------------------------------------


@transaction.atomic
def standard_create(*, standard: DiscretionStandard, levels: list[dict], user) -> DiscretionStandard:
    """Save a new draft standard with its levels."""
    rows = _clean_levels(levels)
    standard.status = StandardStatus.DRAFT
    standard.full_clean()
    standard.save()
    for row in rows:
        row.standard = standard
    DiscretionLevel.objects.bulk_create(rows)
    _event(standard, "创建草稿", user=user)
    return standard


@transaction.atomic
def standard_revise(*, standard: DiscretionStandard, levels: list[dict], user, reason: str = "",
                    title: str | None = None) -> DiscretionStandard:
    """Replace the levels (and title) of a draft or rejected standard; only its own unit may do so."""
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.DRAFT, StandardStatus.REJECTED}, "修改")
    _require_step(locked, "edit", user)
    rows = _clean_levels(levels)
    if title:
        locked.title = title
        locked.save(update_fields=["title", "updated_at"])
    locked.levels.all().delete()
    for row in rows:
        row.standard = locked
    DiscretionLevel.objects.bulk_create(rows)
    _event(locked, "修改", user=user, from_status=locked.status, reason=reason)
    return locked


@transaction.atomic
def standard_submit(*, standard: DiscretionStandard, user) -> DiscretionStandard:
    """Submit a draft or rejected standard to its reviewing unit, whose reviewers get a todo and a notification."""
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.DRAFT, StandardStatus.REJECTED}, "提交审核")
    _require_step(locked, "submit", user)
    if not locked.levels.exists():
        raise ValidationError({"levels": MSG_NO_LEVELS})
    before = locked.status
    locked.status = StandardStatus.SUBMITTED
    locked.reject_reason = ""
    locked.save(update_fields=["status", "reject_reason", "updated_at"])
    _event(locked, "提交审核", user=user, from_status=before)
    reviewers = reviewers_of(locked)
    title = SUBMIT_TITLE.format(title=locked.title, version=locked.version)
    for reviewer in reviewers:
        todo_create(assignee=reviewer, title=title, url=locked.get_absolute_url(), kind=TodoKind.APPROVAL,
                    source=locked)
    if reviewers:
        notify(recipients=reviewers, title=title, url=locked.get_absolute_url())
    return locked


@transaction.atomic
def standard_review(*, standard: DiscretionStandard, user, decision: str, reason: str = "") -> DiscretionStandard:
    """Approve (``"approve"``) or reject (``"reject"``, reason required) a submitted standard.

    Only a user of the reviewing unit (``discretion_access.reviewing_unit``) holding the review permission
    may review; the reviewers' todos are closed. A rejection goes back to the author unit with the reason.
    """
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.SUBMITTED}, "审核")
    _require_step(locked, "review", user)
    reason = (reason or "").strip()
    if decision == "approve":
        locked.status = StandardStatus.APPROVED
    elif decision == "reject":
        if not reason:
            raise ValidationError({"reason": MSG_REJECT_REASON})
        locked.status = StandardStatus.REJECTED
        locked.reject_reason = reason
    else:
        raise ValidationError({"decision": MSG_BAD_DECISION})
    locked.save(update_fields=["status", "reject_reason", "updated_at"])
    todo_complete_for(locked)
    _event(locked, "审核通过" if decision == "approve" else "退回", user=user, from_status=StandardStatus.SUBMITTED,
           reason=reason)
    if decision == "reject" and locked.created_by_id:
        notify(recipients=[locked.created_by], title=REJECT_TITLE.format(title=locked.title), body=reason,
               url=locked.get_absolute_url())
    return locked


@transaction.atomic
def standard_publish(*, standard: DiscretionStandard, user) -> DiscretionStandard:
    """Publish an approved standard; the previous published version of the same power and unit is superseded,
    its claims move to the new version and the users of the claiming units are notified (变更提醒)."""
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.APPROVED}, "发布")
    _require_step(locked, "publish", user)
    previous = list(
        DiscretionStandard.objects.select_for_update()
        .filter(power_id=locked.power_id, unit_id=locked.unit_id, status=StandardStatus.PUBLISHED)
        .exclude(pk=locked.pk)
    )
    for old in previous:
        old.status = StandardStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        _event(old, "被新版本替代", user=user, from_status=StandardStatus.PUBLISHED, reason=f"新版本：{locked}")
    claiming_units = set()
    for claim in DiscretionClaim.objects.filter(standard__in=previous):
        claiming_units.add(claim.unit_id)
        DiscretionClaim.objects.get_or_create(standard=locked, unit_id=claim.unit_id,
                                              defaults={"claimed_by": claim.claimed_by})
    locked.status = StandardStatus.PUBLISHED
    locked.published_at = timezone.now()
    if previous and locked.previous_id is None:
        locked.previous = max(previous, key=lambda s: s.version)
    locked.save(update_fields=["status", "published_at", "previous", "updated_at"])
    _event(locked, "发布", user=user, from_status=StandardStatus.APPROVED)
    recipients = _users_of(claiming_units)
    if recipients:
        notify(recipients=recipients, title=NOTICE_TITLE.format(title=locked.title),
               body=NOTICE_BODY.format(title=locked.title, version=locked.version, unit=locked.unit.name),
               url=locked.get_absolute_url())
    return locked


@transaction.atomic
def standard_new_version(*, standard: DiscretionStandard, user) -> DiscretionStandard:
    """Start the next version of a published standard: a draft copy of its levels (the original stays in force)."""
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.PUBLISHED}, "修订")
    _require_step(locked, "new_version", user)
    draft = DiscretionStandard(power=locked.power, unit=locked.unit, parent=locked.parent, previous=locked,
                               title=locked.title, version=locked.version + 1)
    return standard_create(standard=draft, levels=_level_dicts(locked), user=user)


@transaction.atomic
def standard_claim(*, standard: DiscretionStandard, unit, user) -> DiscretionClaim:
    """A lower unit claims (认领) a published standard: it applies it and is reminded of changes."""
    locked = _locked(standard)
    _require_status(locked, {StandardStatus.PUBLISHED}, "认领")
    refusal = claim_refusal(user, locked, unit)
    if refusal:
        raise ValidationError({"unit": refusal})
    claim = DiscretionClaim.objects.create(standard=locked, unit=unit, claimed_by=user)
    _event(locked, "认领", user=user, from_status=locked.status, reason=unit.name)
    return claim


@transaction.atomic
def standard_propose_adjustment(*, claim: DiscretionClaim, user, levels: list[dict] | None = None,
                                reason: str = "") -> DiscretionStandard:
    """The claiming unit proposes a local adjustment: a new draft child of the claimed standard.

    ``levels`` defaults to a copy of the claimed standard's levels; the draft then follows the same review.
    """
    parent = _locked(claim.standard)
    _require_status(parent, {StandardStatus.PUBLISHED}, "提出调整")
    if user.unit_id != claim.unit_id or not user.has_perm(EDIT_PERMISSION):
        raise PermissionDenied(MSG_NOT_CLAIMING_UNIT)
    child = DiscretionStandard(power=parent.power, unit=claim.unit, parent=parent,
                               title=f"{parent.title}（{claim.unit.name}调整）")
    child = standard_create(standard=child, levels=levels if levels is not None else _level_dicts(parent), user=user)
    _event(parent, "下级提出调整", user=user, from_status=parent.status, reason=reason or claim.unit.name)
    return child


def standard_history(standard: DiscretionStandard):
    """Every step of a standard and of the versions before it, oldest first."""
    ids, current = [], standard
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = current.previous
    return DiscretionEvent.objects.filter(standard_id__in=ids).select_related("actor", "standard").order_by("at", "pk")


# --- use in cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PenaltySuggestion:
    """The level of a standard that applies to the facts of a case, with the kinds and fine range."""

    standard: DiscretionStandard
    level: DiscretionLevel
    kinds: list[str]
    fine_min: Decimal | None
    fine_max: Decimal | None
    basis: list[str] = field(default_factory=list)


def applicable_standard(power, unit=None, on=None) -> DiscretionStandard | None:
    """The standard of ``power`` nearest to ``unit`` that was in force on ``on`` (default: now).

    ``unit`` defaults to the power's own unit. Only the unit and the units above it count: a standard
    of another district never applies, so a unit whose chain has none gets ``None`` (无适用的裁量基准).
    On a past date a standard counts from its publication until the next version of the same unit
    was published (a superseded version still applies to facts of its time).
    """
    unit = unit if unit is not None else power.unit
    chain = [int(pk) for pk in unit.path.strip("/").split("/") if pk] or [unit.pk]
    candidates = DiscretionStandard.objects.filter(power=power, unit_id__in=chain).select_related("unit")
    if on is None:
        candidates = candidates.filter(status=StandardStatus.PUBLISHED)
    else:
        candidates = candidates.filter(status__in=[StandardStatus.PUBLISHED, StandardStatus.SUPERSEDED],
                                       published_at__date__lte=on)
    found = {s.unit_id: s for s in candidates.order_by("published_at", "version")}
    return next((found[unit_id] for unit_id in reversed(chain) if unit_id in found), None)


def suggest_penalty(*, power, facts: dict) -> PenaltySuggestion:
    """The applicable level, penalty kinds, fine range and basis for ``facts``.

    ``facts``: ``circumstance`` (违法程度, e.g. ``"一般"``), optional ``unit`` (the deciding unit; the
    power's unit when absent), optional ``on`` (the date of the facts: the standard in force then),
    ``gains`` and ``goods_value`` (yuan) for fines given as multiples.
    """
    standard = applicable_standard(power, facts.get("unit"), facts.get("on"))
    if standard is None:
        raise ValidationError({"power": MSG_NO_STANDARD})
    levels = list(standard.levels.all())
    wanted = (facts.get("circumstance") or "").strip()
    level = next((lv for lv in levels if lv.circumstance == wanted), None)
    if level is None:
        raise ValidationError({"circumstance": MSG_NO_LEVEL.format(
            circumstance=wanted, choices="、".join(lv.circumstance for lv in levels))})
    low, high = level.fine_min, level.fine_max
    if level.multiple_base:
        amount = Decimal(str(facts.get("gains" if level.multiple_base == MultipleBase.GAINS else "goods_value") or 0))
        if level.multiple_min is not None:
            low = max(low or Decimal(0), amount * level.multiple_min)
        if level.multiple_max is not None:
            high = max(high or Decimal(0), amount * level.multiple_max)
    basis = [f"《{standard.title}》第{standard.version}版 {level.circumstance}"]
    basis += [str(article) for article in power.basis.select_related("law")]
    return PenaltySuggestion(standard=standard, level=level, kinds=list(level.penalty_kinds), fine_min=low,
                             fine_max=high, basis=basis)


def check_deviation(*, suggestion: PenaltySuggestion, decided_amount, reason: str = "") -> bool:
    """Whether ``decided_amount`` lies outside the suggested range; outside without a reason is refused."""
    amount = Decimal(str(decided_amount))
    outside = (suggestion.fine_min is not None and amount < suggestion.fine_min) or (
        suggestion.fine_max is not None and amount > suggestion.fine_max
    )
    if outside and not (reason or "").strip():
        raise ValidationError({"deviation_reason": MSG_DEVIATION_REASON.format(
            amount=amount, low=suggestion.fine_min if suggestion.fine_min is not None else "—",
            high=suggestion.fine_max if suggestion.fine_max is not None else "—")})
    return outside
