"""SymPy derivation of dC/dh_1 for a one-unit recurrent net unrolled in time: the tied chain.

Notation, stated once (as in :mod:`analytic.core.recurrent`):

    z_t = w h_{t-1} + u x_t + b,   h_t = phi(z_t),   t = 1..T,   cost C(h_T; y).

Unrolled for T steps this is the chain network with every weight w_j = w (tied) and the
bias b_j = u x_t + b. The gradient that reaches the first state is the chain's product with
one weight repeated:

    dC/dh_1 = w phi'(z_2) * w phi'(z_3) * ... * w phi'(z_T) * dC/dh_T
            = w^(T-1) prod phi'(z_t) dC/dh_T,

so it vanishes or explodes like w^(T-1) (Bengio et al. 1994; Pascanu et al. 2013). The
derivation runs the chain rule through z_2, ..., z_T with SymPy: dz_2/dh_1 and the generic step
dz_{t+1}/dz_t of z_{t+1} = w phi(z_t) + u x_{t+1} + b are each one ``sympy.diff``, instantiated
at every step.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from ..core.activations import Activation, tanh
from ..core.costs import Cost, quadratic
from .derive import (
    MAX_DEPTH,
    PHI,
    ProductForm,
    abstract,
    cost_factor,
    phi_prime_of,
    subscript,
    with_prime,
)

#: Longest unrolling :func:`derive_tied` accepts.
MAX_STEPS = MAX_DEPTH


@dataclass(frozen=True)
class TiedSymbols:
    """The symbols of T unrolled steps: the tied w, u, b, states h_t, inputs x_t, z_t, y."""

    steps: int

    @cached_property
    def z(self) -> tuple[sp.Symbol, ...]:
        return sp.symbols(f"z_1:{self.steps + 1}", real=True)

    @cached_property
    def x(self) -> tuple[sp.Symbol, ...]:
        return sp.symbols(f"x_1:{self.steps + 1}", real=True)

    @cached_property
    def h(self) -> tuple[sp.Symbol, ...]:
        return sp.symbols(f"h_0:{self.steps + 1}", real=True)  # h[t] is h_t, h[0] = h_0

    w, u, b, y = sp.symbols("w u b y", real=True)


@functools.cache
def tied_symbols(steps: int) -> TiedSymbols:
    """The symbols of this many unrolled steps, made once."""
    return TiedSymbols(steps)


_t = sp.Idx("t")
_Z, _X, _H = (sp.IndexedBase(name, real=True) for name in "zxh")
_w, _u, _b = sp.symbols("w u b", real=True)


@functools.cache
def generic_step() -> tuple[sp.Expr, sp.Expr]:
    """(dz_{t+1}/dh_t, dz_{t+1}/dz_t) of the generic step, each by one ``sympy.diff``.

    >>> generic_step()
    (w, w*phi_prime(z[t]))
    """
    state_factor = sp.diff(_w * _H[_t] + _u * _X[_t + 1] + _b, _H[_t])
    step_factor = with_prime(sp.diff(_w * PHI(_Z[_t]) + _u * _X[_t + 1] + _b, _Z[_t]))
    return state_factor, step_factor


_Z_HERE = sp.Symbol("z_here", real=True)  # z_t in the generic step's derivative


@functools.cache
def _step_template() -> sp.Expr:
    # the generic derivative with a plain placeholder for z_t, cheap to instantiate
    return generic_step()[1].xreplace({_Z[_t]: _Z_HERE})


def tied_chain_rule_factors(s: TiedSymbols, cost: Cost) -> list[sp.Expr]:
    """dC/dh_1 as local SymPy derivatives: dz_2/dh_1, dz_3/dz_2, ..., dz_T/dz_{T-1}, dC/dz_T.

    With one step there is no z after h_1, and the only factor is dC/dh_1 at h_1 = phi(z_1).
    """
    if s.steps == 1:
        h = s.h[1]
        return [with_prime(sp.diff(cost.sympy(h, s.y), h)).subs(h, PHI(s.z[0]))]
    factors = [generic_step()[0].xreplace({_w: s.w})]
    factors += [_step_template().xreplace({_Z_HERE: s.z[t - 1]}) for t in range(2, s.steps)]
    factors.append(cost_factor(cost, s.z[-1], s.y))
    return factors


@dataclass(frozen=True, repr=False)
class TiedDerivation(ProductForm):
    """dC/dh_1 of a one-unit recurrent net unrolled for T steps, as a product with tied w."""

    steps: int
    activation: Activation
    cost: Cost
    chain_factors: tuple[sp.Expr, ...]
    groups: tuple[tuple[sp.Expr, ...], ...]

    @property
    def depth(self) -> int:
        """The unrolled net's depth: one layer per step."""
        return self.steps

    @property
    def symbols(self) -> TiedSymbols:
        return tied_symbols(self.steps)

    lhs = "∂C/∂h₁"
    lhs_tex = r"\frac{\partial C}{\partial h_{1}}"
    gradient_name = "∂C/∂h1"

    def evaluate(self, w: float, u: float, b: float, xs: Sequence[float], h0: float, y: float):
        """The numeric value of SymPy's dC/dh_1 at these parameters and inputs.

        The forward pass runs in float64 (:func:`analytic.core.recurrent.unroll`); the product
        is multiplied in mpmath, so w^(T-1) neither overflows nor underflows on the way.
        """
        if len(xs) != self.steps:
            raise ValueError(f"need {self.steps} inputs x_t, got {len(xs)}")
        from ..core.recurrent import recurrent_unit, unroll

        zs, _ = unroll(recurrent_unit(w, u, b, self.activation), xs, h0)
        s = self.symbols
        return self._product_function({s.w: w, **dict(zip(s.z, zs)), s.y: y})


def derive_tied(
    steps: int, activation: Activation = tanh(), cost: Cost = quadratic(),
) -> TiedDerivation:
    """Derive dC/dh_1 of a one-unit recurrent net unrolled for ``steps`` steps.

    >>> derive_tied(3)
    TiedDerivation(∂C/∂h₁ = w·tanh′(z₂)·w·tanh′(z₃)·∂C/∂h₃, activation='tanh', cost='quadratic')
    >>> derive_tied(3).gradient
    w**2*(-y + phi(z_3))*phi_prime(z_2)*phi_prime(z_3)
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise ValueError(
            f"the number of steps must be an integer from 1 to {MAX_STEPS}, got {steps}"
        )
    s = tied_symbols(steps)
    return TiedDerivation(steps, activation, cost, tuple(tied_chain_rule_factors(s, cost)),
                          _tied_groups(s, activation))


def _tied_groups(s: TiedSymbols, activation: Activation) -> tuple[tuple[sp.Expr, ...], ...]:
    # dz_2/dh_1 is w; dz_{t+1}/dz_t is phi'(z_t) w; dC/dz_T is phi'(z_T) dC/dh_T
    T = s.steps
    dC_dh = abstract(f"dC_dh{T}", "∂C/∂h" + subscript(T),
                     rf"\frac{{\partial C}}{{\partial h_{{{T}}}}}", show_arg=False)
    if T == 1:
        return ((dC_dh(s.z[0]),),)
    phi_prime = phi_prime_of(activation)
    groups = [(s.w,)] + [(phi_prime(s.z[t - 1]), s.w) for t in range(2, T)]
    return (*groups, (phi_prime(s.z[T - 1]), dC_dh(s.z[T - 1])))
