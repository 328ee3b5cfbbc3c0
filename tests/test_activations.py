"""Every registered activation: its NumPy forms agree with its SymPy expression."""

import warnings

import mpmath
import numpy as np
import pytest
import sympy as sp
from mp_reference import mp_function

from analytic.core.activations import ACTIVATIONS, get_activation

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
        both = act.value_and_prime(z)
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(primes))
    np.testing.assert_array_equal(both[0], values)
    np.testing.assert_array_equal(both[1], primes)


def test_sigmoid_keeps_full_relative_precision_in_both_tails():
    sig = get_activation("sigmoid")
    z = np.array([-700.0, -40.0, 40.0, 700.0])
    with mpmath.workdps(50):
        exact = [float(1 / (1 + mpmath.exp(-mpmath.mpf(v)))) for v in z]
        tails = [mpmath.exp(-abs(mpmath.mpf(v))) for v in z]
        exact_prime = [float(t / (1 + t) ** 2) for t in tails]
    np.testing.assert_allclose(sig.f(z), exact, rtol=1e-14)
    np.testing.assert_allclose(sig.prime(z), exact_prime, rtol=1e-13)
    assert sig.f(np.array([1000.0]))[0] == 1.0 and sig.f(np.array([-1000.0]))[0] == 0.0


def test_sigmoid_and_its_derivative_are_within_two_ulp_of_mpmath_across_both_tails():
    # from -708 to 708 sigma runs from 3e-308 to 1 and sigma' from 3e-308 to 1/4, all normal
    # numbers: both must keep full relative precision (sigma (1 - sigma) would lose it all on
    # the right); the forms the backward pass uses together must be the same numbers
    sig = get_activation("sigmoid")
    z = np.concatenate([np.linspace(-708, 708, 709), np.linspace(-40, 40, 161)])
    value, prime = sig.value_and_prime(z)
    with mpmath.workdps(40):
        e = [mpmath.exp(-mpmath.mpf(v)) for v in z]
        exact = np.array([float(1 / (1 + t)) for t in e])
        exact_prime = np.array([float(t / (1 + t) ** 2) for t in e])
    eps = np.finfo(float).eps
    np.testing.assert_allclose(value, exact, rtol=2 * eps, atol=0)
    np.testing.assert_allclose(prime, exact_prime, rtol=2 * eps, atol=0)
    np.testing.assert_array_equal(value, sig.f(z))
    np.testing.assert_array_equal(prime, sig.prime(z))


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


@pytest.mark.parametrize("name", NAMES)
def test_value_and_prime_together_are_f_and_prime_to_the_last_bit(name):
    act = get_activation(name)
    z = np.concatenate([GRID, [-1000.0, -745.0, 0.0, 745.0, 1000.0]])
    value, prime = act.value_and_prime(z)
    np.testing.assert_array_equal(value, act.f(z))
    np.testing.assert_array_equal(prime, act.prime(z))


def test_prelu_learns_its_slope_rrelu_draws_it_and_only_sigmoid_and_tanh_saturate():
    facts = {name: (get_activation(name).slope_learned, get_activation(name).slope_band,
                    get_activation(name).saturation) for name in NAMES}
    assert facts["prelu"] == (True, None, None)
    assert facts["rrelu"] == (False, (1 / 8, 1 / 3), None)
    # within 2 % of the range of either end: the one band every experiment counts by
    assert facts["sigmoid"][2] == (0.02, 0.98) and facts["tanh"][2] == (-0.96, 0.96)
    others = set(NAMES) - {"prelu", "rrelu", "sigmoid", "tanh"}
    assert all(facts[name] == (False, None, None) for name in others)
