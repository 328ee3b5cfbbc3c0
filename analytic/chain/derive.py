"""SymPy derivation of dC/db_k for the chain network, and its product form.

The chain has one neuron per layer (notation stated once):

    z_j = w_j a_{j-1} + b_j,   a_j = phi(z_j),   j = 1..L,   a_0 = x,   cost C(a_L; y).

The chapter's result (Nielsen, ch. 5, eqs. 121-122) is the product

    dC/db_k = phi'(z_k) * w_{k+1} phi'(z_{k+1}) * ... * w_L phi'(z_L) * dC/da_L.

:func:`derive_chain` differentiates with SymPy (``sympy.diff`` on each layer's local
expression, chained through the intermediate variables z_j: a fully nested ``diff`` hits
Python's recursion limit near depth 50), builds the chapter's product with phi' and dC/da_L
as abstract functions, and checks that the two agree: exactly in SymPy; against the fully
nested differentiation where that is tractable (depth <= 8); and numerically against the
NumPy backprop at random chains, at every depth.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import mpmath
import numpy as np
import sympy as sp

from ..core.activations import Activation, get_activation
from ..core.costs import Cost, get_cost
from ..core.network import backprop, chain, feedforward
from . import references as checks

#: Deepest chain :func:`derive_chain` accepts.
MAX_DEPTH = 2000
#: Deepest chain for which the fully nested differentiation is also compared.
NESTED_MAX_DEPTH = 8
#: Random chains compared with the backprop inside every derivation.
NUMERIC_TRIALS = 3

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


def _abstract(text: str, tex: str, show_arg: bool = True) -> type[sp.Function]:
    attrs = {"text": text, "tex": tex, "show_arg": show_arg}
    return type(f"Abstract_{abs(hash((text, tex)))}", (_Named,), attrs)


#: The activation as an abstract function: the chain rule runs on phi, and a registered
#: activation is substituted afterwards (SymPy's diff costs ~1 ms a call with phi abstract and
#: ~5 ms with the sigmoid written out, which matters at depth 1000).
PHI = sp.Function("phi", real=True)
PHI_PRIME = sp.Function("phi_prime", real=True)


# --- differentiation ---------------------------------------------------------------------------
def chain_rule_factors(s: ChainSymbols, layer: int, cost: Cost) -> list[sp.Expr]:
    """dC/db_k as local SymPy derivatives, one per step of the chain rule, input side first.

    dC/db_k = dz_k/db_k * prod_{j=k}^{L-1} dz_{j+1}/dz_j * dC/dz_L: each term is ``sympy.diff``
    of that layer's own expression in the intermediate variables, with phi abstract.
    """
    L = s.depth
    z_k_local = s.w[layer - 1] * sp.Symbol("a_prev") + s.b[layer - 1]
    factors = [sp.diff(z_k_local, s.b[layer - 1])]
    for j in range(layer, L):  # z_{j+1} = w_{j+1} phi(z_j) + b_{j+1}, differentiated in z_j
        factors.append(sp.diff(s.w[j] * PHI(s.z[j - 1]) + s.b[j], s.z[j - 1]))
    factors.append(sp.diff(cost.sympy(PHI(s.z[L - 1]), s.y), s.z[L - 1]))
    return factors


def with_prime(expr: sp.Expr) -> sp.Expr:
    """Write each Derivative(phi(z), z) as phi_prime(z)."""
    return expr.replace(
        lambda e: isinstance(e, sp.Derivative) and e.expr.func == PHI,
        lambda e: PHI_PRIME(e.expr.args[0]),
    )


def substitute_activation(expr: sp.Expr, activation: Activation) -> sp.Expr:
    """Replace the abstract phi by a registered activation and let SymPy differentiate it."""
    t = sp.Symbol("t", real=True)
    return expr.replace(PHI, sp.Lambda(t, activation.sympy(t))).doit()


#: Largest nested a_L (in expression-tree nodes) the nested check builds; beyond it the check
#: is skipped as intractable. The |z|-based forms double (relu) or triple (elu) in size per
#: layer: relu at depth 8 has ~9,000 nodes, elu at depth 8 ~3 million (minutes to build).
NESTED_MAX_NODES = 20_000


def _nodes(expr: sp.Expr) -> int:
    return sum(1 for _ in sp.preorder_traversal(expr))


def nested_gradient(
    s: ChainSymbols, layer: int, activation: Activation, cost: Cost
) -> sp.Expr | None:
    """dC/db_k by one ``sympy.diff`` of the fully nested cost C(phi(w_L phi(...) + b_L); y).

    None when the nested expression outgrows :data:`NESTED_MAX_NODES`.
    """
    a = s.x
    for w, b in zip(s.w, s.b):
        a = activation.sympy(w * a + b)
        if _nodes(a) > NESTED_MAX_NODES:
            return None
    return sp.diff(cost.sympy(a, s.y), s.b[layer - 1])


def nested_z(s: ChainSymbols, activation: Activation) -> dict[sp.Symbol, sp.Expr]:
    """z_j written out in the parameters: {z_1: w_1 x + b_1, z_2: w_2 phi(z_1) + b_2, ...}."""
    out, a = {}, s.x
    for w, b, z in zip(s.w, s.b, s.z):
        out[z] = w * a + b
        a = activation.sympy(out[z])
    return out


# --- the derivation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    """One check that ran: what it compared, whether it passed, and the evidence."""

    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Derivation:
    """dC/db_k of a chain: SymPy's gradient, the chapter's product form, and their checks.

    ``gradient`` is SymPy's chain-rule result with the activation abstract (phi, and
    Derivative(phi(z_j), z_j) for its derivative); :meth:`concrete_gradient` substitutes the
    registered activation. ``factors`` is the chapter's product, in its order.
    """

    depth: int
    layer: int
    activation: Activation
    cost: Cost
    gradient: sp.Expr
    factors: tuple[sp.Expr, ...]
    checks: tuple[Check, ...]
    skipped: tuple[str, ...] = ()

    @property
    def symbols(self) -> ChainSymbols:
        return ChainSymbols(self.depth)

    @property
    def product(self) -> sp.Expr:
        """The chapter's product, with phi' and dC/da_L as abstract functions."""
        return sp.Mul(*self.factors, evaluate=False)

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    def concrete_gradient(self) -> sp.Expr:
        """SymPy's dC/db_k with the registered activation written out (slow for deep chains)."""
        return substitute_activation(self.gradient, self.activation)

    def factor_strings(self) -> list[str]:
        """One readable string per factor, in the chapter's order: σ′(z₁), w₂, σ′(z₂), ..."""
        return [_text(f) for f in self.factors]

    def text(self) -> str:
        """∂C/∂b₁ = σ′(z₁)·w₂·σ′(z₂)·…·∂C/∂a_L in Unicode."""
        return f"∂C/∂b{subscript(self.layer)} = " + "·".join(self.factor_strings())

    def product_text(self) -> str:
        return "".join(self.factor_strings())

    def latex(self) -> str:
        """The identity as LaTeX for a math environment (no packages beyond amsmath)."""
        body = r" \, ".join(sp.latex(f) for f in self.factors)
        return rf"\frac{{\partial C}}{{\partial b_{{{self.layer}}}}} = {body}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    @cached_property
    def _gradient_function(self):  # noqa: ANN202 - a lambdified SymPy expression
        s, t = self.symbols, sp.Symbol("t", real=True)
        # phi and phi' become mpmath functions lambdified from the registered SymPy form
        functions = {
            "phi": sp.lambdify(t, self.activation.sympy(t), "mpmath"),
            "phi_prime": sp.lambdify(t, self.activation.sympy_prime(t), "mpmath"),
        }
        args = (*s.w, *s.z, s.y)
        return sp.lambdify(args, with_prime(self.gradient), modules=[functions, "mpmath"])

    def evaluate(self, weights: Sequence[float], biases: Sequence[float], x: float, y: float):
        """The numeric value of SymPy's dC/db_k at these parameters.

        The forward pass (z_j) runs in float64 like the network would; the gradient expression
        is evaluated in mpmath, so a deep chain's tiny product does not underflow on the way
        (the returned float may still be 0.0 when the true value is below 1e-308).
        """
        if len(weights) != self.depth or len(biases) != self.depth:
            raise ValueError(
                f"need {self.depth} weights and biases, got {len(weights)} and {len(biases)}"
            )
        net = chain(weights, biases, self.activation)
        zs = [float(z[0, 0]) for z in feedforward(net, np.array([[x]]))[0]]
        with mpmath.workdps(30):
            # mpf arguments: the generated code multiplies all w_j first, which overflows
            # float64 at depth 1000 (4^1000) but not mpmath's unbounded exponent
            args = [mpmath.mpf(float(v)) for v in (*weights, *zs, y)]
            value = self._gradient_function(*args)
        return float(value)


