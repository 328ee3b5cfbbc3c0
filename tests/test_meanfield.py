"""Mean-field χ_1 against mpmath quadrature, Monte Carlo, closed forms and wide networks."""

import math

import mpmath
import numpy as np
import pytest

from analytic.core.activations import get_activation, relu, sigmoid, tanh
from analytic.theory.meanfield import chi, critical_sigma_w, fixed_point, gaussian_expectation
from analytic.theory.phase_diagram import edge_of_chaos, phase_diagram
from analytic.theory.prediction import measure_ratios, predict


def _mp_expectation(g, q):
    # independent reference: tanh-sinh quadrature in u = √q z, split where g changes fastest
    density = lambda u: mpmath.npdf(u, 0, mpmath.sqrt(q))  # noqa: E731
    return mpmath.quad(lambda u: g(u) * density(u), [-mpmath.inf, -20, -2, 0, 2, 20, mpmath.inf])


@pytest.mark.parametrize("q", [1e-3, 0.7, 3.0, 40.0, 2500.0])
def test_gaussian_expectations_match_mpmath_quadrature_to_1e_10(q):
    cases = [
        (lambda u: np.tanh(u) ** 2, lambda u: mpmath.tanh(u) ** 2),
        (lambda u: 1 / np.cosh(np.clip(u, -150, 150)) ** 4, lambda u: mpmath.sech(u) ** 4),
        (lambda u: sigmoid().prime(u) ** 2,
         lambda u: (mpmath.exp(-u) / (1 + mpmath.exp(-u)) ** 2) ** 2),
    ]
    with mpmath.workdps(25):
        for numeric, reference in cases:
            assert gaussian_expectation(numeric, q) == pytest.approx(
                float(_mp_expectation(reference, q)), abs=1e-10
            )


@pytest.mark.parametrize(
    "activation, sigma_w, sigma_b", [("tanh", 1.5, 0.5), ("sigmoid", 1.0, 1.0), ("tanh", 3.0, 1.0)]
)
def test_q_star_and_chi1_match_monte_carlo_within_five_standard_errors(
    activation, sigma_w, sigma_b
):
    phi = get_activation(activation)
    z = np.random.default_rng(7).standard_normal(200_000)
    q = 1.0
    for _ in range(60):  # plain iteration of the Monte Carlo variance map
        q = sigma_w**2 * np.mean(phi.f(math.sqrt(q) * z) ** 2) + sigma_b**2
    samples = sigma_w**2 * phi.prime(math.sqrt(q) * z) ** 2
    m = chi(phi, sigma_w, sigma_b)
    assert m.q_star == pytest.approx(q, rel=5e-3)  # q is a mean over the same 2e5 samples
    se = samples.std() / math.sqrt(len(z))
    # q's own sampling error moves the MC χ_1 too: allow for it with a 2e-3 relative margin
    assert abs(m.chi1 - samples.mean()) <= 5 * se + 2e-3 * m.chi1


def test_q_star_is_a_fixed_point_of_the_map_evaluated_by_mpmath():
    sigma_w, sigma_b = 1.7, 0.4
    q = chi(tanh(), sigma_w, sigma_b).q_star
    with mpmath.workdps(25):
        mapped = sigma_w**2 * _mp_expectation(lambda u: mpmath.tanh(u) ** 2, q) + sigma_b**2
    assert float(mapped) == pytest.approx(q, abs=1e-12)


@pytest.mark.parametrize("sigma_w, sigma_b", [(1.0, 0.0), (1.2, 0.3), (0.5, 2.0), (1.4, 0.0)])
def test_relu_chi1_is_half_sigma_w_squared_and_q_star_solves_the_linear_map(sigma_w, sigma_b):
    m = chi(relu(), sigma_w, sigma_b)
    assert m.chi1 == pytest.approx(sigma_w**2 / 2, rel=1e-15)
    with mpmath.workdps(25):  # E[relu(√q z)²] = q/2, checked by quadrature at q = 1
        half = _mp_expectation(lambda u: max(u, 0) ** 2, 1.0)
    assert float(half) == pytest.approx(0.5, abs=1e-15)
    assert m.q_star == pytest.approx(sigma_w**2 * m.q_star / 2 + sigma_b**2, rel=1e-12)


def test_relu_variance_diverges_when_sigma_w_squared_exceeds_two():
    assert math.isinf(chi(relu(), 1.5, 0.1).q_star) and chi(relu(), 1.5, 0.1).chi1 == 1.125


