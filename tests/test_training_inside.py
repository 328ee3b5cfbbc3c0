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

from analytic.core.activations import get_activation
from analytic.core.initialisation import layer_sizes
from analytic.experiments.dead_units import (
    activation_runs,
    dead_and_accuracy,
    dead_units,
    shifted_biases,
)
from analytic.experiments.mnist import balanced_split, load_embedded
from analytic.experiments.saturation import PERCENTILES, Setup, layer_statistics, saturation
from analytic.experiments.schedule import Schedule, measurement_at
from analytic.train import SGD, Architecture, initial_model, record, restrict_inputs, train

#: Sums over a few hundred products, in another order than NumPy's: they agree to this.
TOLERANCE = 1e-12
HIDDEN, WIDTH = 2, 6


@pytest.fixture(scope="module")
def digits():
    return balanced_split(load_embedded(), 50, 30, seed=0)


def network(activation, rng, init="scaled", zero_biases=False, hidden=HIDDEN, width=WIDTH):
    """A network drawn from ``rng`` (a generator, or a seed for a fresh one)."""
    arch = Architecture(tuple(layer_sizes(hidden, width)), get_activation(activation))
    return initial_model(arch, np.random.default_rng(rng), init, zero_biases)


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
                                                         (1000, 1000, 1), (25, 2, 1)])
def test_measurements_are_records_an_epoch_when_the_epoch_allows(train_images, records, every):
    assert Schedule(records=records).every(train_images) == every


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
    result = saturation(train_digits, validation, [Setup("sigmoid", "scaled"),
                                                   Setup("tanh", "xavier")],
                        Schedule(HIDDEN, WIDTH, epochs=2, eta=0.5, records=2), seed=4)
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
    result = saturation(train_digits, validation, [Setup("relu", "he")],
                        Schedule(HIDDEN, WIDTH, epochs=2, eta=0.5, records=1), seed=2)
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
    sigmoid = saturation(train_digits, validation, [Setup("sigmoid", "scaled")],
                         Schedule(1, 3, epochs=1, records=1))
    assert sigmoid.traces[0].dead is None


def test_the_same_seed_gives_the_same_trace_and_another_seed_another(digits):
    runs = [saturation(*digits, schedule=Schedule(1, 4, epochs=1, records=1), seed=s).traces[0]
            for s in (0, 0, 1)]
    np.testing.assert_array_equal(runs[0].percentiles, runs[1].percentiles)
    assert not np.array_equal(runs[0].means, runs[2].means)


@pytest.mark.parametrize("kwargs, message", [
    ({"hidden": 21}, "hidden layers"), ({"width": 0}, "width"), ({"epochs": 0}, "epochs"),
    ({"records": 1001}, "measurements per epoch"), ({"eta": 0.0}, "learning rate"),
    ({"eta": math.nan}, "learning rate"), ({"lmbda": -1.0}, "weight decay"),
    ({"setups": []}, "set-ups"),
    ({"width": 1000, "hidden": 20, "epochs": 10_000}, "multiply-adds"),
])
def test_impossible_saturation_settings_are_refused_naming_the_quantity(digits, kwargs, message):
    setups = kwargs.pop("setups", [Setup("sigmoid", "scaled")] * 3)
    with pytest.raises(ValueError, match=message):
        saturation(*digits, setups, Schedule(**kwargs))


def test_a_setup_with_an_unknown_name_is_refused_where_it_is_written():
    with pytest.raises(ValueError, match="unknown activation 'cosine'"):
        Setup("cosine", "he")
    with pytest.raises(ValueError, match="initialisation"):
        Setup("tanh", "uniform")


# --- dead units ----------------------------------------------------------------------------------
def test_shifting_the_biases_lowers_every_hidden_bias_and_leaves_the_output_and_the_original():
    model = network("relu", 2, "he")
    before = model.parameters.vector.copy()
    shifted = shifted_biases(model, 2.5)
    for b, b0 in zip(shifted.parameters.biases[:-1], model.parameters.biases[:-1]):
        np.testing.assert_array_equal(b, b0 - 2.5)
    np.testing.assert_array_equal(shifted.parameters.biases[-1], model.parameters.biases[-1])
    np.testing.assert_array_equal(shifted.parameters.weights[0], model.parameters.weights[0])
    np.testing.assert_array_equal(model.parameters.vector, before)


