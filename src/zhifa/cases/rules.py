"""The legal checks of a punishment decision, shared by the 简易程序 service and the 一般程序 guards.

Each check returns ``None`` when the law is satisfied, or a ``Refusal`` quoting the article.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhifa.basedata.services.officers import officer_can_be_assigned
from zhifa.legal import evaluate
from zhifa.legal.basis import (
    CF,
    CF_30,
    CF_33_1,
    CF_33_2,
    CF_36,
    CF_42,
    CF_44,
    CF_51,
    CF_60,
    CF_64_1,
    CF_64_2,
    CF_68,
    Citation,
)
from zhifa.workflow.guards import Refusal

from .choices import NoPenaltyGround, PartyType

CF_45 = Citation(CF, "第45条第2款", "行政机关不得因当事人陈述、申辩而给予更重的处罚。")
CF_64_4 = Citation(CF, "第64条第4项", "听证由行政机关指定的非本案调查人员主持。")
CF_31 = Citation(CF, "第31条", "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚，"
                 "但应当责令其监护人严加看管和治疗。")
CF_65 = Citation(CF, "第65条", "听证结束后，行政机关应当根据听证笔录，依照本法第五十七条的规定，作出决定。")

MSG_TOO_FEW_OFFICERS = "执法人员不得少于两人且须持有有效执法证，本案符合条件的只有 {count} 人{reasons}"
MSG_NOT_NOTIFIED = "作出行政处罚决定前必须告知当事人拟作出的处罚内容及其陈述、申辩权利；当事人书面放弃的除外"
MSG_NOT_SIMPLE = "不能适用简易程序当场处罚：{reasons}"
MSG_HEAVIER = "决定的罚款 {decided} 元高于告知的 {notified} 元，不得因当事人陈述、申辩而给予更重的处罚；如需加重，请重新告知"
MSG_PERIOD_RUNNING = "当事人要求听证的期限至 {deadline} 届满，期限届满前不能作出处罚决定（当事人书面放弃的除外）"
MSG_HEARING_NOT_HELD = "当事人已依法申请听证，听证报告完成前不能作出处罚决定"
MSG_OVERDUE = "办案期限已于 {deadline} 届满，且没有经批准的延期或中止，不能再作出处罚决定"
MSG_TIME_BARRED = "违法行为已超过追责时效（{expires} 届满），不得立案处罚"
MSG_ONSITE = "罚款 {amount} 元不属于可以当场收缴的情形（一百元以下、事后难以执行，或边远、水上、交通不便地区经当事人提出）"
MSG_LATE_REQUEST = "听证申请日期 {requested} 已超过要求听证的期限（{deadline} 届满）"
MSG_PRESIDING_INVESTIGATOR = "{name}是本案的调查人员，不能主持听证"
MSG_GROUND_PERSON = "“{ground}”只适用于自然人当事人"
MSG_GROUND_AGE = "当事人违法行为发生时已满十四周岁（出生日期 {birth}），不属于不满十四周岁的情形"
MSG_GROUND_ACT_ON = "以超过追责时效不予行政处罚的，应先在案件信息中填写违法行为发生日期"
MSG_GROUND_NOT_BARRED = "违法行为的追责时效至 {expires} 届满，立案时尚未超过，不属于超过追责时效的情形"
MSG_NOTICE_TOO_LATE = "听证通知须在举行听证的七个工作日前送达：{served} 送达的通知，最早可于 {earliest} 举行听证"


def officers_refusal(officers, on_date: dt.date) -> Refusal | None:
    """At least two officers with certificates valid on ``on_date`` (行政处罚法第42条)."""
    answers = [officer_can_be_assigned(officer, on_date) for officer in officers]
    valid = sum(1 for ok, _ in answers if ok)
    if valid >= 2:
        return None
    reasons = [reason for ok, reason in answers if not ok]
    detail = f"（{'；'.join(reasons)}）" if reasons else ""
    return Refusal(MSG_TOO_FEW_OFFICERS.format(count=valid, reasons=detail), CF_42)


def notice_refusal(*, notified: bool, waived: bool) -> Refusal | None:
    """告知 before the decision unless the party waived in writing (行政处罚法第44条)."""
    return None if notified or waived else Refusal(MSG_NOT_NOTIFIED, CF_44)


def simple_procedure_refusal(*, party_type: str, fine_amount: Decimal, decided_on: dt.date) -> Refusal | None:
    """The 简易程序 thresholds of the legal engine (行政处罚法第51条)."""
    kinds = ["fine"] if fine_amount > 0 else ["warning"]
    answer = evaluate("simple_procedure", party_type=party_type, penalty_kinds=kinds, fine_amount=fine_amount,
                      decided_on=decided_on)
    if answer["allowed"]:
        return None
    return Refusal(MSG_NOT_SIMPLE.format(reasons="；".join(answer["warnings"])), CF_51)


def heavier_refusal(*, notified_amount: Decimal | None, decided_amount: Decimal) -> Refusal | None:
    """No fine above the one notified (行政处罚法第45条第2款): a heavier one needs a new 告知."""
    if notified_amount is None or Decimal(decided_amount) <= notified_amount:
        return None
    return Refusal(MSG_HEAVIER.format(decided=decided_amount, notified=notified_amount), CF_45)


def period_refusal(*, notified_on: dt.date | None, today: dt.date, hearing_right: bool, waived: bool,
                   requested: bool) -> Refusal | None:
    """No decision while the party may still ask for a hearing (第64条第1项), unless waived or already asked.

    The law fixes no separate period for 陈述、申辩 alone, so only a notice with the hearing right
    holds the decision back.
    """
    if notified_on is None or not hearing_right or waived or requested:
        return None
    deadline = evaluate("hearing_request_deadline", notice_served_on=notified_on)["deadline"]
    return None if today > deadline else Refusal(MSG_PERIOD_RUNNING.format(deadline=deadline), CF_64_1)


def report_missing_refusal(hearing, *, required: bool = False) -> Refusal | None:
    """A hearing requested in time must have been held and reported before the decision (第65条).

    ``required``: the procedure is at its 听证 step, so a hearing must exist at all.
    """
    if (hearing is None and not required) or (hearing is not None and hearing.reported_on is not None):
        return None
    return Refusal(MSG_HEARING_NOT_HELD, CF_65)


def overdue_refusal(answer, today: dt.date) -> Refusal | None:
    """No decision after the decision period (第60条), counted with approved extensions and suspensions."""
    if answer is None or today <= answer["deadline"]:
        return None
    return Refusal(MSG_OVERDUE.format(deadline=answer["deadline"]), CF_60)


def limitation_refusal(*, act_on: dt.date | None, act_ended_on: dt.date | None, discovered_on: dt.date,
                       serious_harm: bool) -> Refusal | None:
    """No 立案 once the violation is time-barred (第36条); unknown act date: nothing to check."""
    if act_on is None:
        return None
    answer = limitation(act_on=act_on, act_ended_on=act_ended_on, discovered_on=discovered_on,
                        serious_harm=serious_harm)
    return None if answer["within"] else Refusal(MSG_TIME_BARRED.format(expires=answer["expires_on"]), CF_36)


def limitation(*, act_on: dt.date, act_ended_on: dt.date | None, discovered_on: dt.date, serious_harm: bool):
    """The ``limitation`` rule's answer (``within``, ``expires_on``) for a violation found on ``discovered_on``."""
    params = {"act_on": act_on, "discovered_on": discovered_on, "life_health_or_financial_harm": serious_harm}
    if act_ended_on is not None:
        params["act_ended_on"] = act_ended_on
    return evaluate("limitation", **params)


