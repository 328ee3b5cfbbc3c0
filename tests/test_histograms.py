"""Layer histograms at initialisation against direct counts, closed forms and Monte Carlo."""

import math
import warnings

import numpy as np
import pytest

from analytic.core.activations import get_activation
from analytic.core.initialisation import get_initialisation, initial_network, layer_sizes
from analytic.core.network import backprop
from analytic.experiments import histograms
from analytic.experiments.histograms import (
    DEFAULT_SETUPS,
    Setup,
    layer_histograms,
    meanfield_z_vars,
    setup_histograms,
)
from analytic.experiments.mnist import default_training_images
from analytic.theory.meanfield import variance_map


@pytest.fixture(scope="module")
def digits():
    return default_training_images(100)


def rebuilt(digits, setup, hidden, width, seed):
    """The documented network of a set-up (a fresh default_rng(seed)) and its backward pass."""
    net = initial_network(layer_sizes(hidden, width), np.random.default_rng(seed), setup.init,
                          setup.activation, setup.bias_std)
    return backprop(net, digits.images, digits.one_hot(), "cross-entropy")


def count_by_comparison(values, edges):
    # each bin [e_i, e_{i+1}) by two comparisons, the last bin closed, as np.histogram defines
    counts = [np.count_nonzero((values >= lo) & (values < hi)) for lo, hi in pairwise(edges)]
    counts[-1] += np.count_nonzero(values == edges[-1])
    return np.array(counts)


def pairwise(edges):
    return list(zip(edges[:-1], edges[1:]))


# --- counts and fractions ------------------------------------------------------------------------
@pytest.mark.parametrize("setup", [Setup("sigmoid", "gaussian"), Setup("relu", "he", 0.3)])
def test_histogram_counts_match_counting_each_bin_by_comparison(digits, setup):
    result = setup_histograms(digits, setup, layer_sizes(3, 20), bins=17, seed=4)
    grads = rebuilt(digits, setup, 3, 20, seed=4)
    for l, layer in enumerate(result.layers, start=1):
        a, delta = grads.activations[l], grads.deltas[l - 1]
        np.testing.assert_array_equal(layer.a_counts, count_by_comparison(a, result.a_edges))
        np.testing.assert_array_equal(layer.delta_counts,
                                      count_by_comparison(delta, result.delta_edges))
        # every (image, neuron) pair is counted once
        assert layer.a_counts.sum() == layer.delta_counts.sum() == 100 * 20


def test_bins_span_the_sigmoids_range_and_every_error():
    result = setup_histograms(default_training_images(10), Setup("sigmoid", "xavier"),
                              layer_sizes(2, 8), bins=4)
    np.testing.assert_allclose(result.a_edges, [0, 0.25, 0.5, 0.75, 1], atol=1e-15)
    assert -result.delta_edges[0] == result.delta_edges[-1] > 0


@pytest.mark.parametrize("setup, saturated", [
    (Setup("sigmoid", "gaussian"), lambda a: (a < 0.02) | (a > 0.98)),
    (Setup("tanh", "normal:0.3"), lambda a: np.abs(a) > 0.96),
    (Setup("relu", "xavier", 0.5), lambda a: a == 0),
])
def test_saturated_fractions_match_direct_counts(digits, setup, saturated):
    result = setup_histograms(digits, setup, layer_sizes(3, 30), seed=2)
    grads = rebuilt(digits, setup, 3, 30, seed=2)
    for l, layer in enumerate(result.layers, start=1):
        a = grads.activations[l]
        assert layer.saturated == pytest.approx(np.count_nonzero(saturated(a)) / a.size,
                                                abs=1e-15)
        assert layer.mean == pytest.approx(np.sum(a) / a.size, rel=1e-12)


def test_activations_without_flat_ends_report_no_saturation(digits):
    result = setup_histograms(digits, Setup("gelu", "he"), layer_sizes(2, 10))
    assert result.saturation == "none"
    assert all(layer.saturated is None for layer in result.layers)


