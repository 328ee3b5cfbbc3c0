"""The one-unit LSTM's ∂c_T/∂c_1, derived with SymPy: along the constant error carousel the
product of the forget gates, in full the product of the step Jacobians; checked here against a
plain forward pass written out below, backpropagation through time, mpmath finite differences,
one nested sympy.diff and the network with its recurrent weights cut."""

import dataclasses
import json
import math

import numpy as np
import pytest
import sympy as sp
from helpers import assert_one_line_error, invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from analytic.chain.carousel import MAX_STEPS, derive_carousel, random_lstm
from analytic.chain.carousel_checks import (
    NESTED_MAX_STEPS,
    bptt_values,
    error,
    finite_difference_values,
    verify_carousel,
)
from analytic.present.i18n import tr


def plain_gates(p):
    """f_1..f_T of the one-unit LSTM, by its equations in float64 (the reference)."""
    s = lambda a: 1 / (1 + math.exp(-a))  # noqa: E731
    h, c, fs = p.h0, p.c0, []
    for x in p.xs:
        a = {k: p.w[k] * h + p.u[k] * x + p.b[k] for k in "ifgo"}
        f = s(a["f"])
        c = f * c + s(a["i"]) * math.tanh(a["g"])
        h = s(a["o"]) * math.tanh(c)
        fs.append(f)
    return fs


def test_the_carousel_reads_as_the_product_of_the_forget_gates_from_step_two():
    d = derive_carousel(4)
    assert d.text() == "∂c₄/∂c₁ = f₂·f₃·f₄"
    assert d.full_text() == "∂c₄/∂c₁ = (1, 0)·J₄·J₃·J₂·(1, o₁ tanh′(c₁))ᵀ"
    assert derive_carousel(1).text() == "∂c₁/∂c₁ = 1" and derive_carousel(4).paths == 8


@pytest.mark.parametrize("steps", [1, 2, 7, 60])
def test_the_carousel_value_is_the_product_of_the_forget_gates_of_a_plain_forward_pass(steps):
    p = random_lstm(steps, np.random.default_rng(steps))
    carousel, _ = derive_carousel(steps).evaluate(p)
    assert carousel == pytest.approx(math.prod(plain_gates(p)[1:]), rel=1e-13)


@settings(deadline=None, max_examples=25)
@given(st.integers(1, 30), st.integers(0, 2**32))
def test_both_values_equal_bptt_and_mpmath_finite_differences(steps, seed):
    d = derive_carousel(steps)
    p = random_lstm(steps, np.random.default_rng(seed))
    carousel, full = d.evaluate(p)
    for ref_carousel, ref_full in (bptt_values(d, p), finite_difference_values(p)):
        assert error(carousel, ref_carousel, carousel) <= 1e-12
        assert error(full, ref_full, carousel) <= 1e-12


def test_with_the_recurrent_weights_zero_the_full_derivative_is_the_carousel():
    # the gates no longer see h: every path through h has a factor 0
    p = random_lstm(25, np.random.default_rng(5))
    p = dataclasses.replace(p, w={k: 0.0 for k in p.w})
    carousel, full = derive_carousel(25).evaluate(p)
    assert full == pytest.approx(carousel, rel=1e-14)
    # with them the two differ: the paths through h count
    carousel, full = derive_carousel(25).evaluate(random_lstm(25, np.random.default_rng(5)))
    assert abs(full - carousel) > 1e-3 * carousel


def test_the_full_derivative_is_the_sum_over_all_paths_through_c_and_h():
    # multiplied out by hand at T = 3: (c, c) J3 J2 t, each step's entries from the step's
    # derivative written in the test by central differences of one plain step
    p = random_lstm(3, np.random.default_rng(8))
    s = lambda a: 1 / (1 + math.exp(-a))  # noqa: E731

    def step(c, h, x):
        a = {k: p.w[k] * h + p.u[k] * x + p.b[k] for k in "ifgo"}
        c = s(a["f"]) * c + s(a["i"]) * math.tanh(a["g"])
        return c, s(a["o"]) * math.tanh(c)

    states = [step(p.c0, p.h0, p.xs[0])]
    for x in p.xs[1:]:
        states.append(step(*states[-1], x))
    eps = 1e-6

    def jacobian(c, h, x):
        cols = [np.subtract(step(c + eps, h, x), step(c - eps, h, x)) / (2 * eps),
                np.subtract(step(c, h + eps, x), step(c, h - eps, x)) / (2 * eps)]
        return np.array(cols).T

    J2, J3 = jacobian(*states[0], p.xs[1]), jacobian(*states[1], p.xs[2])
    o1 = states[0][1] / math.tanh(states[0][0])
    tangent = np.array([1.0, o1 * (1 - math.tanh(states[0][0]) ** 2)])
    paths = sum(J3[0, a] * J2[a, b] * tangent[b] for a in range(2) for b in range(2))
    _, full = derive_carousel(3).evaluate(p)
    assert full == pytest.approx(paths, rel=1e-8)


