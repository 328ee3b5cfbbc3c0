"""Table numbers against independent computations, and each output format's structure."""

import csv
import io
import json
import math

import mpmath
import numpy as np
import pytest

from analytic.chain.derive import derive_chain
from analytic.chain.ratios import sample_chains, sample_product_bands
from analytic.core.activations import get_activation
from analytic.present.table import render
from analytic.present.teaching_tables import (
    activation_row,
    activations_table,
    explosion_table,
    vanishing_table,
)
from analytic.theory.activation_facts import facts_of, registered
from analytic.theory.explosion import explode, explosion_ratios

render_table = render


def build_table(name, depth=10, *, weight=100.0, samples=1000, seed=0,
                activations=("sigmoid", "tanh", "relu"), lang="en"):
    """Compute, then build, as the table command does."""
    if name == "vanishing":
        phis = [get_activation(a) for a in activations]
        bands = [sample_product_bands(p, depth, samples, seed) for p in phis]
        return vanishing_table(bands, [p.peak_prime for p in phis], lang)
    if name == "explosion":
        return explosion_table(explosion_ratios(weight, depth), lang)
    if name == "activations":
        return activations_table([facts_of(n) for n in registered()], lang)
    raise ValueError(name)


def activation_facts(spec, lang="en"):
    keys = ("name", "range", "max_prime", "argmax", "tiny", "saturates")
    facts = facts_of(get_activation(spec))
    return type("Facts", (), dict(zip(keys, activation_row(facts, lang))))


def _rows(table, block=0):
    return [dict(zip(table.keys, row)) for row in table.blocks[block].rows]


