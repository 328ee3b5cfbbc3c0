"""Batch normalisation over weight scales as a report: one table of the sweep (a row per
scale), one of the sigmoid unit's input at the end of the epochs shown (text, markdown, csv,
LaTeX, JSON; English or Japanese). csv holds every measurement of the second part."""

from __future__ import annotations

import numpy as np

from ...experiments.batch_norm_scales import ARMS, BatchNormScales, SigmoidInputs
from ...train.layers import BN_EPS
from ..table import Column, Report, Table, table
from .words import Text, data_name, shown_epochs, words


def _value(x: float) -> float | None:
    return None if not np.isfinite(x) else float(x)


def scales_table(r: BatchNormScales, text: Text) -> Table:
    """A row per scale: the median accuracies of both arms and the top layer's spread."""
    keys = [("scale", "{:.3g}")] + [(f"{name}_{a}", fmt) for name, fmt in
                                    (("train", "{:.1%}"), ("validation", "{:.1%}"),
                                     ("z_std", "{:.3g}")) for a in range(len(ARMS))]
    medians = {name: r.runs.median(field) for name, field in
               (("train", "train_accuracy"), ("validation", "validation_accuracy"),
                ("z_std", "z_std"))}
    rows = [(w, *(_value(medians[name][a, j]) for name in ("train", "validation", "z_std")
                  for a in range(len(ARMS)))) for j, w in enumerate(r.scales)]
    columns = [Column(k, text(f"bns.col.{k}"), fmt) for k, fmt in keys]
    note = text("bns.note", images=f"{r.recipe.images:,}", validation=f"{r.recipe.validation:,}")
    return table("batch-norm-scales", text("bns.title"), columns, rows, note)


def _inputs_columns(text: Text) -> list[Column]:
    per_arm = [(f"{name}_{a}", fmt) for a in range(len(ARMS)) for name, fmt in
               (("accuracy", "{:.1%}"), ("p15", "{:.2f}"), ("p50", "{:.2f}"), ("p85", "{:.2f}"))]
    return [Column(k, text(f"bns.col.{k}"), fmt) for k, fmt in
            [("epoch", "{:g}"), ("step", "{:g}"), *per_arm]]


def _inputs_row(s: SigmoidInputs, k: int) -> tuple:
    return (float(s.epochs[k]), float(s.steps[k]),
            *(_value(v) for a in range(len(ARMS))
              for v in (s.accuracies[a, k], *s.percentiles[a, k])))


def inputs_table(s: SigmoidInputs, text: Text, every: bool = False) -> Table:
    """The measurements at the end of the epochs shown (all of them with ``every``), titled by
    the network's set-up."""
    per_epoch = s.recipe.steps_per_epoch
    if every:
        indices = range(len(s.steps))
    else:
        wanted = [e * per_epoch for e in shown_epochs(s.recipe.epochs)]
        indices = [k for k, step in enumerate(s.steps) if step in wanted]
    watch = s.recipe
    title = text("bns.inputs.heading", unit=s.unit, layer=s.layer, width=watch.width,
                 law=watch.init.law, batch=watch.batch_size, eta=f"{watch.eta:g}",
                 images=f"{watch.images:,}")
    drift = {f"drift_{a}": f"{s.drift(a):.2f}" for a in range(len(ARMS))}
    note = text("bns.inputs.note", validation=f"{watch.validation:,}",
                steps=f"{int(s.steps[-1]):,}", **drift)
    return table("batch-norm-inputs", title, _inputs_columns(text),
                 [_inputs_row(s, k) for k in indices], note)


def batch_norm_scales_report(r: BatchNormScales, lang: str = "en") -> Report:
    """Both parts, their set-ups in words; the JSON holds every run and measurement."""
    text = words(lang)
    rec = r.recipe
    head = (
        text("bns.heading", epochs=rec.epochs),
        text("bns.network", width=rec.width, hidden=rec.hidden, act=rec.activation.label,
             output=rec.output.label, eps=f"{BN_EPS:g}", batch=rec.batch_size,
             eta=f"{rec.eta:g}", images=f"{rec.images:,}", data=data_name(r.data, text),
             networks=r.networks, seed=rec.seed),
    )
    footer = tuple(text("bns.diverged", arm=text(f"bns.arm.{a}"), epoch=epoch)
                   for a, epoch in enumerate(r.inputs.diverged_at) if epoch is not None)
    tables = (scales_table(r, text), inputs_table(r.inputs, text))
    data_tables = (tables[0], inputs_table(r.inputs, text, every=True))
    return Report(head, tables, footer, r.to_json(), data_tables=data_tables)
