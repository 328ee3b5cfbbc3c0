"""The practice questions: every answer against an independent reference, the wrong choices
apart from it, the same quiz for the same seed, and the answers kept apart from the questions.

References: SymPy (σ′'s and tanh′'s peaks), exact fractions (the product's bound, PReLU and
RReLU, the exploding chain, the weight variances), mpmath (the window's edges found by
findroot, clipping, batch normalisation written out, the forget gates' product) and the
closed forms of mean-field theory (ReLU's edge at σ_w = √2, tanh's at 1 with σ_b = 0).
"""

from __future__ import annotations

import json
import re
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from helpers import assert_one_line_error, invoke
from test_vocabulary import JAPANESE, english_words

from analytic.present.quiz import LETTERS, make_quiz
from analytic.present.quiz.questions import SEPARATION, TOPICS, questions
from analytic.train.layers import BN_EPS

#: Enough questions to meet every topic and variant many times.
MANY = questions(300, seed=7)


def _of(topic: str):
    drawn = [q for q in MANY if q.topic == topic]
    assert drawn, topic
    return drawn


# --- every answer against its reference ----------------------------------------------------------
def test_sigmoids_peak_is_a_quarter_at_zero_as_sympy_solves_it():
    z = sp.Symbol("z", real=True)
    prime = sp.diff(1 / (1 + sp.exp(-z)), z)
    (z_star,) = sp.solve(sp.diff(prime, z), z)
    for q in _of("sigmoid-peak"):
        assert q.value == (pytest.approx(float(prime.subs(z, z_star)), abs=1e-15),
                           pytest.approx(float(z_star), abs=1e-15))


def test_tanhs_peak_is_one_at_zero_as_sympy_solves_it():
    z = sp.Symbol("z", real=True)
    prime = sp.diff(sp.tanh(z), z)
    (z_star,) = [r for r in sp.solve(sp.diff(prime, z), z) if r.is_real]
    for q in _of("tanh-peak"):
        assert q.value == (pytest.approx(float(prime.subs(z, z_star)), abs=1e-15),
                           pytest.approx(float(z_star), abs=1e-15))


def test_the_product_bound_is_a_quarter_to_the_k_exactly():
    for q in _of("product-bound"):
        assert Fraction(q.value) == Fraction(1, 4) ** q.given["k"]


def _window_edges(w: float) -> tuple[mpmath.mpf, mpmath.mpf]:
    # the z where w σ′(z) = 1, found by mpmath's root finder from either side of 0
    sigma_prime = lambda u: mpmath.exp(-u) / (1 + mpmath.exp(-u)) ** 2  # noqa: E731
    f = lambda u: w * sigma_prime(u) - 1  # noqa: E731
    return mpmath.findroot(f, -mpmath.log(w)), mpmath.findroot(f, mpmath.log(w))


def test_the_window_width_matches_the_edges_mpmath_finds_within_1e_12():
    for q in _of("window-width"):
        lo, hi = _window_edges(q.given["w"])
        assert q.value == pytest.approx(float((hi - lo) / q.given["w"]), rel=1e-12)
        assert float(q.answer) == pytest.approx(q.value, rel=5e-3)  # 3 significant digits


def test_he_for_relu_and_xavier_for_tanh_with_their_exact_variances():
    for q in _of("initialisation"):
        n_in, n_out = q.given["n_in"], q.given["n_out"]
        right = q.choices[q.right]
        expected = {"relu": ("he", Fraction(2, n_in)),
                    "tanh": ("xavier", Fraction(2, n_in + n_out))}[q.given["activation"]]
        assert right.name == expected[0]
        assert q.value == pytest.approx(float(expected[1]), rel=1e-15)
        laws = {"he": Fraction(2, n_in), "xavier": Fraction(2, n_in + n_out),
                "scaled": Fraction(1, n_in), "gaussian": Fraction(1)}
        for c in q.choices:
            assert c.value == pytest.approx(float(laws[c.name]), rel=1e-15)


def test_the_schemes_draw_weights_of_the_variance_the_question_states():
    # 10^5 draws: the sample variance is within 3 % of the law's (about 10 standard errors)
    from analytic.core.initialisation import he, xavier

    rng = np.random.default_rng(0)
    for scheme, law in ((he(), 2 / 500), (xavier(), 2 / 700)):
        assert scheme(500, 200, rng).var() == pytest.approx(law, rel=0.03)


def test_prelu_and_rrelu_scale_only_inputs_below_zero_by_their_slope():
    for q in _of("negative-slope"):
        x = Fraction(q.given["x"])
        if q.variant == "prelu":
            slope = Fraction(q.given["a"]).limit_denominator(100)
        else:  # the mean of U(1/8, 1/3), the band the paper draws from
            assert (Fraction(q.given["lower"]).limit_denominator(100),
                    Fraction(q.given["upper"]).limit_denominator(100)) == (Fraction(1, 8),
                                                                           Fraction(1, 3))
            slope = (Fraction(1, 8) + Fraction(1, 3)) / 2
        assert x < 0 and q.value == pytest.approx(float(slope * x), rel=1e-15)
        assert float(x) in [c.value for c in q.choices]  # the sides-swapped answer is offered


def test_clipping_by_norm_keeps_the_direction_and_by_value_cuts_each_component():
    for q in _of("clipping"):
        g, c = [mpmath.mpf(x) for x in q.given["g"]], mpmath.mpf(q.given["c"])
        norm = mpmath.sqrt(sum(x * x for x in g))
        expected = ([x * c / norm for x in g] if q.variant == "norm"
                    else [max(-c, min(c, x)) for x in g])
        assert q.value == pytest.approx([float(x) for x in expected], rel=1e-14)


