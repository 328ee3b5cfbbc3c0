"""The identity neuron, against the tanh series, mpmath evaluation and its leading term."""

import mpmath
import pytest
import sympy as sp

from analytic.theory.identity_neuron import delta, derive_identity, identity_table, w1, worst_error


def test_series_residual_matches_the_tanh_taylor_series():
    # independent: 4/w σ(wΔ) − 2/w = (2/w) tanh(wΔ/2), and tanh v = v − v³/3 + 2v⁵/15 − ...
    v = w1 * delta / 2
    reference = sp.expand(2 / w1 * (v - v**3 / 3 + 2 * v**5 / 15)) - delta
    assert sp.simplify(derive_identity().residual_series - reference) == 0
    assert sp.simplify(derive_identity().leading_error + w1**2 * delta**3 / 12) == 0


@pytest.mark.parametrize("w", [3.0, 1.0, 0.2, 0.01])
def test_worst_error_on_the_unit_interval_matches_a_50_digit_scan(w):
    def error(x):
        s = 1 / (1 + mpmath.exp(-(w * x - w / 2)))
        return abs((4 / mpmath.mpf(w)) * s - (2 / mpmath.mpf(w) - mpmath.mpf(1) / 2) - x)

    with mpmath.workdps(50):
        scanned = max(error(mpmath.mpf(i) / 400) for i in range(401))
    assert worst_error(w) == pytest.approx(float(scanned), rel=1e-9)


def test_table_errors_agree_and_shrink_like_w1_squared_over_96():
    rows = identity_table([1.0, 0.1, 0.01])
    for r in rows:
        assert r.scanned_error == pytest.approx(r.worst_error, rel=1e-6)
        assert r.offset == pytest.approx(2 / r.w1 - 0.5)
    assert rows[-1].worst_error / rows[-1].leading_term == pytest.approx(1.0, abs=1e-4)
    assert [r.worst_error for r in rows] == sorted((r.worst_error for r in rows), reverse=True)


def test_non_positive_w1_is_rejected():
    with pytest.raises(ValueError):
        identity_table([0.0])
