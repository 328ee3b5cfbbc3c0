"""Figures of inside the layers: histograms of each hidden layer's activations a^l and errors
δ^l at initialisation, the norms ‖∂C/∂h_t‖ of backpropagation through time, each hidden
layer's activations during training, and dead rectifier units during training.

The data are the experiments' results (:mod:`analytic.experiments.histograms`,
:mod:`analytic.experiments.rnn`, :mod:`analytic.experiments.saturation`,
:mod:`analytic.experiments.dead_units`); nothing here computes beyond choosing what to draw.

Histograms: one column per set-up, one row per hidden layer (layer 1 at the top, as the
forward pass runs down the page). Each panel is the share of (image, neuron) pairs in each
bin, on its own vertical scale: the shape is what a panel shows, the tables give the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...experiments.dead_units import DeadUnits
from ...experiments.histograms import Histograms, SetupHistograms, output_range
from ...experiments.result import band_kind
from ...experiments.rnn import RecurrentGradients
from ...experiments.saturation import LayerTrace, Saturation
from ...train import Recipe
from ..reports.words import scheme_label
from .experiments import layer_colors
from .style import PALETTE, color

Text = Callable[..., str]
#: The top of a histogram panel, as a multiple of its tallest bar: room for the note above it.
HEADROOM = 1.45
#: Spectral radii from the smallest: cool colours for the vanishing ones, warm for exploding.
RADIUS_COLORS = (PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[4], PALETTE[1], PALETTE[3],
                 PALETTE[6], PALETTE[7])


def setup_title(recipe: Recipe, text: Text) -> str:
    """A set-up as a column title: its activation over its weight scheme ("relu\nHe")."""
    return f"{recipe.activation.label}\n{scheme_label(recipe.init, text)}"


# --- histograms ----------------------------------------------------------------------------------
def histograms_size(data: Histograms) -> tuple[float, float]:
    # at least as wide as the title, which two columns (a pair of set-ups) would cut
    return (max(1.7 * len(data.setups) + 1.2, 7.0), 1.05 * _hidden(data) + 1.8)


def _hidden(data: Histograms) -> int:
    return data.hidden


def draw_activation_histograms(fig: Figure, data: Histograms, text: Text) -> None:
    """a^l of every hidden layer (rows) for every set-up (columns), with the saturated share."""
    _histogram_grid(fig, data, text, "a")
    fig.suptitle(text("fig.layer_histograms"), fontsize="x-large")


def draw_delta_histograms(fig: Figure, data: Histograms, text: Text) -> None:
    """δ^l of every hidden layer (rows) for every set-up (columns), with its rms."""
    _histogram_grid(fig, data, text, "delta")
    fig.suptitle(text("fig.delta_histograms"), fontsize="x-large")


def _histogram_grid(fig: Figure, data: Histograms, text: Text, kind: str) -> None:
    axes = fig.subplots(_hidden(data), len(data.setups), sharex="col", squeeze=False)
    for j, s in enumerate(data.setups):
        column = axes[:, j]
        column[0].set_title(setup_title(s.recipe, text), fontsize="medium")
        column[-1].set_xlabel(text(f"inside.fig.{kind}"))
        if s.overflow_layer is None:
            _histogram_column(column, s, kind, text, color(s.recipe.activation.name, j))
        else:
            _overflowed(column, s, text)
    _tidy(axes, text)
    fig.supxlabel(text("inside.fig.hist_note"), fontsize="small")


def _histogram_column(column, s: SetupHistograms, kind: str, text: Text, fill: str) -> None:
    # every layer of a set-up shares its bins, so the column shares its x axis
    edges = s.a_edges if kind == "a" else s.delta_edges
    for ax, layer in zip(column, s.layers):
        counts = layer.a_counts if kind == "a" else layer.delta_counts
        shares = counts / counts.sum()
        ax.stairs(shares, edges, fill=True, color=fill)
        ax.set_ylim(0, HEADROOM * shares.max())
        _corner(ax, _panel_note(s, layer, kind, text))
    column[0].set_xlim(edges[0], edges[-1])
    column[0].xaxis.set_major_locator(MaxNLocator(3, symmetric=kind == "delta"))


def _tidy(axes, text: Text) -> None:
    # the layer names the rows; only the bottom row's x axis carries anything to read
    for l, ax in enumerate(axes[:, 0], start=1):
        ax.set_ylabel(text("inside.fig.layer", l=l), rotation=0, ha="right", va="center")
    for ax in axes.flat:
        ax.set_yticks([])
        ax.grid(False)
        ax.tick_params(axis="x", labelsize="small")
    for ax in axes[:-1].flat:
        ax.xaxis.set_visible(False)
    for ax in axes[:, 1:].flat:
        ax.yaxis.set_visible(False)


def _panel_note(s: SetupHistograms, layer, kind: str, text: Text) -> str:
    if kind == "delta":
        return text("inside.fig.rms", value=f"{layer.delta_rms:.1e}")
    if layer.saturated is None:
        return text("inside.fig.std", value=f"{layer.std:.2f}")
    return text(f"inside.fig.{s.saturation}", percent=f"{layer.saturated:.0%}")


def _corner(ax: Axes, words: str) -> None:
    ax.text(0.98, 0.92, words, transform=ax.transAxes, ha="right", va="top",
            fontsize="small", bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none",
                                    "pad": 1.0})


def _overflowed(column, s: SetupHistograms, text: Text) -> None:
    # no statistics: say where the values left float64's safe range, in the top panel
    column[0].text(0.5, 0.5, text("inside.fig.overflow", layer=s.overflow_layer),
                   transform=column[0].transAxes, ha="center", va="center", wrap=True)
    for ax in column[1:]:
        ax.set_visible(False)


@cache
def histograms_data() -> Histograms:
    """The gallery's histograms: the six teaching set-ups, five hidden layers of 100, on 200
    embedded digits (seed 0). Computed once: both histogram figures show it."""
    from ...experiments.histograms import HISTOGRAMS, layer_histograms, setups

    return layer_histograms(setups(base=HISTOGRAMS.but(images=200)), bins=41)


# --- gradients through time ----------------------------------------------------------------------
def draw_rnn_gradients(fig: Figure, data: RecurrentGradients, text: Text) -> None:
    """log10 ‖∂C/∂h_t‖ against t for each ρ: median and 10–90 % band, before and after
    clipping, side by side on one vertical scale."""
    axes = fig.subplots(1, 2, sharey=True)
    t = np.arange(1, data.steps + 1)
    ranks = sorted({r.rho for r in data.radii})
    for ax, clipped in zip(axes, (False, True)):
        for r in data.radii:
            c = RADIUS_COLORS[ranks.index(r.rho) % len(RADIUS_COLORS)]
            ax.fill_between(t, r.band(10, clipped), r.band(90, clipped), color=c, alpha=0.2,
                            linewidth=0)
            label = text("inside.fig.rho", rho=f"{r.rho:g}", percent=f"{r.clipped_fraction:.0%}")
            ax.plot(t, r.band(50, clipped), color=c, label=label)
        ax.axhline(0.0, color="0.4", linestyle=":", linewidth=1.2)
        ax.set_xlim(1, max(2, data.steps))
        ax.set_xlabel(text("inside.fig.t", steps=data.steps))
    axes[0].set_title(text("inside.fig.unclipped"))
    axes[1].set_title(text("inside.fig.clipped", clip=f"{data.clip:g}"))
    axes[0].set_ylabel(text("inside.fig.norm"))
    axes[0].yaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$10^{{{v:g}}}$"))
    handles, labels = axes[1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(data.radii), 5),
               title=text("inside.fig.legend", samples=data.samples))
    fig.suptitle(text("fig.rnn_gradients", act=data.activation.label, n=data.units),
                 fontsize="x-large")


def rnn_size(data: RecurrentGradients) -> tuple[float, float]:
    return (11.0, 5.2)


@cache
def rnn_data() -> RecurrentGradients:
    """The gallery's norms: ρ = 0.5, 0.9, 1, 1.1, 2; 32 tanh units, T = 100, 30 networks."""
    from ...experiments.rnn import recurrent_gradients

    return recurrent_gradients(samples=30)


