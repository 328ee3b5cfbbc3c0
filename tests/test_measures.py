"""The per-layer measures of analytic.train.monitor, each against an independent computation:
central differences of the batch-mean cost (with respect to z^l and to every weight, through
batch norm too), the chapter's backprop per example, and the steps the optimiser takes.

Tolerances: central differences with h = 1e-6 agree to about 1e-8 relative here, so 1e-6 is
asserted; sums taken in another order agree to 1e-12.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from analytic.core.activations import get_activation
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import initial_network, scaled
from analytic.core.network import backprop
from analytic.train import (
    SGD,
    Architecture,
    Watch,
    backward,
    cost,
    descend,
    forward,
    initial_model,
    layers,
    per_layer,
    train,
)

H = 1e-6
SIZES = (6, 5, 5, 4, 3)


def batch(n: int = 8, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, (n, SIZES[0])), np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]


def model_of(activation: str = "sigmoid", seed: int = 1, **kinds):
    arch = Architecture(SIZES, get_activation(activation), **kinds)
    return initial_model(arch, np.random.default_rng(seed), scaled(1.5))


def _cost(model, x, y) -> float:
    return cost(model, forward(model, x, train=True), y)


# --- rms delta: the per-example error N dC/dz^l, by differences in z^l --------------------------
def deltas_by_differences(model, x, y, monkeypatch) -> list[np.ndarray]:
    """N dC/dz^l of every hidden layer of a batch-norm network, entry by entry: z^l (the input
    of phi) is moved by +-h inside the forward pass, where batch norm hands it on."""
    bump = {"layer": 0, "at": None}
    norm = layers.batch_norm

    def moved(z: np.ndarray, l: int) -> np.ndarray:
        if bump["at"] is not None and bump["at"][0] == l:
            _, i, j, h = bump["at"]
            z = z.copy()
            z[i, j] += h
        return z

    def batch_norm(u, gamma, beta):  # layer l's z = gamma x_hat + beta, then moved
        bump["layer"] += 1
        z, cache = norm(u, gamma, beta)
        return moved(z, bump["layer"]), cache

    monkeypatch.setattr(layers, "batch_norm", batch_norm)
    n, hidden = len(x), model.architecture.hidden
    out = []
    for l in range(1, hidden + 1):
        d = np.zeros((n, SIZES[l]))
        for i in range(n):
            for j in range(SIZES[l]):
                values = []
                for h in (H, -H):
                    bump["layer"], bump["at"] = 0, (l, i, j, h)
                    values.append(_cost(model, x, y))
                d[i, j] = n * (values[0] - values[1]) / (2 * H)
        out.append(d)
    return out


def test_rms_delta_through_batch_norm_is_the_rms_of_the_per_example_errors_by_differences(
        monkeypatch):
    x, y = batch()
    model = model_of(batch_norm=True)
    measured = per_layer("delta-rms", model, backward(model, forward(model, x, True), y))
    reference = [np.sqrt(np.mean(np.sum(d**2, axis=1)))
                 for d in deltas_by_differences(model, x, y, monkeypatch)]
    np.testing.assert_allclose(measured, reference, rtol=1e-6)


def test_below_a_batch_norm_layer_the_batch_mean_of_delta_is_small_while_rms_delta_is_not(
        monkeypatch):
    # the artefact the chapter's measure has under batch norm: layer H has no batch-norm layer
    # above it, the others do, and their batch mean of delta is what the removal leaves
    x, y = batch(16)
    model = model_of(batch_norm=True)
    grads = backward(model, forward(model, x, True), y)
    mean, rms = per_layer("bias-gradient", model, grads), per_layer("delta-rms", model, grads)
    assert np.all(mean[:-1] / rms[:-1] < 0.5 * mean[-1] / rms[-1])


# --- the weights' gradient, by differences in every weight --------------------------------------
def weight_gradients_by_differences(model, x, y) -> list[float]:
    """||dC/dw^l|| of every hidden layer, each entry of w^l moved by +-h in turn."""
    p, hidden = model.parameters, model.architecture.hidden
    norms = []
    for l in range(hidden):
        (start, stop) = p.layout.spans[0][l]
        grad = np.zeros(stop - start)
        for k in range(start, stop):
            values = []
            for h in (H, -H):
                vector = p.vector.copy()
                vector[k] += h
                values.append(_cost(replace(model, parameters=p.like(vector)), x, y))
            grad[k - start] = (values[0] - values[1]) / (2 * H)
        norms.append(float(np.linalg.norm(grad)))
    return norms


@pytest.mark.parametrize("kinds", [{}, {"batch_norm": True}], ids=["plain", "batch norm"])
def test_the_weights_gradient_norm_is_that_of_the_differences_of_the_cost(kinds):
    x, y = batch()
    model = model_of("tanh", **kinds)
    measured = per_layer("weight-gradient", model, backward(model, forward(model, x, True), y))
    np.testing.assert_allclose(measured, weight_gradients_by_differences(model, x, y),
                               rtol=1e-6)


def test_rms_delta_and_the_weights_gradient_are_the_chapters_backprop_per_example():
    x, y = batch(10, seed=3)
    rng = lambda: np.random.default_rng(4)  # noqa: E731
    model = initial_model(Architecture(SIZES), rng())
    net = initial_network(SIZES, rng())
    grads = backward(model, forward(model, x), y)
    per_example = [backprop(net, xi, yi, cross_entropy()) for xi, yi in zip(x, y)]
    rms = [np.sqrt(np.mean([np.sum(g.nabla_b[l] ** 2) for g in per_example])) for l in range(3)]
    weights = [np.linalg.norm(np.mean([g.nabla_w[l] for g in per_example], axis=0))
               for l in range(3)]
    np.testing.assert_allclose(per_layer("delta-rms", model, grads), rms, rtol=1e-12)
    np.testing.assert_allclose(per_layer("weight-gradient", model, grads), weights, rtol=1e-12)


# --- the update ratio: the optimiser's step ------------------------------------------------------
def _ratios(before, after, hidden: int) -> np.ndarray:
    return np.array([np.linalg.norm(w1 - w0) / np.linalg.norm(w0) for w0, w1 in
                     zip(before.parameters.weights[:hidden], after.parameters.weights[:hidden])])


def test_the_update_ratio_of_a_plain_step_is_the_chapters_decayed_step_over_the_weights():
    # w <- (1 - eta lmbda / n) w - eta dC/dw, written out with the chapter's backprop
    x, y = batch(10, seed=5)
    eta, lmbda, n = 0.5, 2.0, 10
    model = initial_model(Architecture(SIZES), np.random.default_rng(6))
    net = initial_network(SIZES, np.random.default_rng(6))
    nabla_w = backprop(net, x, y, cross_entropy()).nabla_w
    expected = [np.linalg.norm(eta * (lmbda / n) * w + eta * g) / np.linalg.norm(w)
                for w, g in zip(net.weights[:3], nabla_w[:3])]
    run = descend(model, x, y, SGD(eta, lmbda, n), 1, measure="update-ratio")
    np.testing.assert_allclose(run.speeds[0], expected, rtol=1e-12)


@pytest.mark.parametrize("sgd", [SGD(0.3, 1.0, 8, momentum=0.9),
                                 SGD(0.3, 1.0, 8, momentum=0.9, nesterov=True),
                                 SGD(3.0, clip=0.05)],
                         ids=["momentum", "nesterov", "clipped"])
def test_full_batch_descent_records_the_ratio_of_the_step_it_takes(sgd):
    # the reference: the parameters a separate descent holds after k and k + 1 steps
    x, y = batch()
    model = model_of("relu", batch_norm=True)
    run = descend(model, x, y, sgd, 3, measure="update-ratio")
    steps = [model] + [descend(model, x, y, sgd, k).model for k in (1, 2, 3)]
    for k in range(3):
        np.testing.assert_allclose(run.speeds[k], _ratios(steps[k], steps[k + 1], 3),
                                   rtol=1e-12)


def test_a_watched_run_measures_the_step_the_optimiser_takes_next_with_its_velocity():
    # one mini-batch of every training image: each epoch is one step, the step the watch
    # measured before it (the shuffle only reorders the sums)
    x, y = batch(12, seed=7)
    sgd = SGD(0.4, momentum=0.8)
    model = model_of("sigmoid")
    watch = Watch(x, y, x, y.argmax(axis=1), measure="update-ratio")
    run = train(model, x, y, sgd, 2, len(x), np.random.default_rng(0), watch)
    after = [model, train(model, x, y, sgd, 1, len(x), np.random.default_rng(0)).model,
             run.model]
    for k in range(2):
        np.testing.assert_allclose(run.snapshots[k].speeds, _ratios(after[k], after[k + 1], 3),
                                   rtol=1e-10)


def test_the_update_ratio_needs_the_optimiser():
    x, y = batch()
    model = model_of()
    with pytest.raises(ValueError, match="needs the optimiser"):
        per_layer("update-ratio", model, backward(model, forward(model, x), y))
