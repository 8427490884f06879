"""The hearing of a 一般程序 case (E10): request, arrangement, record and report.

A request is accepted during the 行政处罚告知 step when the 告知 included the hearing right and
only within the period of 第64条第1项; it sets the ``hearing_requested`` variable so the procedure
goes through 听证. The decision waits for the report (the guards of ``zhifa.cases.guards``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.workflow import guards
from zhifa.workflow.requirements import Stage

from ..choices import SpeakerRole
from ..facts import facts
from ..models import Case, Hearing, HearingRecordEntry
from ..rules import hearing_notice_refusal, late_request_refusal, presiding_refusal
from .common import locked_case, refuse, running_general_refusal

MSG_NOT_NOTIFIED = "尚未送达行政处罚告知书，不能申请听证"
MSG_NO_RIGHT = "本案拟作出的处罚不属于应当告知听证权利的情形（行政处罚法第63条）"
MSG_ALREADY_REQUESTED = "当事人已于 {on} 申请听证"
MSG_NOT_REQUESTED = "当事人没有申请听证"
MSG_NOT_ARRANGED = "尚未安排听证（主持人、通知送达日期和听证日期）"
MSG_NOT_HELD = "听证尚未举行，请先填写听证笔录"
MSG_REPORTED = "听证报告已于 {on} 完成"
MSG_NO_ENTRIES = "听证笔录至少应有一条发言"
MSG_ENTRY = "第 {n} 条发言：请填写发言人身份、姓名和内容"
MSG_HELD_BEFORE = "举行日期不能早于安排的听证日期 {on}"
MSG_HELD_FUTURE = "听证日期（举行日期）{on} 晚于今天 {today}：听证举行后才能记录听证笔录"
MSG_CONCLUSION = "请填写听证结论"


def _hearing(case: Case) -> Hearing | None:
    return facts(case).hearing


def hearing_request_refusal(*, case: Case, actor) -> str:
    """"" when the party's hearing request may be recorded now, else the reason."""
    reason = running_general_refusal(case, actor, stage=Stage.NOTIFICATION, stage_name="行政处罚告知")
    if reason:
        return reason
    if case.notified_on is None:
        return MSG_NOT_NOTIFIED
    if not case.hearing_right:
        return MSG_NO_RIGHT
    hearing = _hearing(case)
    return MSG_ALREADY_REQUESTED.format(on=hearing.requested_on) if hearing else ""


@transaction.atomic
def hearing_request(*, case: Case, actor, requested_on: dt.date | None = None) -> Hearing:
    """Record the party's request; a late one is refused with 第64条第1项 and changes nothing."""
    case = locked_case(case)
    refuse(hearing_request_refusal(case=case, actor=actor))
    requested_on = requested_on or timezone.localdate()
    late = late_request_refusal(notified_on=case.notified_on, requested_on=requested_on)
    if late is not None:
        raise guards.GuardRefused([late])
    hearing = Hearing.objects.create(case=case, requested_on=requested_on, created_by=actor)
    instance = case.process
    instance.variables["hearing_requested"] = True
    instance.save(update_fields=["variables", "updated_at"])
    return hearing


def _hearing_step_refusal(case: Case, actor) -> str:
    reason = running_general_refusal(case, actor)
    if reason:
        return reason
    return "" if _hearing(case) else MSG_NOT_REQUESTED


def hearing_schedule_refusal(*, case: Case, actor) -> str:
    """"" when the hearing may be arranged now, else the reason."""
    reason = _hearing_step_refusal(case, actor)
    if reason:
        return reason
    hearing = _hearing(case)
    return MSG_REPORTED.format(on=hearing.reported_on) if hearing.reported_on else ""


