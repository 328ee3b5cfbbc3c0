"""Checks of a derivation, run apart from it: the command line chooses which to run and shows
what they found.

A derivation (:mod:`.derive`, :mod:`.tied`) holds SymPy's chain-rule factors and the book's
product, grouped as the chain rule groups it. :func:`verify` checks it three ways:

1. **Product form = SymPy chain rule**, exactly, at every depth: each chain-rule factor equals
   the product of its group of the book's factors, with phi' and the cost's derivative made
   concrete.
2. **= fully nested sympy.diff**, where tractable: one ``sympy.diff`` of the fully nested cost
   C(phi(w_L phi(... phi(w_1 x + b_1) ...) + b_L); y) with the activation written out, compared
   with the derivation. The nested derivative is a function of the biases; the change of
   variables b_j = z_j - w_j a_{j-1} (a triangular, invertible map from the biases to the
   weighted inputs) rewrites it in the z_j, where the derivation lives, so the comparison is
   an identity in z_j, w_j and y, decided exactly by :func:`.zero_test.is_zero`. The check is
   skipped, and said so, where its predicted cost is over budget (before it starts).
3. **Numeric**: the derivation evaluated in mpmath against the NumPy backprop (for the tied
   chain, backpropagation through time) at random parameters.

:func:`check_chain` adds central finite differences (:mod:`.references`) at many random chains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..core import limits
from ..core.activations import Activation, sigmoid
from ..core.costs import Cost, quadratic
from ..core.limits import TRIALS
from ..core.network import backprop, chain_network
from ..core.progress import Progress, begin, tick
from ..core.recurrent import bptt, recurrent_unit
from . import references
from .derive import PHI, PHI_PRIME, Derivation, ProductForm, derive_chain, phi_prime_of
from .tied import TiedDerivation
from .zero_test import is_zero, rationalize

#: Deepest net for which the fully nested differentiation is also compared.
NESTED_MAX_DEPTH = 8
#: Largest predicted cost of the nested check, in weighted nodes (:func:`nested_cost`). On
#: the 2-core reference machine 6,000 take about half a second (relu at depth 8, GELU at 7).
NESTED_BUDGET = 6_000
#: Random parameter sets compared with the backprop in :func:`verify`.
NUMERIC_TRIALS = 3


@dataclass(frozen=True)
class Check:
    """One check that ran: what it compared, whether it passed, and the evidence.

    ``name`` and ``detail`` say it in English (what the JSON holds); ``key`` names the check
    ("product", "nested", "numeric", "numeric_tied") and ``facts`` holds the numbers its detail
    states, unformatted, so that a report can say the same in another language.
    """

    name: str
    passed: bool
    detail: str
    key: str
    facts: Mapping[str, int | float]


@dataclass(frozen=True)
class NotRun:
    """A check that did not run: which (``check``, a :class:`Check` key), why (``reason``:
    "depth" or "budget"), the numbers the reason states, and the English ``note``."""

    check: str
    reason: str
    facts: Mapping[str, int]
    note: str


@dataclass(frozen=True)
class Verification:
    """The checks that ran on one derivation, and the checks that did not."""

    checks: tuple[Check, ...]
    skipped: tuple[NotRun, ...] = ()

    @property
    def not_run(self) -> tuple[str, ...]:
        """An English note for each check that did not run (what the JSON holds)."""
        return tuple(s.note for s in self.skipped)

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)


def verify(d: ProductForm, *, seed: int = 0, trials: int = NUMERIC_TRIALS) -> Verification:
    """Check a derivation symbolically and numerically (``trials`` random parameter sets).

    >>> v = verify(derive_chain(3))
    >>> v.verified, [c.name for c in v.checks]  # doctest: +NORMALIZE_WHITESPACE
    (True, ['symbolic: product form = SymPy chain rule', 'symbolic: = fully nested sympy.diff',
            'numeric: = NumPy backprop'])
    """
    checks, skipped = [product_check(d)], []
    nested = nested_check(d)
    if isinstance(nested, Check):
        checks.append(nested)
    else:
        skipped.append(nested)
    checks.append(numeric_check(d, trials, np.random.default_rng(seed)))
    return Verification(tuple(checks), tuple(skipped))


# --- 1. the product form -----------------------------------------------------------------------
def product_check(d: ProductForm) -> Check:
    """Each chain-rule factor = the product of its group of the book's factors."""
    concrete = _concrete_factors(d)
    phi_prime = phi_prime_of(d.activation)
    ok = len(d.chain_factors) == len(d.groups) and all(
        _same_factors(c, group, phi_prime)
        or _same(c, sp.Mul(*(concrete(f) for f in group)))
        for c, group in zip(d.chain_factors, d.groups)
    )
    return Check(
        "symbolic: product form = SymPy chain rule",
        ok,
        f"all {len(d.groups)} chain-rule factors match the product exactly",
        "product",
        {"factors": len(d.groups)},
    )