def onsite_collection_refusal(*, fine_amount: Decimal, hard_to_enforce_later: bool, remote_area_requested: bool,
                              decided_on: dt.date) -> Refusal | None:
    """当场收缴 only in the cases of 第68、69条 (the ``onsite_collection`` rule)."""
    answer = evaluate("onsite_collection", fine_amount=fine_amount, hard_to_enforce_later=hard_to_enforce_later,
                      remote_area_requested=remote_area_requested, decided_on=decided_on)
    return None if answer["allowed"] else Refusal(MSG_ONSITE.format(amount=fine_amount), CF_68)


def late_request_refusal(*, notified_on: dt.date, requested_on: dt.date) -> Refusal | None:
    """The request must come within the period after 告知 (第64条第1项)."""
    answer = evaluate("hearing_request_deadline", notice_served_on=notified_on, requested_on=requested_on)
    if answer["timely"]:
        return None
    return Refusal(MSG_LATE_REQUEST.format(requested=requested_on, deadline=answer["deadline"]), CF_64_1)


def presiding_refusal(*, presiding, investigators) -> Refusal | None:
    """The presiding officer is not one of the case's investigators (第64条第4项)."""
    if presiding not in investigators:
        return None
    return Refusal(MSG_PRESIDING_INVESTIGATOR.format(name=presiding), CF_64_4)