# --- what theory predicts ------------------------------------------------------------------------
def quadratic_form_standard_error(a_prev, w_var, kurtosis, b_var, n_out):
    """Standard error of mean((z^l)^2) over the draw of w^l, b^l, given a^{l-1}.

    Per neuron j, mean_x z_j^2 = w^T M w + 2 b w.abar + b^2 with M = mean_x a a^T: for entries
    of w with variance s^2 and kurtosis k its variance is s^4 (2 tr M^2 + (k - 3) sum M_kk^2)
    + 4 Var[b] s^2 |abar|^2 + 2 Var[b]^2; the n_out neurons are independent.
    """
    M = a_prev.T @ a_prev / len(a_prev)
    abar = a_prev.mean(axis=0)
    var = (w_var**2 * (2 * np.sum(M * M) + (kurtosis - 3) * np.sum(np.diag(M) ** 2))
           + 4 * b_var * w_var * abar @ abar + 2 * b_var**2)
    return math.sqrt(var / n_out), w_var * np.trace(M) + b_var


@pytest.mark.parametrize("setup, kurtosis", [
    (Setup("sigmoid", "gaussian"), 3.0), (Setup("sigmoid", "normal:0.01"), 3.0),
    (Setup("tanh", "xavier", 0.5), 1.8), (Setup("relu", "he"), 3.0),
])
def test_predicted_z_variance_agrees_with_measurement_within_four_standard_errors(
    digits, setup, kurtosis
):
    width, hidden = 300, 3
    result = setup_histograms(digits, setup, layer_sizes(hidden, width), seed=6)
    grads = rebuilt(digits, setup, hidden, width, seed=6)
    sizes = layer_sizes(hidden, width)
    for l, layer in enumerate(result.layers, start=1):
        w_var = get_initialisation(setup.init).variance(sizes[l - 1], sizes[l])
        se, expected = quadratic_form_standard_error(
            grads.activations[l - 1], w_var, kurtosis, setup.bias_std**2, width
        )
        assert layer.z_var_predicted == pytest.approx(expected, rel=1e-10)
        assert abs(layer.z_var - layer.z_var_predicted) <= 4 * se


@pytest.mark.parametrize("setup", [Setup("tanh", "xavier"), Setup("relu", "he"),
                                   Setup("sigmoid", "xavier", 0.5)])
def test_meanfield_and_backward_predictions_match_wide_networks_over_eight_seeds(setup):
    # Monte Carlo over independent networks: the mean over 8 seeds of measured / predicted
    # lies within 4 standard errors (their spread / sqrt 8) of 1, and that error is small
    digits = default_training_images(40)
    runs = [setup_histograms(digits, setup, layer_sizes(3, 500), seed=s) for s in range(8)]
    for l in range(3):
        for measured, predicted in (("z_var", "z_var_meanfield"),
                                    ("delta_rms", "delta_rms_predicted")):
            ratios = [getattr(r.layers[l], measured) / getattr(r.layers[l], predicted)
                      for r in runs]
            se = np.std(ratios, ddof=1) / math.sqrt(len(ratios))
            assert se < 0.04
            assert abs(np.mean(ratios) - 1) <= 4 * se + 0.005, (measured, l + 1)


def test_meanfield_grid_agrees_with_the_map_evaluated_for_each_image_to_1e_4():
    digits = default_training_images(60)
    phi = get_activation("tanh")
    sizes = layer_sizes(3, 100)
    w_vars = [2 / (a + b) for a, b in zip(sizes[:-1], sizes[1:])]
    got = meanfield_z_vars(phi, w_vars, sizes, digits.images, 0.04, 3)
    q = w_vars[0] * np.sum(digits.images**2, axis=1) + 0.04  # exactly, image by image
    expected = [q.mean()]
    for l in (2, 3):
        q = np.array([variance_map(phi, math.sqrt(100 * w_vars[l - 1]), 0.2, v) for v in q])
        expected.append(q.mean())
    np.testing.assert_allclose(got, expected, rtol=1e-4)


