"""Inside the layers, shown: the figures draw the data they are given, the tables hold it.

References: the histogram counts and percentiles computed here from the raw arrays, the
recurrent matrices rebuilt from their draws with NumPy's own 2-norm, and the clipping factor
min(1, c/‖g‖) recomputed from the gradient's norm.
"""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.patches import StepPatch

from analytic.core.activations import get_activation
from analytic.core.initialisation import get_initialisation
from analytic.experiments.histograms import HISTOGRAMS, layer_histograms, setups
from analytic.experiments.rnn import draw_samples, recurrent_gradients, recurrent_matrices
from analytic.present.figures import build_figure
from analytic.present.reports.inside import histograms_report, rnn_report
from analytic.present.table import render

SETUPS = [(get_activation(a), get_initialisation(i))
          for a, i in (("sigmoid", "gaussian"), ("relu", "he"), ("gelu", "he"),
                       ("relu", "normal:1e50"))]
HIDDEN, WIDTH, BINS = 3, 12, 9


@pytest.fixture(scope="module")
def hist():
    """Four set-ups on 30 digits; the last one's activations pass 1e145 and are not kept."""
    recipe = HISTOGRAMS.but(hidden=HIDDEN, width=WIDTH, images=30, seed=1)
    return layer_histograms(setups(SETUPS, recipe), BINS)


@pytest.fixture(scope="module")
def rnn():
    return recurrent_gradients((0.5, 2.0), units=8, inputs=3, steps=40, samples=12,
                               input_std=0.3, clip=2.0, seed=5)


def panels(fig, setups: int):
    """The histogram panels as an array [layer, set-up], layer 1 first."""
    return np.array(fig.axes).reshape(-1, setups)


def stairs(ax) -> StepPatch:
    (patch,) = [p for p in ax.patches if isinstance(p, StepPatch)]
    return patch


# --- histogram figures ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, kind", [("layer_histograms", "a"), ("delta_histograms", "delta")])
def test_each_panel_draws_its_layers_counts_as_shares_on_the_setups_bins(hist, name, kind):
    fig = build_figure(name, hist)
    grid = panels(fig, len(SETUPS))
    assert grid.shape == (HIDDEN, len(SETUPS))
    for j, s in enumerate(hist.setups[:3]):
        edges = s.a_edges if kind == "a" else s.delta_edges
        for l, layer in enumerate(s.layers):
            counts = layer.a_counts if kind == "a" else layer.delta_counts
            drawn = stairs(grid[l, j]).get_data()
            # every (image, neuron) pair once: the shares times 30 x 12 are the counts
            np.testing.assert_allclose(drawn.values * 30 * WIDTH, counts, rtol=1e-12)
            np.testing.assert_array_equal(drawn.edges, edges)
            assert grid[l, j].get_ylim()[1] > drawn.values.max()  # no bar is cut off


def test_histogram_panels_name_what_saturated_counts_and_the_overflow(hist):
    grid = panels(build_figure("layer_histograms", hist), len(SETUPS))
    notes = [[" ".join(t.get_text() for t in ax.texts) for ax in row] for row in grid]
    sigmoid, relu = hist.setups[0].layers[0], hist.setups[1].layers[0]
    assert notes[0][0] == f"{sigmoid.saturated:.0%} saturated"
    assert notes[0][1] == f"{relu.saturated:.0%} inactive"
    assert notes[0][2].startswith("std ")  # GELU has no flat end to count
    overflow = hist.setups[3].overflow_layer
    assert overflow is not None and f"at layer {overflow}" in notes[0][3]
    assert not any(ax.get_visible() for ax in grid[1:, 3])


def test_histogram_columns_are_titled_by_activation_and_initialisation(hist):
    grid = panels(build_figure("layer_histograms", hist, lang="ja"), len(SETUPS))
    titles = [ax.get_title() for ax in grid[0]]
    assert titles == ["sigmoid\nN(0, 1)", "relu\nHe", "gelu\nHe", "relu\nN(0, 1e+50²)"]
    assert [ax.get_ylabel() for ax in grid[:, 0]] == ["第 1 層", "第 2 層", "第 3 層"]


