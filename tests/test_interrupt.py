"""Ctrl-C, as a real signal: one line, exit code 130, and no file written."""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def test_ctrl_c_while_drawing_figures_ends_in_one_line_and_writes_no_file(tmp_path):
    out = tmp_path / "figures"
    child = subprocess.Popen(
        [sys.executable, "-m", "analytic", "figures", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2.0)  # the command line has loaded and is drawing (the whole run takes longer)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["error: interrupted; no files were written"]
    assert stdout == ""
    assert not out.exists() or list(out.iterdir()) == []
