"""Every sentence the README teaches about a run, asserted twice: on the committed run the text
quotes (docs/runs/, figures/NAME/) and on a small fresh run made here.

The numbers themselves are written into the text from the committed JSON by
``tools/quote_runs.py`` (``tests/test_quotes.py`` checks them); what is tested here is what the
words say about them ("about five times slower", "fails outright"), with tolerances wide enough
to hold on any CPU (trained runs differ in their last digits between BLAS kernels) and, for the
fresh runs, on fewer networks or epochs where the claim does not depend on them.
References: the claims' own statements, the chapter's published values, and closed forms.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import analytic
from analytic.experiments.training import DEPTH_ACCURACY, TRAINING_SPEED, depth_accuracy
from analytic.train import Recipe

RUNS = Path(__file__).resolve().parents[1] / "docs" / "runs"


def committed(name: str):
    data = json.loads((RUNS / f"{name}.json").read_text(encoding="utf-8"))
    return analytic.read(data) if "experiment" in data else data


# --- the speeds at initialisation ----------------------------------------------------------------
#: The chapter's single [784, 30, 30, 30, 30, 10] network (Nielsen, ch. 5): its four speeds.
CHAPTER_SPEEDS = (0.003, 0.017, 0.070, 0.285)


def test_each_layer_learns_about_five_times_slower_than_the_next_at_initialisation():
    run = committed("init-norms-4")
    fresh = analytic.init_norms(Recipe(hidden=4, images=300, validation=0), networks=20)
    assert np.all((4.0 < run.ratios) & (run.ratios < 6.0))
    assert np.all((3.5 < fresh.ratios) & (fresh.ratios < 6.5))


def test_the_chapters_single_network_lies_inside_or_at_the_edge_of_the_band():
    run = committed("init-norms-4")
    # "at the edge": within 5 % of the band's end
    assert np.all((run.p10 / 1.05 <= CHAPTER_SPEEDS) & (CHAPTER_SPEEDS <= run.p90 * 1.05))


# --- the speeds in training ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh_four():
    return analytic.training_speed(TRAINING_SPEED.but(hidden=4))


def test_four_layers_slow_a_hundredfold_in_fifty_epochs_then_stay_three_to_six_times_apart(
        fresh_four):
    for run in (committed("training-speed-4"), fresh_four):
        s = run.speeds
        assert np.all(s[50] < s[0] / 100)  # two orders of magnitude
        apart = s[100:, 1:] / s[100:, :-1]
        assert np.all((2.5 < apart) & (apart < 6.5))  # layer 1 slowest, each 3-6x the one below


def test_four_layers_settle_on_the_cost_of_answering_one_tenth_everywhere(fresh_four):
    plateau = -10 * (0.1 * math.log(0.1) + 0.9 * math.log(0.9))
    assert plateau == pytest.approx(3.2508, abs=5e-5)  # the value the text writes
    for run in (committed("training-speed-4"), fresh_four):
        assert abs(run.costs[-1] - plateau) < 1e-4


def test_two_layers_keep_learning_and_their_speeds_rise_again_after_about_epoch_fifty():
    fresh = analytic.training_speed(TRAINING_SPEED.but(hidden=2))
    for run in (committed("training-speed-2"), fresh):
        assert run.costs[-1] < run.costs[400] < run.costs[100]  # still falling
        lowest = run.speeds.argmin(axis=0)
        assert np.all(lowest <= 60)
        assert np.all(run.speeds[-1] > 2 * run.speeds[lowest, range(2)])


# --- activations and initialisations -------------------------------------------------------------
def _last_over_first(run, activation: str, init: str) -> float:
    return next(row.last_over_first for row in run.rows
                if row.recipe.activation.name == activation and row.recipe.init.spec == init)


def test_no_chapter_scale_scheme_levels_sigmoid_layers_while_he_comes_close_for_tanh_and_relu():
    recipes = [Recipe(hidden=4, images=300, validation=0).but(
        activation=analytic.get_activation(a), init=analytic.get_initialisation(i))
        for a in ("sigmoid", "tanh", "relu") for i in ("gaussian", "scaled", "xavier", "he")]
    fresh = analytic.compare_initialisations(recipes, networks=10)
    for run in (committed("compare-inits"), fresh):
        for init in ("gaussian", "scaled", "xavier", "he"):
            assert _last_over_first(run, "sigmoid", init) > 5  # level would be near 1
        assert _last_over_first(run, "tanh", "he") < 2.5
        assert _last_over_first(run, "relu", "he") < 2.0
        assert _last_over_first(run, "relu", "gaussian") < 0.1  # exploding: first >> last


def test_xavier_is_the_chapters_scaled_scheme_between_layers_of_equal_width():
    xavier, scaled = analytic.get_initialisation("xavier"), analytic.get_initialisation("scaled")
    assert xavier.variance(30, 30) == pytest.approx(scaled.variance(30, 30), rel=1e-15)
    assert xavier.variance(784, 30) != pytest.approx(scaled.variance(784, 30), rel=0.1)


# --- accuracy against depth ----------------------------------------------------------------------
def test_extra_layers_hurt_here_and_the_four_layer_network_predicts_one_class():
    run = committed("depth-accuracy")
    means = np.nanmean(run.accuracies, axis=1)
    assert np.all(np.diff(means[:3]) < 0)  # one, two, three hidden layers: each worse
    assert np.all(run.accuracies[3] == 0.1)  # a class-balanced validation set: 10 % exactly
    fresh = depth_accuracy([DEPTH_ACCURACY.but(hidden=1, epochs=3),
                            DEPTH_ACCURACY.but(hidden=4, epochs=3)])
    assert fresh.accuracies[0, 0] > 0.8 and fresh.accuracies[1, 0] == pytest.approx(0.1)


def test_the_decay_here_shrinks_twelve_and_a_half_times_more_and_a_lambda_of_0_4_is_the_chapters():
    eta = DEPTH_ACCURACY.eta
    here, chapter = eta * 5.0 / 4000, eta * 5.0 / 50_000
    assert here / chapter == pytest.approx(12.5)
    assert eta * 0.4 / 4000 == pytest.approx(chapter)


def test_a_smaller_weight_decay_lets_the_four_layer_network_learn_and_the_others_stay_near_93():
    for name in ("depth-accuracy-lmbda0.4", "depth-accuracy-lmbda0"):
        run = committed(name)
        assert run.accuracies[3, 0] > 0.5
        assert np.all((0.90 < run.accuracies[:3]) & (run.accuracies[:3] < 0.96))


# --- theory --------------------------------------------------------------------------------------
def test_the_predicted_factor_makes_each_layer_about_five_times_slower_and_the_measured_agree():
    run = committed("theory-predict-4")
    assert 4.5 < 1 / run["per_layer_factor"] < 5.5
    assert all(abs(row["relative_difference"]) < 0.03 for row in run["rows"])
    fresh = analytic.init_norms(Recipe(hidden=4, images=300, validation=0), networks=30)
    assert np.all(np.abs(1 / fresh.ratios / run["per_layer_factor"] - 1) < 0.06)


# --- gradients through time ----------------------------------------------------------------------
def _by_radius(run) -> dict:
    return {g.rho: g.summary(run.gamma) for g in run.radii}


@pytest.fixture(scope="module")
def fresh_rnn():
    return analytic.recurrent_gradients(samples=20, steps=50)


def test_recurrent_gradients_vanish_up_to_radius_1_1_and_explode_at_2_and_clipping_keeps_it(
        fresh_rnn):
    for run in (committed("rnn"), fresh_rnn):
        rows = _by_radius(run)
        assert all(rows[rho]["log10_norm_h1_median"] < 0 for rho in (0.5, 0.9, 1.0, 1.1))
        assert rows[2.0]["log10_norm_h1_median"] > 0
        assert rows[2.0]["clipped_fraction"] > 0.5
        assert rows[2.0]["log10_clipped_norm_h1_median"] > 0  # h_1 still outweighs h_T


def test_pascanus_condition_holds_only_at_the_smallest_radius_as_lambda1_is_near_1_8_rho(
        fresh_rnn):
    for run in (committed("rnn"), fresh_rnn):
        rows = _by_radius(run)
        assert rows[0.5]["pascanu_fraction"] > 0.5
        assert all(rows[rho]["pascanu_fraction"] == 0 for rho in (0.9, 1.0, 1.1, 2.0))
        assert all(1.7 < rows[rho]["lambda1_median"] / rho < 1.9 for rho in rows)


def test_the_rate_per_step_follows_mean_field_below_radius_1_1_and_lags_it_at_2(fresh_rnn):
    for run, tolerance in ((committed("rnn"), 0.015), (fresh_rnn, 0.03)):
        rows = _by_radius(run)
        for rho in (0.5, 0.9, 1.0, 1.1):
            assert abs(rows[rho]["rate_median"] / rows[rho]["meanfield_factor"] - 1) < tolerance
        assert rows[2.0]["rate_median"] < 0.97 * rows[2.0]["meanfield_factor"]


# --- the gallery's figures -----------------------------------------------------------------------
def test_only_gelu_and_silu_have_a_derivative_above_one():
    table = committed("activations")["blocks"][0]["rows"]
    above = {row["activation"] for row in table if row["max_prime"] > 1 + 1e-9}
    assert above == {"gelu", "silu"}
    # the activations' own facts, computed apart from the table's grid
    peaks = {name: analytic.get_activation(name).peak_prime for name in ("gelu", "silu")}
    for row in table:
        if row["activation"] in peaks:
            assert row["max_prime"] == pytest.approx(peaks[row["activation"]], rel=1e-6)


def test_half_the_relu_chains_are_exactly_zero_after_one_layer_and_most_after_four():
    # P(z < 0) = 1/2 for w, b ~ N(0, 1): the sample's share lies within 3 standard errors
    block = next(b for b in committed("vanishing-20")["blocks"] if b["name"] == "relu")
    n = committed("vanishing-20")["samples"]
    assert abs(block["rows"][0]["zero"] - 0.5) < 3 * math.sqrt(0.25 / n)
    assert all(row["p90"] == 0 for row in block["rows"][3:])
    assert block["rows"][2]["p90"] > 0


# --- the chapter's problems ----------------------------------------------------------------------
def test_a_steeper_sigmoid_does_not_widen_the_window_tanhs_is_twice_and_no_product_stays_near_1():
    rows = committed("larger-derivative")["rows"]
    sigmoid = [r["widest_window"] for r in rows if r["activation"].startswith("sigmoid")]
    tanh = [r["widest_window"] for r in rows if r["activation"] == "tanh"]
    assert max(sigmoid) == pytest.approx(min(sigmoid), rel=1e-12)  # every slope c alike
    assert tanh[0] == pytest.approx(2 * sigmoid[0], rel=1e-12)  # tanh z = 2 sigma(2z) - 1: A = 2
    assert all(r["stable"] == 0 for r in rows)  # [0.1, 10] left by every chain, every activation
    from analytic.theory.larger_derivative import larger_derivative

    fresh = larger_derivative(chains=300, seed=1)
    assert all(row.stable < 0.05 for row in fresh.rows)


# --- full-batch descent of rectifier networks ----------------------------------------------------
PRELU_HE = {"activation": analytic.get_activation("prelu"),
            "init": analytic.get_initialisation("he")}


def test_full_batch_descent_at_the_chapters_step_diverges_in_deep_prelu_networks():
    fresh = analytic.training_speed(TRAINING_SPEED.but(hidden=10, epochs=20, **PRELU_HE))
    for run in (committed("training-speed-prelu-10"), fresh,
                committed("training-speed-prelu-6-momentum")):
        assert run.diverged_at is not None and run.diverged_at < 10


def test_nesterov_momentum_with_clipping_trains_the_deep_prelu_network_and_its_slopes_move_little():
    fresh = analytic.training_speed(TRAINING_SPEED.but(hidden=10, epochs=200, momentum=0.9,
                                                       nesterov=True, clip=1.0, **PRELU_HE))
    for run in (committed("training-speed-prelu-10-nesterov"), fresh):
        assert run.diverged_at is None and len(run.costs) == 200
        assert run.costs[-1] < run.costs[0]
        assert np.all(np.abs(run.slopes[-1] - 0.25) < 0.1)  # from 0.25, within 0.15-0.35


def test_training_revives_the_upper_layers_dead_units_while_the_first_loses_some():
    fresh = analytic.training_speed(TRAINING_SPEED.but(
        hidden=4, epochs=200, activation=analytic.get_activation("relu"),
        init=analytic.get_initialisation("he")))
    for run in (committed("training-speed-relu-4"), fresh):
        start, end = run.dead[0], run.dead[-1]
        assert np.all(end[1:] < start[1:]) and end[0] > start[0]


# --- the edge of chaos ---------------------------------------------------------------------------
def _recorded(name: str):
    path = Path(__file__).resolve().parents[1] / "figures" / name / f"{name}.json"
    return analytic.read(json.loads(path.read_text(encoding="utf-8")))


def test_the_line_for_tanh_at_the_papers_bias_lies_near_1_76_and_xi_c_is_finite_off_it():
    run = committed("depth-scale")
    assert abs(run.curve.critical - 1.76) < 0.005  # the value the text rounds to
    assert all(p.xi_c is not None and (p.phase == "critical") == math.isinf(p.xi_c)
               for p in run.curve.points)


def test_the_trainable_region_widens_towards_the_critical_line_and_narrows_beyond_it():
    run = _recorded("trainability")
    deepest = [run.deepest_trained(s) for s in run.sigma_w2s]
    critical = int(np.argmin(np.abs(np.array(run.sigma_w2s) - run.theory.critical)))
    assert deepest[critical] == max(deepest) == max(run.depths)  # the deepest of the grid
    ordered = deepest[:critical + 1]
    assert all(a < b for a, b in zip(ordered[:4], ordered[1:4]))  # 0.5 to 1.25: each deeper
    assert all(a >= b for a, b in zip(deepest[critical:], deepest[critical + 1:]))
    assert deepest[-1] < deepest[critical] / 1.5  # and clearly shallower at σ_w² = 4


def test_no_network_deeper_than_six_xi_c_trains_and_most_within_it_do():
    a = _recorded("trainability").agreement()
    assert a["outside"] > 10 and a["outside_trained"] == 0
    assert a["inside_trained"] >= 0.85 * a["inside"]


def test_ordered_networks_fail_near_six_xi_c_and_chaotic_ones_earlier():
    run = _recorded("trainability")
    ordered = [run.first_failure(s) for s in run.sigma_w2s if s < run.theory.critical]
    chaotic = [run.first_failure(s) for s in run.sigma_w2s if s > run.theory.critical]
    ordered, chaotic = [f for f in ordered if f], [f for f in chaotic if f]
    assert len(ordered) >= 3 and all(5 <= f <= 8 for f in ordered)  # "around 6ξ_c"
    assert len(chaotic) >= 3 and all(3.5 <= f < 5.5 for f in chaotic)  # "earlier"


def test_a_fresh_small_map_trains_deep_only_near_the_line():
    from analytic.experiments.trainability import TRAINABILITY, trainability

    # 20 layers: beyond 6ξ_c = 7 at σ_w² = 0.5, well within it at 1.75; 3 layers: within both
    fresh = trainability(TRAINABILITY.but(width=50), depths=(3, 20), sigma_w2s=(0.5, 1.75),
                         jobs=2)
    assert 6 * fresh.xi_c(0.5) < 20 < 6 * fresh.xi_c(1.75)
    assert fresh.mean[1, 0] < 0.2 and fresh.mean[1, 1] > 0.6  # 20 layers
    assert fresh.mean[0, 0] > 0.5 and fresh.mean[0, 1] > 0.6  # 3 layers
