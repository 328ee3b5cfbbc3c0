"""Layer histograms at initialisation against direct counts, closed forms and Monte Carlo.

The reference network of a set-up is rebuilt here as the docs describe it, independently of the
code under test: network 0 of the recipe's seed, i.e. a fresh ``default_rng([seed, 0])``, the
weights drawn layer by layer by the scheme's law (written out below), then every layer's
biases N(0, 1) times ``bias_std``, fed the recipe's training digits (all 784 pixels, the blank
ones included: they add nothing to any z) through ``analytic.core.network.backprop``.
"""

import math
import warnings

import numpy as np
import pytest

from analytic.core import limits
from analytic.core.activations import gelu, get_activation, relu, sigmoid, tanh
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import gaussian, he, normal, xavier
from analytic.core.network import Network, backprop
from analytic.experiments import histograms
from analytic.experiments.data import Data
from analytic.experiments.histograms import (
    HISTOGRAMS,
    SETUPS,
    layer_histograms,
    meanfield_z_vars,
    setup_histograms,
    setups,
)
from analytic.experiments.mnist import default_training_images
from analytic.theory.meanfield import variance_map


def normal_law(std):
    """N(0, std^2) whatever the layer: its draw and its variance."""
    return (lambda n_in, n_out, rng: std * rng.standard_normal((n_out, n_in)),
            lambda n_in, n_out: std**2)


def xavier_draw(n_in, n_out, rng):
    bound = math.sqrt(6 / (n_in + n_out))
    return rng.uniform(-bound, bound, (n_out, n_in))


#: Each scheme's law, written from its definition: spec -> (draw of w^l for (n_in, n_out),
#: the variance Var[w] of an entry).
LAWS = {
    "gaussian": normal_law(1.0),
    "he": (lambda n_in, n_out, rng: rng.standard_normal((n_out, n_in)) * math.sqrt(2 / n_in),
           lambda n_in, n_out: 2 / n_in),
    "xavier": (xavier_draw, lambda n_in, n_out: 2 / (n_in + n_out)),
    "normal:0.01": normal_law(0.01), "normal:0.3": normal_law(0.3),
    "normal:1000": normal_law(1000),
}


@pytest.fixture(scope="module")
def data():
    """The embedded sample, each recipe's draw of digits made once."""
    return Data()


@pytest.fixture(scope="module")
def digits():
    return default_training_images(100)


def recipe(activation, init, bias_std=0.0, **changes):
    """The histograms' recipe for one set-up (100 digits unless changed)."""
    return HISTOGRAMS.but(activation=activation, init=init, bias_std=bias_std,
                          **{"images": 100, **changes})


def sizes_of(r):
    return [784] + [r.width] * r.hidden + [10]


