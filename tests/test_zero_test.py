"""The exact zero test behind the nested check: identities it must see, and non-identities it
must not call zero (each compared with SymPy's simplify or a number)."""

import pytest
import sympy as sp

from analytic.chain.zero_test import is_zero

z, w, y = sp.symbols("z w y", real=True)
s = 1 / (1 + sp.exp(-z))


@pytest.mark.parametrize(
    "expr",
    [
        sp.diff(s, z) - s * (1 - s),  # the sigmoid's derivative
        sp.diff(sp.log(1 + sp.exp(-z)), z) + sp.exp(-z) / (1 + sp.exp(-z)),
        sp.sqrt(2) * sp.sqrt(2) * z * sp.exp(-z) - 2 * z * sp.exp(-z),
        (sp.sqrt(2) * z + 1) ** 2 - (2 * z**2 + 2 * sp.sqrt(2) * z + 1),  # r^2 = 2 after expanding
        sp.Float(0.505) * z - (1 + sp.Float(0.01)) * z / 2,  # the same decimals, exactly
        (w / (1 + sp.exp(-z)) + y) / (1 - s) - (w * s + y) / (1 - s),
    ],
)
def test_identities_are_zero_and_simplify_agrees(expr):
    assert is_zero(expr)
    assert sp.simplify(expr) == 0


@pytest.mark.parametrize(
    "expr",
    [
        sp.diff(s, z) - s * (1 + s),
        sp.sqrt(2) * z - sp.sqrt(3) * z,
        z / (1 + sp.exp(-z)) - z / (1 + sp.exp(z)),
        s - s * (1 + sp.Rational(1, 10**40)),
    ],
)
def test_non_identities_are_not_zero_and_differ_at_a_point(expr):
    assert not is_zero(expr)
    assert abs(float(expr.subs({z: sp.Rational(3, 7), w: 2, y: 5}).evalf(60))) > 0


def test_an_identity_that_needs_exp_z_exp_minus_z_equal_1_is_not_claimed():
    # exp(z) and exp(-z) are two unrelated atoms to the test: it answers False, never a false 0
    expr = sp.exp(z) / (sp.exp(z) + 1) - 1 / (1 + sp.exp(-z))
    assert sp.simplify(expr) == 0 and not is_zero(expr)


def test_a_denominator_that_is_identically_zero_is_refused():
    with pytest.raises(ValueError, match="identically 0"):
        is_zero(z / sp.Add(z * w, -w * z, evaluate=False))


def test_a_sign_and_an_absolute_value_are_seen_alike_for_an_argument_and_its_negative():
    # sign(1 - z) = -sign(z - 1) and |1 - z| = |z - 1|, with the arguments written unexpanded
    # as a nested hard-tanh chain leaves them; a wrong sign is still not zero
    u = w * (z - 1) - w * z + w - z + 1  # = 1 - z
    assert is_zero(sp.sign(u) + sp.sign(z - 1)) and is_zero(sp.Abs(u) - sp.Abs(z - 1))
    assert not is_zero(sp.sign(u) - sp.sign(z - 1))
    assert sp.simplify((sp.sign(u) + sp.sign(z - 1)).subs(z, sp.Rational(3, 7))) == 0
