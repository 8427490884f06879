"""The hearing (听证, E10) on the case page: its tab and the request, arrangement, record and report."""

from __future__ import annotations

from ..forms import procedure as forms
from ..models import Hearing
from ..page import ActionForm, CaseAction, CaseTab, form_action, register_action, register_tab
from ..services import hearing
from .common import PROCEDURE_PAGE, asked, general


def hearing_context(case, user) -> dict | None:
    """The hearing with its record, or ``None`` (no tab) for a 简易程序 case."""
    if not general(case):
        return None
    held = Hearing.objects.filter(case=case).select_related("presiding_officer__user").first()
    return {"hearing": held, "entries": list(held.entries.all()) if held else []}


def _hearing_action(key: str, label: str, order: int, form: type, refusal, service) -> CaseAction:
    return form_action(key=key, label=label, order=order, applies=general, refusal=asked(refusal),
                       page=ActionForm(form=form, service=service, **PROCEDURE_PAGE))


ACTIONS = (
    _hearing_action("hearing_request", "申请听证", 21, forms.HearingRequestForm,
                    hearing.hearing_request_refusal, hearing.hearing_request),
    _hearing_action("hearing_schedule", "安排听证", 22, forms.HearingScheduleForm,
                    hearing.hearing_schedule_refusal, hearing.hearing_schedule),
    _hearing_action("hearing_minutes", "听证笔录", 23, forms.HearingMinutesForm,
                    hearing.hearing_minutes_refusal, hearing.hearing_minutes),
    _hearing_action("hearing_report", "听证报告", 24, forms.HearingReportForm,
                    hearing.hearing_report_refusal, hearing.hearing_report),
)

register_tab(CaseTab(key="hearing", label="听证", template="cases/tabs/hearing.html", context=hearing_context,
                     order=40))
register_action(*ACTIONS)
