"""Issue 11 acceptance, in a real browser: a 一般程序 case of 盐田区城管局 with a legal review, a collective
discussion and a hearing, from 案件来源登记 to 归档, each step done on the case page by the demo account that
holds it (officer_yantian, leader_yantian, squad_yantian, reviewer_yantian). The server's calendar moves on
between the steps as a real case's would (the hearing at least seven working days after its notice, the
payment after the decision was served), so every deadline is met on the day the law counts. At the end the
case page lists every document of the stages passed (each one a PDF), every deadline met with its article,
and the whole procedure in order with who did each step.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from tests.browser.case_steps import CaseDesk, register
from tests.cases.procedure_steps import hearing_day
from tests.ui.demo import build_small_demo
from zhifa.basedata.models import InspectedObject, Officer, Power
from zhifa.basedata.models.objects import ObjectKind
from zhifa.basedata.models.officers import CertificateStatus
from zhifa.basedata.models.powers import PowerKind
from zhifa.cases.models import Case, Hearing
from zhifa.org.demo.accounts import DEMO_ACCOUNTS
from zhifa.org.models import User

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
FINE = "20000"
#: The case takes about a month of calendar days; its officers' certificates must stay valid that long.
CERTIFICATE_DAYS = 45
#: The documents of the stages this case passes, as the 文书 tab names their kinds.
DOCUMENTS = (
    "filing_approval", "investigation_report", "legal_review_opinion", "collective_discussion", "punishment_notice",
    "hearing_right_notice", "hearing_notice", "hearing_record", "hearing_report", "punishment_decision",
    "service_receipt", "closing_approval",
)
#: Each deadline of the 期限 tab and the article it must cite.
DEADLINES = {
    "当事人要求听证的期限": "行政处罚法第64条第1项",
    "最早听证日期": "行政处罚法第64条第2项",
    "作出行政处罚决定的期限": "行政处罚法第60条",
    "送达行政处罚决定书的期限": "行政处罚法第61条",
    "缴纳罚款的期限": "行政处罚法第67条第3款",
}
#: The steps of the procedure in order, and the demo account that holds each.
ROUTE = (
    ("立案审批", "leader_yantian"), ("调查取证", "officer_yantian"), ("调查终结报告", "officer_yantian"),
    ("案件审核", "squad_yantian"), ("法制审核", "reviewer_yantian"), ("集体讨论", "leader_yantian"),
    ("行政处罚告知", "officer_yantian"), ("听证", "reviewer_yantian"), ("处罚决定", "leader_yantian"),
    ("送达", "officer_yantian"), ("执行", "officer_yantian"), ("结案审批", "leader_yantian"), ("归档", "officer_yantian"),
)
PHOTO = {"name": "现场照片.png", "mimeType": "image/png", "buffer": bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")}


@pytest.fixture
def city(live_server, transactional_db, settings, tmp_path):
    """The small demo city with its laws, the shipped procedures published and the document templates loaded."""
    settings.DATA_DIR = tmp_path
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    build_small_demo(tmp_path)
    call_command("demo_processes", stdout=StringIO())
    call_command("documents", "sync", stdout=StringIO())
    return {user.username: user for user in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}


def case_material(city) -> dict:
    """What the officer picks on the forms: a company of the objects library, a penalty power citing the article
    violated and the one punishing it, a second officer with a valid certificate, the hearing's presiding officer."""
    officer, reviewer = city["officer_yantian"], city["reviewer_yantian"]
    today = timezone.localdate()
    company = (InspectedObject.objects.restrict(officer, "view")
               .filter(kind=ObjectKind.ENTERPRISE).exclude(registered_address="").order_by("pk").first())
    power = (Power.objects.restrict(officer, "view").filter(kind=PowerKind.PENALTY, is_active=True)
             .annotate(penalty=Count("basis", filter=Q(basis__chapter__contains="罚则")), cited=Count("basis"))
             .filter(penalty=1, cited=2).order_by("pk").first())
    valid = Officer.objects.filter(status=CertificateStatus.ACTIVE, issued_on__lte=today,
                                   expires_on__gte=today + dt.timedelta(days=CERTIFICATE_DAYS))
    lead = valid.get(user=officer)
    assistant = (valid.filter(user__unit=officer.unit).exclude(user__in=[officer, reviewer])
                 .select_related("user").order_by("pk").first())
    presiding = valid.select_related("user").get(user=reviewer)
    assert company and power and assistant, "the small demo city lacks a company, a power or a second officer"
    return {"company": company, "power": power, "lead": lead, "assistant": assistant, "presiding": presiding}


