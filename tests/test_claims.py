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
from analytic.core.activations import (
    SATURATION_MARGIN,
    leaky_relu,
    prelu,
    relu,
    sigmoid,
    tanh,
)
from analytic.experiments.data import Data, network
from analytic.experiments.dead_units import DYING_RELU, dead_units, rectifier_recipes
from analytic.experiments.histograms import saturated_fraction as histogram_saturated
from analytic.experiments.remedies import BASE, remedies, select
from analytic.experiments.training import DEPTH_ACCURACY, TRAINING_SPEED, depth_accuracy
from analytic.theory.meanfield import critical_sigma_w
from analytic.train import Recipe, backward, forward, per_layer

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
    assert run.band == "p10-p90"
    assert np.all((run.low / 1.05 <= CHAPTER_SPEEDS) & (CHAPTER_SPEEDS <= run.high * 1.05))


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


# --- the Jacobian's singular values (dynamical isometry) -----------------------------------------
FIGURES = Path(__file__).resolve().parents[1] / "figures"


@pytest.fixture(scope="module")
def jacobians():
    """The committed default run (figures/jacobian/) and a small fresh one: width 96, depths 2,
    8, 16, 6 networks, the linear and ReLU networks and orthogonal hard tanh."""
    from analytic.experiments.ensemble import critical_ensemble
    from analytic.experiments.jacobian import jacobian_spectra

    run = analytic.read(json.loads((FIGURES / "jacobian" / "jacobian.json").read_text()))
    cases = [critical_ensemble(analytic.get_activation(a), w) for a, w in (
        ("linear", "gaussian"), ("linear", "orthogonal"), ("relu", "gaussian"),
        ("relu", "orthogonal"), ("hard_tanh", "orthogonal"))]
    return run, jacobian_spectra(cases, width=96, depths=(2, 8, 16), networks=6)


def _spectra(run, activation: str, weights: str):
    return next(s for s in run.ensembles
                if s.ensemble.activation.name == activation and s.ensemble.weights == weights)


def _nvar(s, depth: int) -> float:
    return s.summaries(s.at(depth))["normalised_variance"].mean


def test_the_committed_jacobian_run_is_the_commands_default_run(jacobians):
    from analytic.experiments.ensemble import default_ensembles
    from analytic.experiments.jacobian import DEPTHS

    run, _ = jacobians
    assert (run.width, run.networks, run.seed, run.depths) == (400, 4, 0, DEPTHS)
    # the critical σ_w, σ_b come from quadrature: equal to 1e-12 whatever NumPy sums them with
    for s, e in zip(run.ensembles, default_ensembles(), strict=True):
        assert (s.ensemble.activation.spec, s.ensemble.weights, s.ensemble.q_star,
                s.ensemble.critical) == (e.activation.spec, e.weights, e.q_star, e.critical)
        assert (s.ensemble.sigma_w, s.ensemble.sigma_b) == pytest.approx(
            (e.sigma_w, e.sigma_b), rel=1e-12)


def test_the_moments_agree_with_free_probability_at_depths_8_16_32_for_relu_and_hard_tanh(
        jacobians):
    # the acceptance: width 400 (committed), within 3 s.e. + (L/N)|prediction| of m1 and
    # σ²/m1², and the same at width 96 up to depth 16 (fresh)
    run, fresh = jacobians
    for r, depths in ((run, (8, 16, 32)), (fresh, (8, 16))):
        for activation, weights in (("relu", "gaussian"), ("relu", "orthogonal"),
                                    ("hard_tanh", "orthogonal")):
            s = _spectra(r, activation, weights)
            for depth in depths:
                m = s.summaries(s.at(depth))
                assert m["m1"].agrees and m["normalised_variance"].agrees, (
                    activation, weights, depth, r.width)


def test_gaussian_weights_spread_the_spectrum_over_decades_and_orthogonal_ones_keep_it_at_1(
        jacobians):
    # Saxe et al.: the linear network's median σ falls by more than tenfold from depth 2 to 16
    # and keeps falling with Gaussian weights; with orthogonal weights every σ is 1 to rounding
    run, fresh = jacobians
    for r in (run, fresh):
        gaussian, orthogonal = _spectra(r, "linear", "gaussian"), _spectra(r, "linear",
                                                                             "orthogonal")
        medians = [d.median_nonzero for d in gaussian.depths]
        assert all(b < a for a, b in zip(medians, medians[1:]))
        assert gaussian.at(16).median_nonzero < gaussian.at(2).median_nonzero / 10
        assert all(np.max(np.abs(d.values - 1)) < 1e-12 for d in orthogonal.depths)
    deep = _spectra(run, "linear", "gaussian").at(64)
    assert deep.median_nonzero < 1e-8 and deep.unresolved_share > 0.2  # "below resolution"


def test_relu_sets_about_half_its_singular_values_to_zero_whatever_the_weights(jacobians):
    run, fresh = jacobians
    for r in (run, fresh):
        for weights in ("gaussian", "orthogonal"):
            shares = [d.zero_share for d in _spectra(r, "relu", weights).depths]
            assert all(0.45 < share < 0.7 for share in shares)


