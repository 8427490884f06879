"""docs/development/adding-a-model.md stays true: every code block is a part of the file it names.

Each Python block of the guide starts with ``# <path>``. The block's statements must each be found in
that file: an import names the same module and names; a class has the same bases and decorators and
its body's statements are in the real body; a call or a list may show only some of the real
arguments or items; a body of ``...`` stands for code the guide leaves out. Any other statement is
compared exactly. So a renamed module, a moved class, a changed base class or field fails here.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "development" / "adding-a-model.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def blocks() -> list[tuple[str, str]]:
    """(path, code) of every Python block; the path is the block's first line, ``# src/...``."""
    found = []
    for code in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        first, _, rest = code.partition("\n")
        assert first.startswith("# ") and first.endswith(".py"), f"a block without its file: {first!r}"
        found.append((first[2:].strip(), rest))
    return found


def is_ellipsis(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis


def same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def body_within(shown: list[ast.stmt], real: list[ast.stmt]) -> bool:
    """Every shown statement (but ``...``) matches one of the real ones."""
    return all(is_ellipsis(s) or any(statement_matches(s, r) for r in real) for s in shown)


def expression_matches(shown: ast.expr, real: ast.expr) -> bool:
    if isinstance(shown, ast.Call) and isinstance(real, ast.Call):
        if not same(shown.func, real.func):
            return False
        if len(shown.args) == len(real.args):
            args = all(expression_matches(s, r) for s, r in zip(shown.args, real.args, strict=True))
        else:
            args = all(any(expression_matches(s, r) for r in real.args) for s in shown.args)
        keywords = {k.arg: k.value for k in real.keywords}
        return args and all(k.arg in keywords and expression_matches(k.value, keywords[k.arg]) for k in shown.keywords)
    if isinstance(shown, (ast.List, ast.Tuple)) and type(shown) is type(real):
        return all(any(expression_matches(s, r) for r in real.elts) for s in shown.elts)
    return same(shown, real)


def statement_matches(shown: ast.stmt, real: ast.stmt) -> bool:
    if type(shown) is not type(real):
        return False
    if isinstance(shown, ast.ImportFrom):
        names = {(a.name, a.asname) for a in real.names}
        return (shown.module, shown.level) == (real.module, real.level) and all(
            (a.name, a.asname) in names for a in shown.names)
    if isinstance(shown, ast.Import):
        return {a.name for a in shown.names} <= {a.name for a in real.names}
    if isinstance(shown, ast.ClassDef):
        return (shown.name == real.name
                and [ast.dump(b) for b in shown.bases] == [ast.dump(b) for b in real.bases]
                and all(any(same(d, r) for r in real.decorator_list) for d in shown.decorator_list)
                and body_within(shown.body, real.body))
    if isinstance(shown, ast.FunctionDef):
        returns = (shown.returns is None and real.returns is None) or (
            shown.returns is not None and real.returns is not None and same(shown.returns, real.returns))
        return (shown.name == real.name and same(shown.args, real.args) and returns
                and all(any(same(d, r) for r in real.decorator_list) for d in shown.decorator_list)
                and body_within(shown.body, real.body))
    if isinstance(shown, ast.Assign):
        return (len(shown.targets) == len(real.targets) and all(map(same, shown.targets, real.targets))
                and expression_matches(shown.value, real.value))
    if isinstance(shown, ast.Expr):
        return expression_matches(shown.value, real.value)
    return same(shown, real)


def module_name(path: str) -> str:
    parts = Path(path).with_suffix("").parts
    parts = parts[1:] if parts[0] == "src" else parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


GUIDE_BLOCKS = blocks()


def test_the_guide_has_a_block_for_every_step():
    paths = {path for path, _ in GUIDE_BLOCKS}
    for layer in ("models/", "filtersets/", "tables/", "forms/", "views/", "urls.py", "menu.py", "api/serializers.py",
                  "api/views.py", "api/urls.py", "tests/"):
        assert any(layer in path for path in paths), layer


@pytest.mark.parametrize(("path", "code"), GUIDE_BLOCKS, ids=[path for path, _ in GUIDE_BLOCKS])
def test_each_block_is_part_of_its_file(path, code):
    source = ROOT / path
    assert source.is_file(), f"the guide names {path}, which does not exist"
    importlib.import_module(module_name(path))  # it imports: every name it uses exists
    real = ast.parse(source.read_text(encoding="utf-8")).body
    missing = [ast.unparse(statement).splitlines()[0] for statement in ast.parse(code).body
               if not body_within([statement], real)]
    assert missing == []


def test_the_comparison_notices_a_changed_base_field_or_import():
    real = ast.parse(
        "from ..models.elements import Phrase\n"
        "class PhraseTable(ZhifaTable):\n"
        "    text = tables.Column(linkify=True)\n"
        "    class Meta(ZhifaTable.Meta):\n"
        "        fields = ('pk', 'text')\n"
    ).body
    assert body_within(ast.parse("class PhraseTable(ZhifaTable):\n    class Meta(ZhifaTable.Meta):\n"
                                 "        fields = ('text',)\n").body, real)
    assert not body_within(ast.parse("class PhraseTable(tables.Table):\n    ...\n").body, real)
    assert not body_within(ast.parse("class PhraseTable(ZhifaTable):\n    name = tables.Column()\n").body, real)
    assert not body_within(ast.parse("from ..elements.models import Phrase\n").body, real)
