"""The documentation's promises: every Python block of the README and ``docs/**/*.md`` runs, in
order, in a fresh interpreter, and every tool a shell block of the docs names exists and
answers ``--help`` (the pages' commands are run by ``test_readme.py``). A Japanese page whose
Python blocks are its English page's, word for word, is not run twice.

The blocks assert what the prose says (the files a run writes, the report's first line in
Japanese), so a change that makes a page wrong fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
README = ROOT / "README.md"
JA = ROOT / "docs" / "ja"

#: Runs a page's Python blocks in order, each compiled with its own line numbers, so that a
#: failure points at the page's line.
RUNNER = """
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
namespace = {"__name__": "__docs__"}
for found in re.finditer(r"```python\\n(.*?)```", text, re.S):
    line = text.count("\\n", 0, found.start(1))
    exec(compile("\\n" * line + found.group(1), path, "exec"), namespace)
print("ran", len(re.findall(r"```python\\n", text)))
"""


def _blocks(page: Path, kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", page.read_text(encoding="utf-8"), re.S)


def _runs(page: Path) -> bool:
    """Whether a page's Python blocks run: it has some, and they are not its English page's."""
    english = ROOT / "docs" / page.relative_to(JA) if page.is_relative_to(JA) else None
    return bool(_blocks(page, "python")) and not (
        english and english.is_file() and _blocks(english, "python") == _blocks(page, "python"))


@pytest.mark.parametrize("page", [p for p in [README, *PAGES] if _runs(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_of_a_page_runs(page, tmp_path):
    done = subprocess.run([sys.executable, "-c", RUNNER, str(page)], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == f"ran {len(_blocks(page, 'python'))}"
    assert list(tmp_path.iterdir()) == []  # an example writes only where it says


def _tools() -> list[str]:
    found = set()
    for page in PAGES:
        for block in _blocks(page, "sh"):
            found |= set(re.findall(r"python (tools/\S+\.py|benchmarks/\S+\.py)", block))
            found |= set(re.findall(r"bash (\.ci/\S+)", block))
    return sorted(found)


def test_the_pages_exist_and_name_tools():
    assert PAGES and _tools()


@pytest.mark.parametrize("tool", [t for t in _tools() if t.endswith(".py")])
def test_every_tool_a_page_names_answers_help(tool):
    done = subprocess.run([sys.executable, str(ROOT / tool), "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "usage" in done.stdout.lower(), (tool, done.stderr)


@pytest.mark.parametrize("script", [t for t in _tools() if not t.endswith(".py")])
def test_every_script_a_page_names_exists(script):
    assert (ROOT / script).is_file()
