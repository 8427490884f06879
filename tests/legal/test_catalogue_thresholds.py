"""The catalogue's contract, parameter errors in Chinese, and threshold resolution."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.legal.conftest import TODAY
from zhifa.legal import RuleError, all_rules
from zhifa.legal.basis import Citation
from zhifa.legal.catalogue import PENALTY_KINDS, SECTORS
from zhifa.legal.thresholds import BUILTIN, SPECS, ThresholdTable, ThresholdValue, normalize_region

D = dt.date
ISSUE_RULES = {
    "simple_procedure", "onsite_collection", "onsite_fine_handin", "hearing_right", "hearing_request_deadline",
    "hearing_notice", "legal_review_required", "collective_discussion_required", "decision_deadline",
    "service_deadline", "payment_deadline", "late_payment_surcharge", "limitation", "no_penalty", "minor_offender",
    "preservation_decision_deadline", "seizure_deadline", "freeze_deadlines", "enforcement_date_allowed",
    "court_application_window", "reconsideration_application_deadline", "reconsideration_decision_deadline",
    "litigation_deadline", "disclosure_deadline", "disclosure_withdrawal_deadline", "disclosure_period",
    "clue_verification_deadline", "id_number", "credit_code", "mask",
}


def test_catalogue_has_exactly_the_issue_rules():
    assert {r.id for r in all_rules()} == ISSUE_RULES


def test_enumerations_are_the_issue_enumerations():
    assert [v for v, _ in SECTORS] == [
        "general", "market_regulation", "public_security", "urban_management", "ecology_environment",
        "emergency_management", "transport",
    ]
    assert len(PENALTY_KINDS) == 14 and PENALTY_KINDS[-1][0] == "other"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_answers_its_results_with_a_basis(rules, rule):
    assert len({p.name for p in rule.params}) == len(rule.params)
    assert rule.basis and rule.examples
    answer = rules.evaluate(rule.id, rule.examples[0], today=TODAY).as_json()
    assert list(answer) == [r.name for r in rule.results] + ["basis", "warnings"]
    assert answer["basis"], "every answer names its legal basis"
    assert all(set(b) == {"law", "article", "text"} and b["law"] and b["article"] for b in answer["basis"])


@pytest.mark.parametrize(
    "rule_id, params, code, field, words",
    [
        ("no_such_rule", {}, "unknown_rule", "rule", "未知的规则"),
        ("", {}, "missing_parameter", "rule", "rule（规则编号）"),
        ("payment_deadline", {}, "missing_parameter", "received_on", "缺少参数 received_on（收到决定书日期）"),
        ("payment_deadline", {"received_on": "2026/01/31"}, "invalid_date", "received_on", "YYYY-MM-DD"),
        ("payment_deadline", {"received_on": "20260131"}, "invalid_date", "received_on", "YYYY-MM-DD"),
        ("payment_deadline", {"received_on": "2026-02-30"}, "invalid_date", "received_on", "不是存在的日期"),
        ("payment_deadline", {"received_on": "9999-12-31"}, "date_out_of_range", "received_on", "超出支持的日期范围"),
        ("payment_deadline", {"received_on": "2026-01-31", "extra": 1}, "unknown_parameter", "extra", "没有参数"),
        ("onsite_collection", {"fine_amount": -1, "hard_to_enforce_later": False, "remote_area_requested": False},
         "negative_amount", "fine_amount", "fine_amount（罚款金额）不能为负数"),
        ("onsite_collection", {"fine_amount": "abc", "hard_to_enforce_later": False, "remote_area_requested": False},
         "invalid_amount", "fine_amount", "金额"),
        ("onsite_collection", {"fine_amount": "1.005", "hard_to_enforce_later": False, "remote_area_requested": False},
         "invalid_amount", "fine_amount", "两位小数"),
        ("onsite_collection", {"fine_amount": True, "hard_to_enforce_later": False, "remote_area_requested": False},
         "invalid_amount", "fine_amount", "金额"),
        ("onsite_collection", {"fine_amount": 1, "hard_to_enforce_later": "maybe", "remote_area_requested": False},
         "invalid_boolean", "hard_to_enforce_later", "true 或 false"),
        ("hearing_right", {"party_type": "alien", "penalty_kinds": ["fine"], "fine_amount": 1},
         "invalid_choice", "party_type", "citizen|legal_person|other_org"),
        ("hearing_right", {"party_type": "citizen", "penalty_kinds": ["flogging"], "fine_amount": 1},
         "invalid_choice", "penalty_kinds", "第1项"),
        ("hearing_right", {"party_type": "citizen", "penalty_kinds": [], "fine_amount": 1},
         "invalid_list", "penalty_kinds", "至少选择一项"),
        ("hearing_right", {"party_type": "citizen", "penalty_kinds": ["fine"], "fine_amount": 1, "region": "GD"},
         "invalid_region", "region", "行政区划代码"),
        ("seizure_deadline", {"seized_on": "2026-01-01", "excluded_periods": [["2026-02-02", "2026-02-01"]]},
         "invalid_period", "excluded_periods", "早于开始日期"),
        ("seizure_deadline", {"seized_on": "2026-01-01", "excluded_periods": [["2026-02-02"]]},
         "invalid_period", "excluded_periods", "[开始日期, 结束日期]"),
        ("decision_deadline", {"filed_on": "2026-01-01", "extensions": [-3]}, "invalid_list", "extensions", "整数天数"),
        ("id_number", {"value": 11010519491231002}, "invalid_text", "value", "应为文本"),
    ],
)
def test_bad_input_gives_a_chinese_error_naming_the_parameter(rules, rule_id, params, code, field, words):
    with pytest.raises(RuleError) as raised:
        rules.evaluate(rule_id, params, today=TODAY)
    error = raised.value
    assert (error.code, error.field) == (code, field)
    assert words in error.message
    assert error.as_json() == {"code": code, "message": error.message, "field": field}


def test_string_forms_are_accepted_like_native_ones(ev):
    native = ev("decision_deadline", filed_on=D(2026, 1, 5), extensions=[30], excluded_periods=[(D(2026, 2, 2), D(2026, 2, 11))],
                sector="market_regulation")
    text = ev("decision_deadline", filed_on="2026-01-05", extensions="30",
              excluded_periods='[["2026-02-02", "2026-02-11"]]', sector="market_regulation")
    assert native == text
    assert ev("hearing_right", party_type="citizen", penalty_kinds="fine,warning", fine_amount="2000") == ev(
        "hearing_right", party_type="citizen", penalty_kinds=["fine", "warning"], fine_amount=Decimal("2000.00")
    )


# --- thresholds -----------------------------------------------------------------------------------------


def test_normalize_region():
    assert normalize_region("440000") == "44"
    assert normalize_region("440300") == "4403"
    assert normalize_region("440308") == "440308"
    assert normalize_region("440308001") == "440308001"


def test_threshold_versions_by_date():
    table = ThresholdTable()
    assert table.resolve("simple_procedure.citizen_max_fine", on=D(2021, 7, 14)).value == 50
    assert table.resolve("simple_procedure.citizen_max_fine", on=D(2021, 7, 15)).value == 200
    assert table.resolve("simple_procedure.citizen_max_fine", on=D(1990, 1, 1)).value == 50  # earliest record


def test_threshold_specificity_sector_then_region_then_date():
    basis = Citation("测试规定", "第1条", "测试")
    extra = (
        ThresholdValue("hearing.citizen_fine_min", 5000, D(2022, 1, 1), region="44", basis=basis),
        ThresholdValue("hearing.citizen_fine_min", 3000, D(2022, 1, 1), region="4403", basis=basis),
        ThresholdValue("hearing.citizen_fine_min", 8000, D(2027, 1, 1), region="4403", basis=basis),
        ThresholdValue("hearing.citizen_fine_min", 10000, D(2022, 1, 1), region="44", sector="market_regulation", basis=basis),
    )
    table = ThresholdTable(BUILTIN + extra)

    def value(region, sector="general", on=D(2026, 6, 1)):
        return table.resolve("hearing.citizen_fine_min", on=on, region=region, sector=sector).value

    assert value("") == 2000  # national default
    assert value("440100") == 5000  # 广州: province record
    assert value("440300") == 3000  # 深圳: longer prefix wins
    assert value("440300", on=D(2027, 1, 1)) == 8000  # later version in force
    assert value("440300", sector="market_regulation") == 10000  # sector record wins over region length
    assert value("440300", sector="public_security") == 2000  # 公安 national sector default (第123条)
    assert value("110000", sector="market_regulation") == 2000  # 北京: no market-regulation record


def test_every_builtin_value_fits_its_spec():
    for record in BUILTIN:
        assert SPECS[record.key].validate(record.value) is None, record
    assert {r.key for r in BUILTIN} == set(SPECS)


def test_unverified_threshold_warning_names_the_figure(ev):
    answer = ev("hearing_right", party_type="legal_person", penalty_kinds=["fine"], fine_amount=1)
    assert any("“10,000元”" in w and "未经核实" in w for w in answer["warnings"])


def test_zhejiang_rules_apply_in_zhejiang_only():
    import datetime as dt

    from zhifa.legal.thresholds import ThresholdTable

    table = ThresholdTable()
    on = dt.date(2026, 3, 1)
    for key in ("disclosure.publish_minors", "masking.profile"):
        national = table.resolve(key, on=on, region="440308")
        assert national.region == "" and (national.basis is None or "浙江" not in national.basis.law)
        assert "浙江" in table.resolve(key, on=on, region="331102").basis.law
