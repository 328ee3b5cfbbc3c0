"""The chapter's window problem: where can a sigmoid neuron's factor |w σ′(wa + b)| reach 1?

Notation: W = |w| > 0, s = σ(z), and the window is the set of inputs a with |w σ′(wa + b)| >= 1.

- σ′ = σ(1 − σ) peaks at z = 0 with σ′(0) = 1/4, so the factor is at most W/4: the window is
  empty unless W >= 4;
- σ″ = σ′(1 − 2σ) is positive for z < 0 and negative for z > 0, so {z : σ′(z) >= 1/W} is an
  interval [z₋, z₊], found by solving s(1 − s) = 1/W for s and mapping back with z = ln(s/(1−s));
- in a the interval has width (z₊ − z₋)/W, whatever b is (b only shifts it).

The closed form is proved equal to the chapter's (2/W) ln(W(1 + √(1 − 4/W))/2 − 1) by
``simplify(difference) == 0`` after writing W = 4(1 + t)²/(1 + 2t), t > 0, which runs once
over W in (4, ∞) and turns √(1 − 4/W) into the rational t/(1 + t).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import mpmath
import numpy as np

from ..core.activations import sigmoid
from ..core.deferred import Deferred

Array = np.ndarray

sp = Deferred("sympy")  # the figures draw the numbers without it


@cache
def _symbols() -> tuple[Any, Any, Any, Any]:
    # W = |w|, z, and the helpers s = sigma(z) and t (W = 4(1 + t)^2 / (1 + 2t))
    return (sp.Symbol("W", positive=True), sp.Symbol("z", real=True),
            sp.Symbol("s", positive=True), sp.Symbol("t", positive=True))


def __getattr__(name: str) -> Any:
    # the symbol W = |w|, made on first use
    if name == "W":
        return _symbols()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def sigma(x: sp.Expr) -> sp.Expr:
    return sigmoid().sympy(x)


def readable_width() -> sp.Expr:
    """The width as this module prints it: (2/W) ln((1 + r)/(1 − r)), r = √(1 − 4/W)."""
    W = _symbols()[0]
    r = sp.sqrt(1 - 4 / W)
    return 2 / W * sp.log((1 + r) / (1 - r))


def chapter_width() -> sp.Expr:
    """The chapter's expression for the window's width, in W = |w|."""
    W = _symbols()[0]
    return 2 / W * sp.log(W * (1 + sp.sqrt(1 - 4 / W)) / 2 - 1)


@dataclass(frozen=True)
class WindowDerivation:
    """What SymPy derives about the window, with the evidence for each step."""

    steepest_z: sp.Expr  # where σ″ = 0
    max_sigma_prime: sp.Expr  # σ′ there: 1/4
    min_abs_w: sp.Expr  # 1 / max σ′
    second_derivative_factored: bool  # σ″ − σ′(1 − 2σ) simplifies to 0
    s_roots: tuple[sp.Expr, sp.Expr]  # s₋, s₊ solving s(1 − s) = 1/W
    z_roots: tuple[sp.Expr, sp.Expr]  # z₋, z₊
    width: sp.Expr  # (z₊ − z₋)/W
    equals_chapter: bool  # simplify(width − chapter) == 0 on W > 4
    equals_readable: bool  # simplify(width − readable_width()) == 0 on W > 4


@lru_cache(maxsize=1)
def derive_window() -> WindowDerivation:
    """Derive parts (1) and (2) of the problem with SymPy.

    >>> d = derive_window()
    >>> d.min_abs_w, d.equals_chapter
    (4, True)
    """
    W, z, _s, _t = _symbols()
    prime = sp.diff(sigma(z), z)
    second = sp.diff(prime, z)
    factored = sp.simplify(second - prime * (1 - 2 * sigma(z))) == 0
    steepest = sp.solve(sp.Eq(1 - 2 * sigma(z), 0), z)[0]  # σ′ > 0, so σ″ = 0 where σ = 1/2
    peak = sp.simplify(prime.subs(z, steepest))
    roots = sp.solve(sp.Eq(_s * (1 - _s), 1 / W), _s)
    s_minus, s_plus = sorted(roots, key=lambda e: e.subs(W, 8))
    z_minus, z_plus = (sp.log(s / (1 - s)) for s in (s_minus, s_plus))
    width = (z_plus - z_minus) / W
    on_w_above_4 = {W: 4 * (1 + _t) ** 2 / (1 + 2 * _t)}
    equal = sp.simplify((width - chapter_width()).subs(on_w_above_4)) == 0
    readable = sp.simplify((width - readable_width()).subs(on_w_above_4)) == 0
    return WindowDerivation(
        steepest, peak, 1 / peak, factored, (s_minus, s_plus), (z_minus, z_plus), width, equal,
        readable,
    )


# --- numbers -----------------------------------------------------------------------------------
def window_width(abs_w: float | Array) -> float | Array:
    """The window's width in a at |w| (0 for |w| <= 4), in floating point."""
    w = np.maximum(np.asarray(abs_w, dtype=float), 4.0)  # the width is 0 at and below 4
    r = np.sqrt(1 - 4 / w)  # < 1 for finite w
    width = 2 / w * np.log1p(2 * r / (1 - r))  # (2/W) ln((1 + r)/(1 − r)), stable near W = 4
    return float(width) if width.ndim == 0 else width


