"""``analytic experiment remedies``: the table against the library's run, its cells against
numpy's percentiles, the files it writes, the committed default run and its figures.

The default run (14 rows, 3 seeds, 20 epochs) takes about a minute, too long for the suite: the
README's figures are drawn from its committed JSON (figures/remedies/remedies.json) by
``python tools/build_remedies_figures.py``, and these tests check that the figures show exactly
that JSON's data and that a tiny run of the command writes JSON of the same schema.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import warnings
from pathlib import Path

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke, seen_by_users

from analytic.experiments.mnist import balanced_split, load_embedded
from analytic.experiments.remedies import REMEDIES, Setting, remedies, select
from analytic.present.figures import build_figure, figure_bytes
from analytic.present.figures.describe import describe_figure, differences, png_size
from analytic.present.remedies_reports import spread_cell

TINY = ("--networks", "2", "--epochs", "1", "--images", "100", "--validation", "100")
ROWS = ("plain", "prelu", "batch_norm", "exploding")
COMMITTED = Path(__file__).resolve().parents[1] / "figures" / "remedies"
REDRAW = "redraw them with: python tools/build_remedies_figures.py"


def run(*args: str):
    return invoke("experiment", "remedies", *args)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A tiny run of the command: (its JSON on stdout, the folder it wrote)."""
    folder = tmp_path_factory.mktemp("remedies")
    result = run(*TINY, "--remedy", ",".join(ROWS), "--out", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), folder


# --- the table -----------------------------------------------------------------------------------
def test_the_json_holds_the_librarys_summaries_for_the_rows_asked(tiny):
    data, _ = tiny
    train, validation = balanced_split(load_embedded(), 100, 100, seed=0)
    expected = remedies(train, validation, select(ROWS), Setting(epochs=1), seeds=2, seed=0)
    assert [row["name"] for row in data["rows"]] == list(ROWS)
    assert (data["network"], data["epochs"], data["seeds"]) == (
        [784] + [30] * 10 + [10], 1, 2)
    for row, reference in zip(data["rows"], expected.rows):
        for key, spread in (("ratio_init", reference.ratio_at_init),
                            ("ratio_trained", reference.ratio_after),
                            ("accuracy", reference.accuracy)):
            assert row[key] == (None if spread is None else
                                {"median": spread.median, "p10": spread.p10, "p90": spread.p90})
        assert row["diverged"] == reference.diverged
        assert (row["activation"], row["init"]) == (reference.remedy.activation,
                                                   reference.remedy.init)


def test_saturated_and_dead_units_are_reported_where_the_activation_has_them(tiny):
    rows = {row["name"]: row for row in tiny[0]["rows"]}
    assert rows["plain"]["dead"] is None and 0 <= rows["plain"]["saturated"] <= 1
    assert rows["prelu"]["saturated"] is None and 0 <= rows["prelu"]["dead"] <= 1
    slopes = np.array(rows["prelu"]["per_run"][0]["prelu_slopes"])
    assert slopes.shape == (2, 10) and np.all(slopes[0] == 0.25) and np.all(slopes[1] != 0.25)


def test_a_cell_is_the_median_and_band_of_the_runs_that_have_a_value():
    values = [0.1, None, 0.3]
    low, high = np.percentile([0.1, 0.3], [10, 90])
    assert spread_cell(values, "percent", "en") == (
        f"20.0% [{100 * low:.1f}, {100 * high:.1f}] (2 of 3 runs)")
    assert spread_cell([2.0e6, 1.0e6, 3.0e6], "ratio", "en") == "2e6 [1.2e6, 2.8e6]"
    assert spread_cell([None, None], "ratio", "ja") == "—"


def test_diverged_runs_read_diverged_in_the_table_and_never_nan(tiny):
    data, _ = tiny
    exploding = next(row for row in data["rows"] if row["name"] == "exploding")
    assert exploding["diverged"] and exploding["diverged_runs"] == 2  # at these sizes
    text = run(*TINY, "--remedy", "exploding,plain", "--out", os.devnull + "-none").stdout
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert "| diverged" in table[2] and "2 of 2 runs" in table[2]
    assert not any("nan" in line.lower() for line in table)


