"""Disclosure clocks and periods, identifier checks and masking (公示规定, 三项制度, GB 11643, GB 32100, masking)."""

import datetime as dt

import pytest

from tests.legal.conftest import CAL, TODAY
from zhifa.legal.basis import Citation
from zhifa.legal.engine import Rules
from zhifa.legal.thresholds import BUILTIN, ThresholdTable, ThresholdValue


def warned(answer, text):
    return any(text in w for w in answer["warnings"])


# --- disclosure_deadline: 118号 7 working days (许可/处罚), 20 (other); SAMR 第9条 20 working days ------------


def test_disclosure_deadline_punishment(ev):
    # 9/29: 9/30 (1), 10/8 (2), 10/9 (3), 10/10 调休 (4), 10/12 (5), 10/13 (6), 10/14 (7).
    assert ev("disclosure_deadline", decided_on="2026-09-29", kind="punishment")["deadline"] == "2026-10-14"
    assert ev("disclosure_deadline", decided_on="2026-09-29", kind="permit")["deadline"] == "2026-10-14"


def test_disclosure_deadline_other_and_market_regulation(ev):
    # 20 working days from 9/29: … 10/14 (7), 10/15–10/16, 10/19–10/23, 10/26–10/30, 11/2 (20).
    assert ev("disclosure_deadline", decided_on="2026-09-29", kind="other")["deadline"] == "2026-11-02"
    market = ev("disclosure_deadline", decided_on="2026-09-29", kind="punishment", sector="market_regulation")
    assert market["deadline"] == "2026-10-14"
    assert warned(market, "2026年11月2日前通过国家企业信用信息公示系统公示")


# --- disclosure_withdrawal_deadline: 第48条, three working days -----------------------------------------


@pytest.mark.parametrize(
    "revoked_on, deadline",
    [("2026-04-30", "2026-05-08"), ("2026-02-13", "2026-02-25"), ("2026-10-09", "2026-10-13")],
)
def test_disclosure_withdrawal(ev, revoked_on, deadline):
    # 4/30: 5/6, 5/7, 5/8. 2/13: 2/14 (调休), 2/24, 2/25. 10/9: 10/10 (调休), 10/12, 10/13.
    assert ev("disclosure_withdrawal_deadline", revoked_on=revoked_on)["deadline"] == deadline


# --- disclosure_period: SAMR 第2条 and 第13条; minors not published -------------------------------------------


def test_disclosure_period_not_published(ev):
    warning_only = ev("disclosure_period", penalty_kinds=["warning"], sector="market_regulation", party_is_minor=False)
    assert (warning_only["publish"], warning_only["stop_after_on"]) == (False, None)
    minor = ev("disclosure_period", penalty_kinds=["fine"], fine_amount=100, party_is_minor=True, published_on="2026-03-31")
    assert minor["publish"] is False and warned(minor, "未成年人")


def test_disclosure_period_market_regulation(ev):
    # No provincial “较低数额罚款” configured → other information: 3 years → 2029-03-31.
    fine = ev("disclosure_period", penalty_kinds=["fine"], fine_amount=5000, sector="market_regulation",
              party_is_minor=False, published_on="2026-03-31")
    assert (fine["publish"], fine["stop_after_on"]) == (True, "2029-03-31")
    assert warned(fine, "较低数额罚款")
    # 通报批评 only: 3 months; 11/30 + 3 months has no 2/30 → 2027-02-28 (民法典第202条).
    criticism = ev("disclosure_period", penalty_kinds=["circulate_criticism"], sector="market_regulation",
                   party_is_minor=False, published_on="2026-11-30")
    assert criticism["stop_after_on"] == "2027-02-28"
    # Without the publication date the period cannot end on a date.
    unknown = ev("disclosure_period", penalty_kinds=["revoke_license"], sector="market_regulation", party_is_minor=False)
    assert (unknown["publish"], unknown["stop_after_on"]) == (True, None) and warned(unknown, "36个月")


def test_disclosure_period_general_is_configured_default(ev):
    answer = ev("disclosure_period", penalty_kinds=["warning"], party_is_minor=False, published_on="2026-03-31")
    assert (answer["publish"], answer["stop_after_on"]) == (True, "2026-06-30")
    assert warned(answer, "未经核实")


