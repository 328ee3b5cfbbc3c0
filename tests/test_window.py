"""The sigmoid window problem, against the chapter's formula, brute force and a dense scan."""

import mpmath
import numpy as np
import pytest
import sympy as sp

from analytic.core.activations import sigmoid
from analytic.theory.window import (
    W,
    brute_force_width,
    chapter_width,
    derive_window,
    widest_window,
    window_width,
)


def test_sympy_proves_the_derived_width_equals_the_chapters_expression():
    d = derive_window()
    assert d.equals_chapter and d.equals_readable and d.second_derivative_factored


def test_derived_width_agrees_with_the_chapters_expression_to_25_digits_at_many_w():
    derived = sp.lambdify(W, derive_window().width, "mpmath")
    chapter = sp.lambdify(W, chapter_width(), "mpmath")
    with mpmath.workdps(40):
        for w in ["4.0001", "4.5", "6.9", "10", "123.4", "1e6"]:
            a, b = derived(mpmath.mpf(w)), chapter(mpmath.mpf(w))
            assert abs(a - b) <= mpmath.mpf("1e-25") * abs(b)


def test_the_factor_cannot_reach_one_unless_abs_w_is_at_least_four():
    assert derive_window().min_abs_w == 4 and derive_window().max_sigma_prime == sp.Rational(1, 4)
    z = np.linspace(-20, 20, 400001)  # independent: the largest σ′ on a dense grid
    assert np.max(sigmoid().prime(z)) == pytest.approx(0.25, abs=1e-12)
    assert brute_force_width(3.999, 0.7) == 0.0 and window_width(3.999) == 0.0


@pytest.mark.parametrize("seed", range(3))
def test_window_width_matches_a_brute_force_scan_of_a_for_random_w_and_b(seed):
    rng = np.random.default_rng(seed)
    for _ in range(10):
        w = rng.choice([-1, 1]) * rng.uniform(4.05, 60.0)
        b = rng.normal(0, 5)
        step = 1e-5
        # tolerance: the grid can miss at most one step at each end of the interval
        assert brute_force_width(w, b, step) == pytest.approx(window_width(abs(w)), abs=2 * step)


def test_widest_window_matches_a_dense_scan_and_is_a_stationary_point():
    best = widest_window()
    ws = np.arange(4.0, 20.0, 1e-5)
    widths = window_width(ws)
    assert best.argmax_abs_w == pytest.approx(ws[np.argmax(widths)], abs=2e-5)
    assert best.max_width == pytest.approx(widths.max(), abs=1e-12)
    h = 1e-4  # central difference of the chapter's formula, evaluated independently
    chapter = sp.lambdify(W, chapter_width(), "mpmath")
    with mpmath.workdps(30):
        w = mpmath.mpf(best.argmax_abs_w)
        assert abs((chapter(w + h) - chapter(w - h)) / (2 * h)) < 1e-9
    # the commonly quoted answer: |w| ~ 6.9, width ~ 0.45
    assert round(best.argmax_abs_w, 1) == 6.9 and round(best.max_width, 2) == 0.45
