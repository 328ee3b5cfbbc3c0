"""The README's and the docs' promises: every command they show runs, and the output the README
quotes is the output.

Every ``analytic ...`` line of the ``sh`` blocks and every inline ``analytic ...`` example of
the README and of every page of docs/ (English and Japanese) is run in-process from an empty
folder and must succeed; a line several pages show runs once. Runs the README describes at
full size (hundreds of networks, hundreds of epochs) get options appended that make them small
(a later option wins), listed per command in :data:`SMALL`; a command the README shows must
appear there or in :data:`AS_WRITTEN`, so that a new long example cannot slip in unshrunk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
#: The README and every page of docs/, in every language: the text whose examples run.
PAGES = [README, *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md")))]

#: Commands that run as written: each takes a few seconds at most.
AS_WRITTEN = {"derive", "check", "figures", "table", "problem sigmoid-window",
              "problem identity-neuron", "theory chi", "problem", "theory", "experiment",
              "quiz"}
#: Options appended to make a full-size run small, by command.
SMALL = {
    "check": ["--trials", "3"],
    "figures": ["--only", "sigmoid_window"],
    "slides": ["--only", "relu"],  # every slide is read back by tests/test_slides.py
    "problem larger-derivative": ["--chains", "200"],
    "theory predict": ["--networks", "3", "--images", "100"],
    "experiment init-norms": ["--networks", "3", "--images", "100"],
    "experiment compare-inits": ["--networks", "2", "--images", "100"],
    "experiment training-speed": ["--epochs", "3", "--images", "100"],
    "experiment depth-accuracy": ["--epochs", "1", "--images", "100", "--validation", "100",
                                  "--max-hidden", "2", "--networks", "1"],
    "experiment neuron-bars": ["--images", "100"],
    "experiment histograms": ["--images", "50", "--width", "20", "--hidden", "2"],
    "experiment rnn": ["--networks", "3", "--steps", "20"],
    "experiment jacobian": ["--width", "16", "--networks", "2", "--depth", "2"],
    "experiment saturation": ["--width", "3", "--images", "20", "--validation", "10",
                              "--epochs", "1", "--records", "1"],
    "experiment dying-relu": ["--networks", "1", "--width", "3", "--images", "20",
                              "--validation", "10", "--epochs", "1", "--records", "1"],
    "experiment remedies": ["--remedy", "plain", "--networks", "1", "--epochs", "1", "--images",
                            "100", "--validation", "100"],
    "experiment batch-norm-scales": ["--networks", "1", "--epochs", "1", "--images", "100",
                                     "--validation", "100", "--watch-epochs", "1"],
    "reproduce": ["--quick", "--reference", "meanfield"],
    "theory depth-scale": ["--points", "3"],
    "experiment trainability": ["--depth", "2", "--sigma-w2", "1", "--images", "50",
                                "--validation", "50", "--epochs", "1", "--width", "5",
                                "--jobs", "1"],
}
#: Options that only some uses of a command take: appended only where they apply.
ONLY_WITH = {
    **{("theory predict", option): lambda args: "--measured" not in args
       for option in ("--networks", "--images")},
    ("table", "--chains"): lambda args: "vanishing" in args,
    ("reproduce", "--reference"): lambda args: "--reference" not in args,
}


def commands(text: str) -> set[str]:
    """The ``analytic ...`` lines of a page's ``sh`` blocks and its inline examples."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        lines += [line.split("  #")[0].strip() for line in block.splitlines()]
    lines += re.findall(r"`(analytic [^`]+)`", text)
    # an all-capitals word is a placeholder (analytic COMMAND --help), not a runnable example
    return {line for line in lines
            if line.startswith("analytic ") and not re.search(r"\b[A-Z]{3,}\b", line)}


def _examples(pages: list[str]) -> list[str]:
    # a set: the same line on several pages (a Japanese page shows its English page's) runs once
    return sorted(set().union(*map(commands, pages)))


