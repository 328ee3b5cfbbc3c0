"""The chapter's identity-neuron problem: make w₂ σ(w₁x + b) ≈ x on [0, 1].

Notation: x = 1/2 + Δ with |Δ| <= 1/2, and the choice b = −w₁/2, so that w₁x + b = w₁Δ.
Since σ(u) = 1/2 + tanh(u/2)/2, the Taylor series in w₁Δ is

    σ(w₁Δ) = 1/2 + w₁Δ/4 − (w₁Δ)³/48 + ...,

and w₂ = 4/w₁ gives w₂ σ(w₁x + b) = x + (2/w₁ − 1/2) − w₁²Δ³/12 + O(w₁⁴).

What remains is honest to say: a constant offset 2/w₁ − 1/2, which grows as w₁ shrinks but which
the next layer's bias absorbs exactly, and an error e(x) = (2/w₁) tanh(w₁Δ/2) − Δ that shrinks
like w₁². Because tanh u − u decreases, |e| is largest at the ends x = 0, 1, where it is
1/2 − (2/w₁) tanh(w₁/4) ≈ w₁²/96.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import sigmoid
from ..core.deferred import Deferred
from ..core.limits import require_range

Array = np.ndarray
sp = Deferred("sympy")  # the figure draws the numbers without it


@functools.cache
def _symbols() -> dict[str, Any]:
    return {"w1": sp.Symbol("w_1", positive=True), "delta": sp.Symbol("Delta", real=True),
            "x": sp.Symbol("x", real=True)}


def __getattr__(name: str) -> Any:
    # the symbols w1, delta and x, made on first use
    if name in ("w1", "delta", "x"):
        return _symbols()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: Series order: terms up to w₁^(ORDER - 1) are kept.
ORDER = 5
DEFAULT_W1 = (2.0, 1.0, 0.5, 0.1, 0.01)


def bias(w: sp.Expr | None = None) -> sp.Expr:
    """b = −w₁/2: puts x = 1/2 at the sigmoid's centre (w the symbol w₁ unless given)."""
    return -(_symbols()["w1"] if w is None else w) / 2


def output_weight(w: sp.Expr | None = None) -> sp.Expr:
    """w₂ = 4/w₁ = 1/(w₁ σ′(0)): undoes the slope of the sigmoid at its centre."""
    return 4 / (_symbols()["w1"] if w is None else w)


def offset(w: sp.Expr | None = None) -> sp.Expr:
    """The constant 2/w₁ − 1/2 that w₂σ(w₁x + b) carries above x (the next bias removes it)."""
    return 2 / (_symbols()["w1"] if w is None else w) - sp.Rational(1, 2)


@dataclass(frozen=True)
class IdentityDerivation:
    """The neuron's output as a series in w₁, and what is left after the offset."""

    output: sp.Expr  # w₂ σ(w₁(1/2 + Δ) + b), exact
    series: sp.Expr  # its expansion in w₁, without the O() term
    residual_series: sp.Expr  # series − offset − x
    leading_error: sp.Expr  # −w₁²Δ³/12


def derive_identity() -> IdentityDerivation:
    """Expand w₂σ(w₁x + b) in w₁ at x = 1/2 + Δ with SymPy.

    >>> derive_identity().leading_error
    -Delta**3*w_1**2/12
    """
    w1, delta = _symbols()["w1"], _symbols()["delta"]
    output = output_weight() * sigmoid().sympy(w1 * (sp.Rational(1, 2) + delta) + bias())
    series = sp.series(output, w1, 0, ORDER).removeO()
    residual = sp.expand(series - offset() - (sp.Rational(1, 2) + delta))
    leading = sp.Add(*[t for t in residual.as_ordered_terms() if sp.degree(t, w1) == 2])
    return IdentityDerivation(sp.simplify(output), sp.expand(series), residual, leading)


# --- numbers -----------------------------------------------------------------------------------
def neuron(xs: Array, w: float) -> Array:
    """w₂σ(w₁x + b) − offset: the identity neuron followed by the next layer's bias."""
    s = sigmoid().f(w * np.asarray(xs, dtype=float) - w / 2)
    # (4/w)(σ − 1/2) in place of (4/w)σ − 2/w: the same number, without the cancellation
    return 4 / w * (s - 0.5) + 0.5


def worst_error(w: float) -> float:
    """max over x in [0, 1] of |neuron(x) − x|: 1/2 − (2/w₁) tanh(w₁/4), attained at x = 0, 1."""
    return float(0.5 - 2 / w * np.tanh(w / 4))


@dataclass(frozen=True)
class IdentityRow:
    w1: float
    w2: float
    b: float
    offset: float
    worst_error: float  # closed form at the ends
    scanned_error: float  # max over a grid of 2001 points in [0, 1]
    leading_term: float  # w₁²/96


#: w₁ tabulated: below 1e-4 the error (~w₁²/96) drowns in float64 rounding of (4/w₁)(σ − 1/2).
W1_RANGE = (1e-4, 100.0)


def identity_table(w1s: Sequence[float] = DEFAULT_W1) -> list[IdentityRow]:
    """The parameter choice and worst-case error on [0, 1] for each w₁."""
    if not w1s:
        raise ValueError("give at least one w1")
    for w in w1s:
        require_range(w, "w1", *W1_RANGE)
    xs = np.linspace(0.0, 1.0, 2001)
    return [
        IdentityRow(
            w, 4 / w, -w / 2, 2 / w - 0.5, worst_error(w),
            float(np.max(np.abs(neuron(xs, w) - xs))), w * w / 96,
        )
        for w in w1s
    ]


@dataclass(frozen=True)
class IdentityCurves:
    """Data for the figure: x, the neuron's output minus the offset, and its error, per w₁."""

    xs: Array
    w1s: tuple[float, ...]
    outputs: Array  # shape (len(w1s), len(xs))


def identity_curves(
    w1s: Sequence[float] = (8.0, 4.0, 2.0, 1.0), points: int = 201
) -> IdentityCurves:
    xs = np.linspace(0.0, 1.0, points)
    return IdentityCurves(xs, tuple(w1s), np.array([neuron(xs, w) for w in w1s]))


@dataclass(frozen=True)
class IdentityProblem:
    """The problem answered: the series derivation and the table for the chosen w₁."""

    derivation: IdentityDerivation
    rows: tuple[IdentityRow, ...]


def identity_problem(w1s: Sequence[float] = DEFAULT_W1) -> IdentityProblem:
    """:func:`derive_identity` and :func:`identity_table` together."""
    rows = tuple(identity_table(w1s))  # refuse a bad w₁ before the series is derived
    return IdentityProblem(derive_identity(), rows)
