"""Inside the layers, as reports: per-layer statistics at initialisation and gradients through
time in a recurrent network (text, markdown, csv, LaTeX, JSON; English or Japanese).

``histograms_report`` takes a :class:`~analytic.experiments.histograms.Histograms`,
``rnn_report`` a :class:`~analytic.experiments.rnn.RecurrentGradients`. Nothing is computed
here beyond what the experiments measured; the column keys (csv, JSON) are the same in every
language, the headers and notes follow ``lang``.
"""

from __future__ import annotations

import numpy as np

from ...experiments.histograms import Histograms, LayerHistogram, SetupHistograms
from ...experiments.rnn import RadiusGradients, RecurrentGradients
from ..table import Column, Report, Table, table
from .training import setup_title
from .words import Text, digits_text, network_text, shared, words


def _column(key: str, text: Text, fmt: str = "{:.4g}") -> Column:
    return Column(key, text(f"inside.col.{key}"), fmt)


# --- layer histograms ----------------------------------------------------------------------------
def _histogram_columns(saturation: str, text: Text) -> tuple[Column, ...]:
    # "inactive" for the rectifiers (z <= 0), "saturated" for a bounded phi
    return (
        _column("layer", text, "{}"), _column("mean", text, "{:.3f}"),
        _column("std", text, "{:.3f}"),
        Column("saturated", text(f"inside.col.{saturation}"), "{:.1%}"),
        _column("z_var", text), _column("z_var_predicted", text),
        _column("z_var_meanfield", text), _column("delta_rms", text, "{:.3g}"),
        _column("delta_rms_predicted", text, "{:.3g}"),
    )


def _layer_row(l: int, layer: LayerHistogram) -> tuple:
    return (l, *(getattr(layer, k) for k in LayerHistogram.STATISTICS))


def _setup_table(s: SetupHistograms, text: Text) -> Table:
    title = setup_title(s.recipe, text)
    if s.recipe.bias_std:
        title += text("inside.hist.bias", b=f"{s.recipe.bias_std:g}")
    rows = [_layer_row(l, layer) for l, layer in enumerate(s.layers, start=1)]
    note = (text("inside.hist.overflow", layer=s.overflow_layer)
            if s.overflow_layer is not None else "")
    return table(f"histograms-{s.recipe.activation.spec}-{s.recipe.init.spec}", title,
                 _histogram_columns(s.saturation, text), rows, note)


def _flat_table(h: Histograms) -> Table:
    """Every set-up's layers in one csv table, the set-up named in each row."""
    keys = ("activation", "init", "bias_std", "saturation", "layer", *LayerHistogram.STATISTICS,
            "overflow_layer")
    rows = []
    for s in h.setups:
        r = s.recipe
        head = (r.activation.spec, r.init.spec, r.bias_std, s.saturation)
        rows += [(*head, *_layer_row(l, layer), None)
                 for l, layer in enumerate(s.layers, start=1)]
        if s.overflow_layer is not None:
            rows.append((*head, *[None] * (len(keys) - 5), s.overflow_layer))
    return table("histograms", "", [Column(k, k) for k in keys], rows)


def histograms_report(h: Histograms, lang: str = "en") -> Report:
    """One table per set-up (layer 1 first); csv holds every set-up in one table."""
    text = words(lang)
    recipe, varies = shared([s.recipe for s in h.setups])
    head = (
        text("inside.hist.heading"),
        network_text(recipe, text, varies),
        text("inside.hist.digits", digits=digits_text(recipe, h.data, text), seed=recipe.seed),
        text("inside.hist.saturated", percent=f"{h.margin:.0%}"),
        text("inside.hist.predicted"),
    )
    tables = tuple(_setup_table(s, text) for s in h.setups)
    return Report(head, tables, data=h.to_json(), data_tables=(_flat_table(h),))


# --- gradients through time ----------------------------------------------------------------------
RNN_COLUMNS = (
    ("rho", "{:g}"), ("lambda1_median", "{:.3g}"), ("pascanu_fraction", "{:.0%}"),
    ("log10_norm_h1_median", "{:.2f}"), ("log10_norm_h1_p10", "{:.2f}"),
    ("log10_norm_h1_p90", "{:.2f}"), ("rate_median", "{:.4f}"), ("meanfield_factor", "{:.4f}"),
    ("clipped_fraction", "{:.0%}"), ("log10_clipped_norm_h1_median", "{:.2f}"),
)


def _radius_row(r: RadiusGradients, gamma: float) -> tuple:
    summary = r.summary(gamma)
    return tuple(summary[key] for key, _ in RNN_COLUMNS)


def _overflow_lines(g: RecurrentGradients, text: Text) -> tuple[str, ...]:
    # where a plain float64 backward pass would have produced inf
    lines = []
    for r in g.radii:
        share = r.summary(g.gamma)["overflow_fraction"]
        if share > 0:
            lines.append(text("inside.rnn.overflow", rho=f"{r.rho:g}", percent=f"{share:.0%}",
                              limit=f"{np.finfo(float).max:.1e}"))
    return tuple(lines)


def rnn_report(g: RecurrentGradients, lang: str = "en") -> Report:
    """One row per spectral radius ρ; the curves for every t are in the JSON."""
    text = words(lang)
    head = (
        text("inside.rnn.heading", act=g.activation.label),
        text("inside.rnn.network", units=g.units, inputs=g.inputs, std=f"{g.input_std:g}",
             steps=g.steps, samples=g.samples, seed=g.seed),
        text("inside.rnn.pascanu", gamma=f"{g.gamma:g}", bound=f"{g.bound:g}"),
        text("inside.rnn.clip", clip=f"{g.clip:g}"),
    )
    rows = [_radius_row(r, g.gamma) for r in g.radii]
    columns = tuple(_column(key, text, fmt) for key, fmt in RNN_COLUMNS)
    note = text("inside.rnn.note", steps=g.steps - 1)
    tab = table("rnn", text("inside.rnn.title"), columns, rows, note)
    return Report(head, (tab,), _overflow_lines(g, text), g.to_json())
