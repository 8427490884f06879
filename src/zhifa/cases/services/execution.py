"""Execution of a decision (执行): service of the decision, payments, deferral or instalments, 催告,
application to the court, 终结执行, confiscated goods, and the 结案 check.

Each write is one transaction that locks the execution (or the case) it changes, is authorised
against the case's unit and leaves its audit rows (the models are audited). Each ``…_refusal``
function answers ``""`` or the Chinese reason (quoting the article where the law decides) and is
what both the case page and the write call, so the page never offers what the write refuses.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.legal import evaluate
from zhifa.legal.basis import CF_66, CF_72_COURT, QZ_53, QZ_54
from zhifa.workflow.guards import Refusal

from ..choices import CaseStatus
from ..execution_choices import FINISHED, ArrangementKind, ArrangementStatus, ExecutionStatus
from ..execution_ledger import Ledger, ledger
from ..facts import facts
from ..models import (
    Case,
    CaseExecution,
    CasePayment,
    ConfiscatedItem,
    ExecutionReminder,
    PaymentArrangement,
    PaymentInstalment,
)
from .access import access_refusal

MSG_NOT_DECIDED = "该案件尚未作出处罚决定"
MSG_CLOSED = "该案件已结案"
MSG_NO_FINE = "该案件未处罚款，无需登记缴款"
MSG_ALREADY_SERVED = "已登记决定书送达（{date}），执行已开始"
MSG_NOT_SERVED = "尚未登记决定书送达，执行尚未开始"
MSG_FINISHED = "该案件执行状态为“{status}”，不能再办理"
MSG_IN_COURT = "已于 {date} 申请人民法院强制执行"
MSG_BEFORE_DECISION = "{label}不能早于决定日期（{date}）"
MSG_FUTURE = "{label}不能晚于今天"
MSG_REQUIRED = "请填写{label}"
MSG_POSITIVE = "{label}必须大于 0"
MSG_OVERPAID = "缴款金额超过尚欠金额 {outstanding} 元（罚款 {fine} 元，加处罚款 {surcharge} 元，已缴 {paid} 元）"
MSG_RECEIPT_USED = "票据号码“{number}”已登记过"
MSG_ARRANGEMENT_PENDING = "已有待审批的{kind}申请"
MSG_ARRANGEMENT_APPROVED = "已批准{kind}，不能再次申请"
MSG_NOTHING_UNPAID = "罚款已缴清"
MSG_DEFER_AFTER = "延期后的缴纳期限必须晚于原缴款期限（{date}）"
MSG_INSTALMENTS_FEW = "分期缴纳至少分两期"
MSG_INSTALMENTS_SUM = "各期金额合计 {total} 元，应等于尚未缴纳的罚款 {amount} 元"
MSG_INSTALMENTS_ORDER = "各期缴纳期限必须晚于申请日期并逐期推后"
MSG_NO_PENDING_ARRANGEMENT = "没有待审批的延期（分期）缴纳申请"
MSG_OWN_ARRANGEMENT = "不能审批本人登记的申请"
MSG_DUE_NOT_PASSED = "缴款期限（{date}）尚未届满，当事人尚未逾期不履行，不能催告"
MSG_NOTHING_TO_DEMAND = "当事人已缴清全部款项，无需催告"
MSG_REMEDY_OPEN = "当事人已申请{kind}，尚未审结，不能申请人民法院强制执行"
MSG_NO_REMINDER = "申请人民法院强制执行前应当书面催告当事人履行义务，本案尚未催告"
MSG_PREMATURE = "尚未到可以申请的日期：最早 {earliest} 方可申请（起诉期限届满且催告书送达满十个工作日后）"
MSG_LATE = "已超过申请人民法院强制执行的期限（最晚 {latest}）"
MSG_BEFORE_REMINDER = "申请日期不能早于催告书送达日期（{date}）"
MSG_CLOSE_NOT_EXECUTED = "罚款尚未执行（未登记决定书送达），执行未完毕，不能结案"
MSG_CLOSE_UNPAID = "罚款尚未缴清（尚欠 {amount} 元），执行未完毕，不能结案"
MSG_CLOSE_IN_COURT = "已申请人民法院强制执行，执行尚未完毕，不能结案"

WHAT_EXECUTION = "办理该案件执行"
WHAT_PAYMENT = "登记该案件缴款"
WHAT_ARRANGEMENT = "登记该案件延期（分期）缴纳申请"
WHAT_APPROVAL = "审批该案件延期（分期）缴纳"
WHAT_REMINDER = "对该案件当事人催告"
WHAT_CONFISCATED = "登记该案件罚没物品"
APPROVE_PERMISSION = "cases.approve_paymentarrangement"


def _raise(reason: str) -> None:
    if reason:
        raise ValidationError(reason)


def _today() -> dt.date:
    return timezone.localdate()


def _dated(value: dt.date | None, field: str, label: str, *, not_before: dt.date | None = None,
           before_message: str = MSG_BEFORE_DECISION) -> dt.date:
    """``value`` checked: given, not in the future, not before ``not_before``."""
    if value is None:
        raise ValidationError({field: MSG_REQUIRED.format(label=label)})
    if value > _today():
        raise ValidationError({field: MSG_FUTURE.format(label=label)})
    if not_before is not None and value < not_before:
        raise ValidationError({field: before_message.format(label=label, date=not_before)})
    return value


def execution_of(case: Case) -> CaseExecution | None:
    """The case's execution record, or ``None`` before the decision was served."""
    return facts(case).execution


