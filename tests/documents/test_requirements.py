"""The 文书 requirement of the 缺项 rules: checked by the documents app once the document is issued."""

import pytest
from django.core.exceptions import ValidationError

from zhifa.cases.models import StageRequirementRule
from zhifa.cases.warning_rules import missing_items
from zhifa.core.actor import Channel, actor_context
from zhifa.documents.services import issue_document

pytestmark = pytest.mark.django_db


def rule(target: str) -> StageRequirementRule:
    with actor_context(channel=Channel.SYSTEM):
        obj = StageRequirementRule(stage="decision", requirement="document", target=target, label="行政处罚决定书")
        obj.full_clean()
        obj.save()
    return obj


@pytest.mark.parametrize("target", ["punishment_decision", "行政处罚决定书"])
def test_a_document_rule_is_met_once_the_document_is_issued(executing_case, team, target):
    required = rule(target)
    assert missing_items(executing_case, [required]) == {"decision": [required]}
    issue_document(subject=executing_case, kind="punishment_decision", actor=team["officer"])
    assert missing_items(executing_case, [required]) == {}


def test_a_rule_naming_no_document_kind_is_refused_with_the_choices(catalogue):
    before = StageRequirementRule.objects.count()
    with pytest.raises(ValidationError) as caught:
        rule("处罚决定")
    message = caught.value.message_dict["target"][0]
    assert message.startswith("没有文书种类“处罚决定”，可选：") and "行政处罚决定书（punishment_decision）" in message
    assert StageRequirementRule.objects.count() == before
