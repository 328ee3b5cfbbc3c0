"""The layout is the architecture: each module states its job, and imports run one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analytic"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
#: area -> the areas it may import (core <- chain, theory, train <- experiments <- present <- cli)
MAY_IMPORT = {
    "core": {"core"},
    "chain": {"core", "chain"},
    "theory": {"core", "theory"},
    "train": {"core", "train"},
    "experiments": {"core", "train", "theory", "experiments"},
    "present": {"core", "chain", "theory", "train", "experiments", "present"},
    "cli": {"core", "chain", "theory", "train", "experiments", "present", "cli"},
}


def _area(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_states_its_job_in_a_first_sentence(path):
    doc = ast.get_docstring(ast.parse(path.read_text()))
    assert doc, f"{path.name} has no docstring"
    first = doc.split("\n\n")[0]
    assert first.rstrip().endswith((".", "?")), first


@pytest.mark.parametrize("path", [p for p in MODULES if _area(p)],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way_between_the_areas(path):
    area = _area(path)
    depth = len(path.relative_to(PACKAGE).parts) - 1  # how many dots reach the package
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level > depth:
            target = (node.module or "").split(".")[0]
            if not target:  # the package itself: only the command line asks it (its version)
                assert area == "cli", f"{area} imports the package root"
                continue
            assert target in MAY_IMPORT[area], f"{area} imports {target}"
        names = [a.name for a in getattr(node, "names", [])] if isinstance(
            node, (ast.Import, ast.ImportFrom)) else []
        if area != "cli":
            assert "typer" not in names and not (
                isinstance(node, ast.ImportFrom) and node.module == "typer"), "typer below cli"
        if area != "present":
            assert "matplotlib" not in " ".join(names) and not (
                isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "matplotlib")), "matplotlib outside the figure code"


#: The longest a module may grow: beyond it, a module holds more than one concept.
LONGEST_MODULE = 400


def test_no_module_is_longer_than_a_reader_can_hold():
    # the string tables are data, one entry per string in two languages: they may be long
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if "strings" not in p.parts
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE}
    assert long == {}
