"""The ``analytic experiment`` commands: exit codes, key output, files, refusals.

The numbers themselves are checked in test_experiments.py; here the reference is the library
call the command should make, the files on disk, and the one-line error contract.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import pickle

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke
from mnist_files import CreatesAFile, write_idx_folder

from analytic.core.activations import prelu
from analytic.core.initialisation import he
from analytic.experiments.speeds import init_norms
from analytic.experiments.training import TRAINING_SPEED, training_speed
from analytic.train import Recipe


def run(*args: str):
    return invoke("experiment", *args)


def test_init_norms_json_lists_median_and_band_per_hidden_layer_first_layer_first():
    result = run("init-norms", "--hidden", "3", "--seeds", "8", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["median"]) == 3 and data["recipe"]["hidden"] == 3
    assert data["measure"] == "bias-gradient"
    expected = init_norms(Recipe(hidden=3, validation=0), networks=8)
    np.testing.assert_allclose(data["median"], np.median(expected.speeds, axis=0), rtol=1e-12)
    # eight networks: the band is their range, and says so
    assert data["band"] == "min-max"
    np.testing.assert_allclose(data["low"], expected.speeds.min(axis=0), rtol=1e-12)
    np.testing.assert_allclose(data["high"], expected.speeds.max(axis=0), rtol=1e-12)
    np.testing.assert_allclose(data["speeds"], expected.speeds, rtol=1e-12)


def test_init_norms_text_and_csv_show_the_bands_and_ratios():
    text = run("init-norms", "--hidden", "2", "--seeds", "5")
    assert text.exit_code == 0 and "median ratio" in text.output
    assert " min " in text.output and " max " in text.output  # five networks: their range
    table = run("init-norms", "--hidden", "2", "--seeds", "5", "--format", "csv")
    rows = list(csv.DictReader(table.output.splitlines()))
    assert [r["layer"] for r in rows] == ["1", "2"] and float(
        rows[1]["median_ratio_to_previous"]
    ) > 1


def test_init_norms_accepts_other_activations_and_initialisations():
    result = run(
        "init-norms",
        "--hidden",
        "2",
        "--seeds",
        "3",
        "--activation",
        "relu",
        "--init",
        "he",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["recipe"]["activation"], data["recipe"]["init"]) == ("relu", "he")


def test_bad_choices_end_in_one_line_naming_the_valid_ones():
    for args, choices in [
        (("init-norms", "--init", "uniform"), "gaussian, scaled, scaled:GAIN, standard, "
                                              "xavier, he, normal:STD"),
        (("init-norms", "--activation", "softmaxx"), "sigmoid, tanh, relu"),
        (("init-norms", "--images", "1001"), "multiple of 10"),
        (("training-speed", "--lang", "fr"), "'fr' is not one of en, ja"),
        (("dying-relu", "--activation", "sigmoid"), "'sigmoid' is not a rectifier; choose "
                                                    "from: relu, leaky_relu, prelu, rrelu, elu"),
        (("rnn", "--activation", "relu"), "'relu' is not bounded; choose from: sigmoid, tanh"),
    ]:
        assert_one_line_error(run(*args), choices)


def test_training_speed_writes_csv_json_and_png_byte_identically_on_a_rerun(tmp_path):
    args = ("training-speed", "--hidden", "2", "--epochs", "12")
    first = run(*args, "--out", str(tmp_path / "a"))
    second = run(*args, "--out", str(tmp_path / "b"))
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    names = sorted(os.listdir(tmp_path / "a"))
    assert names == ["training-speed-2-epochs12.csv", "training-speed-2-epochs12.json",
                     "training-speed-2-epochs12.png"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader((tmp_path / "a" / names[0]).read_text().splitlines()))
    assert len(rows) == 12 and set(rows[0]) == {"epoch", "layer_1", "layer_2", "cost"}
    data = json.loads((tmp_path / "a" / names[1]).read_text())
    assert np.array(data["speeds"]).shape == (12, 2)
    assert (tmp_path / "a" / names[2]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_depth_accuracy_prints_a_row_per_depth():
    result = run(
        "depth-accuracy",
        "--max-hidden",
        "2",
        "--epochs",
        "1",
        "--images",
        "200",
        "--validation",
        "100",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert [r["recipe"]["hidden"] for r in rows] == [1, 2]
    assert all(0 <= r["mean"] <= 1 for r in rows)


def test_neuron_bars_writes_its_figure_and_prints_six_bars_per_layer(tmp_path):
    result = run("neuron-bars", "--out", str(tmp_path), "--images", "100")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "neuron-bars-2-images100.json").read_text())
    assert [len(bars) for bars in data["bars"]] == [6, 6]
    assert (tmp_path / "neuron-bars-2-images100.png").exists()


def test_data_option_reads_an_idx_folder(tmp_path):
    write_idx_folder(tmp_path, gz=True)
    result = run(
        "init-norms",
        "--hidden",
        "2",
        "--seeds",
        "2",
        "--images",
        "60",
        "--data",
        str(tmp_path),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["recipe"]["images"] == 60 and data["data"] == tmp_path.name + "/"


def test_data_option_refuses_a_crafted_pickle_without_creating_its_file(tmp_path):
    target = tmp_path / "pwned"
    path = tmp_path / "mnist.pkl.gz"
    payload = ((np.zeros((10, 784), np.float32), CreatesAFile(target, "system")), None)
    path.write_bytes(gzip.compress(pickle.dumps(payload, protocol=2)))
    assert_one_line_error(run("init-norms", "--data", str(path)), "refusing")
    assert not target.exists()


def test_compare_inits_prints_one_row_per_activation_and_initialisation():
    result = run(
        "compare-inits",
        "--hidden",
        "2",
        "--networks",
        "2",
        "--activation",
        "sigmoid,relu",
        "--init",
        "scaled",
        "--init",
        "he",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert [(r["activation"], r["init"]) for r in rows] == [
        ("sigmoid", "scaled"),
        ("sigmoid", "he"),
        ("relu", "scaled"),
        ("relu", "he"),
    ]


def test_an_interrupted_run_ends_in_one_line_with_code_130_and_writes_nothing(
    tmp_path, monkeypatch
):
    import analytic.experiments.training

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analytic.experiments.training, "training_speed", interrupted)
    result = run("training-speed", "--epochs", "3", "--out", str(tmp_path))
    assert_one_line_error(result, "error: interrupted; no files were written", code=130)
    assert list(tmp_path.iterdir()) == []


def test_the_commands_that_write_files_also_print_json(tmp_path):
    for args in (("training-speed", "--hidden", "1", "--epochs", "3", "--images", "100"),
                 ("neuron-bars", "--images", "100")):
        result = run(*args, "--out", str(tmp_path), "--format", "json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["experiment"] == args[0] and "wrote" in result.stderr


# --- the hidden layers and the optimiser, chosen -------------------------------------------------
def test_training_speed_trains_the_network_it_names_and_shows_prelus_slopes_changing(tmp_path):

    args = ("--hidden", "3", "--epochs", "6", "--images", "100", "--activation", "prelu",
            "--init", "he", "--width", "12", "--momentum", "0.5", "--nesterov")
    result = run("training-speed", *args, "--out", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    recipe = data["recipe"]
    assert (recipe["width"], recipe["init"], recipe["momentum"], recipe["nesterov"]) == (
        12, "he", 0.5, True)
    assert recipe["activation"].startswith("prelu") and data["diverged"] is False
    # the reference: the library call the command should make
    expected = training_speed(TRAINING_SPEED.but(hidden=3, epochs=6, images=100, width=12,
                                                 activation=prelu(), init=he(), momentum=0.5,
                                                 nesterov=True))
    slopes = np.array(data["prelu_slopes"])
    np.testing.assert_array_equal(slopes, expected.slopes)
    assert slopes.shape == (6, 3) and np.all(slopes[0] == 0.25) and np.all(slopes[-1] != 0.25)
    dead = np.array(data["dead_units"])
    np.testing.assert_array_equal(dead, expected.dead)
    assert dead.shape == (6, 3) and np.all((dead >= 0) & (dead <= 1))
    text = run("training-speed", *args, "--out", str(tmp_path / "t"))
    assert "prelu hidden layers" in text.stdout and "N(0, 2/n_in)" in text.stdout
    assert "Nesterov momentum μ = 0.5" in text.stdout and "learned slope" in text.stdout
    assert "dead units per hidden layer" in text.stdout
    [csv_file] = (tmp_path / "t").glob("*.csv")
    assert csv_file.read_text().splitlines()[0].endswith("dead_layer_1,dead_layer_2,dead_layer_3")


def test_a_diverged_training_speed_run_says_so_and_keeps_the_epochs_before_it(tmp_path):
    args = ("training-speed", "--hidden", "5", "--epochs", "20", "--images", "100",
            "--activation", "relu", "--init", "gaussian", "--out", str(tmp_path))
    data = json.loads(run(*args, "--format", "json").stdout)
    assert data["diverged"] is True and data["epochs"] == data["diverged_at"] < 20
    assert np.all(np.isfinite(data["speeds"]))
    text = run(*args).stdout
    assert f"diverged in epoch {data['diverged_at']}" in text
    assert not any("nan" in line.lower() for line in text.splitlines() if line.startswith("|"))


def test_depth_accuracy_says_diverged_in_text_and_null_with_a_flag_in_json():
    args = ("depth-accuracy", "--max-hidden", "6", "--epochs", "1", "--images", "100",
            "--validation", "100", "--activation", "relu", "--init", "gaussian", "--networks",
            "2")
    rows = json.loads(run(*args, "--format", "json").stdout)["rows"]
    assert rows[-1]["diverged"] == [True, True] and rows[-1]["accuracies"] == [None, None]
    assert rows[-1]["mean"] is None and rows[0]["diverged"] == [False, False]
    partly = next(r for r in rows if r["diverged"] == [True, False])
    assert partly["mean"] == partly["accuracies"][1]  # the mean of the runs that did not
    text = run(*args).stdout
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert "| diverged |" in table[-1] and not any("nan" in line.lower() for line in table)


def test_bad_optimiser_and_network_values_end_in_one_line():
    for args, says in [
        (("--momentum", "-0.1"), "--momentum: must lie in [0, 1), got -0.1"),
        (("--momentum", "1"), "--momentum: must lie in [0, 1), got 1"),
        (("--clip", "0"), "--clip: must lie in (0, 1e+06], got 0"),
        (("--clip", "-1"), "--clip"),
        (("--nesterov",), "--nesterov does not apply"),
        (("--hidden", "0"), "--hidden: must be an integer from 1 to 50, got 0"),
        (("--hidden", "51"), "--hidden"),
        (("--width", "1000", "--hidden", "40", "--images", "10000"), "more than the 2 GB budget"),
        (("--activation", "prelu2"), "unknown activation"),
    ]:
        assert_one_line_error(run("training-speed", *args), says)
    assert_one_line_error(run("depth-accuracy", "--momentum", "1"), "--momentum")
    assert_one_line_error(run("depth-accuracy", "--max-hidden", "0"), "--max-hidden")


# --- the per-layer measure -----------------------------------------------------------------------
@pytest.mark.parametrize("command", ["init-norms", "training-speed"])
@pytest.mark.parametrize("old", ["mean-gradient", "mean-norm"])
def test_the_old_statistic_option_is_one_line_that_names_the_new_one(command, old):
    result = run(command, "--statistic", old, "--images", "50")
    assert_one_line_error(result, "--statistic: is now --measure")
    assert "bias-gradient" in result.stderr and "delta-rms" in result.stderr


def test_a_chosen_measure_is_recorded_in_the_json_and_named_in_both_languages(tmp_path):
    args = ("training-speed", "--hidden", "2", "--epochs", "2", "--images", "50", "--measure",
            "update-ratio", "--out", str(tmp_path))
    data = json.loads(run(*args, "--format", "json").stdout)
    assert data["measure"] == "update-ratio"
    # the reference: the ratio of the step the library's descent takes, by the same recipe
    expected = training_speed(TRAINING_SPEED.but(hidden=2, epochs=2, images=50), "update-ratio")
    np.testing.assert_allclose(data["speeds"], expected.speeds, rtol=1e-12)
    for lang, words in (("en", "one optimiser step"), ("ja", "最適化の 1 ステップ")):
        assert words in run(*args, "--lang", lang).stdout


def test_the_networks_that_are_only_drawn_refuse_the_update_ratio_in_one_line():
    for command in ("init-norms", "compare-inits"):
        assert_one_line_error(run(command, "--measure", "update-ratio", "--images", "50"),
                              "--measure: 'update-ratio' is not one of")