def test_no_relu_net_is_isometric_and_orthogonal_hard_tanh_nearly_is(jacobians):
    # σ²/m1² ≈ 2L (Gaussian ReLU), ≈ L (orthogonal ReLU), far below L for orthogonal hard tanh
    # at q* = 0.25; m1 of ReLU spreads several times more between networks than hard tanh's
    run, fresh = jacobians
    # ("several times": at least 3 at width 400, at least 2 over the fresh run's 6 networks)
    for r, depth, several in ((run, 32, 3), (fresh, 16, 2)):
        relu_g, relu_o = _spectra(r, "relu", "gaussian"), _spectra(r, "relu", "orthogonal")
        hard = _spectra(r, "hard_tanh", "orthogonal")
        assert 1.6 * depth < _nvar(relu_g, depth) < 2.4 * depth
        assert 0.8 * depth < _nvar(relu_o, depth) < 1.2 * depth
        assert _nvar(hard, depth) < 0.1 * depth
        for d in (8, depth):
            se = [s.summaries(s.at(d))["m1"].se for s in (relu_g, relu_o, hard)]
            assert min(se[:2]) > several * se[2]
    assert _nvar(_spectra(run, "hard_tanh", "orthogonal"), 64) < 0.1 * 64
    # and less as q* -> 0: the rate (1 - p)/p of hard tanh's orthogonal network
    from analytic.experiments.ensemble import critical_ensemble

    rates = [critical_ensemble(analytic.get_activation("hard_tanh"), "orthogonal", q)
             .variance_rate for q in (0.25, 0.1, 0.01)]
    assert rates[0] > rates[1] > rates[2] and rates[2] < 1e-10

# --- the per-layer measures, the remedies and the dying ReLUs ------------------------------------
# The committed runs: figures/remedies/ and figures/dying-relu/ (recorded), and the docs/runs/ the
# README's remedies and dying-ReLU sections quote. The fresh runs: one network a row for four
# epochs (the remedies), three networks a rectifier (the dying ReLUs; Leaky ReLU at 0.01 as
# ReLU), and networks only drawn where a claim is about initialisation. Tolerances are the
# words': "level" is within a factor of 3, "close to 0" under a twentieth, "at chance" 10 %.

FIGURES = RUNS.parents[1] / "figures"


def recorded(name: str):
    from analytic.present.figures.recorded import RECORDED

    return analytic.read(json.loads((FIGURES / name / RECORDED[name]).read_text()))


def row_of(result, name: str):
    return next(row for row in result.rows if row.remedy.name == name)


def median(result, name: str, summary: str) -> float:
    return row_of(result, name).spread(summary).median


@pytest.fixture(scope="module")
def committed_remedies():
    return recorded("remedies")


@pytest.fixture(scope="module")
def fresh_remedies():
    names = ["plain", "xavier", "critical", "tanh", "tanh_zero_biases", "relu", "leaky_relu",
             "leaky_relu_0.25", "prelu", "batch_norm", "residual", "exploding"]
    return remedies(select(names), BASE.but(epochs=4, validation=300), networks=1)


def test_the_one_saturation_threshold_is_two_percent_of_the_range_everywhere():
    # sigmoid a < 0.02 or a > 0.98, tanh |a| > 0.96: the activations' band is the histograms'
    assert sigmoid().saturation == (0.02, 0.98) and tanh().saturation == (-0.96, 0.96)
    z = np.random.default_rng(0).normal(0, 2, 10_000)
    for phi in (sigmoid(), tanh()):
        low, high = phi.saturation
        a = phi.f(z)
        assert histogram_saturated(phi, z, a, SATURATION_MARGIN) == np.mean((a < low) | (a > high))


def test_the_chapters_network_stays_at_chance_about_five_to_the_ninth_apart(
        committed_remedies, fresh_remedies):
    for run in (committed_remedies, fresh_remedies):
        assert 5**8 < median(run, "plain", "ratio_init") < 5**10
        assert median(run, "plain", "ratio_trained") > 1e5
        assert median(run, "plain", "accuracy") == 0.1
    assert 5**8 < median(fresh_remedies, "xavier", "ratio_init")
    assert 5**8 < median(committed_remedies, "xavier", "ratio_init")


def test_the_critical_scale_is_the_theorys_and_levels_the_sigmoid_stack_at_the_price_of_saturation(
        committed_remedies, fresh_remedies):
    for run in (committed_remedies, fresh_remedies):
        row = row_of(run, "critical")
        gain = row.recipe.init.variance(1, 1) ** 0.5
        assert gain == pytest.approx(critical_sigma_w(sigmoid(), row.recipe.bias_std), rel=1e-12)
        assert row.measure == "delta-rms"
        assert 1 / 3 < median(run, "critical", "ratio_init") < 3  # level by rms delta
        saturated = [r.saturated for r in row.runs]
        assert np.median([s[0] for s in saturated]) > 0.4  # the price, from the start
    run = committed_remedies
    assert 1 / 3 < median(run, "critical", "ratio_trained") < 3
    assert median(run, "critical", "saturated") > 20 * median(run, "plain", "saturated")
    learning = ["tanh_zero_biases", "relu", "leaky_relu", "leaky_relu_0.25", "prelu", "rrelu",
                "elu", "batch_norm"]
    accuracy = median(run, "critical", "accuracy")
    assert 0.25 < accuracy < min(median(run, n, "accuracy") for n in learning) - 0.15
    assert median(fresh_remedies, "critical", "accuracy") > 0.15  # learns where plain does not
    # "even by the chapter's measure": within 20, against over 10^5 at the chapter's scale
    chapter = committed("remedies-chapter-measure")
    assert median(chapter, "critical", "ratio_init") < 20


def test_the_critical_scale_is_near_ten_with_biases_one_or_zero():
    for sigma_b in (1.0, 0.0):
        assert 10 < critical_sigma_w(sigmoid(), sigma_b) < 10.5


def test_tanh_trains_with_biases_0_and_not_with_the_chapters(committed_remedies,
                                                             fresh_remedies):
    for run in (committed_remedies, fresh_remedies):
        assert median(run, "tanh", "ratio_init") > 10 * median(run, "tanh_zero_biases",
                                                               "ratio_init")
    run = committed_remedies
    assert median(run, "tanh_zero_biases", "accuracy") > 0.75
    assert median(run, "tanh", "accuracy") < 0.5
    assert median(run, "tanh", "saturated") > 1.3 * median(run, "tanh_zero_biases", "saturated")
    fresh = [row_of(fresh_remedies, n).runs[0].saturated[0] for n in ("tanh", "tanh_zero_biases")]
    assert fresh[0] > 1.3 * fresh[1]


