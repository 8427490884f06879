"""``zhifa demo-cases`` on the small demo city: every stage, library parties, services only, idempotent, todos."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.ui.demo import build_small_demo
from zhifa.basedata.models import InspectedObject
from zhifa.cases.demo.plan import TARGET_WEIGHTS, demo_number, demo_units, make_plans
from zhifa.cases.demo.stages import place_of
from zhifa.cases.execution_choices import FINISHED
from zhifa.cases.models import Case, CaseExecution, CaseParty, CaseRemedy, CaseSideProcedure, CaseWarning, Hearing
from zhifa.core.models import AuditEntry, Todo
from zhifa.legal import evaluate
from zhifa.workflow.models import TimelineEvent, WorkItem

pytestmark = pytest.mark.django_db

#: Enough cases for every place of the plan (general stages, archived, simple registered and decided).
COUNT = len(TARGET_WEIGHTS) + 4
#: The demo accounts of 盐田区城管局 whose workbench the general procedure fills.
CASE_WORKERS = ("officer_yantian", "squad_yantian", "reviewer_yantian", "leader_yantian")


@pytest.fixture
def demo_city(db, tmp_path, settings):
    """The small demo city of the page walks, with the shipped procedures published."""
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    settings.DATA_DIR = tmp_path
    build_small_demo(tmp_path)
    call_command("demo_processes", stdout=StringIO())


def run(count=COUNT) -> str:
    out = StringIO()
    call_command("demo_cases", count=count, stdout=out)
    return out.getvalue()


def check_plan_is_deterministic() -> None:
    """The same seed gives the same plan, another seed another; the routing flags match where a case rests."""
    today = timezone.localdate()
    units = demo_units(today)
    first, second = (make_plans(units, 30, seed=7, today=today) for _ in range(2))
    assert [(p.target, p.unit.pk, p.party.pk, p.lead.pk, p.fine) for p in first] == \
        [(p.target, p.unit.pk, p.party.pk, p.lead.pk, p.fine) for p in second]
    assert [p.party.pk for p in make_plans(units, 30, seed=8, today=today)] != [p.party.pk for p in first]
    for plan in first:
        if plan.target == "hearing":
            assert plan.hearing_right and plan.hearing_requested
        if plan.target == "legal_review":
            assert plan.requires_legal_review
        if plan.target == "collective_discussion":
            assert plan.requires_collective_discussion


AFTER_HEARING = ("decision", "service", "execution", "closing", "archiving", "archived")
AFTER_SERVICE = ("execution", "closing", "archiving", "archived")
SETTLED = ("archiving", "archived")


def check_procedure_records(cases: list[Case]) -> None:
    """Hearings, decisions, executions, remedies and side procedures were written where the cases went."""
    places = {case.pk: place_of(case) for case in cases}
    hearings = list(Hearing.objects.select_related("case"))
    assert any(places[h.case_id] in AFTER_HEARING for h in hearings)
    for hearing in hearings:
        if places[hearing.case_id] in AFTER_HEARING:  # the decision waited for a held and reported hearing
            assert hearing.reported_on and hearing.held_on and hearing.entries.count() >= 3, hearing.case
    general = [case for case in cases if case.procedure_type == "general"]
    kinds = {case.decision_kind for case in general if places[case.pk] in AFTER_HEARING[1:]}
    assert "penalty" in kinds and kinds - {"penalty"}, kinds  # some decisions mitigated or without a penalty
    executions = {e.case_id: e for e in CaseExecution.objects.all()}
    assert executions
    for case in general:
        if places[case.pk] in AFTER_SERVICE and case.fine_amount > 0:
            assert case.pk in executions, case
        if places[case.pk] in SETTLED and case.fine_amount > 0:
            assert executions[case.pk].status in FINISHED, case
    remedies = list(CaseRemedy.objects.select_related("case"))
    assert remedies and all(remedy.case.decided_on <= remedy.applied_on for remedy in remedies)
    assert CaseSideProcedure.objects.filter(status="approved").exists()


BEFORE_DECISION = ("investigation", "investigation_report", "case_review", "legal_review", "collective_discussion",
                   "notification", "hearing", "decision")


def check_overdue_and_warned(cases: list[Case]) -> None:
    """一般程序 cases are 补录 on the day they were opened: those that waited for months before their decision are
    overdue (always the first resting at 调查取证), and the sweep the command ran gave them a red warning; some rest
    in 听证, some are under 复议."""
    today = timezone.localdate()
    places = {case.pk: place_of(case) for case in cases}
    general = [case for case in cases if case.procedure_type == "general" and case.filed_on]
    assert any(case.filed_on < today for case in general)
    assert AuditEntry.objects.filter(object_type="cases.case", message__startswith="补录案件").count() == \
        sum(1 for case in cases if case.procedure_type == "general")
    for case in general:
        if places[case.pk] not in BEFORE_DECISION:  # decided within the 90 days of 第60条
            assert case.decided_on and case.decided_on <= case.filed_on + dt.timedelta(days=90), case
    overdue = [case for case in general if places[case.pk] in BEFORE_DECISION
               and evaluate("decision_deadline", filed_on=case.filed_on)["deadline"] < today]
    assert overdue, "no demo case waits past its decision period"
    red = set(CaseWarning.objects.filter(cleared_at=None, colour="red", kind="deadline", stage="decision")
              .values_list("case_id", flat=True))
    extended = set(CaseSideProcedure.objects.filter(kind="extension", status="approved").values_list("case_id", flat=True))
    assert red & {case.pk for case in overdue} and {case.pk for case in overdue} - extended <= red
    assert "hearing" in places.values()
    assert CaseRemedy.objects.filter(concluded_on=None).exists()


def test_demo_cases_cover_every_stage_through_the_services(demo_city):
    check_plan_is_deterministic()
    objects_before = set(InspectedObject.objects.values_list("pk", flat=True))
    output = run()
    cases = list(Case.objects.select_related("process"))
    assert len(cases) == COUNT and f"已生成演示案件 {COUNT} 件" in output
    assert sorted({demo_number(case.source_note) for case in cases}) == list(range(1, COUNT + 1))
    assert {place_of(case) for case in cases} == set(TARGET_WEIGHTS)

    # Parties are records of the objects library, never copies; the library did not grow.
    assert set(InspectedObject.objects.values_list("pk", flat=True)) == objects_before
    assert set(CaseParty.objects.values_list("inspected_object_id", flat=True)) <= objects_before
    assert all(case.parties.count() == 1 and case.officers.count() == 2 for case in cases)

    # Written by the services: each case has its audit row; general cases run on the engine with a timeline.
    audited = set(AuditEntry.objects.filter(object_type="cases.case", action="create").values_list("object_id", flat=True))
    assert {str(case.pk) for case in cases} <= audited
    for case in cases:
        if case.procedure_type == "general":
            assert case.process is not None
            assert TimelineEvent.objects.filter(instance=case.process, action="start").exists()
        if place_of(case) not in ("filing", "registered"):
            assert case.number, case  # 立案 (or the on-the-spot decision) drew the number
    decided = [case for case in cases if place_of(case) == "decided"]
    assert decided and all(case.status == "decided" and case.decided_on <= timezone.localdate() for case in decided)
    assert AuditEntry.objects.filter(object_type="cases.case", message__startswith="简易程序当场作出").count() == len(decided)

    check_procedure_records(cases)

    check_overdue_and_warned(cases)

    # The demo accounts of the case unit find the open steps of these cases on their workbench, each todo
    # opening the step of a real case.
    item_type = ContentType.objects.get_for_model(WorkItem)
    case_items = {item.pk: item for item in WorkItem.objects.filter(instance__case__isnull=False, status="open")}
    for username in CASE_WORKERS:
        todos = list(Todo.objects.filter(assignee__username=username, done_at=None, source_type=item_type))
        assert {int(todo.source_id) for todo in todos} & set(case_items), username
        for todo in todos:
            item = case_items.get(int(todo.source_id))
            if item is not None:
                assert todo.url == item.get_absolute_url() and item.instance.case.pk, (username, todo.title)

    # A second run recognises every case it made: nothing is duplicated.
    counts = (Case.objects.count(), WorkItem.objects.count(), AuditEntry.objects.count())
    assert f"已有 {COUNT} 件" in run()
    assert (Case.objects.count(), WorkItem.objects.count(), AuditEntry.objects.count()) == counts


def test_command_needs_the_published_procedure(db):
    with pytest.raises(CommandError, match="demo-processes"):
        call_command("demo_cases", count=3, stdout=StringIO())
