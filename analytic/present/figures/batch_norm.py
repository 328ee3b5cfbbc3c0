"""Batch normalisation's figures: the accuracy after training against the weights' scale (with
the top layer's spread at initialisation beside it), and one sigmoid unit's input during
training without and with batch norm, as Ioffe and Szegedy's Fig. 1 draws it.

The data are :class:`analytic.experiments.batch_norm_scales.BatchNormScales`; nothing is
computed here beyond choosing what to draw.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure

from ...experiments.batch_norm_scales import ARMS, BatchNormScales
from .style import PALETTE

Text = Callable[..., str]
#: Without batch norm, with it.
ARM_COLORS = (PALETTE[1], PALETTE[0])


def draw_bn_scales(fig: Figure, data: BatchNormScales, text: Text) -> None:
    """Left: median accuracy (training solid, validation dotted) against w, per arm, a cross
    on the bottom edge where every run diverged. Right: the top layer's std of z at init."""
    left, right = fig.subplots(1, 2)
    w = np.array(data.scales)
    medians = {name: data.runs.median(name) for name in
               ("train_accuracy", "validation_accuracy", "z_std")}
    for a in range(len(ARMS)):
        arm, c = text(f"bns.arm.{a}"), ARM_COLORS[a]
        left.plot(w, medians["train_accuracy"][a], "o-", color=c, markersize=4,
                  label=text("bns.fig.training", arm=arm))
        left.plot(w, medians["validation_accuracy"][a], ":", color=c,
                  label=text("bns.fig.validation", arm=arm))
        gone = np.all(data.runs.diverged[a], axis=1)
        if gone.any():
            left.plot(w[gone], np.zeros(gone.sum()), "x", color=c, markersize=8, clip_on=False,
                      label=text("bns.fig.diverged"))
        spread = medians["z_std"][a]
        shown = spread > 0
        right.plot(w[shown], spread[shown], "o-", color=c, markersize=4, label=arm)
    for ax in (left, right):
        ax.set_xscale("log")
        ax.invert_xaxis()  # the book's order: from w = 1 down
        ax.set_xlabel(text("bns.fig.scale"))
    left.set_ylim(0, 1.02)
    left.set_ylabel(text("bns.fig.accuracy"))
    right.set_yscale("log")
    right.set_ylabel(text("bns.fig.z_std"))
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize="small")
    rec = data.recipe
    fig.suptitle(text("fig.bn_scales", hidden=rec.hidden, width=rec.width,
                      act=rec.activation.label, epochs=rec.epochs), fontsize="x-large")


def bn_scales_size(data: BatchNormScales) -> tuple[float, float]:
    return (11.0, 5.2)


def draw_bn_inputs(fig: Figure, data: BatchNormScales, text: Text) -> None:
    """(a) validation accuracy against steps, both arms; (b, c) the unit's input, 15–85 %
    band and median, without and with batch norm, on one vertical scale."""
    s = data.inputs
    axes = fig.subplots(1, 3)
    for a in range(len(ARMS)):
        axes[0].plot(s.steps, s.accuracies[a], color=ARM_COLORS[a], label=text(f"bns.arm.{a}"))
    axes[0].set_ylim(0, 1)
    axes[0].set_ylabel(text("bns.fig.test_accuracy"))
    axes[0].legend(fontsize="small", loc="lower right")
    axes[0].set_title("(a)")
    for a, ax in zip(range(len(ARMS)), axes[1:]):
        c = ARM_COLORS[a]
        ax.fill_between(s.steps, s.percentiles[a, :, 0], s.percentiles[a, :, 2], color=c,
                        alpha=0.25, linewidth=0, label=text("bns.fig.band"))
        ax.plot(s.steps, s.percentiles[a, :, 1], color=c, label=text("bns.fig.median"))
        ax.set_title(f"({'bc'[a]}) " + text(f"bns.arm.{a}"))
        ax.set_ylabel(text("bns.fig.input"))
        ax.legend(fontsize="small", loc="lower left")
    low = np.nanmin(s.percentiles[:, :, 0])
    high = np.nanmax(s.percentiles[:, :, 2])
    pad = 0.05 * (high - low) if high > low else 1.0
    for ax in axes[1:]:
        ax.set_ylim(low - pad, high + pad)
    for ax in axes:
        ax.set_xlim(0, max(1.0, float(s.steps[-1])))
        ax.set_xlabel(text("bns.fig.steps"))
    fig.suptitle(text("fig.bn_inputs", layer=s.layer, unit=s.unit), fontsize="x-large")


def bn_inputs_size(data: BatchNormScales) -> tuple[float, float]:
    return (13.0, 4.4)