def rebuilt(digits, r):
    """The documented network of recipe ``r`` (see the module docstring) and its backward
    pass over ``digits``."""
    rng = np.random.default_rng([r.seed, 0])
    draw = LAWS[r.init.spec][0]
    sizes = sizes_of(r)
    weights = [draw(n_in, n_out, rng) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [r.bias_std * rng.standard_normal(n) for n in sizes[1:]]
    net = Network(tuple(weights), tuple(biases), r.activation, sigmoid())
    return backprop(net, digits.images, digits.one_hot(), cross_entropy())


def count_by_comparison(values, edges, scale):
    # each bin [e_i, e_{i+1}) by two comparisons, the last bin closed, as np.histogram defines:
    # the bounds (fewest, most) when a value within 1e-12 of an edge (relative to the edge, or
    # 1e-15 of the values' scale) but not on it may fall on either side of it
    last = len(edges) - 2
    slack = lambda e: 1e-12 * abs(e) + 1e-15 * scale  # noqa: E731

    def fewest(i, lo, hi):
        above = (values == lo) | (values >= lo + slack(lo))
        below = (values < hi - slack(hi)) | ((values == hi) if i == last else False)
        return np.count_nonzero(above & below)

    def most(i, lo, hi):
        below = values <= hi + slack(hi) if i == last else values < hi + slack(hi)
        return np.count_nonzero((values >= lo - slack(lo)) & below)

    bins = list(enumerate(pairwise(edges)))
    low, high = (np.array([count(i, lo, hi) for i, (lo, hi) in bins]) for count in (fewest, most))
    return low, high


def pairwise(edges):
    return list(zip(edges[:-1], edges[1:]))


# --- counts and fractions ------------------------------------------------------------------------
@pytest.mark.parametrize("setup", [recipe(sigmoid(), gaussian()), recipe(relu(), he(), 0.3)],
                         ids=["sigmoid-gaussian", "relu-he-0.3"])
def test_histogram_counts_match_counting_each_bin_by_comparison(data, digits, setup):
    setup = setup.but(hidden=3, width=20, seed=4)
    result = setup_histograms(setup, data(setup), bins=17)
    grads = rebuilt(digits, setup)
    for l, layer in enumerate(result.layers, start=1):
        a, delta = grads.activations[l], grads.deltas[l - 1]
        # the rebuild's values agree with the pass the histograms counted to the last bits,
        # not bit for bit: a value that close to an edge may be counted in either bin
        for counts, values, edges in ((layer.a_counts, a, result.a_edges),
                                      (layer.delta_counts, delta, result.delta_edges)):
            fewest, most = count_by_comparison(values, edges, np.abs(values).max())
            assert np.all(fewest <= counts) and np.all(counts <= most), (counts, fewest, most)
            assert np.abs(most - fewest).sum() <= 2  # the slack decides almost nothing
        # every (image, neuron) pair is counted once
        assert layer.a_counts.sum() == layer.delta_counts.sum() == 100 * 20


def test_bins_span_the_sigmoids_range_and_every_error(data):
    setup = recipe(sigmoid(), xavier(), hidden=2, width=8, images=10)
    result = setup_histograms(setup, data(setup), bins=4)
    np.testing.assert_allclose(result.a_edges, [0, 0.25, 0.5, 0.75, 1], atol=1e-15)
    assert -result.delta_edges[0] == result.delta_edges[-1] > 0


@pytest.mark.parametrize("setup, saturated", [
    (recipe(sigmoid(), gaussian()), lambda a: (a < 0.02) | (a > 0.98)),
    (recipe(tanh(), normal(0.3)), lambda a: np.abs(a) > 0.96),
    (recipe(relu(), xavier(), 0.5), lambda a: a == 0),
], ids=["sigmoid-gaussian", "tanh-normal-0.3", "relu-xavier-0.5"])
def test_saturated_fractions_match_direct_counts(data, digits, setup, saturated):
    setup = setup.but(hidden=3, width=30, seed=2)
    result = setup_histograms(setup, data(setup))
    grads = rebuilt(digits, setup)
    for l, layer in enumerate(result.layers, start=1):
        a = grads.activations[l]
        assert layer.saturated == pytest.approx(np.count_nonzero(saturated(a)) / a.size,
                                                abs=1e-15)
        assert layer.mean == pytest.approx(np.sum(a) / a.size, rel=1e-12)


def test_activations_without_flat_ends_report_no_saturation(data):
    setup = recipe(gelu(), he(), hidden=2, width=10)
    result = setup_histograms(setup, data(setup))
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
    (recipe(sigmoid(), gaussian()), 3.0), (recipe(sigmoid(), normal(0.01)), 3.0),
    (recipe(tanh(), xavier(), 0.5), 1.8), (recipe(relu(), he()), 3.0),
], ids=["sigmoid-gaussian", "sigmoid-normal-0.01", "tanh-xavier-0.5", "relu-he"])
def test_predicted_z_variance_agrees_with_measurement_within_four_standard_errors(
    data, digits, setup, kurtosis
):
    width, hidden = 300, 3
    setup = setup.but(hidden=hidden, width=width, seed=6)
    result = setup_histograms(setup, data(setup))
    grads = rebuilt(digits, setup)
    sizes = sizes_of(setup)
    for l, layer in enumerate(result.layers, start=1):
        w_var = LAWS[setup.init.spec][1](sizes[l - 1], sizes[l])
        se, expected = quadratic_form_standard_error(
            grads.activations[l - 1], w_var, kurtosis, setup.bias_std**2, width
        )
        assert layer.z_var_predicted == pytest.approx(expected, rel=1e-10)
        assert abs(layer.z_var - layer.z_var_predicted) <= 4 * se


@pytest.mark.parametrize("setup", [recipe(tanh(), xavier()), recipe(relu(), he()),
                                   recipe(sigmoid(), xavier(), 0.5)],
                         ids=["tanh-xavier", "relu-he", "sigmoid-xavier-0.5"])
def test_meanfield_and_backward_predictions_match_wide_networks_over_eight_seeds(data, setup):
    # Monte Carlo over independent networks: the mean over 8 seeds of measured / predicted
    # lies within 4 standard errors (their spread / sqrt 8) of 1, and that error is small
    setup = setup.but(hidden=3, width=500, images=40)
    runs = [setup_histograms(setup.but(seed=s), data(setup)) for s in range(8)]
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
    sizes = sizes_of(HISTOGRAMS.but(hidden=3, width=100))
    w_vars = [2 / (a + b) for a, b in zip(sizes[:-1], sizes[1:])]
    got = meanfield_z_vars(phi, w_vars, sizes, digits.images, 0.04, 3)
    q = w_vars[0] * np.sum(digits.images**2, axis=1) + 0.04  # exactly, image by image
    expected = [q.mean()]
    for l in (2, 3):
        q = np.array([variance_map(phi, math.sqrt(100 * w_vars[l - 1]), 0.2, v) for v in q])
        expected.append(q.mean())
    np.testing.assert_allclose(got, expected, rtol=1e-4)


