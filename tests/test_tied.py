"""The tied chain: a one-unit recurrent net unrolled in time, derived with SymPy and checked
against backpropagation through time, mpmath finite differences and the nested diff."""

import functools

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from analytic.chain import references
from analytic.chain.derive import PHI, PHI_PRIME
from analytic.chain.tied import MAX_STEPS, derive_tied
from analytic.chain.verify import NESTED_BUDGET, compare_nested, nested_cost, nested_tied, verify
from analytic.core.activations import ACTIVATIONS, get_activation, relu, sigmoid, tanh
from analytic.core.costs import cross_entropy, get_cost, quadratic
from analytic.core.network import backprop, chain_network
from analytic.core.recurrent import bptt, recurrent_unit, unroll

ACTS = sorted(set(ACTIVATIONS) - {"swish"})  # swish is silu under another name
COSTS = ["quadratic", "cross-entropy"]


@functools.cache
def derivation(steps, activation, cost):
    # the tests name activations and costs; the library takes them parsed
    return derive_tied(steps, get_activation(activation), get_cost(cost))


@functools.cache
def mp_cost(activation, cost):
    return references.mp_recurrent_cost(get_activation(activation), get_cost(cost))


def test_product_reads_w_phi_prime_at_each_later_step_then_dC_dh_T():
    d = derivation(4, "tanh", "quadratic")
    assert d.product_text() == "wtanh′(z₂)wtanh′(z₃)wtanh′(z₄)∂C/∂h₄"
    assert d.text() == "∂C/∂h₁ = w·tanh′(z₂)·w·tanh′(z₃)·w·tanh′(z₄)·∂C/∂h₄"
    assert derivation(1, "tanh", "quadratic").text() == "∂C/∂h₁ = ∂C/∂h₁"


@pytest.mark.parametrize("cost", COSTS)
def test_gradient_is_w_to_the_t_minus_1_times_the_phi_primes_and_the_cost_derivative(cost):
    # the closed form, written here from the definition: dC/dh_1 = w^(T-1) prod phi'(z_t) C'(h_T)
    T = 5
    d = derivation(T, "sigmoid", cost)
    s, a = d.symbols, sp.Symbol("a", real=True)
    dC_dh = sp.diff(get_cost(cost).sympy(a, s.y), a).subs(a, PHI(s.z[-1]))
    expected = s.w ** (T - 1) * sp.Mul(*(PHI_PRIME(z) for z in s.z[1:])) * dC_dh
    assert sp.simplify(d.gradient - expected) == 0


@pytest.mark.parametrize("activation", ["tanh", "relu", "gelu", "softplus"])
@pytest.mark.parametrize("steps", [1, 2, 6])
def test_tied_derivation_equals_one_sympy_diff_of_the_unrolled_net(steps, activation):
    d = derivation(steps, activation, "cross-entropy")
    assert nested_cost(d) <= NESTED_BUDGET  # verify() runs this check here
    nested = nested_tied(d)
    derivative = sp.diff(nested.cost, nested.variable)
    assert compare_nested(d, nested, derivative).passed
    # independently of the exact comparison: the nested derivative at a random unrolled net
    p = references.random_recurrent(steps, d.activation, d.cost, np.random.default_rng(steps))
    s = d.symbols
    value = sp.lambdify((s.h[1], *s.x, s.w, s.u, s.b, s.y), derivative, "mpmath", cse=True)
    _, hs = unroll(recurrent_unit(p.w, p.u, p.b, d.activation), p.xs, p.h0)
    with mpmath.workdps(30):
        expected = float(value(*map(mpmath.mpf, (hs[1], *p.xs, p.w, p.u, p.b, p.y))))
    assert d.evaluate(p.w, p.u, p.b, p.xs, p.h0, p.y) == pytest.approx(expected, rel=1e-12)


