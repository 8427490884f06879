"""REST API: authentication, catalogue listing, structured errors, and a fuzz that never gets a 500."""

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests import factories
from zhifa.legal import all_rules


@pytest.fixture
def api(legal_db):
    client = APIClient()
    client.force_login(factories.user(None))
    return client


def test_authentication_required(legal_db):
    client = APIClient()
    assert client.post("/api/legal/evaluate", {"rule": "payment_deadline"}, format="json").status_code in (401, 403)
    assert client.get("/api/legal/rules").status_code in (401, 403)


def test_rules_listing_describes_parameters(api):
    rules = api.get("/api/legal/rules").json()
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    hearing = next(r for r in rules if r["id"] == "hearing_right")
    party = next(p for p in hearing["params"] if p["name"] == "party_type")
    assert party["required"] and [c["value"] for c in party["choices"]] == ["citizen", "legal_person", "other_org"]
    assert hearing["results"][0]["name"] == "required" and hearing["basis"]


def test_evaluate_answer_shape(api):
    response = api.post("/api/legal/evaluate", {"rule": "payment_deadline", "received_on": "2026-01-31"}, format="json")
    assert response.status_code == 200
    assert response.json()["deadline"] == "2026-02-24"
    assert set(response.json()) == {"deadline", "basis", "warnings"}


@pytest.mark.parametrize(
    "body, content_type, status, code",
    [
        ("[1, 2]", "application/json", 400, "invalid_body"),
        ('"text"', "application/json", 400, "invalid_body"),
        ("{not json", "application/json", 400, "parse_error"),
        ("[" * 100000 + "]" * 100000, "application/json", 400, "parse_error"),
        ("rule=payment_deadline", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ],
)
def test_malformed_bodies(api, body, content_type, status, code):
    response = api.generic("POST", "/api/legal/evaluate", body, content_type=content_type)
    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["message"]


RULE_IDS = [r.id for r in all_rules()]
PARAM_NAMES = sorted({p.name for r in all_rules() for p in r.params})
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    | st.sampled_from(["2026-02-30", "2026-01-31", "0000-01-01", "1e400", "-0", "NaN", "true", "[]", "[[\"2026-01-01\"]]"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
bodies = st.fixed_dictionaries(
    {"rule": st.sampled_from(RULE_IDS) | st.text(max_size=10) | st.integers() | st.none()},
    optional={name: json_values for name in PARAM_NAMES},
) | st.dictionaries(st.text(max_size=12), json_values, max_size=5)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_fuzz_never_500(api, body):
    response = api.post("/api/legal/evaluate", json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), response.content
    data = response.json()
    if response.status_code == 400:
        assert set(data) == {"code", "message", "field"} and data["message"]
    else:
        assert "basis" in data and "warnings" in data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule=st.sampled_from(all_rules()), data=st.data())
def test_fuzz_valid_shapes_per_rule(api, rule, data):
    """Well-typed but arbitrary values for each rule's own parameters: an answer or a clear 400."""
    values = {
        "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)).map(str),
        "amount": st.decimals(min_value=-10, max_value=10**7, places=2, allow_nan=False).map(str),
        "bool": st.booleans(),
        "text": st.text(max_size=60),
        "region": st.from_regex(r"\d{2,12}", fullmatch=True),
    }
    body = {"rule": rule.id}
    for param in rule.params:
        if param.kind == "choice":
            body[param.name] = data.draw(st.sampled_from([v for v, _ in param.choices]))
        elif param.kind == "choices":
            body[param.name] = data.draw(st.lists(st.sampled_from([v for v, _ in param.choices]), min_size=1, max_size=3))
        elif param.kind == "periods":
            body[param.name] = data.draw(st.lists(st.tuples(values["date"], values["date"]).map(sorted), max_size=3))
        elif param.kind == "int_list":
            body[param.name] = data.draw(st.lists(st.integers(0, 400), max_size=3))
        else:
            body[param.name] = data.draw(values[param.kind])
    response = api.post("/api/legal/evaluate", body, format="json")
    assert response.status_code in (200, 400), response.content
