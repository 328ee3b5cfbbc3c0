"""Independent numerical references for the derivations: random chains and random unrolled
recurrent nets, relative errors, and central finite differences of the cost in arbitrary
precision.

The finite differences are (C(p + h) - C(p - h)) / 2h with step h = 1e-30, evaluated in mpmath
from the SymPy forms of the activation and the cost, so they share no code with the NumPy
backprop. Their truncation error is ~h^2 |C'''| / 6 ~ 1e-60 |C'''|; their rounding error is
~10^-digits |C| / h, which must stay far below the gradient itself. A deep chain's gradient
shrinks with depth (1e-35 to 1e-50 at depth 330, about 1e-240 at depth 2000), so no fixed
precision will do: the difference is computed at 80 digits and at 120; until the two agree
to 1e-20 of the value, the precision rises to what the difference's size needs (doubling
while it rounds to 0, which it is trusted to be only at a precision that would have seen a
slope below float64's smallest number). Their disagreement bounds the error of the coarser
one; the finer one is returned.
"""

from __future__ import annotations

import math
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


#: The work of one layer of a chain's cost in mpmath at a few hundred digits, in multiply-adds of
#: the same time: about 100 µs, what 10^6 multiply-adds take at the rate the work budget assumes
#: (:data:`analytic.core.limits.WORK_BUDGET`).
LAYER_WORK = 1e6
#: Below 10^-SMALLEST_SLOPE a float64 gradient is 0 (the smallest subnormal is 4.9e-324): a
#: finite difference that is exactly 0 is trusted once its precision would have seen a slope
#: this small.
SMALLEST_SLOPE = 330


def central_difference(
    f: Callable[[object], object], h: float = 1e-30, digits: int = 80,
    rtol: float = 1e-20, max_digits: int = 20_000, size: float = 0.0,
) -> float:
    """(f(h) - f(-h)) / 2h, where f(s) is the cost with one quantity moved by s, in mpmath.

    Computed at ``digits`` and again with 40 more; if the two agree to ``rtol`` the second is
    returned (its own error is then about 1e-40 times smaller still), otherwise the precision
    rises and the comparison is repeated: to what the difference's size needs when it is not 0
    (its rounding is 10^-digits of the cost, which must stay 10^-60 below it), doubled when it
    is. Two zeros agree only at a precision that would have resolved a slope of
    10^-:data:`SMALLEST_SLOPE`: a deep chain's difference rounds to exactly 0 long before its
    gradient leaves float64 (at 80 digits, once the slope is below 1e-50 of the cost).

    ``size``, the slope's expected size (the value it will be compared with), only says where
    the search starts: the precision that size needs. The result is what the differences
    settle at whatever the hint, so a wrong one costs time, never the answer.

    >>> import mpmath
    >>> central_difference(lambda s: mpmath.exp(1 + s))  # d/dx e^x at x = 1
    2.718281828459045
    """
    if size and math.isfinite(size):
        digits = min(max(digits, _needed(f, h, mpmath.mpf(size))), max_digits)
    while digits <= max_digits:
        coarse, fine = _difference(f, h, digits), _difference(f, h, digits + 40)
        if fine == coarse == 0 and _resolves(f, h, digits, SMALLEST_SLOPE):
            return 0.0
        if fine != 0 and abs(fine - coarse) <= rtol * abs(fine):
            return float(fine)
        digits = max(2 * digits, _needed(f, h, fine)) if fine != 0 else 2 * digits
    raise ValueError(
        f"the finite difference did not settle to {rtol:g} within {max_digits:,} digits"
    )


def _cost_digits(f: Callable[[object], object], h: float) -> int:
    # decimal digits above the units of the cost's size (its rounding scales with it)
    with mpmath.workdps(30):
        size = abs(f(mpmath.mpf(h)))
    return max(0, int(mpmath.ceil(mpmath.log10(size)))) if size else 0


def _resolves(f: Callable[[object], object], h: float, digits: int, exponent: int) -> bool:
    # at ``digits``, C(h) - C(-h) keeps ~10^-digits of the cost; a slope 10^-exponent moves it
    # by 2 h 10^-exponent
    return digits >= _cost_digits(f, h) - math.log10(2 * h) + exponent + 20


def _needed(f: Callable[[object], object], h: float, slope: object) -> int:
    return int(_cost_digits(f, h) - math.log10(2 * h) - float(mpmath.log10(abs(slope))) + 60)


def _difference(f: Callable[[object], object], h: float, digits: int) -> object:
    with mpmath.workdps(digits):
        step = mpmath.mpf(h)
        return (f(step) - f(-step)) / (2 * step)


def random_chain(
    depth: int, activation: Activation, cost: Cost, rng: np.random.Generator
) -> ChainParams:
    """A random chain whose gradient stays representable in float64 at any depth.

    Each pre-activation z_j is drawn from N(0, 1), kept only where phi'(z_j) > 0 (beyond depth
    30: at least a tenth of its peak), and each |w_j| uniformly from [0.5, 1.5] / max phi' with a
    random sign; the biases then follow (b_j = z_j - w_j a_{j-1}). Plain N(0, 1) weights would
    make a 1000-layer sigmoid gradient underflow to exactly 0 (and any relu chain with one
    z_j < 0 is exactly 0), which would compare equal to anything.
    """
    weights = rng.choice([-1.0, 1.0], depth) * rng.uniform(0.5, 1.5, depth) / activation.peak_prime
    zs = _pre_activations(depth, activation, cost, rng)
    x = rng.uniform(0, 1)
    a_prev = np.concatenate([[x], activation.f(zs[:-1])])
    biases = zs - weights * a_prev
    y = rng.uniform(0, 1)
    return ChainParams(weights, biases, x, y)


