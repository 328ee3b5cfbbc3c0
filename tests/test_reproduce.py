"""``analytic reproduce``: each reference's computation against an independent one on a small
case, the tolerances against closed forms and a simulation, the verdicts, the exit code, the
JSON and the Japanese report.

References: Student's t in closed form (ν = 1, 2), the coverage of a prediction interval by
simulation, the chapter's backprop on networks drawn by hand (``core.network``), mean field's
fixed point iterated in mpmath, singular values from NumPy's SVD, and the published values
read from the book's figure data.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import mpmath
import numpy as np
import pytest
from helpers import invoke
from test_vocabulary import JAPANESE, english_words

from analytic.core.activations import relu, tanh
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import he, initial_network, layer_sizes, scaled
from analytic.core.network import backprop, feedforward
from analytic.experiments import references as refs
from analytic.experiments import reproduce as rp
from analytic.experiments import reproduction, tolerance
from analytic.experiments.data import Data
from analytic.experiments.histograms import HISTOGRAMS
from analytic.experiments.mnist import Source, balanced_split, load_embedded
from analytic.experiments.result import read
from analytic.experiments.rnn import draw_samples, recurrent_gradients, recurrent_matrices
from analytic.experiments.training import DEPTH_ACCURACY, TRAINING_SPEED
from analytic.present.reports import report
from analytic.present.table import render
from analytic.train import Recipe

#: Every reference, small: a couple of seconds in all.
TINY = reproduction.FULL.but(
    initial=Recipe(validation=0, images=100), trained=TRAINING_SPEED.but(epochs=3, images=100),
    standin=DEPTH_ACCURACY.but(epochs=1, images=100, validation=100),
    variance=HISTOGRAMS.but(images=100, width=20), rnn_steps=12, chapter=(300, 200, 300),
    jacobian_width=24, networks={"initial": 4, "trained": 3, "standin": 2, "chapter": 2,
                                 "variance": 4, "rnn": 4, "jacobian": 3})


def _with_held_out() -> Source:
    # a "full MNIST" in miniature: the embedded digits split into a training and a held-out pool
    train, held = balanced_split(load_embedded(), 4000, 1000, 0)
    return Source("MNIST", train, held)


@pytest.fixture(scope="module")
def tiny():
    return rp.reproduce(TINY)


@pytest.fixture(scope="module")
def judged():
    return rp.reproduce(TINY, _with_held_out(), references=["accuracy-depth"])


def _lines(result, reference, item=None):
    return [line for line in result.lines
            if line.reference == reference and item in (None, line.item)]


# --- the tolerances ------------------------------------------------------------------------------
@pytest.mark.parametrize("p", [0.9, 0.975, 0.995])
def test_t_quantiles_match_the_closed_forms_for_one_and_two_degrees_of_freedom(p):
    assert tolerance.t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-10)
    assert tolerance.t_quantile(p, 2) == pytest.approx(
        (2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-10)


def test_a_99_percent_prediction_interval_misses_about_one_new_draw_in_a_hundred():
    # simulation: 5 log-normal draws make the interval, a sixth is the "published" one
    rng = np.random.default_rng(3)
    draws = np.exp(rng.normal(-3.0, 0.4, size=(4000, 6)))
    misses = sum(not tolerance.inside(d[5], *tolerance.log_prediction_interval(d[:5]))
                 for d in draws)
    assert 15 < misses < 70  # 40 expected; binomial sd 6.3


def test_a_line_passes_only_when_the_tested_value_lies_in_its_interval():
    line = reproduction.Line("meanfield", "ratio", {}, 1.0, 1.2, 0.9, 1.1, "computed", "relative",
                             3)
    assert line.status == "fail"
    assert replace(line, computed=1.05).status == "pass"
    assert replace(line, computed=None).status == "fail"
    assert replace(line, tested="published").status == "pass"
    assert replace(line, reason="sample").status == "not_judged"
    assert replace(line, low=None, high=None).status == "not_judged"


# --- each reference against an independent computation -------------------------------------------
def test_the_speed_lines_are_the_chapters_backprop_on_networks_drawn_by_hand(tiny):
    digits = Data()(TINY.initial).train
    for hidden in (2, 4):
        speeds = np.array([[np.linalg.norm(nb) for nb in backprop(
            initial_network(layer_sizes(hidden), np.random.default_rng([0, s])), digits.images,
            digits.one_hot(), cross_entropy(), weight_gradients=False).nabla_b[:-1]]
            for s in range(TINY.networks["initial"])])
        lines = [line for line in _lines(tiny, "speeds-initial")
                 if line.fields["sizes"] == str(layer_sizes(hidden))]
        layers = [line for line in lines if line.item == "layer"]
        np.testing.assert_allclose([line.computed for line in layers], np.median(speeds, 0),
                                   rtol=1e-10)
        ratios = [line for line in lines if line.item == "ratio"]
        np.testing.assert_allclose([line.computed for line in ratios],
                                   np.median(speeds[:, 1:] / speeds[:, :-1], 0), rtol=1e-10)


def test_the_published_speeds_are_the_chapters_printed_values_to_their_digits():
    # the text of ch. 5 prints 0.07, 0.31; 0.012, 0.060, 0.283; 0.003, 0.017, 0.070, 0.285
    printed = {2: (0.07, 0.31), 3: (0.012, 0.060, 0.283), 4: (0.003, 0.017, 0.070, 0.285)}
    for hidden, values in printed.items():
        decimals = 2 if hidden == 2 else 3
        rounded = [round(v, decimals) for v in reproduction.NIELSEN_INITIAL[hidden]]
        assert rounded == pytest.approx(values, abs=1e-12), hidden
    first, last = reproduction.NIELSEN_TRAINED[4][0], reproduction.NIELSEN_TRAINED[4][-1]
    assert 50 < last / first < 200  # "roughly 100 times slower"


def test_a_speed_line_fails_when_the_published_value_lies_outside_our_networks_spread(tiny):
    line = _lines(tiny, "speeds-initial", "layer")[0]
    assert line.status == "pass" and replace(line, published=100 * line.high).status == "fail"


def test_the_trained_lines_are_the_last_epochs_speeds_of_the_seeds_runs(tiny):
    from analytic.experiments.training import training_speed

    recipe = TINY.trained.but(hidden=2)
    last = np.array([training_speed(recipe.but(seed=s)).speeds[-1]
                     for s in range(TINY.networks["trained"])])
    lines = [line for line in _lines(tiny, "speeds-trained")
             if line.fields["sizes"] == str(layer_sizes(2))]
    np.testing.assert_allclose([line.computed for line in lines[:2]], np.median(last, 0),
                               rtol=1e-12)
    assert lines[2].computed == pytest.approx(np.median(last[:, 1] / last[:, 0]), rel=1e-12)
    assert lines[0].fields["epoch"] == TINY.trained.epochs - 1


def _fixed_point_chi(sigma_w: float, sigma_b: float) -> float:
    # the variance map iterated to its fixed point, then χ₁, all by mpmath's quadrature
    phi = lambda u: 1 / (1 + mpmath.exp(-u))  # noqa: E731
    normal = lambda f: mpmath.quad(  # noqa: E731
        lambda z: f(z) * mpmath.exp(-z * z / 2), [-mpmath.inf, 0, mpmath.inf]) / mpmath.sqrt(
        2 * mpmath.pi)
    q = mpmath.mpf(1)
    for _ in range(12):  # the map's slope at q* is about 0.03: 12 steps reach 1e-18
        q = sigma_w**2 * normal(lambda z: phi(mpmath.sqrt(q) * z) ** 2) + sigma_b**2
    prime = lambda u: phi(u) * (1 - phi(u))  # noqa: E731
    return float(sigma_w**2 * normal(lambda z: prime(mpmath.sqrt(q) * z) ** 2))


def test_the_meanfield_lines_put_the_measured_ratios_beside_root_chi_computed_in_mpmath(tiny):
    lines = _lines(tiny, "meanfield")
    speeds = reproduction.Run(TINY, Data(), None).initial(4).speeds
    measured = 1 / np.median(speeds[:, 1:] / speeds[:, :-1], 0)
    np.testing.assert_allclose([line.computed for line in lines], measured, rtol=1e-12)
    for line in lines:
        assert line.published == pytest.approx(math.sqrt(_fixed_point_chi(1.0, 1.0)), rel=1e-9)
        assert (line.low, line.high) == pytest.approx(
            (0.95 * line.published, 1.05 * line.published), rel=1e-12)


def test_the_variance_factor_is_var_z_of_networks_drawn_by_hand():
    recipe = TINY.variance.but(activation=relu(), init=he())
    digits = Data()(recipe).train
    ratios = []
    for i in range(3):
        net = initial_network(recipe.sizes, np.random.default_rng([0, i]), he(), relu(), 0.0)
        zs, _ = feedforward(net, digits.images)
        ratios.append(np.mean(zs[recipe.hidden - 1] ** 2) / np.mean(zs[0] ** 2))
    measured = refs.variance_factor(recipe, 3, Data())
    np.testing.assert_allclose(measured.ratios, ratios, rtol=1e-10)
    assert measured.factor == pytest.approx(np.mean(ratios) ** (1 / (recipe.hidden - 1)))


def test_the_variance_bands_come_from_the_map_and_catch_a_scheme_that_does_not_keep_it(tiny):
    he_line, glorot = _lines(tiny, "variance-he")[0], _lines(tiny, "variance-glorot")[0]
    assert he_line.published == pytest.approx(1.0, rel=1e-12)  # ½ · 20 · 2/20
    assert glorot.published == pytest.approx(1.0, rel=1e-9)  # 20 · 2/40 · tanh′(0)²
    # tanh's E[tanh(√q z)²]/q lies in [1 − 2q, 1]: the band's floor, at the largest first q
    q = float(glorot.fields["q"])
    assert 1 - 2 * q <= float(glorot.fields["floor"]) <= 1
    # 100-unit layers: He's band is a few per cent wide, and the chapter's N(0, 1/n_in) with
    # ReLU, which halves Var[z] per layer, lies far outside it
    plan = TINY.but(variance=HISTOGRAMS.but(images=100), networks={"variance": 20})
    line = rp.reproduce(plan, references=["variance-he"]).lines[0]
    assert line.status == "pass" and line.high - line.low < 0.3
    halving = refs.variance_factor(plan.variance.but(activation=relu(), init=scaled()), 20, Data())
    assert halving.factor == pytest.approx(0.5, abs=0.1)
    assert not tolerance.inside(halving.factor, line.low, line.high)


def test_pascanus_share_counts_the_networks_whose_norms_obey_the_bound_from_their_own_svd():
    result = recurrent_gradients((0.5, 2.0), units=8, inputs=8, steps=15, samples=6,
                                 activation=tanh())
    eligible = 0
    for radius in result.radii:
        W = recurrent_matrices(draw_samples(8, 8, 15, 6, 0.1, 0), radius.rho)
        top = np.array([np.linalg.svd(w, compute_uv=False)[0] for w in W])
        np.testing.assert_allclose(radius.singular_values, top, rtol=1e-12)
        eligible += int(np.sum(top < 1))
    assert refs.pascanu_share(result) == (eligible, eligible) and eligible > 0
    # a norm one step back that grows past the bound is counted as not obeying it
    first = result.radii[0]
    s = int(np.flatnonzero(first.singular_values < 1)[0])
    norms = first.log10_norms.copy()
    norms[s, -2] = norms[s, -1] + 0.1
    broken = replace(result, radii=(replace(first, log10_norms=norms), *result.radii[1:]))
    assert refs.pascanu_share(broken) == (eligible, eligible - 1)


# --- the accuracy: judged on a full MNIST, shown otherwise ---------------------------------------
def test_without_held_out_digits_the_accuracy_is_a_stand_in_shown_and_not_judged(tiny):
    lines = _lines(tiny, "accuracy-depth")
    assert [line.status for line in lines] == ["not_judged"] * 4
    assert {line.reason for line in lines} == {"sample"}
    assert [line.published for line in lines] == [96.48, 96.90, 96.57, 96.53]
    assert all(line.fields["images"] == 100 and line.computed is not None for line in lines)


def test_on_a_full_mnist_the_accuracy_interval_is_our_mean_and_pooled_spread(judged):
    from analytic.experiments.training import depth_accuracy, depth_recipes

    lines = _lines(judged, "accuracy-depth")
    base = TINY.standin.but(images=300, validation=200)
    ours = 100 * depth_accuracy(depth_recipes(4, base), 2, _with_held_out()).accuracies
    pooled = math.sqrt(np.sum((ours - ours.mean(1, keepdims=True)) ** 2) / 4)
    t = tolerance.t_quantile(0.995, 4)
    for line, row, published in zip(lines, ours, (96.48, 96.90, 96.57, 96.53)):
        mean = row.mean()
        binomial = 100**2 * ((published / 100) * (1 - published / 100) / 10_000
                             + (mean / 100) * (1 - mean / 100) / 200)
        half = t * math.sqrt(pooled**2 * 1.5 + binomial)
        assert line.computed == pytest.approx(mean, rel=1e-12)
        assert (line.low, line.high) == pytest.approx((mean - half, mean + half), rel=1e-9)
        assert line.reason == "" and line.fields["images"] == 300


def test_the_quick_run_does_not_judge_the_accuracy_even_on_a_full_mnist():
    quick = replace(TINY, quick=True)
    result = rp.reproduce(quick, _with_held_out(), references=["accuracy-depth"])
    assert {line.reason for line in result.lines} == {"quick"}


def _explicit_jacobians(case: tuple[str, str], width: int, networks: int, depth: int):
    # J = D^L W^L ... D^1 W^1 with every row kept, from the draws of network i of the ensemble
    # (default_rng([0, i])), and numpy's SVD of it
    from analytic.core.activations import get_activation
    from analytic.experiments.ensemble import critical_ensemble, layers, network_input

    e = critical_ensemble(get_activation(case[0]), case[1])
    spectra = []
    for i in range(networks):
        rng = np.random.default_rng([0, i])
        x, jac = network_input(e, width, rng), np.eye(width)
        for _, (w, b) in zip(range(depth), layers(e, width, rng)):
            h = w @ x
            x, d = e.activation.value_and_prime(h + b)
            jac = d[:, None] * (w @ jac)
        spectra.append(np.linalg.svd(jac, compute_uv=False))
    return np.array(spectra)


def test_the_isometry_lines_are_the_papers_formulas_beside_an_explicit_products_svd(tiny):
    # Pennington et al.: m1 = 1, σ²/m1² = L/p (Gaussian), L(1 - p)/p (orthogonal), p = 1/2 for
    # ReLU and erf(1/√(2 q*)) for hard tanh at q* = 0.25; ours: the mean over the networks of
    # the moments of the explicit product's singular values
    width, n = TINY.jacobian_width, TINY.networks["jacobian"]
    p = {"relu": 0.5, "hard_tanh": math.erf(1 / math.sqrt(2 * 0.25))}
    lines = _lines(tiny, "pennington")
    assert len(lines) == 3 * 3 * 2
    for case in (("relu", "gaussian"), ("relu", "orthogonal"), ("hard_tanh", "orthogonal")):
        for depth in (8, 16, 32):
            sigma2 = _explicit_jacobians(case, width, n, depth) ** 2
            m1, m2 = sigma2.mean(axis=1), (sigma2**2).mean(axis=1)
            spread = depth / p[case[0]] * (1 if case[1] == "gaussian" else 1 - p[case[0]])
            mine = [line for line in lines if line.fields["L"] == depth
                    and line.fields["act"] == case[0]
                    and ("O(n)" in line.fields["law"]) == (case[1] == "orthogonal")]
            by_moment = {line.fields["moment"]: line for line in mine}
            assert by_moment["m₁"].published == 1.0
            assert by_moment["σ²/m₁²"].published == pytest.approx(spread, rel=1e-12)
            assert by_moment["m₁"].computed == pytest.approx(m1.mean(), rel=1e-9)
            assert by_moment["σ²/m₁²"].computed == pytest.approx((m2 / m1**2 - 1).mean(),
                                                                 rel=1e-9)


def test_the_saxe_lines_put_the_gaussian_products_m2_beside_l_plus_1_and_orthogonal_at_1(tiny):
    width, n = TINY.jacobian_width, TINY.networks["jacobian"]
    lines = _lines(tiny, "saxe")
    for line in lines[:-1]:
        depth = line.fields["L"]
        sigma = _explicit_jacobians(("linear", "gaussian"), width, n, depth)
        assert line.published == depth + 1
        assert line.computed == pytest.approx(np.mean(sigma**4), rel=1e-9)
    isometry_line = lines[-1]
    sigma = _explicit_jacobians(("linear", "orthogonal"), width, n, 32)
    assert np.max(np.abs(sigma - 1)) < 1e-9 and isometry_line.computed == 1.0
    assert isometry_line.status == "pass"
    # the same share of the Gaussian product is far from 1: the line can fail
    gaussian = _explicit_jacobians(("linear", "gaussian"), width, n, 32)
    assert np.mean(np.abs(gaussian - 1) <= 1e-9) < 0.01


def test_an_isometry_line_fails_when_the_formula_is_off_by_more_than_its_tolerance():
    # width 96: a Gaussian ReLU net's σ²/m1² at L = 8 passes beside L/p = 16, and fails beside
    # the orthogonal formula L(1 - p)/p = 8 with the tolerance that formula would get
    wider = TINY.but(jacobian_width=96, networks={"jacobian": 4})
    line = next(line for line in rp.reproduce(wider, references=["pennington"]).lines
                if line.fields["moment"] == "σ²/m₁²" and line.fields["L"] == 8
                and line.fields["act"] == "relu" and "O(n)" not in line.fields["law"])
    assert line.status == "pass" and line.published == 16
    se = (line.high - line.published - 8 / 96 * 16) / 3
    wrong = replace(line, published=8.0, low=8 - 3 * se - 8 / 96 * 8, high=8 + 3 * se + 8 / 96 * 8)
    assert wrong.status == "fail"


def test_the_quick_plans_jacobians_are_refused_beyond_the_budget_before_anything_runs():
    huge = reproduction.QUICK.but(jacobian_width=1000, networks={"jacobian": 10_000})
    with pytest.raises(ValueError, match="budget"):
        rp.reproduce(huge, references=["pennington"])


# --- the command ---------------------------------------------------------------------------------
def test_the_command_exits_0_when_every_line_passes_and_1_when_one_fails(monkeypatch):
    args = ("reproduce", "--quick", "--reference", "pascanu")
    done = invoke(*args)
    assert done.exit_code == 0, done.output
    assert "pass" in done.stdout and "FAIL" not in done.stdout
    monkeypatch.setattr(refs, "LOG10_ROUNDING", -1.0)  # a bound a decade a step too tight
    failed = invoke(*args)
    assert failed.exit_code == 1 and "FAIL" in failed.stdout
    assert "error:" not in failed.stderr


def test_the_json_holds_every_line_with_its_verdict_and_reads_back(tiny):
    data = json.loads(render(report(tiny), "json"))
    assert data["summary"] == {s: tiny.count(s) for s in reproduction.STATUSES}
    assert len(data["lines"]) == len(tiny.lines) and "NaN" not in json.dumps(data)
    assert {r["key"] for r in data["references"]} == set(refs.REFERENCES)
    assert read(data).to_json() == tiny.to_json()
    done = invoke("reproduce", "--quick", "--reference", "pascanu", "--format", "json")
    assert json.loads(done.stdout)["lines"][0]["status"] == "pass"


def test_an_unknown_reference_is_refused_in_one_line_before_anything_runs():
    done = invoke("reproduce", "--reference", "nielsen")
    assert done.exit_code == 2 and done.stderr.startswith("error: unknown reference 'nielsen'")


def test_the_japanese_report_leaves_no_english_word_of_the_english_one(tiny, judged):
    for result in (tiny, judged):
        english, japanese = (render(report(result, lang), "text") for lang in ("en", "ja"))
        assert JAPANESE.search(japanese)
        assert english_words(english) & english_words(japanese) == set()


# --- the order-chaos line ------------------------------------------------------------------------
def test_the_order_chaos_lines_meet_the_axes_where_chi1_of_mpmath_reaches_one(tiny):
    lines = _lines(tiny, "order-chaos", "critical")
    assert {(line.fields["act"], line.fields["sb2"]): line.published for line in lines} == {
        ("tanh", "0"): 1.0, ("relu", "0"): 2.0, ("relu", "0.05"): 2.0}
    assert all(line.status == "pass" for line in lines)
    # apart from the search: χ₁ = σ_w² E[φ′(√q* z)²] by mpmath at each computed σ_w² is 1.
    # tanh at σ_b = 0 up to the line has q* = 0, so χ₁ = σ_w² tanh′(0)²; relu's E[relu′²] is
    # P(z > 0) at every q, integrated here
    gauss = mpmath.mpf(1) / mpmath.sqrt(2 * mpmath.pi)
    relu_mean = mpmath.quad(lambda z: gauss * mpmath.exp(-z * z / 2), [0, mpmath.inf])
    mean_prime_squared = {"tanh": mpmath.sech(0) ** 4, "relu": relu_mean}
    for line in lines:
        chi1 = line.computed * mean_prime_squared[line.fields["act"]]
        assert float(chi1) == pytest.approx(1.0, rel=refs.LINE_RELATIVE)
    # a line whose formula were 1 % off would fail
    off = replace(lines[0], low=1.01 * (1 - refs.LINE_RELATIVE),
                  high=1.01 * (1 + refs.LINE_RELATIVE))
    assert off.status == "fail"