# --- the recurrent figure ------------------------------------------------------------------------
def test_rnn_figure_draws_the_median_and_band_without_and_with_clipping(rnn):
    fig = build_figure("rnn_gradients", rnn)
    unclipped, clipped = fig.axes[:2]
    t = np.arange(1, 41)
    for ax, after in ((unclipped, False), (clipped, True)):
        lines = [line for line in ax.lines if line.get_label().startswith("$\\rho$")]
        bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
        assert len(lines) == len(bands) == 2
        for r, line, band in zip(rnn.radii, lines, bands):
            norms = r.log10_norms
            if after:  # g -> g min(1, c/|g|): one factor, in log10, for every step
                norms = norms + np.minimum(0.0, math.log10(2.0) - r.log10_gradient)[:, None]
            np.testing.assert_array_equal(line.get_xdata(), t)
            np.testing.assert_allclose(line.get_ydata(), np.median(norms, axis=0), atol=1e-12)
            vertices = band.get_paths()[0].vertices
            low, high = np.percentile(norms, 10, axis=0), np.percentile(norms, 90, axis=0)
            for x, y in vertices:
                k = int(round(x)) - 1
                assert min(abs(y - low[k]), abs(y - high[k])) < 1e-12
    assert clipped.get_ylim() == unclipped.get_ylim()  # one vertical scale for both


def test_rnn_legend_gives_each_radius_and_its_share_clipped(rnn):
    (legend,) = build_figure("rnn_gradients", rnn).legends
    shares = [np.mean(r.log10_gradient > math.log10(2.0)) for r in rnn.radii]
    assert [t.get_text() for t in legend.get_texts()] == [
        f"$\\rho$ = {r.rho:g} ({s:.0%})" for r, s in zip(rnn.radii, shares)]


def test_norms_beyond_float64_are_drawn_and_reported_without_inf():
    far = recurrent_gradients((10.0, 0.5), units=4, inputs=1, steps=400, samples=2,
                              input_std=0.0)
    (line, *_), _ = (ax.lines for ax in build_figure("rnn_gradients", far).axes[:2])
    assert np.all(np.isfinite(line.get_ydata())) and line.get_ydata()[0] > 390  # ~10^399
    text = render(rnn_report(far), "text")
    assert "ρ = 10: ‖∂C/∂h₁‖ passes float64's largest number (1.8e+308) in 100%" in text
    assert "ρ = 0.5:" not in text and "inf" not in text.replace("would give inf", "")


# --- tables --------------------------------------------------------------------------------------
def test_rnn_table_matches_matrices_rebuilt_from_their_draws(rnn):
    data = json.loads(render(rnn_report(rnn), "json"))
    samples = draw_samples(8, 3, 40, 12, 0.3, seed=5)
    for row, r in zip(data["radii"], rnn.radii):
        W = recurrent_matrices(samples, r.rho)
        lambda1 = np.array([np.linalg.norm(w, 2) for w in W])
        assert row["lambda1_median"] == pytest.approx(np.median(lambda1), rel=1e-12)
        assert row["pascanu_fraction"] == np.mean(lambda1 < 1.0)  # tanh: γ = 1
        rates = (10.0 ** (r.log10_norms[:, 0] - r.log10_norms[:, -1])) ** (1 / 39)
        assert row["rate_median"] == pytest.approx(np.median(rates), rel=1e-12)
        assert row["clipped_fraction"] == np.mean(r.log10_gradient > math.log10(2.0))
        assert np.array(row["log10_norms"]).shape == (12, 40)


def test_histogram_csv_keeps_every_layer_at_full_precision_and_names_the_overflow(hist):
    rows = list(csv.DictReader(render(histograms_report(hist), "csv").splitlines()))
    kept = [(s, l, layer) for s in hist.setups for l, layer in enumerate(s.layers, start=1)]
    assert len(rows) == len(kept) + 1
    for row, (s, l, layer) in zip(rows, kept):
        assert (row["activation"], row["init"], int(row["layer"])) == (
            s.recipe.activation.spec, s.recipe.init.spec, l)
        assert float(row["z_var"]) == layer.z_var and float(row["delta_rms"]) == layer.delta_rms
    assert rows[-1]["overflow_layer"] == str(hist.setups[3].overflow_layer)
    assert rows[-1]["z_var"] == ""


@pytest.mark.parametrize("fmt, missing", [("text", "—"), ("markdown", "—"), ("latex", "---"),
                                         ("json", "null")])
def test_gelus_missing_saturation_shows_as_a_dash_or_null_never_nan(hist, fmt, missing):
    out = render(histograms_report(hist, "ja"), fmt)
    assert "nan" not in out.lower() and missing in out
    if fmt == "json":
        gelu = json.loads(out)["setups"][2]
        assert [layer["saturated"] for layer in gelu["layers"]] == [None] * HIDDEN
    else:
        assert "不活性" in out  # the rectifier's column, in Japanese


def test_weight_laws_read_as_distributions():
    assert [get_initialisation(i).law for i in ("gaussian", "xavier", "normal:0.5", "scaled:2")
            ] == ["N(0, 1)", "U(±√(6/(n_in + n_out)))", "N(0, 0.5²)", "N(0, 4/n_in)"]
