"""The SymPy derivation: against backprop, finite differences, nested diff and the chapter."""

import dataclasses
import functools

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from matplotlib import mathtext

from analytic.chain import references as checks
from analytic.chain.derive import MAX_DEPTH, PHI_PRIME, ChainSymbols, derive_chain
from analytic.chain.verify import (
    NESTED_BUDGET,
    check_chain,
    compare_nested,
    nested_chain,
    nested_cost,
    product_check,
    verify,
)
from analytic.core.activations import ACTIVATIONS, get_activation, sigmoid
from analytic.core.costs import get_cost
from analytic.core.network import backprop, chain_network, feedforward

ACTS = sorted(set(ACTIVATIONS) - {"swish"})  # swish is silu under another name
COSTS = ["quadratic", "cross-entropy"]


@st.composite
def chains(draw, max_depth=30):
    depth = draw(st.integers(1, max_depth))
    layer = draw(st.integers(1, depth))
    activation = draw(st.sampled_from(ACTS))
    cost = draw(st.sampled_from(COSTS))
    floats = st.floats(-3, 3, allow_nan=False)
    weights = draw(st.lists(floats, min_size=depth, max_size=depth))
    biases = draw(st.lists(floats, min_size=depth, max_size=depth))
    x, y = draw(st.floats(0, 1)), draw(st.floats(0, 1))
    return depth, layer, activation, cost, weights, biases, x, y


@functools.cache
def derivation(depth, layer, activation, cost):
    # the tests name activations and costs; the library takes them parsed
    return derive_chain(depth, layer, get_activation(activation), get_cost(cost))


@functools.cache
def mp_cost(activation, cost):
    return checks.mp_cost(get_activation(activation), get_cost(cost))


def _pre_activation_for(act, u):
    # bisection for z with phi(z) = u; every registered phi has phi(-50) < 0.05 and phi(50) > 0.95
    lo, hi = -50.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(act.f(np.array(mid))) < u else (lo, mid)
    return (lo + hi) / 2


@settings(suppress_health_check=[HealthCheck.filter_too_much])  # zeros hit relu's kink often
@given(chains(), st.floats(0.05, 0.95))
def test_derivation_equals_backprop_and_mpmath_finite_differences(case, u):
    depth, layer, activation, cost, weights, biases, x, y = case
    act, c = get_activation(activation), get_cost(cost)
    if c.name == "cross-entropy":  # it needs 0 < a_L < 1: choose b_L so that a_L = u
        a_before = x
        if depth > 1:
            before = chain_network(weights[:-1], biases[:-1], act)
            a_before = float(feedforward(before, [[x]])[1][-1][0, 0])
        biases = [*biases[:-1], _pre_activation_for(act, u) - weights[-1] * a_before]
    net = chain_network(weights, biases, act)
    zs, activations = feedforward(net, [[x]])
    # the relu family has no derivative at z = 0, where NumPy and SymPy pick different values
    if act.sympy(sp.Symbol("t", real=True)).has(sp.Abs):
        assume(all(abs(z[0, 0]) > 1e-9 for z in zs))
    # where a_L = y to float64's precision, dC/da_L = a_L - y is the rounding of a_L, not a
    # property of the derivation (backprop and mpmath then differ in every digit)
    a_L = float(activations[-1][0, 0])
    assume(a_L == y or abs(a_L - y) > 1e-9)
    d = derivation(depth, layer, activation, cost)
    symbolic = d.evaluate(weights, biases, x, y)
    numeric = float(backprop(net, [[x]], [[y]], c).nabla_b[layer - 1][0])
    params = checks.ChainParams(np.array(weights), np.array(biases), x, y)
    fd = checks.finite_difference_bias_gradient(params, layer, mp_cost(activation, cost))
    # all three agree to 1e-9 relative; where the backprop's gradient is exactly 0 (a_L = y),
    # to 1e-15 absolute: a slope like rrelu's 11/48 leaves a rounding residue of ~1e-17
    # the finite differences settle to 1e-20 of their value; their truncation error
    # h^2 C'''/6 ~ 1e-61 shows where the gradient itself is that small (see references)
    zero_tol = 1e-15 if numeric == 0 else 0.0
    assert abs(symbolic - numeric) <= 1e-9 * abs(numeric) + zero_tol
    assert abs(symbolic - fd) <= 1e-9 * abs(fd) + zero_tol + 1e-40