@pytest.mark.parametrize("sigma_w", [0.3, 0.8, 1.0])
def test_tanh_without_bias_has_q_star_zero_and_chi1_sigma_w_squared_up_to_sigma_w_one(sigma_w):
    m = chi(tanh(), sigma_w, 0.0)
    assert m.q_star == 0.0
    assert m.chi1 == pytest.approx(sigma_w**2, abs=1e-8)


def test_tanh_without_bias_above_sigma_w_one_finds_the_stable_nonzero_fixed_point():
    q = fixed_point(tanh(), 1.2, 0.0)
    assert q > 0.1
    assert chi(tanh(), 1.2, 0.0).chi1 > 1  # σ_b = 0, σ_w > 1 is on the exploding side


@pytest.fixture(scope="module")
def tanh_phase_diagram():
    return phase_diagram(tanh())


@pytest.mark.parametrize("sigma_w, sigma_b", [(0.5, 2.0), (1.5, 0.5), (2.7, 1.3), (4.0, 0.1)])
def test_phase_diagram_entries_are_fixed_points_and_chi1_by_mpmath(
    tanh_phase_diagram, sigma_w, sigma_b
):
    # every entry of the grid at once, checked entry by entry against mpmath's quadrature
    d = tanh_phase_diagram
    col, row = np.argmin(abs(d.sigma_ws - sigma_w)), np.argmin(abs(d.sigma_bs - sigma_b))
    sw, sb, q = d.sigma_ws[col], d.sigma_bs[row], d.q_star[row, col]
    with mpmath.workdps(25):
        mapped = sw**2 * _mp_expectation(lambda u: mpmath.tanh(u) ** 2, q) + sb**2
        chi1 = sw**2 * _mp_expectation(lambda u: mpmath.sech(u) ** 4, q)
    assert float(mapped) == pytest.approx(q, abs=1e-12, rel=1e-12)
    assert d.chi1[row, col] == pytest.approx(float(chi1), rel=1e-12)


def test_phase_diagram_row_without_bias_decays_to_0_up_to_sigma_w_1_and_not_after(
    tanh_phase_diagram,
):
    d = tanh_phase_diagram
    ordered = d.sigma_ws <= 1.0 + 1e-12
    assert np.all(d.q_star[0, ordered] == 0.0) and np.all(d.q_star[0, ~ordered] > 0.0)
    # at q* = 0, χ_1 = σ_w² tanh′(0)² = σ_w²
    assert d.chi1[0, ordered] == pytest.approx(d.sigma_ws[ordered] ** 2, rel=1e-12)


def test_points_on_the_edge_of_chaos_curve_have_chi1_one():
    sigma_ws, sigma_bs = edge_of_chaos(tanh(), [0.05, 0.5, 2.0, 10.0])
    for sw, sb in zip(sigma_ws, sigma_bs):
        assert chi(tanh(), sw, sb).chi1 == pytest.approx(1.0, abs=1e-8)


@pytest.mark.parametrize(
    "activation, sigma_w, sigma_b",
    [("sigmoid", 1.0, 1.0), ("tanh", 1.5, 0.5), ("relu", 1.2, 0.3), ("tanh", 3.0, 1.0)],
)
def test_predicted_factor_matches_wide_random_networks_within_two_percent(
    activation, sigma_w, sigma_b
):
    phi = get_activation(activation)
    m = chi(phi, sigma_w, sigma_b)
    rng = np.random.default_rng(3)
    width = 500
    # inputs with q^1 = q*, and targets far from the outputs so that δ^L is a zero-mean random
    # vector, as the theory assumes (with y near the outputs, relu's positive outputs give δ^L
    # a mean that the next layers' masks reinforce: ratios run 5-14% above √χ_1)
    x = rng.normal(0, math.sqrt((m.q_star - sigma_b**2) / sigma_w**2), (64, width))
    y = rng.normal(0, 1e3, (64, width))
    found = measure_ratios([width] * 6, phi, sigma_w, sigma_b, x, y, 3, rng)
    # 15 ratios with a spread of ~1.3% each: 2% is about five standard errors of their mean
    assert np.mean(found.rms) == pytest.approx(m.per_layer_factor, rel=0.02)


def test_prediction_reports_relative_differences_and_rejects_bad_ratios():
    p = predict([0.2, 0.25], sigmoid(), 1.0, 1.0)
    f = p.mean_field.per_layer_factor
    assert p.relative_differences == pytest.approx([0.2 / f - 1, 0.25 / f - 1])
    with pytest.raises(ValueError):
        predict([0.2, -1.0])


