"""Inside the layers during training: the step-by-step recorder, each layer's activation
statistics, and dead rectifier units, against independent references.

References: :func:`analytic.train.train` (a separately written loop over the same steps) for
the recorder and for the models the statistics are taken of; a forward pass written here
with plain NumPy (sigmoid as 1/(1 + e^-z), tanh, ReLU as max(z, 0)); percentiles by sorting
and interpolating by hand; dead units counted unit by unit; the closed form ReLU'(z) = 0 for
z <= 0, which leaves a network whose every hidden unit is dead with its hidden weights
unchanged by training.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from analytic.core.activations import get_activation, relu, sigmoid, tanh
from analytic.core.initialisation import get_initialisation, he, layer_sizes, scaled
from analytic.experiments.data import Data
from analytic.experiments.dead_units import (
    DYING_RELU,
    activation_runs,
    dead_and_accuracy,
    dead_units,
    rectifier_recipes,
)
from analytic.experiments.saturation import (
    PERCENTILES,
    SATURATION,
    layer_statistics,
    saturation,
    setups,
)
from analytic.experiments.schedule import measurement_at
from analytic.train import SGD, Architecture, initial_model, record, restrict_inputs, train

#: Sums over a few hundred products, in another order than NumPy's: they agree to this.
TOLERANCE = 1e-12
HIDDEN, WIDTH = 2, 6
#: The digits of every test: 50 training and 30 validation digits of the embedded sample.
SMALL = SATURATION.but(hidden=HIDDEN, width=WIDTH, images=50, validation=30)


@pytest.fixture(scope="module")
def digits():
    prepared = Data()(SMALL)
    return prepared.train, prepared.validation


def network(activation, rng, init="scaled", bias_std=1.0, hidden=HIDDEN, width=WIDTH,
            bias_shift=0.0):
    """A network drawn from ``rng`` (a generator, or a seed for a fresh one)."""
    arch = Architecture(tuple(layer_sizes(hidden, width)), get_activation(activation))
    return initial_model(arch, np.random.default_rng(rng), get_initialisation(init), bias_std,
                         bias_shift)


# --- references written here ---------------------------------------------------------------------
PHI = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
       "relu": lambda z: np.maximum(z, 0.0)}


def plain_forward(model, x, activation):
    """Every hidden layer's (z, a) by z = a w^T + b, a = phi(z), one layer at a time."""
    layers, a = [], x
    weights, biases = model.parameters.weights, model.parameters.biases
    for w, b in zip(weights[:-1], biases[:-1]):
        z = np.array([[sum(a_i * w_j) + b_j for w_j, b_j in zip(w, b)] for a_i in a])
        a = PHI[activation](z)
        layers.append((z, a))
    output = PHI["sigmoid"](a @ weights[-1].T + biases[-1])
    return layers, output


def percentile_by_hand(values, q):
    """The q-th percentile with linear interpolation between the order statistics around
    rank q/100 (n - 1), the textbook definition NumPy's default follows."""
    ordered = sorted(values)
    rank = q / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (rank - low) * (ordered[high] - ordered[low])


def statistics_by_hand(model, x, labels, activation):
    layers, output = plain_forward(model, x, activation)
    means = [math.fsum(a.ravel()) / a.size for _, a in layers]
    percentiles = [[percentile_by_hand(a.ravel(), q) for q in PERCENTILES] for _, a in layers]
    accuracy = sum(int(np.argmax(o) == t) for o, t in zip(output, labels)) / len(labels)
    return np.array(means), np.array(percentiles), accuracy


def dead_by_hand(model, x):
    layers, _ = plain_forward(model, x, "relu")
    units = [(z, j) for z, _ in layers for j in range(z.shape[1])]
    return sum(all(z[i, j] <= 0 for i in range(len(x))) for z, j in units) / len(units)


def dead_per_layer_by_hand(model, x):
    layers, _ = plain_forward(model, x, "relu")
    return [sum(all(z[i, j] <= 0 for i in range(len(x))) for j in range(z.shape[1]))
            / z.shape[1] for z, _ in layers]