RECTIFIERS = ("relu", "leaky_relu", "leaky_relu_0.25", "prelu", "rrelu", "elu")


def test_relu_starts_level_and_every_rectifiers_first_layer_ends_faster_than_its_last(
        committed_remedies, fresh_remedies):
    for run in (committed_remedies, fresh_remedies):
        assert 0.5 < median(run, "relu", "ratio_init") < 2
    for name in RECTIFIERS:
        assert 0.05 < median(committed_remedies, name, "ratio_trained") < 0.5, name


def test_the_variants_beat_relus_median_and_the_slopes_size_keeps_units_alive(
        committed_remedies, fresh_remedies):
    run = committed_remedies
    for name in RECTIFIERS[1:]:
        assert median(run, name, "accuracy") > median(run, "relu", "accuracy"), name
    small_slope = [median(run, n, "dead") for n in ("relu", "leaky_relu")]
    large_slope = [median(run, n, "dead") for n in ("leaky_relu_0.25", "prelu", "rrelu")]
    assert min(small_slope) > 2 * max(large_slope)
    fresh = fresh_remedies
    assert (min(median(fresh, n, "dead") for n in ("relu", "leaky_relu"))
            > 1.5 * max(median(fresh, n, "dead") for n in ("leaky_relu_0.25", "prelu")))
    # PReLU's learned slopes moved little from 0.25
    ends = np.ravel([r.slopes[-1] for r in row_of(run, "prelu").runs])
    assert np.all(np.abs(ends - 0.25) < 0.1)


def test_batch_norm_is_level_per_example_and_the_chapters_measure_is_an_artefact_below_it(
        committed_remedies):
    bn = row_of(committed_remedies, "batch_norm")
    assert bn.measure == "delta-rms"
    rms = bn.runs[0].speeds[0]  # the first network at initialisation
    assert rms[:-1].max() / rms[:-1].min() < 1.3 and 1.1 < rms[-1] / rms[:-1].mean() < 2.5
    assert 1 / 3 < bn.ratio_at_init.median < 3 and 1 / 3 < bn.ratio_after.median < 3
    assert bn.ratio_after.median < 1  # after training the first layer's errors are the larger
    assert bn.accuracy.median > 0.75 and bn.saturated.median < 0.01
    chapter = row_of(committed("remedies-chapter-measure"), "batch_norm")
    assert chapter.ratio_at_init.median > 20
    mean = chapter.runs[0].speeds[0]
    assert np.all(mean[:-1] < rms[:-1] / 20)  # close to 0 below a batch-norm layer
    weights = row_of(committed("remedies-weight-gradient"), "batch_norm").runs[0].speeds[0]
    assert weights[1:].max() / weights[1:].min() < 2  # layers 2-10 level
    assert weights[0] > weights[1:].max()  # layer 1 has 784 inputs


def test_a_fresh_batch_norm_network_is_level_by_rms_delta_and_not_by_the_chapters_measure():
    recipe = BASE.but(batch_norm=True)
    digits = Data()(recipe)
    for s in range(2):
        model, _ = network(recipe, s, digits)
        grads = backward(model, forward(model, digits.x, train=True), digits.y)
        rms = per_layer("delta-rms", model, grads)
        mean = per_layer("bias-gradient", model, grads)
        weights = per_layer("weight-gradient", model, grads)
        assert rms.max() / rms.min() < 3
        assert np.all(mean[:-1] < rms[:-1] / 20) and mean[-1] > rms[-1] / 3
        assert weights[1:].max() / weights[1:].min() < 2


def test_residual_momentum_and_exploding_rows_do_what_the_text_says(committed_remedies,
                                                                   fresh_remedies):
    for run in (committed_remedies, fresh_remedies):
        assert median(run, "residual", "ratio_init") < 1
        assert median(run, "exploding", "ratio_init") < 1e-4
    run = committed_remedies
    assert median(run, "residual", "accuracy") > 0.75
    others = [row for row in run.rows if row.remedy.name not in ("residual", "critical")
              and row.applies("saturated")]
    assert all(median(run, "residual", "saturated") > row.saturated.median for row in others)
    assert median(run, "momentum", "accuracy") == 0.1
    assert median(run, "momentum", "ratio_trained") > 1e5
    exploding = row_of(run, "exploding")
    assert exploding.diverged_runs >= 2
    assert all(r.diverged_at in (None, 0) for r in exploding.runs)
    (survivor,) = [r for r in exploding.runs if r.diverged_at is None]
    assert np.all(survivor.speeds[-1] == 0) and survivor.dead[-1] > 0.5
    clipping = row_of(run, "clipping")
    assert clipping.diverged_runs == 0 and clipping.accuracy.median < 0.3


# --- the dying ReLUs -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh_dying():
    recipes = rectifier_recipes(DYING_RELU.but(records=1), (relu(), leaky_relu(0.25), prelu()))
    return dead_units(recipes, networks=3)


def dead_row(result, label: str):
    return next(row for row in result.rows if row.recipe.activation.label == label)


def end(row) -> tuple[float, float]:
    epochs = row.recipe.epochs
    return row.dead_at(epochs).median, row.accuracy_at(epochs).median


