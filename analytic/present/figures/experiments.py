"""The experiments' figures, drawn with matplotlib on a figure the caller owns.

Each ``draw_*`` function takes a ``matplotlib.figure.Figure`` and the plain result of an
experiment (``analytic.experiments``), draws on it and returns it; the caller decides the size
and the file. ``lang`` picks the labels ("en" or "ja"); ``analytic.figures`` sets the fonts
(the packaged IPAexGothic for Japanese) and registers neuron bars in the gallery.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ...experiments.speeds import NeuronBars, TrainingSpeed
from ..i18n import labels


def _labels(lang: str) -> dict[str, str]:
    return labels("exp.", lang)


def draw_training_speed(fig: Figure, data: TrainingSpeed, lang: str = "en") -> Figure:
    """One line per hidden layer: its speed of learning against epochs, log-scale y."""
    text = _labels(lang)
    ax = fig.add_subplot()
    epochs = range(data.speeds.shape[0])
    for l in range(data.hidden):
        ax.plot(epochs, data.speeds[:, l], label=text["layer"].format(l=l + 1), linewidth=1.6)
    ax.set_yscale("log")
    ax.set_xlim(0, max(1, data.speeds.shape[0] - 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(text["epochs"])
    ax.set_ylabel(text["speed"])
    ax.set_title(text["speed_title"].format(h=data.hidden))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="best", frameon=False)
    return fig


def draw_neuron_bars(fig: Figure, data: NeuronBars, lang: str = "en") -> Figure:
    """One column per hidden layer, one horizontal bar per neuron, length |dC/db_j|.

    All panels share the x axis, so a shorter bar in layer 1 is a slower neuron.
    """
    text = _labels(lang)
    axes = fig.subplots(1, len(data.bars), sharex=True, squeeze=False)[0]
    for l, (ax, bars) in enumerate(zip(axes, data.bars)):
        neurons = range(1, len(bars) + 1)
        ax.barh(neurons, bars, color=f"C{l}")
        ax.set_yticks(list(neurons))
        ax.invert_yaxis()
        ax.set_title(text["layer"].format(l=l + 1))
        ax.set_xlabel(text["bar"])
        ax.grid(True, axis="x", alpha=0.3)
    axes[0].set_ylabel(text["neuron"])
    title = (text["bars_title"] if data.sizes == [784, 30, 30, 10]
             else text["bars_title_any"].format(sizes=data.sizes))
    fig.suptitle(title)
    return fig
