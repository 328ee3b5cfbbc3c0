"""The reports of derive, check, problem and theory in Japanese: every word translated, every
number kept, the JSON and csv the same in both languages, and the English words of the text
the same as the JSON's."""

import dataclasses
import functools
import math
import re
from collections import Counter

import pytest

from analytic.chain.derive import derive_chain
from analytic.chain.tied import derive_tied
from analytic.chain.verify import check_chain, verify
from analytic.core.activations import elu, leaky_relu, relu, sigmoid, tanh
from analytic.core.costs import cross_entropy
from analytic.experiments.mnist import load_source
from analytic.experiments.prediction import chapter_prediction
from analytic.present.i18n import tr
from analytic.present.reports.chain import (
    check_text,
    check_words,
    derivation_text,
    not_run_words,
)
from analytic.present.reports.theory import (
    chi_report,
    explosion_report,
    identity_report,
    larger_derivative_report,
    prediction_report,
    source_words,
    window_report,
)
from analytic.present.table import Report, render
from analytic.theory.explosion import explode
from analytic.theory.identity_neuron import identity_problem
from analytic.theory.larger_derivative import larger_derivative, scaled_sigmoid
from analytic.theory.meanfield import chi
from analytic.theory.prediction import Origin, predict
from analytic.theory.window import window_problem
from analytic.train import Recipe

#: Runs of Latin letters that are names, not English words: libraries and their functions
#: (sympy.diff, mpmath.findroot, simplify, float64 and its inf), activations and their
#: symbols and parameters (leaky_relu:slope=0.01, elu:alpha=1, ReLU′), max and log10 in
#: formulas, the command ``experiment init-norms`` and the scheme ``scaled`` it ran, RMS.
NAMES = {
    "SymPy", "sympy", "NumPy", "mpmath", "diff", "findroot", "simplify", "float", "inf",
    "sigmoid", "tanh", "relu", "leaky", "elu", "gelu", "silu", "ReLU", "LReLU", "ELU",
    "slope", "alpha", "max", "log", "experiment", "init", "norms", "scaled", "RMS",
}
#: The data set's name is the caller's (the CLI passes the file's), shown as given.
DATA = "mnist_5k.npz"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# a number that is not part of a name (float64, log10, ∂C/∂b1): digits, decimals, exponent
NUMBER = re.compile(r"(?<![A-Za-z_0-9.])[0-9]+(?:[.,][0-9]+)*(?:e[-+]?[0-9]+)?")


def english_words(text):
    return [w for w in re.findall(r"[A-Za-z]{3,}", text.replace(DATA, "")) if w not in NAMES]


def numbers(text):
    return Counter(NUMBER.findall(text))


# --- every report, built once: name -> (lang -> Report or text) ---------------------------
def _derivation(d, fail=False):
    v = verify(d)
    if fail:
        v = dataclasses.replace(v, checks=tuple(dataclasses.replace(c, passed=False)
                                                for c in v.checks))
    return lambda lang: derivation_text(d, v, lang)


def _check(fail=False):
    r = check_chain(4, 2, tanh(), cross_entropy(), trials=2, seed=3)
    if fail:
        r = dataclasses.replace(r, max_rel_error_backprop=1.0)
    return lambda lang: check_text(r, lang)


def _report(make, result):
    return lambda lang: make(result, lang)


def _init_norms_prediction():
    origin = Origin("init_norms", {"networks": 100, "init": "scaled", "seed": 0,
                                   "images": 1000, "data": DATA})
    return predict([0.21, 0.23], sigmoid(), 1.0, 1.0, "", origin=origin)


BUILDERS = {
    "derive a chain": lambda: _derivation(derive_chain(4)),
    "derive a deep chain": lambda: _derivation(derive_chain(10, 3, tanh(), cross_entropy())),
    "derive over the nested budget": lambda: _derivation(derive_chain(6, 1, elu())),
    "derive a failed check": lambda: _derivation(derive_chain(3), fail=True),
    "derive a tied chain": lambda: _derivation(derive_tied(5, tanh())),
    "derive one step": lambda: _derivation(derive_tied(1, sigmoid(), cross_entropy())),
    "check": lambda: _check(),
    "check a failure": lambda: _check(fail=True),
    "window": lambda: _report(window_report, window_problem()),
    "identity": lambda: _report(identity_report, identity_problem([2, 0.01])),
    "larger derivative": lambda: _report(larger_derivative_report, larger_derivative(
        [sigmoid(), scaled_sigmoid(4), tanh(), relu()], [1.0, 4.0], 6, 200, 1)),
    "explode sigmoid": lambda: _report(explosion_report, explode(100, 5)),
    "explode past float64": lambda: _report(explosion_report, explode(100, 400)),
    "explode relu": lambda: _report(explosion_report, explode(1.5, 6, relu())),
    "explode leaky relu": lambda: _report(explosion_report, explode(0.5, 6, leaky_relu(0.2))),
    "explode elu": lambda: _report(explosion_report, explode(2, 4, elu())),
    "chi exploding": lambda: _report(chi_report, chi(tanh(), 1.5, 0.3)),
    "chi vanishing": lambda: _report(chi_report, chi(sigmoid(), 1.0, 1.0)),
    "chi at the edge, q unbounded": lambda: _report(chi_report, chi(relu(), 2 ** 0.5, 0.0)),
    "predict given": lambda: _report(prediction_report, predict([0.2, 0.3], sigmoid(), 1, 1,
                                                                "given")),
    "predict layer by layer": lambda: _report(prediction_report, predict(
        [0.2, 0.3], relu(), 1.4, 1.0, "given", q1=0.9, measured_rms=[0.9, 1.1])),
    "predict init-norms": lambda: _report(prediction_report, _init_norms_prediction()),
}


