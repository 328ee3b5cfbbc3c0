"""The activation object: an activation's SymPy form, its NumPy forms and the facts other code
asks of it (its peak derivative, where it is steepest, its slope below 0 if it is piecewise
linear, its output range and saturation band); :mod:`.activations` registers the activations by
name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

import numpy as np

from .deferred import Deferred
from .limits import exact

# SymPy and mpmath are needed only when an activation is derived or its facts computed: listing
# and parsing names (the command line's --help) does not import them
sp, mpmath = Deferred("sympy"), Deferred("mpmath")
Array = np.ndarray
#: A bounded activation's output is *saturated* within this share of its range of either end:
#: the sigmoid's a < 0.02 or a > 0.98, tanh's |a| > 0.96 (the one threshold every experiment
#: counts by; see :func:`saturation_band`).
SATURATION_MARGIN = 0.02


def saturation_band(low: float, high: float, margin: float = SATURATION_MARGIN
                    ) -> tuple[float, float]:
    """The unsaturated outputs of an activation with range (low, high): those more than
    ``margin`` of the range from either end.

    >>> saturation_band(0.0, 1.0), saturation_band(-1.0, 1.0)
    ((0.02, 0.98), (-0.96, 0.96))
    """
    band = margin * (high - low)
    return low + band, high - band


@cache
def z_symbol() -> sp.Symbol:
    """The real variable z of every SymPy form."""
    return sp.Symbol("z", real=True)


@dataclass(frozen=True, eq=False)
class Activation:
    """One activation function phi, in symbolic and numeric form, with the facts others ask.

    ``symbol`` and ``latex`` name phi in formulas (so the sigmoid's derivative reads σ′(z₁)).
    ``negative_slope`` is set for the piecewise-linear family (phi(z) = z above 0 and
    slope * z below: relu 0, leaky_relu, prelu, rrelu); ``linear_above_zero`` also holds for
    elu. ``steepest`` is where phi' is largest, exact where it is known (a number, a SymPy
    expression, or "solve" to find the root of phi'' numerically), None where phi' only
    approaches its supremum as z -> infinity (softplus). ``sigmoid_form`` is (A, c) when
    phi = A sigma(c z) + B. ``logistic`` marks phi' = phi (1 - phi), the sigmoid's.

    Facts a trainable network asks: ``slope_learned`` marks a negative slope that is a
    parameter trained by backprop (prelu; ``negative_slope`` is its starting value);
    ``slope_band`` = (lower, upper) marks a negative slope drawn from U(lower, upper) in
    training (rrelu; ``negative_slope`` is the band's mean, used at test time);
    ``saturation`` = (low, high) says that phi(z) outside [low, high] counts as saturated
    (:func:`saturation_band`: within :data:`SATURATION_MARGIN` of the range of either end).
    ``f_and_prime``, when given, returns (phi(z), phi'(z)) in one pass, sharing their work.

    Two activations are equal when their :attr:`spec` is: the same function with the same
    parameters.
    """

    name: str
    expr: Callable[[sp.Expr], sp.Expr]
    f: Callable[[Array], Array]
    prime: Callable[[Array], Array]
    symbol: str
    latex: str
    params: Mapping[str, float] = field(default_factory=dict)
    negative_slope: float | None = None
    linear_above_zero: bool = False
    steepest: float | sp.Expr | str | None = None
    sigmoid_form: tuple[float, float] | None = None
    logistic: bool = False
    slope_learned: bool = False
    slope_band: tuple[float, float] | None = None
    saturation: tuple[float, float] | None = None
    f_and_prime: Callable[[Array], tuple[Array, Array]] | None = None

    def value_and_prime(self, z: Array) -> tuple[Array, Array]:
        """(phi(z), phi'(z)) in one pass where the activation shares their work, equal to
        (f(z), prime(z)) to the last bit.

        >>> from analytic.core.activations import sigmoid
        >>> a, prime = sigmoid().value_and_prime(np.array([0.0]))
        >>> float(a[0]), float(prime[0])
        (0.5, 0.25)
        """
        if self.f_and_prime is not None:
            return self.f_and_prime(z)
        return self.f(z), self.prime(z)

    def sympy(self, z: sp.Expr) -> sp.Expr:
        """phi(z) as a SymPy expression."""
        return self.expr(z)

    def sympy_prime(self, z: sp.Symbol) -> sp.Expr:
        """phi'(z), obtained by SymPy differentiation of :meth:`sympy`."""
        return sp.diff(self.expr(z), z)

    @property
    def spec(self) -> str:
        """The name with its parameters, as the command line accepts it (each parameter to the
        last bit: the spec reads back as the same activation)."""
        if not self.params:
            return self.name
        return self.name + ":" + ",".join(f"{k}={exact(v)}" for k, v in self.params.items())

    @property
    def label(self) -> str:
        """The name as people read it: the spec without its parameters when they are the
        defaults.

        >>> from analytic.core.activations import leaky_relu, rrelu
        >>> rrelu().spec, rrelu().label, leaky_relu(0.2).label
        ('rrelu:lower=0.125,upper=0.3333333333333333', 'rrelu', 'leaky_relu:slope=0.2')
        """
        from .activations import ACTIVATIONS  # the registry, which imports this module

        registered = ACTIVATIONS.get(self.name)
        default = registered is not None and registered().params == self.params
        return self.name if default else self.spec

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Activation) and other.spec == self.spec

    def __hash__(self) -> int:
        return hash(self.spec)

    @property
    def piecewise_linear(self) -> bool:
        """phi(z) = z for z > 0 and negative_slope * z below (the relu family)."""
        return self.negative_slope is not None

    @cached_property
    def steepest_point(self) -> sp.Expr | None:
        """z* where phi' is largest, as a SymPy number; for phi linear above 0, 1 stands for
        every z > 0. None when phi' only approaches its supremum as z -> +infinity.

        >>> from analytic.core.activations import gelu
        >>> gelu().steepest_point
        sqrt(2)
        """
        if self.steepest == "solve":
            return _root_of_second_derivative(self)
        return None if self.steepest is None else sp.sympify(self.steepest)

    @cached_property
    def peak_prime(self) -> float:
        """max phi' (its supremum where it is not attained).

        >>> from analytic.core.activations import sigmoid
        >>> sigmoid().peak_prime
        0.25
        """
        if self.steepest_point is None:
            z = z_symbol()
            return float(sp.limit(self.sympy_prime(z), z, sp.oo))
        return float(self.prime(np.array([float(self.steepest_point)]))[0])


def _root_of_second_derivative(phi: Activation, digits: int = 30) -> sp.Float:
    # phi'' = 0 near the largest phi' on a grid, refined by mpmath's root finder
    grid = np.linspace(-10.0, 10.0, 2001)
    start = float(grid[np.argmax(phi.prime(grid))])
    z = z_symbol()
    second = sp.lambdify(z, sp.diff(phi.sympy(z), z, 2), "mpmath")
    with mpmath.workdps(digits):
        return sp.Float(mpmath.findroot(second, start), digits)