def test_general_procedure_from_registration_to_archive(live_server, page, sign_in, city):
    material = case_material(city)
    company, power, presiding = material["company"], material["power"], material["presiding"]
    officer_name = city["officer_yantian"].display_name
    try:
        with time_machine.travel(timezone.now(), tick=True) as clock:
            desk = CaseDesk(page=page, live_server=live_server, sign_in=sign_in, accounts=city, clock=clock)
            walk_the_procedure(desk, material, officer_name, city)
            check_the_case_page(desk)
    except Exception:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "case_general_procedure_failure.png"), full_page=True)
        raise
    case = Case.objects.get(power=power)
    assert case.status == "closed" and case.process.status == "completed"
    assert [p.inspected_object for p in case.parties.all()] == [company]
    assert Hearing.objects.get(case=case).presiding_officer == presiding


def walk_the_procedure(desk: CaseDesk, material: dict, officer_name: str, city: dict) -> None:
    """Every step of the case, each on its day, as the account that holds it."""
    company, power = material["company"], material["power"]
    # Day 0: the officer registers the case (party from the library, two certified officers); the leader files it.
    desk.act_as("officer_yantian")
    register(desk, {
        "procedure_type": "general", "source": "inspection", "source_note": "日常巡查发现",
        "cause": power.name, "facts": f"{company.name}在店门外人行道上摆放货架占道经营。",
        "lead": str(material["lead"].pk), "assistants": [str(material["assistant"].pk)], "fine_amount": FINE,
        "requires_legal_review": True, "requires_collective_discussion": True,
    }, party=company.name)
    desk.act_as("leader_yantian")
    desk.approve("同意立案")
    desk.act_as("officer_yantian")
    desk.issue("filing_approval")

    # 调查取证: the 案由 from the power list, the facts, then evidence with its photo.
    today = desk.next_day()
    desk.act_as("officer_yantian")
    desk.action("编辑案件信息", {
        "power": str(power.pk), "facts": f"{company.name}于{today - dt.timedelta(days=3):%Y年%m月%d日}起在店门外人行道"
                                         "摆放货架经营，占用人行道约六平方米，经责令仍未改正。",
        "act_on": today - dt.timedelta(days=3), "fine_amount": FINE, "amount_involved": "0",
    })
    desk.action("添加证据", {"name": "现场检查笔录及照片", "kind": "inspection", "collected_on": today,
                          "collected_by": str(material["lead"].pk), "note": "当事人占道经营的事实", "uploaded_file": PHOTO})
    desk.approve("调查取证完毕")
    desk.next_day()
    desk.act_as("officer_yantian")
    desk.approve("调查终结，建议罚款二万元")
    desk.issue("investigation_report")

    # 案件审核, 法制审核, 集体讨论.
    desk.next_day()
    desk.act_as("squad_yantian")
    desk.approve("事实清楚，同意")
    desk.next_day()
    desk.act_as("reviewer_yantian")
    desk.approve("主体合法，事实清楚，证据确凿，适用依据正确，程序合法，同意")
    desk.issue("legal_review_opinion")
    desk.next_day()
    desk.act_as("leader_yantian")
    desk.approve("经集体讨论，同意给予罚款二万元的处罚")
    desk.act_as("officer_yantian")
    desk.issue("collective_discussion")

    # 行政处罚告知 with the hearing right; the party asks for a hearing the next day.
    notified = desk.next_day()
    desk.act_as("officer_yantian")
    desk.action("送达告知书", {"served_on": notified})
    desk.issue("punishment_notice")
    desk.issue("hearing_right_notice")
    asked = desk.next_day()
    desk.act_as("officer_yantian")
    desk.action("申请听证", {"requested_on": asked})
    desk.approve("当事人已申请听证")
    held = hearing_day(asked)
    desk.action("安排听证", {"presiding_officer": str(material["presiding"].pk), "notice_served_on": asked,
                          "scheduled_on": held, "place": "盐田区城管局第一听证室"})
    desk.issue("hearing_notice")

    # The hearing is held on its day, recorded and reported; the presiding reviewer closes the 听证 step.
    desk.travel_to(held)
    desk.act_as("officer_yantian")
    presiding_name = material["presiding"].user.display_name
    clerk = city["unitadmin_yantian"].display_name
    desk.action("听证笔录", {"held_on": held, "entries": "\n".join((
        f"主持人｜{presiding_name}｜现在开始听证，请调查人员陈述违法事实、证据和处罚建议。",
        f"调查人员｜{officer_name}｜当事人占用人行道摆放货架经营，经责令仍未改正，拟罚款二万元。",
        f"当事人｜{company.name}｜对事实无异议，已经清理，请求从轻处罚。",
        f"书记员｜{clerk}｜笔录已交当事人核对无误。",
    ))})
    desk.issue("hearing_record")
    desk.action("听证报告", {"conclusion": "违法事实清楚，证据确凿，当事人对事实无异议。",
                          "suggestion": "建议维持拟作出的处罚。"})
    desk.issue("hearing_report")
    desk.act_as("reviewer_yantian")
    desk.approve("听证已举行并报告")

    # 处罚决定 (the leader approves what the officer recorded), 送达, payment in full, 结案, 归档.
    desk.next_day()
    desk.act_as("officer_yantian")
    desk.action("作出决定", {"kind": "penalty", "fine_amount": FINE})
    desk.act_as("leader_yantian")
    desk.approve("同意处罚二万元")
    desk.act_as("officer_yantian")
    desk.issue("punishment_decision")
    desk.next_day()
    desk.act_as("officer_yantian")
    desk.issue("service_receipt")
    desk.approve("决定书已直接送达当事人")
    paid = desk.next_day(3)
    desk.act_as("officer_yantian")
    desk.action("登记缴款", {"paid_on": paid, "amount": FINE, "receipt_number": "YT2026-000123"},
                done="缴款已登记")
    desk.approve("罚款已全部缴纳")
    desk.next_day()
    desk.act_as("leader_yantian")
    desk.approve("执行完毕，同意结案")
    desk.act_as("officer_yantian")
    desk.issue("closing_approval")
    desk.approve("已归档")


def check_the_case_page(desk: CaseDesk) -> None:
    """Every document (each a PDF), every deadline met with its article, the whole route with who did it."""
    desk.act_as("officer_yantian")
    issued = desk.issued_documents()
    missing = [kind for kind in DOCUMENTS if not issued.get(kind)]
    assert not missing, f"documents not issued: {missing}"
    for kind in DOCUMENTS:
        for href in issued[kind]:
            response = desk.page.request.get(desk.live_server.url + href)
            assert response.status == 200 and response.headers["content-type"] == "application/pdf", (kind, href)

    rows = desk.tab_text("deadlines", "deadlines-table").splitlines()[1:]
    for label, article in DEADLINES.items():
        row = next((line for line in rows if label in line), "")
        assert "按期完成" in row and article in row, (label, row)
    assert not [line for line in rows if line.strip() and "按期完成" not in line], rows

    lines = desk.timeline()
    approvals = [line for line in lines if "通过「" in line]
    names = {username: desk.accounts[username].display_name for _, username in ROUTE}
    assert len(approvals) == len(ROUTE), approvals
    for line, (step, username) in zip(approvals, ROUTE):
        assert f"通过「{step}」" in line and names[username] in line, (step, username, line)
