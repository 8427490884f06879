"""The case page's registry: modules add tabs and actions; the page shows reasons, never hides them."""

from types import SimpleNamespace

import pytest

from zhifa.cases import page


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(page, "_TABS", {})
    monkeypatch.setattr(page, "_ACTIONS", {})


def test_actions_carry_their_refusal_and_inapplicable_ones_are_left_out(empty_registry):
    page.register_action(page.CaseAction(
        key="hearing", label="组织听证", url_name="core:audit_detail", order=2,
        refusal=lambda case, user: "" if user.is_lead else "只有主办人员可以组织听证",
    ))
    page.register_action(page.CaseAction(
        key="onsite", label="当场收缴", url_name="core:audit_detail", order=1,
        refusal=lambda case, user: "", applies=lambda case: case.simple,
    ))
    case = SimpleNamespace(pk=7, simple=False)
    offered = page.actions_for(case, SimpleNamespace(is_lead=False))
    assert [(o.action.label, o.allowed, o.refusal) for o in offered] == [("组织听证", False, "只有主办人员可以组织听证")]
    offered = page.actions_for(SimpleNamespace(pk=7, simple=True), SimpleNamespace(is_lead=True))
    assert [(o.action.label, o.allowed) for o in offered] == [("当场收缴", True), ("组织听证", True)]


def test_tabs_in_order_and_hidden_when_their_context_is_none(empty_registry):
    page.register_tab(page.CaseTab(key="b", label="执行", template="x.html", order=20,
                                   context=lambda case, user: {"n": case.pk}))
    page.register_tab(page.CaseTab(key="a", label="听证", template="y.html", order=10,
                                   context=lambda case, user: None))
    shown = page.tabs_for(SimpleNamespace(pk=3), None)
    assert [(s.tab.label, s.context) for s in shown] == [("执行", {"n": 3})]


def test_a_key_registered_twice_with_different_parts_is_refused(empty_registry):
    page.register_tab(page.CaseTab(key="a", label="听证", template="y.html", context=lambda c, u: {}))
    with pytest.raises(ValueError):
        page.register_tab(page.CaseTab(key="a", label="执行", template="y.html", context=lambda c, u: {}))
