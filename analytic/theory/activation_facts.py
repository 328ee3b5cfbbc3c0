"""A fact sheet per activation: its range, its largest derivative and where, where the derivative
is tiny, and on which side it saturates, computed from the SymPy form and a fine grid.

Limits at ±∞ come from SymPy; everything else from φ and φ′ on z ∈ [−50, 50] with step 0.001
(through 0). "Attained" means at a grid point with |z| ≤ 10: further out float64 rounds
tanh(z) and σ(z) to exactly 1.0, which would make a limit look attained.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from ..core.activations import ACTIVATIONS, Activation
from .window import intervals_where

Z_WIDE = np.linspace(-50.0, 50.0, 100_001)
Z_NEAR = 10.0
#: φ′ below this counts as tiny (a layer would multiply the gradient by less than 1/1000).
TINY = 1e-3
_Z = sp.Symbol("z", real=True)


@dataclass(frozen=True)
class Interval:
    """An interval of z or of φ: ends may be ±inf; ``*_closed`` says whether an end is attained."""

    lo: float
    hi: float
    lo_closed: bool = False
    hi_closed: bool = False


@dataclass(frozen=True)
class ActivationFacts:
    """What a learner asks of an activation before using it in a deep network.

    ``steepest`` is where φ′ is largest: a one-point interval, a half-line (φ linear above 0),
    or None when φ′ only approaches ``max_prime`` as z → +∞ (softplus).
    ``saturates`` is (φ′ → 0 as z → −∞, φ′ → 0 as z → +∞).
    """

    spec: str
    name: str
    params: tuple[tuple[str, float], ...]
    range: Interval
    max_prime: float
    steepest: Interval | None
    tiny: tuple[Interval, ...]
    saturates: tuple[bool, bool]


def _limits(expr: sp.Expr) -> tuple[float, float]:
    return tuple(float(sp.limit(expr, _Z, side)) for side in (-sp.oo, sp.oo))


def value_range(a: Activation) -> Interval:
    """The range of φ: SymPy's limits at ±∞, or an interior extreme found on the grid."""
    lim = _limits(a.sympy(_Z))
    f = a.f(Z_WIDE)
    near = np.abs(Z_WIDE) <= Z_NEAR
    ends = []
    for lower, bound, grid in ((True, min(lim), f.min()), (False, max(lim), f.max())):
        beyond = grid < bound - 1e-12 if lower else grid > bound + 1e-12
        if beyond:  # an interior extreme (GELU's and SiLU's minimum)
            ends.append((float(grid), True))
        else:
            ends.append((bound, not math.isinf(bound) and bool(np.any(f[near] == bound))))
    (lo, lo_closed), (hi, hi_closed) = ends
    return Interval(lo, hi, lo_closed, hi_closed)


def steepest(a: Activation) -> Interval | None:
    """Where φ′ is largest (asked of the activation, and checked on the grid for half-lines)."""
    if a.steepest_point is None:
        return None
    if a.linear_above_zero and float(a.steepest_point) > 0:
        # φ′ = 1 on the whole of z > 0; whether z = 0 belongs is read off the NumPy form
        at_zero = bool(a.prime(np.array([0.0]))[0] == a.peak_prime)
        return Interval(0.0, math.inf, at_zero, False)
    z = float(a.steepest_point)
    return Interval(z, z, True, True)


def tiny_derivative(a: Activation) -> tuple[Interval, ...]:
    """Where |φ′| < :data:`TINY` on the grid; an end at the grid's edge stands for ±∞."""
    out = []
    for lo, hi in intervals_where(Z_WIDE, np.abs(a.prime(Z_WIDE)) < TINY):
        out.append(Interval(-math.inf if lo <= Z_WIDE[0] else lo,
                            math.inf if hi >= Z_WIDE[-1] else hi))
    return tuple(out)


def facts(a: Activation) -> ActivationFacts:
    """The fact sheet of one activation."""
    left, right = (v == 0 for v in _limits(a.sympy_prime(_Z)))
    return ActivationFacts(
        a.spec, a.name, tuple(a.params.items()), value_range(a), a.peak_prime, steepest(a),
        tiny_derivative(a), (left, right),
    )


@lru_cache(maxsize=64)
def facts_of(activation: Activation) -> ActivationFacts:
    """:func:`facts`, cached: the SymPy limits take ~0.3 s per activation.

    >>> from analytic.core.activations import sigmoid
    >>> f = facts_of(sigmoid())
    >>> f.range, f.max_prime, f.saturates
    (Interval(lo=0.0, hi=1.0, lo_closed=False, hi_closed=False), 0.25, (True, True))
    """
    return facts(activation)


def registered() -> list[Activation]:
    """Every registered activation once, with its default parameters (an alias such as swish
    is left out)."""
    seen, activations = set(), []
    for factory in ACTIVATIONS.values():
        if factory not in seen:
            seen.add(factory)
            activations.append(factory())
    return activations
