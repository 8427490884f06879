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
    NOT_FILED = "not_filed", "不予立案"
    TERMINATED = "terminated", "已终止"
    REVOKED = "revoked", "已撤销立案"
    TRANSFERRED = "transferred", "已移送"


#: Statuses in which nothing more happens to a case (its procedure has ended).
ENDED_STATUSES = (CaseStatus.CLOSED, CaseStatus.NOT_FILED, CaseStatus.TERMINATED, CaseStatus.REVOKED,
                  CaseStatus.TRANSFERRED)


class OfficerRole(models.TextChoices):
    """主办 or 协办 officer of a case."""

    LEAD = "lead", "主办"
    ASSISTANT = "assistant", "协办"


class DecisionKind(models.TextChoices):
    """What the 处罚决定 step decides (行政处罚法第32、33条): a penalty, a mitigated one, none, or exemption."""

    PENALTY = "penalty", "给予行政处罚"
    MITIGATED = "mitigated", "减轻行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    EXEMPTED = "exempted", "免除行政处罚"


class NoPenaltyGround(models.TextChoices):
    """Why a case is decided 不予行政处罚: the case of 行政处罚法 that applies (its article: ``GROUND_BASIS``)."""

    MINOR = "minor", "违法行为轻微并及时改正，没有造成危害后果"
    FIRST_VIOLATION = "first_violation", "初次违法且危害后果轻微并及时改正（首违不罚）"
    NO_FAULT = "no_fault", "当事人有证据足以证明没有主观过错"
    UNDER_FOURTEEN = "under_fourteen", "不满十四周岁的未成年人"
    MENTAL_INCAPACITY = "mental_incapacity", "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为"
    TIME_BARRED = "time_barred", "违法行为超过追责时效未被发现"


class EvidenceKind(models.TextChoices):
    """The kinds of evidence of 行政诉讼法第33条, as a case file lists them."""

    DOCUMENT = "document", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    STATEMENT = "statement", "当事人的陈述"
    EXPERT = "expert", "鉴定意见"
    INSPECTION = "inspection", "勘验笔录、现场笔录"


class SpeakerRole(models.TextChoices):
    """Who speaks in a hearing record (听证笔录)."""

    PRESIDING = "presiding", "主持人"
    INVESTIGATOR = "investigator", "调查人员"
    PARTY = "party", "当事人"
    AGENT = "agent", "代理人"
    CLERK = "clerk", "书记员"


class SideKind(models.TextChoices):
    """A side procedure of a 一般程序 case, approved by a leader of the agency."""

    EXTENSION = "extension", "延期"
    SUSPENSION = "suspension", "中止"
    RESUMPTION = "resumption", "恢复"
    TERMINATION = "termination", "终止"
    REVOCATION = "revocation", "撤销立案"
    OFFICER_CHANGE = "officer_change", "变更承办人"
    TRANSFER = "transfer", "案件移送"


class SideStatus(models.TextChoices):
    """Where a side procedure stands: waiting for the leader, approved or refused."""

    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"