SEED_ACTS = ["sigmoid", "tanh", "relu", "leaky_relu"]  # the core issue's four


@functools.cache
def nested_derivative(depth, activation, cost):
    # one sympy.diff of the fully nested cost, shared by the tests that need it
    d = derivation(depth, 1, activation, cost)
    nested = nested_chain(d)
    return d, nested, sp.diff(nested.cost, nested.variable)


@pytest.mark.parametrize("activation", SEED_ACTS)
@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("depth", [1, 3, 8])
def test_product_form_equals_fully_nested_sympy_diff(depth, cost, activation):
    d, nested, derivative = nested_derivative(depth, activation, cost)
    # verify() runs this check here (its predicted cost is within budget) and it passes
    assert nested_cost(d) <= NESTED_BUDGET
    assert compare_nested(d, nested, derivative).passed
    # independently of the exact comparison: the nested derivative and the derivation agree
    # numerically at a random chain
    s = ChainSymbols(depth)
    value = sp.lambdify((*s.w, *s.b, s.x, s.y), derivative, "mpmath", cse=True)
    p = checks.random_chain(depth, d.activation, d.cost, np.random.default_rng(depth))
    with mpmath.workdps(30):
        expected = float(value(*map(mpmath.mpf, (*p.weights, *p.biases, p.x, p.y))))
    assert abs(d.evaluate(p.weights, p.biases, p.x, p.y) - expected) <= 1e-12 * abs(expected)


def test_verify_runs_the_nested_check_up_to_depth_8_and_says_why_beyond():
    assert any("nested" in c.name for c in verify(derivation(3, 1, "relu", "quadratic")).checks)
    deep = verify(derivation(9, 1, "sigmoid", "quadratic"))
    assert deep.verified and deep.not_run == ("fully nested sympy.diff: not run (depth > 8)",)


def test_a_wrong_derivation_fails_the_product_and_the_nested_checks():
    d, nested, derivative = nested_derivative(3, "sigmoid", "cross-entropy")
    s = d.symbols
    # drop the weight w_3 from the chain-rule factor dz_3/dz_2 = w_3 phi'(z_2)
    wrong = dataclasses.replace(
        d, chain_factors=(*d.chain_factors[:2], PHI_PRIME(s.z[1]), *d.chain_factors[3:])
    )
    assert product_check(d).passed and not product_check(wrong).passed
    assert not compare_nested(wrong, nested, derivative).passed


def test_the_change_of_variables_turns_each_nested_weighted_input_into_z_j():
    d = derivation(3, 1, "relu", "quadratic")
    s, nested = d.symbols, nested_chain(d)
    a, zs = s.x, []
    for w, b in zip(s.w, s.b):
        zs.append(w * a + b)
        a = d.activation.sympy(zs[-1])
    assert [z.xreplace(nested.to_derivation) for z in zs] == list(s.z)


def test_depth_four_product_reads_as_the_chapter_writes_it():
    d = derive_chain(4)
    assert d.product_text() == "σ′(z₁)w₂σ′(z₂)w₃σ′(z₃)w₄σ′(z₄)∂C/∂a₄"
    assert d.factor_strings()[:3] == ["σ′(z₁)", "w₂", "σ′(z₂)"]


def test_layer_k_drops_the_factors_before_layer_k():
    d = derive_chain(5, layer=3, activation=get_activation("tanh"))
    assert d.product_text() == "tanh′(z₃)w₄tanh′(z₄)w₅tanh′(z₅)∂C/∂a₅"


@given(st.lists(st.floats(-0.999, 0.999), min_size=4, max_size=4),
       st.lists(st.floats(-4, 4), min_size=4, max_size=4), st.floats(0, 1), st.floats(0, 1))
