"""The numbers the README and the docs quote from runs are the committed runs' numbers.

``tools/quote_runs.py check`` recomputes every quote from docs/runs/ and figures/NAME/ and
compares it with the text between its markers; here it must find nothing, and it must find a
number changed by hand, a key it does not know and a run no manifest records.
References: the committed JSON files, read back by the library's own ``read``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from helpers import run_script

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "quote_runs.py"


def test_every_quote_in_the_readme_and_the_docs_is_what_its_committed_run_gives():
    done = run_script(TOOL, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every quote is what its run gives" in done.stdout


def test_a_number_changed_by_hand_is_found(tmp_path):
    page = tmp_path / "README.md"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- quote init-norms.last_over_first -->") + len(
        "<!-- quote init-norms.last_over_first -->")
    end = text.index("<!-- /quote -->", start)
    page.write_text(text[:start] + "120" + text[end:], encoding="utf-8")
    done = run_script(TOOL, "check", "--files", str(page))
    assert done.returncode == 1
    assert "init-norms.last_over_first: the text says '120'" in done.stdout


def test_an_unknown_key_is_one_line_and_exit_code_two(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("x <!-- quote no.such.key -->1<!-- /quote --> y\n", encoding="utf-8")
    done = run_script(TOOL, "check", "--files", str(page))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "quote_runs.py: error: unknown quote 'no.such.key' (tools/quotes.py lists them)"]


def test_write_fills_an_empty_marker_and_leaves_the_rest_of_the_page_alone(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("before <!-- quote window.max --><!-- /quote --> after\n", encoding="utf-8")
    assert run_script(TOOL, "write", "--files", str(page)).returncode == 0
    width = json.loads((ROOT / "docs" / "runs" / "sigmoid-window.json").read_text())["max_width"]
    assert page.read_text(encoding="utf-8") == (
        f"before <!-- quote window.max -->{width:.5g}<!-- /quote --> after\n")
    shutil.copy(page, tmp_path / "again.md")
    assert run_script(TOOL, "write", "--files", str(page)).stdout == ""  # nothing left to do


def test_every_committed_run_is_the_file_its_manifest_records():
    folder = ROOT / "docs" / "runs"
    manifest = json.loads((folder / "runs.json").read_text(encoding="utf-8"))
    files = {p.stem: p for p in folder.iterdir() if p.name != "runs.json"}
    assert set(files) == set(manifest["runs"])
    for name, entry in manifest["runs"].items():
        assert hashlib.sha256(files[name].read_bytes()).hexdigest() == entry["sha256"], name
        assert entry["command"].startswith("analytic ")
        # printed text where the command line names a format, its JSON otherwise
        assert files[name].suffix == (".txt" if "--format" in entry["command"] else ".json")
