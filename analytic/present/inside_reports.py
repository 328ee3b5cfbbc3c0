"""Inside the layers, as reports: per-layer statistics at initialisation and gradients through
time in a recurrent network (text, markdown, csv, LaTeX, JSON; English or Japanese).

``histograms_report`` takes a :class:`~analytic.experiments.histograms.Histograms`,
``rnn_report`` a :class:`~analytic.experiments.rnn.RecurrentGradients`. Nothing is computed
here beyond what the experiments measured; the column keys (csv, JSON) are the same in every
language, the headers and notes follow ``lang``. The reports of runs watched during training
are in :mod:`analytic.present.training_reports`.
"""

from __future__ import annotations

import numpy as np

from ..experiments.histograms import Histograms, LayerHistogram, SetupHistograms
from ..experiments.rnn import RadiusGradients, RecurrentGradients
from .i18n import tr
from .table import Column, Report, Table, table

#: How each registered weight scheme draws, in formulas that read the same in both languages.
WEIGHT_LAWS = {
    "gaussian": "N(0, 1)",
    "scaled": "N(0, 1/n_in)",
    "xavier": "U(±√(6/(n_in + n_out)))",
    "he": "N(0, 2/n_in)",
}


def weight_law(init: str) -> str:
    """The distribution of a scheme's weights: "N(0, 0.01²)" for normal:0.01.

    >>> weight_law("normal:0.01"), weight_law("he")
    ('N(0, 0.01²)', 'N(0, 2/n_in)')
    """
    name, _, std = init.partition(":")
    return f"N(0, {std}²)" if name == "normal" else WEIGHT_LAWS.get(name, init)


def column(key: str, lang: str, fmt: str = "{:.4g}") -> Column:
    return Column(key, tr(f"inside.col.{key}", lang), fmt)


# --- layer histograms ----------------------------------------------------------------------------
def _histogram_columns(saturation: str, lang: str) -> tuple[Column, ...]:
    # "inactive" for the rectifiers (z <= 0), "saturated" for a bounded phi
    return (
        column("layer", lang, "{}"), column("mean", lang, "{:.3f}"),
        column("std", lang, "{:.3f}"),
        Column("saturated", tr(f"inside.col.{saturation}", lang), "{:.1%}"),
        column("z_var", lang), column("z_var_predicted", lang),
        column("z_var_meanfield", lang), column("delta_rms", lang, "{:.3g}"),
        column("delta_rms_predicted", lang, "{:.3g}"),
    )


def _layer_row(l: int, layer: LayerHistogram) -> tuple:
    return (l, layer.mean, layer.std, layer.saturated, layer.z_var, layer.z_var_predicted,
            layer.z_var_meanfield, layer.delta_rms, layer.delta_rms_predicted)


def _setup_table(s: SetupHistograms, lang: str) -> Table:
    title = tr("inside.hist.setup", lang, act=s.activation, law=weight_law(s.init), init=s.init)
    if s.bias_std:
        title += tr("inside.hist.bias", lang, b=f"{s.bias_std:g}")
    rows = [_layer_row(l, layer) for l, layer in enumerate(s.layers, start=1)]
    note = (tr("inside.hist.overflow", lang, layer=s.overflow_layer)
            if s.overflow_layer is not None else "")
    return table(f"histograms-{s.activation}-{s.init}", title,
                 _histogram_columns(s.saturation, lang), rows, note)


HISTOGRAM_DATA_KEYS = ("layer", "mean", "std", "saturated", "z_var", "z_var_predicted",
                       "z_var_meanfield", "delta_rms", "delta_rms_predicted")


def _flat_table(h: Histograms) -> Table:
    """Every set-up's layers in one csv table, the set-up named in each row."""
    keys = ("activation", "init", "bias_std", "saturation", *HISTOGRAM_DATA_KEYS,
            "overflow_layer")
    rows = []
    for s in h.setups:
        head = (s.activation, s.init, s.bias_std, s.saturation)
        rows += [(*head, *_layer_row(l, layer), None)
                 for l, layer in enumerate(s.layers, start=1)]
        if s.overflow_layer is not None:
            rows.append((*head, *[None] * len(HISTOGRAM_DATA_KEYS), s.overflow_layer))
    return table("histograms", "", [Column(k, k) for k in keys], rows)


def _setup_data(s: SetupHistograms) -> dict:
    layers = [{**dict(zip(HISTOGRAM_DATA_KEYS, _layer_row(l, layer))),
               "a_counts": layer.a_counts.tolist(), "delta_counts": layer.delta_counts.tolist()}
              for l, layer in enumerate(s.layers, start=1)]
    return {"activation": s.activation, "init": s.init, "bias_std": s.bias_std,
            "saturation": s.saturation, "overflow_layer": s.overflow_layer,
            "a_edges": s.a_edges.tolist(), "delta_edges": s.delta_edges.tolist(),
            "layers": layers}


