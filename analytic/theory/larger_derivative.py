"""The chapter's exercise: would an activation with a derivative much larger than 1/4 help?

Two answers, both computed.

1. The window. For φ(z) = A σ(cz) + B the factor is |w| A c σ′(c(wa + b)). Writing W′ = A c |w|,
   it reaches 1 on a z-interval of the sigmoid's window at W′, shrunk by c in u = wa + b and by
   |w| in a, so the width in a is A · width_σ(A c |w|). The slope c only moves along the same
   curve: the widest window is A · 0.4477... at every c. Steeper is not wider; only the amplitude A
   widens it (tanh = 2σ(2z) − 1 has A = 2, so its widest window is twice the sigmoid's).
2. Sampled chains. The product φ′(z_1) Π_{j>=2} w_j φ′(z_j) of a random chain is a product of
   independent-ish factors, so ln|product| is a random walk: its typical size drifts like e^{L·m}
   and spreads like e^{√L·s} with m, s the mean and spread of ln|w φ′(z)|. Unless m = 0 and s is
   small — everything lined up — it vanishes or explodes, whatever the peak of φ′.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..core.activations import Activation, relu, sigmoid, tanh
from ..core.limits import check_memory, require_count, require_range
from .window import WidestWindow, widest_window, window_width

Array = np.ndarray

#: A product within [1/STABLE, STABLE] counts as neither vanished nor exploded.
STABLE = 10.0


def scaled_sigmoid(c: float) -> Activation:
    """σ_c(z) = σ(cz), whose derivative peaks at c/4."""
    require_range(c, "the scale c of sigmoid*c", 0, 1e6, low_open=True)
    s = sigmoid()
    return Activation(
        name=f"sigmoid*{c:g}",
        expr=lambda z: s.expr(sp.Float(c) * z) if c != int(c) else s.expr(int(c) * z),
        f=lambda z: s.f(c * np.asarray(z, dtype=float)),
        prime=lambda z: c * s.prime(c * np.asarray(z, dtype=float)),
        symbol=f"σ_{c:g}",
        latex=rf"\sigma_{{{c:g}}}",
        steepest=0,
        sigmoid_form=(1.0, c),
    )


#: The exercise's activations: the sigmoid, σ(cz) steeper and steeper, tanh and relu.
DEFAULT_ACTIVATIONS = (sigmoid(), scaled_sigmoid(2), scaled_sigmoid(4), scaled_sigmoid(8),
                       tanh(), relu())


# --- the window --------------------------------------------------------------------------------
def widest_window_of(phi: Activation, widest_sigmoid: tuple[float, float]) -> tuple[float, float]:
    """(|w| where the window is widest, that width) for A σ(cz) + B, from the sigmoid's.

    ``widest_sigmoid`` is (argmax |w|, max width) of the sigmoid (from :mod:`analytic.window`);
    relu's window is a half-line for every |w| >= 1, reported as (1, inf).
    """
    form = phi.sigmoid_form
    if form is None:
        return 1.0, float("inf")
    A, c = form
    return widest_sigmoid[0] / (A * c), A * widest_sigmoid[1]


def window_width_of(phi: Activation, abs_w: float | Array) -> float | Array:
    """The width in a of {a : |w φ′(wa + b)| >= 1} for φ = A σ(cz) + B."""
    form = phi.sigmoid_form
    if form is None:
        raise ValueError(f"{phi.spec} is not of the form A σ(cz) + B")
    A, c = form
    return A * window_width(A * c * np.asarray(abs_w, dtype=float))


# --- sampled chains ----------------------------------------------------------------------------
def log_gains(
    phi: Activation, depth: int, chains: int, weight_std: float, rng: np.random.Generator
) -> Array:
    """ln|φ′(z_1)|, ln|w_2 φ′(z_2)|, ..., ln|w_L φ′(z_L)| of random chains, shape (chains, L).

    w ~ N(0, s²), b ~ N(0, 1), x ~ U(0, 1). The row sums are ln|∂C/∂b_1 / ∂C/∂a_L|; −inf
    marks a relu unit that is off.
    """
    w = rng.normal(0.0, weight_std, (chains, depth))
    b = rng.normal(0.0, 1.0, (chains, depth))
    a = rng.uniform(0.0, 1.0, chains)
    gains = np.empty((chains, depth))
    with np.errstate(divide="ignore"):
        for j in range(depth):
            z = w[:, j] * a + b[:, j]
            gains[:, j] = np.log(np.abs(phi.prime(z)) * (np.abs(w[:, j]) if j > 0 else 1.0))
            a = phi.f(z)
    return gains


@dataclass(frozen=True)
class ChainRow:
    """One line of the exercise's table."""

    activation: str
    weight_std: float
    max_prime: float
    widest_window: float
    median_log10: float
    zero: float  # fraction of chains whose product is exactly 0 (a relu unit off)
    vanished: float  # fraction with 0 < |product| < 1/STABLE
    stable: float
    exploded: float  # fraction with |product| > STABLE
    drift: float | None  # mean of ln|w_j φ′(z_j)| over the layers j >= 2 where the unit is on
    spread: float | None  # their standard deviation (None for both when no unit is ever on)


