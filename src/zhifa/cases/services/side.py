"""Side procedures of a 一般程序 case: requested by its officers, approved by a leader.

The approval is a direct leader approval (permission ``cases.approve_casesideprocedure`` whose
scope reaches the case), not a second process: each side procedure is one short decision. What an
approval does:

- 延期: its days are added to the decision period (``decision_deadline``, 第60条);
- 中止: the decision period stops counting from the approval until an approved 恢复;
- 终止, 撤销立案, 案件移送: the case ends with that status and the reason; its procedure is ended;
- 变更承办人: the new officer (valid certificate, 第42条) takes the old one's place and share of the work.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.basedata.services.officers import officer_can_be_assigned
from zhifa.core.gate import restrict_by_permission, scopes_for_permission
from zhifa.workflow import bpmn
from zhifa.workflow.choices import InstanceStatus, ItemStatus
from zhifa.workflow.services import cancel_instance, engine

from ..deadlines import decision_terms
from ..choices import ENDED_STATUSES, CaseStatus, SideKind, SideStatus
from ..facts import facts
from ..models import Case, CaseOfficer, CaseSideProcedure
from ..search_text import refresh_case
from .common import locked_case, refuse, running_general_refusal

APPROVAL_PERMISSION = "cases.approve_casesideprocedure"
MSG_PENDING = "已有待审批的{kind}申请"
MSG_NOT_FILED = "案件尚未立案"
MSG_DECIDED = "已作出处罚决定，不能再{kind}"
MSG_SUSPENDED = "案件已中止，请先恢复"
MSG_NOT_SUSPENDED = "案件没有中止，无需恢复"
MSG_REASON = "请填写理由"
MSG_DAYS = "请填写延长的天数（大于0的整数）"
MSG_OLD_OFFICER = "请选择本案原承办人"
MSG_NEW_OFFICER_ON_CASE = "{name}已是本案的办案人员"
MSG_TRANSFER_TO = "请填写移送的机关"
MSG_NOT_APPROVER = "您没有审批该案件程序事项的权限"
MSG_DECIDED_ALREADY = "该申请已审批（{status}）"
MSG_CASE_ENDED = "案件状态为“{status}”，不能再审批"
ENDING = {SideKind.TERMINATION: CaseStatus.TERMINATED, SideKind.REVOCATION: CaseStatus.REVOKED,
          SideKind.TRANSFER: CaseStatus.TRANSFERRED}


def suspended(case: Case) -> CaseSideProcedure | None:
    """The approved suspension still running (中止 without 恢复), if any."""
    return next((side for side in facts(case).side_procedures if side.kind == SideKind.SUSPENSION
                 and side.status == SideStatus.APPROVED and side.ended_on is None), None)


def side_request_refusal(*, case: Case, actor, kind: str) -> str:
    """"" when ``actor`` may request a side procedure of ``kind`` for ``case`` now, else the reason."""
    reason = running_general_refusal(case, actor)
    if reason:
        return reason
    label = SideKind(kind).label
    if any(side.kind == kind and side.status == SideStatus.PENDING for side in facts(case).side_procedures):
        return MSG_PENDING.format(kind=label)
    if kind in (SideKind.EXTENSION, SideKind.REVOCATION, SideKind.SUSPENSION) and case.filed_on is None:
        return MSG_NOT_FILED
    if kind in (SideKind.EXTENSION, SideKind.SUSPENSION, SideKind.REVOCATION) and case.decided_on:
        return MSG_DECIDED.format(kind=label)
    running = suspended(case)
    if kind == SideKind.RESUMPTION and running is None:
        return MSG_NOT_SUSPENDED
    if kind == SideKind.SUSPENSION and running is not None:
        return MSG_SUSPENDED
    return ""


def _check_details(case: Case, kind: str, *, days, old_officer, new_officer, transfer_to: str) -> None:
    if kind == SideKind.EXTENSION and (not days or days < 1):
        raise ValidationError({"days": MSG_DAYS})
    if kind == SideKind.OFFICER_CHANGE:
        if old_officer is None or not case.officers.filter(officer=old_officer).exists():
            raise ValidationError({"old_officer": MSG_OLD_OFFICER})
        if new_officer is None or case.officers.filter(officer=new_officer).exists():
            raise ValidationError({"new_officer": MSG_NEW_OFFICER_ON_CASE.format(name=new_officer)})
        ok, why = officer_can_be_assigned(new_officer, timezone.localdate())
        if not ok:
            raise ValidationError({"new_officer": why})
    if kind == SideKind.TRANSFER and not (transfer_to or "").strip():
        raise ValidationError({"transfer_to": MSG_TRANSFER_TO})


@transaction.atomic
def side_request(*, case: Case, actor, kind: str, reason: str, days: int | None = None,
                 old_officer: Officer | None = None, new_officer: Officer | None = None,
                 transfer_to: str = "") -> CaseSideProcedure:
    """Ask a leader to approve a side procedure of ``kind``; nothing changes on the case until approved."""
    case = locked_case(case)
    refuse(side_request_refusal(case=case, actor=actor, kind=kind))
    if not (reason or "").strip():
        raise ValidationError({"reason": MSG_REASON})
    _check_details(case, kind, days=days, old_officer=old_officer, new_officer=new_officer, transfer_to=transfer_to)
    return CaseSideProcedure.objects.create(
        case=case, kind=kind, reason=reason.strip(), days=days if kind == SideKind.EXTENSION else None,
        old_officer=old_officer, new_officer=new_officer, transfer_to=(transfer_to or "").strip(), created_by=actor,
    )


def side_decide_refusal(*, side: CaseSideProcedure, actor) -> str:
    """"" when ``actor`` may approve or refuse ``side`` now, else the reason."""
    scopes = scopes_for_permission(actor, APPROVAL_PERMISSION)
    approver = facts(side.case).once(("approver", actor.pk, side.pk), lambda: restrict_by_permission(
        CaseSideProcedure.objects.filter(pk=side.pk), actor, scopes, "change").exists())
    if not approver:
        return MSG_NOT_APPROVER
    if side.status != SideStatus.PENDING:
        return MSG_DECIDED_ALREADY.format(status=side.get_status_display())
    if side.case.status in ENDED_STATUSES:
        return MSG_CASE_ENDED.format(status=side.case.get_status_display())
    return ""


def _change_officer(case: Case, side: CaseSideProcedure) -> None:
    ok, why = officer_can_be_assigned(side.new_officer, side.decided_on)
    if not ok:
        raise ValidationError({"new_officer": why})
    row = CaseOfficer.objects.select_for_update().get(case=case, officer=side.old_officer)
    row.officer = side.new_officer
    row.save()
    refresh_case(case)  # the listed 主办 names
    if case.process_id:
        instance = case.process
        instance.people["handlers"] = list(case.officers.order_by("pk").values_list("officer__user_id", flat=True))
        instance.save(update_fields=["people", "updated_at"])
        for item in instance.items.filter(status=ItemStatus.OPEN, assignee=side.old_officer.user):
            engine.set_status(item, ItemStatus.CANCELLED)
            engine.new_item(instance, item.task_id, bpmn.step_config(instance.version.spec, item.step_id),
                            side.new_officer.user, position=item.position, due_at=item.due_at,
                            basis=item.deadline_basis)


def _apply(case: Case, side: CaseSideProcedure, actor) -> None:
    """What an approved side procedure does to the case (inside the approval's transaction)."""
    if side.kind == SideKind.SUSPENSION:
        side.started_on = side.decided_on
    elif side.kind == SideKind.RESUMPTION:
        running = suspended(case)
        running.ended_on = side.decided_on
        running.save()
    elif side.kind == SideKind.OFFICER_CHANGE:
        _change_officer(case, side)
    elif side.kind in ENDING:
        case.status, case.outcome_reason = ENDING[side.kind], side.reason
        if side.kind == SideKind.TRANSFER:
            case.outcome_reason = f"移送{side.transfer_to}：{side.reason}"
        case.save()
        if case.process_id and case.process.status == InstanceStatus.RUNNING:
            cancel_instance(instance=case.process, actor=actor, reason=f"{side.get_kind_display()}：{side.reason}")


@transaction.atomic
def side_decide(*, side: CaseSideProcedure, actor, approved: bool, opinion: str = "") -> CaseSideProcedure:
    """The leader approves (its effect applies at once) or refuses a side procedure, with an opinion."""
    case = locked_case(side.case)
    side = CaseSideProcedure.objects.select_for_update().get(pk=side.pk)
    refuse(side_decide_refusal(side=side, actor=actor))
    if not approved and not (opinion or "").strip():
        raise ValidationError({"opinion": "不予批准时请填写意见"})
    side.status = SideStatus.APPROVED if approved else SideStatus.REFUSED
    side.decided_by, side.decided_on, side.opinion = actor, timezone.localdate(), (opinion or "").strip()
    if approved:
        _apply(case, side, actor)
    side.save()
    if approved and side.kind in (SideKind.EXTENSION, SideKind.SUSPENSION, SideKind.RESUMPTION):
        _deadline_variables(case)
    return side


def _deadline_variables(case: Case) -> None:
    """Keep the procedure's ``decision_deadline`` inputs (the 处罚决定 step's deadline) in step with the case."""
    if case.process_id is None:
        return
    instance = case.process
    instance.variables.update(decision_terms(case))
    instance.save(update_fields=["variables", "updated_at"])