def window_factor(w: float, a: Array, b: float = 0.0) -> Array:
    """|w σ′(wa + b)|: the factor one sigmoid layer applies to the gradient, against its input a."""
    return np.abs(w * sigmoid().prime(w * np.asarray(a, dtype=float) + b))


def intervals_where(x: Array, mask: Array) -> tuple[tuple[float, float], ...]:
    """The maximal runs of x where mask holds, as (first x, last x) pairs."""
    edges = np.diff(np.concatenate(([0], mask.astype(int), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return tuple((float(x[i]), float(x[j])) for i, j in zip(starts, stops))


def brute_force_width(w: float, b: float, step: float = 1e-5) -> float:
    """The measure of {a : |w σ′(wa + b)| >= 1}, counted on a grid of spacing ``step``.

    The grid spans 1/|w| on either side of the centre −b/w, which holds the whole window (its
    half-width in z is at most ln |w| + 1 <= |w| for |w| >= 4).
    """
    centre, half = -b / w, 1.0 / abs(w) * (np.log(abs(w)) + 1)
    a = np.arange(centre - half, centre + half, step)
    return float(np.count_nonzero(window_factor(w, a, b) >= 1) * step)


@dataclass(frozen=True)
class SampledWindow:
    """|w σ′(w a)| against a for one w, and the intervals of a where it is >= 1."""

    w: float
    a: Array
    value: Array
    intervals: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        return sum(hi - lo for lo, hi in self.intervals)


def sampled_window(w: float, a: Array | None = None, b: float = 0.0) -> SampledWindow:
    """The factor sampled on a grid of a (default [−1.5, 1.5], step 0.001) and its window."""
    a = np.linspace(-1.5, 1.5, 3001) if a is None else a
    value = window_factor(w, a, b)
    return SampledWindow(w, a, value, intervals_where(a, value >= 1.0))


@dataclass(frozen=True)
class WidestWindow:
    """Part (3): the |w| where the window is widest, and that width."""

    argmax_abs_w: float
    max_width: float


def widest_window(digits: int = 30) -> WidestWindow:
    """Solve d(width)/dW = 0 with mpmath.findroot on the closed form.

    The closed form is :func:`readable_width`, which :func:`derive_window` proves equal to the
    derived width (``equals_readable``); differentiating it needs no derivation to run first.
    """
    W, width = _symbols()[0], readable_width()
    slope = sp.lambdify(W, sp.diff(width, W), "mpmath")
    with mpmath.workdps(digits):
        # the width rises from 0 at W = 4 and decays like 2 ln W / W, so one root lies in (4, 20)
        w_star = mpmath.findroot(slope, (mpmath.mpf(5), mpmath.mpf(10)), solver="anderson")
        best = sp.lambdify(W, width, "mpmath")(w_star)
    return WidestWindow(float(w_star), float(best))


@dataclass(frozen=True)
class WindowCurve:
    """Data for the figure: the width against |w|, and the widest point."""

    abs_ws: Array
    widths: Array
    widest: WidestWindow


def window_curve(points: int = 400, max_abs_w: float = 40.0) -> WindowCurve:
    abs_ws = np.linspace(0.0, max_abs_w, points)
    return WindowCurve(abs_ws, np.asarray(window_width(abs_ws)), widest_window())


@dataclass(frozen=True)
class WindowProblem:
    """The problem answered: SymPy's derivation (parts 1 and 2) and the widest window (part 3)."""

    derivation: WindowDerivation
    widest: WidestWindow


def window_problem() -> WindowProblem:
    """:func:`derive_window` and :func:`widest_window` together."""
    return WindowProblem(derive_window(), widest_window())
