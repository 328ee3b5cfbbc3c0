"""The experiments: per-layer speeds, initialisation schemes, training, accuracy, neuron bars.

References: a per-image loop (the vectorised pass against one backward pass per image),
central finite differences of the cost (mpmath-free: float64 with step 1e-6, tolerance stated
per test), the variances the initialisation schemes are defined by, numbers quoted in the
chapter, and chance accuracy.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from analytic.core.initialisation import INITIALISATIONS, initial_network, layer_sizes
from analytic.core.limits import MEMORY_BUDGET, WORK_BUDGET
from analytic.core.network import backprop, cost_value, feedforward
from analytic.experiments.mnist import Digits, balanced_split, load_embedded
from analytic.experiments.plan import pass_bytes, pass_work
from analytic.experiments.speeds import (
    compare_initialisations,
    init_norms,
    layer_speeds,
    layer_speeds_per_image,
    neuron_bars,
    used_pixels,
)
from analytic.experiments.training import accuracy, depth_accuracy, gradient_step, training_speed


@pytest.fixture(scope="module")
def train():
    return balanced_split(load_embedded(), 1000, 0, seed=0)[0]


def small_batch(n: int, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 784))
    y = np.eye(10)[rng.integers(0, 10, n)]
    return x, y


def bias_gradient_by_differences(net, x, y, l: int, j: int, h: float = 1e-6) -> float:
    """dC/db^l_j by central differences of the mean cross-entropy."""
    def cost_with(shift: float) -> float:
        biases = [b.copy() for b in net.biases]
        biases[l - 1][j] += shift
        shifted = type(net)(net.weights, tuple(biases), net.activation, net.output_activation)
        return cost_value(shifted, x, y, "cross-entropy")
    return (cost_with(h) - cost_with(-h)) / (2 * h)


# --- the speeds --------------------------------------------------------------------------------
@pytest.mark.parametrize("statistic", ["mean-gradient", "mean-norm"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_vectorised_speeds_equal_the_per_image_loop_to_1e_10(statistic, activation):
    x, y = small_batch(40, seed=1)
    net = initial_network([784, 7, 6, 5, 10], np.random.default_rng(2), "xavier", activation)
    fast = layer_speeds(net, x, y, statistic)
    slow = layer_speeds_per_image(net, x, y, statistic)
    assert fast.shape == (3,)
    np.testing.assert_allclose(fast, slow, rtol=1e-10, atol=0)


def test_the_chapters_speed_is_the_norm_of_the_finite_difference_bias_gradient():
    x, y = small_batch(25, seed=3)
    net = initial_network([784, 4, 3, 10], np.random.default_rng(4))
    speeds = layer_speeds(net, x, y, "mean-gradient")
    for l, n in ((1, 4), (2, 3)):
        by_differences = [bias_gradient_by_differences(net, x, y, l, j) for j in range(n)]
        assert speeds[l - 1] == pytest.approx(np.linalg.norm(by_differences), rel=1e-6)


def test_mean_of_norms_is_at_least_the_norm_of_the_mean():
    # the triangle inequality: the two statistics differ, and in a known direction
    x, y = small_batch(50, seed=5)
    net = initial_network(layer_sizes(3, 10), np.random.default_rng(6))
    assert np.all(layer_speeds(net, x, y, "mean-norm") >= layer_speeds(net, x, y) - 1e-15)


def test_an_unknown_statistic_is_refused_with_the_choices():
    x, y = small_batch(2, seed=0)
    net = initial_network(layer_sizes(1, 3), np.random.default_rng(0))
    with pytest.raises(ValueError, match="mean-gradient, mean-norm"):
        layer_speeds(net, x, y, "median")


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
    net = initial_network([400, 300, 10], np.random.default_rng(7), init)
    w = net.weights[0]
    # 120,000 draws: the sample variance is within 2% of the truth (about 5 standard errors)
    assert w.var() == pytest.approx(variance(400, 300), rel=0.02)
    assert abs(w.mean()) < 5 * np.sqrt(variance(400, 300) / w.size)
    assert net.biases[0].shape == (300,)


def test_xavier_weights_stay_inside_their_bound():
    w = initial_network([784, 30, 10], np.random.default_rng(8), "xavier").weights[0]
    assert np.abs(w).max() <= np.sqrt(6 / (784 + 30))


def test_unknown_initialisation_names_the_choices():
    with pytest.raises(ValueError, match="gaussian, scaled, xavier, he"):
        initial_network([784, 30, 10], np.random.default_rng(0), "uniform")
    assert list(INITIALISATIONS) == ["gaussian", "scaled", "xavier", "he"]


# --- the chapter's pattern on the embedded digits ----------------------------------------------
def test_each_earlier_sigmoid_layer_learns_several_times_slower_than_the_next(train):
    result = init_norms(train, hidden=4, seeds=30, seed=0)
    # the chapter's argument: each layer multiplies delta by w sigma' with |w sigma'| < 1/4 on
    # average, so consecutive medians differ by a factor of several (the chapter saw ~4-5)
    assert np.all(result.median[:-1] * 3 < result.median[1:])
    assert np.all(result.ratios > 3)
    # "about two orders of magnitude" from the first hidden layer to the fourth
    assert 30 < result.last_over_first < 300
    assert np.all(result.p10 <= result.median) and np.all(result.median <= result.p90)


def test_medians_match_the_chapters_four_layer_numbers_within_a_factor_of_two(train):
    # the chapter's single run of [784, 30, 30, 30, 30, 10] on 1,000 training images
    # reported speeds of 0.003, 0.017, 0.070 and 0.285 for hidden layers 1-4
    chapter = np.array([0.003, 0.017, 0.070, 0.285])
    result = init_norms(train, hidden=4, seeds=30, seed=1)
    assert np.all(result.median / chapter > 0.5) and np.all(result.median / chapter < 2)


def test_he_initialisation_with_relu_keeps_the_layers_far_more_level_than_sigmoid(train):
    results = compare_initialisations(train, 4, ["sigmoid", "relu"], ["scaled", "he"], seeds=10)
    assert [(r.activation, r.init) for r in results] == [
        ("sigmoid", "scaled"), ("sigmoid", "he"), ("relu", "scaled"), ("relu", "he")]
    sigmoid_scaled, relu_he = results[0], results[3]
    assert relu_he.last_over_first < 10 < sigmoid_scaled.last_over_first


def test_network_i_is_the_same_whatever_the_number_of_networks_drawn(train):
    few = init_norms(train, hidden=2, seeds=3, seed=5)
    many = init_norms(train, hidden=2, seeds=6, seed=5)
    np.testing.assert_array_equal(few.speeds, many.speeds[:3])


# --- training ----------------------------------------------------------------------------------
def test_a_gradient_step_descends_the_l2_regularised_cost_by_finite_differences():
    # w - w' must equal eta * d/dw [C + lmbda/(2n) sum w^2], checked entry by entry
    x, y = small_batch(8, seed=9)
    net = initial_network([784, 3, 10], np.random.default_rng(10))
    eta, lmbda, n = 0.1, 5.0, 1000
    stepped = gradient_step(net, backprop(net, x, y, "cross-entropy"), eta, lmbda, n)
    h = 1e-6
    for (l, j, k) in [(1, 0, 300), (1, 2, 500), (2, 4, 1)]:
        def regularised(delta, l=l, j=j, k=k):
            weights = [w.copy() for w in net.weights]
            weights[l - 1][j, k] += delta
            shifted = type(net)(tuple(weights), net.biases, net.activation, net.output_activation)
            penalty = lmbda / (2 * n) * sum(np.sum(w ** 2) for w in weights)
            return cost_value(shifted, x, y, "cross-entropy") + penalty
        slope = (regularised(h) - regularised(-h)) / (2 * h)
        moved = net.weights[l - 1][j, k] - stepped.weights[l - 1][j, k]
        assert moved == pytest.approx(eta * slope, rel=1e-5, abs=1e-11)
    # biases are not decayed: their step is eta times the plain gradient
    slope_b = bias_gradient_by_differences(net, x, y, 1, 1)
    assert net.biases[0][1] - stepped.biases[0][1] == pytest.approx(eta * slope_b, rel=1e-5)


def test_training_records_the_speed_before_each_step_and_lowers_the_cost(train):
    result = training_speed(train, hidden=2, epochs=40, seed=0)
    assert result.speeds.shape == (40, 2)
    fresh = initial_network(layer_sizes(2), np.random.default_rng([0, 0]))
    np.testing.assert_allclose(result.speeds[0], layer_speeds(fresh, train.images,
                                                              train.one_hot()), rtol=1e-12)
    assert result.costs[-1] < 0.6 * result.costs[0]


def test_dropping_blank_pixels_changes_no_speed_and_no_training_step(train):
    # reference: the plain loop on the full 784-pixel network, with nothing dropped
    net = initial_network(layer_sizes(2), np.random.default_rng([0, 0]))
    x, y = train.images, train.one_hot()
    reference = []
    for _ in range(15):
        grads = backprop(net, x, y, "cross-entropy")
        reference.append([np.linalg.norm(nb) for nb in grads.nabla_b[:-1]])
        net = gradient_step(net, grads, 0.1, 5.0, len(x))
    result = training_speed(train, hidden=2, epochs=15, seed=0)
    assert 0 < len(used_pixels(x)) < 784
    assert result.sizes == [784, 30, 30, 10]
    np.testing.assert_allclose(result.speeds, reference, rtol=1e-11, atol=0)


def test_training_is_reproducible_with_the_same_seed(train):
    a = training_speed(train, hidden=2, epochs=5, seed=3)
    b = training_speed(train, hidden=2, epochs=5, seed=3)
    np.testing.assert_array_equal(a.speeds, b.speeds)


def test_accuracy_counts_the_images_whose_largest_output_is_the_label(train):
    net = initial_network(layer_sizes(1), np.random.default_rng(11))
    outputs = [feedforward(net, image)[1][-1][0] for image in train.images[:200]]
    brute = np.mean([np.argmax(o) == label for o, label in zip(outputs, train.labels[:200])])
    assert accuracy(net, train.take(np.arange(200))) == pytest.approx(brute, abs=0)


def test_a_short_sgd_run_beats_chance_by_far():
    train, validation = balanced_split(load_embedded(), 1000, 500, seed=0)
    result = depth_accuracy(train, validation, max_hidden=1, epochs=2, seed=0)
    assert result.accuracies.shape == (1, 1)
    # chance is 10%; two epochs of one hidden layer already reach well over half
    assert result.accuracies[0, 0] > 0.5


def test_depth_accuracy_reports_progress_once_per_epoch_and_network():
    train, validation = balanced_split(load_embedded(), 100, 100, seed=0)
    ticks = []
    depth_accuracy(train, validation, max_hidden=2, epochs=2, runs=2, progress=ticks.append)
    assert sum(ticks) == 2 * 2 * 2


# --- the neuron bars ---------------------------------------------------------------------------
def test_neuron_bars_are_the_absolute_bias_gradients_by_finite_differences(train):
    small = train.take(np.arange(100))
    bars = neuron_bars(small, hidden=2, neurons=3, seed=0)
    net = initial_network(layer_sizes(2), np.random.default_rng([0, 0]))
    for l in (1, 2):
        for j in range(3):
            reference = abs(bias_gradient_by_differences(net, small.images, small.one_hot(), l, j))
            assert bars.bars[l - 1][j] == pytest.approx(reference, rel=1e-5, abs=1e-10)


# --- refusals: sizes beyond the memory or work budget, and invalid rates -------------------------
def tiny_digits(n: int = 10) -> Digits:
    return Digits(np.zeros((n, 784)), np.arange(n) % 10)


def test_a_width_of_100000_is_refused_by_the_memory_budget_before_anything_is_allocated():
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as info:
            init_norms(tiny_digits(), hidden=4, width=100_000, seeds=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith("a [784, 100,000 x 4, 10] network over 10 images would need about")
    # independent lower bound: the three 100,000 x 100,000 float64 weight matrices alone
    gigabytes = float(message.split("about ")[1].split(" GB")[0])
    assert gigabytes >= 3 * 100_000**2 * 8 / 1024**3
    assert peak < 2**20


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda d: init_norms(d, 4, seeds=0), "the number of initialisations must be an integer "
                                              "from 1 to 100,000, got 0"),
        (lambda d: init_norms(d, 4, seeds=10**9), "got 1,000,000,000"),
        (lambda d: init_norms(d, 1000), "the number of hidden layers must be an integer from 1 "
                                        "to 100, got 1,000"),
        (lambda d: init_norms(d, 4, width=0), "the width of the hidden layers"),
        (lambda d: init_norms(d, 4, width=5000, seeds=100_000), "multiply-adds, more than"),
        (lambda d: compare_initialisations(d, 4, ["sigmoid", "tanh"], ["he"], seeds=100_000,
                                           width=4000), "multiply-adds, more than"),
        (lambda d: training_speed(d, 4, epochs=10**7), "the number of epochs"),
        (lambda d: training_speed(d, 4, epochs=10**6, width=1000), "multiply-adds, more than"),
        (lambda d: training_speed(d, 2, lmbda=float("nan")),
         "the weight decay lambda must be a finite number, got nan"),
        (lambda d: training_speed(d, 2, lmbda=-1.0), "the weight decay lambda must lie in [0"),
        (lambda d: training_speed(d, 2, eta=0.0), "the learning rate eta must lie in (0"),
        (lambda d: training_speed(d, 2, statistic="median"), "unknown statistic"),
        (lambda d: depth_accuracy(d, d, lmbda=float("nan")), "the weight decay lambda"),
        (lambda d: depth_accuracy(d, d, runs=0), "the number of runs per depth"),
        (lambda d: depth_accuracy(d, d, max_hidden=0), "the largest number of hidden layers"),
        (lambda d: depth_accuracy(d, d, batch_size=0), "the mini-batch size"),
        (lambda d: depth_accuracy(d, None), "the accuracy needs validation digits"),
        (lambda d: depth_accuracy(d, d, max_hidden=4, width=3000, epochs=100_000),
         "multiply-adds, more than"),
        (lambda d: neuron_bars(d, 2, neurons=31), "the number of neurons shown per layer must be "
                                                  "an integer from 1 to 30, got 31"),
        (lambda d: neuron_bars(d, 2, width=200_000), "GB, more than the 2 GB budget"),
    ],
)
def test_a_request_beyond_the_budgets_or_with_invalid_rates_is_refused_naming_the_quantity(
        call, expected):
    with pytest.raises(ValueError) as info:
        call(tiny_digits())
    assert expected in str(info.value)
    assert "--" not in str(info.value)  # a quantity, not a command-line flag


def test_an_unknown_name_in_a_comparison_is_refused_before_any_network_is_drawn():
    ticks = []
    with pytest.raises(ValueError, match="unknown initialisation 'uniform'"):
        compare_initialisations(tiny_digits(), 2, ["sigmoid"], ["scaled", "uniform"], seeds=2,
                                progress=ticks.append)
    assert ticks == []


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
        train, weight_gradients):
    # reference: the peak tracemalloc measures while the experiment runs (the digits exist
    # before, as they do when a command calls it)
    hidden, width = 2, 500
    tracemalloc.start()
    if weight_gradients:
        training_speed(train, hidden, epochs=2, width=width)
    else:
        init_norms(train, hidden, width, seeds=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    estimate = pass_bytes(layer_sizes(hidden, width), len(train), weight_gradients)
    assert peak <= estimate <= 3 * peak