def _locked(case: Case) -> tuple[Case, CaseExecution | None]:
    """The case and its execution, both locked for the rest of the transaction."""
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    return case, CaseExecution.objects.select_for_update().filter(case=case).first()


def ledger_of(execution: CaseExecution, as_of: dt.date | None = None) -> Ledger:
    """What the party owes and has paid on ``as_of`` (today by default)."""
    return ledger(execution, as_of=as_of or _today())


# --- service of the decision: execution starts --------------------------------------------------------


def execution_open_refusal(*, case: Case, actor) -> str:
    """Why the service of the decision cannot be recorded now (``""``: it can)."""
    refusal = access_refusal(actor, case, "cases.add_caseexecution", WHAT_EXECUTION)
    if refusal:
        return refusal
    if case.status == CaseStatus.CLOSED:
        return MSG_CLOSED
    if case.decided_on is None:
        return MSG_NOT_DECIDED
    if case.fine_amount <= 0:
        return MSG_NO_FINE
    execution = execution_of(case)
    return MSG_ALREADY_SERVED.format(date=execution.served_on) if execution else ""


def start_execution(case: Case, served_on: dt.date, actor) -> CaseExecution:
    """Create the execution of ``case`` served on ``served_on``, its deadline from ``payment_deadline``."""
    due_on = evaluate("payment_deadline", received_on=served_on)["deadline"]
    return CaseExecution.objects.create(case=case, fine_amount=case.fine_amount, served_on=served_on, due_on=due_on,
                                        created_by=actor)


@transaction.atomic
def execution_open(*, case: Case, actor, served_on: dt.date) -> CaseExecution:
    """登记送达: the party received the decision on ``served_on``; the payment deadline counts from it."""
    case, _ = _locked(case)
    _raise(execution_open_refusal(case=case, actor=actor))
    _dated(served_on, "served_on", "送达日期", not_before=case.decided_on)
    return start_execution(case, served_on, actor)


# --- payments -------------------------------------------------------------------------------------


def _open_execution_refusal(case: Case, execution: CaseExecution | None) -> str:
    if case.status == CaseStatus.CLOSED:
        return MSG_CLOSED
    if execution is None:
        return MSG_NOT_SERVED
    if execution.status in FINISHED:
        return MSG_FINISHED.format(status=execution.get_status_display())
    return ""