# --- the recorder --------------------------------------------------------------------------------
def test_recording_takes_the_same_steps_as_train_and_measures_where_it_says(digits):
    train_digits, _ = digits
    x, y = train_digits.images[:25], train_digits.one_hot()[:25]  # 3 steps an epoch of 10
    sgd = SGD(0.5, lmbda=1.0, n=25, momentum=0.5)
    recording = record(network("sigmoid", 1), x, y, sgd, 3, 10, np.random.default_rng(7), 2,
                       lambda m: m.parameters.vector.copy())
    # every 2 steps of an epoch, and at its end
    assert recording.steps == (0, 2, 3, 5, 6, 8, 9) and recording.steps_per_epoch == 3
    np.testing.assert_array_equal(recording.epochs, np.array([0, 2, 3, 5, 6, 8, 9]) / 3)
    np.testing.assert_array_equal(recording.values[0], network("sigmoid", 1).parameters.vector)
    # after 2 epochs (step 6) and after all 3 (the model returned): train's models, bit for bit
    for epochs, found in ((2, recording.values[4]),
                          (3, recording.model.parameters.vector)):
        reference = train(network("sigmoid", 1), x, y, sgd, epochs, 10, np.random.default_rng(7))
        np.testing.assert_array_equal(found, reference.model.parameters.vector)
    assert recording.diverged_at is None