def _same_factors(factor: sp.Expr, group: tuple[sp.Expr, ...], phi_prime: type) -> bool:
    # a product of exactly the group's factors, with phi_prime(z) for the book's phi'(z): what
    # w_{j+1} phi'(z_j) is at every layer, compared without building a SymPy object
    def key(f: sp.Expr) -> object:
        if isinstance(f, phi_prime) or f.func is PHI_PRIME:
            return ("phi'", f.args)
        return f

    return factor.is_Mul and Counter(map(key, factor.args)) == Counter(map(key, group))


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    return a == b or is_zero(a - b)


def _concrete_factors(d: ProductForm) -> Callable[[sp.Expr], sp.Expr]:
    # phi'(z) -> phi_prime(z); the cost's derivative at z_L -> C'(a) at a = phi(z_L)
    phi_prime, cost_prime = phi_prime_of(d.activation), type(d.factors[-1])
    a = sp.Symbol("a", real=True)
    dC_da = sp.diff(d.cost.sympy(a, d.symbols.y), a)

    def concrete(f: sp.Expr) -> sp.Expr:
        if isinstance(f, phi_prime):
            return PHI_PRIME(f.args[0])
        if isinstance(f, cost_prime):
            return dC_da.subs(a, PHI(f.args[0]))
        return f

    return concrete


# --- 2. the fully nested differentiation -------------------------------------------------------
@dataclass(frozen=True)
class Nested:
    """The fully nested cost, the variable to differentiate it in, and the change of variables
    that writes its derivative in the derivation's symbols."""

    cost: sp.Expr
    variable: sp.Symbol
    to_derivation: dict[sp.Symbol, sp.Expr]


def nested_chain(d: Derivation) -> Nested:
    """C(phi(w_L phi(...) + b_L); y) in the parameters, differentiated in b_k.

    The result is then written in the z_j by b_j = z_j - w_j a_{j-1}.
    """
    s, phi = d.symbols, _exact(d.activation)
    a = s.x
    for w, b in zip(s.w, s.b):
        a = phi(w * a + b)
    a_prev = [s.x] + [phi(z) for z in s.z[:-1]]
    to_z = {b: z - w * ap for b, z, w, ap in zip(s.b, s.z, s.w, a_prev)}
    return Nested(d.cost.sympy(a, s.y), s.b[d.layer - 1], to_z)


def nested_tied(d: TiedDerivation) -> Nested:
    """C(h_T; y) with h_T = phi(w phi(... phi(w h_1 + u x_2 + b) ...) + u x_T + b), differentiated
    in h_1; x_t = (z_t - w h_{t-1} - b) / u (and h_1 = phi(z_1) when T = 1)."""
    s, phi = d.symbols, _exact(d.activation)
    h = s.h[1]
    for x in s.x[1:]:
        h = phi(s.w * h + s.u * x + s.b)
    if d.steps == 1:
        return Nested(d.cost.sympy(h, s.y), s.h[1], {s.h[1]: phi(s.z[0])})
    h_prev = [s.h[1]] + [phi(z) for z in s.z[1:-1]]
    to_z = {x: (z - s.w * hp - s.b) / s.u for x, z, hp in zip(s.x[1:], s.z[1:], h_prev)}
    return Nested(d.cost.sympy(h, s.y), s.h[1], to_z)


def _exact(activation: Activation) -> Callable[[sp.Expr], sp.Expr]:
    # phi with its Floats as exact rationals, so that both sides of the identity cancel exactly
    t = sp.Symbol("t", real=True)
    phi = rationalize(activation.sympy(t))
    return lambda z: phi.xreplace({t: z})


