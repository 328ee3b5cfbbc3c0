"""Every option of every command, given a hostile value, ends in one line and exit code 2.

The commands and their options are read from the command line itself, so a new command or
option is covered without editing this file. For each option, values that no option accepts
(non-finite or unparsable numbers, numbers far beyond any stated range, empty or unknown
names) must give exit code 2, one ``error:`` line on stderr, nothing on stdout, and no file
written. Each command runs from a small set-up, so a value that is wrongly accepted fails fast.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import assert_one_line_error, invoke
from helpers import command as analytic
from mnist_files import keras_members, patched_zip

from analytic.core.activations import ACTIVATIONS

#: Options that keep an accidental full run short, per command path.
SMALL = {
    "check": ["--trials", "2"],
    "table": ["vanishing", "--chains", "20", "--depth", "3"],
    "figures": ["--only", "sigmoid_window"],
    "slides": ["--only", "relu"],
    "problem larger-derivative": ["--chains", "50", "--depth", "4"],
    "theory predict": ["--networks", "2", "--images", "100"],
    "experiment init-norms": ["--networks", "2", "--images", "100"],
    "experiment compare-inits": ["--networks", "2", "--images", "100", "--activation", "sigmoid",
                                 "--init", "scaled"],
    "experiment training-speed": ["--epochs", "2", "--images", "100"],
    "experiment depth-accuracy": ["--epochs", "1", "--images", "100", "--validation", "100",
                                  "--max-hidden", "1"],
    "experiment neuron-bars": ["--images", "100"],
    "experiment jacobian": ["--width", "8", "--depth", "2", "--networks", "1", "--activation",
                            "relu"],
    "experiment remedies": ["--remedy", "plain", "--networks", "1", "--epochs", "1",
                            "--images", "100", "--validation", "100"],
    "experiment saturation": ["--epochs", "1", "--images", "20", "--validation", "10",
                              "--records", "1", "--hidden", "1", "--setup", "sigmoid/scaled"],
    "experiment batch-norm-scales": ["--scale", "0.1", "--epochs", "1", "--images", "100",
                                    "--validation", "100", "--watch-epochs", "1"],
    "experiment dying-relu": ["--epochs", "1", "--images", "20", "--validation", "10",
                              "--records", "1", "--hidden", "1", "--networks", "1",
                              "--activation", "relu"],
    "reproduce": ["--quick", "--reference", "meanfield"],
    "theory depth-scale": ["--points", "3", "--sigma-w2", "1"],
    "experiment trainability": ["--depth", "2", "--sigma-w2", "1", "--images", "50",
                                "--validation", "50", "--epochs", "1", "--jobs", "1"],
}

#: Refused by every option of the kind: (kind, value).
HOSTILE = {
    "int": ["nan", "2.5", "-5", "1" + "0" * 30],
    "float": ["nan", "inf", "-inf", "1e300", "-1e300", ""],
    "name": ["", "nope", "x" * 2000, "sigmoid,,tanh"],
    "path": ["", "/dev/null/inside"],
}


def _commands():
    stack = [((), analytic)]
    while stack:
        path, group = stack.pop()
        subcommands = getattr(group, "commands", None)
        if subcommands:
            stack += [((*path, name), sub) for name, sub in subcommands.items()]
        else:
            yield " ".join(path), group


def _type_name(param) -> str:
    # typer >= 0.2x describes a parameter by its annotation; older typer hands click a type
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        annotation = descriptor.annotation
        return {int: "integer", float: "float"}.get(annotation, "text")
    return getattr(param.type, "name", "text")


def _kind(param) -> str | None:
    if param.param_type_name != "option" or param.is_flag or param.name in ("help", "version"):
        return None
    type_name = _type_name(param)
    if type_name in ("integer", "integer range"):
        return "int"
    if type_name in ("float", "float range"):
        return "float"
    return "path" if param.name in ("data", "out") else "name"


CASES = [
    pytest.param(path, param.opts[0], value, id=f"{path} {param.opts[0]}={value[:12]!r}")
    for path, command in sorted(_commands(), key=lambda c: c[0])
    for param in command.params
    if (kind := _kind(param)) is not None
    for value in HOSTILE[kind]
]


@pytest.mark.parametrize("path, option, value", CASES)
def test_a_hostile_value_ends_in_one_line_exit_2_and_writes_nothing(
    path, option, value, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = invoke(*path.split(), *SMALL.get(path, []), option, value)
    assert_one_line_error(result)
    assert os.listdir(tmp_path) == []


def test_the_matrix_covers_every_command():
    assert {path for path, _ in _commands()} <= {p for p, *_ in (c.values for c in CASES)}


# --- values that siblings refuse, refused alike --------------------------------------------------
def _takes(option: str) -> list[str]:
    return sorted(path for path, command in _commands()
                  if any(option in param.opts for param in command.params))


#: Parameters no parameterised activation accepts: nothing, non-finite, beyond every range.
BAD_PARAMETERS = ["", " ", "nan", "inf", "-inf", "1e308", "-1e308", "x", "0.1,", ",0.1"]


@pytest.mark.parametrize("value", BAD_PARAMETERS)
@pytest.mark.parametrize("name", [n for n, f in ACTIVATIONS.items()
                                  if inspect.signature(f).parameters])
def test_every_parameterised_activation_refuses_an_empty_non_finite_or_out_of_range_parameter(
        name, value):
    assert_one_line_error(invoke("derive", "--depth", "2", "--activation", f"{name}:{value}"),
                          "--activation")


@pytest.mark.parametrize("path", _takes("--activation"))
def test_an_empty_activation_parameter_is_refused_by_every_command(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(*path.split(), *SMALL.get(path, []), "--activation", "leaky_relu:")
    assert_one_line_error(result, "nothing after ':'")
    assert os.listdir(tmp_path) == []


#: Scheme spellings: accepted as the scheme they name, or refused in one line.
REFUSED_SCHEMES = ["normal:5e-324", "normal:1e-101", "scaled:inf", "normal:", "he:", "XAVIER:1",
                   "", "normal:std=", "normal:nan"]


@pytest.mark.parametrize("value", REFUSED_SCHEMES)
@pytest.mark.parametrize("path", _takes("--init"))
def test_a_scheme_spelling_no_scheme_has_is_refused_in_one_line(path, value, tmp_path,
                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(invoke(*path.split(), *SMALL.get(path, []), "--init", value), "--init")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("spelling, law", [("Xavier", "xavier"), (" HE ", "he"),
                                           ("NORMAL:1e-100", "normal:1e-100")])
def test_a_scheme_in_any_case_and_spacing_runs_as_the_scheme_it_names(spelling, law):
    result = invoke("experiment", "init-norms", "--networks", "1", "--images", "10",
                    "--hidden", "1", "--format", "json", "--init", spelling)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["recipe"]["init"] == law


# --- files that cannot be used -------------------------------------------------------------------
def test_an_npz_whose_member_zipfile_cannot_open_ends_in_one_line(tmp_path):
    crafted = patched_zip(tmp_path / "crafted.npz", keras_members(), method=98)  # PPMd
    result = invoke("experiment", "init-norms", "--data", crafted, "--networks", "1",
                    "--images", "10")
    assert_one_line_error(result, f"{crafted} (x_train): compressed with zip method 98")


def test_a_folder_that_cannot_be_written_is_named_in_full(tmp_path, monkeypatch):
    # root may write into any folder, so the permission is taken away where it is asked
    from analytic.present import output

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(output.os, "access", lambda path, mode: Path(path) != Path("."))
    result = invoke("figures", "--only", "sigmoid_window")
    assert_one_line_error(result, f"cannot write into the folder {tmp_path} (no permission)")


# --- long runs: refused over the work budget, or they show how far they are ---------------------
class Recorder:
    """A progress display that remembers what it was told: the totals begun, the ticks."""

    def __init__(self) -> None:
        self.totals, self.ticks = [], 0

    def begin(self, total: int, unit: str) -> None:
        self.totals.append(total)

    def __call__(self, k: int = 1) -> None:
        self.ticks += k


@pytest.mark.parametrize("args, says", [
    (("check", "--depth", "2000", "--trials", "100000"),
     "100,000 random chains of depth 2,000 would take about"),
    (("check", "--depth", "1000", "--trials", "50000"),
     "50,000 random chains of depth 1,000 would take about"),
    (("table", "vanishing", "--depth", "200", "--chains", "1000000"), "2 GB budget"),
    # its peak was 2.4 GiB under an estimate of 1.9 (tests/test_rnn.py measures the bound)
    (("experiment", "rnn", "--units", "1024", "--inputs", "1", "--networks", "60", "--steps",
      "2"), "would need about 2.4 GB, more than the 2 GB budget"),
])
def test_a_run_over_the_work_or_memory_budget_is_refused_before_it_starts(args, says):
    assert_one_line_error(invoke(*args), says)


def test_check_tells_its_progress_one_tick_a_random_chain():
    from analytic.chain.verify import check_chain

    shown = Recorder()
    check_chain(3, trials=7, progress=shown)
    assert shown.totals == [7] and shown.ticks == 7


def test_the_vanishing_table_tells_its_progress_one_tick_per_hundred_chains_and_activation():
    from analytic.chain.ratios import sample_bands
    from analytic.core.activations import relu, tanh

    shown = Recorder()
    sample_bands([tanh(), relu()], 3, 250, progress=shown)
    assert shown.totals == [2 * 3] and shown.ticks == 2 * 3  # ceil(250 / 100) chunks each


def test_the_prediction_tells_its_progress_one_tick_a_network():
    from analytic.experiments.prediction import chapter_prediction
    from analytic.train import Recipe

    shown = Recorder()
    chapter_prediction(Recipe(validation=0, images=10, hidden=2), networks=3, progress=shown)
    assert shown.totals == [3] and shown.ticks == 3


# --- no infinite or undefined number is printed or written ----------------------------------------
#: Runs at the ends of the documented ranges, where a quantity diverges, overflows, underflows
#: or cancels: each must say so in words (text) or null with a reason (JSON).
EXTREMES = [
    "theory chi --activation tanh --sigma-w 1",
    "theory chi --activation relu --sigma-w 1.5",
    "theory chi --activation elu:10 --sigma-w 1000 --sigma-b 1000",
    "theory chi --activation prelu:-10 --sigma-w 1000",
    "theory chi --activation gelu --sigma-w 0.000001",
    "theory predict --measured 1e6 --hidden 2 --init normal:1e100",
    "theory predict --measured 1e-6 --hidden 2 --activation relu --init normal:1e100",
    "problem larger-derivative --weight-std 1e6 --depth 1000 --chains 20",
    "problem larger-derivative --weight-std 1e-300 --depth 2 --chains 5",
    "problem identity-neuron --w1 0.0001 --w1 100",
    "derive --explode --weight 1e6 --depth 2000",
    "derive --explode --weight -1e6 --depth 2000 --activation tanh",
    "derive --explode --weight 1 --depth 2000",
    "derive --explode --weight 1e-6 --depth 2000 --activation gelu",
    "table explosion --weight 1e-6 --depth 1",
    "table explosion --weight 1e6 --depth 55",
    "table vanishing --depth 60 --chains 10 --activation relu,prelu:-10,leaky_relu:0.999",
    "experiment rnn --radius 10 --steps 400 --networks 2 --units 2 --inputs 1",
    "experiment rnn --radius 0.000001 --steps 100 --networks 2 --units 2 --inputs 1 "
    "--input-std 0",
    "experiment training-speed --epochs 3 --images 10 --hidden 5 --eta 10 --activation prelu:-10",
    "experiment saturation --epochs 2 --images 20 --validation 10 --records 1 --hidden 3 "
    "--setup relu/normal:1e50,prelu:-10/normal:1e3 --eta 10",
    # the top layer's mean reaches -inf in the epoch the run diverges, after a finite one
    "experiment saturation --epochs 2 --images 50 --validation 10 --records 2 --hidden 3 "
    "--setup prelu:-10/normal:10 --eta 10",
    "experiment remedies --remedy plain --networks 1 --epochs 2 --images 20 --validation 10 "
    "--eta 10 --hidden 3",
]
NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(inf|nan|infinity)(?![A-Za-z])", re.IGNORECASE)


def _strict_json(text: str) -> object:
    def refuse(token: str) -> None:
        raise AssertionError(f"JSON holds {token}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("fmt, lang", [("text", "ja"), ("json", "en")])
@pytest.mark.parametrize("case", EXTREMES)
def test_no_printed_or_written_number_is_infinite_or_undefined(case, fmt, lang, tmp_path):
    # the English text shows the same numbers as the Japanese; files go to the test's folder
    path = case.split()
    writes = path[0] == "experiment" and path[1] != "training-speed"
    out = ["--out", tmp_path, "--figure", "svg"] if writes else []
    result = invoke(*path, "--format", fmt, "--lang", lang, *out)
    assert result.exit_code in (0, 1) and not isinstance(result.exception, Exception), \
        result.output
    written = [p.read_text() for p in tmp_path.iterdir() if p.suffix in (".csv", ".json")]
    for text in (result.stdout, result.stderr, *written):
        assert not NOT_A_NUMBER.search(text), NOT_A_NUMBER.search(text)
    for text in [result.stdout] * (fmt == "json") + [t for t in written if t.startswith("{")]:
        _strict_json(text)


# --- a successful run prints its result and nothing else ------------------------------------------
@pytest.mark.parametrize("unusable", [
    {"MPLCONFIGDIR": "/proc/no-such-folder"},  # cannot be made, even by root
    {"HOME": "/proc/no-such-home", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""},
    {"MPLCONFIGDIR": __file__},  # a file, not a folder
], ids=["bad MPLCONFIGDIR", "bad HOME", "MPLCONFIGDIR a file"])
def test_figures_draw_silently_when_matplotlibs_own_folder_cannot_be_written(unusable, tmp_path):
    env = {**os.environ, **unusable}
    done = subprocess.run([sys.executable, "-m", "analytic", "figures", "--only",
                           "sigmoid_window", "--out", str(tmp_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{tmp_path / 'sigmoid_window.png'}\n"


# --- a standard output that fails ----------------------------------------------------------------
#: What prints: a report, a run that also writes files, the help of a command, `analytic` alone
#: (its help, as click shows it) and the version.
PRINTING = {"report": ["derive", "--depth", "4"],
            "run with files": ["experiment", "rnn", "--networks", "2", "--steps", "5"],
            "help": ["table", "vanishing", "--help"], "no arguments": [],
            "version": ["--version"]}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", PRINTING.values(), ids=PRINTING)
def test_a_full_standard_output_is_one_error_line_exit_2_and_no_file(args, tmp_path):
    # reference: the system's own words for ENOSPC, which /dev/full gives every write
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "analytic", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: cannot write to standard output ({os.strerror(28)})"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [PRINTING["report"], PRINTING["run with files"],
                                  PRINTING["help"]], ids=["report", "run with files", "help"])
def test_a_reader_that_has_gone_ends_the_run_quietly_with_128_plus_sigpipe(args, tmp_path):
    # reference: a shell's status for a command the closed pipe killed, 128 + SIGPIPE (13)
    child = subprocess.Popen([sys.executable, "-m", "analytic", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=tmp_path)
    child.stdout.close()  # as `| head -1` does once it has its line
    assert (child.wait(timeout=60), child.stderr.read()) == (128 + 13, b"")
    assert list(tmp_path.iterdir()) == []


# --- the gated cells' and the batch-norm sweep's options, value by value -------------------------
#: (command, option, value, what the one line says): nan, inf, 0, negative, huge, empty and
#: mis-spelt values of --cell, --forget-bias and --scale, each refused where it is parsed.
CELLS_RUN = ("experiment", "rnn", "--networks", "2", "--steps", "5")
BN_RUN = ("experiment", "batch-norm-scales", "--epochs", "1", "--images", "100", "--validation",
          "100", "--watch-epochs", "1", "--width", "3")
REFUSED = [
    *((CELLS_RUN + ("--cell", "lstm"), "--forget-bias", v, says) for v, says in (
        ("nan", "finite"), ("inf", "finite"), ("-inf", "finite"), ("21", "[-20, 20]"),
        ("-1e300", "[-20, 20]"), ("", "must be a number"), ("one", "must be a number"))),
    (CELLS_RUN, "--forget-bias", "1", "does not apply to the vanilla cell alone"),
    *((CELLS_RUN, "--cell", v, says) for v, says in (
        ("", "empty item"), ("lstm,,gru", "empty item"), ("nan", "unknown cell"),
        ("0", "unknown cell"), ("-1", "unknown cell"), ("lsmt", "unknown cell"),
        ("x" * 2000, "unknown cell"))),
    *((("derive", "--tied", "--depth", "3"), "--cell", v, "is not one of vanilla, lstm")
      for v in ("", "gru", "nan", "0")),
    *((BN_RUN, "--scale", v, says) for v, says in (
        ("nan", "finite"), ("inf", "finite"), ("-inf", "finite"), ("0.1,nan", "finite"),
        ("0", "[1e-08, 100]"), ("-0.1", "[1e-08, 100]"), ("1e-9", "[1e-08, 100]"),
        ("101", "[1e-08, 100]"), ("1e300", "[1e-08, 100]"), ("", "empty item"),
        ("0.1,,0.2", "empty item"), ("abc", "takes numbers"))),
]


@pytest.mark.parametrize("run, option, value, says", REFUSED,
                         ids=[f"{r[1]} {o}={v[:12]!r}" for r, o, v, _ in REFUSED])
def test_a_cell_bias_or_scale_out_of_its_vocabulary_is_refused_in_one_line(
        run, option, value, says, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(invoke(*run, option, value), says)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("run, option, value, shown", [
    (CELLS_RUN, "--cell", "LSTM,Gru", "cell-lstm+gru"),  # names in any case, as --activation
    (CELLS_RUN + ("--cell", "lstm"), "--forget-bias", "-20", "forget-bias-20"),
    (CELLS_RUN + ("--cell", "gru"), "--forget-bias", "0", "cell-gru."),  # the default: unnamed
    (("derive", "--tied", "--depth", "3"), "--cell", "LSTM", None),
    (BN_RUN, "--scale", "1e-8,100", "scale1e-08+100"),  # both ends of the range
])
def test_the_edges_of_those_vocabularies_are_accepted(run, option, value, shown, tmp_path):
    out = () if shown is None else ("--out", str(tmp_path))  # derive writes no files
    result = invoke(*run, option, value, "--format", "json", *out)
    assert result.exit_code == 0, result.output
    if shown is not None:
        assert any(shown in p.name for p in tmp_path.iterdir()), sorted(os.listdir(tmp_path))