# --- the classic pictures ------------------------------------------------------------------------
def test_the_default_setups_show_the_classic_pictures(data):
    result = layer_histograms(setups(base=HISTOGRAMS.but(images=200)), source=data)
    by_name = {(s.recipe.activation, s.recipe.init): s.layers for s in result.setups}
    # N(0, 1) weights: most sigmoid units pile up at 0 and 1
    assert all(layer.saturated > 0.4 for layer in by_name[sigmoid(), gaussian()])
    # N(0, 0.01^2): every layer collapses to 0.5, and delta shrinks ~40x per layer toward the
    # input (0.25 * 0.01 * sqrt(100) = 1/40 per layer)
    small = by_name[sigmoid(), normal(0.01)]
    assert all(abs(layer.mean - 0.5) < 0.01 and layer.std < 0.03 for layer in small)
    ratios = [a.delta_rms / b.delta_rms for a, b in zip(small[:-1], small[1:])]
    assert all(1 / 60 < r < 1 / 25 for r in ratios)
    # ReLU: Xavier halves Var[z] per layer, He keeps it (within sampling error at width 100)
    for init, factor in ((xavier(), 0.5), (he(), 1.0)):
        layers = by_name[relu(), init]
        z = [layer.z_var for layer in layers[1:]]
        assert all(factor * 0.75 < b / a < factor / 0.75 for a, b in zip(z[:-1], z[1:]))


# --- bad arguments, overflow, determinism, progress ----------------------------------------------
SMALL = HISTOGRAMS.but(hidden=2, width=5, images=10)


@pytest.mark.parametrize("changes, kwargs, message", [
    ({"width": 0}, {}, "the width of the hidden layers must be an integer"),
    ({"hidden": int(limits.HIDDEN.high) + 1}, {},
     "the number of hidden layers must be an integer"),
    ({}, {"bins": 0}, "the number of histogram bins"),
    ({}, {"margin": 0.5}, "the saturation margin"),
    ({"activation": relu(), "init": he(), "bias_std": -1.0}, {}, "the bias standard deviation"),
])
def test_bad_arguments_are_refused_with_the_quantity_named(data, changes, kwargs, message):
    with pytest.raises(ValueError, match=message):
        layer_histograms([SMALL.but(**changes)], source=data, **kwargs)


@pytest.mark.parametrize("parse, message", [
    (lambda: normal(0), "the weight standard deviation"),
    (lambda: get_activation("cosine"), "unknown activation"),
], ids=["normal-0", "cosine"])
def test_a_bad_scheme_or_activation_is_refused_where_it_is_made(parse, message):
    # a set-up holds objects: a weight scale of 0 or an unknown name never reaches the experiment
    with pytest.raises(ValueError, match=message):
        parse()


def test_the_weights_of_a_wide_deep_network_count_against_the_memory_budget(data, monkeypatch):
    # the largest network a recipe admits, 50 layers of 1,000, on 10 images: the activations
    # and errors take 4 x 8 x 10 x 50,794 bytes (16 MB), the weights and the normal draws they
    # are made from 2 x 8 x 49,794,000 (797 MB), together about 0.76 GB; under a 0.5 GB budget
    # only the weights' share makes it too much
    monkeypatch.setattr(limits, "MEMORY_BUDGET", 2**29)
    widest = HISTOGRAMS.but(hidden=int(limits.HIDDEN.high), width=int(limits.WIDTH.high),
                            images=10)
    with pytest.raises(ValueError, match="would need about 0.8 GB, more than the 0.5 GB budget"):
        layer_histograms([widest], source=data)


def test_an_exploding_network_is_reported_as_data_without_warnings(data):
    hidden = int(limits.HIDDEN.high)
    exploding = [recipe(relu(), normal(1000), hidden=hidden, width=20, images=10),
                 recipe(sigmoid(), normal(1000), hidden=hidden, width=20, images=10)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = layer_histograms(exploding, source=data)
    exploded, bounded = result.setups
    # |z| grows ~ 1000 sqrt(20/2) ~ 10^3.5 per ReLU layer: past 10^145 near layer 40
    assert 30 < exploded.overflow_layer < 50 and exploded.layers == ()
    assert bounded.overflow_layer is None and len(bounded.layers) == hidden
    assert histograms.OVERFLOW_LIMIT ** 2 * 1e8 < np.finfo(float).max


def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not(data):
    runs = [layer_histograms(setups(SETUPS[:2], HISTOGRAMS.but(hidden=2, width=10, images=20,
                                                               seed=s)), source=data)
            for s in (3, 3, 4)]
    flat = [[(layer.z_var, layer.delta_rms, *layer.a_counts, *layer.delta_counts)
             for s in run.setups for layer in s.layers] for run in runs]
    assert flat[0] == flat[1] and flat[0] != flat[2]


def test_progress_is_reported_once_per_setup(data):
    ticks = []
    layer_histograms(setups(base=HISTOGRAMS.but(hidden=1, width=5, images=10)), source=data,
                     progress=ticks.append)
    assert ticks == [1] * len(SETUPS)
