"""The Jacobian's singular values: the running product against finite differences and a direct
SVD, the free-probability moments against SymPy's expansion of the S-transforms and the
Fuss–Catalan numbers, the D² moments against closed forms and mpmath, the critical points
against mean-field theory, and a small fresh run against the prediction.

References, independent of the code they check: central finite differences of the forward
pass; numpy's SVD of that matrix; SymPy's series of S_JJᵀ = S_WᵀW^L S_D²^L (Pennington et al.
2017, eq. 12); the Fuss–Catalan moments of a product of L Gaussian matrices, m₂ = L + 1;
erf(1/√(2q)) for hard tanh's p; mpmath's quadrature; :func:`analytic.theory.meanfield.chi`.
"""

from __future__ import annotations

import json
import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from analytic.core.activations import get_activation
from analytic.experiments.ensemble import (
    critical_ensemble,
    default_ensembles,
    ensemble,
    layers,
    network_input,
)
from analytic.experiments.jacobian import (
    JacobianSpectra,
    jacobian_products,
    jacobian_spectra,
    singular_values,
)
from analytic.experiments.result import read
from analytic.present.figures import build_figure
from analytic.present.table import json_ready
from analytic.theory import meanfield, spectrum


# --- the running product -------------------------------------------------------------------------
def _forward(weights_and_biases, x0, phi):
    x = x0
    for w, b in weights_and_biases:
        x = phi.f(w @ x + b)
    return x


def _finite_difference_jacobian(weights_and_biases, x0, phi, step=1e-6):
    columns = []
    for k in range(len(x0)):
        e = np.zeros(len(x0))
        e[k] = step
        columns.append((_forward(weights_and_biases, x0 + e, phi)
                        - _forward(weights_and_biases, x0 - e, phi)) / (2 * step))
    return np.array(columns).T


@pytest.mark.parametrize("name", ["tanh", "hard_tanh", "relu", "sigmoid", "linear"])
@pytest.mark.parametrize("weights", ["gaussian", "orthogonal"])
def test_the_running_product_is_the_finite_difference_jacobian_and_its_singular_values(
        name, weights):
    # a width-7 network of depth 5 off the critical line (σ_w² = 1.69, σ_b² = 0.16): J from the
    # product of D^l W^l against central differences (error ~1e-9 for a step of 1e-6; a kink
    # of relu or hard tanh within 1e-6 of an h has probability ~1e-5), and its singular values
    # against numpy's SVD of the finite-difference matrix, the removed rows' zeros included
    phi = get_activation(name)
    e = ensemble(phi, weights, 1.69, 0.16)
    rng = np.random.default_rng(4)
    x0 = network_input(e, 7, rng)
    drawn = [next(iter(layers(e, 7, rng))) for _ in range(5)]
    products = {p.depth: p for p in jacobian_products(drawn, x0, phi, (2, 5))}
    for depth, p in products.items():
        reference = _finite_difference_jacobian(drawn[:depth], x0, phi)
        full = np.zeros((7, 7))
        full[p.rows] = p.jacobian
        np.testing.assert_allclose(full, reference, atol=1e-7)
        np.testing.assert_allclose(singular_values(p, 7),
                                   np.linalg.svd(reference, compute_uv=False), atol=1e-7)


def test_a_relu_jacobian_has_exactly_as_many_zero_singular_values_as_its_rank_leaves():
    # rank J ≤ the fewest units on in any layer; numpy's SVD of the full product (rows of 0
    # kept) puts those singular values at rounding level, the product sets them to 0 exactly
    e = critical_ensemble(get_activation("relu"), "gaussian")
    rng = np.random.default_rng(1)
    x0 = network_input(e, 40, rng)
    drawn = [next(iter(layers(e, 40, rng))) for _ in range(6)]
    (p,) = jacobian_products(drawn, x0, e.activation, (6,))
    values = singular_values(p, 40)
    full = np.zeros((40, 40))
    full[p.rows] = p.jacobian
    direct = np.linalg.svd(full, compute_uv=False)
    assert np.sum(values == 0) == 40 - p.rank > 0
    np.testing.assert_allclose(values[: p.rank], direct[: p.rank], rtol=1e-10)
    assert np.all(direct[p.rank:] < 1e-12 * direct[0])


