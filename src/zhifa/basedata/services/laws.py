"""Writes on the laws library other than the import: validity upkeep and favourites."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhifa.core.gate import can

from ..choices import LawValidity
from ..models import Article, Law, LawFavourite
from .law_index import index_law

MSG_PERIOD = "失效日期不能早于施行日期"
MSG_SUPERSEDED_BY_SELF = "不能由本版本取代自己"
MSG_SUPERSEDED_BY_OLDER = "取代本版本的应是更晚的版本"
LAW_EDITABLE_FIELDS = ("effective_on", "expires_on", "superseded_by", "superseded_note", "region")

FAVOURITE_TARGET_REQUIRED = "请指定要收藏的法规或法条（二选一）"
FAVOURITE_NOT_VISIBLE = "没有查看该法规的权限，不能收藏"


def validity_of(law: Law, *, current: Law | None, today: dt.date) -> str:
    """Validity of one version given the version in force today (``current``) among its siblings.

    A version whose ``expires_on`` has passed is superseded (已被修订) when a successor is recorded, else
    repealed; the current one is in force; versions before it were superseded; versions after it are
    not yet effective.
    """
    if law.expires_on and law.expires_on <= today:
        return LawValidity.AMENDED if (law.superseded_by_id or law.superseded_note) else LawValidity.REPEALED
    if current is None or law.version_date > current.version_date:
        return LawValidity.NOT_YET_EFFECTIVE
    if law.pk == current.pk:
        return LawValidity.IN_FORCE
    return LawValidity.AMENDED


@transaction.atomic
def law_refresh_validity(*, short_title: str, today: dt.date | None = None) -> list[Law]:
    """Recompute the validity of every version of ``short_title``; returns the versions changed.

    Changed versions are saved (audited) and re-indexed, since validity weighs in search ranking.
    """
    today = today or timezone.localdate()
    versions = list(Law.objects.select_for_update().filter(short_title=short_title).order_by("version_date"))
    in_effect = [law for law in versions if law.effective_on is None or law.effective_on <= today]
    current = in_effect[-1] if in_effect else None
    changed = []
    for law in versions:
        validity = validity_of(law, current=current, today=today)
        if validity != law.validity:
            law.validity = validity
            law.save(update_fields=["validity", "updated_at"])
            index_law(law)
            changed.append(law)
    return changed


@transaction.atomic
def law_update(*, law: Law, user=None, today: dt.date | None = None) -> Law:
    """Save an administrator's change of a version's validity period, successor or region; refresh validity.

    Checked: the period runs forwards and the successor is a later, different version.
    """
    Law.objects.select_for_update().filter(pk=law.pk).first()
    errors = {}
    if law.effective_on and law.expires_on and law.expires_on < law.effective_on:
        errors["expires_on"] = MSG_PERIOD
    if law.superseded_by_id and law.superseded_by_id == law.pk:
        errors["superseded_by"] = MSG_SUPERSEDED_BY_SELF
    elif law.superseded_by_id and law.superseded_by.version_date <= law.version_date:
        errors["superseded_by"] = MSG_SUPERSEDED_BY_OLDER
    if errors:
        raise ValidationError(errors)
    law.full_clean()
    law.save()
    law_refresh_validity(short_title=law.short_title, today=today)
    law.refresh_from_db()
    return law


@transaction.atomic
def favourite_toggle(*, user, law: Law | None = None, article: Article | None = None) -> bool:
    """Add the law or article to ``user``'s favourites, or remove it; True when now a favourite.

    The user must be allowed to view the target. Raises ``ValidationError`` unless exactly one of
    ``law`` and ``article`` is given, ``PermissionDenied`` when the target is not visible.
    """
    if (law is None) == (article is None):
        raise ValidationError(FAVOURITE_TARGET_REQUIRED)
    target = law or article
    if not can(user, "view", target):
        raise PermissionDenied(FAVOURITE_NOT_VISIBLE)
    lookup = {"law": law} if law is not None else {"article": article}
    deleted, _ = LawFavourite.objects.filter(user=user, **lookup).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            LawFavourite.objects.create(user=user, **lookup)
    except IntegrityError:
        # A concurrent request added the same favourite first: the end state is the same.
        pass
    return True