def test_a_recording_that_diverges_stops_with_what_it_measured_before_and_no_warning(digits):
    train_digits, _ = digits
    # relu with N(0, 1) weights, 12 layers of 20: the forward signal grows ~sqrt(10) a layer
    model = network("relu", 0, "gaussian", hidden=12, width=20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        recording = record(model, train_digits.images, train_digits.one_hot(), SGD(1.0), 5, 10,
                           np.random.default_rng(0), 1, lambda m: m.parameters.norm())
    assert recording.diverged_at == 0 and recording.steps == (0, 1, 2)
    assert all(math.isfinite(v) for v in recording.values)
    assert not math.isfinite(recording.model.parameters.norm())


@pytest.mark.parametrize("train_images, records, every", [(4000, 10, 40), (1000, 5, 20),
                                                         (1000, 1000, 1), (20, 2, 1)])
def test_measurements_are_records_an_epoch_when_the_epoch_allows(train_images, records, every):
    assert SATURATION.but(images=train_images, records=records).every == every


def test_a_measurement_is_the_last_at_or_before_an_epoch_and_none_after_a_divergence():
    steps = np.array([0, 40, 80, 120, 160])
    assert [measurement_at(steps, 100, e, None) for e in (0, 0.5, 1, 1.6)] == [0, 1, 2, 4]
    assert measurement_at(steps, 100, 1, diverged_at=1) == 2
    assert measurement_at(steps, 100, 1.2, diverged_at=1) is None


# --- each layer's activations --------------------------------------------------------------------
@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_layer_statistics_are_the_mean_and_percentiles_of_every_activation(digits, activation):
    _, validation = digits
    model = network(activation, 3, "xavier")
    means, percentiles, accuracy, dead = layer_statistics(model, validation.images,
                                                          validation.labels)
    assert dead is None  # not a rectifier
    ref_means, ref_percentiles, ref_accuracy = statistics_by_hand(
        model, validation.images, validation.labels, activation)
    np.testing.assert_allclose(means, ref_means, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(percentiles, ref_percentiles, rtol=0, atol=TOLERANCE)
    assert accuracy == ref_accuracy


def test_a_trace_records_the_statistics_of_the_initial_and_the_trained_network(digits):
    train_digits, validation = digits
    result = saturation(setups([(sigmoid(), scaled()), (tanh(), get_initialisation("xavier"))],
                               SMALL.but(epochs=2, eta=0.5, records=2, seed=4)))
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x, vx = train_digits.images[:, used], validation.images[:, used]
    for t, activation, init in zip(result.traces, ("sigmoid", "tanh"), ("scaled", "xavier")):
        assert t.steps.tolist() == [0, 2, 4, 5, 7, 9, 10]  # 5 steps an epoch, every 2
        # the network at the start, and after training as train() trains it (the generator
        # that drew it shuffles), by hand
        rng = np.random.default_rng([4, 0])
        start = restrict_inputs(network(activation, rng, init), used)
        trained = train(start, x, train_digits.one_hot(), SGD(0.5, 0.0, len(x)), 2, 10,
                        rng).model
        for k, model in ((0, start), (-1, trained)):
            means, percentiles, accuracy = statistics_by_hand(model, vx, validation.labels,
                                                              activation)
            np.testing.assert_allclose(t.means[k], means, rtol=0, atol=TOLERANCE)
            np.testing.assert_allclose(t.percentiles[k], percentiles, rtol=0, atol=TOLERANCE)
            assert t.accuracies[k] == accuracy
        assert np.all(t.percentiles[:, :, 0] <= t.percentiles[:, :, 1])
        assert np.all(t.percentiles[:, :, 1] <= t.percentiles[:, :, 2])
    assert result.traces[0].lowest_mean(2)[1] == result.traces[0].means[:, 1].min()


def test_a_rectifier_trace_records_each_layers_dead_units_before_and_after_training(digits):
    # biases N(0, 1) and He's weights on 6 units leave some units dead in each layer
    train_digits, validation = digits
    result = saturation(setups([(relu(), he())], SMALL.but(epochs=2, eta=0.5, records=1,
                                                            seed=2)))
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x, vx = train_digits.images[:, used], validation.images[:, used]
    rng = np.random.default_rng([2, 0])
    start = restrict_inputs(network("relu", rng, "he"), used)
    trained = train(start, x, train_digits.one_hot(), SGD(0.5, 0.0, len(x)), 2, 10, rng).model
    t = result.traces[0]
    assert t.dead.shape == (len(t.steps), HIDDEN)
    for k, model in ((0, start), (-1, trained)):
        np.testing.assert_array_equal(t.dead[k], dead_per_layer_by_hand(model, vx))
    assert np.any(t.dead > 0)
    # a bounded activation has no dead units to count
    bounded = saturation(setups([(sigmoid(), scaled())], SMALL.but(hidden=1, width=3,
                                                                   epochs=1, records=1)))
    assert bounded.traces[0].dead is None


def test_the_same_seed_gives_the_same_trace_and_another_seed_another(digits):
    runs = [saturation(setups([(sigmoid(), scaled())],
                              SMALL.but(hidden=1, width=4, epochs=1, records=1, seed=s))).traces[0]
            for s in (0, 0, 1)]
    np.testing.assert_array_equal(runs[0].percentiles, runs[1].percentiles)
    assert not np.array_equal(runs[0].means, runs[2].means)


@pytest.mark.parametrize("changes, message", [
    ({"hidden": 51}, "hidden layers"), ({"width": 0}, "width"), ({"epochs": 0}, "epochs"),
    ({"records": 1001}, "measurements per epoch"), ({"eta": 0.0}, "learning rate"),
    ({"eta": math.nan}, "learning rate"), ({"lmbda": -1.0}, "weight decay"),
])
def test_impossible_recipes_are_refused_naming_the_quantity(changes, message):
    with pytest.raises(ValueError, match=message):
        SMALL.but(**changes)


@pytest.mark.parametrize("recipes, message", [
    ((), "set-ups"),
    ((SMALL.but(width=1000, hidden=20, epochs=10_000),), "multiply-adds"),
    ((SMALL.but(validation=0),), "validation"), ((SMALL.but(batch_size=None),), "mini-batches"),
])
def test_impossible_saturation_runs_are_refused_before_they_start(recipes, message):
    with pytest.raises(ValueError, match=message):
        saturation(recipes)


def test_the_dead_view_is_refused_for_a_bounded_activation():
    with pytest.raises(ValueError, match="sigmoid is not a rectifier"):
        saturation(setups([(sigmoid(), scaled())], SMALL), dead_view=True)


# --- dead units ----------------------------------------------------------------------------------
def test_a_bias_shift_lowers_every_hidden_bias_and_leaves_the_output_and_the_weights():
    shifted, plain = network("relu", 2, "he", bias_shift=2.5), network("relu", 2, "he")
    for b, b0 in zip(shifted.parameters.biases[:-1], plain.parameters.biases[:-1]):
        np.testing.assert_array_equal(b, b0 - 2.5)
    np.testing.assert_array_equal(shifted.parameters.biases[-1], plain.parameters.biases[-1])
    np.testing.assert_array_equal(shifted.parameters.weights[0], plain.parameters.weights[0])


def test_the_dead_fraction_recorded_is_a_unit_by_unit_count_before_and_after_training(digits):
    train_digits, validation = digits
    recipe = DYING_RELU.but(hidden=HIDDEN, width=WIDTH, images=50, validation=30, epochs=2,
                            eta=0.3, records=1, bias_shift=0.5, seed=6)
    row = activation_runs(recipe, 2, Data())
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x, vx = train_digits.images[:, used], validation.images[:, used]
    for run in row.runs:
        rng = np.random.default_rng([6, run.seed])
        start = restrict_inputs(network("relu", rng, "he", bias_shift=0.5), used)
        trained = train(start, x, train_digits.one_hot(), SGD(0.3, 0.0, len(x)), 2, 10,
                        rng).model
        assert run.dead[0] == dead_by_hand(start, vx)
        assert run.dead[-1] == dead_by_hand(trained, vx)
        assert (run.dead[-1], run.accuracies[-1], None) == dead_and_accuracy(
            trained, vx, validation.labels)
        assert run.slopes is None  # relu learns no slope


def test_prelus_learned_slopes_are_recorded_as_each_layers_mean_before_and_after_training(
        digits):
    # the reference: the same network trained apart, its slopes averaged here
    train_digits, validation = digits
    recipe = DYING_RELU.but(activation=get_activation("prelu"), hidden=HIDDEN, width=WIDTH,
                            images=50, validation=30, epochs=2, eta=0.05, records=1,
                            bias_shift=0.5, seed=6)
    row = activation_runs(recipe, 2, Data())
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x = train_digits.images[:, used]
    for run in row.runs:
        rng = np.random.default_rng([6, run.seed])
        start = restrict_inputs(network("prelu", rng, "he", bias_shift=0.5), used)
        trained = train(start, x, train_digits.one_hot(), SGD(0.05, 0.0, len(x)), 2, 10,
                        rng).model
        assert run.diverged_at is None and run.slopes.shape == (3, HIDDEN)
        np.testing.assert_array_equal(run.slopes[0], 0.25)
        np.testing.assert_allclose(run.slopes[-1], [np.mean(s) for s in
                                                    trained.parameters.slopes], rtol=1e-15)
    low, high = row.slope_range
    ends = np.array([r.slopes[-1] for r in row.runs])
    assert (low, high) == (ends.min(), ends.max())


def test_a_relu_network_with_every_hidden_unit_dead_gets_no_gradient_below_its_output(digits):
    # ReLU'(z) = 0 for z <= 0: only the output layer's bias can move (its input a^H is 0)
    train_digits, validation = digits
    model = network("relu", 0, "he", bias_shift=100.0)
    recording = record(model, train_digits.images, train_digits.one_hot(), SGD(0.5), 2, 10,
                       np.random.default_rng(0), 1,
                       lambda m: dead_and_accuracy(m, validation.images, validation.labels))
    assert [dead for dead, *_ in recording.values] == [1.0] * len(recording.values)
    trained = recording.model.parameters
    for kind in ("weights", "biases"):
        for after, before in zip(getattr(trained, kind)[:-1], getattr(model.parameters, kind)):
            np.testing.assert_array_equal(after, before)
    np.testing.assert_array_equal(trained.weights[-1], model.parameters.weights[-1])
    assert not np.array_equal(trained.biases[-1], model.parameters.biases[-1])


def test_the_band_over_three_seeds_is_the_median_and_the_range_of_the_runs(digits):
    base = DYING_RELU.but(hidden=HIDDEN, width=WIDTH, images=50, validation=30, epochs=1,
                          records=2, bias_shift=1.0, seed=2)
    result = dead_units(rectifier_recipes(base, [relu(), get_activation("elu")]), networks=3)
    assert [r.recipe.activation.spec for r in result.rows] == ["relu", "elu:alpha=1"]
    for row in result.rows:
        epochs, values = row.band("dead")
        stacked = np.array([r.dead for r in row.runs])
        for k in range(len(epochs)):
            # fewer than ten runs: min-max, not a 10-90 % band
            assert values[k, 0] == np.median(stacked[:, k])
            assert (values[k, 1], values[k, 2]) == (stacked[:, k].min(), stacked[:, k].max())
        spread = row.dead_at(1)
        assert spread.median == np.median(stacked[:, -1])
    # every activation's network s starts from the same draw: ReLU's and ELU's first layers
    # see the same z, so the same units of layer 1 are dead at the start
    assert result.rows[0].runs[0].dead[0] > 0


@pytest.mark.parametrize("activations, networks, message", [
    (["sigmoid"], 1, "rectifiers"), (["tanh", "relu"], 1, "rectifiers"), ([], 1, "activations"),
    (["relu"], 0, "networks"),
])
def test_impossible_dead_unit_runs_are_refused_naming_the_quantity(activations, networks,
                                                                   message):
    recipes = rectifier_recipes(DYING_RELU, [get_activation(a) for a in activations])
    with pytest.raises(ValueError, match=message):
        dead_units(recipes, networks)


@pytest.mark.parametrize("shift", [1e3, math.inf])
def test_a_bias_shift_beyond_the_limits_is_refused(shift):
    with pytest.raises(ValueError, match="bias shift"):
        DYING_RELU.but(bias_shift=shift)
