"""Inside the layers during training, as reports: each hidden layer's activations (and, for
rectifiers, its dead units) as Glorot and Bengio watched them, and dead rectifier units under a
bias shift (text, markdown, csv, LaTeX, JSON; English or Japanese).

``saturation_report`` takes a :class:`~analytic.experiments.saturation.Saturation`,
``dead_units_report`` a :class:`~analytic.experiments.dead_units.DeadUnits`. Nothing is
computed here beyond medians and percentiles of what the experiments measured.
"""

from __future__ import annotations

import numpy as np

from ...experiments.dead_units import ActivationRuns, DeadUnits
from ...experiments.result import Spread, band_kind
from ...experiments.saturation import LayerTrace, Saturation, figure_2
from ...train import Recipe
from ..table import Column, Report, Table, table
from .words import (
    Text,
    biases_text,
    network_text,
    number,
    shared,
    shown_epochs,
    training_text,
    words,
)


def setup_title(recipe: Recipe, text: Text) -> str:
    """A set-up as a table's title: "sigmoid, scaled (weights N(0, 1/n_in))"."""
    return text("inside.hist.setup", act=recipe.activation.label, law=recipe.init.law,
                init=recipe.init.spec)


def _head(heading: str, recipes: list[Recipe], data: str, text: Text, measured: str
          ) -> tuple:
    recipe, varies = shared(recipes)
    return (heading, network_text(recipe, text, varies), training_text(recipe, data, text),
            measured)


# --- saturation during training ------------------------------------------------------------------
SATURATION_KEYS = ("activation", "init", "step", "epoch", "layer", "mean", "p2", "p50", "p98",
                   "dead", "accuracy")


def _rows_shown(t: LayerTrace, values) -> list[tuple]:
    # one row per epoch shown: the epoch, the accuracy, then what ``values(k)`` gives
    rows = []
    for e in shown_epochs(t.recipe.epochs):
        k = t.row_at(e)
        if k is not None:
            rows.append((e, t.accuracies[k], *values(k)))
    return rows


def _note(t: LayerTrace, text: Text) -> str:
    return text("inside.sat.diverged", epoch=t.diverged_at) if t.diverged_at is not None else ""


def _trace_table(t: LayerTrace, text: Text) -> Table:
    # the accuracy, every layer's mean, the top layer's percentiles
    top = t.hidden
    columns = [Column("epoch", text("inside.col.epoch"), "{:g}"),
               Column("accuracy", text("inside.col.accuracy"), "{:.1%}"),
               *(Column(f"mean_{l}", text("inside.col.mean_layer", l=l), "{:.3f}")
                 for l in range(1, top + 1)),
               *(Column(f"top_{key}", text(f"inside.col.top_{key}", l=top), "{:.3f}")
                 for key in ("p2", "p50", "p98"))]
    rows = _rows_shown(t, lambda k: (*t.means[k], *t.percentiles[k, -1]))
    return table(f"saturation-{t.recipe.activation.spec}-{t.recipe.init.spec}",
                 setup_title(t.recipe, text), columns, rows, _note(t, text))


def _dead_trace_table(t: LayerTrace, text: Text) -> Table:
    # the dead view: the accuracy and every layer's dead share
    columns = [Column("epoch", text("inside.col.epoch"), "{:g}"),
               Column("accuracy", text("inside.col.accuracy"), "{:.1%}"),
               *(Column(f"dead_{l}", text("inside.col.dead_layer", l=l), "{:.1%}")
                 for l in range(1, t.hidden + 1))]
    rows = _rows_shown(t, lambda k: t.dead[k])
    return table(f"dead-{t.recipe.activation.spec}-{t.recipe.init.spec}",
                 setup_title(t.recipe, text), columns, rows, _note(t, text))