@functools.cache
def built(name):
    return BUILDERS[name]()


def text(name, lang):
    out = built(name)(lang)
    return render(out) if isinstance(out, Report) else out


REPORTS = [name for name in BUILDERS if not name.startswith(("derive", "check"))]


# --- Japanese ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", BUILDERS)
def test_the_japanese_report_is_written_in_japanese(name):
    assert JAPANESE.search(text(name, "ja"))


@pytest.mark.parametrize("name", BUILDERS)
def test_the_japanese_report_has_no_english_word_left(name):
    assert english_words(text(name, "ja")) == []


@pytest.mark.parametrize("name", BUILDERS)
def test_the_japanese_report_states_the_same_numbers_as_the_english(name):
    english, japanese = numbers(text(name, "en")), numbers(text(name, "ja"))
    assert sum(english.values()) > 3  # the reports do state numbers
    assert japanese == english


@pytest.mark.parametrize("name", BUILDERS)
def test_japanese_words_are_followed_by_full_width_punctuation(name):
    # "検証済み）：" not "検証済み):"; formulas keep their ASCII commas and parentheses, and a
    # function of a formula its "(": 幅(|w|)
    assert re.findall(r"[\u3040-\u30ff\u4e00-\u9fff][,.:;?!)]", text(name, "ja")) == []


def test_the_word_checks_find_english_words_and_numbers_in_the_english_text():
    # the checks above see what they look for: English text fails them
    english = text("derive a chain", "en")
    assert {"Chain", "depth", "verified"} <= set(english_words(english))
    assert numbers(english)["5"] == 1 and numbers(english)["1e-09"] == 1  # 5 factors, tolerance
    assert numbers("float64 log10 ∂C/∂b1 a₄ 2..5 2.5e-16 5,000") == Counter(
        {"2": 1, "2.5e-16": 1, "5,000": 1})


@pytest.mark.parametrize("name", REPORTS)
def test_json_and_csv_are_the_same_in_both_languages(name):
    english, japanese = built(name)("en"), built(name)("ja")
    assert render(japanese, "json") == render(english, "json")
    if english.tables:
        assert render(japanese, "csv") == render(english, "csv")
        assert [t.headers for t in japanese.tables] != [t.headers for t in english.tables]


def test_english_is_the_default_language():
    assert text("chi exploding", "en") == render(chi_report(chi(tanh(), 1.5, 0.3)))
    d = derive_chain(2)
    assert derivation_text(d, verify(d)).startswith("Chain of depth 2, activation sigmoid")


def test_the_mean_field_report_reads_as_before_in_english():
    # relu's closed forms: q* = σ_b²/(1 − σ_w²/2) = 0.09/0.28, χ₁ = σ_w²/2, ξ = 1/|ln 0.72|
    assert render(chi_report(chi(relu(), 1.2, 0.3))).splitlines() == [
        "Mean field: relu, weights N(0, 1.2²/n_in), biases N(0, 0.3²)",
        "  fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²:  q* = 0.3214285714",
        "  χ₁ = σ_w² E[φ′(√q* z)²]                    = 0.72",
        "  per-layer gradient factor √χ₁             = 0.8485281374  (vanishing)",
        "  depth scale ξ = 1/|ln χ₁|                  = 3.0441 layers",
    ]


def test_a_language_the_table_does_not_have_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        render(chi_report(chi(tanh(), 1.0, 0.0), "fr"))


# --- the English of the text is the English of the JSON ------------------------------------
@pytest.mark.parametrize("d", [derive_chain(4), derive_chain(10), derive_chain(6, 1, elu()),
                               derive_tied(3, tanh())], ids=["4", "10", "elu", "tied"])
def test_each_check_reads_in_english_as_its_name_detail_and_note(d):
    v = verify(d)
    assert [check_words(c, "en") for c in v.checks] == [(c.name, c.detail) for c in v.checks]
    assert [not_run_words(s, "en") for s in v.skipped] == list(v.not_run)


@pytest.mark.parametrize("sigma_w, regime", [(0.5, "vanishing"), (1.0, "edge of chaos"),
                                             (2.0, "exploding")])
def test_the_regime_reads_in_english_as_the_json_says_it(sigma_w, regime):
    m = chi(tanh(), sigma_w, 0.0)
    assert m.regime == regime and tr(f"meanfield.{m.regime_key}", "en") == regime


def test_a_measured_source_reads_in_english_as_the_json_says_it():
    source = load_source(None)
    recipe = Recipe(hidden=3, images=20, validation=0, split_seed=0, seed=1)
    p = chapter_prediction(recipe, networks=2, source=source)
    given = predict([0.2], source="given")
    # the data set is named in the reader's language; the JSON keeps its own name
    for lang in ("en", "ja"):
        words = source_words(p, lang)
        assert tr("data.embedded", lang) in words and source.name not in words
    assert source_words(p, "en") == p.source.replace(source.name, tr("data.embedded", "en"))
    assert source_words(given, "en") == "given" and p.origin.facts["images"] == 20


def test_a_source_only_the_caller_describes_is_shown_as_written():
    p = predict([0.2], source="my own network")
    assert p.origin.key == "" and source_words(p, "ja") == "my own network"


def test_the_explosion_note_stays_english_in_the_json():
    e = explode(1.5, 6, relu())
    note = explosion_report(e, "ja").data["note"]
    assert note.startswith("relu is linear above 0") and not JAPANESE.search(note)
    assert math.isclose(e.factor_value, 1.5)
