"""The remedies table as a report (text, markdown, csv, LaTeX, JSON; English or Japanese).

``remedies_report`` takes a :class:`~analytic.experiments.remedies.Remedies`. People read one
row per remedy, each summary a median with its 10–90 % band over the seeds in one cell; csv
holds every number in its own column, and JSON (:func:`remedies_data`) also the per-layer
speeds and every run's per-epoch record. The JSON is the same in every language: the figure
is drawn from it (:mod:`analytic.present.figures.remedies`). Nothing is computed here beyond
medians and percentiles of what the experiment measured.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core.activations import get_activation
from ..experiments.remedies import Remedies, Remedy, RemedyRow, RemedyRun, Spread
from .i18n import tr
from .table import MISSING, Column, Report, table

Text = Callable[..., str]
#: The summaries, in the table's order, and how each shows to people.
SHOWN = (("ratio_init", "ratio"), ("ratio_trained", "ratio"), ("accuracy", "percent"),
         ("saturated", "percent"), ("dead", "percent"))
#: How each registered weight scheme draws, in words that read the same in both languages.
INIT_NAMES = {"gaussian": "N(0, 1)", "scaled": "N(0, 1/n_in)", "xavier": "Xavier", "he": "He"}


def compact(x: float) -> str:
    """Three significant digits, the exponent without padding.

    >>> compact(1.6612e6), compact(9.93e-6), compact(0.384), compact(78.9)
    ('1.66e6', '9.93e-6', '0.384', '78.9')
    """
    text = f"{x:.3g}"
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


# --- what each row is ----------------------------------------------------------------------------
def remedy_parts(remedy: Remedy, text: Text, changes_only: bool = False) -> list[str]:
    """The row's set-up in words (``text(key, **fields)`` in the reader's language):
    activation, weights, then what else it changes; with ``changes_only``, only what differs
    from the chapter's network (sigmoid, N(0, 1/n_in)), or "the chapter's network"."""
    chapter = Remedy("chapter")
    parts = [(remedy.activation, remedy.activation == chapter.activation),
             (INIT_NAMES.get(remedy.init, remedy.init), remedy.init == chapter.init)]
    parts = [p for p, same in parts if not (changes_only and same)]
    if remedy.zero_biases:
        parts.append(text("remedies.zero_biases"))
    if remedy.batch_norm:
        parts.append(text("remedies.batch_norm"))
    if remedy.residual:
        parts.append(text("remedies.residual"))
    if remedy.momentum:
        kind = "nesterov" if remedy.nesterov else "momentum"
        parts.append(text(f"remedies.{kind}", mu=f"{remedy.momentum:g}"))
    if remedy.clip is not None:
        parts.append(text("remedies.clip", clip=f"{remedy.clip:g}"))
    return parts or [text("remedies.chapter")]


def remedy_label(remedy: Remedy, text: Text, changes_only: bool = False) -> str:
    """:func:`remedy_parts` in one line.

    >>> en = lambda key, **fields: tr(key, "en", **fields)
    >>> remedy_label(Remedy("r", "relu", "he", clip=1.0), en)
    'relu, He, gradient clipped at ‖g‖ = 1'
    >>> remedy_label(Remedy("b", batch_norm=True), en, changes_only=True)
    'batch norm'
    """
    return text("remedies.separator").join(remedy_parts(remedy, text, changes_only))


#: What a row's set-up is, as csv and JSON keys.
FIELDS = ("name", "activation", "init", "batch_norm", "residual", "momentum", "nesterov", "clip",
          "zero_biases")


def remedy_fields(remedy: Remedy) -> dict:
    return {key: getattr(remedy, key) for key in FIELDS}


def remedy_of(row: dict) -> Remedy:
    """The remedy a JSON row describes."""
    return Remedy(**{key: row[key] for key in FIELDS})


def _applies(remedy: Remedy, name: str) -> bool:
    # saturation is measured for bounded activations, dead units for rectifiers
    phi = get_activation(remedy.activation)
    return {"saturated": phi.saturation is not None,
            "dead": phi.linear_above_zero}.get(name, True)


# --- cells for people ----------------------------------------------------------------------------
def _show(x: float, kind: str, band: bool = False) -> str:
    if kind == "ratio":
        return compact(x)
    return f"{100 * x:.1f}" if band else f"{100 * x:.1f}%"


def spread_cell(values: list[float | None], kind: str, lang: str) -> str:
    """median [10 %, 90 %] of the values present, with how many runs gave one when some did
    not; "—" when none did."""
    present = [v for v in values if v is not None]
    spread = Spread.of(present)
    if spread is None:
        return MISSING
    text = _show(spread.median, kind)
    if len(present) > 1:
        text += f" [{_show(spread.p10, kind, True)}, {_show(spread.p90, kind, True)}]"
    if len(present) < len(values):
        text += " " + tr("remedies.of_runs", lang, n=len(present), total=len(values))
    return text


def diverged_cell(row: RemedyRow, lang: str) -> str:
    if not row.diverged:
        return tr("remedies.no", lang)
    return tr("remedies.diverged_runs", lang, n=row.diverged_runs, total=len(row.runs))


