"""Weight schemes: each knows the variance it draws; normal:STD; biases of a chosen scale."""

import numpy as np
import pytest

from analytic.core.activations import relu
from analytic.core.initialisation import (
    INITIALISATIONS,
    gaussian,
    get_initialisation,
    he,
    initial_network,
    normal,
)


@pytest.mark.parametrize(
    "spec", ["gaussian", "scaled", "standard", "xavier", "he", "normal:0.01", "normal:3",
             "scaled:1.5", "orthogonal", "orthogonal:2"]
)
def test_each_scheme_states_the_variance_it_draws_within_two_percent(spec):
    scheme = get_initialisation(spec)
    w = scheme(400, 300, np.random.default_rng(1))
    # 120,000 draws: the sample variance is within 2% of the truth (about 5 standard errors)
    assert w.shape == (300, 400)
    assert w.var() == pytest.approx(scheme.variance(400, 300), rel=0.02)


def test_the_registered_schemes_state_their_textbook_variances():
    # the closed forms, written out independently of the registry
    n_in, n_out = 784, 100
    expected = {"gaussian": 1.0, "scaled": 1 / n_in, "standard": (1 / n_in) / 3,
                "xavier": (6 / (n_in + n_out)) / 3, "he": 2 / n_in}
    for name, variance in expected.items():
        assert INITIALISATIONS[name]().variance(n_in, n_out) == pytest.approx(variance, rel=1e-12)


def test_normal_with_a_standard_deviation_scales_the_same_draws_as_gaussian():
    a = get_initialisation("normal:0.01")(30, 20, np.random.default_rng(5))
    b = get_initialisation("gaussian")(30, 20, np.random.default_rng(5))
    np.testing.assert_allclose(a, 0.01 * b, rtol=1e-15)
    assert get_initialisation("normal:std=0.01").spec == "normal:0.01"


@pytest.mark.parametrize("spec, message", [
    ("normal", "normal:STD"), ("normal:-1", "the weight standard deviation must lie in"),
    ("normal:abc", "initialisation 'normal:abc'"), ("he:2", "choose from"),
])
def test_a_bad_scheme_is_refused_in_one_line(spec, message):
    with pytest.raises(ValueError, match=message):
        get_initialisation(spec)


def test_zero_bias_std_gives_zero_biases_and_the_same_weights():
    zero = initial_network([20, 10, 5], np.random.default_rng(3), he(), relu(), bias_std=0)
    unit = initial_network([20, 10, 5], np.random.default_rng(3), he(), relu())
    assert all(np.all(b == 0) for b in zero.biases)
    assert all(np.array_equal(w0, w1) for w0, w1 in zip(zero.weights, unit.weights))


def test_default_biases_are_standard_normals_drawn_after_the_weights():
    rng = np.random.default_rng(9)
    net = initial_network([6, 4, 3], np.random.default_rng(9), gaussian())
    # the documented order, drawn by hand: weights of layer 1, layer 2, then the biases
    w1, w2 = rng.standard_normal((4, 6)), rng.standard_normal((3, 4))
    b1, b2 = rng.standard_normal(4), rng.standard_normal(3)
    for got, expected in zip((*net.weights, *net.biases), (w1, w2, b1, b2)):
        np.testing.assert_array_equal(got, expected)


def test_scaled_biases_have_the_requested_standard_deviation():
    net = initial_network([2, 20_000, 1], np.random.default_rng(4), bias_std=0.5)
    assert net.biases[0].std() == pytest.approx(0.5, rel=0.03)  # ~6 standard errors
    with pytest.raises(ValueError, match="the bias standard deviation"):
        initial_network([2, 3, 1], np.random.default_rng(4), bias_std=-1)
    assert normal(2.0).variance(3, 4) == 4.0


def test_a_scaled_gain_multiplies_the_chapters_draws():
    plain = get_initialisation("scaled")(50, 20, np.random.default_rng(3))
    gained = get_initialisation("scaled:2.5")(50, 20, np.random.default_rng(3))
    np.testing.assert_allclose(gained, 2.5 * plain, rtol=1e-15)
    assert get_initialisation("scaled:2.5").variance(50, 20) == pytest.approx(2.5**2 / 50)


