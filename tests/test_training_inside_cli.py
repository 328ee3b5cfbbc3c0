"""``analytic experiment saturation`` and ``dying-relu``: files, numbers, figures, refusals.

The reference for the numbers is the library call each command should make (checked against
hand-written references in test_training_inside.py); for the figures, the data they are
given; for refusals, the one-line error contract (exit code 2, one ``error:`` line, nothing on
stdout, no file written).
"""

from __future__ import annotations

import csv
import json
import os
import warnings

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke, seen_by_users

from analytic.core.activations import elu, relu, sigmoid, tanh
from analytic.core.initialisation import he, scaled, xavier
from analytic.experiments.dead_units import DYING_RELU, dead_units, rectifier_recipes
from analytic.experiments.saturation import SATURATION as WATCHED
from analytic.experiments.saturation import SETUPS, figure_2, saturation, setups
from analytic.present.figures import build_figure
from analytic.present.reports.training import dead_units_report, saturation_report
from analytic.present.table import render

SATURATION = ("saturation", "--setup", "sigmoid/scaled,tanh/xavier", "--hidden", "2", "--width",
              "5", "--images", "40", "--validation", "20", "--epochs", "2", "--records", "2",
              "--eta", "0.5", "--bias-std", "0", "--seed", "3", "--figure", "svg")
DEAD = ("saturation", "--dead", "--setup", "relu/he,elu/he", "--hidden", "2", "--width", "5",
        "--images", "40", "--validation", "20", "--epochs", "2", "--records", "2", "--eta",
        "0.5", "--seed", "3", "--figure", "svg")
DYING = ("dying-relu", "--activation", "relu,elu", "--hidden", "2", "--width", "5", "--images",
         "40", "--validation", "20", "--epochs", "2", "--records", "2", "--networks", "2",
         "--bias-shift", "1", "--eta", "0.2", "--figure", "svg")


