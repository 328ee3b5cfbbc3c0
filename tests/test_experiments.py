"""The experiments: per-layer speeds, initialisation schemes, training, accuracy, neuron bars.

References: a per-image loop through the chapter's backprop (``core.network.backprop``, one
backward pass per image) against the experiments' vectorised model, central finite
differences of the cost (float64 with step 1e-6, tolerance stated per test), the variances
the initialisation schemes are defined by, numbers quoted in the chapter, and chance accuracy.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from analytic.core.activations import get_activation, relu, sigmoid
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import (
    INITIALISATIONS,
    get_initialisation,
    he,
    initial_network,
    layer_sizes,
    scaled,
    xavier,
)
from analytic.core.limits import MEMORY_BUDGET, WORK_BUDGET
from analytic.core.network import Network, backprop, cost_value
from analytic.experiments.data import Data
from analytic.experiments.mnist import Digits, Source
from analytic.experiments.plan import pass_bytes, pass_work
from analytic.experiments.speeds import (
    compare_initialisations,
    init_norms,
    layer_speeds,
    neuron_bars,
)
from analytic.experiments.training import (
    TRAINING_SPEED,
    depth_accuracy,
    depth_recipes,
    training_speed,
)
from analytic.train import Architecture, Recipe, accuracy, initial_model, used_inputs

COST = cross_entropy()
#: The chapter's network at initialisation, measured on 1,000 embedded digits.
INIT = Recipe(validation=0)


def small_batch(n: int, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 784))
    y = np.eye(10)[rng.integers(0, 10, n)]
    return x, y


def model_and_network(sizes, seed: int, init=None, activation=None):
    """The experiments' model and the chapter's core network, drawn from the same numbers."""
    phi = activation or sigmoid()
    model = initial_model(Architecture(tuple(sizes), phi), np.random.default_rng(seed), init)
    net = initial_network(sizes, np.random.default_rng(seed), init, phi)
    return model, net


def speeds_per_image(net: Network, x, y, measure: str = "bias-gradient"):
    """Every hidden layer's measure by one backward pass of the chapter's backprop per image:
    its nabla_b is that image's delta^l, its nabla_w that image's dC_x/dw^l."""
    hidden = net.depth - 1
    per_image = [backprop(net, xi, yi, COST) for xi, yi in zip(x, y)]
    deltas = [np.array([g.nabla_b[l] for g in per_image]) for l in range(hidden)]
    if measure == "bias-gradient":
        return np.array([np.linalg.norm(d.mean(axis=0)) for d in deltas])
    if measure == "delta-rms":
        return np.array([np.sqrt(np.mean(np.sum(d**2, axis=1))) for d in deltas])
    return np.array([np.linalg.norm(np.mean([g.nabla_w[l] for g in per_image], axis=0))
                     for l in range(hidden)])


def bias_gradient_by_differences(net, x, y, l: int, j: int, h: float = 1e-6) -> float:
    """dC/db^l_j by central differences of the mean cross-entropy."""
    def cost_with(shift: float) -> float:
        biases = [b.copy() for b in net.biases]
        biases[l - 1][j] += shift
        shifted = type(net)(net.weights, tuple(biases), net.activation, net.output_activation)
        return cost_value(shifted, x, y, COST)
    return (cost_with(h) - cost_with(-h)) / (2 * h)


def gradient_step(net: Network, eta: float, lmbda: float, n: int, x, y) -> Network:
    """The chapter's update of a core network, as written: w <- (1 - eta lmbda / n) w - eta
    dC/dw and b <- b - eta dC/db (biases not decayed)."""
    grads = backprop(net, x, y, COST)
    decay = 1.0 - eta * lmbda / n
    weights = tuple(decay * w - eta * nw for w, nw in zip(net.weights, grads.nabla_w))
    biases = tuple(b - eta * nb for b, nb in zip(net.biases, grads.nabla_b))
    return Network(weights, biases, net.activation, net.output_activation)


# --- the speeds --------------------------------------------------------------------------------
@pytest.mark.parametrize("measure", ["bias-gradient", "delta-rms", "weight-gradient"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_the_models_vectorised_measures_equal_the_chapters_per_image_loop_to_1e_10(
        measure, activation):
    x, y = small_batch(40, seed=1)
    model, net = model_and_network([784, 7, 6, 5, 10], 2, xavier(), get_activation(activation))
    fast = layer_speeds(model, x, y, measure)
    slow = speeds_per_image(net, x, y, measure)
    assert fast.shape == (3,)
    np.testing.assert_allclose(fast, slow, rtol=1e-10, atol=0)


def test_the_chapters_speed_is_the_norm_of_the_finite_difference_bias_gradient():
    x, y = small_batch(25, seed=3)
    model, net = model_and_network([784, 4, 3, 10], 4)
    speeds = layer_speeds(model, x, y, "bias-gradient")
    for l, n in ((1, 4), (2, 3)):
        by_differences = [bias_gradient_by_differences(net, x, y, l, j) for j in range(n)]
        assert speeds[l - 1] == pytest.approx(np.linalg.norm(by_differences), rel=1e-6)


def test_the_rms_of_the_per_image_errors_is_at_least_the_norm_of_their_mean():
    # sqrt(mean ||d_i||^2) >= mean ||d_i|| >= ||mean d_i|| (Jensen, then the triangle
    # inequality): the two measures differ, and in a known direction
    x, y = small_batch(50, seed=5)
    model, _ = model_and_network(layer_sizes(3, 10), 6)
    assert np.all(layer_speeds(model, x, y, "delta-rms") >= layer_speeds(model, x, y) - 1e-15)


def test_an_unknown_measure_is_refused_with_the_choices():
    x, y = small_batch(2, seed=0)
    model, _ = model_and_network(layer_sizes(1, 3), 0)
    with pytest.raises(ValueError, match="bias-gradient, delta-rms, weight-gradient, "
                                         "update-ratio"):
        layer_speeds(model, x, y, "median")


# --- the initialisation schemes ----------------------------------------------------------------
@pytest.mark.parametrize(
    "init, variance",
    [
        ("gaussian", lambda n_in, n_out: 1.0),
        ("scaled", lambda n_in, n_out: 1.0 / n_in),
        ("xavier", lambda n_in, n_out: 2.0 / (n_in + n_out)),  # (sqrt(6/(n_in+n_out)))^2 / 3
        ("he", lambda n_in, n_out: 2.0 / n_in),
    ],
)
def test_each_scheme_draws_weights_with_its_defining_variance(init, variance):
    net = initial_network([400, 300, 10], np.random.default_rng(7), get_initialisation(init))
    w = net.weights[0]
    # 120,000 draws: the sample variance is within 2% of the truth (about 5 standard errors)
    assert w.var() == pytest.approx(variance(400, 300), rel=0.02)
    assert abs(w.mean()) < 5 * np.sqrt(variance(400, 300) / w.size)
    assert net.biases[0].shape == (300,)


def test_xavier_weights_stay_inside_their_bound():
    w = initial_network([784, 30, 10], np.random.default_rng(8), xavier()).weights[0]
    assert np.abs(w).max() <= np.sqrt(6 / (784 + 30))


def test_an_unknown_initialisation_is_refused_naming_the_forms():
    with pytest.raises(ValueError,
                       match="gaussian, scaled, scaled:GAIN, standard, xavier, he, normal:STD"):
        get_initialisation("uniform")
    assert list(INITIALISATIONS) == ["gaussian", "scaled", "standard", "xavier", "he", "normal"]


# --- the chapter's pattern on the embedded digits ----------------------------------------------
def test_each_earlier_sigmoid_layer_learns_several_times_slower_than_the_next():
    result = init_norms(INIT, networks=30)
    # the chapter's argument: each layer multiplies delta by w sigma' with |w sigma'| < 1/4 on
    # average, so consecutive medians differ by a factor of several (the chapter saw ~4-5)
    assert np.all(result.median[:-1] * 3 < result.median[1:])
    assert np.all(result.ratios > 3)
    # "about two orders of magnitude" from the first hidden layer to the fourth
    assert 30 < result.last_over_first < 300
    assert np.all(result.low <= result.median) and np.all(result.median <= result.high)
    assert result.band == "p10-p90"  # 30 networks: the 10th to 90th percentiles


def test_medians_match_the_chapters_four_layer_numbers_within_a_factor_of_two():
    # the chapter's single run of [784, 30, 30, 30, 30, 10] on 1,000 training images
    # reported speeds of 0.003, 0.017, 0.070 and 0.285 for hidden layers 1-4
    chapter = np.array([0.003, 0.017, 0.070, 0.285])
    result = init_norms(INIT.but(seed=1), networks=30)
    assert np.all(result.median / chapter > 0.5) and np.all(result.median / chapter < 2)


def test_he_initialisation_with_relu_keeps_the_layers_far_more_level_than_sigmoid():
    recipes = [INIT.but(activation=a, init=i)
               for a in (sigmoid(), relu()) for i in (scaled(), he())]
    result = compare_initialisations(recipes, networks=10)
    assert [(r.recipe.activation.spec, r.recipe.init.spec) for r in result.rows] == [
        ("sigmoid", "scaled"), ("sigmoid", "he"), ("relu", "scaled"), ("relu", "he")]
    sigmoid_scaled, relu_he = result.rows[0], result.rows[3]
    assert relu_he.last_over_first < 10 < sigmoid_scaled.last_over_first


def test_network_i_is_the_same_whatever_the_number_of_networks_drawn():
    recipe = INIT.but(hidden=2, seed=5)
    few, many = init_norms(recipe, networks=3), init_norms(recipe, networks=6)
    np.testing.assert_array_equal(few.speeds, many.speeds[:3])


def test_the_speeds_at_initialisation_are_the_chapters_backprop_on_the_recipes_network():
    # reference: network s of seed 7 drawn by hand as the recipes' seed policy says, on the
    # recipe's own digits, through the chapter's backprop on all 784 pixels
    recipe = INIT.but(hidden=2, seed=7, images=100)
    result = init_norms(recipe, networks=2)
    digits = Data()(recipe).train
    for s in range(2):
        net = initial_network(layer_sizes(2), np.random.default_rng([7, s]))
        grads = backprop(net, digits.images, digits.one_hot(), COST, weight_gradients=False)
        expected = [np.linalg.norm(nb) for nb in grads.nabla_b[:-1]]
        np.testing.assert_allclose(result.speeds[s], expected, rtol=1e-12)


# --- training ----------------------------------------------------------------------------------
def test_full_batch_training_takes_the_chapters_step_and_records_the_speed_before_it():
    # reference: the chapter's update written out on the core network, all 784 pixels kept
    recipe = TRAINING_SPEED.but(epochs=15)
    digits = Data()(recipe).train
    net = initial_network(layer_sizes(2), np.random.default_rng([0, 0]))
    x, y = digits.images, digits.one_hot()
    reference = []
    for _ in range(15):
        grads = backprop(net, x, y, COST, weight_gradients=False)
        reference.append([np.linalg.norm(nb) for nb in grads.nabla_b[:-1]])
        net = gradient_step(net, 0.1, 5.0, len(x), x, y)
    result = training_speed(recipe)
    assert 0 < len(used_inputs(x)) < 784
    assert result.recipe.sizes == (784, 30, 30, 10)
    np.testing.assert_allclose(result.speeds, reference, rtol=1e-11, atol=0)


def test_the_chapters_gradient_step_descends_the_l2_regularised_cost_by_finite_differences():
    # the reference update above, checked itself: w - w' = eta * d/dw [C + lmbda/(2n) sum w^2]
    x, y = small_batch(8, seed=9)
    net = initial_network([784, 3, 10], np.random.default_rng(10))
    eta, lmbda, n = 0.1, 5.0, 1000
    stepped = gradient_step(net, eta, lmbda, n, x, y)
    h = 1e-6
    for (l, j, k) in [(1, 0, 300), (1, 2, 500), (2, 4, 1)]:
        def regularised(delta, l=l, j=j, k=k):
            weights = [w.copy() for w in net.weights]
            weights[l - 1][j, k] += delta
            shifted = type(net)(tuple(weights), net.biases, net.activation, net.output_activation)
            penalty = lmbda / (2 * n) * sum(np.sum(w ** 2) for w in weights)
            return cost_value(shifted, x, y, COST) + penalty
        slope = (regularised(h) - regularised(-h)) / (2 * h)
        moved = net.weights[l - 1][j, k] - stepped.weights[l - 1][j, k]
        assert moved == pytest.approx(eta * slope, rel=1e-5, abs=1e-11)
    # biases are not decayed: their step is eta times the plain gradient
    slope_b = bias_gradient_by_differences(net, x, y, 1, 1)
    assert net.biases[0][1] - stepped.biases[0][1] == pytest.approx(eta * slope_b, rel=1e-5)


def test_training_lowers_the_cost_and_is_reproducible_with_the_same_seed():
    a = training_speed(TRAINING_SPEED.but(epochs=40))
    assert a.speeds.shape == (40, 2)
    assert a.costs[-1] < 0.6 * a.costs[0]
    again = training_speed(TRAINING_SPEED.but(epochs=40))
    np.testing.assert_array_equal(a.speeds, again.speeds)


def test_accuracy_counts_the_images_whose_largest_output_is_the_label():
    digits = Data()(INIT.but(images=200)).train
    model, net = model_and_network(layer_sizes(1), 11)
    outputs = [backprop(net, image, np.zeros(10), COST).activations[-1][0]
               for image in digits.images]
    brute = np.mean([np.argmax(o) == label for o, label in zip(outputs, digits.labels)])
    assert accuracy(model, digits.images, digits.labels) == pytest.approx(brute, abs=0)


def test_a_short_sgd_run_beats_chance_by_far():
    recipe = Recipe(hidden=1, eta=0.1, lmbda=5.0, epochs=2, images=1000, validation=500)
    result = depth_accuracy([recipe])
    assert result.accuracies.shape == (1, 1)
    # chance is 10%; two epochs of one hidden layer already reach well over half
    assert result.accuracies[0, 0] > 0.5


def test_depth_accuracy_reports_progress_once_per_epoch_and_network():
    ticks = []
    recipes = depth_recipes(2, Recipe(epochs=2, images=100, validation=100))
    depth_accuracy(recipes, networks=2, progress=ticks.append)
    assert sum(ticks) == 2 * 2 * 2


# --- the neuron bars ---------------------------------------------------------------------------
def test_neuron_bars_are_the_absolute_bias_gradients_by_finite_differences():
    recipe = Recipe(hidden=2, images=100, validation=0)
    bars = neuron_bars(recipe, neurons=3)
    digits = Data()(recipe).train
    net = initial_network(layer_sizes(2), np.random.default_rng([0, 0]))
    for l in (1, 2):
        for j in range(3):
            reference = abs(bias_gradient_by_differences(net, digits.images, digits.one_hot(),
                                                         l, j))
            assert bars.bars[l - 1][j] == pytest.approx(reference, rel=1e-5, abs=1e-10)


# --- refusals: sizes beyond the memory or work budget, and invalid rates -------------------------
def tiny_source(n: int = 10) -> Source:
    return Source("tiny", Digits(np.zeros((n, 784)), np.arange(n) % 10))


def test_fifty_layers_of_1000_drawn_10000_times_are_refused_by_the_work_budget_at_once():
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as info:
            init_norms(Recipe(hidden=50, width=1000, images=200, validation=0),
                       networks=10_000, source=tiny_source())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith("10,000 passes of a [784, 1,000 x 50, 10] network over 200 "
                              "images would take about")
    # independent lower bound: a forward pass alone is one multiply-add per weight and image
    multiply_adds = float(message.split("about ")[1].split(" multiply")[0])
    assert multiply_adds >= 10_000 * 200 * 49 * 1000**2
    assert peak < 2**20


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda s: init_norms(INIT, networks=0, source=s), "the number of networks must be an "
                                                           "integer from 1 to 10,000, got 0"),
        (lambda s: init_norms(INIT, networks=10**9, source=s), "got 1,000,000,000"),
        (lambda s: init_norms(INIT, measure="median", source=s), "unknown measure"),
        (lambda s: init_norms(INIT, measure="update-ratio", source=s), "optimiser step"),
        (lambda s: compare_initialisations([], source=s), "the number of rows"),
        (lambda s: training_speed(TRAINING_SPEED.but(batch_size=10), source=s), "full-batch"),
        (lambda s: training_speed(TRAINING_SPEED.but(epochs=10_000, width=700, hidden=50,
                                                     images=200), source=s),
         "multiply-adds, more than"),
        (lambda s: depth_accuracy(depth_recipes(2), networks=0, source=s),
         "the number of networks"),
        (lambda s: depth_accuracy([Recipe(validation=0)], source=s), "validation digits"),
        (lambda s: depth_accuracy([], source=s), "the number of depths"),
        (lambda s: neuron_bars(Recipe(hidden=2, validation=0), neurons=31, source=s),
         "the number of neurons shown per layer must be an integer from 1 to 30, got 31"),
    ],
)
def test_a_request_beyond_the_budgets_or_the_limits_is_refused_naming_the_quantity(call,
                                                                                   expected):
    with pytest.raises(ValueError) as info:
        call(tiny_source())
    assert expected in str(info.value)
    assert "--" not in str(info.value)  # a quantity, not a command-line flag


@pytest.mark.parametrize("depth", [0, 51])
def test_depths_beyond_the_limits_table_are_refused(depth):
    with pytest.raises(ValueError, match="the number of hidden layers must be an integer from "
                                         "1 to 50"):
        depth_recipes(depth)


def test_the_budgets_admit_the_chapters_runs_on_the_full_mnist():
    # 50,000 training images: training-speed for 500 epochs, depth-accuracy to 4 hidden layers
    # for 30 epochs of batch 10, compare-inits of 12 rows of 100 networks; all within budget
    sizes = layer_sizes(4)
    assert pass_bytes(sizes, 50_000, True) <= MEMORY_BUDGET
    assert 500 * pass_work(sizes, 50_000, True) <= WORK_BUDGET
    assert 4 * 30 * 5_000 * pass_work(sizes, 10, True) <= WORK_BUDGET
    assert 12 * 100 * pass_work(sizes, 50_000, False) <= WORK_BUDGET


@pytest.mark.parametrize("weight_gradients", [False, True])
def test_the_memory_estimate_bounds_what_a_pass_allocates_within_a_factor_of_three(
        weight_gradients):
    # reference: the peak tracemalloc measures while the experiment runs (the digits drawn
    # before, as a command draws them)
    recipe = TRAINING_SPEED.but(hidden=2, width=500, epochs=2)
    data = Data()
    data(recipe)
    tracemalloc.start()
    if weight_gradients:
        training_speed(recipe, source=data)
    else:
        init_norms(recipe.but(batch_size=10), networks=1, source=data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    estimate = pass_bytes(recipe.sizes, recipe.images, weight_gradients)
    assert peak <= estimate <= 3 * peak