def test_the_table_and_figure_speak_japanese_with_lang_ja(tmp_path):
    result = run(*TINY, "--remedy", "plain", "--lang", "ja", "--out", str(tmp_path),
                 "--figure", "svg")
    assert result.exit_code == 0, result.output
    assert "検証データの正解率" in result.stdout and "発散" in result.stdout
    assert "エポック学習後の各隠れ層の学習の速さ" in (tmp_path / "remedies.svg").read_text()


def test_the_same_command_writes_byte_identical_files(tmp_path):
    args = ("--networks", "1", "--epochs", "1", "--images", "100", "--validation", "100",
            "--remedy", "relu", "--figure", "pdf")
    for name in ("a", "b"):
        assert run(*args, "--out", str(tmp_path / name)).exit_code == 0
    files = sorted(os.listdir(tmp_path / "a"))
    assert files == ["remedies.csv", "remedies.json", "remedies.pdf"]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader((tmp_path / "a" / "remedies.csv").read_text().splitlines()))
    assert rows[0]["name"] == "relu" and rows[0]["accuracy_median"] != ""


@pytest.mark.parametrize("args, says", [
    (("--remedy", "dropout"), "unknown remedy 'dropout'; choose from: plain, xavier"),
    (("--networks", "0"), "--networks"),
    (("--epochs", "0"), "--epochs"),
    (("--images", "105"), "multiple of 10"),
])
def test_bad_requests_end_in_one_line_and_write_nothing(args, says, tmp_path):
    assert_one_line_error(run(*args, "--out", str(tmp_path / "out")), says)
    assert not (tmp_path / "out").exists()


def test_an_interrupted_run_writes_nothing(tmp_path, monkeypatch):
    import analytic.experiments.remedies

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analytic.experiments.remedies, "remedies", interrupted)
    result = run(*TINY, "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "interrupted; no files were written", code=130)
    assert not (tmp_path / "out").exists()


# --- the committed default run and the README's figures ------------------------------------------
def keys(value):
    """The keys of every object in ``value``, nested; a list by its first entry."""
    if isinstance(value, dict):
        return {k: keys(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return [keys(value[0])]
    return None


def test_a_tiny_run_writes_json_of_the_committed_runs_schema(tiny):
    committed = json.loads((COMMITTED / "remedies.json").read_text())
    fresh = tiny[0]
    assert keys(fresh) == keys(committed)
    assert [row["name"] for row in committed["rows"]] == [r.name for r in REMEDIES]


def test_the_figure_draws_exactly_the_jsons_speeds_after_training():
    # every median speed > 0 as a point of a line, every speed of exactly 0 as a triangle on
    # the bottom edge (y = 0 in axes coordinates); the grey copies of the chapter's network
    # in the other panels are left out (no legend entry)
    data = json.loads((COMMITTED / "remedies.json").read_text())
    fig = build_figure("remedies", data)
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
    medians = [v for row in data["rows"] if row["speeds_trained"] is not None
               for v in row["speeds_trained"]["median"]]
    assert sorted(positive) == sorted(v for v in medians if v > 0)
    assert zeros == sum(v == 0 for v in medians) > 0


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_committed_figures_are_what_the_code_draws_from_the_committed_json(lang):
    # as the gallery's test: what a reader sees, not pixels (see tests/test_figures.py)
    manifest = json.loads((COMMITTED / "figures.json").read_text())
    entry = manifest["figures"][f"remedies-{lang}"]
    data = json.loads((COMMITTED / "remedies.json").read_text())
    fresh = describe_figure("remedies", data, lang)
    assert differences(entry["description"], fresh, 1e-6) == [], REDRAW
    png = (COMMITTED / entry["png"]["file"]).read_bytes()
    assert hashlib.sha256(png).hexdigest() == entry["png"]["sha256"], REDRAW
    assert png_size(png) == (entry["png"]["width"], entry["png"]["height"])


@pytest.mark.parametrize("lang, style, fmt", [("ja", "slides", "svg"), ("en", "paper", "pdf")])
def test_the_committed_run_draws_in_every_language_and_style_without_a_warning(lang, style, fmt):
    # a glyph missing from the fonts, or a layout that does not fit, warns while drawing
    data = json.loads((COMMITTED / "remedies.json").read_text())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure_bytes("remedies", data, lang, style, fmt)
    assert seen_by_users(caught) == []