def _dead_line(t: LayerTrace, text: Text) -> str:
    # the dead view's summary: each layer's dead share at the start and at the end
    last = len(t.epochs) - 1
    return text("inside.sat.dead_line", setup=setup_title(t.recipe, text),
                start=", ".join(number(v, text, "{:.1%}") for v in t.dead[0]),
                end_epoch=f"{t.epochs[last]:g}",
                end=", ".join(number(v, text, "{:.1%}") for v in t.dead[last]),
                most=number(np.nanmax(t.dead), text, "{:.1%}"),
                layer=int(np.nanargmax(np.nanmax(t.dead, axis=0))) + 1)


def _lowest_line(t: LayerTrace, text: Text) -> str:
    # where the top hidden layer's mean went lowest: Glorot and Bengio's question
    epoch, low = t.lowest_mean(t.hidden)
    k, last = t.row_at(epoch), len(t.epochs) - 1
    key = "inside.sat.lowest" if epoch > 0 else "inside.sat.never_lower"
    return text(key, setup=setup_title(t.recipe, text), l=t.hidden,
                start=number(t.means[0, -1], text), low=number(low, text), epoch=f"{epoch:g}",
                accuracy=number(t.accuracies[k], text, "{:.1%}"),
                end_epoch=f"{t.epochs[last]:g}", end=number(t.means[last, -1], text),
                p2=number(t.percentiles[last, -1, 0], text, "{:.2f}"),
                p98=number(t.percentiles[last, -1, 2], text, "{:.2f}"))


def _figure_2_lines(recipes: list[Recipe], text: Text) -> tuple[str, str]:
    # which of Glorot and Bengio's Fig. 2 set-up the run follows, and how it differs
    r = recipes[0]
    fields = {"biases": biases_text(r, text), "width": f"{r.width:,}", "hidden": r.hidden,
              "output": r.output.label, "cost": text(f"recipe.cost.{r.cost.name}"),
              "batch": r.batch_size, "eta": f"{r.eta:g}",
              "steps": f"{r.epochs * r.steps_per_epoch:,}", "validation": f"{r.validation:,}"}
    items = figure_2(recipes)
    follows = [text(f"gb.{key}") for key, held in items if held]
    differs = [text(f"gb.{key}.here", **fields) for key, held in items if not held]
    sep = text("inside.sat.sep")
    return (text("inside.sat.follows", items=sep.join(follows) or text("inside.sat.none")),
            text("inside.sat.differs", items=sep.join(differs) or text("inside.sat.none")))


def _saturation_rows(t: LayerTrace) -> list[tuple]:
    r = t.recipe
    return [(r.activation.spec, r.init.spec, int(step), float(epoch), l + 1,
             float(t.means[k, l]), *map(float, t.percentiles[k, l]),
             None if t.dead is None else float(t.dead[k, l]), float(t.accuracies[k]))
            for k, (step, epoch) in enumerate(zip(t.steps, t.epochs)) for l in range(t.hidden)]


def saturation_report(s: Saturation, lang: str = "en") -> Report:
    """One table per set-up (epochs 0, 1, 2, 5, ...); csv holds every measurement. With the
    result's ``dead_view``, each layer's dead units in place of its activations."""
    text = words(lang)
    recipes = [t.recipe for t in s.traces]
    recipe = recipes[0]
    fields = {"records": recipe.records, "every": recipe.every,
              "validation": f"{recipe.validation:,}"}
    if s.dead_view:
        head = _head(text("inside.sat.heading_dead"), recipes, s.data, text,
                     text("inside.sat.measured_dead", **fields))
        tables = tuple(_dead_trace_table(t, text) for t in s.traces)
        footer = tuple(_dead_line(t, text) for t in s.traces)
    else:
        head = _head(text("inside.sat.heading"), recipes, s.data, text,
                     text("inside.sat.measured", **fields))
        tables = tuple(_trace_table(t, text) for t in s.traces)
        footer = (*(_lowest_line(t, text) for t in s.traces), *_figure_2_lines(recipes, text))
    rows = [row for t in s.traces for row in _saturation_rows(t)]
    flat = table("saturation", "", [Column(k, k) for k in SATURATION_KEYS], rows)
    return Report(head, tables, footer, s.to_json(), data_tables=(flat,))