def _people_row(row: RemedyRow, lang: str) -> tuple:
    cells = []
    for name, kind in SHOWN:
        values = row.values(name)
        if not _applies(row.remedy, name):
            cells.append(MISSING)
        elif all(v is None for v in values) and row.diverged_runs == len(row.runs):
            cells.append(tr("remedies.diverged", lang))
        else:
            cells.append(spread_cell(values, kind, lang))
    label = remedy_label(row.remedy, lambda key, **fields: tr(key, lang, **fields))
    return (label, *cells, diverged_cell(row, lang))


def _people_columns(lang: str) -> tuple[Column, ...]:
    keys = ("setup", *(name for name, _ in SHOWN), "diverged")
    return tuple(Column(key, tr(f"remedies.col.{key}", lang)) for key in keys)


# --- csv: every number in its own column ---------------------------------------------------------
def _csv_table(r: Remedies):
    stats = [f"{name}_{q}" for name, _ in SHOWN for q in ("median", "p10", "p90")]
    columns = [Column(k, k) for k in (*FIELDS, "runs", *stats, "diverged_runs", "diverged")]
    rows = []
    for row in r.rows:
        spreads = [row.spread(name) for name, _ in SHOWN]
        numbers = [None if s is None else getattr(s, q) for s in spreads
                   for q in ("median", "p10", "p90")]
        rows.append((*remedy_fields(row.remedy).values(), len(row.runs), *numbers,
                     row.diverged_runs, row.diverged))
    return table("remedies", "", columns, rows)


# --- JSON ----------------------------------------------------------------------------------------
def _spread_json(spread: Spread | None) -> dict | None:
    return None if spread is None else {"median": spread.median, "p10": spread.p10,
                                        "p90": spread.p90}


def _layers_json(speeds: np.ndarray) -> dict | None:
    """Per hidden layer, the median and the 10th and 90th percentiles over the runs."""
    if len(speeds) == 0:
        return None
    return {name: np.percentile(speeds, q, axis=0).tolist()
            for name, q in (("median", 50), ("p10", 10), ("p90", 90))}


def _series(values: np.ndarray | None) -> list | None:
    return None if values is None else values.tolist()


def _run_json(run: RemedyRun) -> dict:
    return {"seed": run.seed, "diverged_at": run.diverged_at, "speeds": run.speeds.tolist(),
            "accuracies": run.accuracies.tolist(), "saturated": _series(run.saturated),
            "dead": _series(run.dead), "prelu_slopes": _series(run.slopes)}


def _row_json(row: RemedyRow) -> dict:
    saturated, dead = row.saturated, row.dead
    return {
        **remedy_fields(row.remedy), "runs": len(row.runs),
        "ratio_init": _spread_json(row.ratio_at_init),
        "ratio_trained": _spread_json(row.ratio_after),
        "accuracy": _spread_json(row.accuracy),
        "saturated": None if saturated is None else saturated.median,
        "dead": None if dead is None else dead.median,
        "saturated_band": _spread_json(saturated), "dead_band": _spread_json(dead),
        "diverged": row.diverged, "diverged_runs": row.diverged_runs,
        "speeds_init": _layers_json(row.layer_speeds(0)),
        "speeds_trained": _layers_json(row.layer_speeds(-1)),
        "per_run": [_run_json(run) for run in row.runs],
    }


def remedies_data(r: Remedies, data: str) -> dict:
    s = r.setting
    return {
        "experiment": "remedies", "network": r.sizes, "hidden": s.hidden, "width": s.width,
        "epochs": s.epochs, "batch_size": s.batch_size, "eta": s.eta, "lmbda": s.lmbda,
        "train_images": r.train_images, "validation_images": r.validation_images,
        "seeds": r.seeds, "seed": r.seed, "data": data,
        "rows": [_row_json(row) for row in r.rows],
    }


# --- the report ----------------------------------------------------------------------------------
def remedies_report(r: Remedies, data: str, lang: str = "en") -> Report:
    """One row per remedy; csv holds every number, JSON also every run."""
    s = r.setting
    text: Text = lambda key, **fields: tr(key, lang, **fields)  # noqa: E731
    head = (
        text("remedies.heading"),
        text("remedies.network", sizes=f"[{r.sizes[0]}, {s.width} × {s.hidden}, "
             f"{r.sizes[-1]}]"),
        text("remedies.training", batch=s.batch_size, eta=f"{s.eta:g}", lmbda=f"{s.lmbda:g}",
             epochs=s.epochs, train=f"{r.train_images:,}", validation=f"{r.validation_images:,}",
             data=data),
        text("remedies.seeds", seeds=r.seeds, seed=r.seed),
    )
    rows = [_people_row(row, lang) for row in r.rows]
    tab = table("remedies", text("remedies.title"), _people_columns(lang), rows,
                text("remedies.note"))
    return Report(head, (tab,), data=remedies_data(r, data), data_tables=(_csv_table(r),))