def _text(factor: sp.Expr) -> str:
    if isinstance(factor, _Named):
        return factor.text + (f"({_text(factor.args[0])})" if factor.show_arg else "")
    name, _, index = factor.name.partition("_")
    return name + subscript(int(index))


def _product_factors(
    s: ChainSymbols, layer: int, activation: Activation
) -> tuple[list[sp.Expr], type[sp.Function], type[sp.Function]]:
    L = s.depth
    phi_prime = _abstract(f"{activation.symbol}′", rf"{activation.latex}'")
    dC_da = _abstract(
        "∂C/∂a" + subscript(L), rf"\frac{{\partial C}}{{\partial a_{{{L}}}}}", show_arg=False
    )
    factors: list[sp.Expr] = [phi_prime(s.z[layer - 1])]
    for j in range(layer + 1, L + 1):
        factors += [s.w[j - 1], phi_prime(s.z[j - 1])]
    # dC/da_L depends on z_L through a_L = phi(z_L); it prints as ∂C/∂a_L
    factors.append(dC_da(s.z[L - 1]))
    return factors, phi_prime, dC_da


def _is_zero(expr: sp.Expr) -> bool:
    """Whether ``expr`` simplifies to 0, by the cheapest canonical form that settles it.

    ``simplify`` takes tens of seconds at depth 8; measured instead: for the |z|-based relu
    family, expanding the numerator over a common denominator takes about a second; for the
    smooth activations, expanding products (but not powers) and cancelling takes well under one.
    """
    if expr == 0 or sp.together(expr) == 0:
        return True
    if expr.has(sp.Abs, sp.sign):
        return sp.expand(sp.together(expr).as_numer_denom()[0]) == 0
    return sp.cancel(sp.expand(expr, power_exp=False, power_base=False, multinomial=False)) == 0


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    # identical trees first: cheap, and what every w_{j+1} phi'(z_j) pair turns out to be
    return a == b or _is_zero(a - b)


