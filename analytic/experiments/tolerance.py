"""How a reproduced number is judged: the interval it must lie in, made one of four ways.

A published number from one random network is a single draw; ours are K networks drawn the
same way. The four kinds of tolerance, stated once:

- ``prediction``: the published value must lie in a 99 % prediction interval for one more
  network, made from ours: m ± t s √(1 + 1/K + e/s²), m and s the mean and standard deviation
  of our K values (of their logarithms for the speeds, which spread multiplicatively), t the
  99.5 % quantile of Student's t with K − 1 degrees of freedom (or with the degrees of a pooled
  s), and e any variance the published draw has that ours do not (the binomial error of a
  validation set of its own);
- ``relative``: the computed value within r |reference| of a reference the theory computes;
- ``band``: the computed value inside a band the theory brackets, widened by three standard
  errors of the computed mean (a draw of it falls outside with probability about 0.3 %);
- ``all``: a bound that holds for every network (a theorem): the share of networks that obey
  it must be exactly 1.

A line whose set-up cannot judge the published number is not judged (``none``), and says why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

KINDS = ("prediction", "relative", "band", "all", "width", "exact", "none")
#: The coverage of a prediction interval.
LEVEL = 0.99
#: Standard errors a band is widened by.
STANDARD_ERRORS = 3.0


@lru_cache(maxsize=64)
def t_quantile(p: float, dof: float) -> float:
    """The p-quantile (1/2 < p < 1) of Student's t with ``dof`` degrees of freedom.

    Found by bisection on P(T > t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2 (mpmath's regularised
    incomplete beta function), to 1e-12 relative.

    >>> round(t_quantile(0.995, 1), 6), round(t_quantile(0.975, 2), 6)  # tan(0.495 π), 4.303
    (63.656741, 4.302653)
    """
    import mpmath

    if not (0.5 < p < 1) or not dof > 0:
        raise ValueError(f"need 1/2 < p < 1 and dof > 0, got p = {p:g} and dof = {dof:g}")

    def upper(t: float) -> float:
        return float(mpmath.betainc(dof / 2, 0.5, 0, dof / (dof + t * t), regularized=True)) / 2

    low, high = 0.0, 1.0
    while upper(high) > 1 - p:
        low, high = high, 2 * high
    while high - low > 1e-12 * high:
        middle = (low + high) / 2
        low, high = (middle, high) if upper(middle) > 1 - p else (low, middle)
    return (low + high) / 2


def prediction_interval(mean: float, std: float, dof: float, networks: int,
                        extra_variance: float = 0.0, level: float = LEVEL) -> tuple[float, float]:
    """m ± t s √(1 + 1/K + e/s²): where one more draw falls with probability ``level``."""
    half = t_quantile(0.5 + level / 2, dof) * math.sqrt(
        std * std * (1 + 1 / networks) + extra_variance)
    return mean - half, mean + half


def log_prediction_interval(values: Sequence[float], level: float = LEVEL
                            ) -> tuple[float, float] | None:
    """The prediction interval of positive values that spread multiplicatively: made from their
    logarithms, mapped back. None with fewer than two values (no spread to judge by)."""
    logs = np.log(np.asarray(values, dtype=float))
    if len(logs) < 2 or not np.all(np.isfinite(logs)):
        return None
    low, high = prediction_interval(float(logs.mean()), float(logs.std(ddof=1)),
                                    len(logs) - 1, len(logs), level=level)
    return math.exp(low), math.exp(high)


def pooled_std(groups: Sequence[Sequence[float]]) -> tuple[float, int]:
    """The standard deviation pooled over groups (each about its own mean) and its degrees of
    freedom, Σ (K_k − 1).

    >>> pooled_std([[1.0, 3.0], [10.0, 12.0]])
    (1.4142135623730951, 2)
    """
    squares = sum(float(np.sum((np.asarray(g) - np.mean(g)) ** 2)) for g in groups)
    dof = sum(len(g) - 1 for g in groups)
    return (math.sqrt(squares / dof), dof) if dof > 0 else (math.nan, 0)


def relative_interval(reference: float, relative: float) -> tuple[float, float]:
    """[r (1 − rel), r (1 + rel)] about a positive reference r."""
    return reference * (1 - relative), reference * (1 + relative)


def widened(low: float, high: float, standard_error: float) -> tuple[float, float]:
    """[low, high] widened on both sides by :data:`STANDARD_ERRORS` standard errors."""
    margin = STANDARD_ERRORS * standard_error
    return low - margin, high + margin


def inside(value: float | None, low: float | None, high: float | None) -> bool:
    """Whether ``value`` is a finite number in [low, high]."""
    if value is None or low is None or high is None or not math.isfinite(value):
        return False
    return low <= value <= high
