"""``analytic table inits``: every law's variance is the published one, the schemes this tool
draws are the laws the table names, and the table speaks Japanese.

References: the papers' formulas, written out here (LeCun et al. 1998, Section 4.6: standard
deviation n_in^(−1/2); Glorot and Bengio 2010, eq. 1: U(±1/√n_in) and eq. 16:
U(±√6/√(n_in + n_out)); He et al. 2015, eq. 10: Var = 2/n_in and eq. 14: Var = 2/n_out); a
uniform law U(±a) has variance a²/3; the registered schemes' own draws.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from helpers import invoke

from analytic.core.initialisation import get_initialisation
from analytic.theory.initialisations import SCHEMES

PUBLISHED = {
    "lecun_normal": lambda n_in, n_out: (n_in ** -0.5) ** 2,
    "lecun_uniform": lambda n_in, n_out: 3 / n_in / 3,  # U(±√(3/n_in))
    "glorot_heuristic": lambda n_in, n_out: (1 / math.sqrt(n_in)) ** 2 / 3,
    "glorot_normal": lambda n_in, n_out: 2 / (n_in + n_out),
    "glorot_uniform": lambda n_in, n_out: (math.sqrt(6) / math.sqrt(n_in + n_out)) ** 2 / 3,
    "he_normal": lambda n_in, n_out: 2 / n_in,
    "he_fan_out": lambda n_in, n_out: 2 / n_out,
    "he_uniform": lambda n_in, n_out: 6 / n_in / 3,  # U(±√(6/n_in))
    "orthogonal": lambda n_in, n_out: 1 / max(n_in, n_out),  # a unit column or row of O(n)
}


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.key for s in SCHEMES])
def test_each_laws_variance_is_the_published_one(scheme):
    for n_in, n_out in ((784, 30), (30, 30), (30, 10)):
        assert scheme.variance(n_in, n_out) == pytest.approx(PUBLISHED[scheme.key](n_in, n_out),
                                                             rel=1e-14)


@pytest.mark.parametrize("scheme", [s for s in SCHEMES if s.init], ids=lambda s: s.key)
def test_the_scheme_drawn_here_is_the_law_the_table_names(scheme):
    # the registered scheme (gain 1 for orthogonal:G) draws the table's variance, within 2 %
    drawn = get_initialisation(scheme.init.replace(":G", ""))
    w = drawn(400, 300, np.random.default_rng(2))
    assert drawn.variance(400, 300) == pytest.approx(scheme.variance(400, 300), rel=1e-14)
    assert w.var() == pytest.approx(scheme.variance(400, 300), rel=0.02)


def test_the_uniform_laws_bounds_give_their_variances():
    # the bound a written in each uniform law, evaluated here, gives a²/3 = Var[w]
    bounds = {"lecun_uniform": lambda n, m: math.sqrt(3 / n), "glorot_heuristic":
              lambda n, m: 1 / math.sqrt(n), "glorot_uniform": lambda n, m: math.sqrt(6 / (n + m)),
              "he_uniform": lambda n, m: math.sqrt(6 / n)}
    for s in SCHEMES:
        if s.key in bounds:
            assert s.law.startswith("U(±")
            assert bounds[s.key](784, 30) ** 2 / 3 == pytest.approx(s.variance(784, 30))


def test_the_inits_table_prints_in_both_languages_and_japanese_keeps_only_names_in_latin():
    english = invoke("table", "inits", "--format", "json")
    japanese = invoke("table", "inits", "--lang", "ja")
    assert english.exit_code == 0 and japanese.exit_code == 0
    laws, names = json.loads(english.stdout)["tables"]
    assert [row["law"] for row in laws["blocks"][0]["rows"]] == [s.law for s in SCHEMES]
    # what stays in Latin letters in Japanese: the papers' and frameworks' names and
    # identifiers, the laws' symbols
    allowed = {"LeCun", "Glorot", "Xavier", "Bengio", "Kaiming", "Saxe", "tanh", "softsign",
               "ReLU", "PReLU", "SELU", "relu", "leaky", "linear", "sigmoid", "hard", "Keras",
               "PyTorch", "Caffe", "MSRA", "msra", "xavier", "lecun", "normal", "uniform",
               "glorot", "kaiming", "orthogonal", "Orthogonal", "gain", "calculate", "mode",
               "fan", "out", "variance", "norm", "FAN", "Linear", "Dense", "VarianceScaling",
               "scale", "distribution", "Deep", "Learning", "Andrew", "deeplearning", "scaled",
               "init", "standard", "Var", "Ng", "He", "he", "ai", "in", "IN",
               "nn"}  # fan_in, nn.Linear; standard: the --init form
    words = set(re.findall(r"[A-Za-z]{2,}", japanese.stdout))
    assert words - allowed == set()
    assert "初期化" in japanese.stdout and "保つもの" in japanese.stdout


def test_the_schemes_that_keep_the_gradient_have_chi1_1_and_the_heuristic_a_third():
    # mean-field χ1 for the activation each was derived for (equal widths, biases 0), against
    # 1 (the papers' aim) and 1/3 (Glorot and Bengio's heuristic: Var shrinks threefold)
    from analytic.theory.initialisations import tanh_chi1_with_torch_gain

    chi1 = {s.key: s.chi1() for s in SCHEMES}
    assert chi1.pop("glorot_heuristic") == pytest.approx(1 / 3, rel=1e-9)
    assert all(value == pytest.approx(1.0, rel=1e-9) for value in chi1.values())
    assert tanh_chi1_with_torch_gain() > 1.1  # the note's "chaotic side of the edge"