def test_sigmoid_gradient_at_b1_is_at_most_a_sixteenth_of_that_at_b3_when_weights_below_one(
    w, b, x, y
):
    grads = backprop(chain_network(w, b, sigmoid()), [[x]], [[y]]).nabla_b
    g1, g3 = abs(grads[0][0]), abs(grads[2][0])
    assume(g3 > 1e-300)
    assert g1 / g3 <= 1 / 16 + 1e-15


def test_ratio_of_b1_to_b3_gradients_is_sigma_prime_z1_w2_sigma_prime_z2_w3():
    # dC/db1 / dC/db3 = σ′(z₁)w₂σ′(z₂)w₃: the chapter's two extra factors w₂σ′(z₂), w₃σ′(z₃),
    # with σ′(z₃) traded for σ′(z₁); each of the four sigmoid-side terms is at most 1/4 or |w|
    w, b = [0.7, -1.9, 2.5, 0.3], [0.1, 0.4, -1.2, 0.8]
    grads = backprop(chain_network(w, b, sigmoid()), [[0.6]], [[0.2]])
    z1, z2 = grads.zs[0][0, 0], grads.zs[1][0, 0]
    def sigma_prime(t):
        return float(sp.exp(-t) / (1 + sp.exp(-t)) ** 2)

    closed = sigma_prime(z1) * w[1] * sigma_prime(z2) * w[2]
    assert abs(grads.nabla_b[0][0] / grads.nabla_b[2][0] - closed) <= 1e-12 * abs(closed)


def test_depth_2000_derives_and_its_value_matches_backprop():
    # one lambdified 4000-operand product would exceed Python's recursion limit
    d = derive_chain(MAX_DEPTH)
    assert len(d.factor_strings()) == 2 * MAX_DEPTH
    assert verify(d).verified
    p = checks.random_chain(MAX_DEPTH, d.activation, d.cost, np.random.default_rng(7))
    numeric = float(backprop(chain_network(p.weights, p.biases), [[p.x]], [[p.y]]).nabla_b[0][0])
    symbolic = d.evaluate(p.weights, p.biases, p.x, p.y)
    assert numeric != 0 and abs(symbolic - numeric) <= 1e-12 * abs(numeric)


def test_repr_is_short_readable_and_free_of_addresses_and_hashes():
    d = derivation(1000, 1, "sigmoid", "quadratic")
    text = repr(d)
    assert text == ("Derivation(∂C/∂b₁ = σ′(z₁)·w₂·σ′(z₂)·…·w₁₀₀₀·σ′(z₁₀₀₀)·∂C/∂a₁₀₀₀, "
                    "activation='sigmoid', cost='quadratic')")
    # the abstract functions are named after what they are, not after a per-run hash
    assert sp.srepr(d.factors[0]) == "sigmoid_prime(Symbol('z_1', real=True))"
    assert type(d.factors[-1]).__name__ == "dC_da1000"


@pytest.mark.parametrize("depth", [1, 4, 30])
def test_latex_is_accepted_by_an_independent_math_parser(depth):
    # matplotlib's mathtext parses the formula; a malformed string raises ValueError
    parser = mathtext.MathTextParser("path")
    parser.parse(f"${derive_chain(depth).latex()}$")


def test_repr_latex_wraps_the_formula_for_jupyter_in_display_style():
    # inline math in a notebook shrinks fractions; \displaystyle keeps them full size
    d = derive_chain(2)
    assert d._repr_latex_() == rf"$\displaystyle {d.latex()}$"
    assert d._repr_latex_().count("$") == 2


@pytest.mark.parametrize("kwargs", [{"depth": 0}, {"depth": MAX_DEPTH + 1},
                                    {"depth": 3, "layer": 4}, {"depth": 3, "layer": 0}])
def test_bad_arguments_raise_value_error(kwargs):
    with pytest.raises(ValueError):
        derive_chain(**kwargs)


@pytest.mark.parametrize("parse", [get_activation, get_cost])
def test_an_unknown_activation_or_cost_name_is_refused_where_it_is_parsed(parse):
    with pytest.raises(ValueError):
        parse("nope")


