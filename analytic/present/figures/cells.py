"""The gated cells' figure: log10 ‖∂C/∂h_t‖ against t, one panel per cell on one vertical
scale, the spectral radii coloured as in the vanilla figure, and the keep path alone dashed.

The data are :class:`analytic.experiments.cells.CellGradients`; nothing is computed here beyond
choosing what to draw.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...experiments.cells import CellGradients
from .inside import RADIUS_COLORS

Text = Callable[..., str]


def draw_rnn_cells(fig: Figure, data: CellGradients, text: Text) -> None:
    """One panel per cell: each radius's median and 10–90 % band; the keep path dashed."""
    axes = fig.subplots(1, len(data.cells), sharey=True, squeeze=False)[0]
    t = np.arange(1, data.steps + 1)
    ranks = sorted({r.rho for b in data.cells for r in b.radii})
    for ax, block in zip(axes, data.cells):
        for r in block.radii:
            c = RADIUS_COLORS[ranks.index(r.rho) % len(RADIUS_COLORS)]
            ax.fill_between(t, r.band(10), r.band(90), color=c, alpha=0.2, linewidth=0)
            ax.plot(t, r.band(50), color=c, label=text("cells.fig.rho", rho=f"{r.rho:g}"))
            if r.log10_path is not None:
                ax.plot(t, r.band(50, "log10_path"), color=c, linestyle="--", linewidth=1.0)
        ax.axhline(0.0, color="0.4", linestyle=":", linewidth=1.2)
        ax.set_xlim(1, max(2, data.steps))
        ax.set_title(text(f"cells.name.{block.cell}"))
        ax.set_xlabel(text("cells.fig.t", steps=data.steps))
    axes[0].set_ylabel(text("cells.fig.norm"))
    axes[0].yaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$10^{{{v:g}}}$"))
    handles, labels = axes[0].get_legend_handles_labels()
    if any(r.log10_path is not None for b in data.cells for r in b.radii):
        handles.append(Line2D([], [], color="0.3", linestyle="--", linewidth=1.0))
        labels.append(text("cells.fig.path"))
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 6),
               title=text("cells.fig.legend", samples=data.samples))
    cells = text("cells.fig.and").join(text(f"cells.name.{b.cell}") for b in data.cells)
    fig.suptitle(text("fig.rnn_cells", cells=cells, n=data.units, bias=f"{data.forget_bias:g}"),
                 fontsize="x-large")


def rnn_cells_size(data: CellGradients) -> tuple[float, float]:
    return (4.2 * len(data.cells) + 1.2, 5.2)