def test_relu_and_leaky_relu_at_001_stay_dead_at_chance_in_the_median(fresh_dying):
    for run, labels in ((recorded("dying-relu"), ("relu", "leaky_relu")), (fresh_dying, ["relu"])):
        for label in labels:
            dead, accuracy = end(dead_row(run, label))
            assert dead > 0.8 and accuracy == 0.1, label
    run = recorded("dying-relu")
    assert all(r.dead[0] > 0.8 for r in dead_row(run, "relu").runs)
    for label in ("relu", "leaky_relu"):  # the median, not every network: one revives
        runs = dead_row(run, label).runs
        stuck = [r for r in runs if r.accuracies[-1] == 0.1]
        assert len(stuck) >= 3 and all(r.dead[-1] > 0.85 for r in stuck)
        revived = [r for r in runs if r.accuracies[-1] > 0.1]
        assert revived and all(r.dead[-1] < 0.7 and r.accuracies[-1] > 0.3 for r in revived)
    seed1 = committed("dying-relu-seed1-relu").rows[0]
    assert all(r.accuracies[-1] == 0.1 and r.dead[-1] > 0.8 for r in seed1.runs)


def test_a_fixed_slope_of_a_quarter_revives_units_as_prelu_does(fresh_dying):
    for run in (recorded("dying-relu"), fresh_dying):
        fixed, learned = end(dead_row(run, "leaky_relu:slope=0.25")), end(dead_row(run, "prelu"))
        assert fixed[0] < 0.15 and learned[0] < 0.15
        assert fixed[1] > 0.7 and learned[1] > 0.7
        assert abs(fixed[0] - learned[0]) < 0.1 and abs(fixed[1] - learned[1]) < 0.1
    run = recorded("dying-relu")
    for label in ("rrelu", "elu"):
        dead, accuracy = end(dead_row(run, label))
        assert dead < 0.2 and accuracy > 0.7


def test_prelus_learned_slopes_stay_within_a_factor_of_two_of_their_start(fresh_dying):
    for run in (recorded("dying-relu"), fresh_dying):
        low, high = dead_row(run, "prelu").slope_range
        assert 0.125 <= low and high <= 0.5  # and so at least 10 times 0.01
    ends = np.array([r.slopes[-1] for r in dead_row(recorded("dying-relu"), "prelu").runs])
    medians = np.median(ends, axis=0)
    assert medians[0] > 0.25 and np.all(medians[1:] < 0.25)


def test_a_large_learning_rate_kills_relu_units_but_makes_the_other_rectifiers_diverge():
    run = committed("dying-relu-shift0-eta0.5")
    relus = dead_row(run, "relu")
    assert relus.dead_at(0).median < 0.4 and relus.dead_at(1).median > 0.8
    assert 1 <= sum(r.diverged_at is None for r in relus.runs) < len(relus.runs)
    for row in run.rows[1:]:
        assert all(r.diverged_at == 0 for r in row.runs), row.recipe.activation.label


# --- Glorot and Bengio's set-ups, RReLU's convention, the residual block -------------------------
def _trace(run, activation="sigmoid", init="scaled"):
    return next(t for t in run.traces
                if t.recipe.activation.name == activation and t.recipe.init.spec == init)


def _layers(run, activation, init, key):
    setup = next(s for s in run.setups
                 if s.recipe.activation.name == activation and s.recipe.init.spec == init)
    return np.array([getattr(layer, key) for layer in setup.layers])


def _saturation(recipe, pairs):
    from analytic.experiments.saturation import saturation, setups

    return saturation(setups(pairs, recipe))


def _pair(activation, init):
    return analytic.get_activation(activation), analytic.get_initialisation(init)


#: The saturation experiment's recipe, trained five epochs and measured once an epoch.
SATURATION_FRESH = Recipe(hidden=4, eta=0.1, epochs=5, records=1, images=4000, validation=1000)


def test_the_standard_scheme_keeps_a_third_of_n_in_var_w_and_xavier_all_of_it_at_equal_widths():
    standard, xavier = (analytic.get_initialisation(n) for n in ("standard", "xavier"))
    for n in (30, 784, 1000):
        assert n * standard.variance(n, 1000) == pytest.approx(1 / 3, rel=1e-14)
    assert 1000 * xavier.variance(1000, 1000) == pytest.approx(1.0, rel=1e-14)
    # tanh is nearly linear near 0: a factor sqrt(1/3) a layer in the standard deviations
    assert math.sqrt(3) == pytest.approx(1.7, abs=0.05)


def test_the_histograms_show_what_the_text_says_of_each_set_up():
    from analytic.experiments.histograms import HISTOGRAMS, layer_histograms, setups

    fresh = layer_histograms(setups(base=HISTOGRAMS.but(images=100)), bins=41)
    for run, tolerance in ((committed("histograms"), 0.2), (fresh, 0.3)):
        saturated = _layers(run, "sigmoid", "gaussian", "saturated")
        assert np.all(saturated > 0.5) and saturated[0] > saturated[1:].max()
        assert np.all(np.abs(_layers(run, "sigmoid", "normal:0.01", "mean") - 0.5) < 0.002)
        rms = _layers(run, "sigmoid", "normal:0.01", "delta_rms")
        # about 40-fold a layer: 1/(sigma'(0) 0.01 sqrt(100)) = 40
        assert 1 / (0.25 * 0.01 * math.sqrt(100)) == pytest.approx(40)
        assert np.all((30 < rms[1:] / rms[:-1]) & (rms[1:] / rms[:-1] < 45))
        for init in ("xavier", "he"):
            inactive = _layers(run, "relu", init, "saturated")
            assert np.all((0.4 < inactive) & (inactive < 0.6))
        halves = _layers(run, "relu", "xavier", "z_var")
        assert np.all((0.4 < halves[1:] / halves[:-1]) & (halves[1:] / halves[:-1] < 0.65))
        kept = _layers(run, "relu", "he", "z_var")
        assert kept.max() / kept.min() < 1.25
        for activation, init in (("tanh", "xavier"), ("relu", "he")):  # within a factor of 2
            rms = _layers(run, activation, init, "delta_rms")
            assert rms.max() / rms.min() < 2
        for s in run.setups:
            for layer in s.layers:
                assert abs(layer.z_var / layer.z_var_predicted - 1) < tolerance
                assert abs(layer.delta_rms / layer.delta_rms_predicted - 1) < tolerance


