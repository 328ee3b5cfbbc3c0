"""Figures of the experiments on MNIST: each hidden layer's speed during training, and the
chapter's bar picture of |∂C/∂b_j| per neuron at initialisation.

The data are the experiments' results (:mod:`analytic.experiments.speeds`).
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ...experiments.speeds import NeuronBars, TrainingSpeed
from .style import PALETTE

Text = Callable[..., str]


def training_speed_size(data: TrainingSpeed) -> tuple[float, float]:
    return (7.0, 4.5)


def draw_training_speed(fig: Figure, data: TrainingSpeed, text: Text) -> None:
    """One line per hidden layer: its speed of learning against epochs, log-scale y."""
    ax = fig.add_subplot()
    epochs = range(data.speeds.shape[0])
    for l in range(data.hidden):
        ax.plot(epochs, data.speeds[:, l], color=PALETTE[l % len(PALETTE)],
                label=text("exp.layer", l=l + 1))
    ax.set_yscale("log")
    ax.set_xlim(0, max(1, data.speeds.shape[0] - 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text("exp.epochs"))
    ax.set_ylabel(text("exp.speed"))
    ax.set_title(text("exp.speed_title", h=data.hidden))
    ax.legend(loc="best")


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
    fig.suptitle(text("exp.bars_title", sizes=str(data.sizes)))


def neuron_bars_data() -> NeuronBars:
    """The gallery's bar picture: a fresh [784, 30, 30, 10] network on the default digits."""
    from ...experiments.mnist import default_training_images
    from ...experiments.speeds import neuron_bars

    return neuron_bars(default_training_images())
