"""Independent numerical references for the derivations: random chains, relative errors, and
central finite differences of the cost evaluated in arbitrary precision.

The finite differences use mpmath at 80 significant digits with step h = 1e-30 on the SymPy
forms of the activation and the cost, so they share no code with the NumPy backprop; their own
error (truncation ~h^2 C'''/6 ~ 1e-60, rounding ~1e-80/h) stays far below gradients of 1e-40,
where float64 differences would long have drowned in rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from ..core.activations import Activation
from ..core.costs import Cost

#: Tolerance of the checks: largest relative error accepted against backprop and against the
#: finite differences (both are far below it in practice, ~1e-14 and ~1e-20).
RTOL = 1e-9


@dataclass(frozen=True)
class ChainParams:
    """One random chain: w_1..w_L, b_1..b_L, the input x = a_0 and the target y."""

    weights: np.ndarray
    biases: np.ndarray
    x: float
    y: float


def relative_error(a: float, b: float) -> float:
    """|a - b| / max(|a|, |b|), 0 when both are exactly 0, and inf if either is not finite."""
    if not (np.isfinite(a) and np.isfinite(b)):
        return float("inf")
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def _admissible(activation: Activation, cost: Cost, z: float) -> bool:
    # a_L = phi(z_L) must lie inside the range the cost admits (cross-entropy: (0, 1))
    lo, hi = cost.a_range
    margin = 0.02 * (hi - lo) if np.isfinite(hi - lo) else 0.0
    return bool(lo + margin < float(activation.f(z)) < hi - margin)


def _draw(rng: np.random.Generator, accept: Callable[[float], bool]) -> float:
    # rejection sampling from N(0, 1)
    for _ in range(10_000):
        z = float(rng.normal())
        if accept(z):
            return z
    raise ValueError("no pre-activation in N(0, 1) meets the activation's and cost's needs")


def random_chain(
    depth: int, activation: Activation, cost: Cost, rng: np.random.Generator
) -> ChainParams:
    """A random chain whose gradient stays representable in float64 at any depth.

    Each pre-activation z_j is drawn from N(0, 1), kept only where phi'(z_j) > 0 (beyond depth
    30: at least a tenth of its peak), and each |w_j| uniformly from [0.5, 1.5] / max phi' with a random sign;
    the biases then follow (b_j = z_j - w_j a_{j-1}). Plain N(0, 1) weights would make a
    1000-layer sigmoid gradient underflow to exactly 0 (and any relu chain with one z_j < 0 is
    exactly 0), which would compare equal to anything.
    """
    peak = activation.peak_prime
    # up to depth 30 any phi'(z_j) > 0 is representable (leaky_relu's 0.01 slope included)
    floor = 0.1 * peak if depth > 30 else 0.0
    weights = rng.choice([-1.0, 1.0], depth) * rng.uniform(0.5, 1.5, depth) / peak
    zs = np.array([_draw(rng, lambda z: activation.prime(z) > floor) for _ in range(depth)])
    zs[-1] = _draw(rng, lambda z: _admissible(activation, cost, z) and activation.prime(z) > 0)
    x = rng.uniform(0, 1)
    a_prev = np.concatenate([[x], activation.f(zs[:-1])])
    biases = zs - weights * a_prev
    y = rng.uniform(0, 1)
    return ChainParams(weights, biases, x, y)


def mp_cost(activation: Activation, cost: Cost) -> Callable[..., object]:
    """C(b_1..b_L) of a chain, evaluated in mpmath from the SymPy forms (built once, reused)."""
    z, a, y = sp.symbols("z a y")
    phi = sp.lambdify(z, activation.sympy(z), modules="mpmath")
    c = sp.lambdify((a, y), cost.sympy(a, y), modules="mpmath")

    def total_cost(params: ChainParams, biases: Sequence[object]) -> object:
        a_j = mpmath.mpf(params.x)
        for w_j, b_j in zip(params.weights, biases):
            a_j = phi(mpmath.mpf(w_j) * a_j + b_j)
        return c(a_j, mpmath.mpf(params.y))

    return total_cost


def finite_difference_bias_gradient(
    params: ChainParams,
    layer: int,
    total_cost: Callable[..., object],
    h: float = 1e-30,
    digits: int = 80,
) -> float:
    """(C(b_k + h) - C(b_k - h)) / 2h, with ``total_cost`` from :func:`mp_cost`."""
    with mpmath.workdps(digits):
        biases = [mpmath.mpf(float(b)) for b in params.biases]
        up, down = list(biases), list(biases)
        up[layer - 1] += h
        down[layer - 1] -= h
        return float((total_cost(params, up) - total_cost(params, down)) / (2 * mpmath.mpf(h)))