def test_the_gallery_histograms_are_the_quoted_run_of_200_digits():
    from analytic.present.figures.inside import histograms_data

    drawn, quoted = histograms_data(), committed("histograms-200")
    for a, b in zip(drawn.setups, quoted.setups):
        assert a.recipe == b.recipe
        for x, y in zip(a.layers, b.layers):
            np.testing.assert_allclose([x.saturated or 0, x.delta_rms, x.std],
                                       [y.saturated or 0, y.delta_rms, y.std], rtol=1e-6)


def test_with_the_standard_scheme_tanh_activations_narrow_upwards_and_errors_shrink_downwards():
    from analytic.experiments.histograms import PRESETS, layer_histograms, setups

    preset = PRESETS["glorot2010"]
    fresh = layer_histograms(setups(preset.setups, preset.recipe.but(width=300, images=100)))
    for run in (committed("histograms-glorot2010"), fresh):
        std = _layers(run, "tanh", "standard", "std")
        rms = _layers(run, "tanh", "standard", "delta_rms")
        # sqrt(1/3) = 0.577 a layer up for a, sqrt(3) = 1.73 a layer up for delta
        assert np.all((0.5 < std[1:] / std[:-1]) & (std[1:] / std[:-1] < 0.66))
        assert np.all((1.5 < rms[1:] / rms[:-1]) & (rms[1:] / rms[:-1] < 2.0))
        level_std = _layers(run, "tanh", "xavier", "std")
        level_rms = _layers(run, "tanh", "xavier", "delta_rms")
        # the normalised weights: far less change over the same four steps
        assert level_std[-1] / level_std[0] > max(0.6, 5 * std[-1] / std[0])
        assert level_rms[-1] / level_rms[0] < min(1.5, rms[-1] / rms[0] / 5)
        assert np.all(_layers(run, "tanh", "standard", "saturated") == 0)


def test_the_chapters_top_layer_sinks_while_the_accuracy_stays_near_chance_then_learning_starts():
    run = analytic.read(json.loads((RUNS.parents[1] / "figures" / "saturation" /
                                    "saturation-4.json").read_text(encoding="utf-8")))
    t = _trace(run)
    plateau = t.accuracies[t.epochs <= 10]
    assert np.mean(plateau == 0.1) > 0.9 and plateau.max() < 0.2
    epoch, low = t.lowest_mean(t.hidden)
    k = t.row_at(epoch)
    assert low < t.means[0, -1] - 0.15
    assert np.abs(t.means[:k + 1, :-1] - t.means[0, :-1]).max() < 0.03  # the layers below
    assert t.percentiles[:k + 1, -1, 0].min() > 0.05  # not driven to 0
    end = t.row_at(20)
    assert t.percentiles[end, -1, 0] < 0.02 and t.percentiles[end, -1, 2] > 0.95  # both ends
    assert t.means[end, -1] - low < 0.05 and t.accuracies[end] > 0.4  # learning, little recovery
    xavier = _trace(run, init="xavier")
    assert xavier.lowest_mean(4)[1] < xavier.means[0, -1] - 0.15
    for name in ("saturation-seed1", "saturation-seed2", "saturation-bias0"):  # the same holds
        epoch, low = _trace(committed(name)).lowest_mean(4)
        assert 0.2 < low < 0.4 and 5 <= epoch <= 15
    tanh = _trace(run, "tanh", "xavier")
    assert tanh.accuracies[tanh.row_at(1)] > 0.75 and tanh.percentiles[end, -1, 1] < -0.5
    assert tanh.percentiles[end, -1, 0] < -0.99 and tanh.percentiles[end, -1, 2] > 0.99
    # fresh runs: five epochs, the plateau's beginning; one of tanh, which learns at once
    t = _trace(_saturation(SATURATION_FRESH, (_pair("sigmoid", "scaled"),)))
    assert np.mean(t.accuracies == 0.1) > 0.6
    assert t.means[-1, -1] < t.means[0, -1] - 0.05
    assert np.abs(t.means[:, :-1] - t.means[0, :-1]).max() < 0.03
    tanh = _trace(_saturation(SATURATION_FRESH.but(epochs=1), (_pair("tanh", "xavier"),)),
                  "tanh", "xavier")
    assert tanh.accuracies[-1] > 0.75


def test_at_a_tenfold_learning_rate_the_top_layer_stays_low_as_sigmoid_learns_and_tanh_saturates():
    fresh = _saturation(SATURATION_FRESH.but(eta=1.0, epochs=1, records=2),
                        (_pair("sigmoid", "scaled"), _pair("tanh", "xavier")))
    run = committed("saturation-eta1")
    t = _trace(run)
    end = t.row_at(20)
    assert t.lowest_mean(4)[1] < 0.15 and t.lowest_mean(4)[0] <= 2
    assert t.percentiles[end, -1, 1] < 0.05 and t.percentiles[end, -1, 2] > 0.95
    assert t.means[end, -1] < 0.25 and t.accuracies[end] > 0.85  # learning did not wait
    for r, epochs in ((run, 20), (fresh, 1)):
        tanh = _trace(r, "tanh", "xavier")
        assert tanh.accuracies.max() <= 0.1  # never above chance
        pinned = tanh.epochs >= 0.5
        assert np.all(tanh.percentiles[pinned, -1, 0] < -0.99)
        assert np.all(tanh.percentiles[pinned, -1, 2] > 0.99)
    assert _trace(run, "tanh", "xavier").percentiles[end, -1, 1] < -0.99
    assert _trace(fresh).means[-1, -1] < 0.2  # the sigmoid's top layer sinks within an epoch