SMALL = WATCHED.but(hidden=2, width=5, images=40, validation=20, epochs=2, records=2, eta=0.5,
                   seed=3)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each command run twice into two folders, with JSON on stdout and Japanese figures; the
    warnings raised on the way (a glyph missing from the fonts, a layout that does not fit)."""
    out = tmp_path_factory.mktemp("runs")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = {name: [invoke("experiment", *args, "--format", "json", "--lang", "ja",
                                 "--out", out / f"{name}-{i}") for i in (1, 2)]
                   for name, args in (("saturation", SATURATION), ("dying", DYING),
                                      ("dead", DEAD))}
    return out, results, seen_by_users(caught)


@pytest.fixture(scope="module")
def expected():
    """The library calls the two commands make."""
    dying = DYING_RELU.but(hidden=2, width=5, images=40, validation=20, epochs=2, records=2,
                           eta=0.2, bias_shift=1.0)
    return {
        "saturation": saturation(setups([(sigmoid(), scaled()), (tanh(), xavier())],
                                        SMALL.but(bias_std=0.0))),
        "dead": saturation(setups([(relu(), he()), (elu(), he())], SMALL), dead_view=True),
        "dying": dead_units(rectifier_recipes(dying, [relu(), elu()]), networks=2),
    }


def _stems() -> dict[str, str]:
    common = "eta0.5-epochs2-records2-images40-validation20-seed3"
    return {"saturation": f"saturation-2-width5-bias-std0-{common}-setup-sigmoid+scaled+tanh+"
                          "xavier-ja",
            "dead": f"saturation-2-width5-{common}-setup-relu+he+elu+he-dead-ja",
            "dying": "dying-relu-hidden2-width5-eta0.2-epochs2-records2-images40-validation20-"
                     "bias-shift1-activation-relu+elu-networks2-ja"}


STEMS = _stems()


@pytest.mark.parametrize("name, files", [
    (name, [f"{stem}.csv", f"{stem}.json", f"{stem}.svg"]) for name, stem in STEMS.items()
])
def test_a_rerun_writes_the_same_files_byte_for_byte(runs, name, files):
    out, results, warned = runs
    assert warned == []
    assert [r.exit_code for r in results[name]] == [0, 0], results[name][0].output
    assert sorted(os.listdir(out / f"{name}-1")) == files
    for f in files:
        assert (out / f"{name}-1" / f).read_bytes() == (out / f"{name}-2" / f).read_bytes()
    assert results[name][0].stdout == results[name][1].stdout


def test_saturation_json_and_csv_hold_every_measurement_of_the_library_run(runs, expected):
    out, results, _ = runs
    data, want = json.loads(results["saturation"][0].stdout), expected["saturation"]
    assert {"experiment", "data", "dead_view", "percentiles", "setups"} <= set(data)
    assert data["percentiles"] == [2.0, 50.0, 98.0]
    for got, trace in zip(data["setups"], want.traces, strict=True):
        assert got["recipe"] == trace.recipe.to_json() and got["recipe"]["bias_std"] == 0
        assert got["steps"] == trace.steps.tolist() == [0, 2, 4, 6, 8]
        assert got["accuracy"] == trace.accuracies.tolist()
        for layer, l in zip(got["layers"], range(2), strict=True):
            assert layer["mean"] == trace.means[:, l].tolist()
            assert layer["p98"] == trace.percentiles[:, l, 2].tolist()
    rows = list(csv.DictReader((out / "saturation-1" / f"{STEMS['saturation']}.csv").open()))
    assert list(rows[0]) == ["activation", "init", "step", "epoch", "layer", "mean", "p2", "p50",
                             "p98", "dead", "accuracy"]
    assert {row["dead"] for row in rows} == {""}  # neither sigmoid nor tanh has dead units
    assert all(layer["dead"] is None for t in data["setups"] for layer in t["layers"])
    assert len(rows) == 2 * 5 * 2  # set-ups x measurements x layers
    last = want.traces[1]
    assert float(rows[-1]["p2"]) == last.percentiles[-1, -1, 0]
    assert (rows[-1]["activation"], rows[-1]["epoch"]) == ("tanh", "2.0")


def test_dying_relu_json_and_csv_hold_every_measurement_of_every_run(runs, expected):
    out, results, _ = runs
    data, want = json.loads(results["dying"][0].stdout), expected["dying"]
    assert data["networks"] == 2
    recipes = [a["recipe"] for a in data["activations"]]
    assert [r["activation"] for r in recipes] == ["relu", "elu:alpha=1"]
    assert all(r["bias_shift"] == 1.0 and r["init"] == "he" for r in recipes)
    for got, row in zip(data["activations"], want.rows, strict=True):
        for run, ref in zip(got["runs"], row.runs, strict=True):
            assert run["dead"] == ref.dead.tolist() and run["accuracy"] == ref.accuracies.tolist()
    rows = list(csv.DictReader((out / "dying-1" / f"{STEMS['dying']}.csv").open()))
    assert list(rows[0]) == ["activation", "seed", "step", "epoch", "dead", "accuracy"]
    assert len(rows) == 2 * 2 * 5  # activations x seeds x measurements


def test_the_text_tables_show_epochs_0_1_2_and_follow_the_language(expected):
    english = render(saturation_report(expected["saturation"], "en"))
    japanese = render(saturation_report(expected["saturation"], "ja"))
    assert "| epoch | accuracy | mean a1 | mean a2 | a2 2 % | a2 median | a2 98 % |" in english
    assert "| エポック | 正解率 |" in japanese and "最上位の隠れ層" in japanese
    trace = expected["saturation"].traces[0]
    epoch, low = trace.lowest_mean(2)
    if epoch > 0:
        assert f"to its lowest, {low:.3f}, at epoch {epoch:g}" in english
    else:
        assert f"mean a, {trace.means[0, 1]:.3f} at the start, never went lower" in english
    dying = render(dead_units_report(expected["dying"], "en"), "markdown")
    assert "| activation | epoch 0 | epoch 1 | epoch 2 |" in dying
    assert "| elu " in dying and "nan" not in dying


def test_the_dead_view_holds_each_layers_dead_units_of_the_library_run(runs, expected):
    out, results, _ = runs
    data, want = json.loads(results["dead"][0].stdout), expected["dead"]
    for got, trace in zip(data["setups"], want.traces, strict=True):
        for layer, l in zip(got["layers"], range(2), strict=True):
            assert layer["dead"] == trace.dead[:, l].tolist()
            assert layer["mean"] == trace.means[:, l].tolist()
    rows = list(csv.DictReader((out / "dead-1" / f"{STEMS['dead']}.csv").open()))
    assert [float(r["dead"]) for r in rows[:4]] == [want.traces[0].dead[0, 0],
                                                    want.traces[0].dead[0, 1],
                                                    want.traces[0].dead[1, 0],
                                                    want.traces[0].dead[1, 1]]
    text = invoke("experiment", *DEAD, "--out", out / "dead-text").stdout
    assert "dead in 1" in text and "dead units per hidden layer" in text
    assert "each hidden layer's dead units" in text.splitlines()[0]
    first = want.traces[0]
    assert f"{first.dead[-1, 1]:.1%}" in text.split("relu, he (weights")[1]
    japanese = invoke("experiment", *DEAD, "--lang", "ja", "--out", out / "dead-ja").stdout
    assert "死んだユニット（層 1）" in japanese


def test_the_dead_view_figure_draws_each_layers_dead_share_and_the_accuracy(expected):
    data = expected["dead"]
    fig = build_figure("saturation_dead", data, lang="ja")
    axes = np.array(fig.axes[:4]).reshape(2, 2)  # rows: dead units, accuracy
    for j, trace in enumerate(data.traces):
        lines = axes[0, j].get_lines()
        assert len(lines) == 2
        for l, line in enumerate(lines):
            np.testing.assert_array_equal(line.get_xdata(), trace.epochs)
            np.testing.assert_array_equal(line.get_ydata(), trace.dead[:, l])
        np.testing.assert_array_equal(axes[1, j].get_lines()[0].get_ydata(), trace.accuracies)
        assert axes[0, j].get_ylim() == (0.0, 1.0)


def test_the_saturation_figure_draws_each_layers_mean_and_band(expected):
    data = expected["saturation"]
    fig = build_figure("saturation", data)
    axes = np.array(fig.axes[:6]).reshape(3, 2)  # rows: layer 1, layer 2, accuracy
    for j, trace in enumerate(data.traces):
        for l in range(2):
            mean, median = axes[l, j].get_lines()
            np.testing.assert_array_equal(mean.get_xdata(), trace.epochs)
            np.testing.assert_array_equal(mean.get_ydata(), trace.means[:, l])
            np.testing.assert_array_equal(median.get_ydata(), trace.percentiles[:, l, 1])
            band = axes[l, j].collections[0].get_paths()[0].vertices[:, 1]
            assert band.min() == pytest.approx(trace.percentiles[:, l, 0].min())
            assert band.max() == pytest.approx(trace.percentiles[:, l, 2].max())
        np.testing.assert_array_equal(axes[2, j].get_lines()[0].get_ydata(), trace.accuracies)
    assert axes[0, 1].get_ylim() == (-1.0, 1.0) and axes[0, 0].get_ylim() == (0.0, 1.0)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "mean of $a$", "median of $a$", "2nd to 98th percentile of $a$"]


def test_the_dead_units_figure_draws_the_median_over_runs_for_each_activation(expected):
    data = expected["dying"]
    fig = build_figure("dead_units", data, lang="ja")
    dead, accuracy = fig.axes[:2]
    for line, row in zip(dead.get_lines(), data.rows, strict=True):
        np.testing.assert_array_equal(line.get_ydata(),
                                      np.median([r.dead for r in row.runs], axis=0))
    for line, row in zip(accuracy.get_lines(), data.rows, strict=True):
        np.testing.assert_array_equal(line.get_ydata(),
                                      np.median([r.accuracies for r in row.runs], axis=0))
    styles = [line.get_linestyle() for line in dead.get_lines()]
    assert len(set(styles)) == len(styles)  # coinciding lines stay told apart


# --- refusals ------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, says", [
    (("dying-relu", "--activation", "sigmoid"), "'sigmoid' is not a rectifier; choose from:"),
    (("dying-relu", "--activation", "relu,tanh"), "'tanh' is not a rectifier"),
    (("dying-relu", "--bias-shift", "101"), "--bias-shift: must lie in [-100, 100], got 101"),
    (("dying-relu", "--init", "uniform"), "initialisation"),
    (("dying-relu", "--networks", "0"), "--networks: must be an integer from 1"),
    (("saturation", "--setup", "relu"), "--setup: takes ACTIVATION/INIT"),
    (("saturation", "--dead", "--setup", "relu/he,tanh/xavier"), "tanh is not a rectifier"),
    (("saturation", "--dead", "--setup", "sigmoid/scaled"), "sigmoid is not a rectifier"),
    (("saturation", "--setup", "cosine/he"), "unknown activation 'cosine'"),
    (("saturation", "--bias-std", "-1"), "--bias-std: must lie in [0, 1000], got -1"),
    (("saturation", "--eta", "0"), "--eta: must lie in (0, 10], got 0"),
    (("saturation", "--records", "0"), "--records: must be an integer from 1"),
    (("saturation", "--epochs", "20000"), "--epochs: must be an integer from 1 to 10,000"),
    (("saturation", "--hidden", "20", "--width", "1000", "--epochs", "10000", "--images",
      "4000"), "passes of a [784, 1,000 x 20, 10] network over 10 images would take about"),
])
def test_a_bad_value_ends_in_one_line_naming_it_and_writes_nothing(tmp_path, args, says):
    # small runs unless the case says otherwise (the last of a repeated option counts)
    command, *rest = args
    result = invoke("experiment", command, "--images", "20", "--validation", "10", *rest,
                    "--out", tmp_path / "out")
    assert_one_line_error(result, says)
    assert not (tmp_path / "out").exists()


# --- Glorot and Bengio's set-up, named -----------------------------------------------------------
#: The small run of a preset: its network narrowed and its training cut to a few steps.
SMALL_PRESET = ("--width", "20", "--hidden", "1", "--epochs", "1", "--images", "20",
                "--validation", "10", "--records", "1")


def test_the_glorot2010_preset_runs_their_set_up_and_says_what_it_follows(tmp_path):
    done = invoke("experiment", "saturation", "--preset", "glorot2010", *SMALL_PRESET,
                  "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    out = done.stdout
    # the paper's items the preset keeps, and the two the options changed back
    assert "sigmoid, standard (weights U(±1/√n_in))" in out
    assert "softmax output, log-likelihood cost" in out and "biases 0" in out
    follows = next(line for line in out.splitlines() if line.startswith("as Glorot and Bengio"))
    differs = next(line for line in out.splitlines() if line.startswith("unlike them"))
    assert "negative log-likelihood" in follows and "mini-batches of 10" in follows
    assert "units a hidden layer: 20 (theirs 1,000)" in differs
    assert "hidden layers: 1 (theirs four)" in differs and "Shapeset-3×2" in differs
    assert sorted(p.name for p in tmp_path.iterdir())[0].startswith(
        "saturation-1-width20-epochs1-records1-images20-validation10-preset-glorot2010.")


def test_the_default_saturation_run_follows_only_their_depth_and_mini_batches():
    assert [key for key, held in figure_2(setups(SETUPS, WATCHED)) if held] == ["depth", "batch"]


def test_the_histograms_preset_is_their_figures_6_and_7_pair(tmp_path):
    done = invoke("experiment", "histograms", "--preset", "glorot2010", "--width", "20",
                  "--images", "20", "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    titles = [line for line in done.stdout.splitlines() if line.startswith("tanh, ")]
    assert titles == ["tanh, standard (weights U(±1/√n_in))",
                      "tanh, xavier (weights U(±√(6/(n_in + n_out))))"]
    assert "softmax output, log-likelihood cost" in done.stdout
    assert_one_line_error(invoke("experiment", "histograms", "--preset", "glorot2011"),
                          "'glorot2011' is not one of glorot2010")
