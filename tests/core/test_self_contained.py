"""The repository carries what it relies on: no file points at product documents outside it.

A clone cannot follow a reference to the planning documents that sit beside the repository, so
code, tests and docs cite the law itself and keep the product's own decisions in docs/.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {
    ".git", ".venv", "node_modules", "var", "vendor", "__pycache__", ".pytest_cache", ".cache", ".ruff_cache",
    "test-results",
}
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".sh", ".js", ".css", ".json", ".yml", ".yaml", ""}
# Built from lower-case pieces so that this file does not match itself (nor any other checker of such
# references): the planning folder beside the repository, and the planning documents in it.
PLANNING_DIR = "".join(["sha", "red"])
PLANNING_DOCUMENTS = [name.upper() for name in ("legal", "spec", "glossary", "architecture", "aesthetics")]
PARENT = "." * 2 + "/"
OUTSIDE = re.compile(
    "|".join([
        re.escape(PARENT + PLANNING_DIR), re.escape("/work/" + PLANNING_DIR),
        r"\b(?:" + "|".join(PLANNING_DOCUMENTS) + r")\." + "md",
        r"\b" + PLANNING_DOCUMENTS[1] + r"\b",
    ])
)


def repository_files():
    for path in ROOT.rglob("*"):
        if path == Path(__file__) or any(part in SKIPPED_DIRS for part in path.relative_to(ROOT).parts):
            continue
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size < 2_000_000:
            yield path


def test_no_file_cites_documents_outside_the_repository():
    hits = []
    for path in repository_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not hits, "cite the law or docs/ instead:\n" + "\n".join(hits)


def test_the_pattern_catches_each_kind_of_reference():
    legal, spec, glossary = PLANNING_DOCUMENTS[0], PLANNING_DOCUMENTS[1], PLANNING_DOCUMENTS[2]
    samples = [f"见 {PARENT}{PLANNING_DIR}/{legal}.md", f"({glossary}.md)", f"{spec} B4", f"/work/{PLANNING_DIR}/data"]
    for line in samples:
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search(f"{spec}TACULAR_SETTINGS and docs/legal.md")