def nested_cost(d: ProductForm) -> int:
    """The predicted cost of the nested check, in weighted nodes, found without building it.

    ``sympy.diff`` walks the nested expression as a tree, every repeated subexpression again
    (ELU's phi uses z four times, so its tree grows 4x a layer), and at each node builds the
    derivative of what it finds; so the cost is the tree size times the size of phi' relative
    to phi (relu 0.75, sigmoid 1.6, GELU 2.2). Measured over every registered activation at
    depths 4 to 8, one unit cost 0.1 to 0.4 ms on the 2-core reference machine. The tree size
    follows from phi's own: a layer puts its argument w a + b (a and four more nodes; a
    recurrent step's w h + u x + b has six) in place of each occurrence of t in phi(t).
    """
    t, y = sp.symbols("t y", real=True)
    phi = _exact(d.activation)(t)
    growth = _tree_size(sp.diff(phi, t)) / _tree_size(phi)
    extra = 6 if isinstance(d, TiedDerivation) else 4
    size = 1  # the input x, or the state h_1
    for _ in range(d.depth - 1 if isinstance(d, TiedDerivation) else d.depth):
        size = _substituted_size(phi, t, size + extra)
    return round(_substituted_size(d.cost.sympy(t, y), t, size) * growth)


def _substituted_size(template: sp.Expr, t: sp.Symbol, size: int) -> int:
    # the tree size of template with each occurrence of t replaced by a tree of ``size`` nodes
    return _tree_size(template) + template.count(t) * (size - 1)


def _tree_size(expr: sp.Expr) -> int:
    # nodes of the expression tree, repeats counted, in one pass over the distinct nodes
    sizes: dict[sp.Expr, int] = {}

    def size(e: sp.Expr) -> int:
        if e not in sizes:
            sizes[e] = 1 + sum(size(a) for a in e.args)
        return sizes[e]

    return size(expr)


def nested_check(d: ProductForm) -> Check | NotRun:
    """The nested check, or why it was not run (deeper than 8, or predicted over budget)."""
    if d.depth > NESTED_MAX_DEPTH:
        return _nested_not_run("depth", f"depth > {NESTED_MAX_DEPTH}",
                               max_depth=NESTED_MAX_DEPTH)
    estimate = nested_cost(d)
    if estimate > NESTED_BUDGET:
        return _nested_not_run(
            "budget",
            f"estimated cost {estimate:,} weighted nodes, over the budget of {NESTED_BUDGET:,}",
            estimate=estimate, budget=NESTED_BUDGET,
        )
    nested = nested_tied(d) if isinstance(d, TiedDerivation) else nested_chain(d)
    return compare_nested(d, nested, sp.diff(nested.cost, nested.variable))


def _nested_not_run(reason: str, why: str, **facts: int) -> NotRun:
    return NotRun("nested", reason, facts, f"fully nested sympy.diff: not run ({why})")


def compare_nested(d: ProductForm, nested: Nested, derivative: sp.Expr) -> Check:
    """SymPy's derivative of the nested cost, rewritten in z_j, = the derivation, exactly."""
    difference = derivative.xreplace(nested.to_derivation) - _concrete_gradient(d)
    return Check(
        "symbolic: = fully nested sympy.diff",
        is_zero(difference),
        f"difference simplifies to 0 (checked for depth <= {NESTED_MAX_DEPTH})",
        "nested",
        {"max_depth": NESTED_MAX_DEPTH},
    )


def _concrete_gradient(d: ProductForm) -> sp.Expr:
    t = sp.Symbol("t", real=True)
    phi = _exact(d.activation)(t)
    return d.gradient.replace(PHI, sp.Lambda(t, phi)).replace(
        PHI_PRIME, sp.Lambda(t, sp.diff(phi, t))
    )


