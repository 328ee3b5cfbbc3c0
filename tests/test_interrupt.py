"""Ctrl-C, as a real signal: one line, exit code 130, and no file written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _drawing(pid: int) -> bool:
    # the figures command has started drawing once matplotlib's font library is loaded
    maps = Path(f"/proc/{pid}/maps")
    return maps.exists() and "ft2font" in maps.read_text()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see the child")
def test_ctrl_c_while_drawing_figures_ends_in_one_line_and_writes_no_file(tmp_path):
    out = tmp_path / "figures"
    child = subprocess.Popen(
        [sys.executable, "-m", "analytic", "figures", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not _drawing(child.pid) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well inside the drawing, which takes seconds
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["error: interrupted; no files were written"]
    assert stdout == ""
    assert not out.exists() or list(out.iterdir()) == []
