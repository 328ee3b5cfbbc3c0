"""Figures of the experiments on MNIST: each hidden layer's speed during training (and, for
rectifiers, its dead units), and the chapter's bar picture of |∂C/∂b_j| per neuron at
initialisation.

The data are the experiments' results (:mod:`analytic.experiments.speeds` and
:mod:`analytic.experiments.training`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...experiments.speeds import NeuronBars
from ...experiments.training import TrainingSpeed
from .style import PALETTE

Text = Callable[..., str]


def training_speed_size(data: TrainingSpeed) -> tuple[float, float]:
    # more layers than colours in the palette: the legend goes beside the axes; a rectifier's
    # dead units take a panel below
    width, height = (7.0, 4.5) if data.hidden <= len(PALETTE) else (8.5, 4.8)
    return (width, height + 2.2) if data.dead is not None else (width, height)


def layer_colors(n: int) -> list:
    """One colour per hidden layer: the palette's, or for more layers than it holds, a
    sequential colour map from the first layer (dark) to the last (light)."""
    if n <= len(PALETTE):
        return list(PALETTE[:n])
    from matplotlib import colormaps

    return [colormaps["viridis"](x) for x in np.linspace(0, 0.9, n)]


def draw_training_speed(fig: Figure, data: TrainingSpeed, text: Text) -> None:
    """One line per hidden layer: its per-layer measure (the y axis names it) against epochs,
    log-scale y; a run
    that diverged ends at a dashed line in the epoch it did. For a rectifier, a panel below
    shows each layer's share of dead units (z <= 0 on every training image)."""
    if data.dead is None:
        ax = fig.add_subplot()
    else:
        ax, below = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
        _dead_panel(below, data, text)
    epochs = range(data.speeds.shape[0])
    for l, c in enumerate(layer_colors(data.hidden)):
        ax.plot(epochs, data.speeds[:, l], color=c, label=text("exp.layer", l=l + 1))
    right = max(1, data.speeds.shape[0] - 1)
    if data.diverged_at is not None:  # the line stands a little inside the frame
        right = max(1, data.diverged_at) + 0.25
        ax.axvline(data.diverged_at, color="#000000", linestyle="--", linewidth=1.2,
                   label=text("exp.diverged", epoch=data.diverged_at))
    ax.set_yscale("log")
    ax.set_xlim(0, right)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("exp.epochs") if data.dead is None else "")
    ax.set_ylabel(text(f"measure.axis.{data.measure}"))
    recipe = data.recipe
    ax.set_title(text("exp.speed_title", h=data.hidden) + "\n" + text(
        "exp.speed_network", act=recipe.activation.label, init=recipe.init.spec,
        width=recipe.width), fontsize="medium")
    if data.hidden <= len(PALETTE):
        ax.legend(loc="best", fontsize="small")
    else:  # a long legend goes beside the axes, not over the lines
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="x-small")


def _dead_panel(ax, data: TrainingSpeed, text: Text) -> None:
    # the same colours as the speeds above: one line per hidden layer, 0 to 100 %
    epochs = range(data.dead.shape[0])
    for l, c in enumerate(layer_colors(data.hidden)):
        ax.plot(epochs, data.dead[:, l], color=c)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylabel(text("exp.dead"))
    ax.set_xlabel(text("exp.epochs"))


def neuron_bars_size(data: NeuronBars) -> tuple[float, float]:
    return (3.2 * len(data.bars) + 1, 3.6)


def draw_neuron_bars(fig: Figure, data: NeuronBars, text: Text) -> None:
    """One column per hidden layer, one horizontal bar per neuron, length |∂C/∂b_j|.

    All panels share the x axis, so a shorter bar in layer 1 is a slower neuron.
    """
    axes = fig.subplots(1, len(data.bars), sharex=True, squeeze=False)[0]
    for l, (ax, bars) in enumerate(zip(axes, data.bars)):
        neurons = range(1, len(bars) + 1)
        ax.barh(neurons, bars, color=PALETTE[l % len(PALETTE)])
        ax.set_yticks(list(neurons))
        ax.invert_yaxis()
        ax.set_title(text("exp.layer", l=l + 1))
        ax.set_xlabel(text("exp.bar"))
        ax.grid(True, axis="y", alpha=0)
    axes[0].set_ylabel(text("exp.neuron"))
    fig.suptitle(text("exp.bars_title", sizes=str(list(data.recipe.sizes))))


def neuron_bars_data() -> NeuronBars:
    """The gallery's bar picture: a fresh [784, 30, 30, 10] network on the default digits."""
    from ...experiments.speeds import neuron_bars

    return neuron_bars()