def payment_refusal(*, case: Case, actor) -> str:
    """Why a payment cannot be recorded now."""
    return (access_refusal(actor, case, "cases.add_casepayment", WHAT_PAYMENT)
            or _open_execution_refusal(case, execution_of(case)))


def _settle_status(execution: CaseExecution, as_of: dt.date) -> None:
    """Set 部分执行 / 执行完毕 from the payments (a court application stays until fully paid)."""
    money = ledger(execution, as_of=as_of)
    if money.paid > 0 and money.outstanding == 0:
        execution.status = ExecutionStatus.COMPLETE
    elif money.paid > 0 and execution.status == ExecutionStatus.PENDING:
        execution.status = ExecutionStatus.PARTIAL
    execution.save(update_fields=["status", "updated_at"])


@transaction.atomic
def payment_register(*, case: Case, actor, paid_on: dt.date, amount: Decimal, receipt_number: str,
                     note: str = "") -> CasePayment:
    """登记缴款: a whole or partial payment; refused above what is owed (fine plus 加处罚款) that day."""
    case, execution = _locked(case)
    _raise(payment_refusal(case=case, actor=actor))
    _dated(paid_on, "paid_on", "缴款日期", not_before=case.decided_on)
    amount = Decimal(amount or 0)
    if amount <= 0:
        raise ValidationError({"amount": MSG_POSITIVE.format(label="缴款金额")})
    receipt_number = (receipt_number or "").strip()
    if not receipt_number:
        raise ValidationError({"receipt_number": MSG_REQUIRED.format(label="票据号码")})
    if execution.payments.filter(receipt_number=receipt_number).exists():
        raise ValidationError({"receipt_number": MSG_RECEIPT_USED.format(number=receipt_number)})
    recorded = [(p.paid_on, p.amount) for p in execution.payments.all()]
    as_of = max([paid_on, *(day for day, _ in recorded)])
    before = ledger(execution, as_of=as_of, payments=recorded)
    after = ledger(execution, as_of=as_of, payments=[*recorded, (paid_on, amount)])
    if after.paid > after.owed:
        raise ValidationError({"amount": MSG_OVERPAID.format(
            outstanding=before.outstanding, fine=before.fine, surcharge=before.surcharge, paid=before.paid)})
    payment = CasePayment.objects.create(execution=execution, paid_on=paid_on, amount=amount,
                                         receipt_number=receipt_number, note=note.strip(), created_by=actor)
    _settle_status(execution, as_of)
    return payment


# --- deferral or instalments (行政处罚法第66条第2款) ---------------------------------------------------


def arrangement_refusal(*, case: Case, actor) -> str:
    """Why the party's application to defer or pay in instalments cannot be recorded now."""
    refusal = access_refusal(actor, case, "cases.add_paymentarrangement", WHAT_ARRANGEMENT)
    execution = execution_of(case)
    refusal = refusal or _open_execution_refusal(case, execution)
    if refusal:
        return refusal
    if execution.status == ExecutionStatus.COURT:
        return MSG_IN_COURT.format(date=execution.court_applied_on)
    known = facts(case)
    current = next((arrangement for arrangement in known.arrangements
                    if arrangement.status in (ArrangementStatus.SUBMITTED, ArrangementStatus.APPROVED)), None)
    if current is not None:
        message = MSG_ARRANGEMENT_PENDING if current.status == ArrangementStatus.SUBMITTED else MSG_ARRANGEMENT_APPROVED
        return message.format(kind=current.get_kind_display())
    return "" if known.ledger.principal_unpaid > 0 else MSG_NOTHING_UNPAID


def _checked_instalments(instalments, amount: Decimal, applied_on: dt.date) -> list[tuple[dt.date, Decimal]]:
    rows = [(due_on, Decimal(value)) for due_on, value in instalments]
    if len(rows) < 2:
        raise ValidationError({"instalments": MSG_INSTALMENTS_FEW})
    if any(value <= 0 for _, value in rows):
        raise ValidationError({"instalments": MSG_POSITIVE.format(label="每期金额")})
    days = [applied_on] + [due_on for due_on, _ in rows]
    if any(later <= earlier for earlier, later in zip(days, days[1:])):
        raise ValidationError({"instalments": MSG_INSTALMENTS_ORDER})
    total = sum(value for _, value in rows)
    if total != amount:
        raise ValidationError({"instalments": MSG_INSTALMENTS_SUM.format(total=total, amount=amount)})
    return rows