@given(st.integers(1, 40), st.sampled_from(ACTS), st.sampled_from(COSTS), st.integers(0, 2**32))
def test_tied_derivation_equals_bptt_and_mpmath_finite_differences(steps, activation, cost, seed):
    d = derivation(steps, activation, cost)
    p = references.random_recurrent(steps, d.activation, d.cost, np.random.default_rng(seed))
    symbolic = d.evaluate(p.w, p.u, p.b, p.xs, p.h0, p.y)
    through_time = bptt(recurrent_unit(p.w, p.u, p.b, d.activation), p.xs, p.h0, p.y, d.cost)
    fd = references.finite_difference_state_gradient(p, d.activation, mp_cost(activation, cost))
    # random_recurrent keeps every phi'(z_t) > 0 and h_T inside the cost's range: no zeros here
    assert symbolic == pytest.approx(through_time.dC_dh[0], rel=1e-12)
    assert symbolic == pytest.approx(fd, rel=1e-12)


def test_verify_runs_all_three_checks_on_a_tied_chain():
    v = verify(derivation(5, "tanh", "quadratic"), seed=3)
    assert v.verified and not v.not_run
    assert [c.name for c in v.checks][-1] == "numeric: = backpropagation through time (NumPy)"


def test_relu_with_every_unit_on_gives_exactly_w_to_the_t_minus_1_times_dC_dh_T():
    # relu' = 1 where z > 0: dC/dh_1 = w^(T-1) (h_T - y), the vanishing/exploding in its purest form
    T, w = 60, 0.9
    xs = [1.0] * T
    _, hs = unroll(recurrent_unit(w, 1.0, 0.5, relu()), xs, 0.0)
    value = derivation(T, "relu", "quadratic").evaluate(w, 1.0, 0.5, xs, 0.0, 0.0)
    assert value == pytest.approx(w ** (T - 1) * hs[-1], rel=1e-13)


def test_bptt_gradients_of_the_tied_parameters_equal_mpmath_finite_differences():
    unit, xs, h0, y = recurrent_unit(0.8, -1.3, 0.2, tanh()), [0.5, -1.0, 2.0, 0.3, -0.7], 0.1, 0.4
    g = bptt(unit, xs, h0, y, quadratic())

    def cost(params):
        w, u, b = params
        h = mpmath.mpf(h0)
        for x in xs:
            h = mpmath.tanh(w * h + u * x + b)
        return (h - y) ** 2 / 2

    for i, expected in enumerate([g.nabla_w, g.nabla_u, g.nabla_b]):
        def moved(s, i=i):
            params = [mpmath.mpf(v) for v in (unit.w, unit.u, unit.b)]
            params[i] += s
            return cost(params)

        assert references.central_difference(moved) == pytest.approx(expected, rel=1e-12)


def test_bptt_equals_backprop_on_the_unrolled_chain():
    # unrolled, the recurrent net is the chain with w_j = w, b_j = u x_t + b and input a_0 = h_0
    unit, xs, h0, y = recurrent_unit(1.7, 0.6, -0.4, sigmoid()), [0.2, 1.1, -0.5, 0.9], 0.3, 0.6
    g = bptt(unit, xs, h0, y, cross_entropy())
    net = chain_network([unit.w] * len(xs), [unit.u * x + unit.b for x in xs], sigmoid())
    deltas = [float(d[0, 0]) for d in backprop(net, [[h0]], [[y]], cross_entropy()).deltas]
    np.testing.assert_allclose(g.deltas, deltas, rtol=1e-14)


def test_tied_depth_2000_derives_and_matches_bptt():
    d = derive_tied(MAX_STEPS, tanh())
    p = references.random_recurrent(MAX_STEPS, d.activation, d.cost, np.random.default_rng(1))
    expected = bptt(recurrent_unit(p.w, p.u, p.b, d.activation), p.xs, p.h0, p.y).dC_dh[0]
    assert expected != 0
    assert d.evaluate(p.w, p.u, p.b, p.xs, p.h0, p.y) == pytest.approx(expected, rel=1e-11)


@pytest.mark.parametrize("steps", [0, MAX_STEPS + 1, 2.5, True])
def test_bad_number_of_steps_raises_value_error(steps):
    with pytest.raises(ValueError, match="number of steps"):
        derive_tied(steps)
