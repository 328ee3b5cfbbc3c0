"""Inside the layers, as reports: per-layer statistics at initialisation, gradients through
time in a recurrent network, each layer's activations during training, and dead rectifier
units during training (text, markdown, csv, LaTeX, JSON; English or Japanese).

``histograms_report`` takes a :class:`~analytic.experiments.histograms.Histograms`,
``rnn_report`` a :class:`~analytic.experiments.rnn.RecurrentGradients`, ``saturation_report``
a :class:`~analytic.experiments.saturation.Saturation`, ``dead_units_report`` a
:class:`~analytic.experiments.dead_units.DeadUnits`. Nothing is computed
here beyond medians and percentiles of what the experiments measured; the column keys (csv,
JSON) are the same in every language, the headers and notes follow ``lang``.
``saturation_from_json`` and ``dead_units_from_json`` read the last two's JSON back into the
results it was written from, so that a committed run's figure is drawn from its file.
"""

from __future__ import annotations

import numpy as np

from ..core.activations import get_activation
from ..experiments.dead_units import ActivationRuns, DeadRun, DeadUnits
from ..experiments.histograms import Histograms, LayerHistogram, SetupHistograms
from ..experiments.remedies import Spread
from ..experiments.rnn import RadiusGradients, RecurrentGradients
from ..experiments.saturation import PERCENTILES, LayerTrace, Saturation
from ..experiments.schedule import Schedule
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


def _column(key: str, lang: str, fmt: str = "{:.4g}") -> Column:
    return Column(key, tr(f"inside.col.{key}", lang), fmt)


