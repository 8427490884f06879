"""Numbering (A7): case numbers and document numbers (文号), gap-free and never duplicated.

``next_number`` must run inside the caller's transaction, the one that saves the numbered record:
it locks the rule's counter row until that transaction ends, so concurrent callers queue on the
row, and a transaction that rolls back gives its number back (the next caller gets it).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, router, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from ..models import NumberRule, NumberSequence

NO_RULE = "单位“{unit}”及其上级单位都没有设置编号类别“{kind}”的编号规则，请先在“编号规则”中配置"
NO_PREFIX = "编号规则“{rule}”使用了文号代字 {{prefix}}，但单位“{unit}”没有设置文号代字"
NOT_IN_TRANSACTION = "next_number 必须在保存编号所属记录的事务中调用（transaction.atomic），否则无法保证编号连续"


class NumberingError(Exception):
    """No usable number rule for the unit and kind; the message is for the user."""


def rule_for(*, unit, kind: str) -> NumberRule:
    """The rule of ``unit`` for ``kind``, or of its nearest ancestor that has one."""
    ancestor_ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk] or [unit.pk]
    rules = {rule.unit_id: rule for rule in NumberRule.objects.filter(unit_id__in=ancestor_ids, kind=kind).select_related("unit")}
    for unit_id in reversed(ancestor_ids):
        if unit_id in rules:
            return rules[unit_id]
    raise NumberingError(NO_RULE.format(unit=unit, kind=kind))


def _locked_sequence(rule: NumberRule, year: int) -> NumberSequence:
    """The counter row of ``rule`` for ``year``, locked; created race-free on first use."""
    sequence = NumberSequence.objects.select_for_update().filter(rule=rule, year=year).first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():  # a savepoint: a lost creation race leaves the outer transaction usable
            NumberSequence.objects.create(rule=rule, year=year)
    except IntegrityError:
        pass  # another transaction created it first; its row is locked and read below
    return NumberSequence.objects.select_for_update().get(rule=rule, year=year)


def next_number(*, unit, kind: str, on_date: dt.date | None = None) -> str:
    """Draw the next number of ``kind`` for ``unit``, e.g. ``深盐城管罚〔2026〕第0012号``.

    Raises ``NumberingError`` with a Chinese message when no rule applies.
    """
    if not transaction.get_connection(router.db_for_write(NumberSequence)).in_atomic_block:
        raise TransactionManagementError(NOT_IN_TRANSACTION)
    on_date = on_date or timezone.localdate()
    rule = rule_for(unit=unit, kind=kind)
    prefix = rule.unit.number_prefix
    if "{prefix" in rule.pattern and not prefix:
        raise NumberingError(NO_PREFIX.format(rule=rule.name, unit=rule.unit))
    sequence = _locked_sequence(rule, on_date.year if rule.yearly_reset else 0)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return rule.pattern.format(prefix=prefix, year=on_date.year, seq=sequence.last_value)