def _product_check(
    s: ChainSymbols, layer: int, cost: Cost, chain_factors: list[sp.Expr],
    factors: list[sp.Expr], phi_prime: type, dC_da: type,
) -> Check:
    # the product regrouped as the chain rule groups it: 1 * (w_{j+1} phi'(z_j)) for j = k..L-1
    # * (phi'(z_L) dC/da_L); each pair must agree, with phi' and dC/da_L made concrete
    a = sp.Symbol("a", real=True)
    to_phi = {f: PHI_PRIME(f.args[0]) for f in factors if isinstance(f, phi_prime)}
    cost_prime = sp.diff(cost.sympy(a, s.y), a).subs(a, PHI(s.z[-1]))
    regrouped = [sp.Integer(1)]
    regrouped += [factors[i] * factors[i + 1] for i in range(0, len(factors) - 2, 2)]
    regrouped.append(factors[-2] * cost_prime)
    pairs = zip(chain_factors, regrouped)
    ok = len(chain_factors) == len(regrouped) and all(
        _same(with_prime(c), p.xreplace(to_phi)) for c, p in pairs
    )
    return Check(
        "symbolic: product form = SymPy chain rule",
        ok,
        f"all {len(regrouped)} chain-rule factors match the product exactly",
    )


def _nested_check(
    s: ChainSymbols, layer: int, activation: Activation, cost: Cost, gradient: sp.Expr,
) -> Check | None:
    nested = nested_gradient(s, layer, activation, cost)
    if nested is None:
        return None
    concrete = substitute_activation(gradient, activation).subs(nested_z(s, activation))
    return Check(
        "symbolic: = fully nested sympy.diff",
        _is_zero(concrete - nested),
        f"difference simplifies to 0 (checked for depth <= {NESTED_MAX_DEPTH})",
    )


