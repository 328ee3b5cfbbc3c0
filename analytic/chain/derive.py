"""SymPy derivation of dC/db_k for the chain network, as the chapter's product.

The chain has one neuron per layer (notation stated once):

    z_j = w_j a_{j-1} + b_j,   a_j = phi(z_j),   j = 1..L,   a_0 = x,   cost C(a_L; y).

The chapter's result (Nielsen, ch. 5, eqs. 121-122) is the product

    dC/db_k = phi'(z_k) * w_{k+1} phi'(z_{k+1}) * ... * w_L phi'(z_L) * dC/da_L.

:func:`derive_chain` derives it by the chain rule through the intermediate variables z_j,

    dC/db_k = dz_k/db_k * prod_{j=k}^{L-1} dz_{j+1}/dz_j * dC/dz_L,

where every local derivative is SymPy's ``diff`` of that layer's own expression with phi
abstract. All layers have the same form, so SymPy differentiates one generic layer
z_{j+1} = w_{j+1} phi(z_j) + b_{j+1} once, with indexed symbols, and the result w_{j+1} phi'(z_j)
is instantiated at each j (one ``diff`` costs about a millisecond; instantiating costs a
fraction of that, which matters at depth 2000). The derivation returns the result and nothing
else: checking it is :mod:`analytic.chain.verify`'s job.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from ..core.activations import Activation, sigmoid
from ..core.costs import Cost, quadratic
from ..core.network import chain_network, feedforward

#: Deepest chain :func:`derive_chain` accepts.
MAX_DEPTH = 2000

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n: int) -> str:
    """Unicode subscript digits: subscript(12) == '₁₂'."""
    return str(n).translate(_SUBSCRIPTS)


@dataclass(frozen=True)
class ChainSymbols:
    """The symbols of a chain of depth L: w_j, b_j, z_j for j = 1..L, input x, target y."""

    depth: int

    @cached_property
    def w(self) -> tuple[sp.Symbol, ...]:
        return _indexed("w", self.depth)

    @cached_property
    def b(self) -> tuple[sp.Symbol, ...]:
        return _indexed("b", self.depth)

    @cached_property
    def z(self) -> tuple[sp.Symbol, ...]:
        return _indexed("z", self.depth)

    x = sp.Symbol("x", real=True)
    y = sp.Symbol("y", real=True)


@functools.cache
def chain_symbols(depth: int) -> ChainSymbols:
    """The symbols of a chain of this depth, made once."""
    return ChainSymbols(depth)


def _indexed(name: str, depth: int) -> tuple[sp.Symbol, ...]:
    # index 0 is layer 1, so w[j - 1] is w_j
    return sp.symbols(f"{name}_1:{depth + 1}", real=True)


class _Named(sp.Function):
    """An abstract function of one argument that prints as its registered notation."""

    text = "f"
    tex = "f"
    show_arg = True  # False prints f alone, as for ∂C/∂a_L, whose argument stays implicit

    def _latex(self, printer: object) -> str:
        arg = rf"\left({printer._print(self.args[0])}\right)" if self.show_arg else ""
        return self.tex + arg

    def _sympystr(self, printer: object) -> str:
        return f"{self.text}({self.args[0]})" if self.show_arg else self.text


@functools.cache
def abstract(name: str, text: str, tex: str, show_arg: bool = True) -> type[sp.Function]:
    """The abstract function ``name`` (a Python identifier), printed as ``text`` and ``tex``.

    One class per name, so two derivations of the same activation share their phi'.
    """
    return type(name, (_Named,), {"text": text, "tex": tex, "show_arg": show_arg})


#: The activation as an abstract function: the chain rule runs on phi, and a registered
#: activation is substituted afterwards (SymPy's diff costs ~1 ms a call with phi abstract and
#: ~5 ms with the sigmoid written out).
PHI = sp.Function("phi", real=True)
PHI_PRIME = sp.Function("phi_prime", real=True)


def with_prime(expr: sp.Expr) -> sp.Expr:
    """Write each Derivative(phi(z), z) as phi_prime(z)."""
    return expr.replace(
        lambda e: isinstance(e, sp.Derivative) and e.expr.func == PHI,
        lambda e: PHI_PRIME(e.expr.args[0]),
    )


def substitute_activation(expr: sp.Expr, activation: Activation) -> sp.Expr:
    """Replace the abstract phi and phi' by a registered activation and its SymPy derivative."""
    t = sp.Symbol("t", real=True)
    return expr.replace(PHI, sp.Lambda(t, activation.sympy(t))).replace(
        PHI_PRIME, sp.Lambda(t, activation.sympy_prime(t))
    )


