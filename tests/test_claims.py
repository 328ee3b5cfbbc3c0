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
from analytic.train import Recipe, forward

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
