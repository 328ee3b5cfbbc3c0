"""What the command-line tests share: running a command in-process (or a tool as a script), and
the error contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer
import typer.testing
from typer.testing import CliRunner

from analytic.cli.app import app

try:  # click < 8.2 mixes stderr into stdout unless told not to; 8.2 keeps them apart always
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()
#: the click command typer builds from the app, built once: typer's runner rebuilds it on
#: every call (about 20 ms), which the hostile-input matrix would pay hundreds of times
command = typer.main.get_command(app)
typer.testing._get_command = lambda typer_app: command if typer_app is app else (
    typer.main.get_command(typer_app))


def invoke(*args: str):
    """Run ``analytic ARGS`` in-process, as from a shell (stdout and stderr kept apart)."""
    return runner.invoke(app, [str(a) for a in args])


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess:
    """Run a script of tools/ as a user would, with this Python; its output as text."""
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                          timeout=60)


def assert_one_line_error(result, says: str = "", code: int = 2) -> None:
    """Exit ``code``, nothing on stdout, one line on stderr: ``error: ...`` containing ``says``."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == code, (result.exit_code, result.output)
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert says in lines[0], (says, lines[0])
    assert result.stdout.strip() == "", result.stdout


def seen_by_users(caught) -> list[str]:
    """The recorded warnings a user would see: Python's default filters hide deprecation notices
    between libraries (for example matplotlib 3.8 calling pyparsing 3.3's renamed functions)
    outside ``__main__``, and ResourceWarning and ImportWarning everywhere (a font file of
    matplotlib's cache that the garbage collector closes during a later figure), so they are
    left out."""
    hidden = (DeprecationWarning, PendingDeprecationWarning, ResourceWarning, ImportWarning)
    return [str(w.message) for w in caught if not issubclass(w.category, hidden)]
