"""Training loops and what they measure, against brute-force references: per-unit loops for
dead and saturated units, a fresh backward pass for the speeds, and the chapter's experiments
(the per-layer measures themselves: tests/test_measures.py)."""

import warnings
from dataclasses import replace

import numpy as np
import pytest

from analytic.core import limits
from analytic.core.activations import get_activation, relu
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import (
    gaussian,
    get_initialisation,
    he,
    initial_network,
    layer_sizes,
    scaled,
)
from analytic.core.network import Network, backprop, feedforward
from analytic.experiments.mnist import balanced_split, load_embedded
from analytic.experiments.training import (
    DEPTH_ACCURACY,
    TRAINING_SPEED,
    depth_accuracy,
    depth_recipes,
    training_speed,
)
from analytic.train import (
    SGD,
    Architecture,
    Parameters,
    Watch,
    backward,
    dead_fraction,
    descend,
    forward,
    initial_model,
    per_layer,
    saturated_fraction,
    train,
)

#: The experiments' recipes take the fixture's digits: 200 training and 100 validation digits
#: of the embedded sample, drawn with split seed 0.
DIGITS = {"images": 200, "validation": 100, "split_seed": 0}


@pytest.fixture(scope="module")
def digits():
    return balanced_split(load_embedded(), 200, 100, seed=0)


def small_model(activation="sigmoid", sizes=(784, 8, 8, 8, 10), init=scaled(), **kinds):
    arch = Architecture(sizes, get_activation(activation), **kinds)
    return initial_model(arch, np.random.default_rng(0), init)


# --- what a pass tells ----------------------------------------------------------------------------
def test_dead_units_are_those_never_active_on_any_image_counted_unit_by_unit():
    model = small_model("relu", (5, 6, 6, 3), he())
    arrays = model.parameters.arrays()
    arrays["biases"] = [np.array([-50.0, 0, 0, -50.0, 0, 0]), np.array([0, -50.0, 0, 0, 0, 0]),
                        arrays["biases"][2]]
    model = replace(model, parameters=Parameters.of(**arrays))
    x = np.random.default_rng(1).uniform(0, 1, (40, 5))
    test = forward(model, x)
    dead = 0
    for z in test.zs[:-1]:
        for j in range(z.shape[1]):
            dead += all(z[i, j] <= 0 for i in range(len(x)))
    assert dead >= 3
    assert dead_fraction(model, test) == pytest.approx(dead / 12, abs=0)


# the band: within 2 % of the range of either end, the one threshold every experiment counts by
@pytest.mark.parametrize("activation, low, high", [("sigmoid", 0.02, 0.98), ("tanh", -0.96, 0.96)])
def test_saturated_outputs_are_counted_pair_by_pair_outside_the_activations_band(
        activation, low, high):
    model = small_model(activation, (5, 6, 6, 3), gaussian())
    x = np.random.default_rng(2).normal(0, 2, (30, 5))
    test = forward(model, x)
    outside = total = 0
    for z in test.zs[:-1]:
        for value in get_activation(activation).f(z).ravel():
            outside += value < low or value > high
            total += 1
    assert 0 < outside < total
    assert saturated_fraction(model, test) == pytest.approx(outside / total, abs=0)
    assert dead_fraction(model, test) is None


def test_only_rectifiers_have_dead_units_and_only_bounded_activations_saturate():
    x = np.zeros((2, 784))
    for name in ("gelu", "silu", "softplus"):
        model = small_model(name)
        assert dead_fraction(model, forward(model, x)) is None
        assert saturated_fraction(model, forward(model, x)) is None


# --- training runs --------------------------------------------------------------------------------
def test_a_diverging_run_stops_reports_the_epoch_and_raises_no_warning(digits):
    train_digits, validation = digits
    # relu with N(0, 1) weights, 8 layers of 20: the forward signal grows ~sqrt(10) a layer
    model = small_model("relu", (784, *[20] * 8, 10), init=gaussian())
    watch = Watch(train_digits.images, train_digits.one_hot(), validation.images,
                  validation.labels)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = train(model, train_digits.images, train_digits.one_hot(), SGD(1.0), 5, 10,
                    np.random.default_rng(0), watch)
    assert run.diverged and run.diverged_at == run.epochs < 5
    assert len(run.snapshots) == run.epochs + 1
    assert all(np.all(np.isfinite(s.speeds)) and np.isfinite(s.cost) for s in run.snapshots)