def _pre_activations(
    n: int, activation: Activation, cost: Cost, rng: np.random.Generator
) -> np.ndarray:
    # up to 30 factors any phi'(z) > 0 is representable (leaky_relu's 0.01 slope included);
    # the last z must give an output the cost admits
    floor = 0.1 * activation.peak_prime if n > 30 else 0.0
    zs = np.array([_draw(rng, lambda z: activation.prime(z) > floor) for _ in range(n)])
    zs[-1] = _draw(rng, lambda z: _admissible(activation, cost, z) and activation.prime(z) > 0)
    return zs


@dataclass(frozen=True)
class RecurrentParams:
    """One random unrolled recurrent net: the tied w, u, b, the inputs x_1..x_T, h_0, target y."""

    w: float
    u: float
    b: float
    xs: np.ndarray
    h0: float
    y: float


def random_recurrent(
    steps: int, activation: Activation, cost: Cost, rng: np.random.Generator
) -> RecurrentParams:
    """A random one-unit recurrent net whose dC/dh_1 stays representable in float64.

    As in :func:`random_chain`, the pre-activations z_t are drawn first and the inputs follow:
    x_t = (z_t - w h_{t-1} - b) / u, with |w| uniform in [0.5, 1.5] / max phi'.
    """
    w = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 1.5) / activation.peak_prime)
    u, b = float(rng.uniform(0.5, 1.5)), float(rng.normal())
    zs = _pre_activations(steps, activation, cost, rng)
    h0 = float(rng.uniform(0, 1))
    h_prev = np.concatenate([[h0], activation.f(zs[:-1])])
    xs = (zs - w * h_prev - b) / u
    return RecurrentParams(w, u, b, xs, h0, float(rng.uniform(0, 1)))


def _mp_forms(activation: Activation, cost: Cost) -> tuple[Callable, Callable]:
    # phi(z) and C(a, y) lambdified to mpmath from the SymPy forms
    z, a, y = sp.symbols("z a y")
    phi = sp.lambdify(z, activation.sympy(z), modules="mpmath")
    return phi, sp.lambdify((a, y), cost.sympy(a, y), modules="mpmath")


def mp_cost(activation: Activation, cost: Cost) -> Callable[..., object]:
    """C(b_1..b_L) of a chain, evaluated in mpmath from the SymPy forms (built once, reused)."""
    phi, c = _mp_forms(activation, cost)

    def total_cost(params: ChainParams, biases: Sequence[object]) -> object:
        a_j = mpmath.mpf(params.x)
        for w_j, b_j in zip(params.weights, biases):
            a_j = phi(mpmath.mpf(w_j) * a_j + b_j)
        return c(a_j, mpmath.mpf(params.y))

    return total_cost


def mp_recurrent_cost(activation: Activation, cost: Cost) -> Callable[..., object]:
    """C(h_1) of an unrolled recurrent net: steps 2..T run from the state h_1, in mpmath."""
    phi, c = _mp_forms(activation, cost)

    def total_cost(params: RecurrentParams, h_1: object) -> object:
        w, u, b = (mpmath.mpf(v) for v in (params.w, params.u, params.b))
        h = h_1
        for x_t in params.xs[1:]:
            h = phi(w * h + u * mpmath.mpf(float(x_t)) + b)
        return c(h, mpmath.mpf(params.y))

    return total_cost


def finite_difference_bias_gradient(
    params: ChainParams, layer: int, total_cost: Callable[..., object], h: float = 1e-30,
    size: float = 0.0,
) -> float:
    """(C(b_k + h) - C(b_k - h)) / 2h by :func:`central_difference` (``size``: where its
    precision starts), with ``total_cost`` from :func:`mp_cost`."""

    def moved(s: object) -> object:
        biases = [mpmath.mpf(float(b)) for b in params.biases]
        biases[layer - 1] += s
        return total_cost(params, biases)

    return central_difference(moved, h, size=size)


def finite_difference_state_gradient(
    params: RecurrentParams, activation: Activation, total_cost: Callable[..., object],
    h: float = 1e-30,
) -> float:
    """(C(h_1 + h) - C(h_1 - h)) / 2h by :func:`central_difference`, with ``total_cost`` from
    :func:`mp_recurrent_cost` and h_1 = phi(w h_0 + u x_1 + b) computed in mpmath."""
    phi = sp.lambdify(sp.Symbol("z"), activation.sympy(sp.Symbol("z")), modules="mpmath")

    def moved(s: object) -> object:
        w, u, b, x_1, h0 = (mpmath.mpf(float(v)) for v in
                            (params.w, params.u, params.b, params.xs[0], params.h0))
        return total_cost(params, phi(w * h0 + u * x_1 + b) + s)

    return central_difference(moved, h)