@pytest.mark.parametrize("activation", ACTS)
@pytest.mark.parametrize("cost", COSTS)
def test_check_passes_at_depth_10_for_every_activation_and_cost(activation, cost):
    report = check_chain(10, activation=get_activation(activation), cost=get_cost(cost),
                         trials=50, seed=1)
    assert report.passed
    assert report.max_rel_error_backprop < 1e-12 and report.max_rel_error_finite_difference < 1e-10


def test_check_does_not_blame_the_derivation_for_its_finite_differences_at_depth_400():
    # the second chain's gradient is 2e-54: 80-digit differences at h = 1e-30 are pure rounding
    # there (relative error 1.0): a fixed precision would blame the derivation for its reference
    report = check_chain(400, trials=2, seed=0)
    assert report.passed and report.max_rel_error_finite_difference < 1e-12


def test_finite_differences_raise_their_precision_until_a_1e_100_slope_settles():
    # C(s) = 1 + 1e-100 (s + s^2): at 80 digits C(h) - C(-h) rounds to 0; the slope is 1e-100
    slope = checks.central_difference(lambda s: 1 + mpmath.mpf("1e-100") * (s + s**2))
    assert slope == pytest.approx(1e-100, rel=1e-15)
    assert checks.central_difference(lambda s: mpmath.mpf(3)) == 0.0  # a flat cost settles at 0


@pytest.mark.parametrize("exponent", [50, 150, 240, 300, 320])
@pytest.mark.parametrize("hint", [0.0, 1.0, 1e-300])
def test_finite_differences_find_a_slope_down_to_float64s_smallest_whatever_the_hint(exponent,
                                                                                      hint):
    # C(s) = 0.1 + 10^-e (s + s^2): the slope at 0 is exactly 10^-e; every difference of it
    # rounds to 0 below 10^-(e + 31) digits, where two zeros agree and would be a wrong 0
    slope = mpmath.mpf(10) ** -exponent
    found = checks.central_difference(lambda s: mpmath.mpf("0.1") + slope * (s + s**2),
                                      size=hint)
    assert found == pytest.approx(float(slope), rel=1e-15)


def test_a_slope_below_every_float64_is_found_as_the_zero_float64_holds():
    tiny = mpmath.mpf(10) ** -400
    assert checks.central_difference(lambda s: mpmath.mpf("0.1") + tiny * s) == 0.0


@pytest.mark.parametrize("depth", [1000, 1500, 2000])
def test_check_passes_at_the_deepest_chains_the_command_accepts(depth):
    # at depth 1000 the gradient is about 1e-120 of the cost: 80-digit differences were both 0
    report = check_chain(depth, trials=1, seed=1)
    assert report.passed and report.max_rel_error_finite_difference < 1e-12


def test_check_detects_a_wrong_backprop(monkeypatch):
    import analytic.chain.verify as verify_module

    real = verify_module.backprop

    def off_by_one_percent(*args, **kwargs):
        g = real(*args, **kwargs)
        return type(g)([nb * 1.01 for nb in g.nabla_b], g.nabla_w, g.deltas, g.zs, g.activations)

    monkeypatch.setattr(verify_module, "backprop", off_by_one_percent)
    report = check_chain(4, trials=5)
    assert not report.passed and report.max_rel_error_backprop > 1e-3


@pytest.mark.parametrize("activation", ["elu", "gelu", "silu"])
def test_nested_check_is_skipped_before_it_starts_where_its_predicted_cost_is_over_budget(
    activation,
):
    # ELU's |z| form uses z four times (its tree grows 4x a layer); GELU's and SiLU's twice,
    # with derivatives twice their size: at depth 8 each is far over the budget
    d = derivation(8, 1, activation, "quadratic")
    assert nested_cost(d) > NESTED_BUDGET
    v = verify(d)
    assert v.verified and not any("nested" in c.name for c in v.checks)
    assert v.not_run and "over the budget" in v.not_run[0]