def test_their_preset_drives_the_top_layer_to_zero_within_an_epoch_while_the_layers_below_rise():
    from analytic.experiments.saturation import PRESETS, figure_2, setups

    preset = PRESETS["glorot2010"]
    assert [held for _, held in figure_2(setups(preset.setups, preset.recipe))] == (
        [True] * 6 + [False] * 4)  # six parts of their set-up followed, four not
    t = committed("saturation-glorot2010").traces[0]
    assert t.recipe.init.spec == "standard" and t.recipe.output.name == "softmax"
    first = t.epochs[np.argmax(t.means[:, -1] < 0.1)]
    assert first < 1 and t.percentiles[t.row_at(1), -1, 2] < 0.1  # every unit with the mean
    assert t.means[-1, -1] < 0.03 and np.all(t.accuracies == 0.1)
    below = t.means[-1, :-1]
    assert np.all(below >= 0.5) and np.all(np.diff(below) > 0)  # higher the nearer the top
    # a fresh, narrower run: the top layer sinks below every other, the others stay near 0.5
    fresh = _saturation(preset.recipe.but(width=100, images=1000, epochs=2, validation=100),
                        preset.setups).traces[0]
    assert fresh.means[-1, -1] < fresh.means[0, -1] - 0.04
    assert fresh.means[-1, -1] < fresh.means[-1, :-1].min() - 0.04
    assert np.all(fresh.means[-1, :-1] > 0.48) and np.all(fresh.accuracies == 0.1)


def test_rrelu_follows_pytorch_and_xu_et_al_divide_by_a_uniform_draw_from_three_to_eight():
    from analytic.core.activations import XU_2015_DIVISOR, rrelu
    from analytic.train.layers import random_slopes

    phi = rrelu()
    assert phi.slope_band == (1 / 8, 1 / 3) and phi.negative_slope == pytest.approx(11 / 48)
    assert round(11 / 48, 3) == 0.229
    drawn = random_slopes(phi, (200_000,), np.random.default_rng(0))
    # uniform on [1/8, 1/3]: its mean and variance (1/3 - 1/8)^2 / 12
    assert drawn.min() >= 1 / 8 and drawn.max() <= 1 / 3
    assert drawn.mean() == pytest.approx(11 / 48, abs=4 * math.sqrt((5 / 24) ** 2 / 12 / 2e5))
    low, high = XU_2015_DIVISOR
    theirs = 1 / np.random.default_rng(1).uniform(low, high, 200_000)
    # E[1/a] for a ~ U(3, 8) is ln(8/3)/5, the closed form of the integral
    assert theirs.mean() == pytest.approx(math.log(high / low) / (high - low), rel=2e-3)
    assert round(math.log(8 / 3) / 5, 3) == 0.196
    assert theirs.min() >= 1 / 8 and theirs.max() <= 1 / 3  # the same range, not uniform on it
    test_slope = 1 / ((low + high) / 2)
    assert test_slope == pytest.approx(2 / 11) and round(test_slope, 3) == 0.182
    assert test_slope < math.log(8 / 3) / 5  # below even their own training mean


def test_the_residual_block_here_is_one_layer_phi_of_z_plus_the_layer_below():
    rng = np.random.default_rng(4)
    arch = analytic.Architecture((6, 5, 5, 3), analytic.get_activation("tanh"), residual=True)
    model = analytic.initial_model(arch, rng)
    x = rng.normal(size=(4, 6))
    w, b = model.parameters.weights, model.parameters.biases
    a1 = np.tanh(x @ w[0].T + b[0])  # 6 -> 5: widths differ, no connection
    a2 = np.tanh(a1 @ w[1].T + b[1]) + a1  # one weight layer inside the block, not two
    np.testing.assert_allclose(forward(model, x).activations[2], a2, rtol=1e-13)


# --- the edge of chaos ---------------------------------------------------------------------------
def test_the_line_for_tanh_at_the_papers_bias_lies_near_1_76_and_xi_c_is_finite_off_it():
    run = committed("depth-scale")
    assert abs(run.curve.critical - 1.76) < 0.005  # the value the text rounds to
    assert all(p.xi_c is not None and (p.phase == "critical") == math.isinf(p.xi_c)
               for p in run.curve.points)


def test_the_trainable_region_widens_towards_the_critical_line_and_narrows_beyond_it():
    run = recorded("trainability")
    deepest = [run.deepest_trained(s) for s in run.sigma_w2s]
    critical = int(np.argmin(np.abs(np.array(run.sigma_w2s) - run.theory.critical)))
    assert deepest[critical] == max(deepest) == max(run.depths)  # the deepest of the grid
    ordered = deepest[:critical + 1]
    assert all(a < b for a, b in zip(ordered[:4], ordered[1:4]))  # 0.5 to 1.25: each deeper
    assert all(a >= b for a, b in zip(deepest[critical:], deepest[critical + 1:]))
    assert deepest[-1] < deepest[critical] / 1.5  # and clearly shallower at σ_w² = 4


def test_no_network_deeper_than_six_xi_c_trains_and_most_within_it_do():
    a = recorded("trainability").agreement()
    assert a["outside"] > 10 and a["outside_trained"] == 0
    assert a["inside_trained"] >= 0.85 * a["inside"]


def test_ordered_networks_fail_near_six_xi_c_and_chaotic_ones_earlier():
    run = recorded("trainability")
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


# --- dead units during training: saturation --dead -----------------------------------------------
# The committed run: docs/runs/saturation-dead.json (seed 0, 20 epochs). The fresh one: five
# epochs on 1,000 digits; what it asserts held at seeds 0-2 with a unit (3.3 %) to spare.
def _dead_shares(run, activation: str, init: str = "he") -> np.ndarray:
    return np.asarray(next(t for t in run.traces if t.recipe.activation.name == activation
                           and t.recipe.init.spec == init).dead)


