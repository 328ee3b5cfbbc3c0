"""The remedies table as a report (text, markdown, csv, LaTeX, JSON; English or Japanese).

``remedies_report`` takes a :class:`~analytic.experiments.remedies.Remedies`. People read one
row per remedy: the per-layer measure that judges it, then each summary a median with its band
over the networks in one cell (10–90 % from ten networks on, min–max below); csv holds every
number in its own column, and JSON (the result's own) also every run's per-epoch record.
Nothing is computed here beyond medians and bands of what the experiment measured.
"""

from __future__ import annotations

from ...core.activations import SATURATION_MARGIN, sigmoid, tanh
from ...experiments.remedies import Remedies, RemedyRow
from ...train import Recipe
from ..table import MISSING, Column, Report, table
from .words import (
    Text,
    band_text,
    measure_text,
    scheme_label,
    sizes_text,
    spread_cell,
    training_text,
    words,
)

#: The summaries, in the table's order, and how each shows to people.
SHOWN = (("ratio_init", "ratio"), ("ratio_trained", "ratio"), ("accuracy", "percent"),
         ("saturated", "percent"), ("dead", "percent"))
#: The chapter's network, against which a row's label says what it changes.
CHAPTER = Recipe()


# --- what each row is ----------------------------------------------------------------------------
def remedy_parts(recipe: Recipe, text: Text, changes_only: bool = False) -> list[str]:
    """The row's set-up in words (``text(key, **fields)`` in the reader's language):
    activation, weights, then what else it changes; with ``changes_only``, only what differs
    from the chapter's network (sigmoid, N(0, 1/n_in)), or "the chapter's network"."""
    parts = [(recipe.activation.label, recipe.activation == CHAPTER.activation),
             (scheme_label(recipe.init, text), recipe.init == CHAPTER.init)]
    parts = [p for p, same in parts if not (changes_only and same)]
    if recipe.bias_std == 0:
        parts.append(text("remedies.zero_biases"))
    if recipe.batch_norm:
        parts.append(text("remedies.batch_norm"))
    if recipe.residual:
        parts.append(text("remedies.residual"))
    if recipe.momentum:
        kind = "nesterov" if recipe.nesterov else "momentum"
        parts.append(text(f"remedies.{kind}", mu=f"{recipe.momentum:g}"))
    if recipe.clip is not None:
        parts.append(text("remedies.clip", clip=f"{recipe.clip:g}"))
    return parts or [text("remedies.chapter")]


def remedy_label(recipe: Recipe, text: Text, changes_only: bool = False) -> str:
    """:func:`remedy_parts` in one line.

    >>> from analytic.core.activations import relu
    >>> from analytic.core.initialisation import he
    >>> en = words("en")
    >>> remedy_label(Recipe(activation=relu(), init=he(), clip=1.0), en)
    'relu, He, gradient clipped at ‖g‖ = 1'
    >>> remedy_label(Recipe(batch_norm=True), en, changes_only=True)
    'batch norm'
    """
    return text("remedies.separator").join(remedy_parts(recipe, text, changes_only))


# --- cells for people ----------------------------------------------------------------------------
def diverged_cell(row: RemedyRow, text: Text) -> str:
    if not row.diverged:
        return text("remedies.no")
    return text("remedies.diverged_runs", n=row.diverged_runs, total=len(row.runs))


def _people_row(row: RemedyRow, text: Text) -> tuple:
    cells = []
    for name, kind in SHOWN:
        values = row.values(name)
        if not row.applies(name):
            cells.append(MISSING)
        elif all(v is None for v in values) and row.diverged_runs == len(row.runs):
            cells.append(text("remedies.diverged"))
        else:
            cells.append(spread_cell(values, kind, text))
    return (remedy_label(row.recipe, text), text(f"measure.short.{row.measure}"), *cells,
            diverged_cell(row, text))


def _people_columns(text: Text) -> tuple[Column, ...]:
    keys = ("setup", "measure", *(name for name, _ in SHOWN), "diverged")
    return tuple(Column(key, text(f"remedies.col.{key}")) for key in keys)


# --- csv: every number in its own column ---------------------------------------------------------
#: What a row's set-up is, as csv keys.
FIELDS = ("activation", "init", "bias_std", "batch_norm", "residual", "momentum", "nesterov",
          "clip")


def _csv_table(r: Remedies):
    ends = ("median", "low", "high")
    stats = [f"{name}_{q}" for name, _ in SHOWN for q in (*ends, "band")]
    columns = [Column(k, k) for k in ("name", *FIELDS, "measure", "runs", *stats,
                                      "diverged_runs", "diverged")]
    rows = []
    for row in r.rows:
        spreads = [row.spread(name) for name, _ in SHOWN]
        numbers = [None if s is None else getattr(s, q) for s in spreads
                   for q in (*ends, "band")]
        setup = row.recipe.to_json()
        rows.append((row.remedy.name, *(setup[k] for k in FIELDS), row.measure, len(row.runs),
                     *numbers, row.diverged_runs, row.diverged))
    return table("remedies", "", columns, rows)


# --- the report ----------------------------------------------------------------------------------
def _note(r: Remedies, text: Text) -> str:
    # what the columns mean; the saturated band as the activations define it
    measures = (text("remedies.note.own") if r.measure is None else
                text("remedies.note.chosen", short=text(f"measure.short.{r.measure}")))
    low, high = sigmoid().saturation
    return text("remedies.note", measures=measures, margin=f"{SATURATION_MARGIN:.0%}",
                low=f"{low:g}", high=f"{high:g}", tanh=f"{tanh().saturation[1]:g}")


def remedies_report(r: Remedies, lang: str = "en") -> Report:
    """One row per remedy; csv holds every number, JSON also every run."""
    text = words(lang)
    base = r.base
    measures = dict.fromkeys(row.measure for row in r.rows)
    head = (
        text("remedies.heading"),
        text("remedies.network", sizes=sizes_text(base)),
        training_text(base, r.data, text),
        *(text("remedies.measure", measure=measure_text(m, text)) for m in measures),
        text("remedies.measured", validation=f"{base.validation:,}"),
        text("remedies.seeds", seeds=r.networks, seed=base.seed,
             band=band_text(r.networks, text, "cell")),
    )
    rows = [_people_row(row, text) for row in r.rows]
    tab = table("remedies", text("remedies.title"), _people_columns(text), rows,
                _note(r, text))
    return Report(head, (tab,), data=r.to_json(), data_tables=(_csv_table(r),))
