"""The theory commands: each runs, prints JSON with its keys, and fails in one line."""

import json

import pytest
from helpers import assert_one_line_error, invoke


def _json(*args):
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_sigmoid_window_json_has_the_issue_keys_and_the_known_answer():
    data = _json("problem", "sigmoid-window")
    assert data["min_abs_w"] == 4 and data["equals_chapter"] is True
    assert round(data["argmax_abs_w"], 1) == 6.9 and round(data["max_width"], 2) == 0.45
    assert "ln" in data["width_formula"]


def test_sigmoid_window_latex_is_an_align_environment():
    result = invoke("problem", "sigmoid-window", "--format", "latex")
    assert result.exit_code == 0 and result.output.startswith(r"\begin{align}")


def test_identity_neuron_tabulates_each_w1():
    rows = _json("problem", "identity-neuron", "--w1", "1,0.1")["rows"]
    assert [r["w1"] for r in rows] == [1.0, 0.1]
    assert rows[1]["worst_error"] == pytest.approx(0.1**2 / 96, rel=1e-3)


def test_larger_derivative_runs_with_a_small_sample():
    data = _json("problem", "larger-derivative", "--depth", "10", "--chains", "200")
    assert {r["activation"] for r in data["rows"]} >= {"sigmoid", "tanh", "relu"}


def test_derive_explode_reports_the_factor_and_is_confirmed():
    data = _json("derive", "--explode", "--weight", "100", "--depth", "5")
    assert data["factor"] == "W/4" and data["factor_value"] == 25.0 and data["confirmed"]


def test_theory_chi_json_keys():
    data = _json("theory", "chi", "--activation", "relu", "--sigma-w", "1.2", "--sigma-b", "0.3")
    assert data["chi1"] == pytest.approx(0.72) and {"q_star", "per_layer_factor",
                                                     "depth_scale"} <= set(data)


def test_theory_predict_with_given_ratios_puts_them_next_to_the_prediction():
    data = _json("theory", "predict", "--hidden", "4", "--measured", "0.2,0.21,0.19")
    assert [r["measured"] for r in data["rows"]] == [0.2, 0.21, 0.19]
    assert data["rows"][0]["predicted"] == pytest.approx(data["per_layer_factor"])


def test_theory_predict_measures_the_chapters_network_when_no_ratios_are_given():
    data = _json("theory", "predict", "--hidden", "3", "--networks", "5", "--images", "100")
    assert len(data["rows"]) == 2 and "experiment init-norms" in data["source"]


@pytest.mark.parametrize(
    "args",
    [["theory", "chi", "--activation", "nope"], ["theory", "chi", "--sigma-w", "0"],
     ["problem", "identity-neuron", "--w1", "x"], ["theory", "predict", "--hidden", "1"],
     ["derive", "--explode", "--weight", "0"]],
)
def test_bad_input_is_one_line_and_exit_code_two(args):
    assert_one_line_error(invoke(*args))
