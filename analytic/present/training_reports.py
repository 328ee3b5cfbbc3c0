"""Inside the layers during training, as reports: each hidden layer's activations (and, for
rectifiers, its dead units) as Glorot and Bengio watched them, and dead rectifier units under a
bias shift (text, markdown, csv, LaTeX, JSON; English or Japanese).

``saturation_report`` takes a :class:`~analytic.experiments.saturation.Saturation`,
``dead_units_report`` a :class:`~analytic.experiments.dead_units.DeadUnits`. Nothing is
computed here beyond medians and percentiles of what the experiments measured.
``saturation_from_json`` and ``dead_units_from_json`` read their JSON back into the results it
was written from, so that a committed run's figure is drawn from its file.
"""

from __future__ import annotations

import numpy as np

from ..core.activations import get_activation
from ..experiments.dead_units import ActivationRuns, DeadRun, DeadUnits
from ..experiments.remedies import Spread
from ..experiments.saturation import PERCENTILES, LayerTrace, Saturation
from ..experiments.schedule import Schedule
from .i18n import tr
from .inside_reports import column, weight_law
from .table import Column, Report, Table, table


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
                   "dead", "accuracy")


def _trace_title(t: LayerTrace, lang: str) -> str:
    return tr("inside.hist.setup", lang, act=activation_label(t.activation),
              law=weight_law(t.init), init=t.init)


def _trace_table(t: LayerTrace, epochs: int, lang: str) -> Table:
    # one row per epoch shown: the accuracy, every layer's mean, the top layer's percentiles
    top = t.hidden
    columns = [column("epoch", lang, "{:g}"), column("accuracy", lang, "{:.1%}"),
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


def _dead_trace_table(t: LayerTrace, epochs: int, lang: str) -> Table:
    # the dead view: one row per epoch shown, the accuracy and every layer's dead share
    columns = [column("epoch", lang, "{:g}"), column("accuracy", lang, "{:.1%}"),
               *(Column(f"dead_{l}", tr("inside.col.dead_layer", lang, l=l), "{:.1%}")
                 for l in range(1, t.hidden + 1))]
    rows = []
    for e in shown_epochs(epochs):
        k = t.row_at(e)
        if k is not None:
            rows.append((e, t.accuracies[k], *t.dead[k]))
    note = (tr("inside.sat.diverged", lang, epoch=t.diverged_at)
            if t.diverged_at is not None else "")
    return table(f"dead-{t.activation}-{t.init}", _trace_title(t, lang), columns, rows, note)


def _dead_line(t: LayerTrace, lang: str) -> str:
    # the dead view's summary: each layer's dead share at the start and at the end
    last = len(t.epochs) - 1
    return tr("inside.sat.dead_line", lang, setup=_trace_title(t, lang),
              start=", ".join(f"{v:.1%}" for v in t.dead[0]), end_epoch=f"{t.epochs[last]:g}",
              end=", ".join(f"{v:.1%}" for v in t.dead[last]),
              most=f"{t.dead.max():.1%}", layer=int(np.argmax(t.dead.max(axis=0))) + 1)


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
             *map(float, t.percentiles[k, l]), None if t.dead is None else float(t.dead[k, l]),
             float(t.accuracies[k]))
            for k, (step, epoch) in enumerate(zip(t.steps, t.epochs)) for l in range(t.hidden)]


def _trace_data(t: LayerTrace) -> dict:
    layers = [{"layer": l + 1, "mean": t.means[:, l].tolist(),
               **{f"p{q:g}": t.percentiles[:, l, i].tolist() for i, q in enumerate(PERCENTILES)},
               "dead": None if t.dead is None else t.dead[:, l].tolist()}
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
                   np.array(t["accuracy"]), t["diverged_at"], _dead_of(t["layers"]))
        for t in data["setups"])
    return Saturation(schedule, data["train_images"], data["validation_images"],
                      data["zero_biases"], data["seed"], traces)


def _dead_of(layers: list[dict]) -> np.ndarray | None:
    # every layer's dead shares (rows: measurements), or None where the JSON has none
    if any(layer["dead"] is None for layer in layers):
        return None
    return np.array([layer["dead"] for layer in layers]).T


def saturation_report(s: Saturation, data: str, lang: str = "en", dead: bool = False) -> Report:
    """One table per set-up (epochs 0, 1, 2, 5, ...); csv holds every measurement. ``dead``
    (every set-up a rectifier) shows each layer's dead units in place of its activations."""
    sch = s.schedule
    head = (
        tr("inside.sat.heading", lang),
        tr("inside.sat.network", lang, sizes=str(sch.sizes),
           biases=_biases_text(s.zero_biases, lang), eta=f"{sch.eta:g}", lmbda=f"{sch.lmbda:g}",
           images=f"{s.train_images:,}", data=data, epochs=sch.epochs, seed=s.seed),
        tr("inside.sat.measured", lang, records=sch.records, every=sch.every(s.train_images),
           validation=f"{s.validation_images:,}"),
    )
    if dead:
        if any(t.dead is None for t in s.traces):
            raise ValueError("the dead view needs every set-up's activation to be a rectifier")
        measured = tr("inside.sat.measured_dead", lang, records=sch.records,
                      every=sch.every(s.train_images), validation=f"{s.validation_images:,}")
        head = (tr("inside.sat.heading_dead", lang), head[1], measured)
        tables = tuple(_dead_trace_table(t, sch.epochs, lang) for t in s.traces)
        footer = tuple(_dead_line(t, lang) for t in s.traces)
    else:
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
    return [column("activation", lang, "{}"),
            *(Column(f"dead_epoch_{e}", tr("inside.col.dead_epoch", lang, epoch=e), "{:.1%}")
              for e in shown),
            column("dead_p10", lang, "{:.1%}"), column("dead_p90", lang, "{:.1%}"),
            column("accuracy", lang, "{:.1%}"), column("accuracy_p10", lang, "{:.1%}"),
            column("accuracy_p90", lang, "{:.1%}"), column("diverged", lang, "{}")]


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
