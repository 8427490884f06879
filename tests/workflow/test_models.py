"""Uploading, publishing and versioning models; refusals name the element and the line."""

import pytest
from django.core.exceptions import ValidationError

from tests.workflow.conftest import open_items, the_item
from zhifa.workflow import services
from zhifa.workflow.choices import InstanceStatus, VersionStatus
from zhifa.workflow.models import ProcessInstance

pytestmark = pytest.mark.django_db


def refusal(agency, xml) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        services.import_model(xml=xml, actor=agency["admin"])
    return caught.value.message_dict["bpmn_xml"]


def test_script_task_is_refused_naming_element_and_line(agency, sample_xml):
    xml = sample_xml.replace('<bpmn:userTask id="collective"', '<bpmn:scriptTask id="calc"><bpmn:script>import os</bpmn:script></bpmn:scriptTask>\n    <bpmn:userTask id="collective"')
    line = next(n for n, text in enumerate(xml.splitlines(), 1) if 'id="calc"' in text)
    assert any(m == f"第{line}行，元素“calc”：流程中不允许脚本任务" for m in refusal(agency, xml))


@pytest.mark.parametrize("expression, problem", [
    ("__import__('os').system('id')", "不允许的写法"),
    ("eval('1+1')", "不允许的写法"),
    ("fine_amount.__class__", "不允许的写法"),
    ("secret_variable > 3", "未登记的变量“secret_variable”"),
    ("fine_amount >", "语法错误"),
])
def test_unsafe_or_unknown_expression_is_refused(agency, sample_xml, expression, problem):
    xml = sample_xml.replace("fine_amount &gt;= 10000", expression.replace(">", "&gt;"))
    messages = refusal(agency, xml)
    assert len(messages) == 1
    assert messages[0].startswith("第") and "元素“flow_large”" in messages[0] and problem in messages[0]


def test_step_without_assignment_and_unknown_stage_are_refused(agency, sample_xml):
    decision = sample_xml.index('<bpmn:userTask id="leader_decision"')
    xml = sample_xml[:decision] + sample_xml[decision:].replace('<camunda:property name="assign" value="role:leader" />', "", 1)
    xml = xml.replace('value="legal_review"', 'value="skip_review"')
    messages = refusal(agency, xml)
    assert any("元素“leader_decision”：没有设置办理人" in m for m in messages)
    assert any("元素“legal_review”：未知的法定环节代码“skip_review”" in m for m in messages)


def test_publication_refuses_a_general_procedure_without_notification(agency, sample_xml):
    version = services.import_model(xml=sample_xml, actor=agency["admin"], procedure_type="punishment_general")
    with pytest.raises(ValidationError) as caught:
        services.publish_version(version=version, actor=agency["admin"])
    text = "".join(caught.value.message_dict["bpmn_xml"])
    assert "缺少法定环节“告知”" in text and "中华人民共和国行政处罚法第44条" in text
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_only_process_administrators_upload_and_publish(agency, sample_xml):
    with pytest.raises(ValidationError, match="没有维护流程模型的权限"):
        services.import_model(xml=sample_xml, actor=agency["leader1"])


def test_running_instances_stay_on_their_version(agency, published, start, sample_xml):
    old = start()
    services.approve(item=the_item(old, agency["officer"]), actor=agency["officer"])
    # v2 drops the squad review: new instances go straight from submission to legal review.
    v2_xml = sample_xml.replace('targetRef="squad_review"', 'targetRef="legal_review"').replace(
        '<bpmn:sequenceFlow id="flow_review" sourceRef="squad_review" targetRef="legal_review"/>', "")
    v2_xml = v2_xml[:v2_xml.index('<bpmn:userTask id="squad_review"')] + v2_xml[v2_xml.index("</bpmn:userTask>", v2_xml.index('<bpmn:userTask id="squad_review"')) + len("</bpmn:userTask>"):]
    v2 = services.import_model(xml=v2_xml, actor=agency["admin"])
    services.publish_version(version=v2, actor=agency["admin"])
    assert v2.number == 2
    new = start()
    services.approve(item=the_item(new, agency["officer"]), actor=agency["officer"])
    assert {i.step_id for i in open_items(new)} == {"legal_review"}
    assert {i.step_id for i in open_items(old)} == {"squad_review"}
    services.approve(item=the_item(old, agency["squad1"]), actor=agency["squad1"])
    for reviewer in ("reviewer1", "reviewer2"):
        services.approve(item=the_item(old, agency[reviewer]), actor=agency[reviewer])
    services.approve(item=the_item(old, agency["leader1"]), actor=agency["leader1"])
    old.refresh_from_db()
    assert old.status == InstanceStatus.COMPLETED and old.version == published
    assert ProcessInstance.objects.get(pk=new.pk).version == v2


def test_draft_runs_in_a_sandbox_instance(agency, sample_xml):
    draft = services.import_model(xml=sample_xml, actor=agency["admin"])
    instance = services.start_instance(definition=draft.definition, unit=agency["unit"], actor=agency["officer"],
                                       title="试运行", version=draft)
    assert instance.sandbox and the_item(instance, agency["officer"]).step_id == "submit"
    with pytest.raises(ValidationError, match="还没有已发布的版本"):
        services.start_instance(definition=draft.definition, unit=agency["unit"], actor=agency["officer"], title="正式")