def hearing_notice_refusal(*, served_on: dt.date, hearing_on: dt.date) -> Refusal | None:
    """The notice reaches the party seven working days before the hearing (第64条第2项)."""
    answer = evaluate("hearing_notice", notice_served_on=served_on, hearing_on=hearing_on)
    if answer["compliant"]:
        return None
    return Refusal(MSG_NOTICE_TOO_LATE.format(served=served_on, earliest=answer["earliest_hearing_on"]), CF_64_2)


#: The article of each ground of 不予行政处罚 (printed on the 不予行政处罚决定书).
GROUND_BASIS: dict[str, Citation] = {
    NoPenaltyGround.MINOR: CF_33_1,
    NoPenaltyGround.FIRST_VIOLATION: CF_33_1,
    NoPenaltyGround.NO_FAULT: CF_33_2,
    NoPenaltyGround.UNDER_FOURTEEN: CF_30,
    NoPenaltyGround.MENTAL_INCAPACITY: CF_31,
    NoPenaltyGround.TIME_BARRED: CF_36,
}
PERSONAL_GROUNDS = (NoPenaltyGround.UNDER_FOURTEEN, NoPenaltyGround.MENTAL_INCAPACITY)


def birth_date_of(id_number: str | None) -> dt.date | None:
    """The date of birth in an 18-digit 公民身份号码 (GB 11643, digits 7–14), or ``None``."""
    if not id_number or len(id_number) != 18:
        return None
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def no_penalty_ground_refusal(*, ground: str, party_type: str, id_numbers: list[str], act_on: dt.date | None,
                              act_ended_on: dt.date | None, registered_on: dt.date,
                              serious_harm: bool) -> Refusal | None:
    """The ground of 不予行政处罚 checked against the case where its data allow: 第30、31条 only for a natural
    person, 不满十四周岁 against the birth date in the party's ID number (``minor_offender``), 超过追责时效
    against the ``limitation`` rule on the day the case was registered (第36条)."""
    basis = GROUND_BASIS[ground]
    if ground in PERSONAL_GROUNDS and party_type != PartyType.CITIZEN:
        return Refusal(MSG_GROUND_PERSON.format(ground=NoPenaltyGround(ground).label), basis)
    if ground == NoPenaltyGround.UNDER_FOURTEEN and act_on is not None:
        for birth in filter(None, map(birth_date_of, id_numbers)):
            if birth <= act_on and evaluate("minor_offender", birth_date=birth, act_on=act_on)["outcome"] != "no_penalty":
                return Refusal(MSG_GROUND_AGE.format(birth=birth), basis)
    if ground == NoPenaltyGround.TIME_BARRED:
        if act_on is None:
            return Refusal(MSG_GROUND_ACT_ON, basis)
        answer = limitation(act_on=act_on, act_ended_on=act_ended_on, discovered_on=registered_on,
                            serious_harm=serious_harm)
        if answer["within"]:
            return Refusal(MSG_GROUND_NOT_BARRED.format(expires=answer["expires_on"]), basis)
    return None
