"""Deputies (委托): who holds a person's new work while they are away."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Deputy

NOT_ALLOWED = "只能为本人或您有权管理的用户设置委托"
DATES = "结束日期不能早于开始日期"
SELF = "不能委托给本人"
DEPUTY_OUT_OF_SCOPE = "受托人“{user}”必须与委托人同属一个单位或其上级单位"


@transaction.atomic
def deputy_set(*, user, deputy, starts_on: dt.date, ends_on: dt.date, actor, reason: str = "") -> Deputy:
    """Let ``deputy`` hold ``user``'s new work from ``starts_on`` to ``ends_on`` (both included)."""
    from django.contrib.auth import get_user_model

    if actor.pk != user.pk and not get_user_model().objects.filter(pk=user.pk).restrict(actor, "change").exists():
        raise ValidationError(NOT_ALLOWED)
    errors = {}
    if deputy.pk == user.pk:
        errors["deputy"] = SELF
    elif deputy.unit_id not in (user.unit_id, getattr(user.unit, "parent_id", None)):
        errors["deputy"] = DEPUTY_OUT_OF_SCOPE.format(user=deputy)
    if ends_on < starts_on:
        errors["ends_on"] = DATES
    if errors:
        raise ValidationError(errors)
    return Deputy.objects.create(user=user, deputy=deputy, starts_on=starts_on, ends_on=ends_on, reason=reason)