@pytest.mark.parametrize("steps", [1, 2, 3, 4, 40])
def test_verify_runs_every_check_and_the_nested_diff_up_to_three_steps(steps):
    v = verify_carousel(derive_carousel(steps), seed=steps)
    assert v.verified
    keys = [c.key for c in v.checks]
    assert ("nested_full" in keys) == (steps <= NESTED_MAX_STEPS)
    assert [s.check for s in v.skipped] == ([] if steps <= NESTED_MAX_STEPS else ["nested_full"])


def test_a_wrong_derivation_fails_its_checks():
    # the input gate in place of the forget gate: the symbolic and the numeric checks see it
    d = derive_carousel(3)
    i_gate = d.factor.xreplace({sp.Symbol(f"{n}_f", real=True): sp.Symbol(f"{n}_i", real=True)
                                for n in "wub"})
    assert i_gate != d.factor
    v = verify_carousel(dataclasses.replace(d, factor=i_gate))
    failed = {c.key for c in v.checks if not c.passed}
    assert {"carousel_factor", "carousel_bptt", "carousel_fd"} <= failed


@pytest.mark.parametrize("steps", [0, MAX_STEPS + 1, 2.5, True])
def test_a_bad_number_of_steps_raises_value_error(steps):
    with pytest.raises(ValueError, match="number of steps of the LSTM"):
        derive_carousel(steps)


# --- the command ----------------------------------------------------------------------------------
def test_the_command_prints_both_identities_and_its_json_and_latex_say_the_same():
    done = invoke("derive", "--tied", "--cell", "lstm", "--depth", "3", "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["shown"] == "carousel" and data["verified"]
    assert data["carousel"]["factors"] == ["f₂", "f₃"] and data["full"]["paths_log2"] == 2
    assert data["example"]["carousel"] == pytest.approx(
        math.prod(plain_gates(random_lstm(3, np.random.default_rng(0)))[1:]), rel=1e-13)
    latex = invoke("derive", "--tied", "--cell", "lstm", "--depth", "3", "--format", "latex")
    assert latex.stdout.strip() == derive_carousel(3).latex()
    assert r"\right|_{\mathrm{carousel}} = f_{2} \, f_{3}" in latex.stdout


def test_every_check_says_in_english_what_its_json_holds():
    v = verify_carousel(derive_carousel(3))
    for c in v.checks:
        assert tr(f"check.{c.key}.name", "en") == c.name
        facts = {k: {"error": "{:.1e}", "tolerance": "{:g}"}.get(k, "{}").format(x)
                 for k, x in c.facts.items()}
        assert tr(f"check.{c.key}.detail", "en", **facts) == c.detail


def test_the_japanese_text_leaves_no_english_word():
    import re

    english = invoke("derive", "--tied", "--cell", "lstm", "--depth", "5").stdout
    japanese = invoke("derive", "--tied", "--cell", "lstm", "--depth", "5", "--lang", "ja").stdout
    words = lambda t: set(re.findall(r"[A-Za-z]{4,}", t)) - {"LSTM", "tanh", "SymPy", "NumPy",  # noqa: E731
                                                            "sympy", "diff", "mpmath"}
    assert words(english) and not words(english) & words(japanese)


@pytest.mark.parametrize("args, says", [
    (("--cell", "lstm"), "give --tied with it"),
    (("--tied", "--cell", "lstm", "--activation", "tanh"), "--activation is not used"),
    (("--tied", "--cell", "lstm", "--cost", "cross-entropy"), "--cost is not used"),
    (("--tied", "--cell", "lstm", "--depth", "201"), "from 1 to 200"),
])
def test_what_the_lstm_does_not_take_ends_in_one_line(args, says):
    assert_one_line_error(invoke("derive", *args), says)
