"""The chapter's exploding-gradient construction, for any weight W and depth L.

Notation: the chain of :mod:`analytic.symbolic`, z_j = w_j a_{j-1} + b_j, a_j = φ(z_j), with
every w_j = W, input a_0 = x and quadratic cost C = (a_L − y)²/2.

Choose each bias so that z_j sits at z*, the steepest point of φ (where φ″ = 0):
b_1 = z* − W x and b_j = z* − W φ(z*) for j >= 2. Then every factor of the chapter's product is
the same, W φ′(z*), and

    ∂C/∂b_1 = φ′(z*) (W φ′(z*))^(L−1) ∂C/∂a_L.

For the sigmoid z* = 0 and the factor is W/4 (it explodes once |W| > 4); for tanh z* = 0 and
the factor is W (|W| > 1). For relu there is no single steepest point: φ′ = 1 wherever z > 0
and 0 elsewhere. The bias can keep each unit on (z_j = 1 here, so a_j = 1 and
b_j = 1 − W a_{j−1}), and then the factor is exactly W: the bias trick does not raise it above
|W| and there is no saturation to fight, so the product is W^(L−1) — it explodes exactly when
|W| > 1 and vanishes when |W| < 1 — and it is exactly 0 as soon as one unit is off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import mpmath
import numpy as np

from ..core.activations import Activation, sigmoid
from ..core.deferred import Deferred
from ..core.network import backprop, chain_network

sp = Deferred("sympy")  # the gallery's ratios are imported without it


@cache
def _symbols() -> dict[str, Any]:
    return {"Wsym": sp.Symbol("W", real=True), "a_prev": sp.Symbol("a_prev", real=True),
            "b": sp.Symbol("b", real=True), "zs": sp.Symbol("z", real=True),
            "L": sp.Symbol("L", positive=True, integer=True)}


def __getattr__(name: str) -> Any:
    # the symbols W (Wsym), a_prev, b, z (zs) and the depth L, made on first use
    if name in ("Wsym", "a_prev", "b", "zs", "L"):
        return _symbols()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

MAX_DEPTH = 10_000
#: Relative agreement required between the closed form and the backprop.
RTOL = 1e-12


def steepest_point(phi: Activation) -> sp.Expr:
    """z* where φ′ is largest (φ″(z*) = 0 for the smooth φ; 1 stands for any z > 0 where φ is
    linear above 0), asked of the activation."""
    if phi.steepest_point is None:
        raise ValueError(
            f"{phi.spec} has no steepest point to hold the units at: φ′ only approaches its "
            f"supremum {phi.peak_prime:g} as z → ∞"
        )
    return phi.steepest_point


@dataclass(frozen=True)
class Explosion:
    """The construction for one (activation, W, L), derived and confirmed by backprop."""

    activation: Activation
    weight: float
    depth: int
    x: float
    y: float
    z_star: sp.Expr
    first_bias: sp.Expr  # b_1 in W (and the input x)
    bias: sp.Expr  # b_j for j >= 2, in W
    slope: sp.Expr  # φ′(z*)
    factor: sp.Expr  # W φ′(z*)
    dC_da: sp.Expr  # ∂C/∂a_L = φ(z*) − y
    gradient_value: mpmath.mpf  # ∂C/∂b_1 at this W and depth, in mpmath (no overflow)
    biases: tuple[float, ...]  # b_1..b_L at this W, in float64 as the network holds them
    backprop_deltas: tuple[float, ...]  # δ_1..δ_L from analytic.backprop (inf past float64)
    backprop_max_ratio_error: float  # max relative error of δ_j/δ_{j+1} against the factor
    backprop_first_error: float  # relative error of ∂C/∂b_1 (nan where float64 cannot hold it)

    @property
    def backprop_first(self) -> float:
        """∂C/∂b_1 = δ_1 from the backprop."""
        return self.backprop_deltas[0]

    @property
    def gradient(self) -> sp.Expr:
        """∂C/∂b_1 = φ′(z*) (W φ′(z*))^(L−1) ∂C/∂a_L with L symbolic."""
        return self.slope * self.factor ** (_symbols()["L"] - 1) * self.dC_da

    @property
    def factor_value(self) -> float:
        return float(self.factor.subs(_symbols()["Wsym"], self.weight))

    @property
    def beyond_float64(self) -> str | None:
        """"overflow" or "underflow" when ∂C/∂b_1 lies outside float64's normal numbers (so
        the backprop cannot hold it and only the ratios are compared), None when it fits."""
        return beyond_float64(self.gradient_value)

    @property
    def confirmed(self) -> bool:
        first_ok = math.isnan(self.backprop_first_error) or self.backprop_first_error <= RTOL
        return self.backprop_max_ratio_error <= RTOL and first_ok


#: The normal float64 numbers: below TINY a number loses digits (subnormal), then is 0.
TINY, HUGE = float(np.finfo(float).tiny), float(np.finfo(float).max)


def beyond_float64(value: object) -> str | None:
    """"overflow" if |value| is above float64's largest number, "underflow" if it is non-zero
    and below its smallest normal one, None otherwise.

    >>> beyond_float64(mpmath.mpf(10) ** 400), beyond_float64(mpmath.mpf(10) ** -400)
    ('overflow', 'underflow')
    """
    size = abs(mpmath.mpf(value))
    if size > HUGE:
        return "overflow"
    return "underflow" if 0 < size < TINY else None


def _normal(value: float) -> bool:
    return math.isfinite(value) and abs(value) >= TINY


def _exact(value: float) -> sp.Expr:
    return sp.Rational(repr(float(value)))


def explode(
    weight: float, depth: int, activation: Activation = sigmoid(), x: float = 1.0,
    y: float | None = None,
) -> Explosion:
    """Derive the biases, the per-layer factor and ∂C/∂b_1, then confirm them by backprop.

    ``y`` defaults to φ(z*) − 1, which makes ∂C/∂a_L = 1, so ∂C/∂b_1 is the product alone.

    >>> explode(100, 4).factor_value
    25.0
    """
    phi = activation
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be an integer from 1 to {MAX_DEPTH}, got {depth}")
    if not np.isfinite(weight) or weight == 0:
        raise ValueError(f"the weight must be a non-zero number, got {weight:g}")
    z_star = steepest_point(phi)
    target = phi.sympy(z_star) - 1 if y is None else _exact(y)
    Wsym, a_prev, b, zs = (_symbols()[k] for k in ("Wsym", "a_prev", "b", "zs"))
    hold = sp.solve(sp.Eq(Wsym * a_prev + b, z_star), b)[0]  # the b that puts z at z*
    first_bias, bias = hold.subs(a_prev, _exact(x)), hold.subs(a_prev, phi.sympy(z_star))
    slope = sp.simplify(phi.sympy_prime(zs).subs(zs, z_star))
    factor = sp.simplify(Wsym * slope)
    dC_da = sp.simplify(phi.sympy(z_star) - target)
    with mpmath.workdps(30):
        value = _mp(slope) * _mp(factor.subs(Wsym, _exact(weight))) ** (depth - 1) * _mp(dC_da)
    biases = held_biases(phi, weight, float(z_star), x, depth)
    factor_value = float(factor.subs(Wsym, weight))
    deltas, ratio_error = _backprop(phi, weight, biases, x, float(target), factor_value)
    # compared where float64 holds the exact value as a normal number; past it (an overflow to
    # inf, an underflow to a subnormal or 0) the ratios are what the backprop can confirm
    first, exact = deltas[0], float(value) if beyond_float64(value) is None else math.nan
    first_error = abs(first - exact) / abs(exact) if math.isfinite(exact) and exact else (
        0.0 if exact == 0 and first == 0 else math.nan)
    return Explosion(
        phi, weight, depth, x, float(target), z_star, first_bias, bias, slope, factor, dC_da,
        value, tuple(biases), deltas, ratio_error, first_error,
    )


def held_biases(phi: Activation, weight: float, z_star: float, x: float,
                depth: int) -> list[float]:
    """b_j = z* − W a_{j−1}, with a_{j−1} as float64 holds it, layer after layer.

    These are the derived biases (b_1 = z* − W x, b_j = z* − W φ(z*)) up to rounding; computed
    from the forward pass the network actually runs, every z_j rounds to z*. The exact φ(z*)
    rounded once would instead put z_2 off z* by about W·ulp, and each layer multiplies that
    offset by W φ′(z*) (113 for GELU at W = 100): the forward pass, not the backprop, would
    then stray from the construction.
    """
    biases, a = [], x
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(depth):
            biases.append(z_star - weight * a)
            a = float(phi.f(np.array([weight * a + biases[-1]]))[0])
    return biases


def _mp(expr: sp.Expr) -> mpmath.mpf:
    return mpmath.mpf(str(sp.N(expr, 30)))


def _backprop(
    phi: Activation, weight: float, biases: list[float], x: float, y: float, factor: float
) -> tuple[tuple[float, ...], float]:
    """δ_1..δ_L from the NumPy backprop, and the worst relative error of δ_j/δ_{j+1} vs factor."""
    net = chain_network([weight] * len(biases), biases, phi)
    with np.errstate(over="ignore", invalid="ignore"):
        deltas = [float(d[0, 0]) for d in backprop(net, [[x]], [[y]]).deltas]
    # δ_j = φ′(z_j) w_{j+1} δ_{j+1}: compare while both deltas are normal float64 numbers (a
    # subnormal has lost digits, and an underflow to 0 or an overflow to inf has lost all)
    pairs = [(d, e) for d, e in zip(deltas[:-1], deltas[1:]) if _normal(d) and _normal(e)]
    errors = [abs(d / e - factor) / abs(factor) for d, e in pairs]
    return tuple(deltas), max(errors, default=0.0)


@dataclass(frozen=True)
class ExplosionRatios:
    """|∂C/∂b₁| / |∂C/∂b_(k+1)| of an exploding chain, k = 1..depth: backprop and |W φ′(z*)|^k."""

    weight: float
    factor: float
    k: np.ndarray
    backprop: np.ndarray
    closed_form: np.ndarray

    @property
    def relative_difference(self) -> np.ndarray:
        return np.abs(self.backprop - self.closed_form) / np.abs(self.closed_form)


def explosion_ratios(weight: float, depth: int, activation: Activation = sigmoid()
                     ) -> ExplosionRatios:
    """The ratios of a chain of depth + 1 layers held at the steepest point, by backprop.

    >>> explosion_ratios(100.0, 3).backprop.tolist()
    [25.0, 625.0, 15625.0]
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be an integer from 1 to {MAX_DEPTH}, got {depth}")
    factor = weight * activation.peak_prime  # W φ′(z*), known before the chain is built
    decades = abs(math.log10(abs(factor)))
    if depth * decades > 300:
        raise ValueError(
            f"a factor of {factor:g} per layer over {depth} layers is beyond float64; "
            f"use a depth of at most {max(1, int(300 / decades))}"
        )
    e = explode(weight, depth + 1, activation)
    deltas = np.abs(np.array(e.backprop_deltas))
    k = np.arange(1, depth + 1)
    return ExplosionRatios(weight, e.factor_value, k, deltas[0] / deltas[1:],
                           abs(e.factor_value) ** k.astype(float))
