"""Cost functions C(a; y) of the output activation a, each written once and registered by name.

As with the activations, the SymPy expression is the mathematics; the NumPy forms of C and of
dC/da are checked against it in ``tests/test_costs.py``. For a batch, C is the mean over the
examples of the per-example cost summed over output neurons (Nielsen's convention).

Registered: the quadratic cost, the cross-entropy (the chapter's, with sigmoid outputs), and
the log-likelihood -ln a_y of a softmax output (Nielsen, chapter 3; the negative
log-likelihood that Glorot and Bengio 2010 train with), which only a softmax output takes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .deferred import Deferred
from .outputs import Output, Softmax

sp = Deferred("sympy")  # needed only when a cost is derived

Array = np.ndarray


@dataclass(frozen=True, eq=False)
class Cost:
    """One cost C(a; y): SymPy form, NumPy value and gradient, and the range of a it admits.

    ``logistic_pair`` marks the cost that a logistic output simplifies (the cross-entropy):
    dC/da sigma'(z) = a - y and C = softplus(z) - y z, exact where a rounds to 0 or 1.
    ``softmax_pair`` marks the cost that a softmax output simplifies and that needs one (the
    log-likelihood): dC/dz = a - y and C = -y ln a, ln a written from z.
    """

    name: str
    expr: Callable[[sp.Expr, sp.Expr], sp.Expr]
    value: Callable[[Array, Array], Array]
    grad: Callable[[Array, Array], Array]
    a_range: tuple[float, float] = (-np.inf, np.inf)
    logistic_pair: bool = False
    softmax_pair: bool = False

    def sympy(self, a: sp.Expr, y: sp.Expr) -> sp.Expr:
        """C(a; y) as a SymPy expression."""
        return self.expr(a, y)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cost) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def check_output(self, output: Output) -> None:
        """ValueError unless the output layer can be trained with this cost: the
        log-likelihood -ln a_y needs outputs that sum to 1 (a sigmoid output would only be
        pushed to 1 on every unit)."""
        if self.softmax_pair and not isinstance(output, Softmax):
            raise ValueError(f"the {self.name} cost -ln a_y needs a softmax output, not "
                             f"{output.label}")

    def output_delta(self, z: Array, a: Array, y: Array, output: Output) -> Array:
        """delta^L = dC/dz^L, the error at the output layer: dC/da * phi'(z^L) for an
        elementwise output, the softmax's Jacobian times dC/da for the softmax."""
        if (self.logistic_pair and output.logistic) or (
                self.softmax_pair and isinstance(output, Softmax)):
            # cross-entropy: (a - y)/(a(1 - a)) * a(1 - a) = a - y, without the 0/0 that
            # appears in floating point once a rounds to 1; log-likelihood: a * (-y/a + sum y)
            # = a - y for targets that sum to 1, without dividing by an a that underflowed
            return a - y
        if isinstance(output, Softmax):
            return output.backward(a, self.grad(a, y))
        return self.grad(a, y) * output.prime(z)

    def output_value(self, z: Array, a: Array, y: Array, output: Output) -> Array:
        """C(a; y) per output neuron, where a = phi(z^L): from z where a loses it.

        With a logistic output the cross-entropy is softplus(z) - y z, exact where a rounds
        to 0 or 1 (there -log(1 - a) would be infinite); with a softmax output the
        log-likelihood is -y ln a, ln a = z - ln sum(e^z) (a may underflow to 0).

        >>> from analytic.core.activations import sigmoid
        >>> cost = cross_entropy()
        >>> float(cost.output_value(np.array(40.0), np.array(1.0), 0.0, sigmoid()))
        40.0
        """
        if self.softmax_pair and isinstance(output, Softmax):
            return -np.asarray(y) * output.log(z)
        if self.logistic_pair and output.logistic:
            z = np.asarray(z, dtype=float)
            value = np.abs(z, out=np.empty_like(z))  # max(z, 0) + log1p(e^-|z|) - y z
            np.negative(value, out=value)
            np.exp(value, out=value)
            np.log1p(value, out=value)
            value += np.maximum(z, 0.0)
            value -= y * z
            return value
        return self.value(a, y)


def _xlogy(x: Array, y: Array) -> Array:
    # x log y with 0 log 0 = 0, so a target of exactly 0 or 1 costs nothing on its other term
    x, y = np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float))
    out = np.zeros_like(x)
    mask = x != 0
    out[mask] = x[mask] * np.log(y[mask])
    return out


def quadratic() -> Cost:
    return Cost(
        name="quadratic",
        expr=lambda a, y: (a - y) ** 2 / 2,
        value=lambda a, y: 0.5 * (np.asarray(a) - y) ** 2,
        grad=lambda a, y: np.asarray(a) - y,
    )


def cross_entropy() -> Cost:
    return Cost(
        name="cross-entropy",
        expr=lambda a, y: -(y * sp.log(a) + (1 - y) * sp.log(1 - a)),
        value=lambda a, y: -(_xlogy(y, a) + _xlogy(1 - np.asarray(y), 1 - np.asarray(a))),
        grad=lambda a, y: (np.asarray(a) - y) / (np.asarray(a) * (1 - np.asarray(a))),
        a_range=(0.0, 1.0),
        logistic_pair=True,
    )


def log_likelihood() -> Cost:
    """C = -sum_j y_j ln a_j, that is -ln a_y for the one-hot target of class y: the cost of a
    softmax output (with it, delta^L = a - y).

    >>> round(float(log_likelihood().value(np.array([0.5, 0.25]), np.array([0.0, 1.0])).sum()), 6)
    1.386294
    """
    return Cost(
        name="log-likelihood",
        expr=lambda a, y: -y * sp.log(a),
        value=lambda a, y: -_xlogy(y, a),
        grad=lambda a, y: -np.asarray(y) / np.asarray(a),
        a_range=(0.0, 1.0),
        softmax_pair=True,
    )


#: The registry: name -> factory.
COSTS: dict[str, Callable[[], Cost]] = {
    "quadratic": quadratic,
    "cross-entropy": cross_entropy,
    "log-likelihood": log_likelihood,
}


def get_cost(spec: str | Cost) -> Cost:
    """The registered cost named ``spec`` ("quadratic", "cross-entropy", "log-likelihood").

    >>> get_cost("cross_entropy").name
    'cross-entropy'
    """
    if isinstance(spec, Cost):
        return spec
    name = spec.strip().lower().replace("_", "-")
    if name not in COSTS:
        raise ValueError(f"unknown cost {spec!r}; choose from: {', '.join(COSTS)}")
    return COSTS[name]()
