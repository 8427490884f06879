"""Layering: the framework app ``core`` never depends on the organisation app (org depends on core)."""

import ast
from pathlib import Path

import zhifa.core

CORE = Path(zhifa.core.__file__).parent
FORBIDDEN = ("zhifa.org",)


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name an import statement of ``path`` names (relative ones resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("zhifa", "core", *path.relative_to(CORE).parent.parts))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def dotted_strings(path: Path) -> set[str]:
    """String constants that name a module, e.g. ``include("zhifa.org.api.urls")``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.startswith("zhifa.")}


def offenders() -> list[str]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for name in imported_modules(path) | dotted_strings(path):
            if name.startswith(FORBIDDEN):
                found.append(f"{path.relative_to(CORE)}: {name}")
    return found


def test_core_never_imports_org():
    assert offenders() == []


def test_the_scan_sees_relative_and_absolute_imports():
    sample = CORE / "views" / "generic" / "base.py"
    names = imported_modules(sample)
    assert "zhifa.core.gate.can_model" in names          # absolute
    assert "zhifa.core.views.generic.registry" in names  # from .registry import …