# --- activations during training -----------------------------------------------------------------
def median_style() -> dict:
    """The median's line: half as thick as the style's lines (the mean's), dashed."""
    return {"linestyle": (0, (3, 2)), "linewidth": 0.5 * rcParams["lines.linewidth"]}


def saturation_size(data: Saturation) -> tuple[float, float]:
    # at least as wide as the legend below the panels, which one column alone would cut
    return (max(3.6 * len(data.traces) + 1.4, 8.0), 1.3 * (data.traces[0].hidden + 1) + 2.4)


def draw_saturation(fig: Figure, data: Saturation, text: Text) -> None:
    """One column per set-up, one row per hidden layer (layer 1 at the top, as the forward pass
    runs down the page): the mean activation against training time, its median (thin, dashed:
    where most units sit when the mean is pulled by a few) and its 2–98 % band; the bottom row
    is the validation accuracy."""
    hidden = data.traces[0].hidden
    axes = fig.subplots(hidden + 1, len(data.traces), sharex="col", squeeze=False)
    for j, t in enumerate(data.traces):
        column, c = axes[:, j], color(t.recipe.activation.name, j)
        column[0].set_title(setup_title(t.recipe, text), fontsize="medium")
        for l, ax in enumerate(column[:-1], start=1):
            _layer_band(ax, t, l, c)
        column[-1].plot(t.epochs, t.accuracies, color="0.25")
        column[-1].set_ylim(0, 1)
        column[-1].set_yticks([0, 0.5, 1])
        column[-1].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
        column[-1].set_xlim(0, t.recipe.epochs)
        column[-1].set_xlabel(text("exp.epochs"))
        if t.diverged_at is not None:
            _corner(column[0], text("inside.fig.diverged", epoch=t.diverged_at))
    for l, ax in enumerate(axes[:-1, 0], start=1):
        ax.set_ylabel(text("inside.fig.layer", l=l))
    axes[-1, 0].set_ylabel(text("inside.fig.accuracy_short"))
    for ax in axes.flat:
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    # legend entries that stand for every panel's lines, drawn in no panel
    mean, median = Line2D([], [], color="0.25"), Line2D([], [], color="0.25", **median_style())
    band = Patch(color="0.25", alpha=0.25, linewidth=0)
    fig.legend([mean, median, band], [text("inside.fig.sat_mean"), text("inside.fig.sat_median"),
                                      text("inside.fig.sat_band")],
               loc="outside lower center", ncols=3,
               title=text("inside.fig.sat_legend",
                          images=f"{data.traces[0].recipe.validation:,}"))
    fig.suptitle(text("fig.saturation"), fontsize="x-large")


