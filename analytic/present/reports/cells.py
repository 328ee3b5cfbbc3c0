"""Gated recurrent cells as a report: one block of rows per cell, one row per spectral radius
(text, markdown, csv, LaTeX, JSON; English or Japanese). Nothing is computed here beyond what
:mod:`analytic.experiments.cells` measured; the curves for every t are in the JSON."""

from __future__ import annotations

from ...experiments.cells import CellGradients, CellRadius
from ..table import Block, Column, Report, Table
from .words import Text, words

COLUMNS = (
    ("rho", "{:g}"), ("log10_norm_h1_median", "{:.2f}"), ("log10_norm_h1_p10", "{:.2f}"),
    ("log10_norm_h1_p90", "{:.2f}"), ("rate_median", "{:.4f}"), ("linear_rate_median", "{:.4f}"),
    ("keep_gate_median", "{:.4f}"), ("log10_path_h1_median", "{:.2f}"),
    ("path_rate_median", "{:.4f}"), ("log10_cell_h1_median", "{:.2f}"),
)


def _row(r: CellRadius) -> tuple:
    summary = r.summary()
    return tuple(summary[key] for key, _ in COLUMNS)


def cells_table(g: CellGradients, text: Text) -> Table:
    """The table: a block per cell, named in the reader's language."""
    columns = tuple(Column(key, text(f"cells.col.{key}"), fmt) for key, fmt in COLUMNS)
    blocks = tuple(Block(text(f"cells.name.{b.cell}"), tuple(_row(r) for r in b.radii))
                   for b in g.cells)
    return Table("rnn-cells", text("cells.title"), columns, blocks,
                 text("cells.note", steps=g.steps - 1), block_key="cell",
                 block_header=text("cells.block"))


def cells_report(g: CellGradients, lang: str = "en") -> Report:
    """The cells side by side on the same draws."""
    text = words(lang)
    kinds = [b.cell for b in g.cells]
    head = (
        text("cells.heading"),
        *(text(f"cells.equations.{k}", act=g.activation.label) for k in kinds),
        text("cells.network", units=g.units, inputs=g.inputs, std=f"{g.input_std:g}",
             steps=g.steps, samples=g.samples, seed=g.seed),
    )
    if set(kinds) - {"vanilla"}:
        head += (text("cells.bias", bias=f"{g.forget_bias:g}", keep=f"{g.keep_factor:.4f}"),
                 text("cells.path"))
    return Report(head, (cells_table(g, text),), (), g.to_json())
