"""The optimiser against closed forms: gradient descent with momentum on a quadratic is a linear
recurrence, so the t-th iterate is a matrix power; the chapter's weight decay against finite
differences of the regularised cost; clipping against the flattened gradient."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytic.train import (
    SGD,
    Architecture,
    Parameters,
    backward,
    clipped,
    cost,
    forward,
    initial_model,
    initial_velocity,
    step,
)


def quadratic_run(curvature, theta0, sgd, steps):
    """Minimise f = curvature * theta^2 / 2 elementwise with the optimiser, theta as a weight."""
    params = Parameters.of(weights=(np.array(theta0, dtype=float),), biases=())
    velocity = initial_velocity(params, sgd)
    for _ in range(steps):
        gradient = params.like(curvature * params.vector)
        params, velocity = step(params, gradient, velocity, sgd)
    return params.weights[0]


def closed_form(matrix, theta0, steps):
    """theta_t from [theta, v]_{t} = M^t [theta_0, 0] for each component."""
    return np.array([(np.linalg.matrix_power(m, steps) @ [t0, 0.0])
                     for m, t0 in zip(matrix, theta0)])


@given(eta=st.floats(0.01, 0.5), mu=st.floats(0.0, 0.95), steps=st.integers(1, 40))
def test_classical_momentum_follows_the_closed_form_on_a_quadratic(eta, mu, steps):
    # v' = mu v - eta a theta, theta' = theta + v': M = [[1 - eta a, mu], [-eta a, mu]]
    a, theta0 = np.array([0.5, 1.0, 3.0]), np.array([1.0, -2.0, 0.5])
    matrix = [np.array([[1 - eta * k, mu], [-eta * k, mu]]) for k in a]
    got = quadratic_run(a, theta0, SGD(eta, momentum=mu), steps)
    np.testing.assert_allclose(got, closed_form(matrix, theta0, steps)[:, 0], rtol=1e-9,
                               atol=1e-12)


@given(eta=st.floats(0.01, 0.5), mu=st.floats(0.0, 0.95), steps=st.integers(1, 40))
def test_nesterov_momentum_holds_the_look_ahead_point_of_sutskevers_recurrence(eta, mu, steps):
    # Sutskever et al.: v' = mu v - eta a (theta + mu v), theta' = theta + v', so
    # M = [[1 - eta a, mu (1 - eta a)], [-eta a, mu (1 - eta a)]]; the optimiser holds theta + mu v
    a, theta0 = np.array([0.5, 1.0, 3.0]), np.array([1.0, -2.0, 0.5])
    matrix = [np.array([[1 - eta * k, mu * (1 - eta * k)], [-eta * k, mu * (1 - eta * k)]])
              for k in a]
    theta, v = closed_form(matrix, theta0, steps).T
    got = quadratic_run(a, theta0, SGD(eta, momentum=mu, nesterov=True), steps)
    np.testing.assert_allclose(got, theta + mu * v, rtol=1e-9, atol=1e-12)


def test_momentum_reaches_the_minimum_faster_than_plain_descent_on_an_ill_conditioned_quadratic():
    a, theta0 = np.array([0.01, 1.0]), np.array([1.0, 1.0])
    plain = quadratic_run(a, theta0, SGD(1.0), 100)
    heavy = quadratic_run(a, theta0, SGD(1.0, momentum=0.9), 100)
    nesterov = quadratic_run(a, theta0, SGD(1.0, momentum=0.9, nesterov=True), 100)
    # plain descent shrinks the flat direction by 0.99 per step: 0.99^100 = 0.37
    assert abs(plain[0]) == pytest.approx(0.99 ** 100, rel=1e-12)
    assert np.abs(heavy).max() < 0.2 and np.abs(nesterov).max() < 0.2


def test_weight_decay_with_momentum_shrinks_weights_only():
    # f = a x^2 / 2 for both a weight and a bias: decay adds lmbda/n to the weight's curvature
    sgd = SGD(0.1, lmbda=5.0, n=10, momentum=0.5)
    params = Parameters.of(weights=(np.array([1.0]),), biases=(np.array([1.0]),),
                           slopes=(np.array([1.0]),))
    velocity = initial_velocity(params, sgd)
    for _ in range(20):
        gradient = params.like(0.2 * params.vector)
        params, velocity = step(params, gradient, velocity, sgd)
    for value, k in ((params.weights[0], 0.2 + 0.5), (params.biases[0], 0.2),
                     (params.slopes[0], 0.2)):
        matrix = np.array([[1 - 0.1 * k, 0.5], [-0.1 * k, 0.5]])
        assert value[0] == pytest.approx((np.linalg.matrix_power(matrix, 20) @ [1, 0])[0],
                                         rel=1e-12)


def test_a_plain_step_descends_the_l2_regularised_cost_by_finite_differences():
    # w - w' = eta d/dw [C + lmbda/(2n) sum w^2]; b - b' = eta dC/db; prelu slopes undecayed
    rng = np.random.default_rng(1)
    from analytic.core.activations import get_activation
    model = initial_model(Architecture((4, 3, 2), get_activation("prelu")), rng)
    x, y = rng.normal(size=(5, 4)), np.eye(2)[[0, 1, 1, 0, 1]]
    sgd = SGD(0.1, lmbda=5.0, n=20)
    stepped, _ = step(model.parameters, backward(model, forward(model, x, True), y).nabla,
                      None, sgd)

    def regularised(kind, index, h):
        arrays = model.parameters.arrays()
        moved = [a.copy() for a in arrays[kind]]
        moved[0][index] += h
        shifted = replace(model, parameters=Parameters.of(**{**arrays, kind: moved}))
        penalty = sgd.lmbda / (2 * sgd.n) * sum(np.sum(w ** 2) for w in
                                                shifted.parameters.weights)
        return cost(shifted, forward(shifted, x, True), y) + penalty

    for kind, index in (("weights", (1, 2)), ("biases", (0,)), ("slopes", (2,))):
        slope = (regularised(kind, index, 1e-6) - regularised(kind, index, -1e-6)) / 2e-6
        moved = getattr(model.parameters, kind)[0][index] - getattr(stepped, kind)[0][index]
        assert moved == pytest.approx(0.1 * slope, rel=1e-6, abs=1e-12)


# --- clipping ------------------------------------------------------------------------------------
def flat(params):
    return np.concatenate([a.ravel() for _, a in params.items()])


@given(seed=st.integers(0, 2**32 - 1), threshold=st.floats(0.01, 100.0))
def test_clipping_rescales_the_whole_gradient_to_the_threshold_and_keeps_its_direction(
        seed, threshold):
    rng = np.random.default_rng(seed)
    nabla = Parameters.of(weights=(rng.normal(size=(3, 4)), rng.normal(size=(2, 3))),
                          biases=(rng.normal(size=3), rng.normal(size=2)),
                          gammas=(rng.normal(size=3),))
    before, after = flat(nabla), flat(clipped(nabla, threshold))
    norm = np.sqrt(np.sum(before ** 2))
    if norm <= threshold:
        np.testing.assert_array_equal(after, before)
    else:
        assert np.sqrt(np.sum(after ** 2)) == pytest.approx(threshold, rel=1e-12)
        cosine = after @ before / (np.linalg.norm(after) * norm)
        assert cosine == pytest.approx(1.0, abs=1e-12)


def test_a_clipped_step_moves_the_parameters_by_eta_times_the_threshold():
    params = Parameters.of(weights=(np.zeros(2),), biases=(np.zeros(1),))
    nabla = Parameters.of(weights=(np.array([30.0, 40.0]),), biases=(np.array([0.0]),))
    moved, _ = step(params, nabla, None, SGD(0.1, clip=5.0))
    np.testing.assert_allclose(moved.weights[0], [-0.3, -0.4], rtol=1e-15)


@pytest.mark.parametrize("kwargs, message", [
    ({"eta": 0.0}, "learning rate"), ({"eta": float("nan")}, "learning rate"),
    ({"lmbda": -1.0}, "weight decay"), ({"momentum": 1.0}, "momentum"),
    ({"clip": 0.0}, "clipping threshold"), ({"n": 0}, "training examples"),
])
def test_bad_optimiser_settings_are_refused_naming_the_quantity(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SGD(**kwargs)