def _layer_band(ax: Axes, t: LayerTrace, l: int, c: str) -> None:
    # a bounded phi keeps its whole range in view: how near a layer runs to the ends is the point
    ax.fill_between(t.epochs, t.percentiles[:, l - 1, 0], t.percentiles[:, l - 1, 2], color=c,
                    alpha=0.25, linewidth=0)
    ax.plot(t.epochs, t.means[:, l - 1], color=c)
    ax.plot(t.epochs, t.percentiles[:, l - 1, 1], color=c, **median_style())
    phi = t.recipe.activation
    if phi.sigmoid_form is not None:
        low, high = output_range(phi)
        ax.set_ylim(low, high)
        ax.set_yticks([low, (low + high) / 2, high])
    else:
        ax.yaxis.set_major_locator(MaxNLocator(3))


def saturation_dead_size(data: Saturation) -> tuple[float, float]:
    return (3.6 * len(data.traces) + 1.8, 5.6)


def draw_saturation_dead(fig: Figure, data: Saturation, text: Text) -> None:
    """The dead view of the same runs: one column per set-up, each hidden layer's share of dead
    units against training time (one line per layer, in the layers' colours) above the
    validation accuracy."""
    axes = fig.subplots(2, len(data.traces), sharex="col", squeeze=False,
                        height_ratios=(2, 1))
    colors = layer_colors(data.traces[0].hidden)
    for j, t in enumerate(data.traces):
        top, bottom = axes[:, j]
        top.set_title(setup_title(t.recipe, text), fontsize="medium")
        for l, c in enumerate(colors):
            top.plot(t.epochs, t.dead[:, l], color=c, label=text("exp.layer", l=l + 1))
        bottom.plot(t.epochs, t.accuracies, color="0.25")
        for ax in (top, bottom):
            ax.set_ylim(0, 1)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
            ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        bottom.set_xlim(0, t.recipe.epochs)
        bottom.set_xlabel(text("exp.epochs"))
        if t.diverged_at is not None:
            _corner(top, text("inside.fig.diverged", epoch=t.diverged_at))
    axes[0, 0].set_ylabel(text("inside.fig.dead_short"))
    axes[1, 0].set_ylabel(text("inside.fig.accuracy_short"))
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 5))
    fig.suptitle(text("fig.saturation_dead"), fontsize="x-large")


