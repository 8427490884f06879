"""Choices of execution (执行), remedies (复议/诉讼) and case warnings (预警)."""

from django.db import models


class ExecutionStatus(models.TextChoices):
    """Where the execution of a decision stands; 执行完毕 and 终结执行 allow 结案."""

    PENDING = "pending", "未执行"
    PARTIAL = "partial", "部分执行"
    COMPLETE = "complete", "执行完毕"
    COURT = "court", "申请强制执行"
    ENDED = "ended", "终结执行"


FINISHED = (ExecutionStatus.COMPLETE, ExecutionStatus.ENDED)


class ArrangementKind(models.TextChoices):
    """暂缓 (延期) or 分期 payment of a fine (行政处罚法第66条第2款)."""

    DEFERRAL = "deferral", "延期缴纳"
    INSTALMENT = "instalment", "分期缴纳"


class ArrangementStatus(models.TextChoices):
    """The leader's answer to the party's application."""

    SUBMITTED = "submitted", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"


class RemedyKind(models.TextChoices):
    """行政复议 or 行政诉讼 against the decision."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class RemedyOutcome(models.TextChoices):
    """How the 复议 or 诉讼 ended."""

    UPHELD = "upheld", "维持"
    VARIED = "varied", "变更"
    REVOKED = "revoked", "撤销"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    DISMISSED = "dismissed", "驳回"
    WITHDRAWN = "withdrawn", "撤回"


class WarningColour(models.TextChoices):
    """The colour of a warning, most severe first (the codes of ``zhifa.workflow.deadlines.colour``)."""

    RED = "red", "红色"
    YELLOW = "yellow", "黄色"
    BLUE = "blue", "蓝色"


class WarningKind(models.TextChoices):
    """A deadline (期限) running out, or something a stage needs that is missing (缺项)."""

    DEADLINE = "deadline", "期限预警"
    MISSING = "missing", "缺项预警"


class RequirementKind(models.TextChoices):
    """What a 缺项 rule asks to exist when a case has reached its stage."""

    FIELD = "field", "案件信息已填写"
    DOCUMENT = "document", "已出具文书"
    EVIDENCE = "evidence", "已有证据材料"


class RuleProcedure(models.TextChoices):
    """Which cases a 缺项 rule applies to."""

    ALL = "all", "全部案件"
    SIMPLE = "simple", "简易程序"
    GENERAL = "general", "一般程序"