def test_bad_sigmas_are_rejected():
    with pytest.raises(ValueError):
        chi(tanh(), 0.0, 1.0)
    with pytest.raises(ValueError):
        chi(tanh(), 1.0, -1.0)


def test_layerwise_factors_follow_wide_networks_that_start_away_from_q_star():
    from analytic.theory.prediction import layerwise_factors

    sigma_w, sigma_b, q1, width = 2.5, 0.3, 9.0, 500
    rng = np.random.default_rng(5)
    x = rng.normal(0, math.sqrt((q1 - sigma_b**2) / sigma_w**2), (64, width))
    y = rng.normal(0, 1e3, (64, width))
    found = measure_ratios([width] * 6, tanh(), sigma_w, sigma_b, x, y, 3, rng)
    predicted = layerwise_factors(tanh(), q1, sigma_w, sigma_b, found.rms.shape[1] + 1)
    # per layer: the mean of 3 ratios with a spread of ~1.3% each; 3% is about four of their
    # standard errors
    assert np.mean(found.rms, axis=0) == pytest.approx(predicted, rel=0.03)
    # and far from the input the layer-by-layer factor settles at √χ_1
    deep = layerwise_factors(tanh(), q1, sigma_w, sigma_b, 60)
    assert deep[-1] == pytest.approx(chi(tanh(), sigma_w, sigma_b).per_layer_factor, rel=1e-9)


@pytest.mark.parametrize("name", ["elu", "gelu", "silu", "softplus"])
def test_chi1_where_q_grows_without_bound_is_its_limit_for_every_smooth_rectifier(name):
    # each φ′ tends to 1 above 0 and to 0 below, so E[φ′(√q z)²] -> 1/2 as q -> ∞ (half the
    # normal's mass on each side); the quadrature at q = 10^8 is within 10^-3 of that limit
    phi = get_activation(name)
    m = chi(phi, 3.0, 0.0)
    assert m.q_star == math.inf
    assert m.chi1 == pytest.approx(9.0 / 2, rel=1e-12)
    assert 9.0 * gaussian_expectation(lambda u: phi.prime(u) ** 2, 1e8) == pytest.approx(
        m.chi1, rel=1e-3)


@pytest.mark.parametrize("activation, limit", [(sigmoid(), 0.5), (tanh(), 1.0)])
def test_a_bounded_activation_has_a_finite_fixed_point_at_any_weight_scale(activation, limit):
    # σ_w = 10^100: q* is huge but finite, σ_w² E[φ(√q z)²] with φ² a step of height `limit`
    # on one side (sigmoid) or both (tanh) at that scale: q* = σ_w² limit to rounding
    sigma_w = 1e100
    assert fixed_point(activation, sigma_w, 0.0) == pytest.approx(sigma_w**2 * limit, rel=1e-9)


# --- the critical weight scale -------------------------------------------------------------------
@pytest.mark.parametrize("sigma_b", [0.0, 1.0])
def test_the_critical_sigmoid_scale_makes_chi1_one_by_mpmath_and_lies_near_ten(sigma_b):
    # the reference: q* found again by mpmath's root finder on the map evaluated by mpmath
    # quadrature, and chi_1 = sigma_w^2 E[sigma'(sqrt(q*) z)^2] by mpmath at it
    sigma_w = critical_sigma_w(sigmoid(), sigma_b)
    s = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731
    with mpmath.workdps(25):
        q_star = mpmath.findroot(
            lambda q: sigma_w**2 * _mp_expectation(lambda u: s(u) ** 2, q) + sigma_b**2 - q,
            chi(sigmoid(), sigma_w, sigma_b).q_star)
        chi1 = sigma_w**2 * _mp_expectation(lambda u: (s(u) * (1 - s(u))) ** 2, q_star)
    assert float(chi1) == pytest.approx(1.0, abs=1e-9)
    assert 10.0 < sigma_w < 10.5  # "near sigma_w = 10": chi_1 ~ sigma_w / (6 sqrt(pi)) for large q


@pytest.mark.parametrize("slope", [0.0, 0.01, 0.25])
def test_the_critical_scale_of_a_rectifier_is_the_closed_form_sqrt_of_2_over_1_plus_slope_squared(
        slope):
    phi = get_activation(f"leaky_relu:{slope}") if slope else relu()
    assert critical_sigma_w(phi, 0.3) == pytest.approx(math.sqrt(2 / (1 + slope**2)), rel=1e-12)


def test_tanh_without_biases_is_critical_at_sigma_w_one():
    assert critical_sigma_w(tanh(), 0.0) == pytest.approx(1.0, rel=1e-9)
