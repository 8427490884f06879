"""The base tabs and actions of the case page: 案件信息, 当事人, 审批意见, 办理记录; 办理当前环节, 当场处罚决定."""

from __future__ import annotations

from zhifa.workflow.choices import Action, InstanceStatus

from ..facts import facts
from ..page import CaseAction, CaseTab, register_action, register_tab
from ..services.screens import simple_decide_refusal
from .common import asked, general, simple

OPINION_ACTIONS = (Action.APPROVE, Action.RETURN, Action.REJECT, Action.RESOLVE)
MSG_NO_PROCESS = "简易程序案件没有审批流程"
MSG_PROCESS_ENDED = "办案流程已结束（{status}）"
MSG_NOT_YOURS = "当前环节“{step}”由{people}办理"


def _info(case, user) -> dict:
    return {}


def _parties(case, user) -> dict:
    return {"parties": [party.inspected_object for party in case.parties.all()],
            "officers": list(case.officers.all())}


def _opinions(case, user) -> dict:
    if case.process_id is None:
        return {"events": [], "empty": MSG_NO_PROCESS}
    return {"events": case.process.timeline.filter(action__in=OPINION_ACTIONS), "empty": "暂无审批意见"}


def _timeline(case, user) -> dict:
    return {"timeline": case.process.timeline.all() if case.process_id else [], "object_type": "cases.case"}


def my_open_item(case, user):
    """The user's open work item on the case's process, or None."""
    return facts(case).open_item_of(user)


def task_refusal(case, user) -> str:
    """Why the user has no step of this case to handle now (``""`` when they have one)."""
    if case.process_id is None:
        return MSG_NO_PROCESS
    if case.process.status != InstanceStatus.RUNNING:
        return MSG_PROCESS_ENDED.format(status=case.process.get_status_display())
    known = facts(case)
    if known.open_item_of(user) is not None:
        return ""
    items = known.open_items
    people = "、".join(dict.fromkeys(i.assignee.display_name or i.assignee.username for i in items)) or "他人"
    step = items[0].step_name if items else "—"
    return MSG_NOT_YOURS.format(step=step, people=people)


register_tab(CaseTab(key="info", label="案件信息", template="cases/tabs/info.html", context=_info, order=10))
register_tab(CaseTab(key="parties", label="当事人", template="cases/tabs/parties.html", context=_parties, order=20))
register_tab(CaseTab(key="opinions", label="审批意见", template="cases/tabs/opinions.html", context=_opinions,
                     order=30))
register_tab(CaseTab(key="timeline", label="办理记录", template="cases/tabs/timeline.html", context=_timeline,
                     order=90))
register_action(CaseAction(
    key="task", label="办理当前环节", url_name="cases:case_task", refusal=task_refusal, order=1, style="primary",
    applies=general,
))
register_action(CaseAction(
    key="simple_decide", label="当场处罚决定", url_name="cases:case_simple_decide", order=1, style="primary",
    refusal=asked(simple_decide_refusal), applies=simple,
))
