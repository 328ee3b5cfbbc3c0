"""What the figures show, checked through their data against closed forms and independent loops."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytic.chain.ratios import sample_chains, sample_product_bands
from analytic.core.activations import get_activation
from analytic.present.figures import activations as curves
from analytic.theory.explosion import explosion_ratios
from analytic.theory.window import sampled_window


def _sigma(x):
    return 1 / (1 + math.exp(-x))


def test_plotted_sigmoid_derivative_peaks_at_a_quarter_at_z_0():
    (panel,) = curves.sigmoid_data().panels
    z, peak = panel.curves[0].peak
    assert abs(z) < 1e-12  # the grid point at 0, however linspace rounds it
    assert peak == pytest.approx(0.25, rel=1e-15)  # sigma'(0) = sigma(0)(1 - sigma(0)) = 1/4


def test_plotted_tanh_derivative_peaks_at_1_and_is_shown_beside_the_sigmoids():
    tanh_panel, both = curves.tanh_data().panels
    assert tanh_panel.curves[0].peak == (0.0, pytest.approx(1.0, rel=1e-15))
    assert [c.spec for c in both.curves] == ["tanh", "sigmoid"]
    z = both.curves[1].z
    expected = [_sigma(x) * (1 - _sigma(x)) for x in z]
    assert both.curves[1].prime == pytest.approx(expected, rel=1e-12)


def test_plotted_relu_derivative_is_1_for_positive_z_and_0_for_negative_z():
    relu = curves.relu_data().panels[0].curves[0]
    assert np.all(relu.prime[relu.z > 0] == 1.0) and np.all(relu.prime[relu.z < 0] == 0.0)


def test_rrelu_band_spans_the_lines_of_slope_lower_and_upper_for_negative_z():
    rrelu_panel = curves.relu_data().panels[3]
    z, lower, upper = rrelu_panel.band
    neg = z < 0
    assert lower[neg] == pytest.approx(z[neg] / 8, rel=1e-15)
    assert upper[neg] == pytest.approx(z[neg] / 3, rel=1e-15)


def test_prelu_panel_shows_one_curve_per_value_of_a_with_that_slope():
    prelu_panel = curves.relu_data().panels[2]
    for c, a in zip(prelu_panel.curves, curves.PRELU_SLOPES):
        assert c.f[0] == pytest.approx(a * c.z[0], rel=1e-15, abs=1e-15)


def test_only_gelu_and_silu_derivatives_exceed_1_in_the_comparison():
    (panel,) = curves.derivatives_data().panels
    above = {c.spec for c in panel.curves if c.prime.max() > 1 + 1e-12}
    assert above == {"gelu", "silu"}
    # the SiLU peak solves sigma(z)(1 + z(1 - sigma(z))) maximal: 1.0998 at z = 2.3994
    silu = next(c for c in panel.curves if c.spec == "silu")
    assert silu.peak[1] == pytest.approx(1.0998, abs=1e-4)


@settings(max_examples=25, deadline=None)
@given(st.floats(min_value=0.1, max_value=3.99))
def test_the_window_is_empty_when_w_is_below_4(w):
    assert sampled_window(w).intervals == () and sampled_window(-w).intervals == ()


def test_the_window_is_empty_for_w_3():
    assert sampled_window(3.0).width == 0.0 and sampled_window(3.0).value.max() < 1


@pytest.mark.parametrize("w", [6.0, 10.0, 20.0, 50.0])
def test_the_window_width_matches_the_closed_form(w):
    # sigma'(x) = 1/w  <=>  x = +-ln(w (1 + sqrt(1 - 4/w)) / 2 - 1), so the window in a has width
    # (2 / w) ln(w (1 + sqrt(1 - 4/w)) / 2 - 1); the grid (step 0.001) resolves it to ~2 steps
    exact = 2 / w * math.log(w * (1 + math.sqrt(1 - 4 / w)) / 2 - 1)
    assert sampled_window(w).width == pytest.approx(exact, abs=0.002)


def test_the_window_narrows_as_w_grows_past_its_widest_near_w_7():
    widths = [sampled_window(w).width for w in (7.0, 10.0, 20.0, 100.0)]
    assert widths == sorted(widths, reverse=True) and widths[0] < 0.45


def _independent_products(activation_prime, weights, biases, x):
    # the chapter's product prod_{j=1}^{k} w_{j+1} phi'(z_j), by a plain forward loop in math
    a, out, product = x, [], 1.0
    for j in range(len(weights) - 1):
        z = weights[j] * a + biases[j]
        a = {"sigmoid": _sigma, "tanh": math.tanh}[activation_prime](z)
        slope = a * (1 - a) if activation_prime == "sigmoid" else 1 - a * a
        product *= weights[j + 1] * slope
        out.append(abs(product))
    return out


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_sampled_ratios_from_backprop_equal_the_chapters_product(name):
    bands = sample_product_bands(get_activation(name), depth=6, samples=200, seed=3)
    chains = sample_chains(200, 7, seed=3)
    expected = np.array([
        _independent_products(name, w, b, x)
        for w, b, x in zip(chains.weights, chains.biases, chains.x)
    ])
    np.testing.assert_allclose(bands.ratios, expected, rtol=1e-9)
    np.testing.assert_allclose(bands.median, np.median(expected, axis=0), rtol=1e-9)


def test_relu_ratios_are_zero_exactly_when_a_unit_on_the_way_is_dead():
    bands = sample_product_bands(get_activation("relu"), depth=3, samples=300, seed=1)
    c = sample_chains(300, 4, seed=1)
    a, alive = c.x, np.ones(300, dtype=bool)
    for j in range(3):
        z = c.weights[:, j] * a + c.biases[:, j]
        alive &= z > 0
        a = np.maximum(z, 0)
        assert np.array_equal(bands.ratios[:, j] == 0, ~alive)


def test_explosion_ratios_are_25_to_the_k_for_w_100():
    e = explosion_ratios(100.0, 12)
    assert e.backprop == pytest.approx([25.0**k for k in range(1, 13)], rel=1e-9)


def test_sampling_is_reproducible_for_a_seed():
    a = sample_product_bands(get_activation("tanh"), 4, 50, seed=7).ratios
    b = sample_product_bands(get_activation("tanh"), 4, 50, seed=7).ratios
    assert np.array_equal(a, b)