def test_the_standard_scheme_is_uniform_on_plus_minus_one_over_root_n_in():
    # Glorot and Bengio's eq. 1, W ~ U[-1/sqrt(n), 1/sqrt(n)] with n the previous layer's size:
    # every draw inside the bound, the largest close to it, and the fourth moment of a uniform
    # law, c^4/5 (a normal law of the same variance would give 3 (c^2/3)^2 = c^4/3)
    n_in, n_out = 400, 300
    w = get_initialisation("standard")(n_in, n_out, np.random.default_rng(2))
    bound = 1 / np.sqrt(n_in)
    assert np.abs(w).max() <= bound
    assert np.abs(w).max() > 0.999 * bound  # 120,000 draws: the gap is about bound/60,000
    assert np.mean(w**4) == pytest.approx(bound**4 / 5, rel=0.02)  # ~5 standard errors
    assert get_initialisation(" Standard ").law == "U(±1/√n_in)"


# --- orthogonal weights --------------------------------------------------------------------------
@pytest.mark.parametrize("n_in, n_out", [(4, 4), (3, 5), (5, 3), (400, 30)])
@pytest.mark.parametrize("gain", [1.0, 2 ** 0.5, 3.0])
def test_orthogonal_weights_have_every_singular_value_equal_to_the_gain(n_in, n_out, gain):
    # w^T w = gain^2 I for a tall layer, w w^T = gain^2 I for a wide one, to rounding
    w = get_initialisation(f"orthogonal:{gain!r}")(n_in, n_out, np.random.default_rng(3))
    assert w.shape == (n_out, n_in)
    gram = w.T @ w if n_out >= n_in else w @ w.T
    np.testing.assert_allclose(gram, gain**2 * np.eye(min(n_in, n_out)), atol=1e-13 * gain**2)


def _beta_cdf(x: float, a: float, b: float) -> float:
    import mpmath

    return float(mpmath.betainc(a, b, 0, x, regularized=True))


def _haar_statistics(draw, n_in: int, n_out: int, samples: int = 3000):
    rng = np.random.default_rng(11)
    ws = [draw(n_in, n_out, rng) for _ in range(samples)]
    return np.array([w[0, 0] for w in ws]), ws


def _ks_against_beta(entries: np.ndarray, n: int) -> float:
    # Kolmogorov-Smirnov distance of w_11^2 from Beta(1/2, (n - 1)/2), the law of the square
    # of one coordinate of a uniform unit vector in R^n
    x = np.sort(entries**2)
    cdf = np.array([_beta_cdf(v, 0.5, (n - 1) / 2) for v in x])
    m = len(x)
    return float(max(np.max(np.arange(1, m + 1) / m - cdf), np.max(cdf - np.arange(m) / m)))


@pytest.mark.parametrize("n_in, n_out", [(6, 6), (3, 5), (5, 3)])
def test_an_orthogonal_weights_entry_has_the_haar_law_of_a_unit_vectors_coordinate(n_in, n_out):
    # the reference: under the Haar measure a column (rows, for a wide layer) is uniform on the
    # sphere of R^n, n = max(n_in, n_out): w_11 is symmetric and w_11^2 ~ Beta(1/2, (n-1)/2).
    # 3,000 draws: the positive share within 4 standard errors of 1/2, the KS distance below
    # its 0.1 % critical value 1.95/sqrt(3000)
    entries, _ = _haar_statistics(get_initialisation("orthogonal"), n_in, n_out)
    n, m = max(n_in, n_out), len(entries)
    assert abs(np.mean(entries > 0) - 0.5) < 4 * np.sqrt(0.25 / m)
    assert _ks_against_beta(entries, n) < 1.95 / np.sqrt(m)


def test_the_traces_of_a_haar_orthogonal_matrix_have_the_diaconis_shahshahani_moments():
    # Haar O(n), n = 6: E tr Q = 0, E (tr Q)^2 = 1, E tr Q^2 = 1 (Diaconis and Shahshahani
    # 1994; E Q_ij Q_kl = δ_ik δ_jl / n) and det Q = -1 half the time; each mean within 4
    # standard errors over 3,000 draws
    _, ws = _haar_statistics(get_initialisation("orthogonal"), 6, 6)
    traces = np.array([np.trace(w) for w in ws])
    squares = np.array([np.trace(w @ w) for w in ws])
    dets = np.array([np.linalg.det(w) < 0 for w in ws], dtype=float)
    for values, mean in ((traces, 0.0), (traces**2, 1.0), (squares, 1.0), (dets, 0.5)):
        assert abs(values.mean() - mean) < 4 * values.std() / np.sqrt(len(values))


def test_the_haar_tests_fail_a_qr_without_the_sign_correction():
    # the same tests see the plain QR of a Gaussian matrix: LAPACK's Q_11 is never positive
    def uncorrected(n_in, n_out, rng):
        return np.linalg.qr(rng.standard_normal((n_out, n_in)))[0]

    entries, _ = _haar_statistics(uncorrected, 6, 6)
    assert np.mean(entries > 0) < 0.01
