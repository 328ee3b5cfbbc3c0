"""A reference value of a SymPy expression in mpmath, with only as many digits as it needs.

The expression is evaluated at 30 digits, then 60, 120, ...; the first non-zero value is
evaluated again with 40 more digits, and taken when the two agree to 1e-20 relative. A
cancellation such as GELU's 1 + erf(z / sqrt 2) at z = -30 (~1e-198) reads exactly 0 at too low
a precision, so a zero is trusted only at the highest precision. Most points settle at 30
digits; the far tails of GELU need 240.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import sympy as sp

MAX_DIGITS = 480


def mp_function(expr: sp.Expr, z: sp.Symbol) -> Callable[[float], float]:
    """z -> expr(z) as a float whose leading 20 digits are settled (see the module docstring)."""
    f = sp.lambdify(z, expr, modules="mpmath")

    def at(digits: int, value: float) -> object:
        with mpmath.workdps(digits):
            return f(mpmath.mpf(float(value)))

    def value(x: float) -> float:
        digits = 30
        while digits < MAX_DIGITS:
            first = at(digits, x)
            if first != 0:
                second = at(digits + 40, x)
                if abs(second - first) <= 1e-20 * abs(second):
                    return float(second)
            digits *= 2
        return float(at(MAX_DIGITS, x))

    return value