def histograms_data(h: Histograms, data: str) -> dict:
    return {"experiment": "histograms", "sizes": h.sizes, "images": h.images, "data": data,
            "seed": h.seed, "cost": h.cost, "margin": h.margin,
            "setups": [_setup_data(s) for s in h.setups]}


def histograms_report(h: Histograms, data: str, lang: str = "en") -> Report:
    """One table per set-up (layer 1 first); csv holds every set-up in one table."""
    head = (
        tr("inside.hist.heading", lang),
        tr("inside.hist.network", lang, sizes=str(h.sizes), images=f"{h.images:,}", data=data,
           seed=h.seed),
        tr("inside.hist.saturated", lang, percent=f"{h.margin:.0%}"),
        tr("inside.hist.predicted", lang),
    )
    tables = tuple(_setup_table(s, lang) for s in h.setups)
    return Report(head, tables, data=histograms_data(h, data), data_tables=(_flat_table(h),))


# --- gradients through time ----------------------------------------------------------------------
RNN_COLUMNS = (
    ("rho", "{:g}"), ("lambda1_median", "{:.3g}"), ("pascanu_fraction", "{:.0%}"),
    ("log10_norm_h1_median", "{:.2f}"), ("log10_norm_h1_p10", "{:.2f}"),
    ("log10_norm_h1_p90", "{:.2f}"), ("rate_median", "{:.4f}"), ("meanfield_factor", "{:.4f}"),
    ("clipped_fraction", "{:.0%}"), ("log10_clipped_norm_h1_median", "{:.2f}"),
)
RNN_KEYS = tuple(key for key, _ in RNN_COLUMNS)


def _radius_row(r: RadiusGradients, gamma: float) -> tuple:
    h1 = r.log10_norms[:, 0]
    return (r.rho, float(np.median(r.singular_values)),
            float(np.mean(r.vanishing_guaranteed(gamma))), float(np.median(h1)),
            float(np.percentile(h1, 10)), float(np.percentile(h1, 90)),
            float(np.median(r.rates)), r.meanfield_factor, r.clipped_fraction,
            float(np.median(r.log10_clipped_norms[:, 0])))


def _curves(r: RadiusGradients, clipped: bool) -> dict:
    return {name: r.band(p, clipped).tolist() for name, p in (("p10", 10), ("median", 50),
                                                             ("p90", 90))}


def _radius_data(r: RadiusGradients, gamma: float) -> dict:
    return {**dict(zip(RNN_KEYS, _radius_row(r, gamma))),
            "overflow_fraction": float(np.mean(r.overflow_step > 0)), "sigma_w": r.sigma_w,
            "log10_norms": _curves(r, False), "log10_clipped_norms": _curves(r, True)}


def rnn_data(g: RecurrentGradients) -> dict:
    return {"experiment": "rnn", "activation": g.activation, "units": g.units,
            "inputs": g.inputs, "steps": g.steps, "samples": g.samples,
            "input_std": g.input_std, "clip": g.clip, "seed": g.seed, "gamma": g.gamma,
            "bound": g.bound, "radii": [_radius_data(r, g.gamma) for r in g.radii]}


def _overflow_lines(g: RecurrentGradients, lang: str) -> tuple[str, ...]:
    # where a plain float64 backward pass would have produced inf
    lines = []
    for r in g.radii:
        share = float(np.mean(r.overflow_step > 0))
        if share > 0:
            lines.append(tr("inside.rnn.overflow", lang, rho=f"{r.rho:g}", percent=f"{share:.0%}",
                            limit=f"{np.finfo(float).max:.1e}"))
    return tuple(lines)


def rnn_report(g: RecurrentGradients, lang: str = "en") -> Report:
    """One row per spectral radius ρ; the curves for every t are in the JSON."""
    head = (
        tr("inside.rnn.heading", lang, act=g.activation),
        tr("inside.rnn.network", lang, units=g.units, inputs=g.inputs, std=f"{g.input_std:g}",
           steps=g.steps, samples=g.samples, seed=g.seed),
        tr("inside.rnn.pascanu", lang, gamma=f"{g.gamma:g}", bound=f"{g.bound:g}"),
        tr("inside.rnn.clip", lang, clip=f"{g.clip:g}"),
    )
    rows = [_radius_row(r, g.gamma) for r in g.radii]
    columns = tuple(column(key, lang, fmt) for key, fmt in RNN_COLUMNS)
    note = tr("inside.rnn.note", lang, steps=g.steps - 1)
    meta = {"activation": g.activation, "units": g.units, "inputs": g.inputs, "steps": g.steps,
            "samples": g.samples, "input_std": g.input_std, "clip": g.clip, "seed": g.seed}
    tab = table("rnn", tr("inside.rnn.title", lang), columns, rows, note, meta)
    return Report(head, (tab,), _overflow_lines(g, lang), rnn_data(g))