# --- the classic pictures ------------------------------------------------------------------------
def test_the_default_setups_show_the_classic_pictures():
    result = layer_histograms(default_training_images(200))
    by_name = {(s.activation, s.init): s.layers for s in result.setups}
    # N(0, 1) weights: most sigmoid units pile up at 0 and 1
    assert all(layer.saturated > 0.4 for layer in by_name["sigmoid", "gaussian"])
    # N(0, 0.01^2): every layer collapses to 0.5, and delta shrinks ~40x per layer toward the
    # input (0.25 * 0.01 * sqrt(100) = 1/40 per layer)
    small = by_name["sigmoid", "normal:0.01"]
    assert all(abs(layer.mean - 0.5) < 0.01 and layer.std < 0.03 for layer in small)
    ratios = [a.delta_rms / b.delta_rms for a, b in zip(small[:-1], small[1:])]
    assert all(1 / 60 < r < 1 / 25 for r in ratios)
    # ReLU: Xavier halves Var[z] per layer, He keeps it (within sampling error at width 100)
    for init, factor in (("xavier", 0.5), ("he", 1.0)):
        layers = by_name["relu", init]
        z = [layer.z_var for layer in layers[1:]]
        assert all(factor * 0.75 < b / a < factor / 0.75 for a, b in zip(z[:-1], z[1:]))


# --- bad arguments, overflow, determinism, progress ----------------------------------------------
@pytest.mark.parametrize("kwargs, message", [
    ({"width": 0}, "the width of the hidden layers must be an integer"),
    ({"hidden": 101}, "the number of hidden layers must be an integer"),
    ({"bins": 0}, "the number of histogram bins"),
    ({"margin": 0.5}, "the saturation margin"),
    ({"setups": [Setup("relu", "normal:0")]}, "the weight standard deviation"),
    ({"setups": [Setup("relu", "he", -1.0)]}, "the bias standard deviation"),
    ({"setups": [Setup("cosine", "he")]}, "unknown activation"),
])
def test_bad_arguments_are_refused_with_the_quantity_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layer_histograms(default_training_images(10), **kwargs)


def test_the_weights_of_a_wide_deep_network_count_against_the_memory_budget():
    # 10 images need little room for activations, but 100 layers of 10,000 x 10,000 weights
    # (and the normal draws they are made from) are about 2 x 8 x 99 x 10^8 bytes
    with pytest.raises(ValueError, match="would need about 148 GB"):
        layer_histograms(default_training_images(10), hidden=100, width=10_000)


def test_an_exploding_network_is_reported_as_data_without_warnings():
    digits = default_training_images(10)
    setups = [Setup("relu", "normal:1000"), Setup("sigmoid", "normal:1000")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = layer_histograms(digits, setups, hidden=60, width=20)
    exploded, bounded = result.setups
    # |z| grows ~ 1000 sqrt(20/2) ~ 10^3.5 per ReLU layer: past 10^145 near layer 40
    assert 30 < exploded.overflow_layer < 50 and exploded.layers == ()
    assert bounded.overflow_layer is None and len(bounded.layers) == 60
    assert histograms.OVERFLOW_LIMIT ** 2 * 1e8 < np.finfo(float).max


def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not():
    digits = default_training_images(20)
    runs = [layer_histograms(digits, DEFAULT_SETUPS[:2], 2, 10, seed=s) for s in (3, 3, 4)]
    flat = [[(layer.z_var, layer.delta_rms, *layer.a_counts, *layer.delta_counts)
             for s in run.setups for layer in s.layers] for run in runs]
    assert flat[0] == flat[1] and flat[0] != flat[2]


def test_progress_is_reported_once_per_setup():
    ticks = []
    layer_histograms(default_training_images(10), hidden=1, width=5, progress=ticks.append)
    assert ticks == [1] * len(DEFAULT_SETUPS)
