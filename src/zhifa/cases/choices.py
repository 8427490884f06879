"""Choices of the case module; the codes of ``PartyType`` are those of the legal engine (``zhifa.legal``)."""

from django.db import models


class ProcedureKind(models.TextChoices):
    """简易程序 (当场处罚, 行政处罚法第51条) or 一般程序 (the published BPMN procedure)."""

    SIMPLE = "simple", "简易程序"
    GENERAL = "general", "一般程序"


class CaseSource(models.TextChoices):
    """Where the case came from (案件来源)."""

    CLUE = "clue", "线索"
    INSPECTION = "inspection", "行政检查"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "移送"
    SUPERVISION_ORDER = "supervision_order", "交办督办"
    SELF_DISCOVERED = "self_discovered", "自行发现"


class PartyType(models.TextChoices):
    """Kind of party, as the legal thresholds distinguish them (公民 vs 法人或者其他组织)."""

    CITIZEN = "citizen", "公民"
    LEGAL_PERSON = "legal_person", "法人"
    OTHER_ORG = "other_org", "其他组织"


class CaseStatus(models.TextChoices):
    """Where the case stands; the stage of a 一般程序 case is the open step of its process."""

    REGISTERED = "registered", "已登记"
    FILED = "filed", "已立案"
    DECIDED = "decided", "已作出决定"
    CLOSED = "closed", "已结案"


class OfficerRole(models.TextChoices):
    """主办 or 协办 officer of a case."""

    LEAD = "lead", "主办"
    ASSISTANT = "assistant", "协办"
