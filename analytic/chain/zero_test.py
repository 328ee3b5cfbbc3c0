"""An exact test that a SymPy expression is identically zero, fast on deeply nested chains.

The expression is read as a rational function of its symbols and of its *opaque atoms*: every
subexpression that is not a sum, a product, an integer power, a symbol or a rational number
(exp(-z_3), erf(sqrt(2) z_1 / 2), sign(z_2), 1/sqrt(pi), ...) becomes one new variable. If the
rational function is the zero function, the expression is zero whatever values the atoms take,
so in particular at their true values: the test is sound. (It can miss an identity that needs a
fact about the atoms themselves, such as exp(a) exp(b) = exp(a + b); it then answers False.)
Square roots and other radicals of rational numbers are the exception: sqrt(2) becomes a
variable r with r^2 = 2, and the numerator is reduced modulo that relation, so that
sqrt(2) sqrt(2) = 2 is seen. A sign or an absolute value is read with its argument expanded and
written with the sign that sorts first (sign(u) = −sign(−u), |u| = |−u|), so that sign(1 − z)
and −sign(z − 1) are one atom: a nested chain of hard tanh units differentiates to both.

The numerator is computed with SymPy's sparse polynomials over the rationals, walking the
expression once per distinct subexpression. Denominators are kept as products of powers of
the bases they come from (1 + exp(-z_j), a_L, ...), and a sum brings its terms to the least
common multiple of those products: no polynomial gcd is ever taken, which is what makes
``cancel`` and ``simplify`` slow on a derivative with thousands of terms.

>>> import sympy as sp
>>> z = sp.Symbol("z", real=True)
>>> s = 1 / (1 + sp.exp(-z))
>>> is_zero(sp.diff(s, z) - s * (1 - s))
True
>>> is_zero(sp.sqrt(2) * sp.sqrt(2) * z - 2 * z + sp.Rational(1, 10**30))
False
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement, ring

#: A fraction: numerator polynomial and denominator {base key: exponent}.
Fraction = tuple[PolyElement, dict[int, int]]


def rationalize(expr: sp.Expr) -> sp.Expr:
    """Every Float written as the exact decimal it stands for (0.01 -> 1/100).

    Floats do not cancel exactly in SymPy ((1.01 z)/2 and 0.505 z may differ in the last bit);
    the same rational in both sides of an identity does.
    """
    return expr.xreplace({f: sp.Rational(str(f)) for f in expr.atoms(sp.Float)})


def is_zero(expr: sp.Expr) -> bool:
    """Whether ``expr`` is identically 0 as a rational function of its symbols and atoms."""
    expr = _canonical_signs(rationalize(sp.sympify(expr)))
    if expr == 0:
        return True
    radicals, opaque = _atoms(expr)
    symbols = sorted(expr.free_symbols, key=sp.default_sort_key)
    # lex order with the radicals first, so that dividing by r^q - c removes every r^q
    R, *gens = ring([sp.Dummy(f"r{i}") for i in range(len(radicals))]
                    + [sp.Dummy(f"v{i}") for i in range(len(symbols) + len(opaque))], QQ,
                    order="lex")
    leaves = dict(zip([*radicals, *symbols, *opaque], gens))
    numerator = _Numerator(R, leaves).of(expr)
    for radical, r in zip(radicals, gens):
        p, q = sp.fraction(radical.exp)
        numerator = numerator.rem(r ** int(q) - R(radical.base ** int(p)))
    return numerator == 0


def _canonical_signs(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every sign(u) and |u| written alike for u and −u (identities, so sound)."""
    def canonical(e: sp.Expr) -> sp.Expr:
        u = sp.expand(e.args[0])
        flipped = sp.expand(-u)
        if sp.default_sort_key(u) <= sp.default_sort_key(flipped):
            return e.func(u)
        return e.func(flipped) if isinstance(e, sp.Abs) else -e.func(flipped)

    return expr.replace(lambda e: isinstance(e, (sp.sign, sp.Abs)), canonical)


def _atoms(expr: sp.Expr) -> tuple[list[sp.Expr], list[sp.Expr]]:
    # (radicals of rationals, other opaque atoms), each sorted so that the ring is deterministic
    radicals, opaque, seen, stack = set(), set(), set(), [expr]
    while stack:
        e = stack.pop()
        if e in seen or e.is_Symbol or e.is_Rational:
            continue
        seen.add(e)
        if e.is_Add or e.is_Mul:
            stack.extend(e.args)
        elif e.is_Pow and e.exp.is_Integer:
            stack.append(e.base)
        elif e.is_Pow and e.base.is_Rational and e.exp.is_Rational:
            radicals.add(e)
        else:
            opaque.add(e)
    key: Callable = sp.default_sort_key
    return sorted(radicals, key=key), sorted(opaque, key=key)


class _Numerator:
    """Fractions of a polynomial ring, built bottom-up with one entry per distinct node."""

    def __init__(self, R: object, leaves: dict[sp.Expr, PolyElement]) -> None:
        self.R, self.leaves = R, leaves
        self.memo: dict[sp.Expr, Fraction] = {}
        self.base_index: dict[frozenset, int] = {}
        self.bases: list[PolyElement] = []

    def of(self, expr: sp.Expr) -> PolyElement:
        return self.fraction(expr)[0]

    def fraction(self, e: sp.Expr) -> Fraction:
        if e not in self.memo:
            self.memo[e] = self._build(e)
        return self.memo[e]

    def _build(self, e: sp.Expr) -> Fraction:
        if e in self.leaves:
            return self.leaves[e], {}
        if e.is_Rational:
            return self.R(e), {}
        if e.is_Add:
            return self._sum([self.fraction(a) for a in e.args])
        if e.is_Mul:
            return self._product([self.fraction(a) for a in e.args])
        n, d = self.fraction(e.base)  # an integer power: every other node is a leaf
        k = int(e.exp)
        if k >= 0:
            return n**k, {b: m * k for b, m in d.items()}
        return self._expand(self.R.one, {b: m * -k for b, m in d.items()}), {self._base(n): -k}

    def _base(self, p: PolyElement) -> int:
        if not p:
            raise ValueError("a denominator of the expression is identically 0")
        key = frozenset(p.items())
        if key not in self.base_index:
            self.base_index[key] = len(self.bases)
            self.bases.append(p)
        return self.base_index[key]

    def _expand(self, n: PolyElement, powers: dict[int, int]) -> PolyElement:
        for b, m in powers.items():
            n = n * self.bases[b] ** m
        return n

    def _sum(self, terms: list[Fraction]) -> Fraction:
        # bring every term to the least common multiple of the denominators' base powers
        common: dict[int, int] = {}
        for _, d in terms:
            for b, m in d.items():
                common[b] = max(common.get(b, 0), m)
        total = self.R.zero
        for n, d in terms:
            total += self._expand(n, {b: m - d.get(b, 0) for b, m in common.items()
                                      if m > d.get(b, 0)})
        return total, common

    def _product(self, factors: list[Fraction]) -> Fraction:
        n, d = self.R.one, {}
        for n2, d2 in factors:
            n = n * n2
            for b, m in d2.items():
                d[b] = d.get(b, 0) + m
        return n, d