# --- layer histograms ----------------------------------------------------------------------------
def _histogram_columns(saturation: str, lang: str) -> tuple[Column, ...]:
    # "inactive" for the rectifiers (z <= 0), "saturated" for a bounded phi
    return (
        _column("layer", lang, "{}"), _column("mean", lang, "{:.3f}"),
        _column("std", lang, "{:.3f}"),
        Column("saturated", tr(f"inside.col.{saturation}", lang), "{:.1%}"),
        _column("z_var", lang), _column("z_var_predicted", lang),
        _column("z_var_meanfield", lang), _column("delta_rms", lang, "{:.3g}"),
        _column("delta_rms_predicted", lang, "{:.3g}"),
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
    columns = tuple(_column(key, lang, fmt) for key, fmt in RNN_COLUMNS)
    note = tr("inside.rnn.note", lang, steps=g.steps - 1)
    meta = {"activation": g.activation, "units": g.units, "inputs": g.inputs, "steps": g.steps,
            "samples": g.samples, "input_std": g.input_std, "clip": g.clip, "seed": g.seed}
    tab = table("rnn", tr("inside.rnn.title", lang), columns, rows, note, meta)
    return Report(head, (tab,), _overflow_lines(g, lang), rnn_data(g))



# --- shared by the training reports --------------------------------------------------------------
def shown_epochs(epochs: int) -> list[int]:
    """The epochs a text table shows: 0, 1, 2, 5, 10, 20, 50, ... up to ``epochs``, and it.

    >>> shown_epochs(20), shown_epochs(7)
    ([0, 1, 2, 5, 10, 20], [0, 1, 2, 5, 7])
    """
    shown, scale = [0], 1
    while scale <= epochs:
        shown += [k * scale for k in (1, 2, 5) if k * scale <= epochs]
        scale *= 10
    return shown if shown[-1] == epochs else [*shown, epochs]


def activation_label(spec: str) -> str:
    """An activation as people read it: its name alone when its parameters are the defaults.

    >>> activation_label("rrelu:lower=0.125,upper=0.333333")
    'rrelu'
    >>> activation_label("leaky_relu:slope=0.2")
    'leaky_relu:slope=0.2'
    """
    name = spec.partition(":")[0]
    return name if get_activation(name).spec == spec else spec


def _schedule_data(schedule: Schedule, train_images: int, validation_images: int) -> dict:
    return {"sizes": schedule.sizes, "train_images": train_images,
            "validation_images": validation_images, "epochs": schedule.epochs,
            "batch_size": schedule.batch_size, "eta": schedule.eta, "lmbda": schedule.lmbda,
            "records_per_epoch": schedule.records,
            "steps_between_records": schedule.every(train_images)}


def _biases_text(zero: bool, lang: str) -> str:
    return tr("inside.sat.biases_zero" if zero else "inside.sat.biases_chapter", lang)


# --- saturation during training ------------------------------------------------------------------
SATURATION_KEYS = ("activation", "init", "step", "epoch", "layer", "mean", "p2", "p50", "p98",
                   "accuracy")


def _trace_title(t: LayerTrace, lang: str) -> str:
    return tr("inside.hist.setup", lang, act=activation_label(t.activation),
              law=weight_law(t.init), init=t.init)


def _trace_table(t: LayerTrace, epochs: int, lang: str) -> Table:
    # one row per epoch shown: the accuracy, every layer's mean, the top layer's percentiles
    top = t.hidden
    columns = [_column("epoch", lang, "{:g}"), _column("accuracy", lang, "{:.1%}"),
               *(Column(f"mean_{l}", tr("inside.col.mean_layer", lang, l=l), "{:.3f}")
                 for l in range(1, top + 1)),
               *(Column(f"top_{key}", tr(f"inside.col.top_{key}", lang, l=top), "{:.3f}")
                 for key in ("p2", "p50", "p98"))]
    rows = []
    for e in shown_epochs(epochs):
        k = t.row_at(e)
        if k is not None:
            rows.append((e, t.accuracies[k], *t.means[k], *t.percentiles[k, -1]))
    note = (tr("inside.sat.diverged", lang, epoch=t.diverged_at)
            if t.diverged_at is not None else "")
    return table(f"saturation-{t.activation}-{t.init}", _trace_title(t, lang), columns, rows,
                 note)


def _lowest_line(t: LayerTrace, lang: str) -> str:
    # where the top hidden layer's mean went lowest: Glorot and Bengio's question
    epoch, low = t.lowest_mean(t.hidden)
    k, last = t.row_at(epoch), len(t.epochs) - 1
    key = "inside.sat.lowest" if epoch > 0 else "inside.sat.never_lower"
    return tr(key, lang, setup=_trace_title(t, lang), l=t.hidden,
              start=f"{t.means[0, -1]:.3f}", low=f"{low:.3f}", epoch=f"{epoch:g}",
              accuracy=f"{t.accuracies[k]:.1%}", end_epoch=f"{t.epochs[last]:g}",
              end=f"{t.means[last, -1]:.3f}", p2=f"{t.percentiles[last, -1, 0]:.2f}",
              p98=f"{t.percentiles[last, -1, 2]:.2f}")


def _saturation_rows(t: LayerTrace) -> list[tuple]:
    return [(t.activation, t.init, int(step), float(epoch), l + 1, float(t.means[k, l]),
             *map(float, t.percentiles[k, l]), float(t.accuracies[k]))
            for k, (step, epoch) in enumerate(zip(t.steps, t.epochs)) for l in range(t.hidden)]


def _trace_data(t: LayerTrace) -> dict:
    layers = [{"layer": l + 1, "mean": t.means[:, l].tolist(),
               **{f"p{q:g}": t.percentiles[:, l, i].tolist() for i, q in enumerate(PERCENTILES)}}
              for l in range(t.hidden)]
    return {"activation": t.activation, "init": t.init, "diverged_at": t.diverged_at,
            "steps": t.steps.tolist(), "epochs": t.epochs.tolist(),
            "accuracy": t.accuracies.tolist(), "layers": layers}


def saturation_data(s: Saturation, data: str) -> dict:
    return {"experiment": "saturation", "data": data,
            **_schedule_data(s.schedule, s.train_images, s.validation_images),
            "zero_biases": s.zero_biases, "seed": s.seed, "percentiles": list(PERCENTILES),
            "setups": [_trace_data(t) for t in s.traces]}


def _schedule_of(data: dict) -> Schedule:
    """The schedule :func:`_schedule_data` wrote."""
    sizes = data["sizes"]
    schedule = Schedule(len(sizes) - 2, sizes[1], data["epochs"], data["eta"], data["lmbda"],
                        data["records_per_epoch"])
    if schedule.sizes != sizes or schedule.batch_size != data["batch_size"]:
        raise ValueError(f"not a schedule's network and batch: {sizes}, {data['batch_size']}")
    return schedule


def saturation_from_json(data: dict) -> Saturation:
    """The :class:`Saturation` that :func:`saturation_data` wrote as ``data`` (its JSON read
    back): every measurement as it was, so a committed run redraws its figure."""
    schedule = _schedule_of(data)
    per_epoch = schedule.steps_per_epoch(data["train_images"])
    keys = [f"p{q:g}" for q in data["percentiles"]]
    traces = tuple(
        LayerTrace(t["activation"], t["init"], np.array(t["steps"]), per_epoch,
                   np.array([layer["mean"] for layer in t["layers"]]).T,
                   np.array([[layer[k] for k in keys] for layer in t["layers"]]).transpose(2, 0, 1),
                   np.array(t["accuracy"]), t["diverged_at"])
        for t in data["setups"])
    return Saturation(schedule, data["train_images"], data["validation_images"],
                      data["zero_biases"], data["seed"], traces)


def saturation_report(s: Saturation, data: str, lang: str = "en") -> Report:
    """One table per set-up (epochs 0, 1, 2, 5, ...); csv holds every measurement."""
    sch = s.schedule
    head = (
        tr("inside.sat.heading", lang),
        tr("inside.sat.network", lang, sizes=str(sch.sizes),
           biases=_biases_text(s.zero_biases, lang), eta=f"{sch.eta:g}", lmbda=f"{sch.lmbda:g}",
           images=f"{s.train_images:,}", data=data, epochs=sch.epochs, seed=s.seed),
        tr("inside.sat.measured", lang, records=sch.records, every=sch.every(s.train_images),
           validation=f"{s.validation_images:,}"),
    )
    tables = tuple(_trace_table(t, sch.epochs, lang) for t in s.traces)
    footer = tuple(_lowest_line(t, lang) for t in s.traces)
    rows = [row for t in s.traces for row in _saturation_rows(t)]
    flat = table("saturation", "", [Column(k, k) for k in SATURATION_KEYS], rows)
    return Report(head, tables, footer, saturation_data(s, data), data_tables=(flat,))


# --- dead rectifier units during training --------------------------------------------------------
DEAD_KEYS = ("activation", "seed", "step", "epoch", "dead", "accuracy")


def _spread_cells(spread: Spread | None) -> tuple:
    return (None, None, None) if spread is None else (spread.median, spread.p10, spread.p90)


def _dead_columns(epochs: int, lang: str) -> list[Column]:
    shown = shown_epochs(epochs)
    return [_column("activation", lang, "{}"),
            *(Column(f"dead_epoch_{e}", tr("inside.col.dead_epoch", lang, epoch=e), "{:.1%}")
              for e in shown),
            _column("dead_p10", lang, "{:.1%}"), _column("dead_p90", lang, "{:.1%}"),
            _column("accuracy", lang, "{:.1%}"), _column("accuracy_p10", lang, "{:.1%}"),
            _column("accuracy_p90", lang, "{:.1%}"), _column("diverged", lang, "{}")]


def _dead_row(row: ActivationRuns, epochs: int) -> tuple:
    medians = [None if s is None else s.median
               for s in (row.dead_at(e) for e in shown_epochs(epochs))]
    end, accuracy = row.dead_at(epochs), row.accuracy_at(epochs)
    return (activation_label(row.activation), *medians, *_spread_cells(end)[1:],
            *_spread_cells(accuracy), f"{row.diverged_runs}/{len(row.runs)}")


def _dead_rows(row: ActivationRuns) -> list[tuple]:
    return [(row.activation, r.seed, int(step), float(epoch), float(dead), float(accuracy))
            for r in row.runs
            for step, epoch, dead, accuracy in zip(r.steps, r.epochs, r.dead, r.accuracies)]


def _activation_data(row: ActivationRuns) -> dict:
    runs = [{"seed": r.seed, "diverged_at": r.diverged_at, "steps": r.steps.tolist(),
             "epochs": r.epochs.tolist(), "dead": r.dead.tolist(),
             "accuracy": r.accuracies.tolist()} for r in row.runs]
    return {"activation": row.activation, "diverged_runs": row.diverged_runs, "runs": runs}


def dead_units_data(d: DeadUnits, data: str) -> dict:
    return {"experiment": "dying-relu", "data": data,
            **_schedule_data(d.schedule, d.train_images, d.validation_images),
            "init": d.init, "bias_shift": d.bias_shift, "seed": d.seed,
            "seeds": len(d.rows[0].runs), "activations": [_activation_data(r) for r in d.rows]}


def dead_units_from_json(data: dict) -> DeadUnits:
    """The :class:`DeadUnits` that :func:`dead_units_data` wrote as ``data`` (its JSON read
    back): every run's measurements as they were, so a committed run redraws its figure."""
    schedule = _schedule_of(data)
    per_epoch = schedule.steps_per_epoch(data["train_images"])
    rows = tuple(
        ActivationRuns(a["activation"], tuple(
            DeadRun(r["seed"], np.array(r["steps"]), per_epoch, np.array(r["dead"]),
                    np.array(r["accuracy"]), r["diverged_at"]) for r in a["runs"]))
        for a in data["activations"])
    return DeadUnits(schedule, data["init"], data["bias_shift"], data["train_images"],
                     data["validation_images"], data["seed"], rows)


def dead_units_report(d: DeadUnits, data: str, lang: str = "en") -> Report:
    """One row per activation: the median dead fraction at epochs 0, 1, 2, 5, ..., its band
    and the accuracy's at the end; csv holds every measurement of every run."""
    seeds, sch = len(d.rows[0].runs), d.schedule
    head = (
        tr("inside.dead.heading", lang),
        tr("inside.dead.network", lang, sizes=str(sch.sizes), law=weight_law(d.init),
           init=d.init, shift=f"{d.bias_shift:g}", eta=f"{sch.eta:g}", lmbda=f"{sch.lmbda:g}",
           images=f"{d.train_images:,}", data=data, epochs=sch.epochs),
        tr("inside.dead.measured", lang, validation=f"{d.validation_images:,}", seeds=seeds,
           seed=d.seed, records=sch.records, every=sch.every(d.train_images)),
        tr("inside.dead.meaning", lang),
    )
    rows = [_dead_row(r, sch.epochs) for r in d.rows]
    tab = table("dying-relu", tr("inside.dead.title", lang, epochs=sch.epochs),
                _dead_columns(sch.epochs, lang), rows, tr("inside.dead.note", lang, seeds=seeds))
    flat = table("dying-relu", "", [Column(k, k) for k in DEAD_KEYS],
                 [row for r in d.rows for row in _dead_rows(r)])
    return Report(head, (tab,), (), dead_units_data(d, data), data_tables=(flat,))
