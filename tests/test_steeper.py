"""The steeper-activation exercise: windows by brute force, chain products by backprop."""

import numpy as np
import pytest

from analytic.core.activations import Activation, get_activation, relu, sigmoid, tanh
from analytic.core.network import backprop, chain_network
from analytic.theory.larger_derivative import (
    larger_derivative,
    log_gains,
    scaled_sigmoid,
    window_width_of,
)


def spec_id(value):
    # an activation reads as its spec in the test's name ("sigmoid*2")
    return value.spec if isinstance(value, Activation) else None


def _brute_force_width(phi, w, b, step=1e-5):
    a = np.arange(-b / w - 3, -b / w + 3, step)
    return np.count_nonzero(np.abs(w * phi.prime(w * a + b)) >= 1) * step


@pytest.mark.parametrize("phi, w", [(scaled_sigmoid(2), 3.0), (scaled_sigmoid(8), -1.7),
                                    (tanh(), 1.72), (tanh(), 9.0), (scaled_sigmoid(4), 0.99)],
                         ids=spec_id)
def test_window_width_of_a_scaled_sigmoid_matches_brute_force(phi, w):
    assert _brute_force_width(phi, w, 0.3) == pytest.approx(window_width_of(phi, abs(w)), abs=3e-5)


def test_steeper_sigmoids_have_the_same_widest_window_and_tanh_twice_it():
    ws = np.linspace(0.01, 20, 200001)
    widest = {phi.spec: window_width_of(phi, ws).max()
              for phi in (sigmoid(), scaled_sigmoid(8), tanh())}
    assert widest["sigmoid*8"] == pytest.approx(widest["sigmoid"], rel=1e-6)
    assert widest["tanh"] == pytest.approx(2 * widest["sigmoid"], rel=1e-6)


@pytest.mark.parametrize("phi", [scaled_sigmoid(4), tanh(), sigmoid()], ids=spec_id)
def test_sampled_chain_products_equal_the_backprop_gradient_over_dC_da(phi):
    depth = 6
    gains = log_gains(phi, depth, 5, 2.0, np.random.default_rng(11))
    rng = np.random.default_rng(11)  # replay the same draws for the backprop
    w, b, x = rng.normal(0, 2.0, (5, depth)), rng.normal(0, 1, (5, depth)), rng.uniform(0, 1, 5)
    for i in range(5):
        g = backprop(chain_network(w[i], b[i], phi), [[x[i]]], [[0.0]])
        dC_da = g.activations[-1][0, 0]  # quadratic cost, y = 0
        ratio = g.nabla_b[0][0] / dC_da
        assert np.sum(gains[i]) == pytest.approx(np.log(abs(ratio)), abs=1e-9)


def test_no_activation_in_the_table_keeps_deep_products_near_one():
    rows = larger_derivative(depth=20, chains=2000, seed=1).rows
    assert all(r.stable < 0.05 for r in rows)
    assert all(r.vanished + r.zero > 0.9 for r in rows if r.weight_std == 1.0)


def test_bad_scale_is_rejected():
    with pytest.raises(ValueError):
        scaled_sigmoid(-2)


@pytest.mark.parametrize("kwargs", [{"weight_stds": [0.0]}, {"weight_stds": [float("nan")]},
                                    {"weight_stds": []}, {"chains": 0}, {"depth": 1},
                                    {"chains": 10**9}])
def test_bad_sizes_and_scales_are_refused_before_any_work(kwargs):
    with pytest.raises(ValueError):
        larger_derivative(**kwargs)


def test_an_unknown_activation_name_is_refused_where_it_is_parsed():
    with pytest.raises(ValueError):
        get_activation("nope")


def test_tiny_weights_give_numbers_or_none_never_nan():
    import math

    for row in larger_derivative([relu(), sigmoid()], [1e-6], depth=3, chains=20).rows:
        assert not any(isinstance(v, float) and math.isnan(v) for v in vars(row).values())