@transaction.atomic
def arrangement_apply(*, case: Case, actor, kind: str, applied_on: dt.date, reason: str,
                      deferred_to: dt.date | None = None,
                      instalments: list[tuple[dt.date, Decimal]] = ()) -> PaymentArrangement:
    """The party applies (确有经济困难) to pay the unpaid fine later or in instalments; a leader decides."""
    case, execution = _locked(case)
    _raise(arrangement_refusal(case=case, actor=actor))
    _dated(applied_on, "applied_on", "申请日期", not_before=case.decided_on)
    if not (reason or "").strip():
        raise ValidationError({"reason": MSG_REQUIRED.format(label="申请理由")})
    amount = ledger_of(execution).principal_unpaid
    rows = []
    if kind == ArrangementKind.DEFERRAL:
        if deferred_to is None:
            raise ValidationError({"deferred_to": MSG_REQUIRED.format(label="延期至")})
        if deferred_to <= execution.due_on:
            raise ValidationError({"deferred_to": MSG_DEFER_AFTER.format(date=execution.due_on)})
    elif kind == ArrangementKind.INSTALMENT:
        deferred_to = None
        rows = _checked_instalments(instalments, amount, applied_on)
    else:
        raise ValidationError({"kind": MSG_REQUIRED.format(label="方式")})
    arrangement = PaymentArrangement.objects.create(
        execution=execution, kind=kind, applied_on=applied_on, reason=reason.strip(), amount=amount,
        deferred_to=deferred_to, created_by=actor,
    )
    for sequence, (due_on, value) in enumerate(rows, start=1):
        PaymentInstalment.objects.create(arrangement=arrangement, sequence=sequence, due_on=due_on, amount=value,
                                         created_by=actor)
    return arrangement


def pending_arrangement(case: Case) -> PaymentArrangement | None:
    """The application awaiting a leader's decision, if any."""
    return next((arrangement for arrangement in facts(case).arrangements
                 if arrangement.status == ArrangementStatus.SUBMITTED), None)


def arrangement_decision_refusal(*, case: Case, actor) -> str:
    """Why ``actor`` cannot decide the pending application now: the approval permission over the unit, not one's own."""
    refusal = access_refusal(actor, case, APPROVE_PERMISSION, WHAT_APPROVAL)
    if refusal:
        return refusal
    arrangement = pending_arrangement(case)
    if arrangement is None:
        return MSG_NO_PENDING_ARRANGEMENT
    return MSG_OWN_ARRANGEMENT if arrangement.created_by_id == actor.pk else ""


@transaction.atomic
def arrangement_decide(*, case: Case, actor, approve: bool, opinion: str,
                       decided_on: dt.date | None = None) -> PaymentArrangement:
    """A leader approves (批准) or refuses the pending application, with an opinion."""
    case, _ = _locked(case)
    _raise(arrangement_decision_refusal(case=case, actor=actor))
    arrangement = PaymentArrangement.objects.select_for_update().get(pk=pending_arrangement(case).pk)
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": MSG_REQUIRED.format(label="审批意见")})
    arrangement.status = ArrangementStatus.APPROVED if approve else ArrangementStatus.REFUSED
    arrangement.decided_by = actor
    arrangement.decided_on = _dated(decided_on or _today(), "decided_on", "审批日期", not_before=arrangement.applied_on,
                                    before_message="{label}不能早于申请日期（{date}）")
    arrangement.opinion = opinion
    arrangement.save()
    return arrangement


# --- 催告 and the application to the court (行政强制法第35、53、54条) -----------------------------------


