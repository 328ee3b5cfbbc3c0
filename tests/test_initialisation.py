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
             "scaled:1.5"]
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
