"""The statements of one approval of the 一般程序 stay bounded (docs/performance.md, "Cases through the general
procedure"): a 或签 step settles its other holders and opens the next step for every holder in a fixed number of
statements, and the guards and hooks of a stage read the case once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.procedure_steps import WHO, advance, open_stage, register
from tests.workflow.conftest import the_item
from zhifa.core.models import Todo
from zhifa.workflow import services
from zhifa.workflow.models import WorkItem

pytestmark = pytest.mark.django_db

MAX_STATEMENTS = {"filing": 47, "investigation": 22}
"""The most statements (savepoints included) one approval of the stage may send here. 调查取证 is a 或签 step of
the case's two officers that opens the next one for both; 立案审批 also numbers the case and rewrites its search
text. They were 31 and 62 while every holder's item and todo were written one by one and each guard and hook read
the case again."""


def approve_counted(agency, case, stage: str) -> list[str]:
    """Approve the open ``stage`` of ``case`` as its holder; the statements the approval sent."""
    case.process.refresh_from_db()
    who = agency[WHO[stage]]
    item = the_item(case.process, who)
    with CaptureQueriesContext(connection) as sent:
        services.approve(item=item, actor=who, opinion="同意")
    case.refresh_from_db()
    return [query["sql"] for query in sent.captured_queries]


@pytest.mark.parametrize("stage", ["filing", "investigation"])
def test_an_approval_sends_a_bounded_number_of_statements(agency, general_procedure, stage):
    case = advance(agency, register(agency), stage)
    statements = approve_counted(agency, case, stage)
    assert len(statements) <= MAX_STATEMENTS[stage], "\n".join(statements)
    # the step is settled for every holder, and the next one offered to both officers, each with a workbench todo
    assert open_stage(case) == ("investigation" if stage == "filing" else "investigation_report")
    items = case.process.items.filter(stage=stage)
    assert set(items.values_list("status", flat=True)) <= {"done", "cancelled"}
    assert not Todo.objects.filter(source_id__in=[str(pk) for pk in items.values_list("pk", flat=True)],
                                   done_at=None).exists()
    opened = WorkItem.objects.filter(instance=case.process, status="open")
    assert sorted(opened.values_list("assignee", flat=True)) == sorted([agency["officer"].pk, agency["officer2"].pk])
    todos = Todo.objects.filter(source_id__in=[str(item.pk) for item in opened], done_at=None, kind="approval")
    assert sorted(todos.values_list("assignee", flat=True)) == sorted([agency["officer"].pk, agency["officer2"].pk])
    assert dict(todos.values_list("source_id", "url")) == {str(item.pk): item.get_absolute_url() for item in opened}