def reminder_refusal(*, case: Case, actor, on: dt.date | None = None) -> str:
    """Why a 催告书 cannot be issued now: only after the party failed to pay by the deadline (行政处罚法第66条)."""
    execution = execution_of(case)
    refusal = (access_refusal(actor, case, "cases.add_executionreminder", WHAT_REMINDER)
               or _open_execution_refusal(case, execution))
    if refusal:
        return refusal
    money = facts(case).ledger if on is None else ledger_of(execution, on)
    if money.outstanding == 0:
        return MSG_NOTHING_TO_DEMAND
    if money.next_due_on is not None and money.next_due_on >= (on or _today()):
        return Refusal(MSG_DUE_NOT_PASSED.format(date=money.next_due_on), CF_66).text()
    return ""


def reminder_text(execution: CaseExecution) -> str:
    """The content a 催告书 must carry (行政强制法第35条), filled from the ledger, for the officer to edit."""
    money = ledger_of(execution)
    return (
        f"你（单位）应于收到本催告书之日起十日内履行行政处罚决定书（{execution.case}）确定的缴纳罚款义务："
        f"罚款 {money.fine} 元，截至今日加处罚款 {money.surcharge} 元，已缴 {money.paid} 元，尚欠 {money.outstanding} 元，"
        "请到指定银行或者通过电子支付系统缴纳。你（单位）有权进行陈述和申辩。"
    )


@transaction.atomic
def reminder_issue(*, case: Case, actor, served_on: dt.date, content: str) -> ExecutionReminder:
    """催告: the written demand served on ``served_on``; required before applying to the court."""
    case, execution = _locked(case)
    _raise(reminder_refusal(case=case, actor=actor, on=served_on))
    _dated(served_on, "served_on", "催告书送达日期", not_before=execution.served_on,
           before_message="{label}不能早于决定书送达日期（{date}）")
    if not (content or "").strip():
        raise ValidationError({"content": MSG_REQUIRED.format(label="催告内容")})
    return ExecutionReminder.objects.create(execution=execution, served_on=served_on, content=content.strip(),
                                            created_by=actor)


def court_window(execution: CaseExecution, applied_on: dt.date | None = None):
    """The legal engine's ``court_application_window`` answer for the latest 催告, or ``None`` without one."""
    reminder = execution.reminders.order_by("-served_on", "-pk").first()
    if reminder is None:
        return None
    return evaluate("court_application_window", decision_known_on=execution.served_on,
                    demand_served_on=reminder.served_on, applied_on=applied_on or _today())


def court_application_refusal(*, case: Case, actor, applied_on: dt.date | None = None) -> str:
    """Why the application to the court cannot be made on ``applied_on`` (today by default), quoting the article."""
    execution = execution_of(case)
    refusal = (access_refusal(actor, case, "cases.change_caseexecution", WHAT_EXECUTION)
               or _open_execution_refusal(case, execution))
    if refusal:
        return refusal
    if execution.status == ExecutionStatus.COURT:
        return MSG_IN_COURT.format(date=execution.court_applied_on)
    remedy = facts(case).open_remedy
    if remedy is not None:
        return Refusal(MSG_REMEDY_OPEN.format(kind=remedy.get_kind_display()), QZ_53).text()
    window = facts(case).once(("court_window", applied_on), lambda: court_window(execution, applied_on))
    if window is None:
        return Refusal(MSG_NO_REMINDER, QZ_54).text()
    if window["status"] == "premature":
        return Refusal(MSG_PREMATURE.format(earliest=window["earliest"]), QZ_54).text()
    if window["status"] == "late":
        return Refusal(MSG_LATE.format(latest=window["latest"]), QZ_53).text()
    return ""