# --- dead units during training ------------------------------------------------------------------
def dead_units_size(data: DeadUnits) -> tuple[float, float]:
    return (10.0, 4.8)


def distinct_colors(specs: list[str]) -> list[str]:
    """Each activation's own colour, or the next unused one of the palette when another
    activation in the same figure has it already (leaky_relu and prelu share one).

    >>> distinct_colors(["relu", "leaky_relu", "prelu"]) == [color("relu"), PALETTE[3], PALETTE[0]]
    True
    """
    used: list[str] = []
    for spec in specs:
        own = color(spec)
        used.append(own if own not in used else next(c for c in PALETTE if c not in used))
    return used


#: One dash pattern per activation as well as a colour: lines that coincide (ReLU and Leaky
#: ReLU, whose units stay dead alike) must both stay visible.
DASHES = ("-", (0, (4, 2)), (0, (2, 1)), "-.", (0, (1, 1.5)), (0, (6, 2, 1, 2, 1, 2)))


def draw_dead_units(fig: Figure, data: DeadUnits, text: Text) -> None:
    """The share of dead units (left) and the validation accuracy (right) against training
    time: one line per activation, the median over the networks and its band (10–90 % from
    ten networks on, min–max below)."""
    left, right = fig.subplots(1, 2, sharex=True)
    colors = distinct_colors([r.recipe.activation.name for r in data.rows])
    for i, (row, c) in enumerate(zip(data.rows, colors)):
        label = row.recipe.activation.label
        for ax, name in ((left, "dead"), (right, "accuracies")):
            epochs, values = row.band(name)
            ax.fill_between(epochs, values[:, 1], values[:, 2], color=c, alpha=0.2, linewidth=0)
            ax.plot(epochs, values[:, 0], color=c, linestyle=DASHES[i % len(DASHES)],
                    label=label)
    for ax, key in ((left, "inside.fig.dead"), (right, "inside.fig.accuracy")):
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlim(0, data.rows[0].recipe.epochs)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(text("exp.epochs"))
        ax.set_title(text(key))
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 6),
               title=text("inside.fig.dead_legend", seeds=len(data.rows[0].runs),
                          shift=f"{data.rows[0].recipe.bias_shift:g}",
                          band=text(f"band.{band_kind(len(data.rows[0].runs))}")))
    fig.suptitle(text("fig.dead_units"), fontsize="x-large")
