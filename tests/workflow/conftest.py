"""Fixtures of the process engine tests: a district agency with its people and the sample procedure."""

from pathlib import Path

import pytest

from tests import factories
from zhifa.core.scoping import DataScope
from zhifa.org.models import Role
from zhifa.workflow import services
from zhifa.workflow.models import ProcessInstance, ProcessVersion

SAMPLE = Path(__file__).resolve().parents[2] / "src/zhifa/workflow/procedures/general_approval.bpmn"
VIEW = ["workflow.view_processinstance"]


@pytest.fixture
def sample_xml() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def coded_role(code: str, permissions: list[str], scope: str = DataScope.UNIT) -> Role:
    """The role ``code`` that the procedures assign by, holding exactly ``permissions`` in this test."""
    role = factories.role(permissions, scope)
    Role.objects.filter(code=code).delete()
    role.code = code
    role.save(update_fields=["code"])
    return role


@pytest.fixture
def agency(city):
    """The 盐田 agency's people: an officer, two squad leaders, two legal reviewers, two leaders, an admin."""
    unit = city["yantian"]
    officer_role = coded_role("officer", VIEW + ["workflow.add_processinstance"])
    squad_role = coded_role("squad_leader", VIEW, DataScope.SUBTREE)
    reviewer_role = coded_role("legal_reviewer", VIEW)
    leader_role = coded_role("leader", VIEW + ["workflow.change_processinstance"])
    admin_role = factories.role(
        factories.model_permissions(ProcessVersion) + ["workflow.view_processdefinition", "workflow.add_processdefinition"],
        DataScope.ALL,
    )
    people = {
        "officer": factories.user(unit, roles=[officer_role], display_name="张执法"),
        "officer2": factories.user(unit, roles=[officer_role], display_name="李执法"),
        "squad1": factories.user(unit, roles=[squad_role], display_name="王队长"),
        "squad2": factories.user(unit, roles=[squad_role], display_name="赵队长"),
        "reviewer1": factories.user(unit, roles=[reviewer_role], display_name="钱审核"),
        "reviewer2": factories.user(unit, roles=[reviewer_role], display_name="孙审核"),
        "leader1": factories.user(unit, roles=[leader_role], display_name="周局长"),
        "leader2": factories.user(unit, roles=[leader_role], display_name="吴副局长"),
        "admin": factories.user(city["bureau"], roles=[admin_role], display_name="流程管理员"),
        "outsider": factories.user(city["futian"], roles=[squad_role], display_name="福田队长"),
    }
    people["unit"] = unit
    return people


@pytest.fixture
def published(agency, sample_xml):
    version = services.import_model(xml=sample_xml, actor=agency["admin"])
    return services.publish_version(version=version, actor=agency["admin"])


@pytest.fixture
def start(agency, published):
    def start(fine_amount=5000, **variables) -> ProcessInstance:
        return services.start_instance(
            definition=published.definition, unit=agency["unit"], actor=agency["officer"],
            title="关于某公司占道经营案的处理审批", variables={"fine_amount": fine_amount, **variables},
        )

    return start


def open_items(instance, user=None):
    items = instance.items.filter(status="open")
    if user is not None:
        items = items.filter(assignee=user)
    return list(items.order_by("id"))


def the_item(instance, user):
    """The one open item ``user`` holds on ``instance``."""
    items = open_items(instance, user)
    assert len(items) == 1, f"{user} holds {len(items)} open items"
    return items[0]
