"""Stage codes and the stages the law requires of each procedure type.

A user task names its stage with the ``stage`` property. Services attach guards to stage codes
(``zhifa.workflow.guards``); publication refuses a model of a procedure type that omits a stage
the law requires, quoting the article.
"""

from __future__ import annotations

from django.db import models

from zhifa.legal.basis import CF_44, Citation

CF = "中华人民共和国行政处罚法"


class Stage(models.TextChoices):
    """Legal stages a user task can stand for."""

    FILING = "filing", "立案"
    INVESTIGATION = "investigation", "调查取证"
    INVESTIGATION_REPORT = "investigation_report", "调查终结"
    CASE_REVIEW = "case_review", "案件审核"
    LEGAL_REVIEW = "legal_review", "法制审核"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论"
    NOTIFICATION = "notification", "告知"
    HEARING = "hearing", "听证"
    DECISION = "decision", "决定"
    SERVICE = "service", "送达"
    EXECUTION = "execution", "执行"
    CLOSING = "closing", "结案"
    ARCHIVING = "archiving", "归档"
    APPROVAL = "approval", "审批"


class ProcedureType(models.TextChoices):
    """What a procedure is for; decides which stages must be in its model."""

    APPROVAL = "approval", "一般审批"
    PUNISHMENT_GENERAL = "punishment_general", "行政处罚一般程序"
    PUNISHMENT_SIMPLE = "punishment_simple", "行政处罚简易程序"


CF_39 = Citation(CF, "第39条", "行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。")
CF_54 = Citation(CF, "第54条", "符合立案标准的，行政机关应当及时立案。")
CF_55 = Citation(CF, "第55条", "执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。……询问或者检查应当制作笔录。")
CF_57 = Citation(CF, "第57条", "调查终结，行政机关负责人应当对调查结果进行审查，根据不同情况，分别作出如下决定……")
CF_61 = Citation(
    CF, "第61条",
    "行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。",
)

REQUIRED_STAGES: dict[str, list[tuple[str, Citation]]] = {
    ProcedureType.PUNISHMENT_GENERAL: [
        (Stage.FILING, CF_54),
        (Stage.INVESTIGATION, CF_55),
        (Stage.NOTIFICATION, CF_44),
        (Stage.DECISION, CF_57),
        (Stage.SERVICE, CF_61),
    ],
    ProcedureType.PUNISHMENT_SIMPLE: [
        (Stage.NOTIFICATION, CF_44),
        (Stage.DECISION, CF_57),
    ],
    ProcedureType.APPROVAL: [],
}

MISSING_STAGE = "“{procedure}”的流程缺少法定环节“{stage}”（{law}{article}：{text}），不能发布"


def missing_stages(procedure_type: str, stages: set[str]) -> list[str]:
    """Messages for each stage the law requires of ``procedure_type`` that ``stages`` lacks."""
    label = ProcedureType(procedure_type).label
    return [
        MISSING_STAGE.format(procedure=label, stage=Stage(stage).label, law=c.law, article=c.article, text=c.text)
        for stage, c in REQUIRED_STAGES.get(procedure_type, [])
        if stage not in stages
    ]
