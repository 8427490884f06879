"""The documented business variables that gateway conditions and assignment rules may read.

A model that reads any other name is refused at upload. Services set these on the instance
(``ProcessInstance.variables``); the engine hands them to SpiffWorkflow before each step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    """One variable: its name in expressions, its Chinese label and its type."""

    name: str
    label: str
    kind: str  # "bool", "number", "text", "date"


VARIABLES = {
    v.name: v
    for v in (
        Variable("approved", "本环节是否同意", "bool"),
        Variable("procedure_type", "程序类型代码", "text"),
        Variable("party_type", "当事人类型（citizen 公民 / legal_person 法人 / other_org 其他组织）", "text"),
        Variable("fine_amount", "拟罚款金额（元）", "number"),
        Variable("confiscation_amount", "拟没收金额（元）", "number"),
        Variable("amount_involved", "涉案金额（元）", "number"),
        Variable("hearing_right", "是否告知听证权利", "bool"),
        Variable("hearing_requested", "当事人是否申请听证", "bool"),
        Variable("requires_legal_review", "是否需要法制审核", "bool"),
        Variable("requires_collective_discussion", "是否需要集体讨论", "bool"),
        Variable("major_decision", "是否重大执法决定", "bool"),
        Variable("waived_statement", "当事人是否书面放弃陈述申辩", "bool"),
        Variable("filed_on", "立案日期", "date"),
        Variable("notified_on", "告知日期", "date"),
        Variable("decided_on", "决定日期", "date"),
        Variable("announced_on", "宣告日期", "date"),
        Variable("received_on", "送达日期", "date"),
        Variable("sector", "执法领域代码", "text"),
        Variable("region", "行政区划代码", "text"),
    )
}
