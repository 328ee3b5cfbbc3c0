"""Every registered cost: NumPy value and dC/da agree with SymPy; the output delta is right."""

import numpy as np
import pytest
import sympy as sp

from analytic.core.activations import get_activation
from analytic.core.costs import COSTS, get_cost

A, Y = sp.symbols("a y", real=True)
a_grid = np.linspace(0.01, 0.99, 41)
y_grid = np.linspace(0.0, 1.0, 41)


@pytest.mark.parametrize("name", sorted(COSTS))
def test_numpy_cost_and_gradient_agree_with_sympy(name):
    cost = get_cost(name)
    value = sp.lambdify((A, Y), cost.sympy(A, Y), "numpy")
    grad = sp.lambdify((A, Y), sp.diff(cost.sympy(A, Y), A), "numpy")
    a, y = np.meshgrid(a_grid, y_grid)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.testing.assert_allclose(cost.value(a, y), np.nan_to_num(value(a, y)), rtol=1e-12)
    np.testing.assert_allclose(cost.grad(a, y), grad(a, y), rtol=1e-12)


@pytest.mark.parametrize("cost_name", sorted(COSTS))
@pytest.mark.parametrize("act_name", ["sigmoid", "tanh"])
def test_output_delta_equals_finite_difference_of_cost_in_z(cost_name, act_name):
    cost, act = get_cost(cost_name), get_activation(act_name)
    z = np.linspace(0.05, 2.5, 9)
    y = np.full_like(z, 0.3)
    h = 1e-6
    fd = (cost.value(act.f(z + h), y) - cost.value(act.f(z - h), y)) / (2 * h)
    np.testing.assert_allclose(cost.output_delta(z, act.f(z), y, act), fd, rtol=1e-6)


def test_cross_entropy_with_sigmoid_output_stays_finite_when_a_rounds_to_one():
    cost, sig = get_cost("cross-entropy"), get_activation("sigmoid")
    z = np.array([40.0, 800.0])
    delta = cost.output_delta(z, sig.f(z), np.array([0.0, 1.0]), sig)
    np.testing.assert_allclose(delta, [1.0, 0.0], atol=1e-15)


def test_unknown_cost_raises_value_error_listing_the_choices():
    with pytest.raises(ValueError, match="quadratic, cross-entropy"):
        get_cost("hinge")


def test_cross_entropy_from_z_is_exact_where_the_sigmoid_output_rounds_to_0_or_1():
    # reference: -(y log a + (1 - y) log(1 - a)) with a = sigma(z) in 400-digit mpmath (1 - a
    # at z = 800 is 1e-348)
    import mpmath
    cost, sig = get_cost("cross-entropy"), get_activation("sigmoid")
    z = np.array([-800.0, -40.0, -3.0, 0.0, 0.7, 40.0, 800.0])
    y = np.array([0.0, 1.0, 0.3, 1.0, 0.0, 0.0, 1.0])
    with mpmath.workdps(400):
        def exact(zi, yi):
            a = 1 / (1 + mpmath.exp(-mpmath.mpf(zi)))
            return float(-(yi * mpmath.log(a) + (1 - yi) * mpmath.log(1 - a)))
        reference = [exact(zi, yi) for zi, yi in zip(z, y)]
    np.testing.assert_allclose(cost.output_value(z, sig.f(z), y, sig), reference, rtol=1e-14,
                               atol=1e-300)
    # away from the tails it is the cost of a itself
    middle = slice(2, 5)
    np.testing.assert_allclose(cost.output_value(z, sig.f(z), y, sig)[middle],
                               cost.value(sig.f(z[middle]), y[middle]), rtol=1e-14)
