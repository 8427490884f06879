"""What the demo cases record beside their approvals: hearings, decisions, execution, remedies, side procedures.

Each function calls the case services as the person who would do it (the lead officer records, a
leader of the unit approves). Which case gets what is decided by its demo number, so that the
same plan always gives the same records. Dates are today (the day the procedure steps are
approved), except for a hearing, which was held in the weeks before its case's decision, and for
an on-the-spot decision, whose execution runs from the day it was made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.org.models import User

from ..choices import DecisionKind, NoPenaltyGround, SideKind
from ..execution_choices import FINISHED, ArrangementKind, RemedyKind, RemedyOutcome
from ..models import Case
from ..services import (
    decision_record,
    hearing_minutes,
    hearing_report,
    hearing_request,
    hearing_schedule,
    notice_serve,
    side_decide,
    side_request,
)
from ..services.execution import (
    arrangement_apply,
    arrangement_decide,
    execution_of,
    execution_open,
    ledger_of,
    payment_register,
    reminder_issue,
    reminder_text,
)
from ..services.remedies import remedy_conclude, remedy_register
from .plan import CasePlan

#: The hearing of a demo case: notice served this many days ago, then requested, notified and held.
HEARING_NOTICE_DAYS, REQUEST_AFTER, HEARING_NOTICE_AFTER, HELD_AFTER, REPORT_DAYS = 30, 2, 3, 24, 2
HEARING_PLACE = "第一听证室"
MITIGATED_REASON = "当事人主动消除违法行为危害后果，配合调查，依法减轻处罚（行政处罚法第32条第1项）"
NO_PENALTY_REASON = "当事人初次违法且危害后果轻微并及时改正，依法不予行政处罚（行政处罚法第33条第1款）"
EDUCATION = "向当事人讲解相关法律规定，责令其立即改正并承诺今后依法经营。"
ARRANGEMENT_REASON = "当事人受经营困难影响，一次缴清罚款确有经济困难，申请{kind}。"
ARRANGEMENT_OPINION = "经核实当事人确有经济困难，同意。"
EXTENSION_REASON = "案情复杂，需委托检测鉴定，申请延长办案期限。"
SUSPENSION_REASON = "涉案物品正在检验检测，检验结果出具前案件无法继续办理，申请中止调查。"
SIDE_OPINION = "同意。"
REMEDY_ORGAN = {RemedyKind.RECONSIDERATION: "{region}人民政府", RemedyKind.LITIGATION: "{region}人民法院"}
#: A 简易程序 fine paid within these days of the decision; 催告 once the payment deadline has passed.
SIMPLE_PAID_AFTER, OVERDUE_MARGIN = 5, 3


def _leader(case: Case) -> User:
    """A leader of the case's unit (who approves side procedures and payment arrangements)."""
    return User.objects.filter(unit_id=case.unit_id, is_active=True, roles__code="leader").order_by("pk").first()


def _receipt(plan: CasePlan, n: int) -> str:
    return f"YS{plan.number:04d}-{n}"


# --- 告知 and 听证 -------------------------------------------------------------------------------------


def serve_notice(case: Case, plan: CasePlan) -> dict:
    """告知书 served (a hearing requested where the plan says so); the variables the 告知 step passes on."""
    today = timezone.localdate()
    if plan.hearing_requested:
        served_on = today - dt.timedelta(days=HEARING_NOTICE_DAYS)
        notice_serve(case=case, actor=plan.lead.user, served_on=served_on)
        hearing_request(case=case, actor=plan.lead.user, requested_on=served_on + dt.timedelta(days=REQUEST_AFTER))
    else:  # a party with the right to a hearing waived it in writing; the decision need not wait (第64条)
        notice_serve(case=case, actor=plan.lead.user, served_on=today, waived=plan.hearing_right)
    return {"hearing_requested": plan.hearing_requested}


def _presiding(case: Case, plan: CasePlan) -> Officer:
    """An officer of the unit who did not investigate the case (第64条第4项)."""
    return (Officer.objects.filter(user__unit_id=case.unit_id, user__is_active=True)
            .exclude(pk__in=[plan.lead.pk, plan.assistant.pk]).select_related("user").order_by("pk").first())


def hold_hearing(case: Case, plan: CasePlan) -> None:
    """听证: arranged with a notice seven working days ahead, held with a short record, then reported."""
    officer = plan.lead.user
    notified_on = case.notified_on
    presiding = _presiding(case, plan)
    notice_on = notified_on + dt.timedelta(days=HEARING_NOTICE_AFTER)
    held_on = notice_on + dt.timedelta(days=HELD_AFTER)
    hearing_schedule(case=case, actor=officer, presiding_officer=presiding, notice_served_on=notice_on,
                     scheduled_on=held_on, place=HEARING_PLACE)
    party = plan.party.name
    entries = [
        {"role": "presiding", "speaker": presiding.user.display_name,
         "text": f"现在开始听证。本案案由为{case.cause}，请调查人员陈述违法事实、证据和处罚建议。"},
        {"role": "investigator", "speaker": officer.display_name,
         "text": f"经调查，{party}的违法事实清楚，证据确凿，拟处罚款{case.fine_amount}元。"},
        {"role": "party", "speaker": party,
         "text": "对违法事实没有异议，但已经整改，经营困难，请求从轻处理。"},
        {"role": "presiding", "speaker": presiding.user.display_name, "text": "听证结束，请双方核对笔录后签字。"},
    ]
    hearing_minutes(case=case, actor=officer, held_on=held_on, entries=entries)
    hearing_report(case=case, actor=officer, conclusion="违法事实清楚，证据确凿，当事人对事实无异议。",
                   suggestion="当事人已整改，建议依法作出处罚决定。",
                   reported_on=timezone.localdate() - dt.timedelta(days=REPORT_DAYS))