def test_training_revives_the_upper_layers_dead_units_but_not_the_first_layers_under_relu():
    from analytic.experiments.saturation import DEAD_SETUPS, SATURATION, saturation, setups

    fresh = saturation(setups(DEAD_SETUPS, SATURATION.but(epochs=5, images=1000,
                                                           validation=300)), dead_view=True)
    rectifiers = (("relu", "xavier"), ("relu", "he"), ("leaky_relu", "he"))
    for run in (committed("saturation-dead"), fresh):
        for name, init in rectifiers:
            dead = _dead_shares(run, name, init)
            assert dead[-1, 1:].mean() < dead[0, 1:].mean() / 2  # the upper layers revive
            assert dead[-1, 0] >= dead[0, 0] / 2  # the first keeps at least half of its dead
    run = committed("saturation-dead")
    for trace in run.traces:
        dead = np.asarray(trace.dead)
        assert np.all(dead[-1, 1:] <= 0.05) and np.all(dead[-1, 1:] <= dead[0, 1:])
    assert all(_dead_shares(run, "relu", init)[-1, 0] >= 0.1 for init in ("xavier", "he"))
    assert np.all(_dead_shares(run, "elu")[-1] == 0)  # ELU brings every unit back
    assert all(0.9 < trace.accuracies[-1] < 0.96 for trace in run.traces)


# --- the LSTM's constant error carousel (derive --tied --cell lstm) ------------------------------
def test_the_carousel_is_the_product_of_the_forget_gates_and_can_only_vanish():
    run = committed("derive-lstm-4")
    assert run["carousel"]["identity"] == "∂c₄/∂c₁ = f₂·f₃·f₄" and run["verified"]
    assert run["full"]["paths_log2"] == 3  # 2^(T−1) paths, the carousel one of them
    # fresh: at random LSTMs, recurrent weights up to 4 (where the full derivative is free to
    # grow), the carousel stays in (0, 1) and only shrinks with T: a product of gates in (0, 1)
    from analytic.chain.carousel import BLOCKS, LstmParams, derive_carousel, random_lstm

    rng = np.random.default_rng(1)
    derivations = {t: derive_carousel(t) for t in (5, 20)}
    for _ in range(3):
        p = random_lstm(20, rng)
        p = LstmParams({k: float(rng.uniform(-4, 4)) for k in BLOCKS}, p.u, p.b, p.xs, p.h0,
                       p.c0)
        short = derivations[5].evaluate(LstmParams(p.w, p.u, p.b, p.xs[:5], p.h0, p.c0))[0]
        long = derivations[20].evaluate(p)[0]
        assert 0 < long < short < 1


def test_the_first_checked_lstms_full_derivative_is_not_its_carousel_the_paths_through_h_count():
    example = committed("derive-lstm-4")["example"]
    assert abs(example["full"] - example["carousel"]) > 0.1 * example["carousel"]
    from analytic.chain.carousel import derive_carousel, random_lstm

    carousel, full = derive_carousel(4).evaluate(random_lstm(4, np.random.default_rng(0)))
    assert (carousel, full) == pytest.approx((example["carousel"], example["full"]), rel=1e-12)


# --- the gated cells through time (experiment rnn --cell) ----------------------------------------
def _cell_rows(run, cell: str) -> dict:
    return {r.rho: r.summary() for r in run.block(cell).radii}


@pytest.fixture(scope="module")
def fresh_cells():
    # ten networks where the committed run has thirty: medians of the same draws' first ten
    return (analytic.cell_gradients(samples=10),
            analytic.cell_gradients(("lstm", "gru"), samples=10, forget_bias=1.0))


def _keep(bias: float) -> float:
    return 1 / (1 + math.exp(-bias))  # σ(b): the keep gate at zero input


def test_with_zero_biases_the_keep_gate_is_one_half_and_the_carousel_carries_half_to_the_99th(
        fresh_cells):
    for run in (recorded("rnn-cells-30"), fresh_cells[0]):
        for cell in ("lstm", "gru"):
            for rho, row in _cell_rows(run, cell).items():
                if rho <= 1.1:
                    assert abs(row["keep_gate_median"] - 0.5) < 0.01
                    assert abs(row["path_rate_median"] / 0.5 - 1) < 0.02
                    # 1.9e-30 against 0.5^99 = 1.6e-30: within half a decade
                    assert abs(row["log10_path_h1_median"] - 99 * math.log10(0.5)) < 0.5


def test_gating_does_not_keep_the_gradient_at_initialisation_only_at_radius_one_half_is_it_ahead(
        fresh_cells):
    for run in (recorded("rnn-cells-30"), fresh_cells[0]):
        vanilla = _cell_rows(run, "vanilla")
        for cell in ("lstm", "gru"):
            rows = _cell_rows(run, cell)
            assert rows[0.5]["log10_norm_h1_median"] > vanilla[0.5]["log10_norm_h1_median"] + 5
            for rho in (0.9, 1.0, 1.1, 2.0):
                assert rows[rho]["log10_norm_h1_median"] < vanilla[rho]["log10_norm_h1_median"] - 5


def test_far_more_error_reaches_the_lstms_memory_cell_than_the_carousel_carries(fresh_cells):
    for run in (recorded("rnn-cells-30"), fresh_cells[0]):
        row = _cell_rows(run, "lstm")[1.0]
        assert row["log10_cell_h1_median"] > row["log10_path_h1_median"] + 10  # ten decades


def test_the_gated_cells_measured_rates_lie_within_four_percent_below_their_linearised_ones(
        fresh_cells):
    for run, tolerance in ((recorded("rnn-cells-30"), 0.04), (fresh_cells[0], 0.05)):
        for cell in ("lstm", "gru"):
            for rho, row in _cell_rows(run, cell).items():
                if rho <= 1.1:
                    assert 0 < 1 - row["rate_median"] / row["linear_rate_median"] < tolerance


