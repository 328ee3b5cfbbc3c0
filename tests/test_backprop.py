"""The NumPy backprop against finite differences, and the chapter's matrix form (eq. 124)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytic.core.activations import ACTIVATIONS, get_activation, sigmoid, tanh
from analytic.core.costs import get_cost, quadratic
from analytic.core.network import Network, backprop, cost_value, delta_matrix_form, feedforward

SMOOTH = ["sigmoid", "tanh"]


def random_network(sizes, activation, rng, output_activation=None):
    weights = tuple(rng.normal(size=(m, n)) for n, m in zip(sizes[:-1], sizes[1:]))
    biases = tuple(rng.normal(size=m) for m in sizes[1:])
    return Network(weights, biases, get_activation(activation), output_activation)


def finite_difference(net, x, y, cost, which, l, index, h=1e-6):
    """Central difference of the batch cost in one weight or bias (float64)."""
    def shifted(delta):
        params = [list(net.weights), list(net.biases)][which]
        p = params[l].copy()
        p[index] += delta
        params[l] = p
        w, b = (params, net.biases) if which == 0 else (net.weights, params)
        return Network(tuple(w), tuple(b), net.activation, net.output_activation)
    return (cost_value(shifted(h), x, y, cost) - cost_value(shifted(-h), x, y, cost)) / (2 * h)


sizes_strategy = st.lists(st.integers(1, 5), min_size=2, max_size=5)


@given(sizes=sizes_strategy, seed=st.integers(0, 2**32 - 1),
       activation=st.sampled_from(SMOOTH), cost=st.sampled_from(["quadratic", "cross-entropy"]))
def test_backprop_gradients_equal_finite_differences_for_random_layer_sizes(
    sizes, seed, activation, cost
):
    rng, cost = np.random.default_rng(seed), get_cost(cost)
    net = random_network(sizes, activation, rng, output_activation=sigmoid())
    x = rng.uniform(0, 1, size=(3, sizes[0]))
    y = rng.uniform(0, 1, size=(3, sizes[-1]))
    grads = backprop(net, x, y, cost)
    for l in range(net.depth):
        for index in np.ndindex(net.weights[l].shape):
            fd = finite_difference(net, x, y, cost, 0, l, index)
            assert abs(grads.nabla_w[l][index] - fd) <= 1e-6 * abs(fd) + 1e-8
        for index in np.ndindex(net.biases[l].shape):
            fd = finite_difference(net, x, y, cost, 1, l, index)
            assert abs(grads.nabla_b[l][index] - fd) <= 1e-6 * abs(fd) + 1e-8


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_every_activation_backprops_to_the_finite_difference_gradient(activation):
    rng = np.random.default_rng(7)
    net = random_network([3, 4, 4, 2], activation, rng)
    x, y = rng.uniform(0, 1, (5, 3)), rng.uniform(0, 1, (5, 2))
    grads = backprop(net, x, y, quadratic())
    for l in range(net.depth):
        for j in range(net.biases[l].size):
            fd = finite_difference(net, x, y, quadratic(), 1, l, (j,))
            assert abs(grads.nabla_b[l][j] - fd) <= 1e-6 * abs(fd) + 1e-8


@given(sizes=sizes_strategy, seed=st.integers(0, 2**32 - 1),
       activation=st.sampled_from(sorted(ACTIVATIONS)))
def test_matrix_form_of_equation_124_equals_backprop_deltas(sizes, seed, activation):
    rng = np.random.default_rng(seed)
    net = random_network(sizes, activation, rng)
    x, y = rng.uniform(0, 1, (4, sizes[0])), rng.uniform(0, 1, (4, sizes[-1]))
    cost = quadratic()
    grads = backprop(net, x, y, cost)
    for example in range(4):
        zs = [z[example] for z in grads.zs]
        grad_a = cost.grad(grads.activations[-1][example], y[example])
        for l in range(1, net.depth + 1):
            np.testing.assert_allclose(
                delta_matrix_form(net, zs, grad_a, l), grads.deltas[l - 1][example],
                rtol=1e-10, atol=1e-14,
            )


def test_feedforward_of_a_chain_matches_hand_composition():
    rng = np.random.default_rng(3)
    net = random_network([1, 1, 1], "sigmoid", rng)
    w1, w2 = net.weights[0][0, 0], net.weights[1][0, 0]
    b1, b2 = net.biases[0][0], net.biases[1][0]
    def sig(t):
        return 1 / (1 + np.exp(-t))

    expected = sig(w2 * sig(w1 * 0.4 + b1) + b2)
    assert abs(feedforward(net, 0.4)[1][-1][0, 0] - expected) < 1e-15


def test_mismatched_layer_shapes_raise_value_error():
    with pytest.raises(ValueError):
        Network((np.ones((2, 3)), np.ones((2, 3))), (np.ones(2), np.ones(2)),
                tanh())