# --- dead rectifier units during training --------------------------------------------------------
DEAD_KEYS = ("activation", "seed", "step", "epoch", "dead", "accuracy")


def _spread_cells(spread: Spread | None) -> tuple:
    return (None, None, None) if spread is None else (spread.median, spread.low, spread.high)


def _dead_columns(epochs: int, band: str, text: Text) -> list[Column]:
    def col(key: str, fmt: str = "{:.1%}") -> Column:
        return Column(key, text(f"inside.col.{key}"), fmt)

    def end(of: str, which: str) -> Column:  # a band's end, named by the band's kind
        return Column(f"{of}_{which}", text(f"band.{which}.{band}"), "{:.1%}")

    return [col("activation", "{}"),
            *(Column(f"dead_epoch_{e}", text("inside.col.dead_epoch", epoch=e), "{:.1%}")
              for e in shown_epochs(epochs)),
            end("dead", "low"), end("dead", "high"), col("accuracy"), end("accuracy", "low"),
            end("accuracy", "high"), col("diverged", "{}")]


def _dead_row(row: ActivationRuns) -> tuple:
    epochs = row.recipe.epochs
    medians = [None if s is None else s.median
               for s in (row.dead_at(e) for e in shown_epochs(epochs))]
    end, accuracy = row.dead_at(epochs), row.accuracy_at(epochs)
    return (row.recipe.activation.label, *medians, *_spread_cells(end)[1:],
            *_spread_cells(accuracy), f"{row.diverged_runs}/{len(row.runs)}")


def _dead_rows(row: ActivationRuns) -> list[tuple]:
    return [(row.recipe.activation.spec, r.seed, int(step), float(epoch), float(dead),
             float(accuracy))
            for r in row.runs
            for step, epoch, dead, accuracy in zip(r.steps, r.epochs, r.dead, r.accuracies)]


def dead_units_report(d: DeadUnits, lang: str = "en") -> Report:
    """One row per activation: the median dead fraction at epochs 0, 1, 2, 5, ..., its band
    and the accuracy's at the end; csv holds every measurement of every run."""
    text = words(lang)
    recipes = [r.recipe for r in d.rows]
    recipe = recipes[0]
    head = _head(text("inside.dead.heading"), recipes, d.data, text,
                 text("inside.dead.measured", validation=f"{recipe.validation:,}",
                      seeds=d.networks, seed=recipe.seed, records=recipe.records,
                      every=recipe.every)) + (text("inside.dead.meaning"),)
    rows = [_dead_row(r) for r in d.rows]
    band = band_kind(d.networks)
    tab = table("dying-relu", text("inside.dead.title", epochs=recipe.epochs,
                                   band=text(f"band.{band}")),
                _dead_columns(recipe.epochs, band, text), rows,
                text("inside.dead.note", seeds=d.networks, band=text(f"band.{band}")))
    flat = table("dying-relu", "", [Column(k, k) for k in DEAD_KEYS],
                 [row for r in d.rows for row in _dead_rows(r)])
    return Report(head, (tab,), _slope_lines(d, text), d.to_json(), data_tables=(flat,))


def _slope_lines(d: DeadUnits, text: Text) -> tuple[str, ...]:
    # how far PReLU's learned slopes moved from their start
    lines = []
    for row in d.rows:
        span = row.slope_range
        if span is not None:
            kept = sum(r.diverged_at is None for r in row.runs)
            lines.append(text("inside.dead.slopes", epochs=row.recipe.epochs, low=f"{span[0]:.2f}",
                              high=f"{span[1]:.2f}", runs=kept,
                              start=f"{row.recipe.activation.negative_slope:g}"))
    return tuple(lines)