def test_training_is_reproducible_and_ticks_once_per_epoch(digits):
    train_digits, validation = digits
    x, y = train_digits.images, train_digits.one_hot()
    watch = Watch(x, y, validation.images, validation.labels)
    runs, ticks = [], []
    for _ in range(2):
        runs.append(train(small_model("rrelu", init=he(), batch_norm=True), x, y,
                          SGD(0.05, momentum=0.5), 3, 20, np.random.default_rng(4), watch,
                          ticks.append))
    assert sum(ticks) == 6
    np.testing.assert_array_equal(runs[0].model.parameters.vector,
                                  runs[1].model.parameters.vector)
    np.testing.assert_array_equal(runs[0].snapshots[-1].speeds, runs[1].snapshots[-1].speeds)


def test_prelu_slopes_are_recorded_and_move_with_training(digits):
    train_digits, validation = digits
    x, y = train_digits.images, train_digits.one_hot()
    run = train(small_model("prelu", init=he()), x, y, SGD(0.1, lmbda=5.0, n=len(x)), 2, 10,
                np.random.default_rng(5), Watch(x, y, validation.images, validation.labels))
    slopes = np.array([s.slopes for s in run.snapshots])
    assert slopes.shape == (3, 3)
    np.testing.assert_array_equal(slopes[0], 0.25)
    assert np.all(slopes[-1] != 0.25)
    np.testing.assert_allclose(slopes[-1], [s.mean() for s in run.model.parameters.slopes])


def test_full_batch_descent_records_the_speed_of_the_gradient_each_step_takes(digits):
    train_digits = digits[0]
    x, y = train_digits.images, train_digits.one_hot()
    model = small_model("elu", init=he(), residual=True)
    run = descend(model, x, y, SGD(0.1, momentum=0.9), 3)
    # the reference: the speeds of a fresh backward pass at the same parameters
    np.testing.assert_allclose(run.speeds[0],
                               per_layer("bias-gradient", model,
                                         backward(model, forward(model, x, True), y)),
                               rtol=1e-14)
    assert run.speeds.shape == (3, 3) and run.costs.shape == (3,) and run.diverged_at is None


def test_full_batch_descent_records_the_prelu_slopes_each_step_starts_from(digits):
    # the reference: the slopes held by the model after k steps of a separate, shorter descent
    train_digits = digits[0]
    x, y = train_digits.images, train_digits.one_hot()
    model = small_model("prelu", init=he())
    run = descend(model, x, y, SGD(0.5, momentum=0.5), 3)
    assert run.slopes.shape == (3, 3)
    np.testing.assert_array_equal(run.slopes[0], 0.25)
    for k in (1, 2):
        shorter = descend(model, x, y, SGD(0.5, momentum=0.5), k).model.parameters.slopes
        np.testing.assert_allclose(run.slopes[k], [s.mean() for s in shorter], rtol=1e-15)
    assert np.all(run.slopes[2] != 0.25)
    assert descend(small_model("relu"), x, y, SGD(0.1), 1).slopes is None


def _dead_by_hand(model, x):
    # each hidden layer's share of units with z <= 0 on every image, unit by unit, from the
    # weights and biases (a relu network without batch norm)
    arrays, a, shares = model.parameters.arrays(), x, []
    for w, b in list(zip(arrays["weights"], arrays["biases"]))[:-1]:
        z = np.array([[w[j] @ a[i] + b[j] for j in range(len(b))] for i in range(len(a))])
        shares.append(sum(all(z[i, j] <= 0 for i in range(len(a))) for j in range(len(b)))
                      / len(b))
        a = np.maximum(z, 0)
    return shares


def test_full_batch_descent_records_each_layers_dead_units_before_each_step(digits):
    # units pushed off by a large negative bias are dead from the start; the reference for
    # step k is the model after a separate descent of k steps, counted by hand
    x, y = digits[0].images[:60], digits[0].one_hot()[:60]
    model = small_model("relu", (784, 8, 8, 8, 10), he())
    arrays = model.parameters.arrays()
    arrays["biases"] = [b - np.where(np.arange(len(b)) % 3 == 0, 40.0, 0.0)
                        for b in arrays["biases"][:-1]] + [arrays["biases"][-1]]
    model = replace(model, parameters=Parameters.of(**arrays))
    run = descend(model, x, y, SGD(0.5), 3)
    assert run.dead.shape == (3, 3)
    for k in range(3):
        after = model if k == 0 else descend(model, x, y, SGD(0.5), k).model
        np.testing.assert_allclose(run.dead[k], _dead_by_hand(after, x), rtol=0, atol=1e-15)
    assert np.all(run.dead[0] >= 3 / 8)
    assert descend(small_model("sigmoid"), x, y, SGD(0.1), 1).dead is None


# --- the chapter's experiments with the new options -----------------------------------------------
@pytest.fixture(scope="module")
def source():
    return load_embedded()


