"""The notebooks: the committed files are what ``tools/build_notebooks.py`` writes, and every
notebook runs from top to bottom in a fresh kernel without an error or a warning.

Running them takes a minute (a kernel start and real computations each), more than the suite's
budget: the runs are marked ``notebooks`` and left out of a plain ``pytest``; ``.ci/run`` runs
them with the ``notebook`` extra (``pytest -m notebooks``).
References: the builder's definition (one source for both languages), and the cells' own
assertions and outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_script

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))


def test_the_committed_notebooks_are_what_the_builder_writes_in_both_languages():
    done = run_script(ROOT / "tools" / "build_notebooks.py", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    names = {(p.parent.name, p.stem) for p in NOTEBOOKS}
    assert {lang for lang, _ in names} == {"en", "ja"}
    assert {s for lang, s in names if lang == "en"} == {s for lang, s in names if lang == "ja"}


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_runs_without_an_error_or_a_warning(path, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    # every notebook shows figures: one that displays none has lost its point
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert list(tmp_path.iterdir()) == []  # it writes nothing
