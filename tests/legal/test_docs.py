"""docs/legal.md is generated from the catalogue and must never drift from the code."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhifa.legal import all_rules
from zhifa.legal.docs import render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "legal.md"


def test_docs_legal_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), "docs/legal.md is stale: run `zhifa legal-docs`"


def test_docs_mention_every_rule_parameter_and_result():
    text = render_markdown()
    for rule in all_rules():
        assert f"### `{rule.id}`" in text
        for name in [p.name for p in rule.params] + [r.name for r in rule.results]:
            assert f"| `{name}` |" in text


def test_legal_docs_command_check_and_write(tmp_path):
    target = tmp_path / "legal.md"
    with pytest.raises(CommandError):
        call_command("legal_docs", "--check", "--output", str(target), stdout=io.StringIO())
    call_command("legal_docs", "--output", str(target), stdout=io.StringIO())
    out = io.StringIO()
    call_command("legal_docs", "--check", "--output", str(target), stdout=out)
    assert "最新" in out.getvalue()
