"""``analytic experiment remedies``: the table against the library's run, its cells against
numpy's percentiles, the files it writes.

The committed default run and its figures are checked with the other recorded runs, in
tests/test_recorded.py.
"""

from __future__ import annotations

import csv
import json
import os

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke

from analytic.experiments.remedies import BASE, remedies, select
from analytic.present.reports.words import spread_cell, words

TINY = ("--networks", "2", "--epochs", "1", "--images", "100", "--validation", "100")
ROWS = ("plain", "prelu", "batch_norm", "exploding")


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
    expected = remedies(select(ROWS), BASE.but(epochs=1, images=100, validation=100),
                        networks=2)
    assert [row["name"] for row in data["rows"]] == list(ROWS)
    base = data["base"]
    assert (base["hidden"], base["width"], base["epochs"], data["networks"]) == (10, 30, 1, 2)
    for row, reference in zip(data["rows"], expected.rows):
        for key, spread in (("ratio_init", reference.ratio_at_init),
                            ("ratio_trained", reference.ratio_after),
                            ("accuracy", reference.accuracy)):
            assert row[key] == (None if spread is None else spread.to_json())
        assert (row["diverged_runs"] > 0) == reference.diverged
        assert row["recipe"] == reference.recipe.to_json()


def test_saturated_and_dead_units_are_reported_where_the_activation_has_them(tiny):
    rows = {row["name"]: row for row in tiny[0]["rows"]}
    assert rows["plain"]["runs"][0]["dead"] is None
    assert 0 <= rows["plain"]["saturated"]["median"] <= 1
    assert rows["prelu"]["runs"][0]["saturated"] is None
    assert 0 <= rows["prelu"]["dead"]["median"] <= 1
    slopes = np.array(rows["prelu"]["runs"][0]["prelu_slopes"])
    assert slopes.shape == (2, 10) and np.all(slopes[0] == 0.25) and np.all(slopes[1] != 0.25)


def test_a_cell_is_the_median_and_band_of_the_runs_that_have_a_value():
    # below ten runs the band is the range; from ten on the 10th and 90th percentiles
    values = [0.1, None, 0.3]
    assert spread_cell(values, "percent", words("en")) == "20.0% [10.0, 30.0] (2 of 3 runs)"
    assert spread_cell([2.0e6, 1.0e6, 3.0e6], "ratio", words("en")) == "2e6 [1e6, 3e6]"
    ten = [float(v) for v in range(1, 11)]
    low, high = np.percentile(ten, [10, 90])
    assert spread_cell(ten, "ratio", words("en")) == f"5.5 [{low:.3g}, {high:.3g}]"
    assert spread_cell([None, None], "ratio", words("ja")) == "—"


def test_diverged_runs_read_diverged_in_the_table_and_never_nan(tiny):
    data, _ = tiny
    exploding = next(row for row in data["rows"] if row["name"] == "exploding")
    assert exploding["diverged_runs"] == 2  # at these sizes
    text = run(*TINY, "--remedy", "exploding,plain", "--out", os.devnull + "-none").stdout
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert "| diverged" in table[2] and "2 of 2 runs" in table[2]
    assert not any("nan" in line.lower() for line in table)


def test_the_table_and_figure_speak_japanese_with_lang_ja(tmp_path):
    result = run(*TINY, "--remedy", "plain", "--lang", "ja", "--out", str(tmp_path),
                 "--figure", "svg")
    assert result.exit_code == 0, result.output
    assert "検証データの正解率" in result.stdout and "発散" in result.stdout
    [figure] = tmp_path.glob("*.svg")
    assert figure.name.startswith("remedies-") and figure.name.endswith("-ja.svg")
    assert "エポック学習後の各隠れ層の学習の速さ" in figure.read_text()


def test_the_same_command_writes_byte_identical_files(tmp_path):
    args = ("--networks", "1", "--epochs", "1", "--images", "100", "--validation", "100",
            "--remedy", "relu", "--figure", "pdf")
    for name in ("a", "b"):
        assert run(*args, "--out", str(tmp_path / name)).exit_code == 0
    files = sorted(os.listdir(tmp_path / "a"))
    stem = "remedies-epochs1-images100-validation100-remedy-relu-networks1"
    assert files == [f"{stem}.csv", f"{stem}.json", f"{stem}.pdf"]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader((tmp_path / "a" / files[0]).read_text().splitlines()))
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


def test_each_row_names_its_own_measure_and_one_chosen_measure_judges_every_row(tiny, tmp_path):
    data, _ = tiny
    own = {row["name"]: row["measure"] for row in data["rows"]}
    assert data["measure"] is None
    assert own == {"plain": "bias-gradient", "prelu": "bias-gradient",
                   "batch_norm": "delta-rms", "exploding": "bias-gradient"}
    chosen = run("--networks", "1", "--epochs", "1", "--images", "100", "--validation", "100",
                 "--remedy", "plain,batch_norm", "--measure", "weight-gradient", "--out",
                 str(tmp_path))
    assert chosen.exit_code == 0, chosen.output
    cells = [line.split("|")[2].strip() for line in chosen.stdout.splitlines()
             if line.startswith("| sigmoid")]
    assert cells == ["‖∂C/∂W‖", "‖∂C/∂W‖"]
    assert "‖∂C/∂W‖ for every row, as chosen" in chosen.stdout