# --- 3. numeric ----------------------------------------------------------------------------------
def numeric_check(d: ProductForm, trials: int, rng: np.random.Generator) -> Check:
    """The derivation evaluated in mpmath against the NumPy backprop (or BPTT) at random
    parameters; the largest relative error must stay within :data:`references.RTOL`."""
    tied = isinstance(d, TiedDerivation)
    compare = _tied_pair if tied else _chain_pair
    worst = max(references.relative_error(*compare(d, rng)) for _ in range(trials))
    reference = "backpropagation through time (NumPy)" if tied else "NumPy backprop"
    noun = "random unrolled nets" if tied else "random chains"
    return Check(
        f"numeric: = {reference}",
        worst <= references.RTOL,
        f"max relative error {worst:.1e} over {trials} {noun} (tolerance {references.RTOL:g})",
        "numeric_tied" if tied else "numeric",
        {"error": worst, "trials": trials, "tolerance": references.RTOL},
    )


def _chain_pair(d: Derivation, rng: np.random.Generator) -> tuple[float, float]:
    # (derivation, backprop) at one random chain
    p = references.random_chain(d.depth, d.activation, d.cost, rng)
    net = chain_network(p.weights, p.biases, d.activation)
    numeric = backprop(net, [[p.x]], [[p.y]], d.cost).nabla_b[d.layer - 1]
    return d.evaluate(p.weights, p.biases, p.x, p.y), float(numeric[0])


def _tied_pair(d: TiedDerivation, rng: np.random.Generator) -> tuple[float, float]:
    # (derivation, BPTT's dC/dh_1) at one random unrolled net
    p = references.random_recurrent(d.steps, d.activation, d.cost, rng)
    through_time = bptt(recurrent_unit(p.w, p.u, p.b, d.activation), p.xs, p.h0, p.y, d.cost)
    return d.evaluate(p.w, p.u, p.b, p.xs, p.h0, p.y), float(through_time.dC_dh[0])


# --- the check command ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckReport:
    """A derivation evaluated at random chains against the backprop and finite differences."""

    derivation: Derivation
    verification: Verification
    trials: int
    seed: int
    max_rel_error_backprop: float
    max_rel_error_finite_difference: float
    tolerance: float = references.RTOL

    @property
    def passed(self) -> bool:
        worst = max(self.max_rel_error_backprop, self.max_rel_error_finite_difference)
        return self.verification.verified and worst <= self.tolerance


def check_work(depth: int, trials: int) -> float:
    """The work of :func:`check_chain`, in the multiply-adds of the same time: per random chain,
    the derivation's value and four finite-difference costs, each ``depth`` layers in mpmath
    (:data:`references.LAYER_WORK` a layer)."""
    return 5.0 * trials * depth * references.LAYER_WORK


def check_chain(
    depth: int,
    layer: int = 1,
    activation: Activation = sigmoid(),
    cost: Cost = quadratic(),
    *,
    trials: int = 100,
    seed: int = 0,
    progress: Progress = None,
) -> CheckReport:
    """Evaluate :func:`derive_chain` at ``trials`` random chains (:func:`references.random_chain`)
    and compare it with the NumPy backprop and with mpmath central finite differences (whose
    precision rises until they settle, :func:`references.central_difference`). A request over
    the work budget is refused before anything runs; ``progress`` is ticked once a chain."""
    TRIALS.check(trials)
    limits.check_work(check_work(depth, trials), f"{trials:,} random chains of depth {depth:,}")
    d = derive_chain(depth, layer, activation, cost)
    verification = verify(d, seed=seed)
    rng = np.random.default_rng(seed)
    total_cost = references.mp_cost(d.activation, d.cost)
    worst_bp = worst_fd = 0.0
    begin(progress, trials, "chains")
    for _ in range(trials):
        p = references.random_chain(depth, d.activation, d.cost, rng)
        net = chain_network(p.weights, p.biases, d.activation)
        numeric = float(backprop(net, [[p.x]], [[p.y]], d.cost).nabla_b[layer - 1][0])
        symbolic = d.evaluate(p.weights, p.biases, p.x, p.y)
        # the derivation's value only says at what precision the differences start
        fd = references.finite_difference_bias_gradient(p, layer, total_cost, size=symbolic)
        worst_bp = max(worst_bp, references.relative_error(symbolic, numeric))
        worst_fd = max(worst_fd, references.relative_error(symbolic, fd))
        tick(progress)
    return CheckReport(d, verification, trials, seed, worst_bp, worst_fd)
