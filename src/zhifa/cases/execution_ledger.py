"""What a party owes on a decision: the fine, the payments, and 加处罚款 from the legal engine.

The fine is split into tranches, each with its deadline: the whole fine by ``CaseExecution.due_on``
or, once a deferral or instalment plan is approved, the part it covers by its new date(s).
Payments pay the fine first, the earliest tranche first; whatever remains is 加处罚款.

加处罚款 is counted by the rule ``late_payment_surcharge`` on each part of the fine paid late, from
its deadline to the day it was paid (or ``as_of`` while unpaid), leaving out the days a 复议 or
诉讼 ran (行政处罚法第73条第3款). Each part's surcharge is capped at that part, so the total never
exceeds the fine (行政强制法第45条). Counting on the unpaid part rather than on the whole fine is a
product decision recorded in docs/cases.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from zhifa.legal import evaluate
from zhifa.legal.basis import Citation

from .execution_choices import ArrangementKind, ArrangementStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Tranche:
    """A part of the fine and the last day to pay it."""

    amount: Decimal
    due_on: dt.date


@dataclass
class Ledger:
    """The money of one execution as of a day."""

    fine: Decimal
    paid: Decimal
    surcharge: Decimal
    next_due_on: dt.date | None
    basis: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def owed(self) -> Decimal:
        """Fine plus 加处罚款."""
        return self.fine + self.surcharge

    @property
    def outstanding(self) -> Decimal:
        """What the party still has to pay (never negative)."""
        return max(self.owed - self.paid, ZERO)

    @property
    def principal_unpaid(self) -> Decimal:
        """The part of the fine itself not yet paid."""
        return max(self.fine - self.paid, ZERO)


def tranches(execution) -> list[Tranche]:
    """The fine's parts with their deadlines, earliest first, after any approved arrangement."""
    arrangement = next((a for a in execution.arrangements.all() if a.status == ArrangementStatus.APPROVED), None)
    if arrangement is None:
        return [Tranche(execution.fine_amount, execution.due_on)]
    parts = []
    before = execution.fine_amount - arrangement.amount
    if before > 0:
        parts.append(Tranche(before, execution.due_on))
    if arrangement.kind == ArrangementKind.DEFERRAL:
        parts.append(Tranche(arrangement.amount, arrangement.deferred_to))
    else:
        parts.extend(Tranche(row.amount, row.due_on) for row in arrangement.instalments.all())
    return sorted(parts, key=lambda part: part.due_on)


def remedy_periods(case, as_of: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days a 复议 or 诉讼 against the decision ran, up to ``as_of`` (not counted for 加处罚款)."""
    return [
        (remedy.applied_on, min(remedy.concluded_on or as_of, as_of))
        for remedy in case.remedies.all()
        if remedy.applied_on <= as_of
    ]


def ledger(execution, *, as_of: dt.date, payments: list[tuple[dt.date, Decimal]] | None = None) -> Ledger:
    """The ledger of ``execution`` on ``as_of``; ``payments`` (date, amount) replace the recorded ones when given."""
    if payments is None:
        payments = [(p.paid_on, p.amount) for p in execution.payments.all()]
    payments = sorted(payments, key=lambda pair: pair[0])
    queue = [[part.amount, part.due_on] for part in tranches(execution)]
    pieces: list[tuple[Decimal, dt.date, dt.date]] = []  # (amount, deadline, paid or counted to)
    for paid_on, amount in payments:
        while amount > 0 and queue:
            take = min(amount, queue[0][0])
            pieces.append((take, queue[0][1], paid_on))
            queue[0][0] -= take
            amount -= take
            if queue[0][0] == 0:
                queue.pop(0)
    pieces.extend((remaining, due_on, as_of) for remaining, due_on in queue)
    periods = remedy_periods(execution.case, as_of)
    surcharge, basis, warnings = ZERO, {}, []
    for amount, due_on, until in pieces:
        if until <= due_on:
            continue
        answer = evaluate("late_payment_surcharge", fine_amount=amount, due_on=due_on, paid_on=until,
                          excluded_periods=periods)
        surcharge += answer["amount"]
        basis.update(dict.fromkeys(answer.basis))
        warnings.extend(w for w in answer.warnings if w not in warnings)
    return Ledger(
        fine=execution.fine_amount, paid=sum((amount for _, amount in payments), ZERO), surcharge=surcharge,
        next_due_on=queue[0][1] if queue else None, basis=list(basis), warnings=warnings,
    )