def test_batch_norm_uses_the_batch_in_training_and_the_running_averages_at_test_time():
    for q in _of("batch-norm"):
        u = [mpmath.mpf(x) for x in q.given["u"]]
        gamma, beta = mpmath.mpf(q.given["gamma"]), mpmath.mpf(q.given["beta"])
        if q.variant == "training":
            mean = sum(u) / len(u)
            var = sum((x - mean) ** 2 for x in u) / len(u)  # biased, as the paper's training
        else:
            mean, var = mpmath.mpf(q.given["mean"]), mpmath.mpf(q.given["var"])
        expected = gamma * (u[0] - mean) / mpmath.sqrt(var + BN_EPS) + beta
        assert q.value == pytest.approx(float(expected), rel=1e-13, abs=1e-13)


def test_the_cell_state_gradient_is_the_product_of_the_forget_gates():
    for q in _of("lstm"):
        expected = mpmath.power(mpmath.mpf(q.given["f"]), q.given["steps"])
        assert q.value == pytest.approx(float(expected), rel=1e-12)


def test_the_exploding_chain_grows_by_w_over_4_per_layer_exactly():
    for q in _of("explosion"):
        w = Fraction(q.given["w"]).limit_denominator(1)
        assert q.value == pytest.approx(float((w / 4) ** q.given["k"]), rel=1e-12)


def test_the_edge_of_chaos_is_root_2_for_relu_and_1_for_tanh_without_biases():
    for q in _of("edge-of-chaos"):
        expected = {"relu": mpmath.sqrt(2), "tanh": mpmath.mpf(1)}[q.given["activation"]]
        assert q.value == pytest.approx(float(expected), rel=1e-6)


# --- the choices ---------------------------------------------------------------------------------
def test_every_choice_question_has_four_distinct_choices_one_of_them_right():
    for q in MANY:
        if q.kind != "choice":
            continue
        assert len(q.choices) == 4 and 0 <= q.right < 4
        shown = [(c.name, tuple(c.fields.items())) for c in q.choices]
        assert len(set(shown)) == 4, (q.topic, shown)
        for i, c in enumerate(q.choices):
            if i != q.right and c.name == q.choices[q.right].name:
                right = np.ravel(np.asarray(q.value, dtype=float))
                other = np.ravel(np.asarray(c.value, dtype=float))
                assert other.shape != right.shape or not np.allclose(
                    other, right, rtol=SEPARATION), (q.topic, c, q.value)


def test_a_shown_number_is_the_value_to_its_digits():
    for q in MANY:
        for c in q.choices:
            if c.name == "number" and not isinstance(c.value, tuple):
                shown = float(c.fields["value"].replace("−", "-"))
                assert shown == pytest.approx(c.value, rel=5e-4, abs=1e-300), (q.topic, c)


def test_the_right_answer_is_not_always_the_same_letter():
    assert {q.right for q in MANY if q.kind == "choice"} == {0, 1, 2, 3}


def test_every_topic_is_asked_and_ten_questions_cover_ten_topics():
    assert {q.topic for q in MANY} == set(TOPICS)
    assert len({q.topic for q in make_quiz(10, seed=0).questions}) == 10


# --- the command ---------------------------------------------------------------------------------
def test_the_same_seed_gives_the_same_quiz_and_another_seed_another():
    first, again = (invoke("quiz", "--seed", "3", "--format", "json").stdout for _ in range(2))
    assert first == again
    assert invoke("quiz", "--seed", "4", "--format", "json").stdout != first


def test_the_answers_come_after_every_question_and_only_with_answers():
    plain = invoke("quiz", "--count", "4").stdout
    shown = invoke("quiz", "--count", "4", "--answers").stdout
    assert shown.startswith(plain.rstrip("\n"))
    assert "Answer" not in plain and "Answers and explanations" in shown
    heading = shown.index("Answers and explanations")
    assert shown.index("Question 4.") < heading < shown.index("Answer: ")


def test_json_holds_each_questions_answer_and_explanation_with_or_without_answers():
    data = json.loads(invoke("quiz", "--count", "12", "--format", "json").stdout)
    assert data["count"] == 12 and len(data["questions"]) == 12
    for item in data["questions"]:
        assert item["explanation"] and item["question"]
        if item["kind"] == "choice":
            assert list(item["choices"]) == list(LETTERS) and item["answer"] in LETTERS
        else:
            assert float(item["answer"]) == pytest.approx(item["value"], rel=5e-3)


def test_markdown_sets_the_questions_as_headed_lists():
    shown = invoke("quiz", "--count", "2", "--answers", "--format", "markdown").stdout
    assert shown.startswith("## ") and "- **A.**" in shown and "## Answers" in shown


def test_the_japanese_quiz_with_answers_leaves_no_english_word():
    english = invoke("quiz", "--count", "30", "--answers").stdout
    japanese = invoke("quiz", "--count", "30", "--answers", "--lang", "ja").stdout
    assert JAPANESE.search(japanese)
    left = english_words(english) & english_words(japanese) - {"LSTM", "Var"}
    assert left == set()
    assert re.search(r"問 30\. ", japanese)


@pytest.mark.parametrize("args, says", [
    (("--count", "0"), "--count"), (("--count", "101"), "--count"),
    (("--format", "csv"), "--format"), (("--count", "2.5"), "--count"),
    (("--count", "-3"), "--count"), (("--count", "10000000000"), "--count"),
    (("--count", "nan"), "--count"), (("--count", "inf"), "--count"),
    (("--seed", "nan"), "--seed"), (("--lang", "JA"), "--lang"), (("--lang", "En"), "--lang"),
])
def test_a_bad_quiz_request_is_one_line(args, says):
    assert_one_line_error(invoke("quiz", *args), says)
