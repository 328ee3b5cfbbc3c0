"""The softmax output layer and the log-likelihood cost, against independent references.

References: the softmax written out naively, e^z / sum e^z (where it does not overflow); its
Jacobian da_j/dz_k = a_j (delta_jk - a_k) built as a matrix for each example; central finite
differences of the cost in z (step 1e-6) and of a whole network's cost in every parameter;
closed forms of ln a where a underflows.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke

from analytic.core.activations import get_activation
from analytic.core.costs import get_cost, log_likelihood
from analytic.core.initialisation import standard
from analytic.core.outputs import Softmax, get_output
from analytic.train import Architecture, Recipe, backward, cost, forward, initial_model

H = 1e-6
RNG = np.random.default_rng(11)
Z = RNG.normal(size=(6, 5)) * 2
Y = np.eye(5)[RNG.integers(0, 5, 6)]


def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def jacobian(a_row):
    # da_j/dz_k = a_j (delta_jk - a_k), written as a matrix
    return np.diag(a_row) - np.outer(a_row, a_row)


def test_softmax_is_e_to_the_z_over_its_sum_and_stays_finite_where_e_to_the_z_overflows():
    np.testing.assert_allclose(Softmax().f(Z), naive_softmax(Z), rtol=1e-14)
    np.testing.assert_allclose(Softmax().f(Z).sum(axis=1), 1.0, rtol=1e-15)
    big = np.array([[1000.0, 1000.0 + np.log(3.0)]])  # e^1000 overflows float64
    np.testing.assert_allclose(Softmax().f(big), [[0.25, 0.75]], rtol=1e-12)


def test_the_log_of_the_softmax_is_exact_where_the_softmax_underflows_to_zero():
    z = np.array([[0.0, -800.0], [3.0, 1.0]])
    # ln a_j = z_j - ln(e^0 + e^-800) = z_j - log1p(e^-800), e^-800 = 0 in float64
    expected = [[0.0, -800.0], list(np.log(naive_softmax(z[1:])[0]))]
    np.testing.assert_allclose(Softmax().log(z), expected, rtol=1e-14, atol=1e-300)
    assert Softmax().f(z)[0, 1] == 0.0  # where log(a) itself would be -inf


def test_the_softmax_backward_pass_is_the_transposed_jacobian_times_the_gradient():
    g = RNG.normal(size=Z.shape)
    a = Softmax().f(Z)
    expected = np.array([jacobian(a_i).T @ g_i for a_i, g_i in zip(a, g)])
    np.testing.assert_allclose(Softmax().backward(a, g), expected, rtol=1e-12, atol=1e-15)


def _cost_in_z(c, output, z, y):
    return float(c.output_value(z, output.f(z), y, output).sum())


def _finite_differences_in_z(c, output, z, y):
    # central differences of the batch's summed C: their rounding error is about
    # 1e-16 |C| / 1e-6, some 1e-9 here (hence atol 1e-8 below); their truncation error,
    # h² C'''/6, is far smaller
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[index] += H
        down[index] -= H
        grad[index] = (_cost_in_z(c, output, up, y) - _cost_in_z(c, output, down, y)) / (2 * H)
    return grad


def test_with_the_log_likelihood_the_softmax_output_delta_is_a_minus_y():
    c, out = log_likelihood(), Softmax()
    a = out.f(Z)
    delta = c.output_delta(Z, a, Y, out)
    np.testing.assert_allclose(delta, a - Y, rtol=0, atol=0)
    # the same number by the chain rule through the Jacobian, dC/da = -y/a ...
    through = np.array([jacobian(a_i).T @ (-y_i / a_i) for a_i, y_i in zip(a, Y)])
    np.testing.assert_allclose(delta, through, rtol=1e-12, atol=1e-15)
    # ... and by finite differences of C = -ln a_y in z
    np.testing.assert_allclose(delta, _finite_differences_in_z(c, out, Z, Y), rtol=1e-6,
                               atol=1e-8)
    # C is -ln a_y of the naive softmax
    np.testing.assert_allclose(c.output_value(Z, a, Y, out).sum(axis=1),
                               -np.log(naive_softmax(Z)[Y == 1]), rtol=1e-13)


@pytest.mark.parametrize("name", ["quadratic", "cross-entropy"])
def test_a_softmax_output_with_another_cost_backpropagates_through_its_jacobian(name):
    c, out = get_cost(name), Softmax()
    delta = c.output_delta(Z, out.f(Z), Y, out)
    np.testing.assert_allclose(delta, _finite_differences_in_z(c, out, Z, Y), rtol=1e-6,
                               atol=1e-8)


def test_the_log_likelihood_needs_a_softmax_output():
    with pytest.raises(ValueError, match="log-likelihood cost -ln a_y needs a softmax output"):
        Architecture((4, 3, 2), output=get_activation("sigmoid"), cost=log_likelihood())
    with pytest.raises(ValueError, match="needs a softmax output"):
        Recipe(cost=log_likelihood())
    assert get_output("SOFTMAX ") == Softmax() != get_activation("sigmoid")


def _model_cost(model, vector, x, y):
    moved = replace(model, parameters=model.parameters.like(vector))
    return cost(moved, forward(moved, x, train=True, rng=np.random.default_rng(0)), y)


@pytest.mark.parametrize("batch_norm, residual", [(False, False), (True, False), (False, True)])
def test_every_gradient_of_a_softmax_network_equals_finite_differences(batch_norm, residual):
    rng = np.random.default_rng(3)
    arch = Architecture((5, 4, 4, 3), get_activation("tanh"), batch_norm, residual,
                        Softmax(), log_likelihood())
    model = initial_model(arch, rng, standard(), bias_std=0.5)
    x, y = rng.normal(size=(7, 5)), np.eye(3)[rng.integers(0, 3, 7)]
    grads = backward(model, forward(model, x, train=True, rng=np.random.default_rng(0)), y)
    vector = model.parameters.vector
    expected = np.zeros_like(vector)
    for i in range(len(vector)):
        up, down = vector.copy(), vector.copy()
        up[i] += H
        down[i] -= H
        expected[i] = (_model_cost(model, up, x, y) - _model_cost(model, down, x, y)) / (2 * H)
    np.testing.assert_allclose(grads.nabla.vector, expected, rtol=1e-5, atol=1e-8)


def test_the_training_commands_take_the_softmax_output_and_refuse_a_mismatched_cost(tmp_path):
    small = ("experiment", "saturation", "--epochs", "1", "--images", "20", "--validation",
             "10", "--records", "1", "--hidden", "1", "--width", "3", "--setup",
             "sigmoid/standard", "--out", str(tmp_path))
    done = invoke(*small, "--output", "softmax", "--cost", "log-likelihood")
    assert done.exit_code == 0, done.output
    assert "softmax output, log-likelihood cost" in done.stdout
    assert_one_line_error(invoke(*small, "--cost", "log-likelihood"), "needs a softmax output")
    assert_one_line_error(invoke(*small, "--output", "tanh"), "choose from: sigmoid, softmax")
    assert_one_line_error(invoke("derive", "--cost", "log-likelihood"),
                          "choose from: quadratic, cross-entropy")