# --- the prediction ------------------------------------------------------------------------------
def test_the_moments_are_sympys_expansion_of_the_product_of_s_transforms():
    # S_X(z) = (1/m1)(1 + (1 - m2/m1^2) z + O(z^2)) for any law X: with eq. 12,
    # S_JJ = (σ_w^-2 (1 + s1 z))^L (S_D2)^L, S_D2 from μ1, μ2; SymPy inverts χ(z) = z S(z)/(1+z)
    # to the moment series ψ(u) = m1 u + m2 u^2 + ..., for a symbolic depth L
    z, u, L, sw, mu1, mu2, s1 = sp.symbols("z u L sigma_w mu1 mu2 s1", positive=True)
    m1, m2 = sp.symbols("m1 m2")

    def s_transform(first, second):  # from the first two moments of a law
        chi = sp.series(sp.solve(sp.Eq(first * u + second * u**2, z), u)[0], z, 0, 3).removeO()
        return sp.series((1 + z) / z * chi, z, 0, 2).removeO()

    s_d2 = s_transform(mu1, mu2)
    s_jj = sp.series((sw**-2 * (1 + s1 * z)) ** L * s_d2**L, z, 0, 2).removeO()
    chi_jj = sp.expand(z * s_jj / (1 + z))
    psi = m1 * u + m2 * u**2
    composed = sp.series(chi_jj.subs(z, psi), u, 0, 3).removeO()
    solved = sp.solve([sp.Eq(composed.coeff(u, 1), 1), sp.Eq(composed.coeff(u, 2), 0)],
                      [m1, m2], dict=True)[0]
    for values in ({L: 7, sw: 1.3, mu1: 0.4, mu2: 0.3, s1: -1},
                   {L: 32, sw: 2**0.5, mu1: 0.5, mu2: 0.5, s1: 0}):
        p = spectrum.predicted_moments(values[L], values[sw], values[mu1], values[mu2],
                                       values[s1])
        assert float(solved[m1].subs(values)) == pytest.approx(p.m1, rel=1e-12)
        assert float(solved[m2].subs(values)) == pytest.approx(p.m2, rel=1e-12)


@pytest.mark.parametrize("depth", [1, 2, 8, 32])
def test_a_gaussian_linear_network_has_the_fuss_catalan_second_moment(depth):
    # the product of L Gaussian matrices: m_k = binom((L+1)k, k)/(Lk + 1), so m2 = L + 1
    fuss_catalan = math.comb(2 * (depth + 1), 2) / (2 * depth + 1)
    p = spectrum.predicted_moments(depth, 1.0, 1.0, 1.0, spectrum.s1("gaussian"))
    assert p.m2 == pytest.approx(fuss_catalan, rel=1e-14) and p.m1 == 1


@pytest.mark.parametrize("q", [0.01, 0.25, 1.0, 4.0])
def test_hard_tanhs_d_moments_are_the_share_of_units_in_their_linear_regime(q):
    # φ′ = 1 on |h| < 1: μ1 = μ2 = P(|h| < 1) = erf(1/√(2q)) for h ~ N(0, q)
    mu1, mu2 = spectrum.d_moments(get_activation("hard_tanh"), q)
    p = math.erf(1 / math.sqrt(2 * q))
    assert mu1 == pytest.approx(p, rel=1e-12) and mu2 == pytest.approx(p, rel=1e-12)


def test_tanhs_d_moments_agree_with_mpmath_quadrature():
    q = 0.25
    for k, value in zip((1, 2), spectrum.d_moments(get_activation("tanh"), q)):
        reference = mpmath.quad(lambda t: mpmath.sech(mpmath.sqrt(q) * t) ** (4 * k)
                                * mpmath.npdf(t), [-mpmath.inf, 0, mpmath.inf])
        assert value == pytest.approx(float(reference), rel=1e-10)


