"""The remedies figure: each hidden layer's per-layer measure after training, one line per
remedy, in panels that group the remedies by what they change.

The data are the experiment's result (:class:`analytic.experiments.remedies.Remedies`, also as
read back from its JSON): per row, each hidden layer's median and band of its measure after
training, over the runs that did not diverge (10–90 % from ten runs on, min–max below). The y
axis names the measure most rows have; a row measured by another says so in its legend.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ...core.activations import Activation
from ...experiments.remedies import Remedies, RemedyRow
from ...experiments.result import band
from ..reports.remedies import remedy_parts
from ..reports.words import band_text, sizes_text
from ..table import width as text_width
from .style import PALETTE

Text = Callable[..., str]
#: The panels, in the order they are shown: the chapter's activation first.
ORDER = ("sigmoid", "tanh", "rectifiers", "architecture", "exploding", "other")
#: Which panel a row goes to: the first whose test it passes.
PANELS: tuple[tuple[str, Callable[[RemedyRow, Activation], bool]], ...] = (
    # a rectifier with N(0, 1) weights multiplies the signal by about sqrt(n/2) per layer
    ("exploding", lambda row, phi: row.recipe.init.name == "gaussian" and phi.linear_above_zero),
    ("architecture", lambda row, phi: row.recipe.batch_norm or row.recipe.residual),
    ("rectifiers", lambda row, phi: phi.linear_above_zero),
    # a scaled sigmoid A sigma(cz) + B: the logistic itself, or tanh = 2 sigma(2z) - 1
    ("sigmoid", lambda row, phi: phi.logistic),
    ("tanh", lambda row, phi: phi.sigmoid_form is not None),
    ("other", lambda row, phi: True),
)
#: The chapter's network, drawn grey in every other panel to compare with.
REFERENCE = "plain"
REFERENCE_COLOR = "#999999"


def panels(data: Remedies) -> dict[str, list[RemedyRow]]:
    """The rows of each panel that has any, in the order of :data:`ORDER`."""
    grouped: dict[str, list[RemedyRow]] = {name: [] for name in ORDER}
    for row in data.rows:
        phi = row.recipe.activation
        grouped[next(name for name, test in PANELS if test(row, phi))].append(row)
    return {name: rows for name, rows in grouped.items() if rows}


#: Sizes on a 16:9 slide: five panels with a legend each have room for a font a little
#: smaller than the slides style's (the deck scales the figure to about 0.77 of its size).
SLIDES_RC = {"font.size": 14, "axes.titlesize": 16, "axes.labelsize": 15,
             "legend.fontsize": 11, "lines.linewidth": 2.5}


def _grid(n: int) -> tuple[int, int]:
    cols = min(3, n)
    return math.ceil(n / cols), cols


def remedies_size(data: Remedies) -> tuple[float, float]:
    rows, cols = _grid(len(panels(data)))
    return (4.4 * cols + 0.8, 4.3 * rows + 1.3)


def main_measure(data: Remedies) -> str:
    """The measure most rows have (the first of them on a tie): the one the y axis names."""
    measures = [row.measure for row in data.rows]
    return max(dict.fromkeys(measures), key=measures.count)


def _label(row: RemedyRow, text: Text, main: str, width: int = 30) -> str:
    """What the row changes from the chapter's network, wrapped at a separator past
    ``width`` columns (so that a legend stays inside its panel), and its measure when it is
    not the axis's ``main`` one."""
    lines, sep = [""], text("remedies.separator")
    for part in remedy_parts(row.recipe, text, changes_only=True):
        if lines[-1] and text_width(lines[-1] + sep + part) > width:
            lines[-1] += sep.rstrip()
            lines.append(part)
        else:
            lines[-1] += (sep if lines[-1] else "") + part
    label = "\n".join(lines)
    if row.measure != main:
        label += text("remedies.fig.measured", measure=text(f"measure.short.{row.measure}"))
    if row.diverged:
        label += text("remedies.fig.diverged", n=row.diverged_runs, total=len(row.runs))
    return label


def _draw_row(ax, row: RemedyRow, text: Text, color: str, main: str, label: bool = True,
              **style) -> None:
    """The row's median measure per hidden layer and its band; a value of exactly 0 (a layer
    that no longer learns: a log axis has no 0) as a triangle on the bottom edge."""
    speeds = row.layer_speeds(-1)
    name = _label(row, text, main) if label else "_nolegend_"
    if len(speeds) == 0:  # every run diverged: a legend entry and nothing to draw
        ax.plot([], [], color=color, label=name, **style)
        return
    median = np.percentile(speeds, 50, axis=0)
    low, high = band(speeds)
    layers = np.arange(1, len(median) + 1)
    zero = median == 0
    if zero.any() and label:
        name += text("remedies.fig.zero")
    if not zero.all():
        ax.plot(layers, np.where(zero, np.nan, median), color=color, marker="o", markersize=3,
                label=name, **style)
        name = "_nolegend_"
        ax.fill_between(layers, low, high, color=color, alpha=0.15, linewidth=0)
    if zero.any():
        ax.plot(layers[zero], np.zeros(zero.sum()), color=color, marker="v", markersize=7,
                linestyle="none", clip_on=False, transform=ax.get_xaxis_transform(),
                label=name)


def draw_remedies(fig: Figure, data: Remedies, text: Text) -> None:
    """Per panel, each remedy's measure per hidden layer after training (median and band
    over the seeds), log-scale y shared by every panel; the chapter's network grey, and dashed
    outside its own panel."""
    groups = panels(data)
    main = main_measure(data)
    rows, cols = _grid(len(groups))
    axes = fig.subplots(rows, cols, sharey=True, squeeze=False).ravel()
    reference = next((r for r in data.rows if r.remedy.name == REFERENCE), None)
    for ax, (name, members) in zip(axes, groups.items()):
        if reference is not None and reference not in members:
            _draw_row(ax, reference, text, REFERENCE_COLOR, main, label=False, linestyle="--")
        for i, row in enumerate(members):
            color = REFERENCE_COLOR if row is reference else PALETTE[i % len(PALETTE)]
            _draw_row(ax, row, text, color, main)
        ax.set_yscale("log")
        ax.set_xlim(0.5, data.base.hidden + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(text(f"remedies.panel.{name}"))
        ax.set_xlabel(text("remedies.fig.layer"))
    for ax, members in zip(axes, groups.values()):  # once the shared y range is known
        # two columns keep a long legend short enough to leave the lines a free corner
        ax.legend(loc="best", fontsize="small", ncols=1 + (len(members) > 3))
    for ax in axes[len(groups):]:
        ax.remove()
    for ax in axes[::cols][:rows]:
        ax.set_ylabel(text(f"measure.axis.{main}"))
    fig.suptitle(text("remedies.fig.title", epochs=data.base.epochs), fontsize="x-large")
    fig.supxlabel(text("remedies.fig.note", sizes=sizes_text(data.base), seeds=data.networks,
                       band=band_text(data.networks, text)), fontsize="small")
