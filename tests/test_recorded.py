"""The recorded runs (remedies, saturation, dying-relu, batch-norm-scales, the gated cells over
30 networks): the committed JSON of each run, its figures in English and Japanese, the manifest,
and the tool that draws them.

A run takes 15 s to two minutes (or writes megabytes), too much for the suite: the README's
figures are drawn from the committed JSON (figures/NAME/) by
``python tools/build_recorded_figures.py``. The references: the manifest the tool wrote (what
each figure showed when it was looked at, as in tests/test_figures.py: a description, not
pixels), the JSON's own numbers (for what each figure plots), and a tiny run of each command
(its JSON's keys; its own figures, byte for byte).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import warnings
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from helpers import invoke, run_script, seen_by_users

from analytic.experiments.batch_norm_scales import DEFAULT_SCALES, SCALES, SIGMOID_INPUTS
from analytic.experiments.dead_units import DYING_RELU, RECTIFIERS, rectifier_recipes
from analytic.experiments.remedies import BASE, REMEDIES
from analytic.experiments.result import read
from analytic.experiments.saturation import SATURATION, SETUPS, setups
from analytic.present.figures import build_figure, figure_bytes
from analytic.present.figures.describe import describe_figure, differences, png_size
from analytic.present.figures.recorded import (
    ARGUMENTS,
    LANGUAGES,
    RECORDED,
    STYLE,
    arguments,
    command,
    figure_data,
    figure_stems,
)
from analytic.present.table import json_ready

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "figures"
TOOL = ROOT / "tools" / "build_recorded_figures.py"
REDRAW = "redraw them with: python tools/build_recorded_figures.py"
#: A run of each command small enough for the suite.
TINY = {
    "remedies": ("--remedy", "plain", "--networks", "1", "--epochs", "1", "--images", "100",
                 "--validation", "100"),
    "saturation": ("--setup", "sigmoid/scaled", "--width", "3", "--images", "20",
                   "--validation", "10", "--epochs", "1", "--records", "1"),
    "dying-relu": ("--activation", "relu", "--networks", "1", "--width", "3", "--images", "20",
                   "--validation", "10", "--epochs", "1", "--records", "1"),
    "trainability": ("--depth", "2", "--sigma-w2", "1,2", "--width", "3", "--images", "20",
                     "--validation", "10", "--epochs", "1", "--jobs", "1"),
    "batch-norm-scales": ("--scale", "0.1", "--width", "3", "--epochs", "1", "--images", "100",
                          "--validation", "100", "--watch-epochs", "1"),
    "rnn-cells-30": ("--networks", "2", "--steps", "10"),  # the later --networks wins
    "rnn-cells-bias1-30": ("--networks", "2", "--steps", "10"),
    "jacobian": ("--activation", "relu", "--weights", "orthogonal", "--width", "8", "--depth",
                 "2,8", "--networks", "2"),
}


@cache
def committed(name: str) -> dict:
    return json.loads((FIGURES / name / RECORDED[name]).read_text())


@cache
def manifest() -> dict:
    return json.loads((FIGURES / "recorded.json").read_text())


def test_every_recorded_run_has_a_tiny_version_here():
    assert set(TINY) == set(RECORDED) == set(manifest()["runs"])


# --- the committed figures -----------------------------------------------------------------------
@pytest.mark.parametrize("name", RECORDED)
def test_the_manifest_was_drawn_from_the_committed_json(name):
    raw = (FIGURES / name / RECORDED[name]).read_bytes()
    assert manifest()["runs"][name]["sha256"] == hashlib.sha256(raw).hexdigest(), REDRAW


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", RECORDED)
def test_the_committed_figures_are_what_the_code_draws_from_the_committed_json(name, lang):
    # as the gallery's test: what a reader sees, to a relative 1e-6, not pixels
    drawn = figure_data(name, committed(name))
    for stem, figure in figure_stems(name, drawn).items():
        entry = manifest()["figures"][f"{stem}-{lang}"]
        fresh = describe_figure(figure, drawn, lang, STYLE)
        assert differences(entry["description"], fresh, 1e-6) == [], REDRAW
        png = (FIGURES / entry["png"]["file"]).read_bytes()
        assert hashlib.sha256(png).hexdigest() == entry["png"]["sha256"], REDRAW
        assert png_size(png) == (entry["png"]["width"], entry["png"]["height"])


def test_the_manifest_lists_exactly_every_runs_figures_in_both_languages():
    expected = {f"{stem}-{lang}" for name in RECORDED for lang in LANGUAGES
                for stem in figure_stems(name, figure_data(name, committed(name)))}
    assert set(manifest()["figures"]) == expected


# --- the figures plot exactly the JSON's numbers -------------------------------------------------
def band_vertices(collection) -> set[tuple[float, float]]:
    return set(map(tuple, collection.get_paths()[0].vertices.tolist()))


def test_the_remedies_figure_draws_exactly_the_jsons_speeds_after_training():
    # every median speed > 0 as a point of a line, every speed of exactly 0 as a triangle on
    # the bottom edge; the grey copies of the chapter's network in the other panels left out
    data = committed("remedies")
    fig = build_figure("remedies", figure_data("remedies", data))
    positive, zeros = [], 0
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_label().startswith("_") and line.get_linestyle() == "--":
                continue
            y = line.get_ydata()
            if line.get_marker() == "v":
                zeros += len(y)
            else:
                positive += [v for v in y if np.isfinite(v)]
    # the reference: numpy's median over the runs that did not diverge, from the JSON's runs
    medians = []
    for row in data["rows"]:
        kept = [run["speeds"][-1] for run in row["runs"] if run["diverged_at"] is None]
        medians += list(np.median(kept, axis=0)) if kept else []
    assert sorted(positive) == sorted(v for v in medians if v > 0)
    assert zeros == sum(v == 0 for v in medians) > 0


def test_the_saturation_figure_draws_exactly_the_jsons_means_percentiles_and_accuracy():
    # exact: JSON keeps every float, so the lines hold the file's numbers bit for bit
    data = committed("saturation")
    hidden = data["setups"][0]["recipe"]["hidden"]
    fig = build_figure("saturation", figure_data("saturation", data))
    axes = np.array(fig.axes).reshape(hidden + 1, len(data["setups"]))
    for column, setup in zip(axes.T, data["setups"], strict=True):
        epochs = setup["epochs"]
        for ax, layer in zip(column[:-1], setup["layers"], strict=True):
            mean, median = ax.get_lines()
            assert mean.get_xdata().tolist() == epochs
            assert mean.get_ydata().tolist() == layer["mean"]
            assert median.get_ydata().tolist() == layer["p50"]
            (band,) = ax.collections
            assert band_vertices(band) == (set(zip(epochs, layer["p2"]))
                                           | set(zip(epochs, layer["p98"])))
        (accuracy,) = column[-1].get_lines()
        assert accuracy.get_ydata().tolist() == setup["accuracy"]


def test_the_dying_relu_figure_draws_the_median_and_band_of_the_jsons_runs():
    # the reference: numpy's median and, below ten runs, min and max of the JSON's runs (the
    # 10th and 90th percentiles from ten on), to 1e-12
    data = committed("dying-relu")
    fig = build_figure("dead_units", figure_data("dying-relu", data))
    dead, accuracy = fig.axes
    for ax, key in ((dead, "dead"), (accuracy, "accuracy")):
        lines, bands = ax.get_lines(), ax.collections
        for line, band, row in zip(lines, bands, data["activations"], strict=True):
            runs = np.array([run[key] for run in row["runs"]])
            epochs = data["activations"][0]["runs"][0]["epochs"]
            assert line.get_xdata().tolist() == epochs
            np.testing.assert_allclose(line.get_ydata(), np.median(runs, axis=0), rtol=1e-12)
            low, high = (np.percentile(runs, [10, 90], axis=0) if len(runs) >= 10 else
                         (runs.min(axis=0), runs.max(axis=0)))
            vertices = np.array(sorted(band_vertices(band)))
            reference = np.array(sorted(set(zip(epochs, low)) | set(zip(epochs, high))))
            np.testing.assert_allclose(vertices, reference, rtol=1e-12)


def test_the_batch_norm_figure_draws_exactly_the_jsons_medians_and_marks_every_divergence():
    data = committed("batch-norm-scales")
    fig = build_figure("bn_scales", figure_data("batch-norm-scales", data))
    accuracy, spread = fig.axes
    drawn = {tuple(np.nan_to_num(line.get_ydata(), nan=-1.0)) for line in accuracy.get_lines()}
    for arm in range(2):
        for key in ("train_accuracy_median", "validation_accuracy_median"):
            assert tuple(np.nan_to_num(np.array(data[key][arm], dtype=float), nan=-1.0)) in drawn
        assert [list(line.get_ydata()) for line in spread.get_lines()][arm] == data[
            "z_std_median"][arm]
    crosses = [line for line in accuracy.get_lines() if line.get_marker() == "x"]
    assert sum(len(line.get_xdata()) for line in crosses) == sum(
        np.all(d) for arm in data["diverged"] for d in arm)


def test_the_cells_figure_draws_the_median_over_the_jsons_networks_at_every_step():
    # the reference: numpy's median of the JSON's per-network log10 norms, step by step
    data = committed("rnn-cells-30")
    fig = build_figure("rnn_cells", figure_data("rnn-cells-30", data))
    for ax, block in zip(fig.axes, data["cells"], strict=True):
        solid = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
        for line, radius in zip(solid, block["radii"], strict=True):
            np.testing.assert_allclose(line.get_ydata(),
                                       np.median(radius["log10_norms"], axis=0), rtol=1e-12)


@pytest.mark.parametrize("name", RECORDED)
def test_reading_a_committed_json_back_loses_nothing(name):
    # summaries computed again on reading (medians, means) may differ in their last bit with
    # the NumPy version's summation order: every number to 1e-12, everything else exactly
    from analytic.present.figures.describe import differences

    data = committed(name)
    assert differences(data, json_ready(read(data).to_json()), 1e-12) == []


def test_the_committed_runs_are_the_commands_default_runs():
    # the recipes each command runs when no option is given, and its default networks
    remedies, saturation, dying = (committed(n) for n in ("remedies", "saturation", "dying-relu"))
    assert [row["name"] for row in remedies["rows"]] == [r.name for r in REMEDIES]
    assert [row["recipe"] for row in remedies["rows"]] == [
        r.recipe(BASE).to_json() for r in REMEDIES]
    assert remedies["networks"] == 3 and remedies["base"] == BASE.to_json()
    assert [s["recipe"] for s in saturation["setups"]] == [
        r.to_json() for r in setups(SETUPS, SATURATION)]
    assert [a["recipe"] for a in dying["activations"]] == [
        r.to_json() for r in rectifier_recipes(DYING_RELU, RECTIFIERS)]
    assert dying["networks"] == 5
    bn = committed("batch-norm-scales")
    assert bn["recipe"] == SCALES.to_json()
    assert bn["scales"] == pytest.approx(list(DEFAULT_SCALES), rel=1e-12)  # NumPy's geomspace
    assert bn["networks"] == 1 and bn["inputs"]["recipe"] == SIGMOID_INPUTS.to_json()


@pytest.mark.parametrize("name", ARGUMENTS)
def test_the_other_recorded_runs_are_the_runs_their_command_lines_name(name):
    # the settings the command line sets, read back from the JSON
    data, args = committed(name), arguments(name)
    cells = args[args.index("--cell") + 1].split(",")
    assert [b["cell"] for b in data["cells"]] == cells
    assert data["samples"] == int(args[args.index("--networks") + 1])
    bias = float(args[args.index("--forget-bias") + 1]) if "--forget-bias" in args else 0.0
    assert data["forget_bias"] == bias and data["steps"] == 100 and data["seed"] == 0


# --- a tiny run of each command ------------------------------------------------------------------
@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Each command run small, with a Japanese PNG: name -> (its folder, the warnings seen)."""
    runs = {}
    for name, args in TINY.items():
        folder = tmp_path_factory.mktemp(name)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = invoke("experiment", *arguments(name), *args, "--lang", "ja", "--out",
                            folder)
        assert result.exit_code == 0, result.output
        runs[name] = folder, seen_by_users(caught)
    return runs


