"""The three channels — Python, REST, command line — give identical answers and identical errors."""

import io
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests import factories
from zhifa import cli
from zhifa.legal import RuleError, all_rules, evaluate


@pytest.fixture
def api(legal_db):
    client = APIClient()
    client.force_login(factories.user(None))
    return client


def rest(api, body):
    response = api.post("/api/legal/evaluate", body, format="json")
    return response.status_code, response.json()


def run_cli(*args):
    """``(exit status, stdout JSON or None, stderr JSON or None)`` of ``zhifa legal …`` via call_command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("legal", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    parse = lambda text: json.loads(text) if text.strip() else None  # noqa: E731
    return status, parse(out.getvalue()), parse(err.getvalue())


def as_cli_value(value):
    """An example value in the form typed on a command line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_is_identical_over_the_three_channels(api, rule):
    body = dict(rule.examples[0])
    python = evaluate(rule.id, **body).as_json()
    status, over_rest = rest(api, {"rule": rule.id, **body})
    assert status == 200
    code, over_json, _ = run_cli(rule.id, "--json", json.dumps({"rule": rule.id, **body}, ensure_ascii=False))
    assert code == 0
    pairs = [token for name, value in body.items() for token in (f"--{name}", as_cli_value(value))]
    code, over_params, _ = run_cli(rule.id, *pairs)
    assert code == 0
    assert python == over_rest == over_json == over_params


BAD_INPUTS = [
    ("no_such_rule", {}, "unknown_rule", "rule"),
    ("payment_deadline", {}, "missing_parameter", "received_on"),
    ("payment_deadline", {"received_on": "2026-1-31"}, "invalid_date", "received_on"),
    ("onsite_collection", {"fine_amount": "-5", "hard_to_enforce_later": "false", "remote_area_requested": "false"},
     "negative_amount", "fine_amount"),
    ("late_payment_surcharge", {"fine_amount": "100", "due_on": "2026-02-24", "paid_on": "2026-03-01",
                                "excluded_periods": '[["2026-03-01"]]'}, "invalid_period", "excluded_periods"),
]


@pytest.mark.parametrize("rule_id, params, code, field", BAD_INPUTS)
def test_errors_are_identical_over_the_three_channels(api, rule_id, params, code, field):
    with pytest.raises(RuleError) as raised:
        evaluate(rule_id, **params)
    expected = raised.value.as_json()
    assert (expected["code"], expected["field"]) == (code, field)
    assert rest(api, {"rule": rule_id, **params}) == (400, expected)
    pairs = [token for name, value in params.items() for token in (f"--{name}", value)]
    assert run_cli(rule_id, *pairs) == (2, None, expected)
    assert run_cli(rule_id, "--json", json.dumps(params)) == (2, None, expected)


def test_cli_argument_errors(legal_db):
    status, _, error = run_cli("payment_deadline", "--received_on")
    assert status == 2 and error["field"] == "received_on" and "缺少值" in error["message"]
    status, _, error = run_cli("payment_deadline", "2026-01-31")
    assert status == 2 and "--名称 值" in error["message"]
    status, _, error = run_cli("payment_deadline", "--json", "[1]")
    assert status == 2 and error["code"] == "invalid_json"
    status, _, error = run_cli("payment_deadline", "--json", '{"rule": "limitation"}')
    assert status == 2 and error["field"] == "rule"
    status, _, error = run_cli()
    assert status == 2 and error["field"] == "rule"
    status, answer, _ = run_cli("payment-deadline".replace("-", "_"), "--received-on=2026-01-31")
    assert status == 0 and answer["deadline"] == "2026-02-24"


def test_console_script_runs_the_command(legal_db, capsys):
    # zhifa.cli.main passes `legal` to the management command of that name.
    assert cli.main(["legal", "payment_deadline", "--received_on", "2026-01-31"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["deadline"] == "2026-02-24"
    assert answer["basis"][0]["article"] == "第67条第3款"