# --- the generic layer -------------------------------------------------------------------------
_j = sp.Idx("j")
_W, _B, _Z = (sp.IndexedBase(name, real=True) for name in "wbz")
_A = sp.IndexedBase("a", real=True)


@functools.cache
def generic_layer() -> tuple[sp.Expr, sp.Expr]:
    """(dz_j/db_j, dz_{j+1}/dz_j) of the generic layer, each by one ``sympy.diff``.

    >>> generic_layer()
    (1, phi_prime(z[j])*w[j + 1])
    """
    bias_factor = sp.diff(_W[_j] * _A[_j - 1] + _B[_j], _B[_j])
    layer_factor = with_prime(sp.diff(_W[_j + 1] * PHI(_Z[_j]) + _B[_j + 1], _Z[_j]))
    return bias_factor, layer_factor


#: Placeholders for w_{j+1} and z_j in the generic layer's derivative.
_W_NEXT, _Z_HERE = sp.symbols("w_next z_here", real=True)


@functools.cache
def _layer_template() -> sp.Expr:
    # the generic derivative with plain placeholders for its indexed symbols: instantiating
    # it then swaps two symbols (xreplace looking up Indexed keys costs twice as much)
    return generic_layer()[1].xreplace({_W[_j + 1]: _W_NEXT, _Z[_j]: _Z_HERE})


def layer_factor(s: ChainSymbols, j: int) -> sp.Expr:
    """dz_{j+1}/dz_j = w_{j+1} phi'(z_j): the generic layer's derivative at layer j."""
    return _layer_template().xreplace({_W_NEXT: s.w[j], _Z_HERE: s.z[j - 1]})


def cost_factor(cost: Cost, z_L: sp.Symbol, y: sp.Symbol) -> sp.Expr:
    """dC/dz_L = d/dz_L C(phi(z_L); y), by ``sympy.diff`` with phi abstract."""
    return with_prime(sp.diff(cost.sympy(PHI(z_L), y), z_L))


def chain_rule_factors(s: ChainSymbols, layer: int, cost: Cost) -> list[sp.Expr]:
    """dC/db_k as local SymPy derivatives, one per step of the chain rule, input side first:
    dz_k/db_k, dz_{k+1}/dz_k, ..., dz_L/dz_{L-1}, dC/dz_L."""
    factors = [generic_layer()[0]]
    factors += [layer_factor(s, j) for j in range(layer, s.depth)]
    factors.append(cost_factor(cost, s.z[-1], s.y))
    return factors