def keys(value):
    """The keys of every object in ``value``, nested; a list by its first entry."""
    if isinstance(value, dict):
        return {k: keys(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return [keys(value[0])]
    return None


def written(folder: Path, ext: str) -> Path:
    """The one file of a kind a run wrote; of several figures, the main one (STEM.png, where
    the others are STEM-SUFFIX.png)."""
    paths = sorted(folder.glob(f"*.{ext}"), key=lambda p: len(p.name))
    assert paths and all(p.stem.startswith(paths[0].stem) for p in paths), paths
    return paths[0]


@pytest.mark.parametrize("name", RECORDED)
def test_a_tiny_run_writes_json_of_the_committed_runs_schema(tiny, name):
    folder, _ = tiny[name]
    assert keys(json.loads(written(folder, "json").read_text())) == keys(committed(name))


@pytest.mark.parametrize("name", RECORDED)
def test_the_figure_drawn_from_a_runs_json_is_the_commands_own_byte_for_byte(tiny, name):
    folder, warned = tiny[name]
    path = written(folder, "json")
    data = figure_data(name, json.loads(path.read_text()))
    for suffix, figure in data.figure_names().items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            png = figure_bytes(figure, data, "ja", STYLE, "png")
        assert warned == [] and seen_by_users(caught) == []
        own = path.with_name(path.stem + (f"-{suffix}" if suffix else "") + ".png")
        assert png == own.read_bytes()


# --- the tool ------------------------------------------------------------------------------------
def run_tool(*args: str) -> subprocess.CompletedProcess:
    return run_script(TOOL, *args)


def test_the_tools_help_names_the_runs_and_how_to_redo_them():
    result = run_tool("--help")
    assert result.returncode == 0
    assert "analytic experiment $name --out figures/$name" in result.stdout
    defaults = [name for name in RECORDED if name not in ARGUMENTS]
    assert f"for name in {' '.join(defaults)}; do" in result.stdout and "--check" in result.stdout
    lines = " ".join(result.stdout.replace("\\\n", " ").split())  # continued lines joined
    for name in ARGUMENTS:
        assert command(name) in lines


def test_the_tool_refuses_a_folder_without_the_runs_in_one_line(tmp_path):
    result = run_tool("--folder", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "remedies.json: cannot read the run" in result.stderr
    assert list(tmp_path.iterdir()) == []


def _nudged(value):
    # every float a little off, as a run recorded again on another CPU is
    if isinstance(value, dict):
        return {k: _nudged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nudged(v) for v in value]
    return value * (1 + 1e-3) if isinstance(value, float) else value


def test_check_judges_a_run_recorded_again_by_what_its_figures_show_not_their_numbers(tmp_path):
    folder = tmp_path / "figures"
    shutil.copytree(ROOT / "figures", folder)
    path = folder / "dying-relu" / RECORDED["dying-relu"]
    run = json.loads(path.read_text())
    path.write_text(json.dumps(_nudged(run)))
    again = run_tool("--check", "--folder", str(folder))
    assert again.returncode == 0, again.stdout
    assert "dying-relu: dying-relu.json is not the run the manifest was drawn from" in again.stdout
    # one activation fewer is a figure that shows something else: a difference
    run["activations"] = run["activations"][:-1]
    path.write_text(json.dumps(run))
    fewer = run_tool("--check", "--folder", str(folder))
    assert fewer.returncode == 1 and "dying-relu-en:" in fewer.stdout