def test_training_speed_takes_activation_initialisation_momentum_and_reports_divergence(source):
    recipe = TRAINING_SPEED.but(hidden=3, epochs=4, width=10, activation=relu(), init=he(),
                                momentum=0.9, nesterov=True, **DIGITS)
    result = training_speed(recipe, source=source)
    assert result.speeds.shape == (4, 3) and result.diverged_at is None
    assert result.recipe == recipe
    assert (result.recipe.activation, result.recipe.init, result.recipe.momentum) == (
        relu(), he(), 0.9)
    # the largest learning rate a recipe admits, with heavy momentum: the steps overshoot
    exploding = recipe.but(epochs=50, eta=limits.ETA.high, momentum=0.99, nesterov=False,
                           init=gaussian())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exploded = training_speed(exploding, source=source)
    assert exploded.diverged_at is not None and exploded.diverged_at < 50
    assert exploded.speeds.shape == (exploded.diverged_at, 3)
    assert np.all(np.isfinite(exploded.speeds)) and np.all(np.isfinite(exploded.costs))


def test_depth_accuracy_marks_diverged_runs_instead_of_scoring_them(source):
    # N(0, 1) weights in layers of 100 relu units: the deeper networks blow up at eta = 10
    recipe = DEPTH_ACCURACY.but(epochs=1, width=100, eta=limits.ETA.high, activation=relu(),
                                init=gaussian(), **DIGITS)
    result = depth_accuracy(depth_recipes(3, recipe), source=source)
    assert result.diverged.shape == (3, 1) and result.diverged.any()
    assert np.all(np.isnan(result.accuracies[result.diverged]))
    assert np.all(np.isfinite(result.accuracies[~result.diverged]))


@pytest.mark.parametrize("changes, message", [
    ({"hidden": int(limits.HIDDEN.high) + 1}, "hidden layers"), ({"hidden": 0}, "hidden layers"),
    ({"hidden": 2, "epochs": 0}, "epochs"), ({"hidden": 2, "width": 0}, "width"),
    ({"hidden": 2, "momentum": 1.5}, "momentum"), ({"hidden": 2, "batch_size": 10}, "full-batch"),
])
def test_training_speed_refuses_impossible_settings_naming_the_quantity(source, changes, message):
    with pytest.raises(ValueError, match=message):
        training_speed(TRAINING_SPEED.but(**changes, **DIGITS), source=source)


def test_an_unknown_initialisation_is_refused_where_its_name_is_parsed():
    # names are parsed at the border: a recipe never holds one, so the parser names the quantity
    with pytest.raises(ValueError, match="initialisation"):
        TRAINING_SPEED.but(init=get_initialisation("he2"))


def _chapter_step(net, grads, eta, lmbda, n):
    # the chapter's update: w <- (1 - eta lmbda / n) w - eta dC/dw, b <- b - eta dC/db
    decay = 1.0 - eta * lmbda / n
    weights = tuple(decay * w - eta * nw for w, nw in zip(net.weights, grads.nabla_w))
    biases = tuple(b - eta * nb for b, nb in zip(net.biases, grads.nabla_b))
    return Network(weights, biases, net.activation, net.output_activation)


def test_depth_accuracy_trains_as_the_chapters_sgd_loop_on_the_core_network(digits, source):
    # reference: the chapter's mini-batch loop written with the core network's backprop, on
    # the pixels that are non-zero in some training image (the others are dropped, training
    # and validation alike, and with them the columns of w^1 that read them)
    train_digits, validation = digits
    recipe = DEPTH_ACCURACY.but(epochs=2, width=10, **DIGITS)
    result = depth_accuracy(depth_recipes(2, recipe), source=source)
    used = [k for k in range(784) if np.any(train_digits.images[:, k] != 0)]
    x, y = train_digits.images[:, used], train_digits.one_hot()
    for h in (1, 2):
        rng = np.random.default_rng([0, 1000 * h])
        net = initial_network(layer_sizes(h, 10), rng)
        net = Network((net.weights[0][:, used], *net.weights[1:]), net.biases, net.activation,
                      net.output_activation)
        for _ in range(2):
            order = rng.permutation(len(x))
            for start in range(0, len(x), 10):
                b = order[start:start + 10]
                grads = backprop(net, x[b], y[b], cross_entropy())
                net = _chapter_step(net, grads, 0.1, 5.0, len(x))
        output = feedforward(net, validation.images[:, used])[1][-1]
        assert result.accuracies[h - 1, 0] == np.mean(np.argmax(output, axis=1)
                                                      == validation.labels)
    assert not result.diverged.any()
