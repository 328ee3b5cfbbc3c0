"""``analytic experiment histograms`` and ``analytic experiment rnn``: output, files, refusals.

The reference is the library call each command should make (its numbers are checked against
theory in test_histograms.py and test_rnn.py), the files on disk, and the one-line error
contract: exit code 2, one line ``error: ...``, nothing on stdout, no file written.
"""

from __future__ import annotations

import csv
import json
import os

import numpy as np
import pytest
from helpers import invoke

from analytic.cli.options import _setups
from analytic.core.activations import get_activation, tanh
from analytic.core.initialisation import get_initialisation
from analytic.experiments.histograms import HISTOGRAMS, layer_histograms, setups
from analytic.experiments.rnn import recurrent_gradients

HIST = ("histograms", "--hidden", "2", "--width", "10", "--images", "50", "--bins", "9",
        "--setup", "sigmoid/gaussian", "--setup", "relu/he,tanh/normal:0.2",
        "--bias-std", "0.5", "--figure", "svg")
RNN = ("rnn", "--radius", "0.5,2", "--radius", "1", "--units", "8", "--inputs", "3", "--steps",
       "30", "--networks", "6", "--input-std", "0.2", "--clip", "3", "--seed", "4",
       "--figure", "svg")


def run(*args: str):
    return invoke("experiment", *args)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each command run twice into two folders, with JSON on stdout."""
    out = tmp_path_factory.mktemp("runs")
    results = {}
    for name, args in (("histograms", HIST), ("rnn", RNN)):
        results[name] = [run(*args, "--format", "json", "--out", str(out / f"{name}-{i}"))
                         for i in (1, 2)]
    return out, results


# --- files and numbers ---------------------------------------------------------------------------
HIST_STEM = ("histograms-2-width10-bias-std0.5-images50-setup-sigmoid+gaussian+relu+he+tanh+"
             "normal_0.2-bins9")
RNN_STEM = "rnn-radius0.5_2+1-units8-inputs3-steps30-networks6-input-std0.2-clip3-seed4"


@pytest.mark.parametrize("name, files", [
    ("histograms", [f"{HIST_STEM}-delta.svg", f"{HIST_STEM}.csv", f"{HIST_STEM}.json",
                    f"{HIST_STEM}.svg"]),
    ("rnn", [f"{RNN_STEM}.csv", f"{RNN_STEM}.json", f"{RNN_STEM}.svg"]),
])
def test_a_rerun_writes_the_same_files_byte_for_byte(runs, name, files):
    out, results = runs
    assert [r.exit_code for r in results[name]] == [0, 0], results[name][0].output
    assert sorted(os.listdir(out / f"{name}-1")) == files
    for f in files:
        assert (out / f"{name}-1" / f).read_bytes() == (out / f"{name}-2" / f).read_bytes()
    assert results[name][0].stdout == results[name][1].stdout


def test_histograms_json_holds_the_library_numbers_for_each_setup_and_layer(runs):
    data = json.loads(runs[1]["histograms"][0].stdout)
    pairs = [(get_activation(a), get_initialisation(i))
             for a, i in (("sigmoid", "gaussian"), ("relu", "he"), ("tanh", "normal:0.2"))]
    recipes = setups(pairs, HISTOGRAMS.but(hidden=2, width=10, images=50, bias_std=0.5))
    expected = layer_histograms(recipes, bins=9)
    assert [(s["recipe"]["activation"], s["recipe"]["init"]) for s in data["setups"]] == [
        ("sigmoid", "gaussian"), ("relu", "he"), ("tanh", "normal:0.2")]
    for got, want in zip(data["setups"], expected.setups):
        assert got["saturation"] == want.saturation and got["recipe"]["bias_std"] == 0.5
        for g, w in zip(got["layers"], want.layers, strict=True):
            for key in ("mean", "std", "saturated", "z_var", "z_var_predicted", "delta_rms"):
                assert g[key] == pytest.approx(getattr(w, key), rel=1e-12, abs=1e-300)
            assert g["a_counts"] == w.a_counts.tolist()


def test_histograms_csv_has_a_row_per_setup_and_layer(runs):
    out, _ = runs
    rows = list(csv.DictReader((out / "histograms-1" / f"{HIST_STEM}.csv").open()))
    assert [(r["activation"], r["layer"]) for r in rows] == [
        (a, l) for a in ("sigmoid", "relu", "tanh") for l in ("1", "2")]
    assert {"mean", "std", "saturated", "z_var", "z_var_predicted", "z_var_meanfield",
            "delta_rms", "delta_rms_predicted"} <= set(rows[0])


def test_rnn_json_and_csv_hold_the_library_numbers_per_radius(runs):
    out, results = runs
    data = json.loads(results["rnn"][0].stdout)
    expected = recurrent_gradients((0.5, 2.0, 1.0), 8, 3, 30, 6, 0.2, 3.0, tanh(), 4)
    assert [r["rho"] for r in data["radii"]] == [0.5, 2.0, 1.0]
    for got, want in zip(data["radii"], expected.radii):
        np.testing.assert_allclose(got["log10_norms"], want.log10_norms, rtol=1e-12)
        assert got["meanfield_factor"] == pytest.approx(want.meanfield_factor, rel=1e-12)
        assert np.array(got["log10_norms"]).shape == (6, 30)
    rows = list(csv.DictReader((out / "rnn-1" / f"{RNN_STEM}.csv").open()))
    assert [r["rho"] for r in rows] == ["0.5", "2.0", "1.0"]
    assert {"lambda1_median", "pascanu_fraction", "log10_norm_h1_p10", "log10_norm_h1_p90",
            "rate_median", "meanfield_factor", "clipped_fraction",
            "log10_clipped_norm_h1_median"} <= set(rows[0])


def test_text_tables_say_inactive_for_rectifiers_and_follow_the_language(tmp_path):
    args = ("histograms", "--hidden", "1", "--width", "4", "--images", "20", "--setup",
            "relu/he,sigmoid/xavier", "--out", str(tmp_path))
    english, japanese = run(*args), run(*args, "--lang", "ja")
    assert english.exit_code == japanese.exit_code == 0, english.output
    assert "| inactive |" in english.stdout and "| saturated |" in english.stdout
    assert "| 不活性 |" in japanese.stdout and "| 飽和 |" in japanese.stdout
    rnn = run("rnn", "--units", "4", "--steps", "10", "--networks", "3", "--format", "markdown",
              "--out", str(tmp_path))
    assert rnn.exit_code == 0 and "| λ₁ median |" in rnn.stdout and "nan" not in rnn.stdout


def test_a_setup_may_carry_an_activation_whose_parameters_hold_commas():
    parsed = [*_setups("rrelu:0.1,0.3/he,relu/normal:0.01"), *_setups("tanh/xavier")]
    assert [(a.spec, i.spec) for a, i in parsed] == [
        ("rrelu:lower=0.1,upper=0.3", "he"), ("relu", "normal:0.01"), ("tanh", "xavier")]


# --- refusals ------------------------------------------------------------------------------------
BAD = [
    *[("histograms", option, value) for option in ("--hidden", "--width", "--bins", "--images")
      for value in ("nan", "inf", "0", "-3", "10000000000", "")],
    *[("histograms", "--bias-std", v) for v in ("nan", "inf", "-0.1", "1e9", "")],
    *[("histograms", "--setup", v) for v in ("", "relu", "relu/", "/he", "relu/he/xavier",
                                             "cosine/he", "relu/uniform", "relu/normal:0",
                                             "relu/normal:nan", "relu/he,")],
    *[("rnn", "--radius", v) for v in ("nan", "inf", "0", "-1", "10.5", "1e300", "", "a")],
    *[("rnn", option, value) for option in ("--units", "--inputs", "--steps", "--networks")
      for value in ("nan", "inf", "0", "-3", "10000000000", "")],
    *[("rnn", "--input-std", v) for v in ("nan", "inf", "-1", "11", "")],
    *[("rnn", "--clip", v) for v in ("nan", "inf", "0", "-1", "1e301", "")],
    ("rnn", "--activation", "relu"),
    ("rnn", "--activation", "softmaxx"),
    *[(command, option, value) for command in ("histograms", "rnn")
      for option, value in (("--seed", "-1"), ("--lang", "fr"), ("--figure", "gif"),
                            ("--style", "poster"), ("--format", "xml"), ("--out", ""))],
]


@pytest.mark.parametrize("command, option, value", BAD)
def test_a_bad_value_ends_in_one_line_and_writes_nothing(tmp_path, command, option, value):
    small = ("--images", "10") if command == "histograms" else ("--networks", "2")
    args = [command, *small, option, value]
    if option != "--out":
        args += ["--out", str(tmp_path / "out")]
    result = run(*args)
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result.output
    assert result.stderr.startswith("error: ")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, quantity", [
    (("histograms", "--hidden", "20", "--width", "1000", "--images", "5000"),
     "the activations, errors and weights of every layer"),
    (("rnn", "--networks", "10000", "--steps", "100000"),
     "the recurrent states and norms of every sample"),
])
def test_a_request_over_the_memory_budget_is_refused_before_any_work(tmp_path, args, quantity):
    result = run(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {quantity} would need about")
    assert "2 GB budget" in result.stderr and not (tmp_path / "out").exists()