@transaction.atomic
def hearing_schedule(*, case: Case, actor, presiding_officer: Officer, notice_served_on: dt.date,
                     scheduled_on: dt.date, place: str) -> Hearing:
    """Arrange the hearing: a presiding officer who did not investigate (第64条第4项) and a notice
    served at least seven working days before (第64条第2项)."""
    case = locked_case(case)
    refuse(hearing_schedule_refusal(case=case, actor=actor))
    investigators = [row.officer for row in case.officers.select_related("officer__user")]
    refusals = [r for r in (
        presiding_refusal(presiding=presiding_officer, investigators=investigators),
        hearing_notice_refusal(served_on=notice_served_on, hearing_on=scheduled_on),
    ) if r is not None]
    if refusals:
        raise guards.GuardRefused(refusals)
    hearing = Hearing.objects.select_for_update().get(case=case)
    hearing.presiding_officer, hearing.notice_served_on = presiding_officer, notice_served_on
    hearing.scheduled_on, hearing.place = scheduled_on, (place or "").strip()
    hearing.full_clean()
    hearing.save()
    return hearing


def hearing_minutes_refusal(*, case: Case, actor) -> str:
    """"" when the hearing record may be written now (the hearing was arranged), else the reason."""
    reason = hearing_schedule_refusal(case=case, actor=actor)
    if reason:
        return reason
    return "" if _hearing(case).scheduled_on else MSG_NOT_ARRANGED


def _checked_entries(entries: list[dict]) -> list[dict]:
    if not entries:
        raise ValidationError({"entries": MSG_NO_ENTRIES})
    for n, entry in enumerate(entries, start=1):
        if entry.get("role") not in SpeakerRole.values or not (entry.get("speaker") or "").strip() \
                or not (entry.get("text") or "").strip():
            raise ValidationError({"entries": MSG_ENTRY.format(n=n)})
    return entries


@transaction.atomic
def hearing_minutes(*, case: Case, actor, held_on: dt.date, entries: list[dict]) -> Hearing:
    """The hearing was held on ``held_on`` (today at the latest): its record (听证笔录), speakers in order, replaces
    any earlier draft."""
    case = locked_case(case)
    refuse(hearing_minutes_refusal(case=case, actor=actor))
    today = timezone.localdate()
    if held_on > today:
        raise ValidationError({"held_on": MSG_HELD_FUTURE.format(on=held_on, today=today)})
    hearing = Hearing.objects.select_for_update().get(case=case)
    if held_on < hearing.scheduled_on:
        raise ValidationError({"held_on": MSG_HELD_BEFORE.format(on=hearing.scheduled_on)})
    entries = _checked_entries(entries)
    hearing.entries.all().delete()
    HearingRecordEntry.objects.bulk_create([
        HearingRecordEntry(hearing=hearing, order=n, role=e["role"], speaker=e["speaker"].strip(),
                           text=e["text"].strip(), created_by=actor)
        for n, e in enumerate(entries, start=1)
    ])
    hearing.held_on = held_on
    hearing.save()
    return hearing


def hearing_report_refusal(*, case: Case, actor) -> str:
    """"" when the hearing report may be written now (the hearing was held), else the reason."""
    reason = hearing_schedule_refusal(case=case, actor=actor)
    if reason:
        return reason
    return "" if _hearing(case).held_on else MSG_NOT_HELD


@transaction.atomic
def hearing_report(*, case: Case, actor, conclusion: str, suggestion: str = "",
                   reported_on: dt.date | None = None) -> Hearing:
    """The hearing report (听证报告): the conclusion and the suggested handling; the decision may follow."""
    case = locked_case(case)
    refuse(hearing_report_refusal(case=case, actor=actor))
    if not (conclusion or "").strip():
        raise ValidationError({"conclusion": MSG_CONCLUSION})
    hearing = Hearing.objects.select_for_update().get(case=case)
    hearing.conclusion, hearing.suggestion = conclusion.strip(), (suggestion or "").strip()
    hearing.reported_on = reported_on or timezone.localdate()
    hearing.save()
    return hearing
