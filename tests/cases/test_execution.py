"""Execution of a decision: service, payments with 加处罚款 and its cap, deferral and instalments approved by a
leader, 催告, the court window, 终结执行, confiscated goods, and 结案 waiting for all of it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.cases.execution_fixtures import DECIDED_ON, decided_case, executing  # noqa: F401
from tests.workflow.conftest import the_item
from zhifa.cases.links import case_page_url
from zhifa.cases.execution_ledger import ledger
from zhifa.cases.models import (
    CaseExecution,
    CasePayment,
    ConfiscatedItem,
    ExecutionReminder,
    PaymentArrangement,
)
from zhifa.cases.page import actions_for
from zhifa.cases.services import case_register
from zhifa.cases.services import execution as services
from zhifa.core.models import AuditEntry
from zhifa.legal import evaluate
from zhifa.workflow import guards
from zhifa.workflow import services as flow
from zhifa.workflow.models import ProcessState, WorkItem

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 3, 17)  # 15 days after 3 March, a Tuesday (行政处罚法第67条)
ARTICLE = "（依据：中华人民共和国{}{}："


def served(agency, fine=Decimal("200"), party="citizen"):
    case = decided_case(agency, fine=fine, party=party)
    services.execution_open(case=case, actor=agency["officer"], served_on=DECIDED_ON)
    case.refresh_from_db()
    return case


def pay(agency, case, day, amount, receipt):
    return services.payment_register(case=case, actor=agency["officer"], paid_on=day, amount=Decimal(amount),
                                     receipt_number=receipt)


def test_service_starts_execution_with_the_legal_payment_deadline(executing):
    agency = executing
    case = served(agency)
    execution = case.execution
    assert execution.due_on == DUE == evaluate("payment_deadline", received_on=DECIDED_ON)["deadline"]
    assert (execution.status, execution.fine_amount) == ("pending", Decimal("200.00"))
    assert AuditEntry.objects.filter(object_type="cases.caseexecution", action="create").count() == 1
    assert services.execution_open_refusal(case=case, actor=agency["officer"]) == "已登记决定书送达（2026-03-02），执行已开始"


def test_service_refused_before_decision_and_before_the_decision_date(executing):
    agency = executing
    undecided = case_register(unit=agency["unit"], actor=agency["officer"], procedure_type="simple", source="clue",
                              cause="占道经营", parties=[agency["citizen"]], lead=agency["certificates"]["officer"])
    with pytest.raises(ValidationError, match="该案件尚未作出处罚决定"):
        services.execution_open(case=undecided, actor=agency["officer"], served_on=DECIDED_ON)
    case = decided_case(agency)
    with pytest.raises(ValidationError) as caught:
        services.execution_open(case=case, actor=agency["officer"], served_on=DECIDED_ON - dt.timedelta(days=1))
    assert caught.value.message_dict == {"served_on": ["送达日期不能早于决定日期（2026-03-02）"]}
    assert not CaseExecution.objects.exists()


def test_payments_partial_then_surcharge_then_complete(executing):
    agency = executing
    case = served(agency)
    pay(agency, case, DUE, "100", "P001")  # on time: half the fine
    execution = CaseExecution.objects.get(case=case)
    assert execution.status == "partial"
    late = DUE + dt.timedelta(days=10)  # the other half ten days late: 100 × 3% × 10
    pay(agency, case, late, "100", "P002")
    money = services.ledger_of(CaseExecution.objects.get(case=case), late)
    assert (money.surcharge, money.outstanding) == (Decimal("30.00"), Decimal("30.00"))
    assert CaseExecution.objects.get(case=case).status == "partial"
    pay(agency, case, late, "30", "P003")
    assert CaseExecution.objects.get(case=case).status == "complete"
    assert services.payment_refusal(case=case, actor=agency["officer"]) == "该案件执行状态为“执行完毕”，不能再办理"


def test_overpayment_and_a_used_receipt_are_refused_and_nothing_is_written(executing):
    agency = executing
    case = served(agency)
    pay(agency, case, DUE, "50", "P001")
    before = (CasePayment.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        pay(agency, case, DUE, "150.01", "P002")
    assert caught.value.message_dict["amount"] == [
        "缴款金额超过尚欠金额 150.00 元（罚款 200.00 元，加处罚款 0.00 元，已缴 50.00 元）"]
    with pytest.raises(ValidationError) as caught:
        pay(agency, case, DUE, "10", "P001")
    assert caught.value.message_dict["receipt_number"] == ["票据号码“P001”已登记过"]
    assert (CasePayment.objects.count(), AuditEntry.objects.count()) == before


def test_surcharge_is_capped_at_the_fine(executing):
    agency = executing
    case = served(agency)
    money = ledger(CaseExecution.objects.get(case=case), as_of=DUE + dt.timedelta(days=60))
    assert money.surcharge == money.fine == Decimal("200.00")
    assert any("第45条" in warning for warning in money.warnings)
    assert {(c.law, c.article) for c in money.basis} >= {("中华人民共和国行政强制法", "第45条")}


def test_remedy_days_are_not_counted_for_the_surcharge(executing):
    from zhifa.cases.services.remedies import remedy_conclude, remedy_register

    agency = executing
    case = served(agency)
    remedy_register(case=case, actor=agency["reviewer"], kind="reconsideration", applied_on=DUE + dt.timedelta(days=3),
                    organ="深圳市盐田区人民政府")
    remedy_conclude(case=case, actor=agency["reviewer"], concluded_on=DUE + dt.timedelta(days=8), outcome="upheld")
    money = ledger(CaseExecution.objects.get(case=case), as_of=DUE + dt.timedelta(days=10))
    assert money.surcharge == Decimal("200") * Decimal("0.03") * 4  # 10 days late, 6 of them under 复议


def test_deferral_is_approved_by_a_leader_not_by_the_officer(executing):
    agency = executing
    case = served(agency)
    arrangement = services.arrangement_apply(
        case=case, actor=agency["officer"], kind="deferral", applied_on=dt.date(2026, 3, 10),
        reason="经营困难，申请延期一个月", deferred_to=dt.date(2026, 4, 17),
    )
    assert (arrangement.amount, arrangement.status) == (Decimal("200.00"), "submitted")
    assert services.arrangement_decision_refusal(case=case, actor=agency["officer"]) == "您没有审批该案件延期（分期）缴纳的权限"
    offered = {o.action.key: o.refusal for o in actions_for(case, agency["officer"])}
    assert offered["arrangement_decide"] == "您没有审批该案件延期（分期）缴纳的权限"
    assert offered["arrangement_apply"] == "已有待审批的延期缴纳申请"
    with pytest.raises(ValidationError, match="审批该案件延期"):
        services.arrangement_decide(case=case, actor=agency["officer"], approve=True, opinion="同意")
    services.arrangement_decide(case=case, actor=agency["leader"], approve=True, opinion="同意延期至4月17日",
                                decided_on=dt.date(2026, 3, 11))
    arrangement.refresh_from_db()
    assert (arrangement.status, arrangement.decided_by) == ("approved", agency["leader"])
    money = ledger(CaseExecution.objects.get(case=case), as_of=dt.date(2026, 4, 17))
    assert (money.surcharge, money.next_due_on) == (Decimal("0.00"), dt.date(2026, 4, 17))
    assert services.arrangement_refusal(case=case, actor=agency["officer"]) == "已批准延期缴纳，不能再次申请"


def test_instalments_must_add_up_and_each_counts_from_its_own_date(executing):
    agency = executing
    case = served(agency, fine=Decimal("3000"), party="company")
    plan = [(dt.date(2026, 4, 15), Decimal("1000")), (dt.date(2026, 5, 15), Decimal("1000"))]
    with pytest.raises(ValidationError) as caught:
        services.arrangement_apply(case=case, actor=agency["officer"], kind="instalment", applied_on=dt.date(2026, 3, 10),
                                   reason="资金周转困难", instalments=plan)
    assert caught.value.message_dict["instalments"] == ["各期金额合计 2000 元，应等于尚未缴纳的罚款 3000.00 元"]
    assert not PaymentArrangement.objects.exists()
    plan.append((dt.date(2026, 6, 15), Decimal("1000")))
    services.arrangement_apply(case=case, actor=agency["officer"], kind="instalment", applied_on=dt.date(2026, 3, 10),
                               reason="资金周转困难", instalments=plan)
    services.arrangement_decide(case=case, actor=agency["leader"], approve=True, opinion="同意分三期",
                                decided_on=dt.date(2026, 3, 12))
    pay(agency, case, dt.date(2026, 4, 15), "1000", "I1")
    money = ledger(CaseExecution.objects.get(case=case), as_of=dt.date(2026, 5, 25))
    # only the second instalment is late: 1000 × 3% × 10 days
    assert (money.surcharge, money.next_due_on) == (Decimal("300.00"), dt.date(2026, 5, 15))


def test_reminder_only_after_the_deadline_passed(executing):
    agency = executing
    case = served(agency)
    refusal = services.reminder_refusal(case=case, actor=agency["officer"], on=DUE)
    assert refusal.startswith("缴款期限（2026-03-17）尚未届满") and ARTICLE.format("行政处罚法", "第66条") in refusal
    with pytest.raises(ValidationError):
        services.reminder_issue(case=case, actor=agency["officer"], served_on=DUE, content="催告")
    reminder = services.reminder_issue(case=case, actor=agency["officer"], served_on=DUE + dt.timedelta(days=1),
                                       content=services.reminder_text(case.execution))
    assert "陈述和申辩" in reminder.content and ExecutionReminder.objects.count() == 1


def test_court_application_needs_a_reminder_and_the_legal_window(executing):
    agency = executing
    case = served(agency)
    refusal = services.court_application_refusal(case=case, actor=agency["officer"])
    assert refusal.startswith("申请人民法院强制执行前应当书面催告") and ARTICLE.format("行政强制法", "第54条") in refusal
    services.reminder_issue(case=case, actor=agency["officer"], served_on=dt.date(2026, 4, 1), content="催告缴纳罚款")
    window = evaluate("court_application_window", decision_known_on=DECIDED_ON, demand_served_on=dt.date(2026, 4, 1))
    early = window["earliest"] - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.court_apply(case=case, actor=agency["officer"], applied_on=early, court_name="盐田区人民法院")
    assert f"最早 {window['earliest']} 方可申请" in caught.value.messages[0]
    assert ARTICLE.format("行政强制法", "第54条") in caught.value.messages[0]
    late = window["latest"] + dt.timedelta(days=1)
    assert f"最晚 {window['latest']}" in services.court_application_refusal(case=case, actor=agency["officer"],
                                                                              applied_on=late)
    assert CaseExecution.objects.get(case=case).status == "pending"
    execution = services.court_apply(case=case, actor=agency["officer"], applied_on=window["earliest"],
                                     court_name="盐田区人民法院")
    assert (execution.status, execution.court_applied_on) == ("court", window["earliest"])
    assert services.closing_refusal(case).citation.article == "第72条第1款第4项"


def test_confiscated_goods_are_noted_after_the_decision(executing):
    agency = executing
    undecided = case_register(unit=agency["unit"], actor=agency["officer"], procedure_type="simple", source="clue",
                              cause="占道经营", parties=[agency["citizen"]], lead=agency["certificates"]["officer"])
    assert services.confiscated_refusal(case=undecided, actor=agency["officer"]) == "该案件尚未作出处罚决定"
    case = decided_case(agency)
    with pytest.raises(ValidationError) as caught:
        services.confiscated_item_add(case=case, actor=agency["officer"], name="", quantity=Decimal("0"), unit_name="")
    assert set(caught.value.message_dict) == {"name", "quantity", "unit_name"}
    item = services.confiscated_item_add(case=case, actor=agency["officer"], name="水果摊车", quantity=Decimal("1"),
                                         unit_name="辆", note="暂存于执法队仓库")
    assert str(item) == "水果摊车 1辆" and ConfiscatedItem.objects.filter(case=case).count() == 1


def test_another_districts_officer_may_do_nothing(executing):
    agency = executing
    case = served(agency)
    outsider = agency["outsider"]
    assert services.payment_refusal(case=case, actor=outsider) == "您没有登记该案件缴款的权限"
    with pytest.raises(ValidationError):
        pay({"officer": outsider}, case, DUE, "200", "X1")
    assert not CasePayment.objects.exists()


# --- 结案 waits for execution (the guard on the engine's closing stage) --------------------------------


def _approve(agency, instance, who):
    flow.approve(item=the_item(instance, agency[who]), actor=agency[who], opinion="同意")


def _snapshot(instance):
    instance.refresh_from_db()
    return (ProcessState.objects.get(pk=instance.pk).data, instance.variables,
            list(WorkItem.objects.values_list("status", flat=True).order_by("id")), AuditEntry.objects.count())


def test_closing_refused_until_the_fine_is_paid_then_allowed(executing, general_procedure):
    agency = executing
    case = case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="general", source="inspection",
        cause="未按规定设置油烟净化设施", parties=[agency["company"]], lead=agency["certificates"]["officer"],
        assistants=[agency["certificates"]["officer2"]], fine_amount=20000,
    )
    instance = case.process
    for who in ("leader", "officer", "officer", "squad", "officer", "leader", "officer"):
        _approve(agency, instance, who)
    execution = CaseExecution.objects.get(case=case)  # 送达 started it today
    assert (execution.served_on, execution.fine_amount) == (timezone.localdate(), Decimal("20000.00"))
    _approve(agency, instance, "officer")  # 执行 step done, but nothing paid
    before = _snapshot(instance)
    with pytest.raises(guards.GuardRefused) as caught:
        _approve(agency, instance, "leader")
    assert caught.value.messages[0].startswith("罚款尚未缴清（尚欠 20000.00 元）")
    assert ARTICLE.format("行政处罚法", "第66条") in caught.value.messages[0]
    assert _snapshot(instance) == before
    pay(agency, case, timezone.localdate(), "20000", "B-0001")
    _approve(agency, instance, "leader")
    case.refresh_from_db()
    assert case.status == "closed"


def test_ended_execution_allows_closing(executing):
    agency = executing
    case = served(agency)
    # long past its deadline: the fine plus 加处罚款 at its cap (行政强制法第45条)
    assert services.closing_refusal(case).message == "罚款尚未缴清（尚欠 400.00 元），执行未完毕，不能结案"
    services.execution_end(case=case, actor=agency["officer"], ended_on=dt.date(2026, 6, 1),
                           reason="当事人死亡，无遗产可供执行，又无义务承受人")
    assert services.closing_refusal(case) is None
    assert CaseExecution.objects.get(case=case).status == "ended"


# --- the action pages ---------------------------------------------------------------------------------


def test_payment_page_saves_through_the_service_and_keeps_bad_input(executing, client):
    agency = executing
    case = served(agency)
    client.force_login(agency["officer"])
    url = reverse("cases:payment_register", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200 and "缴款金额（元）" in page.content.decode()
    response = client.post(url, {"paid_on": "2026-03-10", "amount": "500", "receipt_number": "P9"})
    assert response.status_code == 400
    assert "缴款金额超过尚欠金额 200.00 元" in response.content.decode() and not CasePayment.objects.exists()
    response = client.post(url, {"paid_on": "2026-03-10", "amount": "200", "receipt_number": "P9"})
    assert response.status_code == 302 and response.url == case_page_url(case)
    assert CaseExecution.objects.get(case=case).status == "complete"
    overview = client.get(response.url).content.decode()
    assert "执行完毕" in overview and "P9" in overview


def test_pages_show_the_refusal_and_hide_other_districts(executing, client):
    agency = executing
    case = served(agency)
    client.force_login(agency["officer"])
    page = client.get(reverse("cases:court_apply", args=[case.pk])).content.decode()
    assert "暂不能办理：申请人民法院强制执行前应当书面催告" in page and 'name="court_name"' not in page
    client.force_login(agency["outsider"])
    assert client.get(reverse("cases:payment_register", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:payment_register", args=[case.pk]),
                       {"paid_on": "2026-03-10", "amount": "200", "receipt_number": "X"}).status_code == 404
    assert not CasePayment.objects.exists()


def test_every_action_form_saves_through_its_service(executing, client):
    agency = executing
    case = decided_case(agency, fine=Decimal("3000"), party="company")

    def post(who, name, data):
        client.force_login(agency[who])
        return client.post(reverse(f"cases:{name}", args=[case.pk]), data)

    assert post("officer", "execution_open", {"served_on": "2026-03-02"}).status_code == 302
    plan = {"kind": "instalment", "applied_on": "2026-03-10", "reason": "资金周转困难"}
    response = post("officer", "arrangement_apply", {**plan, "instalments": "2026-04-15"})
    assert response.status_code == 400 and "第1行应为“缴纳期限 金额”" in response.content.decode()
    lines = "2026-04-15 1000\n2026-05-15，1000\n2026-06-15 1000"
    assert post("officer", "arrangement_apply", {**plan, "instalments": lines}).status_code == 302
    assert post("leader", "arrangement_decide", {"decision": "approve", "opinion": "同意分三期"}).status_code == 302
    arrangement = PaymentArrangement.objects.get()
    assert arrangement.status == "approved" and arrangement.instalments.count() == 3
    client.force_login(agency["officer"])
    form = client.get(reverse("cases:reminder_issue", args=[case.pk])).context["form"]
    assert "尚欠" in form.initial["content"] and "陈述和申辩" in form.initial["content"]
    assert post("officer", "reminder_issue", {"served_on": "2026-07-01", "content": "请于十日内缴纳"}).status_code == 302
    assert post("officer", "confiscated_add", {"name": "油烟管道", "quantity": "2.5", "unit_name": "米"}).status_code == 302
    assert post("officer", "execution_end", {"ended_on": "2026-08-01", "reason": "当事人终止，无财产可供执行"}).status_code == 302
    execution = CaseExecution.objects.get(case=case)
    assert (execution.status, ExecutionReminder.objects.count(), ConfiscatedItem.objects.get().unit_name) == (
        "ended", 1, "米")