def test_explosion_csv_shows_backprop_ratios_equal_to_25_to_the_k():
    text = render_table(build_table("explosion", 6), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["k"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    for r in rows:
        assert float(r["backprop"]) == pytest.approx(25.0 ** int(r["k"]), rel=1e-9)
        assert float(r["relative_difference"]) <= 1e-9


def test_explosion_ratios_agree_with_the_sympy_derivation():
    # independent: SymPy's dC/db_1 and dC/db_{k+1} of the same chain, evaluated in mpmath
    depth, w = 4, 100.0
    e = explode(w, depth)
    table = build_table("explosion", depth - 1, weight=w)
    grad = [derive_chain(depth, layer).evaluate([w] * depth, e.biases, e.x, e.y)
            for layer in range(1, depth + 1)]
    for row in _rows(table):
        assert row["backprop"] == pytest.approx(abs(grad[0] / grad[row["k"]]), rel=1e-9)


def test_explosion_weight_option_changes_the_factor_to_w_over_4():
    for row in _rows(build_table("explosion", 5, weight=-8.0)):
        assert row["backprop"] == pytest.approx(2.0 ** row["k"], rel=1e-9)


def test_vanishing_table_shows_the_sigmoid_bound_a_quarter_to_the_k():
    table = build_table("vanishing", 10, samples=200)
    assert table.blocks[0].name == "sigmoid"
    for row in _rows(table):
        assert row["bound"] == pytest.approx(0.25 ** row["k"], rel=1e-12)


def test_vanishing_quantiles_match_an_independent_product_over_the_same_chains():
    samples, seed, depth = 300, 5, 5
    table = build_table("vanishing", depth, samples=samples, seed=seed, activations=["sigmoid"])
    c = sample_chains(samples, depth + 1, seed)
    products = np.ones(samples)
    a, expected = c.x, []
    for j in range(depth):  # w_{j+1} sigma'(z_j), from z in closed form
        z = c.weights[:, j] * a + c.biases[:, j]
        a = 1 / (1 + np.exp(-z))
        products = products * np.abs(c.weights[:, j + 1] * a * (1 - a))
        expected.append(np.quantile(products, [0.1, 0.5, 0.9]))
    for row, (p10, p50, p90) in zip(_rows(table), expected):
        assert (row["p10"], row["median"], row["p90"]) == pytest.approx((p10, p50, p90), rel=1e-9)


def test_sampled_medians_lie_below_the_bound_max_phi_prime_to_the_k():
    # an observation, not a theorem (|w| > 1 happens): with w ~ N(0, 1) it holds at these k
    rows = _rows(build_table("vanishing", 8, samples=500))
    assert all(r["median"] < r["bound"] for r in rows)


def test_vanishing_table_says_how_many_samples_and_which_seed():
    t = build_table("vanishing", 3, samples=123, seed=9)
    for fmt in ("text", "markdown", "latex"):
        out = render_table(t, fmt)
        assert "123" in out and "seed 9" in out
    data = json.loads(render_table(t, "json"))
    assert data["samples"] == 123 and data["seed"] == 9
    assert [b["name"] for b in data["blocks"]] == ["sigmoid", "tanh", "relu"]


def _gelu_min():
    # min of z Phi(z): Phi(z) + z phi(z) = 0, solved by mpmath from the erf closed form
    def g(z):
        return (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2 + z * mpmath.npdf(z)

    z = mpmath.findroot(g, -0.75)
    return float(z * (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2)


def test_activation_facts_match_closed_forms():
    sigmoid = activation_facts("sigmoid")
    assert (sigmoid.range, sigmoid.max_prime, sigmoid.argmax) == ("(0, 1)", 0.25, "z = 0")
    assert sigmoid.saturates == "both sides"
    # sigma'(z) < 1e-3 <=> |z| > ln((1 + sqrt(1 - 4e-3)) / (1 - sqrt(1 - 4e-3)))
    r = math.sqrt(1 - 4e-3)
    edge = math.log((1 + r) / (1 - r))
    assert sigmoid.tiny == f"z < {-edge:.3g}, z > {edge:.3g}"
    assert activation_facts("tanh").range == "(-1, 1)"
    relu = activation_facts("relu")
    assert (relu.range, relu.argmax, relu.tiny) == ("[0, ∞)", "z > 0", "z < 0")
    assert activation_facts("leaky_relu").tiny == "nowhere"
    gelu = activation_facts("gelu")
    assert gelu.range == f"[{_gelu_min():.4g}, ∞)"
    assert gelu.argmax == f"z = {math.sqrt(2):.4g}"
    softplus = activation_facts("softplus")
    assert (softplus.range, softplus.max_prime, softplus.argmax) == ("(0, ∞)", 1.0, "z → +∞")
    assert activation_facts("elu").range == "(-1, ∞)"


def test_activations_table_lists_every_registered_activation_once():
    t = build_table("activations")
    names = [row[0].partition(" ")[0] for row in t.blocks[0].rows]
    assert names == ["sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "elu", "gelu",
                     "silu", "softplus", "linear", "hard_tanh"]


def test_markdown_has_a_header_separator_and_one_line_per_row():
    out = render_table(build_table("explosion", 4), "markdown")
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert lines[0].startswith("| k |") and set(lines[1]) <= set("|-:")
    assert len(lines) == 2 + 4


def test_latex_uses_booktabs_rules_and_escapes_special_characters():
    out = render_table(build_table("vanishing", 2, samples=50), "latex")
    assert out.count(r"\toprule") == 1 and out.count(r"\bottomrule") == 1
    assert r"\%" in out and "%" not in out.replace(r"\%", "")
    assert out.count(r"\begin{tabular}") == out.count(r"\end{tabular}") == 1
    assert out.count("$") % 2 == 0 and "∂" not in out and "₁" not in out


def test_japanese_tables_have_japanese_headers():
    out = render_table(build_table("explosion", 2, lang="ja"), "text")
    assert "勾配爆発" in out and "逆伝播" in out
    out = render_table(build_table("vanishing", 2, samples=20, lang="ja"), "markdown")
    assert "勾配消失" in out and "中央値" in out and "活性化関数" in out


def test_tables_are_identical_for_the_same_seed():
    a = render_table(build_table("vanishing", 4, samples=100, seed=2), "csv")
    assert a == render_table(build_table("vanishing", 4, samples=100, seed=2), "csv")


@pytest.mark.parametrize(
    "kwargs", [{"name": "nope"}, {"name": "vanishing", "depth": 0},
               {"name": "explosion", "weight": 0},
               {"name": "vanishing", "activations": ["bogus"]}, {"name": "explosion", "lang": "fr"}]
)
def test_bad_table_requests_raise_value_errors(kwargs):
    name = kwargs.pop("name")
    with pytest.raises(ValueError):
        build_table(name, **kwargs)