def numeric_check(derivation: Derivation, trials: int, rng: np.random.Generator) -> Check:
    """Compare :meth:`Derivation.evaluate` with the NumPy backprop at ``trials`` random chains."""
    worst = 0.0
    for _ in range(trials):
        p = checks.random_chain(derivation.depth, derivation.activation, derivation.cost, rng)
        net = chain(p.weights, p.biases, derivation.activation)
        numeric = backprop(net, [[p.x]], [[p.y]], derivation.cost).nabla_b[derivation.layer - 1]
        symbolic = derivation.evaluate(p.weights, p.biases, p.x, p.y)
        worst = max(worst, checks.relative_error(symbolic, float(numeric[0])))
    return Check(
        "numeric: = NumPy backprop",
        worst <= checks.RTOL,
        f"max relative error {worst:.1e} over {trials} random chains (tolerance {checks.RTOL:g})",
    )


def derive_chain(
    depth: int,
    layer: int = 1,
    activation: str | Activation = "sigmoid",
    cost: str | Cost = "quadratic",
    *,
    seed: int = 0,
) -> Derivation:
    """Derive dC/db_layer for a chain of ``depth`` layers and check it against the chapter.

    >>> d = derive_chain(3)
    >>> d.product_text()
    'σ′(z₁)w₂σ′(z₂)w₃σ′(z₃)∂C/∂a₃'
    >>> d.verified
    True
    """
    activation, cost = get_activation(activation), get_cost(cost)
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be an integer from 1 to {MAX_DEPTH}, got {depth}")
    if not 1 <= layer <= depth:
        raise ValueError(f"layer must be an integer from 1 to the depth ({depth}), got {layer}")
    s = ChainSymbols(depth)
    chain_factors = chain_rule_factors(s, layer, cost)
    gradient = sp.Mul(*chain_factors)
    factors, phi_prime, dC_da = _product_factors(s, layer, activation)
    found = [_product_check(s, layer, cost, chain_factors, factors, phi_prime, dC_da)]
    skipped = []
    nested = _nested_check(s, layer, activation, cost, gradient) if depth <= NESTED_MAX_DEPTH else None
    if nested is not None:
        found.append(nested)
    else:
        skipped.append(
            f"fully nested sympy.diff: not run (depth > {NESTED_MAX_DEPTH})"
            if depth > NESTED_MAX_DEPTH
            else f"fully nested sympy.diff: not run (nested expression over {NESTED_MAX_NODES:,} nodes)"
        )
    derivation = Derivation(depth, layer, activation, cost, gradient, tuple(factors), (), ())
    found.append(numeric_check(derivation, NUMERIC_TRIALS, np.random.default_rng(seed)))
    return dataclasses.replace(derivation, checks=tuple(found), skipped=tuple(skipped))


@dataclass(frozen=True)
class CheckReport:
    """A derivation evaluated at random chains against the backprop and finite differences."""

    derivation: Derivation
    trials: int
    seed: int
    max_rel_error_backprop: float
    max_rel_error_finite_difference: float
    tolerance: float = checks.RTOL

    @property
    def passed(self) -> bool:
        worst = max(self.max_rel_error_backprop, self.max_rel_error_finite_difference)
        return self.derivation.verified and worst <= self.tolerance


def check_chain(
    depth: int,
    layer: int = 1,
    activation: str | Activation = "sigmoid",
    cost: str | Cost = "quadratic",
    *,
    trials: int = 100,
    seed: int = 0,
) -> CheckReport:
    """Evaluate :func:`derive_chain` at ``trials`` random chains (:func:`checks.random_chain`)
    and compare it with the NumPy backprop and with mpmath central finite differences."""
    if trials < 1:
        raise ValueError(f"trials must be at least 1, got {trials}")
    derivation = derive_chain(depth, layer, activation, cost, seed=seed)
    rng = np.random.default_rng(seed)
    total_cost = checks.mp_cost(derivation.activation, derivation.cost)
    worst_bp = worst_fd = 0.0
    for _ in range(trials):
        p = checks.random_chain(depth, derivation.activation, derivation.cost, rng)
        net = chain(p.weights, p.biases, derivation.activation)
        numeric = float(backprop(net, [[p.x]], [[p.y]], derivation.cost).nabla_b[layer - 1][0])
        symbolic = derivation.evaluate(p.weights, p.biases, p.x, p.y)
        fd = checks.finite_difference_bias_gradient(p, layer, total_cost)
        worst_bp = max(worst_bp, checks.relative_error(symbolic, numeric))
        worst_fd = max(worst_fd, checks.relative_error(symbolic, fd))
    return CheckReport(derivation, trials, seed, worst_bp, worst_fd)
