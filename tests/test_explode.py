"""The exploding construction, against mpmath finite differences and the closed factors."""

import mpmath
import numpy as np
import pytest

from analytic.core.activations import get_activation, relu, sigmoid, softplus
from analytic.core.network import chain_network, feedforward
from analytic.theory.explosion import explode


def _mp_cost(activation, weight, biases, x, y):
    phi = {"sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)), "tanh": mpmath.tanh,
           "relu": lambda z: max(z, 0)}[activation]
    a = mpmath.mpf(x)
    for b in biases:
        a = phi(weight * a + b)
    return (a - y) ** 2 / 2


@pytest.mark.parametrize(
    "activation, weight, depth, factor",
    [("sigmoid", 100.0, 6, 25.0), ("sigmoid", -12.0, 5, -3.0), ("tanh", 3.0, 7, 3.0),
     ("relu", 2.0, 5, 2.0)],
)
def test_gradient_matches_mpmath_finite_differences_and_the_stated_factor(
    activation, weight, depth, factor
):
    e = explode(weight, depth, get_activation(activation))
    assert e.factor_value == factor and e.confirmed
    from analytic.theory.explosion import Wsym

    biases = [float(e.first_bias.subs(Wsym, weight))]
    biases += [float(e.bias.subs(Wsym, weight))] * (depth - 1)
    with mpmath.workdps(50):
        h = mpmath.mpf("1e-20")
        up = _mp_cost(activation, weight, [biases[0] + h] + biases[1:], e.x, e.y)
        down = _mp_cost(activation, weight, [biases[0] - h] + biases[1:], e.x, e.y)
        fd = (up - down) / (2 * h)
    assert float(e.gradient_value) == pytest.approx(float(fd), rel=1e-12)


def test_every_weighted_input_sits_at_the_steepest_point():
    e = explode(100.0, 8, sigmoid())
    biases = [-100.0] + [-50.0] * 7
    zs = feedforward(chain_network([100.0] * 8, biases), np.array([[1.0]]))[0]
    assert str(e.first_bias) == "-W" and str(e.bias) == "-W/2"
    assert all(abs(float(z[0, 0])) < 1e-12 for z in zs)


def test_deep_chains_overflow_float64_but_the_exact_value_and_ratios_still_hold():
    e = explode(100.0, 300, sigmoid())
    assert not np.isfinite(e.backprop_first)
    exact = mpmath.mpf(25) ** 299 / 4  # ∂C/∂a_L = 1 by the default target
    assert abs(e.gradient_value / exact - 1) < 1e-14
    assert e.confirmed


def test_relu_gradient_dies_when_one_unit_is_switched_off():
    e = explode(2.0, 4, relu())
    assert e.factor_value == 2.0 and float(e.gradient_value) == 8.0
    from analytic.core.network import backprop

    net = chain_network([2.0] * 4, [-1.0, -1.0, -5.0, -1.0], relu())  # unit 3 off
    assert backprop(net, [[1.0]], [[e.y]]).nabla_b[0][0] == 0.0


@pytest.mark.parametrize("weight, depth", [(0.0, 3), (float("nan"), 3), (2.0, 0)])
def test_bad_weight_or_depth_is_rejected(weight, depth):
    with pytest.raises(ValueError):
        explode(weight, depth)


@pytest.mark.parametrize("activation", ["prelu", "rrelu", "elu", "gelu", "silu"])
def test_every_activation_with_a_steepest_point_is_confirmed_deep_against_the_closed_form(
    activation,
):
    # reference: SymPy's phi'(z*) (W phi'(z*))^(L-1) dC/da_L evaluated in 30-digit mpmath
    e = explode(100.0, 60, get_activation(activation))
    assert e.confirmed
    assert abs(e.backprop_first - float(e.gradient_value)) <= 1e-12 * abs(float(e.gradient_value))


def test_an_activation_without_a_steepest_point_is_refused_in_one_sentence():
    with pytest.raises(ValueError, match="softplus has no steepest point"):
        explode(100.0, 5, softplus())


@pytest.mark.parametrize("activation, weight", [("sigmoid", 1.0), ("sigmoid", 1e-6),
                                                ("tanh", 0.5), ("gelu", 1e-6)])
def test_deep_chains_that_underflow_float64_keep_the_exact_value_and_check_the_normal_ratios(
        activation, weight):
    # the factor W φ′(z*) is below 1, so (W φ′(z*))^1999 is far below 2.2e-308: the backprop's
    # ∂C/∂b₁ is 0 or subnormal and cannot be compared, while its ratios are exact
    phi = get_activation(activation)
    e = explode(weight, 2000, phi)
    factor = mpmath.mpf(weight) * mpmath.mpf(phi.peak_prime)
    expected = mpmath.mpf(phi.peak_prime) * factor**1999  # ∂C/∂a_L = 1 by the default target
    assert e.beyond_float64 == "underflow" and abs(e.backprop_first) < 2.3e-308
    assert mpmath.almosteq(e.gradient_value, expected, rel_eps=1e-12)
    assert np.isnan(e.backprop_first_error) and e.backprop_max_ratio_error < 1e-12
    assert e.confirmed


def test_a_table_of_ratios_beyond_float64_is_refused_naming_the_deepest_it_can_show():
    from analytic.theory.explosion import explosion_ratios

    with pytest.raises(ValueError, match="use a depth of at most 115"):
        explosion_ratios(0.01, 200)  # 0.0025^200 = 1e-520
    assert explosion_ratios(0.01, 115).backprop[-1] == pytest.approx(0.0025**115, rel=1e-9)
