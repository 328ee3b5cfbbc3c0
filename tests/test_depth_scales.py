"""Depth scales and the order–chaos line against independent references: Gauss–Hermite
quadrature (a different rule from meanfield's composite Gauss–Legendre one), mpmath, iterating
the maps themselves, wide random networks, and the closed forms (relu's χ₁ = σ_w²/2,
χ_c = χ₁ where c* = 1, tanh's critical σ_w² = 1 at σ_b = 0)."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from analytic.core.activations import get_activation, leaky_relu, relu, tanh
from analytic.theory.depth_scales import (
    bivariate_expectation,
    critical_sigma_w2,
    depth_scale_curve,
    depth_scales,
)
from analytic.theory.phase_diagram import edge_of_chaos

#: Gauss–Hermite nodes for the weight e^{−x²/2}, normalised to the standard normal density
#: (250: with 160 the rule is still 3e-11 off mpmath for tanh at q = 2.2, c = 0.95; 400 overflows).
_X, _W = np.polynomial.hermite_e.hermegauss(250)
_W = _W / math.sqrt(2 * math.pi)


def gh(g, q):
    """E[g(√q z)] by Gauss–Hermite."""
    return float(_W @ g(math.sqrt(q) * _X))


def gh2(f, g, q, c):
    """E[f(u₁) g(u₂)] by a Gauss–Hermite product rule."""
    u1 = math.sqrt(q) * _X[:, None]
    u2 = math.sqrt(q) * (c * _X[:, None] + math.sqrt(1 - c * c) * _X[None, :])
    return float(_W @ (f(u1) * g(u2)) @ _W)


def gh_correlation_map(sigma_w2, sigma_b2, q, c):
    return (sigma_w2 * gh2(np.tanh, np.tanh, q, c) + sigma_b2) / q


def sech2(u):
    return 1 / np.cosh(u) ** 2


@pytest.mark.parametrize("q, c", [(0.5, 0.2), (1.3, 0.6), (2.2, 0.95), (0.8, 1.0)])
def test_the_bivariate_expectation_matches_a_gauss_hermite_product_rule_to_1e_11(q, c):
    for f, g in ((np.tanh, np.tanh), (sech2, sech2), (np.tanh, sech2)):
        # the Gauss–Hermite rule's own error is ~1e-12 here (it converges slowly for sech²)
        assert bivariate_expectation(f, g, q, c) == pytest.approx(gh2(f, g, q, c), abs=1e-11)


_erf = np.frompyfunc(math.erf, 1, 1)


@pytest.mark.parametrize("q, c", [(0.3, 0.4), (2.0, 0.9), (40.0, 0.7)])
def test_the_bivariate_expectation_of_erf_is_williams_arcsine_kernel_to_1e_12(q, c):
    # Williams (1997): E[erf(u₁) erf(u₂)] = (2/π) arcsin(2qc / (1 + 2q)), exactly
    def erf(u):
        return _erf(u).astype(float)

    exact = 2 / math.pi * math.asin(2 * q * c / (1 + 2 * q))
    assert bivariate_expectation(erf, erf, q, c) == pytest.approx(exact, abs=1e-12)


@pytest.mark.parametrize("sigma_w2", [2.0, 2.5, 4.0])
def test_the_chaotic_c_star_is_a_fixed_point_of_the_gauss_hermite_map_and_chi_c_its_slope(
        sigma_w2):
    d = depth_scales(tanh(), sigma_w2, 0.05)
    assert d.phase == "chaotic" and 0 < d.c_star < 1
    assert gh_correlation_map(sigma_w2, 0.05, d.q_star, d.c_star) == pytest.approx(
        d.c_star, abs=1e-11)
    h = 1e-4  # central differences: error ~h² × the map's third derivative, below 1e-7
    slope = (gh_correlation_map(sigma_w2, 0.05, d.q_star, d.c_star + h)
             - gh_correlation_map(sigma_w2, 0.05, d.q_star, d.c_star - h)) / (2 * h)
    assert d.chi_c == pytest.approx(slope, abs=1e-7)
    assert d.xi_c == pytest.approx(-1 / math.log(d.chi_c), rel=1e-15)


@pytest.mark.parametrize("sigma_w2", [1.2, 3.0])
def test_iterating_the_correlation_map_closes_in_on_c_star_by_chi_c_per_layer(sigma_w2):
    # the definition of ξ_c: |c^l − c*| ~ e^{−l/ξ_c}; the map iterated by Gauss–Hermite
    d = depth_scales(tanh(), sigma_w2, 0.05)
    c = d.c_star - 1e-3 if d.c_star < 1 else 1 - 1e-4
    gaps = []
    for _ in range(6):
        c = gh_correlation_map(sigma_w2, 0.05, d.q_star, c)
        gaps.append(abs(c - d.c_star))
    ratio = gaps[-1] / gaps[-2]
    # the gap is still ~1e-4 after six layers: its second-order part moves the ratio by ~1e-3
    assert ratio == pytest.approx(d.chi_c, abs=2e-3)
    assert -1 / math.log(ratio) == pytest.approx(d.xi_c, rel=0.05)


@pytest.mark.parametrize("sigma_w2, sigma_b2", [(1.0, 0.05), (2.5, 0.05), (1.5, 0.3)])
def test_xi_q_is_the_variance_maps_slope_in_the_papers_form_by_mpmath(sigma_w2, sigma_b2):
    d = depth_scales(tanh(), sigma_w2, sigma_b2)
    q = d.q_star
    with mpmath.workdps(25):
        def mean(g):
            return mpmath.quad(lambda z: g(mpmath.sqrt(q) * z) * mpmath.npdf(z),
                               [-mpmath.inf, -4, 0, 4, mpmath.inf])

        # χ₁ + σ_w² E[φ″ φ], with tanh″ = −2 tanh sech²
        slope = sigma_w2 * (mean(lambda u: mpmath.sech(u) ** 4)
                            - 2 * mean(lambda u: mpmath.tanh(u) ** 2 * mpmath.sech(u) ** 2))
    assert d.chi_q == pytest.approx(float(slope), abs=1e-12)
    assert d.xi_q == pytest.approx(-1 / math.log(float(slope)), rel=1e-10)


def test_iterating_the_variance_map_closes_in_on_q_star_by_chi_q_per_layer():
    d = depth_scales(tanh(), 2.5, 0.05)
    q, gaps = d.q_star + 1e-3, []
    for _ in range(5):
        q = 2.5 * gh(lambda u: np.tanh(u) ** 2, q) + 0.05
        gaps.append(q - d.q_star)
    assert gaps[-1] / gaps[-2] == pytest.approx(d.chi_q, abs=2e-4)


def test_in_the_ordered_phase_c_star_is_1_and_chi_c_is_chi_1():
    d = depth_scales(tanh(), 1.0, 0.05)
    assert d.phase == "ordered" and d.c_star == 1.0
    # χ₁ = σ_w² E[sech⁴(√q* z)] by Gauss–Hermite
    assert d.chi_c == d.chi1 == pytest.approx(gh(lambda u: sech2(u) ** 2, d.q_star), abs=1e-12)


@pytest.mark.parametrize("phi", [relu(), leaky_relu(0.2)])
def test_rectifiers_have_the_closed_forms_and_no_fixed_point_past_the_line(phi):
    alpha = phi.negative_slope
    critical = 2 / (1 + alpha**2)
    assert critical_sigma_w2(phi, [0.0, 0.7]) == pytest.approx([critical] * 2, rel=1e-15)
    below = depth_scales(phi, 0.8 * critical, 0.1)
    assert below.chi1 == pytest.approx(0.8, rel=1e-14) and below.c_star == 1.0
    assert below.xi_c == pytest.approx(-1 / math.log(0.8), rel=1e-12)
    assert below.xi_q == below.xi_c  # the variance map is linear: its slope is χ₁
    beyond = depth_scales(phi, 1.2 * critical, 0.1)
    assert beyond.q_star is None and beyond.xi_c is None and "unbounded" in beyond.reasons["xi_c"]


def test_tanh_without_bias_turns_chaotic_at_sigma_w2_1():
    # χ₁ − 1 is second order in σ_w² − 1 there (q* grows from 0), so the crossing is found to
    # ~√(1e-13), the fixed point's tolerance
    assert critical_sigma_w2(tanh(), [0.0])[0] == pytest.approx(1.0, abs=1e-6)


def test_the_line_agrees_with_meanfields_curve_parametrised_by_q_star_and_mpmath():
    sigma_ws, sigma_bs = edge_of_chaos(tanh(), [0.1, 0.5, 2.0])
    found = critical_sigma_w2(tanh(), sigma_bs**2)
    assert found == pytest.approx(sigma_ws**2, rel=1e-9)
    (sw2,) = critical_sigma_w2(tanh(), [0.05])
    d = depth_scales(tanh(), sw2, 0.05)
    with mpmath.workdps(25):
        chi1 = sw2 * mpmath.quad(lambda z: mpmath.sech(mpmath.sqrt(d.q_star) * z) ** 4
                                 * mpmath.npdf(z), [-mpmath.inf, 0, mpmath.inf])
    assert float(chi1) == pytest.approx(1.0, abs=1e-9)


def test_xi_c_diverges_at_the_line_from_both_sides_and_xi_q_stays_finite():
    (critical,) = critical_sigma_w2(tanh(), [0.05])
    curve = depth_scale_curve(tanh(), 0.05, [critical * f for f in (0.9, 0.99, 1.0, 1.01, 1.1)])
    xi_c, xi_q = curve.values("xi_c"), curve.values("xi_q")
    assert xi_c[0] < xi_c[1] < xi_c[2] == math.inf and xi_c[2] > xi_c[3] > xi_c[4]
    assert np.all(np.isfinite(xi_q)) and np.all(xi_q < 3)
    assert curve.points[2].phase == "critical" and curve.points[2].reasons["xi_c"]


def test_wide_random_networks_decorrelate_two_inputs_to_c_star_in_the_chaotic_phase():
    sigma_w2, sigma_b2, n = 2.5, 0.05, 1000
    d = depth_scales(tanh(), sigma_w2, sigma_b2)
    rng = np.random.default_rng(11)
    # two independent inputs (c⁰ = 0) with q⁰ = q*: the biases correlate them, towards c*
    x, y = rng.standard_normal((2, n))
    assert 0.1 < _correlation_after(np.stack([x, y]) * math.sqrt(d.q_star), 10, rng, n) < d.c_star
    # two inputs at c* stay there (a fixed point)
    x = rng.standard_normal(n)
    y = d.c_star * x + math.sqrt(1 - d.c_star**2) * rng.standard_normal(n)
    found = [_correlation_after(np.stack([x, y]) * math.sqrt(d.q_star), k, rng, n)
             for k in (10, 10, 10)]
    # finite width: each network's correlation is off by ~1/√n; their mean by less
    assert np.mean(found) == pytest.approx(d.c_star, abs=0.02)


def _correlation_after(z, layers, rng, n, sigma_w2=2.5, sigma_b2=0.05):
    # the correlation of two weighted inputs after ``layers`` tanh layers of a wide random net
    for _ in range(layers):
        w = rng.standard_normal((n, n)) * math.sqrt(sigma_w2 / n)
        z = np.tanh(z) @ w.T + rng.standard_normal(n) * math.sqrt(sigma_b2)
    return z[0] @ z[1] / math.sqrt((z[0] @ z[0]) * (z[1] @ z[1]))


def test_the_module_works_for_any_activation_with_a_fixed_point():
    for name in ("sigmoid", "gelu", "softplus", "elu"):
        d = depth_scales(get_activation(name), 1.5, 0.1)
        assert d.q_star is not None and math.isfinite(d.xi_q)
        assert d.xi_c is None or d.xi_c > 0


@pytest.mark.parametrize("sigma_w2, sigma_b2", [(0.0, 0.1), (-1.0, 0.1), (math.nan, 0.1),
                                                (1.0, -0.1), (math.inf, 0.0)])
def test_bad_variances_are_refused(sigma_w2, sigma_b2):
    with pytest.raises(ValueError):
        depth_scales(tanh(), sigma_w2, sigma_b2)


def test_the_published_numbers_as_plain_functions():
    from analytic.theory.depth_scales import (
        relu_critical_sigma_w2,
        tanh_critical_sigma_w2,
        tanh_critical_sigma_w2_without_bias,
    )

    assert relu_critical_sigma_w2() == 2.0  # closed form
    assert tanh_critical_sigma_w2_without_bias() == pytest.approx(1.0, abs=1e-6)
    # the paper's σ_b² = 0.05: the critical point its maps show near σ_w² ≈ 1.76
    assert tanh_critical_sigma_w2() == pytest.approx(1.76, abs=0.005)
