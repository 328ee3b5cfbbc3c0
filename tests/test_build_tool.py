"""tools/build_mnist_npz.py as a command: its help, its one-line errors, and a byte-identical build.

References: the exit codes and stderr of the command run in a subprocess, and the committed
``analytic/data/mnist_5k.npz`` (when the shared CSV is on this machine).
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from helpers import run_script

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "build_mnist_npz.py"
SHARED_CSV = ROOT.parent / "shared" / "data" / "mnist_5k.csv.gz"


def run(*args: str) -> subprocess.CompletedProcess:
    return run_script(TOOL, *args)


def test_help_describes_the_arguments_and_exits_0():
    result = run("--help")
    assert result.returncode == 0
    assert "usage: build_mnist_npz.py" in result.stdout and "sha256" in result.stdout
    assert "source" in result.stdout and "out" in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["{tmp}/missing.csv.gz"], "missing.csv.gz: cannot read the source CSV"),
        (["{tmp}/wrong.csv.gz"], "wrong.csv.gz: sha256"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
    ids=["missing source", "wrong source", "unknown option"],
)
def test_a_bad_source_or_option_ends_in_one_line_and_exit_code_2(tmp_path, args, expected):
    (tmp_path / "wrong.csv.gz").write_bytes(b"not the digits")
    result = run(*[a.format(tmp=tmp_path) for a in args], str(tmp_path / "out.npz"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.npz").exists()


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="the shared source CSV is not on this machine")
def test_building_again_reproduces_the_committed_npz_byte_for_byte(tmp_path):
    out = tmp_path / "mnist_5k.npz"
    result = run(str(SHARED_CSV), str(out))
    assert result.returncode == 0, result.stderr
    committed = ROOT / "analytic" / "data" / "mnist_5k.npz"
    digest = hashlib.sha256(out.read_bytes()).digest()
    assert digest == hashlib.sha256(committed.read_bytes()).digest()