# --- the result --------------------------------------------------------------------------------
class ProductForm:
    """What a derivation of a gradient as a product shows, whatever the network.

    A subclass has ``activation``, ``cost``, ``chain_factors`` (SymPy's local derivatives, phi
    abstract and its derivative written phi_prime), ``groups`` (the book's factors, grouped as
    the chain rule groups them: group i multiplies to chain factor i) and ``lhs``/``lhs_tex``
    (∂C/∂b₁, say).
    """

    activation: Activation
    cost: Cost
    chain_factors: tuple[sp.Expr, ...]
    groups: tuple[tuple[sp.Expr, ...], ...]
    lhs: str
    lhs_tex: str

    @property
    def factors(self) -> tuple[sp.Expr, ...]:
        """The book's product, one factor at a time, in its order."""
        return tuple(f for group in self.groups for f in group)

    @cached_property
    def gradient(self) -> sp.Expr:
        """SymPy's gradient: the product of the chain-rule factors."""
        return sp.Mul(*self.chain_factors)

    @property
    def product(self) -> sp.Expr:
        """The book's product, with phi' and the cost's derivative as abstract functions."""
        return sp.Mul(*self.factors, evaluate=False)

    def concrete_gradient(self) -> sp.Expr:
        """SymPy's gradient with the registered activation written out (slow for deep nets)."""
        return substitute_activation(self.gradient, self.activation)

    def factor_strings(self) -> list[str]:
        """One readable string per factor, in the book's order: σ′(z₁), w₂, σ′(z₂), ..."""
        return [factor_text(f) for f in self.factors]

    def text(self) -> str:
        """∂C/∂b₁ = σ′(z₁)·w₂·σ′(z₂)·…·∂C/∂a_L in Unicode."""
        return f"{self.lhs} = " + "·".join(self.factor_strings())

    def product_text(self) -> str:
        return "".join(self.factor_strings())

    def latex(self) -> str:
        """The identity as LaTeX for a math environment (no packages beyond amsmath)."""
        return f"{self.lhs_tex} = {latex_product(self.factors)}"

    def _repr_latex_(self) -> str:
        # a notebook sets it inline: display style keeps the fractions full size
        return rf"$\displaystyle {self.latex()}$"

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({short_identity(self.text())}, "
                f"activation={self.activation.spec!r}, cost={self.cost.name!r})")

    @cached_property
    def _product_function(self) -> Callable[[dict], float]:
        return product_function(self.chain_factors, self.activation)


@dataclass(frozen=True, repr=False)
class Derivation(ProductForm):
    """dC/db_k of a chain of depth L: SymPy's chain-rule factors and the chapter's product."""

    depth: int
    layer: int
    activation: Activation
    cost: Cost
    chain_factors: tuple[sp.Expr, ...]
    groups: tuple[tuple[sp.Expr, ...], ...]

    @property
    def symbols(self) -> ChainSymbols:
        return chain_symbols(self.depth)

    @property
    def lhs(self) -> str:
        return f"∂C/∂b{subscript(self.layer)}"

    @property
    def lhs_tex(self) -> str:
        return rf"\frac{{\partial C}}{{\partial b_{{{self.layer}}}}}"

    @property
    def gradient_name(self) -> str:
        return f"∂C/∂b{self.layer}"

    def evaluate(self, weights: Sequence[float], biases: Sequence[float], x: float, y: float):
        """The numeric value of SymPy's dC/db_k at these parameters.

        The forward pass (z_j) runs in float64 like the network would; the chain-rule factors
        are evaluated and multiplied in mpmath, so a deep chain's tiny product does not
        underflow on the way (the returned float may still be 0.0 below 1e-308).
        """
        if len(weights) != self.depth or len(biases) != self.depth:
            raise ValueError(
                f"need {self.depth} weights and biases, got {len(weights)} and {len(biases)}"
            )
        import numpy as np


        net = chain_network(weights, biases, self.activation)
        zs = [float(z[0, 0]) for z in feedforward(net, np.array([[x]]))[0]]
        s = self.symbols
        return self._product_function({**dict(zip(s.w, weights)), **dict(zip(s.z, zs)), s.y: y})


def derive_chain(
    depth: int,
    layer: int = 1,
    activation: Activation = sigmoid(),
    cost: Cost = quadratic(),
) -> Derivation:
    """Derive dC/db_layer for a chain of ``depth`` layers as the chapter's product.

    >>> d = derive_chain(3)
    >>> d.product_text()
    'σ′(z₁)w₂σ′(z₂)w₃σ′(z₃)∂C/∂a₃'
    >>> d
    Derivation(∂C/∂b₁ = σ′(z₁)·w₂·σ′(z₂)·w₃·σ′(z₃)·∂C/∂a₃, activation='sigmoid', cost='quadratic')
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be an integer from 1 to {MAX_DEPTH}, got {depth}")
    if not 1 <= layer <= depth:
        raise ValueError(f"layer must be an integer from 1 to the depth ({depth}), got {layer}")
    s = chain_symbols(depth)
    return Derivation(depth, layer, activation, cost,
                      tuple(chain_rule_factors(s, layer, cost)),
                      _product_groups(s, layer, activation))


def phi_prime_of(activation: Activation) -> type[sp.Function]:
    """phi' of a registered activation as an abstract function printed σ′, tanh′, ..."""
    return abstract(f"{activation.name}_prime", f"{activation.symbol}′", rf"{activation.latex}'")


