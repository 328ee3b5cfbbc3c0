"""A one-unit recurrent net and backpropagation through time (BPTT), in NumPy.

Notation, stated once: one hidden unit with state h_t, input x_t and tied parameters w, u, b,

    z_t = w h_{t-1} + u x_t + b,   h_t = phi(z_t),   t = 1..T,   h_0 given,   cost C(h_T; y).

Unrolled, this is the chain of :mod:`analytic.core.network` with every w_j = w and
b_j = u x_t + b. BPTT walks the unrolled net backwards: dC/dh_T from the cost, then
delta_t = dC/dz_t = dC/dh_t phi'(z_t) and dC/dh_{t-1} = w delta_t; the tied parameters collect
one term per step (dC/dw = sum_t delta_t h_{t-1}, dC/du = sum_t delta_t x_t, dC/db = sum_t delta_t).
Arrays hold one entry per step, step 1 first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .activations import Activation, tanh
from .costs import Cost, quadratic

Array = np.ndarray


@dataclass(frozen=True)
class RecurrentUnit:
    """The tied parameters w, u, b of one recurrent unit and its activation phi."""

    w: float
    u: float
    b: float
    activation: Activation


def recurrent_unit(
    w: float, u: float, b: float, activation: Activation = tanh()
) -> RecurrentUnit:
    return RecurrentUnit(float(w), float(u), float(b), activation)


def unroll(unit: RecurrentUnit, xs: Sequence[float], h0: float) -> tuple[Array, Array]:
    """The weighted inputs z_1..z_T and the states h_0..h_T for the inputs x_1..x_T."""
    zs, hs = np.empty(len(xs)), np.empty(len(xs) + 1)
    hs[0] = h0
    for t, x_t in enumerate(xs, start=1):
        zs[t - 1] = unit.w * hs[t - 1] + unit.u * x_t + unit.b
        hs[t] = unit.activation.f(np.array([zs[t - 1]]))[0]
    return zs, hs


@dataclass(frozen=True)
class ThroughTime:
    """What one backward pass through time returns; arrays hold one entry per step."""

    dC_dh: Array  # dC/dh_t, t = 1..T
    deltas: Array  # dC/dz_t, t = 1..T
    nabla_w: float
    nabla_u: float
    nabla_b: float


def bptt(
    unit: RecurrentUnit, xs: Sequence[float], h0: float, y: float,
    cost: Cost = quadratic(),
) -> ThroughTime:
    """dC/dh_t and dC/dz_t at every step and the gradients of the tied w, u, b.

    With relu, w = 1/2, u = 1, b = 0, h_0 = 0 and x = (1, 1): h_1 = 1, h_2 = 3/2, and for
    C = h_2^2 / 2, dC/dh_2 = 3/2, dC/dh_1 = w dC/dh_2 = 3/4, dC/dw = delta_2 h_1 = 3/2.

    >>> from analytic.core.activations import relu
    >>> g = bptt(recurrent_unit(0.5, 1.0, 0.0, relu()), [1.0, 1.0], h0=0.0, y=0.0)
    >>> g.dC_dh.tolist(), g.nabla_w
    ([0.75, 1.5], 1.5)
    """
    phi = unit.activation
    zs, hs = unroll(unit, xs, h0)
    T = len(zs)
    dC_dh, deltas = np.empty(T), np.empty(T)
    # backward pass: the output step from the cost, then dC/dh_{t-1} = w delta_t
    dC_dh[-1] = cost.grad(np.array([hs[-1]]), y)[0]
    deltas[-1] = cost.output_delta(np.array([zs[-1]]), np.array([hs[-1]]), y, phi)[0]
    for t in range(T - 1, 0, -1):
        dC_dh[t - 1] = unit.w * deltas[t]
        deltas[t - 1] = dC_dh[t - 1] * phi.prime(np.array([zs[t - 1]]))[0]
    return ThroughTime(dC_dh, deltas, float(deltas @ hs[:-1]), float(deltas @ np.asarray(xs)),
                       float(deltas.sum()))