@pytest.mark.parametrize("name", ["relu", "hard_tanh", "tanh", "linear", "elu"])
def test_the_critical_point_has_chi1_equal_1_at_its_fixed_point(name):
    # mean-field theory asked from the other side: at (σ_w, σ_b) the variance map settles at
    # q* (for relu and linear, whose map keeps any q at χ1 = 1, only χ1 is asked)
    phi = get_activation(name)
    sigma_w, sigma_b = spectrum.critical_point(phi, 0.25)
    field = meanfield.chi(phi, sigma_w, sigma_b)
    assert field.chi1 == pytest.approx(1.0, abs=1e-9)
    if not spectrum.scale_free(phi):
        assert field.q_star == pytest.approx(0.25, rel=1e-8)


def test_the_sigmoid_has_no_critical_point_at_a_small_fixed_point_and_says_so():
    with pytest.raises(ValueError, match="sigmoid has no critical point with q\\* = 0.25"):
        critical_ensemble(get_activation("sigmoid"), "gaussian", 0.25)
    assert critical_ensemble(get_activation("sigmoid"), "gaussian", 64.0).chi1 == (
        pytest.approx(1.0, abs=1e-9))


# --- measured against predicted ------------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh():
    """The acceptance's three cases, small: width 128, depths 8, 16, 32, 6 networks."""
    cases = [critical_ensemble(get_activation("relu"), "gaussian"),
             critical_ensemble(get_activation("relu"), "orthogonal"),
             critical_ensemble(get_activation("hard_tanh"), "orthogonal")]
    return jacobian_spectra(cases, width=128, depths=(8, 16, 32), networks=6)


def test_relu_and_orthogonal_hard_tanh_moments_agree_with_free_probability_in_a_small_run(
        fresh):
    # each within its stated tolerance: 3 standard errors + (L/N)|prediction| + rounding
    for s in fresh.ensembles:
        for d in s.depths:
            for key, m in s.summaries(d).items():
                if key != "m2":
                    assert m.agrees, (s.ensemble.activation.name, s.ensemble.weights, d.depth,
                                      key, m)


def test_relu_cannot_be_isometric_and_orthogonal_hard_tanh_nearly_is(fresh):
    # σ²/m1² at depth 32: 2L Gaussian and L orthogonal ReLU, L(1 - p)/p = 1.5 hard tanh (q*
    # = 0.25): the orthogonal ReLU's spread is half the Gaussian's, and twenty times hard tanh's
    relu_g, relu_o, hard = (s.summaries(s.at(32))["normalised_variance"].mean
                            for s in fresh.ensembles)
    assert 0.4 < relu_o / relu_g < 0.6 and relu_o / hard > 15


def test_a_result_reads_back_from_its_json_to_the_last_bit(fresh):
    data = json.loads(json.dumps(json_ready(fresh.to_json())))
    again = read(data)
    assert isinstance(again, JacobianSpectra)
    assert json_ready(again.to_json()) == data


def test_the_spectra_figure_draws_each_resolved_singular_valuess_share(fresh):
    # the stairs of each panel are numpy's histogram of the resolved values, over all values
    fig = build_figure("jacobian_spectra", fresh)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 3
    for ax, s in zip(panels, fresh.ensembles):
        for stairs, depth in zip(ax.patches, (8, 32)):
            d = s.at(depth)
            edges = stairs.get_data().edges
            counts, _ = np.histogram(d.values[d.resolved], bins=edges)
            np.testing.assert_array_equal(stairs.get_data().values, counts / d.values.size)


# --- refusals ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, message", [
    ({"width": 0}, "width"), ({"depths": (0,)}, "depth"), ({"networks": 0}, "networks"),
    ({"depths": (1001,)}, "depth")])
def test_bad_sizes_are_refused_before_anything_is_drawn(kwargs, message):
    args = {"ensembles": default_ensembles(), "width": 4, "depths": (2,), "networks": 1}
    with pytest.raises(ValueError, match=message):
        jacobian_spectra(**{**args, **kwargs})


def test_moments_beyond_float64s_range_and_unknown_weights_are_refused():
    far = ensemble(get_activation("relu"), "gaussian", 100.0, 0.0)
    with pytest.raises(ValueError, match="beyond float64's range"):
        jacobian_spectra([far], width=4, depths=(200,), networks=1)
    with pytest.raises(ValueError, match="unknown weights"):
        critical_ensemble(get_activation("relu"), "uniform")


