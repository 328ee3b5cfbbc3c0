"""The rectifier variants and modern activations added for the figures, against references.

References: each activation's SymPy form (phi and SymPy's own derivative) evaluated in mpmath
with as many digits as it needs for 20 settled ones (GELU's 1 + erf(z / sqrt 2) cancels at
z = -30), and closed forms from the papers that introduced them.
"""

import math
import warnings

import numpy as np
import pytest
import sympy as sp
from mp_reference import mp_function

from analytic.chain.derive import derive_chain
from analytic.chain.verify import verify
from analytic.core.activations import ACTIVATIONS, get_activation

Z = sp.Symbol("z", real=True)
POINTS = [-1000.0, -30.0, -5.5, -1.3, -0.2, 0.3, 1.7, 4.0, 30.0, 1000.0]


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_numpy_forms_match_the_sympy_expression_and_its_derivative(name):
    a = get_activation(name)
    phi, phi_prime = mp_function(a.sympy(Z), Z), mp_function(a.sympy_prime(Z), Z)
    for z in POINTS:
        assert a.f(np.array([z]))[0] == pytest.approx(phi(z), rel=1e-12)
        assert a.prime(np.array([z]))[0] == pytest.approx(phi_prime(z), rel=1e-12)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_numpy_forms_raise_no_floating_point_warning_up_to_z_1000(name):
    a = get_activation(name)
    z = np.linspace(-1000, 1000, 2001)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        assert np.all(np.isfinite(a.f(z))) and np.all(np.isfinite(a.prime(z)))


def test_rrelu_uses_the_mean_of_its_slope_band_and_keeps_the_band():
    a = get_activation("rrelu:lower=0.1,upper=0.3")
    assert a.params == {"lower": 0.1, "upper": 0.3}
    assert a.f(np.array([-2.0]))[0] == pytest.approx(-2.0 * 0.2, rel=1e-15)
    assert a.prime(np.array([-2.0, 3.0])) == pytest.approx([0.2, 1.0], rel=1e-15)


def test_prelu_takes_its_learned_slope_as_parameter_a():
    assert get_activation("prelu").params["a"] == 0.25
    assert get_activation("prelu:0.5").f(np.array([-4.0]))[0] == pytest.approx(-2.0, rel=1e-15)


def test_swish_is_another_name_for_silu():
    z = np.linspace(-5, 5, 11)
    assert np.array_equal(get_activation("swish").f(z), get_activation("silu").f(z))


def test_gelu_derivative_peaks_at_sqrt_2_with_the_closed_form_value():
    # d2/dz2 z Phi(z) = phi(z) (2 - z^2) vanishes at z = sqrt(2)
    root2 = math.sqrt(2)
    peak = 0.5 * (1 + math.erf(1.0)) + root2 * math.exp(-1.0) / math.sqrt(2 * math.pi)
    z = np.linspace(0, 3, 30001)
    prime = get_activation("gelu").prime(z)
    assert z[np.argmax(prime)] == pytest.approx(root2, abs=1e-4)
    assert prime.max() == pytest.approx(peak, rel=1e-9)


def test_elu_is_continuous_with_slope_alpha_at_zero_from_the_left():
    a = get_activation("elu:alpha=2")
    h = 1e-7
    assert (a.f(np.array([0.0]))[0] - a.f(np.array([-h]))[0]) / h == pytest.approx(2.0, rel=1e-6)


@pytest.mark.parametrize("spec", ["prelu", "rrelu", "elu", "gelu", "silu", "softplus"])
def test_new_activations_pass_the_chain_derivation_checks(spec):
    assert verify(derive_chain(3, 1, get_activation(spec))).verified


@pytest.mark.parametrize("spec", ["prelu:nan", "rrelu:0.5,0.2", "elu:alpha=-1", "gelu:1"])
def test_bad_parameters_are_rejected_with_a_value_error(spec):
    with pytest.raises(ValueError):
        get_activation(spec)
