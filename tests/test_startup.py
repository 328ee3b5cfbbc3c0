"""What a command costs before it computes: the modules it imports and the memory it keeps.

Each check runs in a fresh interpreter (imports and the allocator are process-wide) and reads
what the process itself reports: ``sys.modules``, and the kernel's count of page faults.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from analytic.core.allocator import keep_freed_memory


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout.strip()


def test_drawing_an_experiments_figure_does_not_import_sympy():
    # an experiment command imports the figure registry to draw its figure; SymPy (a third of
    # a second) is only for the gallery figures that derive, when they are drawn
    assert _python("import sys, analytic.present.figures, analytic.experiments; "
                   "print('sympy' in sys.modules)") == "False"


#: 40 arrays of 240 kB alive at once, then freed, as a 10-layer pass over 1,000 images does
ALLOCATE = """
import resource, sys
import numpy as np
from analytic.core.allocator import keep_freed_memory
if sys.argv[-1] == "keep":
    assert keep_freed_memory()
def passes(n):
    for _ in range(n):
        arrays = [np.ones((1000, 30)) for _ in range(40)]
        del arrays
passes(3)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
passes(20)
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 20)
"""


@pytest.mark.skipif(not keep_freed_memory(), reason="the C library is not glibc")
def test_freed_arrays_are_reused_without_page_faults_once_the_command_line_asks():
    def faults(mode: str) -> float:
        done = subprocess.run([sys.executable, "-c", ALLOCATE, mode], capture_output=True,
                              text=True, timeout=60, check=True)
        return float(done.stdout)

    # 40 x 240 kB = 2,300 pages: by default glibc returns them after every pass and faults
    # them in again; kept, the next pass finds them (a page or two may still move)
    assert faults("default") > 1000
    assert faults("keep") < 10


def test_the_console_script_and_python_m_both_start_at_the_entry_point_that_loads_nothing_first():
    # the stop handlers are in before typer or NumPy loads only if both ways in go through
    # analytic.cli.entry and it needs nothing beyond what Python loads at start
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = re.search(r'^analytic = "([^"]+)"', (root / "pyproject.toml").read_text(), re.M)
    assert script[1] == "analytic.cli.entry:main"
    assert "from .cli.entry import main" in (root / "analytic" / "__main__.py").read_text()
    loaded = _python("import sys; before = set(sys.modules); import analytic.cli.entry; "
                     "print(sorted(m.split('.')[0] for m in set(sys.modules) - before))")
    assert set(eval(loaded)) <= {"analytic", "atexit", "collections", "signal"}, loaded
