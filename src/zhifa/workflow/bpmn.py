"""Reading an uploaded BPMN model: safety checks, the properties of each step, and the parsed spec.

Models are checked before anything is stored: no script or service tasks, no listeners, every
condition a safe expression over documented variables, every step's properties valid. Errors name
the element id and the line in the file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.parser import CamundaParser
from SpiffWorkflow.camunda.serializer import DEFAULT_CONFIG
from SpiffWorkflow.exceptions import SpiffWorkflowException

from zhifa.legal import all_rules

from . import expressions
from .assignment import AssignmentError, parse_rule
from .choices import SignMode
from .requirements import Stage

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
NS = {"bpmn": BPMN_NS, "camunda": CAMUNDA_NS}
FORBIDDEN_TASKS = {
    "scriptTask": "脚本任务",
    "serviceTask": "服务任务",
    "sendTask": "发送任务",
    "businessRuleTask": "业务规则任务",
    "callActivity": "调用活动",
}
FORBIDDEN_EXTENSIONS = {"executionListener": "执行监听器", "taskListener": "任务监听器", "script": "脚本"}
KNOWN_PROPERTIES = {"stage", "assign", "sign_mode", "deadline_rule", "timeout_hours", "escalate", "form", "documents"}
MAX_SIZE = 1_000_000

SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(DEFAULT_CONFIG))


class ModelError(ValueError):
    """An uploaded model that is refused; ``messages`` are Chinese, each naming element and line."""

    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


@dataclass
class StepConfig:
    """What the model says about one user task (环节)."""

    id: str
    name: str
    stage: str = ""
    assign: str = ""
    sign_mode: str = SignMode.SINGLE
    deadline_rule: str = ""
    timeout_hours: int | None = None
    escalate: bool = False
    form: str = ""
    documents: list[str] = field(default_factory=list)


@dataclass
class ParsedModel:
    """A checked model: its process id and name, its steps and the serialised spec."""

    key: str
    name: str
    steps: dict[str, StepConfig]
    spec: dict


def _where(element) -> str:
    return f"第{element.sourceline}行，元素“{element.get('id') or element.tag.split('}')[-1]}”"


def _properties(element) -> dict[str, str]:
    return {
        prop.get("name"): prop.get("value") or ""
        for prop in element.iterfind("bpmn:extensionElements/camunda:properties/camunda:property", NS)
    }


def _step_config(element, errors: list[str]) -> StepConfig:
    where = _where(element)
    props = _properties(element)
    step = StepConfig(id=element.get("id"), name=element.get("name") or element.get("id"))
    for name in sorted(set(props) - KNOWN_PROPERTIES):
        errors.append(f"{where}：未知的环节属性“{name}”")
    step.stage = props.get("stage", "")
    if step.stage and step.stage not in Stage.values:
        errors.append(f"{where}：未知的法定环节代码“{step.stage}”")
    step.assign = props.get("assign", "")
    if not step.assign:
        errors.append(f"{where}：没有设置办理人（assign 属性）")
    else:
        try:
            parse_rule(step.assign)
        except AssignmentError as error:
            errors.append(f"{where}：{error}")
    step.sign_mode = props.get("sign_mode", SignMode.SINGLE)
    if step.sign_mode not in SignMode.values:
        errors.append(f"{where}：未知的办理方式“{step.sign_mode}”")
    step.deadline_rule = props.get("deadline_rule", "")
    if step.deadline_rule and step.deadline_rule not in {rule.id for rule in all_rules()}:
        errors.append(f"{where}：期限规则“{step.deadline_rule}”不存在")
    if props.get("timeout_hours"):
        try:
            step.timeout_hours = int(props["timeout_hours"])
            if step.timeout_hours < 1:
                raise ValueError
        except ValueError:
            errors.append(f"{where}：超时小时数必须是正整数")
    step.escalate = props.get("escalate", "").lower() in ("1", "true", "是")
    step.form = props.get("form", "")
    step.documents = [d.strip() for d in props.get("documents", "").split(",") if d.strip()]
    return step


def _check_safety(root, errors: list[str]) -> None:
    for tag, label in FORBIDDEN_TASKS.items():
        for element in root.iter(f"{{{BPMN_NS}}}{tag}"):
            errors.append(f"{_where(element)}：流程中不允许{label}")
    for tag, label in FORBIDDEN_EXTENSIONS.items():
        for element in root.iter(f"{{{CAMUNDA_NS}}}{tag}"):
            owner = element.getparent().getparent() if element.getparent() is not None else element
            errors.append(f"{_where(owner)}：流程中不允许{label}")
    for element in root.iter(f"{{{BPMN_NS}}}conditionExpression"):
        flow = element.getparent()
        try:
            expressions.check(element.text or "")
        except expressions.ExpressionError as error:
            errors.append(f"{_where(flow)}：{error}")
    for element in root.iter(f"{{{BPMN_NS}}}multiInstanceLoopCharacteristics"):
        errors.append(f"{_where(element.getparent())}：多实例请用 sign_mode 属性（会签/或签）设置")


def parse(xml: str | bytes) -> ParsedModel:
    """Check and parse a BPMN file with one executable process; raise ``ModelError`` when refused."""
    data = xml.encode() if isinstance(xml, str) else xml
    if len(data) > MAX_SIZE:
        raise ModelError(["模型文件超过 1 MB"])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ModelError([f"第{error.lineno}行：不是有效的 XML 文件"]) from None
    if root.tag != f"{{{BPMN_NS}}}definitions":
        raise ModelError(["不是 BPMN 2.0 模型文件（根元素应为 bpmn:definitions）"])
    processes = root.findall("bpmn:process", NS)
    if len(processes) != 1:
        raise ModelError([f"模型必须且只能包含一个流程（process），实际为 {len(processes)} 个"])
    errors: list[str] = []
    _check_safety(root, errors)
    process = processes[0]
    steps = {el.get("id"): _step_config(el, errors) for el in process.iter(f"{{{BPMN_NS}}}userTask")}
    if not steps:
        errors.append(f"{_where(process)}：流程中没有任何办理环节（用户任务）")
    if errors:
        raise ModelError(errors)
    spiff_parser = CamundaParser()
    try:
        spiff_parser.add_bpmn_xml(etree.ElementTree(root).getroot(), filename="model.bpmn")
        spec = spiff_parser.get_spec(process.get("id"))
    except (ValidationException, SpiffWorkflowException) as error:
        line = getattr(error, "line_number", "") or ""
        raise ModelError([f"第{line}行：模型结构无法执行（{error}）" if line else f"模型结构无法执行（{error}）"]) from None
    serialised = SERIALIZER.to_dict(BpmnWorkflow(spec))
    return ParsedModel(
        key=process.get("id"),
        name=process.get("name") or process.get("id"),
        steps=steps,
        spec={
            "spec": serialised["spec"],
            "subprocess_specs": serialised["subprocess_specs"],
            "steps": {step_id: asdict(step) for step_id, step in steps.items()},
        },
    )


def step_config(spec: dict, step_id: str) -> StepConfig:
    """The configuration of one step of a stored, already checked model."""
    return StepConfig(**spec["steps"][step_id])


class SafeEnvironment(BasePythonScriptEngineEnvironment):
    """Conditions through ``zhifa.workflow.expressions``; scripts and service calls always refused."""

    def evaluate(self, expression, context, external_context=None):
        return expressions.evaluate(expression, {**(external_context or {}), **context})

    def execute(self, script, context, external_context=None):
        raise expressions.ExpressionError("流程中不允许执行脚本")

    def call_service(self, context, **kwargs):
        raise expressions.ExpressionError("流程中不允许调用服务")


SAFE_ENGINE = PythonScriptEngine(environment=SafeEnvironment())


def dumps_state(workflow: BpmnWorkflow) -> dict:
    """The workflow's serialisation without the spec (which is stored once, on the version)."""
    data = SERIALIZER.to_dict(workflow)
    data.pop("spec")
    data.pop("subprocess_specs")
    return data


def loads_state(spec: dict, state: dict | None) -> BpmnWorkflow:
    """A workflow from a version's spec and an instance's state (a fresh one when ``state`` is empty)."""
    if state:
        # from_dict consumes what it is given: hand it a copy of the stored structures.
        data = json.loads(json.dumps({**state, "spec": spec["spec"], "subprocess_specs": spec["subprocess_specs"]}))
        workflow = SERIALIZER.from_dict(data)
    else:
        workflow = BpmnWorkflow(SERIALIZER.from_dict(json.loads(json.dumps(spec["spec"]))))
    workflow.script_engine = SAFE_ENGINE
    return workflow