def test_a_forget_bias_of_one_opens_the_keep_gate_and_slows_the_decay_without_stopping_it(
        fresh_cells):
    assert _keep(1.0) == pytest.approx(0.731, abs=5e-4)  # the value the text writes
    for zero, one in ((recorded("rnn-cells-30"), recorded("rnn-cells-bias1-30")), fresh_cells):
        assert one.keep_factor == pytest.approx(_keep(1.0), rel=1e-15)
        for cell in ("lstm", "gru"):
            before, after = _cell_rows(zero, cell), _cell_rows(one, cell)
            for rho in (0.5, 0.9, 1.0, 1.1):
                assert abs(after[rho]["keep_gate_median"] - _keep(1.0)) < 0.01
                assert abs(after[rho]["log10_path_h1_median"]
                           - 99 * math.log10(_keep(1.0))) < 0.5
            # the LSTM gains more than ten decades at ρ = 1, the GRU more than five
            gain = after[1.0]["log10_norm_h1_median"] - before[1.0]["log10_norm_h1_median"]
            assert gain > (10 if cell == "lstm" else 5)
            assert after[1.0]["log10_norm_h1_median"] < -2  # still vanishing over 100 steps
            assert after[1.0]["rate_median"] < 0.95


def test_at_radius_two_the_linearised_lstm_would_grow_but_the_real_one_stays_near_one(
        fresh_cells):
    for run in (recorded("rnn-cells-bias1-30"), fresh_cells[1]):
        row = _cell_rows(run, "lstm")[2.0]
        assert row["linear_rate_median"] > 1.1
        assert abs(row["rate_median"] - 1) < 0.03 and row["rate_median"] < row["linear_rate_median"]


# --- batch norm over weight scales ---------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh_bn():
    # four of the book's scales, 500 digits and 10 epochs; the sigmoid network for 3 epochs
    from analytic.experiments.batch_norm_scales import SCALES, SIGMOID_INPUTS

    return analytic.batch_norm_scales(SCALES.but(images=500, epochs=10),
                                      (1.0, 0.16, 0.025, 1e-4), watch=SIGMOID_INPUTS.but(epochs=3))


def _bn_medians(run, name: str = "train_accuracy"):
    return run.runs.median(name)


def _index(run, w: float) -> int:
    return int(np.argmin(np.abs(np.log(np.array(run.scales) / w))))


def test_without_batch_norm_the_network_learns_in_a_narrow_band_diverging_above_it(fresh_bn):
    for run in (recorded("batch-norm-scales"), fresh_bn):
        plain = _bn_medians(run)[0]
        learns = np.flatnonzero(plain > 0.5)
        assert 1 <= len(learns) <= 3 and np.all(np.diff(learns) == 1)  # one narrow band
        assert np.all(run.runs.diverged[0, :learns[0]])  # above it: every run diverged
        assert np.all(np.isnan(plain[:learns[0]]))  # shown as —
        small = np.array(run.scales) <= 0.05
        assert np.all(np.abs(plain[small] - 0.1) < 0.02)  # chance, class-balanced digits


def test_with_batch_norm_it_learns_at_most_scales_and_is_ahead_except_where_the_plain_one_is_best(
        fresh_bn):
    run = recorded("batch-norm-scales")
    plain, bn = _bn_medians(run)
    assert np.sum(bn > 0.5) >= 8 and np.sum(bn > 0.5) > 3 * np.sum(plain > 0.5)
    best = np.flatnonzero(bn >= 0.99)
    assert len(best) >= 3 and np.all(np.diff(best) == 1)  # one unbroken run of scales
    behind = np.flatnonzero(~(bn > np.nan_to_num(plain, nan=0.0)))
    assert np.all(plain[behind] > 0.5)  # behind only where the plain network learns
    fresh_plain, fresh_bn_ = _bn_medians(fresh_bn)
    w = _index(fresh_bn, 0.025)
    assert fresh_bn_[w] > 0.5 and fresh_plain[w] < 0.15


def test_below_two_thousandths_batch_norms_accuracy_falls_as_the_batch_variance_drops_below_eps(
        fresh_bn):
    run = recorded("batch-norm-scales")
    bn = _bn_medians(run)[1]
    tail = bn[_index(run, 0.004):]
    assert np.all(np.diff(tail) < 0) and tail[-1] < 0.5
    for r in (run, fresh_bn):
        z = _bn_medians(r, "z_std")[1]
        assert abs(z[_index(r, 0.025)] - 1) < 1e-3  # standardised: unit spread at the top
        assert z[-1] < 1e-3  # at w = 1e-4: σ²_B far below ε, so x̂ no longer standardises


def test_without_batch_norm_the_top_spread_is_w_to_the_fifth_relu_layers_are_homogeneous(
        fresh_bn):
    for run in (recorded("batch-norm-scales"), fresh_bn):
        z, w = _bn_medians(run, "z_std")[0], np.array(run.scales)
        np.testing.assert_allclose(z / z[0], (w / w[0]) ** run.recipe.hidden, rtol=1e-9)


def test_batch_norm_keeps_the_sigmoid_units_input_steady_and_trains_faster(fresh_bn):
    for run in (recorded("batch-norm-scales"), fresh_bn):
        s = run.inputs
        assert s.drift(0) > 5 * s.drift(1)  # the median: 4.03 against 0.25 in the committed run
        moves = np.nanmax(s.percentiles, axis=1) - np.nanmin(s.percentiles, axis=1)
        assert np.all(moves[0] > 2 * moves[1])  # the 15th and 85th percentiles too
        one_epoch = list(s.steps).index(s.recipe.steps_per_epoch)
        assert s.accuracies[1, one_epoch] > 0.5 and s.accuracies[0, one_epoch] < 0.2
