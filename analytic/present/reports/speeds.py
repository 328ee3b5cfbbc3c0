"""The chapter's experiments on MNIST as reports: speeds at initialisation, their comparison
across activations and weights, speeds during training, accuracy against depth, and the
neuron bars.

Each ``*_report(result, lang)`` takes an experiment's result; its JSON is the result's own
(:meth:`~analytic.experiments.result.Result.to_json`). Nothing is computed here beyond
formatting and the binomial standard error quoted next to an accuracy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ...experiments.speeds import Comparison, InitNorms, NeuronBars
from ...experiments.training import DepthAccuracy, TrainingSpeed
from ..table import Column, Report, Table, table
from .words import (
    Text,
    biases_text,
    column,
    digits_text,
    diverged_line,
    measure_text,
    network_text,
    shared,
    sizes_text,
    training_text,
    words,
)

SPEED = "{:.3e}"


def _networks_line(recipe, networks: int, text: Text) -> str:
    return text("recipe.networks", networks=networks, seed=recipe.seed)


# --- init-norms --------------------------------------------------------------------------------
def _init_norms_columns(band: str, text: Text) -> tuple[Column, ...]:
    # the band's ends are named by its kind: 10th/90th percentile, or min/max below ten networks
    return (column("speeds.col.layer", text, "{}"), column("speeds.col.median", text, SPEED),
            Column("low", text(f"band.low.{band}"), SPEED),
            Column("high", text(f"band.high.{band}"), SPEED),
            column("speeds.col.median_ratio_to_previous", text, "{:.2f}x"))


def _measure_line(recipe, measure: str, data: str, text: Text) -> str:
    return text("speeds.measure", measure=measure_text(measure, text),
                digits=digits_text(recipe, data, text))


def init_norms_report(r: InitNorms, lang: str = "en") -> Report:
    text = words(lang)
    head = (
        text("speeds.heading"),
        network_text(r.recipe, text),
        _measure_line(r.recipe, r.measure, r.data, text),
        _networks_line(r.recipe, r.networks, text),
    )
    ratios = [None, *map(float, r.ratios)]
    rows = [(l + 1, float(m), float(lo), float(hi), q)
            for l, (m, lo, hi, q) in enumerate(zip(r.median, r.low, r.high, ratios))]
    foot = (text("speeds.last_over_first", ratio=f"{r.last_over_first:.3g}"),)
    return Report(head, (table("init-norms", "", _init_norms_columns(r.band, text), rows),), foot,
                  r.to_json())


# --- the comparison of activations and initialisations ----------------------------------------
def compare_report(r: Comparison, lang: str = "en") -> Report:
    text = words(lang)
    first, _ = shared([row.recipe for row in r.rows])
    columns = (column("compare.col.activation", text, "{}"), column("compare.col.init", text, "{}"),
               *(Column(f"median_layer_{l}", text("compare.col.layer", l=l), "{:.3g}")
                 for l in range(1, first.hidden + 1)),
               Column("median_last_over_first", text("compare.col.last_over_first"), "{:.3g}"))
    rows = [(row.recipe.activation.label, row.recipe.init.spec, *map(float, row.median),
             row.last_over_first) for row in r.rows]
    head = (
        text("compare.heading"),
        text("compare.network", sizes=sizes_text(first), output=first.output.label,
             cost=text(f"recipe.cost.{first.cost.name}"), biases=biases_text(first, text)),
        _measure_line(first, r.rows[0].measure, r.data, text),
        _networks_line(first, r.rows[0].networks, text),
        "; ".join(f"{row.recipe.init.spec}: {row.recipe.init.law}"
                  for row in {row.recipe.init.spec: row for row in r.rows}.values()),
        text("compare.level"),
    )
    return Report(head, (table("compare-inits", "", columns, rows),), data=r.to_json())


# --- training-speed ----------------------------------------------------------------------------
def _speed_table(r: TrainingSpeed, epochs: Sequence[int], text: Text, dead: bool = False
                 ) -> Table:
    # the csv (dead=True) also holds each layer's dead share, for rectifiers
    dead = dead and r.dead is not None
    layers = range(1, r.hidden + 1)
    columns = (column("training.col.epoch", text, "{}"),
               *(Column(f"layer_{l}", text("training.col.layer", l=l), SPEED) for l in layers),
               column("training.col.cost", text, "{:.5g}"),
               *(Column(f"dead_layer_{l}", text("training.col.dead_layer", l=l), "{:.1%}")
                 for l in layers if dead))
    rows = [(e, *map(float, r.speeds[e]), float(r.costs[e]),
             *(map(float, r.dead[e]) if dead else ())) for e in epochs]
    return table("training-speed", "", columns, rows)


def _series_line(values, key: str, fmt: str, text: Text, **fields: object) -> tuple[str, ...]:
    # a per-layer series before epoch 0 and before the last epoch, or nothing
    if values is None or len(values) == 0:
        return ()
    first, last = (", ".join(fmt.format(v) for v in values[e]) for e in (0, -1))
    return (text(key, first=first, last=last, epoch=len(values) - 1, **fields),)


def training_speed_report(r: TrainingSpeed, lang: str = "en") -> Report:
    """A summary at a few epochs for people; every epoch in csv and JSON."""
    text = words(lang)
    n = len(r.speeds)
    marks = sorted({0, n // 10, n // 2, n - 1} & set(range(n)))
    head = (
        text("training.heading", h=r.hidden),
        network_text(r.recipe, text) + text("recipe.network_of_seed", seed=r.recipe.seed),
        training_text(r.recipe, r.data, text),
        _measure_line(r.recipe, r.measure, r.data, text),
    )
    foot = (diverged_line(r.diverged_at, text)
            + _series_line(r.slopes, "training.slopes", "{:.3g}", text)
            + _series_line(r.dead, "training.dead", "{:.1%}", text, images=r.recipe.images))
    return Report(head, (_speed_table(r, marks, text),), foot, r.to_json(),
                  data_tables=(_speed_table(r, range(n), text, dead=True),))


# --- depth-accuracy ----------------------------------------------------------------------------
def standard_error(p: float, n: int) -> float:
    """The binomial standard error of an accuracy p measured on n images."""
    return math.sqrt(p * (1 - p) / n)


def _accuracy_row(r: DepthAccuracy, k: int, text: Text) -> tuple:
    """(accuracy, its standard error, min, max, runs diverged) over the runs that did not."""
    acc = r.accuracies[k][~r.diverged[k]]
    gone = int(r.diverged[k].sum())
    if len(acc) == 0:
        return text("depth.diverged"), None, None, None, gone
    mean = float(acc.mean())
    validation = r.recipes[k].validation
    return mean, standard_error(mean, validation), float(acc.min()), float(acc.max()), gone


def depth_accuracy_report(r: DepthAccuracy, lang: str = "en") -> Report:
    """One row per depth: the mean accuracy of the runs that did not diverge, or "diverged"."""
    text = words(lang)
    runs, first = r.networks, r.recipes[0]
    columns = [column("depth.col.hidden", text, "{}"), column("depth.col.network", text, "{}"),
               column("depth.col.accuracy", text, "{:.2%}"),
               column("depth.col.standard_error", text, "{:.2%}")]
    if runs > 1:
        columns += [column("depth.col.min", text, "{:.2%}"), column("depth.col.max", text,
                                                                    "{:.2%}")]
    any_diverged = bool(r.diverged.any())
    if any_diverged:
        columns.append(column("depth.col.runs_diverged", text, "{}", runs=runs))
    rows = []
    for k, recipe in enumerate(r.recipes):
        mean, se, low, high, gone = _accuracy_row(r, k, text)
        row = [recipe.hidden, str(list(recipe.sizes)), mean, se]
        row += [low, high] if runs > 1 else []
        rows.append(tuple(row + ([gone] if any_diverged else [])))
    head = (
        text("depth.heading"),
        network_text(first, text, sizes=f"[784, {first.width} × h, 10]"),
        training_text(first, r.data, text),
        text("depth.validation", validation=f"{first.validation:,}", networks=runs,
             seed=first.seed),
    )
    foot = (text("depth.diverged_note"),) if any_diverged else ()
    return Report(head, (table("depth-accuracy", "", columns, rows),), foot, r.to_json())


# --- neuron bars -------------------------------------------------------------------------------
def neuron_bars_report(r: NeuronBars, lang: str = "en") -> Report:
    text = words(lang)
    neurons = len(r.bars[0])
    columns = (column("bars.col.layer", text, "{}"),
               *(Column(f"neuron_{j + 1}", text("bars.col.neuron", j=j + 1), SPEED)
                 for j in range(neurons)))
    rows = [(l + 1, *map(float, b)) for l, b in enumerate(r.bars)]
    head = (
        text("bars.heading", neurons=neurons),
        network_text(r.recipe, text),
        text("bars.mean", digits=digits_text(r.recipe, r.data, text), seed=r.recipe.seed),
    )
    return Report(head, (table("neuron-bars", "", columns, rows),), data=r.to_json())