#: Commands whose first word names a group: the command is the group and the next word.
GROUPS = {"problem", "theory", "experiment"}


def _command(args: list[str]) -> str:
    words = [a for a in args if not a.startswith("-")]
    if words[:1] and words[0] in GROUPS and len(words) > 1:
        return " ".join(words[:2])
    return words[0] if words else ""


def _small(command: str, args: list[str]) -> list[str]:
    # SMALL's options, each with its value (a flag, such as --quick, has none)
    extra, options, i = [], SMALL.get(command, []), 0
    while i < len(options):
        flag = i + 1 == len(options) or options[i + 1].startswith("--")
        given = options[i:i + 1] if flag else options[i:i + 2]
        applies = ONLY_WITH.get((command, options[i]), lambda a: True)
        extra += given if applies(args) else []
        i += len(given)
    return extra


EXAMPLES = _examples(PAGES)
#: The README's own examples run in the default suite; every page's (``-m slow``, a minute of
#: CPU) in .ci/run.
README_EXAMPLES = _examples([README])


def test_the_pages_show_commands_and_each_is_known_here():
    assert len(EXAMPLES) > 20
    for line in EXAMPLES:
        args = line.split()[1:]
        if args and args[0] in ("--help", "-h", "--version"):
            continue
        command = _command(args)
        assert command in SMALL or command in AS_WRITTEN, f"add {command!r} to SMALL or AS_WRITTEN"


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below ``folder``: its path -> (size, modification time in ns)."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def _run_all(folder: Path, lines: list[str]) -> dict:
    """Every line run in ``folder``, one after the other, as a reader trying them all would:
    line -> (its result, the files it wrote or rewrote)."""
    import os

    here, results = os.getcwd(), {}
    os.chdir(folder)
    try:
        for line in lines:
            args = line.split()[1:]
            before = _files(folder)
            result = invoke(*args, *_small(_command(args), args))
            after = _files(folder)
            results[line] = result, {f for f, stamp in after.items() if before.get(f) != stamp}
    finally:
        os.chdir(here)
    return results


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Every example of every page, run in one folder."""
    return _run_all(tmp_path_factory.mktemp("pages"), EXAMPLES)


def _succeeded(line: str, result) -> None:
    assert result.exit_code == 0, (line, result.stderr)
    assert "error:" not in result.stderr


@pytest.mark.parametrize("line", README_EXAMPLES)
def test_every_command_the_readme_shows_runs(line, tmp_path):
    _succeeded(line, _run_all(tmp_path, [line])[line][0])


@pytest.mark.slow
@pytest.mark.parametrize("line", EXAMPLES)
def test_every_command_the_pages_show_runs(line, ran):
    _succeeded(line, ran[line][0])


@pytest.mark.slow
def test_no_example_overwrites_a_file_another_example_wrote(ran):
    writers: dict[str, list[str]] = {}
    for line, (_, written) in ran.items():
        for name in written:
            writers.setdefault(name, []).append(line)
    shared = {name: lines for name, lines in writers.items() if len(lines) > 1}
    assert shared == {}
    assert len(writers) > 20  # the examples do write files


def _masked(text: str) -> str:
    # the check's measured error (e.g. 3.7e-16) depends on the machine's rounding
    return re.sub(r"\d\.\de-\d+", "<number>", text.strip())


def test_the_quick_start_output_is_what_the_command_prints():
    quoted = README.split("derives ∂C/∂b₁ for a four-layer sigmoid chain:", 1)[1]
    quoted = quoted.split("```\n", 2)[1]
    printed = invoke("derive", "--depth", "4").stdout
    assert _masked(printed) == _masked(quoted)


def test_pytest_dash_n_0_runs_the_suite_in_one_process_as_the_readme_says():
    # the configuration asks for workers; "-n 0" must still run the tests, in this process
    # (pytest-xdist 3.0 refused it next to --dist); a module's docstring examples will do
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider",
         "analytic/core/limits.py"],
        cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "workers" not in result.stdout
    assert "`pytest -n 0`" in README