def test_the_dead_fraction_recorded_is_a_unit_by_unit_count_before_and_after_training(digits):
    train_digits, validation = digits
    row = activation_runs("relu", train_digits, validation,
                          Schedule(HIDDEN, WIDTH, epochs=2, eta=0.3, records=1), bias_shift=0.5,
                          seeds=2, seed=6)
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x, vx = train_digits.images[:, used], validation.images[:, used]
    for run in row.runs:
        rng = np.random.default_rng([6, run.seed])
        start = shifted_biases(restrict_inputs(network("relu", rng, "he"), used), 0.5)
        trained = train(start, x, train_digits.one_hot(), SGD(0.3, 0.0, len(x)), 2, 10,
                        rng).model
        assert run.dead[0] == dead_by_hand(start, vx)
        assert run.dead[-1] == dead_by_hand(trained, vx)
        assert (run.dead[-1], run.accuracies[-1]) == dead_and_accuracy(trained, vx,
                                                                       validation.labels)


def test_a_relu_network_with_every_hidden_unit_dead_gets_no_gradient_below_its_output(digits):
    # ReLU'(z) = 0 for z <= 0: only the output layer's bias can move (its input a^H is 0)
    train_digits, validation = digits
    model = shifted_biases(network("relu", 0, "he"), 100.0)
    recording = record(model, train_digits.images, train_digits.one_hot(), SGD(0.5), 2, 10,
                       np.random.default_rng(0), 1,
                       lambda m: dead_and_accuracy(m, validation.images, validation.labels))
    assert [dead for dead, _ in recording.values] == [1.0] * len(recording.values)
    trained = recording.model.parameters
    for kind in ("weights", "biases"):
        for after, before in zip(getattr(trained, kind)[:-1], getattr(model.parameters, kind)):
            np.testing.assert_array_equal(after, before)
    np.testing.assert_array_equal(trained.weights[-1], model.parameters.weights[-1])
    assert not np.array_equal(trained.biases[-1], model.parameters.biases[-1])


def test_the_band_over_seeds_is_the_median_and_percentiles_of_the_runs(digits):
    result = dead_units(*digits, ["relu", "elu"], Schedule(HIDDEN, WIDTH, epochs=1, records=2),
                        bias_shift=1.0, seeds=3, seed=2)
    assert [r.activation for r in result.rows] == ["relu", "elu:alpha=1"]
    for row in result.rows:
        epochs, values = row.band("dead")
        stacked = np.array([r.dead for r in row.runs])
        for k in range(len(epochs)):
            assert values[k, 0] == np.median(stacked[:, k])
            assert values[k, 1] == pytest.approx(percentile_by_hand(stacked[:, k], 10), abs=1e-15)
            assert values[k, 2] == pytest.approx(percentile_by_hand(stacked[:, k], 90), abs=1e-15)
        spread = row.dead_at(1)
        assert spread.median == np.median(stacked[:, -1])
    # every activation's network s starts from the same draw: ReLU's and ELU's first layers
    # see the same z, so the same units of layer 1 are dead at the start
    assert result.rows[0].runs[0].dead[0] > 0


@pytest.mark.parametrize("kwargs, message", [
    ({"activations": ["sigmoid"]}, "rectifiers"), ({"activations": ["tanh", "relu"]}, "rectifiers"),
    ({"activations": []}, "activations"), ({"seeds": 0}, "seeds"),
    ({"bias_shift": 1e3}, "bias shift"), ({"bias_shift": math.inf}, "bias shift"),
    ({"init": "uniform"}, "initialisation"),
])
def test_impossible_dead_unit_settings_are_refused_naming_the_quantity(digits, kwargs, message):
    with pytest.raises(ValueError, match=message):
        dead_units(*digits, **kwargs)