def test_the_published_cases_are_computed_for_a_given_size_beside_the_papers_formulas():
    # for `analytic reproduce`: Pennington et al.'s σ² = L/p (Gaussian) and L(1 - p)/p
    # (orthogonal) at χ1 = 1, p = 1/2 for ReLU and erf(1/√(2q*)) for hard tanh
    from analytic.experiments.jacobian import published_moments

    out = published_moments(width=48, depths=(8,), networks=2)
    p = math.erf(1 / math.sqrt(2 * 0.25))
    expected = {"relu-gaussian": 8 / 0.5, "relu-orthogonal": 8 * 0.5 / 0.5,
                "hard_tanh-orthogonal": 8 * (1 - p) / p}
    for name, nvar in expected.items():
        measured, predicted, tolerance = out[name][8]["normalised_variance"]
        assert predicted == pytest.approx(nvar, rel=1e-12)
        assert tolerance > 0 and measured > 0


def test_a_network_whose_jacobian_is_zero_has_no_variance_and_prints_no_nan():
    # width 1: a ReLU unit that is off makes J = 0, and σ²/m1² = 0/0 is left out, not NaN
    import warnings

    e = critical_ensemble(get_activation("relu"), "gaussian")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = jacobian_spectra([e], width=1, depths=(1, 4), networks=6)
    s = run.ensembles[0]
    assert np.any(np.all(s.at(4).values == 0, axis=1))  # the case arises in this run
    text = json.dumps(json_ready(run.to_json()), allow_nan=False)  # raises on NaN
    nvar = s.summaries(s.at(4))["normalised_variance"]
    assert nvar.mean is None or math.isfinite(nvar.mean)
    assert "NaN" not in text


def test_every_null_in_the_json_says_why():
    # one network: no standard error; width 1 with every unit off: no ratio and no median
    e = critical_ensemble(get_activation("relu"), "gaussian")
    for seed in range(20):
        run = jacobian_spectra([e], width=1, depths=(3,), networks=1, seed=seed)
        row = run.to_json()["ensembles"][0]["depths"][0]
        if row["median_nonzero"] is None:
            break
    assert row["median_nonzero"] is None and "every singular value is 0" in row["median_missing"]
    nvar = row["normalised_variance"]
    assert nvar["mean"] is None and "no network has J ≠ 0" in nvar["missing"]
    m1 = row["m1"]
    assert m1["mean"] == 0 and m1["se"] is None and "one network" in m1["missing"]

    def nulls(value):  # every null's dict carries a reason for it
        if isinstance(value, dict):
            for k, v in value.items():
                if v is None:
                    assert "missing" in value or k + "_missing" in value or (
                        k == "median_nonzero" and "median_missing" in value), (k, value)
                nulls(v)
        elif isinstance(value, list):
            for v in value:
                nulls(v)

    nulls(run.to_json())


@pytest.mark.parametrize("weights, rate", [("gaussian", 2.0), ("orthogonal", 1.0)])
def test_off_the_critical_line_m1_is_sigma_w_squared_p_to_the_depth(weights, rate):
    # closed forms for ReLU at any σ_w (σ_b = 0): m1 = (σ_w² p)^L with p = 1/2, σ²/m1² = L/p
    # (Gaussian) or L(1 - p)/p (orthogonal); 8 networks of width 160 at σ_w = 1.6 (χ1 = 1.28,
    # m1 = 7.2 at L = 8), within 3 standard errors + (L/N) of the closed form
    e = ensemble(get_activation("relu"), weights, 2.56, 0.0)
    s = jacobian_spectra([e], width=160, depths=(4, 8), networks=8, seed=3).ensembles[0]
    for d in s.depths:
        closed = {"m1": (1.6**2 / 2) ** d.depth, "normalised_variance": rate * d.depth}
        measured = {"m1": d.moments(1), "normalised_variance": d.normalised_variances}
        for key, value in closed.items():
            mean = np.mean(measured[key])
            se = np.std(measured[key], ddof=1) / math.sqrt(len(measured[key]))
            assert abs(mean - value) <= 3 * se + d.depth / 160 * value, (key, d.depth, mean)