# --- 决定 ----------------------------------------------------------------------------------------


def record_decision(case: Case, plan: CasePlan) -> None:
    """The decision: one case in seven mitigated (half the fine), one in eleven not penalised, else the fine."""
    officer = plan.lead.user
    if plan.number % 11 == 5:
        decision_record(case=case, actor=officer, kind=DecisionKind.NO_PENALTY, reason=NO_PENALTY_REASON,
                        ground=NoPenaltyGround.FIRST_VIOLATION, education_on=timezone.localdate(), education_content=EDUCATION, education_officer=plan.lead)
    elif plan.number % 7 == 3:
        decision_record(case=case, actor=officer, kind=DecisionKind.MITIGATED, fine_amount=case.fine_amount / 2,
                        reason=MITIGATED_REASON, deviation_reason=MITIGATED_REASON)
    else:
        decision_record(case=case, actor=officer, kind=DecisionKind.PENALTY, fine_amount=case.fine_amount)


# --- 执行 and 复议、诉讼 ----------------------------------------------------------------------------------


def after_service(case: Case, plan: CasePlan) -> None:
    """Once served: some parties pay part at once, some apply (approved) to pay later or in two parts;
    some go to 复议 or 诉讼 — pending, upheld, or revoked (which ends the execution)."""
    execution = execution_of(case)
    if execution is None:
        return
    officer, today = plan.lead.user, timezone.localdate()
    if plan.number % 4 == 1:
        payment_register(case=case, actor=officer, paid_on=today, amount=_half(execution.fine_amount),
                         receipt_number=_receipt(plan, 1))
    elif plan.number % 4 == 2:
        kind = ArrangementKind.DEFERRAL if plan.number % 8 == 2 else ArrangementKind.INSTALMENT
        unpaid = ledger_of(execution).principal_unpaid
        first = _half(unpaid)
        arrangement_apply(case=case, actor=officer, kind=kind, applied_on=today,
                          reason=ARRANGEMENT_REASON.format(kind=ArrangementKind(kind).label),
                          deferred_to=execution.due_on + dt.timedelta(days=60) if kind == ArrangementKind.DEFERRAL
                          else None,
                          instalments=[] if kind == ArrangementKind.DEFERRAL else [
                              (execution.due_on, first), (execution.due_on + dt.timedelta(days=30), unpaid - first)])
        arrangement_decide(case=case, actor=_leader(case), approve=True, opinion=ARRANGEMENT_OPINION)
    remedy(case, plan)


def remedy(case: Case, plan: CasePlan) -> None:
    """复议 or 诉讼 on one decided case in four: half still pending, the others upheld or (one in three) revoked."""
    if plan.number % 4 != 3:
        return
    kind = RemedyKind.RECONSIDERATION if plan.number % 24 < 12 else RemedyKind.LITIGATION
    today = timezone.localdate()
    remedy_register(case=case, actor=plan.lead.user, kind=kind, applied_on=today, accepted_on=today,
                    organ=REMEDY_ORGAN[kind].format(region=case.unit.region.name))
    if plan.number % 8 == 7:
        outcome = RemedyOutcome.REVOKED if plan.number % 3 == 0 else RemedyOutcome.UPHELD
        remedy_conclude(case=case, actor=plan.lead.user, concluded_on=today, outcome=outcome)


def settle(case: Case, plan: CasePlan) -> None:
    """Before 结案 the party pays what it still owes (unless the execution already ended)."""
    execution = execution_of(case)
    if execution is None or execution.status in FINISHED:
        return
    owed = ledger_of(execution).outstanding
    if owed > 0:
        payment_register(case=case, actor=plan.lead.user, paid_on=timezone.localdate(), amount=owed,
                         receipt_number=_receipt(plan, 2))


def _half(amount: Decimal) -> Decimal:
    return (amount / 2).quantize(Decimal("1"))


def simple_execution(case: Case, plan: CasePlan) -> None:
    """An on-the-spot fine: served that day; paid within days, or, once overdue, partly paid and 催告;
    some parties apply for 复议 or 诉讼."""
    today = timezone.localdate()
    execution = execution_open(case=case, actor=plan.lead.user, served_on=case.decided_on)
    officer = plan.lead.user
    if plan.number % 3 == 0:
        payment_register(case=case, actor=officer, amount=execution.fine_amount, receipt_number=_receipt(plan, 1),
                         paid_on=min(today, case.decided_on + dt.timedelta(days=SIMPLE_PAID_AFTER)))
    elif plan.number % 3 == 1 and execution.due_on + dt.timedelta(days=OVERDUE_MARGIN) <= today:
        payment_register(case=case, actor=officer, paid_on=execution.due_on, amount=_half(execution.fine_amount),
                         receipt_number=_receipt(plan, 1))
        reminder_issue(case=case, actor=officer, served_on=today, content=reminder_text(execution))
    remedy(case, plan)


# --- 延期、中止 -----------------------------------------------------------------------------------------


def side_procedures(case: Case, plan: CasePlan, *, resting: bool) -> None:
    """Just after 立案: a case resting at 调查取证 may be 中止 (awaiting a test); one in eight gets 30 more days."""
    if resting and plan.number % 3 == 0:
        kind, reason, days = SideKind.SUSPENSION, SUSPENSION_REASON, None
    elif plan.number % 8 == 3:
        kind, reason, days = SideKind.EXTENSION, EXTENSION_REASON, 30
    else:
        return
    side = side_request(case=case, actor=plan.lead.user, kind=kind, reason=reason, days=days)
    side_decide(side=side, actor=_leader(case), approved=True, opinion=SIDE_OPINION)