@transaction.atomic
def court_apply(*, case: Case, actor, applied_on: dt.date, court_name: str) -> CaseExecution:
    """申请人民法院强制执行 inside the legal window (行政强制法第53、54条, 行政处罚法第72条)."""
    case, execution = _locked(case)
    reminder = execution.reminders.order_by("-served_on").first() if execution else None
    _dated(applied_on, "applied_on", "申请日期", not_before=reminder.served_on if reminder else None,
           before_message=MSG_BEFORE_REMINDER)
    _raise(court_application_refusal(case=case, actor=actor, applied_on=applied_on))
    if not (court_name or "").strip():
        raise ValidationError({"court_name": MSG_REQUIRED.format(label="受理法院")})
    execution.status = ExecutionStatus.COURT
    execution.court_applied_on = applied_on
    execution.court_name = court_name.strip()
    execution.save()
    return execution


# --- 终结执行 (行政强制法第40条) ----------------------------------------------------------------------


def execution_end_refusal(*, case: Case, actor) -> str:
    """Why the execution cannot be ended now."""
    return (access_refusal(actor, case, "cases.change_caseexecution", WHAT_EXECUTION)
            or _open_execution_refusal(case, execution_of(case)))


def end_execution(execution: CaseExecution, ended_on: dt.date, reason: str) -> None:
    """Mark ``execution`` 终结执行 on ``ended_on`` for ``reason`` (caller holds the lock and checked it)."""
    execution.status = ExecutionStatus.ENDED
    execution.ended_on = ended_on
    execution.end_reason = reason
    execution.save()


@transaction.atomic
def execution_end(*, case: Case, actor, ended_on: dt.date, reason: str) -> CaseExecution:
    """终结执行 for one of the reasons of 行政强制法第40条, written out."""
    case, execution = _locked(case)
    _raise(execution_end_refusal(case=case, actor=actor))
    _dated(ended_on, "ended_on", "终结执行日期", not_before=execution.served_on,
           before_message="{label}不能早于决定书送达日期（{date}）")
    if not (reason or "").strip():
        raise ValidationError({"reason": MSG_REQUIRED.format(label="终结执行原因")})
    end_execution(execution, ended_on, reason.strip())
    return execution


# --- confiscated goods --------------------------------------------------------------------------------


def confiscated_refusal(*, case: Case, actor) -> str:
    """Why confiscated goods cannot be noted now: the decision must have been made, the case still open."""
    refusal = access_refusal(actor, case, "cases.add_confiscateditem", WHAT_CONFISCATED)
    if refusal:
        return refusal
    if case.status == CaseStatus.CLOSED:
        return MSG_CLOSED
    return "" if case.decided_on else MSG_NOT_DECIDED


@transaction.atomic
def confiscated_item_add(*, case: Case, actor, name: str, quantity: Decimal, unit_name: str,
                         note: str = "") -> ConfiscatedItem:
    """登记罚没物品: name, quantity and unit; the documents module keeps their custody."""
    case, _ = _locked(case)
    _raise(confiscated_refusal(case=case, actor=actor))
    errors = {}
    if not (name or "").strip():
        errors["name"] = MSG_REQUIRED.format(label="物品名称")
    if quantity is None or Decimal(quantity) <= 0:
        errors["quantity"] = MSG_POSITIVE.format(label="数量")
    if not (unit_name or "").strip():
        errors["unit_name"] = MSG_REQUIRED.format(label="计量单位")
    if errors:
        raise ValidationError(errors)
    return ConfiscatedItem.objects.create(case=case, name=name.strip(), quantity=Decimal(quantity),
                                          unit_name=unit_name.strip(), note=note.strip(), created_by=actor)


# --- 结案 ------------------------------------------------------------------------------------------


def closing_refusal(case: Case) -> Refusal | None:
    """结案 only when the fine was paid in full or execution legally ended (行政处罚法第66、72条)."""
    if case.fine_amount <= 0:
        return None
    execution = execution_of(case)
    if execution is None:
        return Refusal(MSG_CLOSE_NOT_EXECUTED, CF_66)
    if execution.status in FINISHED:
        return None
    if execution.status == ExecutionStatus.COURT:
        return Refusal(MSG_CLOSE_IN_COURT, CF_72_COURT)
    return Refusal(MSG_CLOSE_UNPAID.format(amount=ledger_of(execution).outstanding), CF_66)

