"""Every registered activation: its NumPy forms agree with its SymPy expression."""

import warnings

import mpmath
import numpy as np
import pytest
import sympy as sp

from analytic.core.activations import ACTIVATIONS, get_activation
from mp_reference import mp_function

NAMES = sorted(ACTIVATIONS)
Z = sp.Symbol("z", real=True)
# a grid that avoids the kink at 0 of the piecewise-linear activations
GRID = np.concatenate([np.linspace(-30, -1e-3, 301), np.linspace(1e-3, 30, 301)])


def _reference(expr: sp.Expr, grid: np.ndarray) -> np.ndarray:
    # the SymPy expression in mpmath with 20 settled digits at every point: an independent
    # reference (GELU's 1 + erf(z/√2) cancels to ~1e-198 at z = -30, where it takes 240 digits)
    f = mp_function(expr, Z)
    return np.array([f(z) for z in grid])


@pytest.mark.parametrize("name", NAMES)
def test_numpy_value_agrees_with_sympy_expression_to_1e_12(name):
    act = get_activation(name)
    np.testing.assert_allclose(act.f(GRID), _reference(act.sympy(Z), GRID), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_numpy_derivative_agrees_with_sympy_derivative_to_1e_12(name):
    act = get_activation(name)
    np.testing.assert_allclose(
        act.prime(GRID), _reference(act.sympy_prime(Z), GRID), rtol=1e-12, atol=1e-300
    )


@pytest.mark.parametrize("name", NAMES)
def test_activation_is_finite_and_silent_at_z_of_plus_minus_1000(name):
    act = get_activation(name)
    z = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, primes = act.f(z), act.prime(z)
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(primes))


def test_sigmoid_keeps_full_relative_precision_in_both_tails():
    sig = get_activation("sigmoid")
    z = np.array([-700.0, -40.0, 40.0, 700.0])
    with mpmath.workdps(50):
        exact = [float(1 / (1 + mpmath.exp(-mpmath.mpf(v)))) for v in z]
        exact_prime = [float(mpmath.exp(-abs(mpmath.mpf(v))) / (1 + mpmath.exp(-abs(mpmath.mpf(v)))) ** 2) for v in z]
    np.testing.assert_allclose(sig.f(z), exact, rtol=1e-14)
    np.testing.assert_allclose(sig.prime(z), exact_prime, rtol=1e-13)
    assert sig.f(np.array([1000.0]))[0] == 1.0 and sig.f(np.array([-1000.0]))[0] == 0.0


def test_sigmoid_derivative_peaks_at_one_quarter_at_zero():
    sig = get_activation("sigmoid")
    assert sp.simplify(sig.sympy_prime(Z).subs(Z, 0) - sp.Rational(1, 4)) == 0
    assert float(sig.prime(np.array([0.0]))[0]) == 0.25


def test_leaky_relu_slope_parameter_sets_the_negative_side_derivative():
    act = get_activation("leaky_relu:slope=0.2")
    assert act.params == {"slope": 0.2}
    np.testing.assert_allclose(act.prime(np.array([-3.0, 2.0])), [0.2, 1.0], rtol=0)
    assert get_activation("leaky_relu:0.2").params == {"slope": 0.2}


@pytest.mark.parametrize(
    "spec", ["softmaxx", "leaky_relu:abc", "leaky_relu:1.5", "sigmoid:3", "leaky_relu:tilt=0.1"]
)
def test_bad_activation_specs_raise_value_error_naming_the_problem(spec):
    with pytest.raises(ValueError):
        get_activation(spec)
