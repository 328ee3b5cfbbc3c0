"""Every option of every command, given a hostile value, ends in one line and exit code 2.

The commands and their options are read from the command line itself, so a new command or
option is covered without editing this file. For each option, values that no option accepts
(non-finite or unparsable numbers, numbers far beyond any stated range, empty or unknown
names) must give exit code 2, one ``error:`` line on stderr, nothing on stdout, and no file
written. Each command runs from a small set-up, so a value that is wrongly accepted fails fast.
"""

from __future__ import annotations

import os

import pytest
from helpers import assert_one_line_error, invoke
from helpers import command as analytic

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
