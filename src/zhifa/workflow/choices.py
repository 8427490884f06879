"""Stable codes of the process engine, each with its Chinese label."""

from django.db import models


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"  # the newest published version is the one new instances start on
    RETIRED = "retired", "已停用"


class InstanceStatus(models.TextChoices):
    RUNNING = "running", "办理中"
    COMPLETED = "completed", "已办结"
    REJECTED = "rejected", "已驳回"  # 不同意/驳回: ended by an approver with a reason
    CANCELLED = "cancelled", "已撤销"


class ItemStatus(models.TextChoices):
    """State of one person's share of a step."""

    OPEN = "open", "待办理"
    WAITING = "waiting", "等待前序"  # sequential 会签 or 加签 before: not yet this person's turn
    DELEGATED = "delegated", "已委派"  # with the delegate; comes back to the owner when they resolve it
    DONE = "done", "已办理"
    CANCELLED = "cancelled", "已取消"  # 或签 satisfied by another, 减签, 退回, 驳回, 撤回


class SignMode(models.TextChoices):
    """How many of a step's people must approve (from the model's ``sign_mode`` property)."""

    SINGLE = "single", "单人办理"
    ANY = "any", "或签（一人通过即可）"
    ALL_PARALLEL = "all_parallel", "会签（全部通过，同时办理）"
    ALL_SEQUENTIAL = "all_sequential", "会签（全部通过，依次办理）"


class SignKind(models.TextChoices):
    """Why an item was added to a step by a person rather than by the model."""

    BEFORE = "before", "前加签"  # must approve before the adder may act
    AFTER = "after", "后加签"  # acts after the adder has approved; the step waits for them


class Action(models.TextChoices):
    """What can happen on an instance; each is a timeline row and an audit row."""

    START = "start", "发起"
    APPROVE = "approve", "通过"
    RETURN = "return", "退回"
    REJECT = "reject", "驳回"
    WITHDRAW = "withdraw", "撤回"
    TRANSFER = "transfer", "转办"
    DELEGATE = "delegate", "委派"
    RESOLVE = "resolve", "委派办结"
    ADD_SIGN_BEFORE = "add_sign_before", "前加签"
    ADD_SIGN_AFTER = "add_sign_after", "后加签"
    REMOVE_SIGN = "remove_sign", "减签"
    COPY = "copy", "抄送"
    URGE = "urge", "催办"
    TIMEOUT = "timeout", "超时预警"
    ESCALATE = "escalate", "超时上报"
    COMPLETE = "complete", "办结"