@pytest.mark.parametrize("amount, stop", [(9999, "2026-06-30"), (10000, "2026-06-30"), (10001, "2029-03-31")])
def test_disclosure_period_lower_fine_threshold(amount, stop):
    # A province sets “较低数额罚款” at 10,000 yuan: ≤ 10,000 → 3 months, above → 3 years (SAMR 第13条).
    record = ThresholdValue(
        "disclosure.lower_fine_max", 10000, dt.date(2022, 1, 1), region="", sector="market_regulation",
        basis=Citation("某省市场监督管理局规定", "第3条", "较低数额罚款是指一万元以下罚款"),
    )
    rules = Rules(CAL, ThresholdTable(BUILTIN + (record,)))
    answer = rules.evaluate(
        "disclosure_period",
        {"penalty_kinds": ["fine"], "fine_amount": amount, "sector": "market_regulation", "party_is_minor": False,
         "published_on": "2026-03-31"},
        today=TODAY,
    ).as_json()
    assert answer["stop_after_on"] == stop
    assert {"law": "某省市场监督管理局规定", "article": "第3条", "text": "较低数额罚款是指一万元以下罚款"} in answer["basis"]


# --- id_number: GB 11643 (ISO 7064 MOD 11-2 worked examples) -------------------------------------------------


@pytest.mark.parametrize(
    "value, valid, reason",
    [
        ("11010519491231002X", True, "均正确"),  # S = 167, 167 mod 11 = 2 → X
        ("440524188001010014", True, "均正确"),  # S = 195, 195 mod 11 = 8 → 4
        ("110105194912310021", False, "应为X"),
        ("440524188001010015", False, "应为4"),
        ("110105194902300012", False, "出生日期不存在"),  # 1949-02-30
        ("11010519491231002", False, "长度"),
        ("1101051949123100AX", False, "前17位"),
        ("110105491231002", True, "15位"),  # legacy number, birth 1949-12-31
        ("110105490230002", False, "出生日期不存在"),
        ("110105209901010010", False, "晚于今天"),  # born 2099
    ],
)
def test_id_number(ev, value, valid, reason):
    answer = ev("id_number", value=value)
    assert answer["valid"] is valid
    assert reason in answer["reason"]


def test_id_number_lower_case_x(ev):
    answer = ev("id_number", value="11010519491231002x")
    assert answer["valid"] is True and warned(answer, "小写x")


# --- credit_code: GB 32100 (ISO 7064 MOD 31-3 worked examples) -----------------------------------------------


@pytest.mark.parametrize(
    "value, valid, reason",
    [
        ("91310110666007217T", True, "均正确"),  # Σ = 966, 31 − 5 = 26 → T
        ("91110000MA01A7RH2R", True, "均正确"),  # Σ = 1835, 31 − 6 = 25 → R
        ("91310110666007217U", False, "应为T"),
        ("91310110666OO7217T", False, "字符集"),  # O is not used
        ("91350211M00013FA1N", False, "应为3"),  # Σ = 1237, 31 − 28 = 3
        ("9131011066600721", False, "长度"),
        ("91ABCDEF666007217T", False, "第3至8位"),
    ],
)
def test_credit_code(ev, value, valid, reason):
    answer = ev("credit_code", value=value)
    assert answer["valid"] is valid
    assert reason in answer["reason"]


def test_credit_code_normalises_case_and_spaces(ev):
    assert ev("credit_code", value=" 91310110666007217t ")["valid"] is True


# --- mask: the standard profile (浙江省暂行办法第7条 fields) ---------------------------------------------------------------

DECISION = (
    "当事人：张三，男，身份证号码：11010519491231002X，住址：广东省深圳市盐田区沙头角街道海景路1号，"
    "联系电话：13800138000，电子邮箱：zhangsan@example.com。证人：李四。受害人：欧阳娜娜。"
    "经查，当事人驾驶粤B12345号车辆，银行账号：6222021234567890123。李四证实上述事实。"
    "被处罚单位统一社会信用代码 91310110666007217T。"
)


def test_mask_standard_profile(ev):
    text = ev("mask", text=DECISION, profile="standard")["text"]
    assert "当事人：张三" in text  # the punished natural person's name is kept (浙江 rule)
    for secret in ("11010519491231002X", "海景路", "13800138000", "zhangsan@example.com", "粤B12345",
                   "6222021234567890123", "李四", "欧阳娜娜"):
        assert secret not in text
    assert "住址：广东省深圳市盐田区***" in text  # county-level area kept
    assert "证人：李某" in text and "李某证实" in text and "受害人：欧阳某" in text
    assert "91310110666007217T" in text  # a legal person's credit code stays


def test_mask_anonymize_profile(ev):
    answer = ev("mask", text=DECISION, profile="anonymize")
    assert "当事人：张某" in answer["text"] and "张三" not in answer["text"]
    assert warned(answer, "人工复核")


def test_mask_keeps_company_party_and_uses_configured_profile(ev):
    answer = ev("mask", text="当事人：深圳市某某贸易有限公司，住所：深圳市福田区园岭街道1号。")
    assert answer["text"] == "当事人：深圳市某某贸易有限公司，住所：深圳市福田区园岭街道1号。"