def _product_groups(
    s: ChainSymbols, layer: int, activation: Activation
) -> tuple[tuple[sp.Expr, ...], ...]:
    # dz_k/db_k = 1 has no factor of its own; dz_{j+1}/dz_j is phi'(z_j) w_{j+1};
    # dC/dz_L is phi'(z_L) dC/da_L, where dC/da_L depends on z_L through a_L = phi(z_L)
    L = s.depth
    phi_prime = phi_prime_of(activation)
    dC_da = abstract(f"dC_da{L}", "∂C/∂a" + subscript(L),
                     rf"\frac{{\partial C}}{{\partial a_{{{L}}}}}", show_arg=False)
    groups = [()] + [(phi_prime(s.z[j - 1]), s.w[j]) for j in range(layer, L)]
    return (*groups, (phi_prime(s.z[L - 1]), dC_da(s.z[L - 1])))


# --- rendering helpers shared with the tied derivation -----------------------------------------
def factor_text(factor: sp.Expr) -> str:
    """σ′(z₁) for an abstract factor, w₂ for a symbol w_2, w for w."""
    if isinstance(factor, _Named):
        return factor.text + (f"({factor_text(factor.args[0])})" if factor.show_arg else "")
    name, _, index = factor.name.partition("_")
    return name + (subscript(int(index)) if index else "")


def latex_product(factors: Sequence[sp.Expr]) -> str:
    """The factors as LaTeX separated by thin spaces (one printer for all of them)."""
    from sympy.printing.latex import LatexPrinter

    printer = LatexPrinter()
    return r" \, ".join(printer.doprint(f) for f in factors)


def short_identity(text: str, keep: int = 3) -> str:
    """An identity a·b·c·… shortened to its first and last ``keep`` factors."""
    lhs, _, rhs = text.partition(" = ")
    parts = rhs.split("·")
    if len(parts) > 2 * keep + 1:
        parts = [*parts[:keep], "…", *parts[-keep:]]
    return f"{lhs} = {'·'.join(parts)}"


def product_function(
    factors: Sequence[sp.Expr], activation: Activation
) -> Callable[[dict], float]:
    """A function of {symbol: value} that multiplies ``factors`` in 30-digit mpmath.

    Each factor is a few products, sums and powers of symbols, phi and phi' (and whatever the
    cost's derivative holds): it is evaluated node by node as it stands, with phi and phi'
    lambdified once, and any other function lambdified once where it occurs. One lambdified
    product of 4000 operands, by contrast, exceeds Python's recursion limit near depth 1500.
    """
    import mpmath

    t = sp.Symbol("t", real=True)
    phi = sp.lambdify(t, activation.sympy(t), "mpmath")
    phi_prime = sp.lambdify(t, activation.sympy_prime(t), "mpmath")
    subtrees: dict[sp.Expr, Callable] = {}

    def value(e: sp.Expr, at: dict) -> object:
        if e.is_Symbol:
            return at[e]
        if e.is_Rational:
            return mpmath.mpf(e.p) / e.q
        if e.is_Mul:
            return mpmath.fprod(value(a, at) for a in e.args)
        if e.is_Add:
            return mpmath.fsum(value(a, at) for a in e.args)
        if e.is_Pow:
            return value(e.base, at) ** value(e.exp, at)
        if e.func is PHI_PRIME:  # by identity: hashing a function class is slow
            return phi_prime(value(e.args[0], at))
        if e.func is PHI:
            return phi(value(e.args[0], at))
        if e not in subtrees:  # any other node: lambdified once, as a function of its symbols
            symbols = sorted(e.free_symbols, key=lambda v: v.name)
            subtrees[e] = (sp.lambdify(symbols, e, "mpmath"), symbols)
        f, symbols = subtrees[e]
        return f(*(at[v] for v in symbols))

    def product(at: dict) -> float:
        with mpmath.workdps(30):
            # mpf values: a product of 1000 weights of 4 overflows float64, not mpmath
            values = {v: mpmath.mpf(float(x)) for v, x in at.items()}
            return float(mpmath.fprod(value(f, values) for f in factors))

    return product