def chain_row(
    phi: Activation, depth: int, chains: int, weight_std: float, seed: int,
    widest_sigmoid: tuple[float, float],
) -> ChainRow:
    gains = log_gains(phi, depth, chains, weight_std, np.random.default_rng(seed))
    log10 = gains.sum(axis=1) / np.log(10)
    bound = np.log10(STABLE)
    on = gains[:, 1:][np.isfinite(gains[:, 1:])]
    drift, spread = (float(np.mean(on)), float(np.std(on))) if on.size else (None, None)
    return ChainRow(
        phi.spec, weight_std, phi.peak_prime, widest_window_of(phi, widest_sigmoid)[1],
        float(np.median(log10)), float(np.mean(log10 == -np.inf)),
        float(np.mean((log10 > -np.inf) & (log10 < -bound))),
        float(np.mean(np.abs(log10) <= bound)), float(np.mean(log10 > bound)), drift, spread,
    )


#: Equal per-layer factors W φ′(z*) compared when every z_j is held at z* (as in
#: :mod:`analytic.theory.explosion`): only a factor of exactly 1 keeps the product at 1.
LINED_UP_FACTORS = (0.9, 1.0, 1.1)
MAX_DEPTH = 1000
#: Random numbers drawn per chain and layer, and float64 arrays alive at once, for the budget.
_ARRAYS = 6


@dataclass(frozen=True)
class LargerDerivative:
    """The exercise answered: one row per (activation, weight scale), the sigmoid's widest
    window, and products of L − 1 lined-up equal factors."""

    rows: tuple[ChainRow, ...]
    depth: int
    chains: int
    seed: int
    widest: WidestWindow
    lined_up: tuple[tuple[float, float], ...]  # (factor, factor^(L−1))


def larger_derivative(
    activations: Sequence[Activation] = DEFAULT_ACTIVATIONS,
    weight_stds: Sequence[float] = (1.0, 4.0),
    depth: int = 20, chains: int = 4000, seed: int = 0,
) -> LargerDerivative:
    """The exercise's table: every activation at every weight scale, one seeded sample each."""
    require_count(depth, "the depth of the chains", 2, MAX_DEPTH)
    require_count(chains, "the number of chains", 1)
    check_memory(_ARRAYS * 8.0 * chains * depth, f"{chains:,} chains of depth {depth}")
    if not weight_stds:
        raise ValueError("give at least one standard deviation of the weights")
    for s in weight_stds:
        require_range(s, "the standard deviation of the weights", 0, 1e6, low_open=True)
    phis = list(activations)
    widest = widest_window()
    rows = tuple(
        chain_row(phi, depth, chains, s, seed, (widest.argmax_abs_w, widest.max_width))
        for phi in phis for s in weight_stds
    )
    lined_up = tuple((f, f ** (depth - 1)) for f in LINED_UP_FACTORS)
    return LargerDerivative(rows, depth, chains, seed, widest, lined_up)
