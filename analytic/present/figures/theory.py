"""Figures of the theory: the window's width against |w|, the identity neuron, and the tanh
phase diagram of mean-field theory.

The data come from :mod:`analytic.theory.window`, :mod:`analytic.theory.identity_neuron` and
:mod:`analytic.theory.meanfield`; nothing here computes mathematics.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from ...theory.identity_neuron import IdentityCurves
from ...theory.phase_diagram import PhaseDiagram
from ...theory.window import WindowCurve
from .style import PALETTE

Text = Callable[..., str]


def draw_window_width(fig: Figure, data: WindowCurve, text: Text) -> None:
    """The window's width against |w|, with its maximum and the threshold |w| = 4 marked."""
    ax = fig.add_subplot()
    ax.plot(data.abs_ws, data.widths, color=PALETTE[0])
    best = data.widest
    ax.plot([best.argmax_abs_w], [best.max_width], "o", color=PALETTE[1],
            label=text("theory.widest", w=f"{best.argmax_abs_w:.3f}", d=f"{best.max_width:.4f}"))
    ax.axvline(4.0, color="0.4", linestyle=":", linewidth=1.2, label=text("theory.threshold"))
    ax.set(xlabel=text("theory.abs_w"), ylabel=text("theory.width"),
           title=text("fig.window_width"))
    ax.set_ylim(0, best.max_width * 1.2)
    ax.legend(loc="upper right")


def draw_identity(fig: Figure, data: IdentityCurves, text: Text) -> None:
    """The neuron's output (offset removed) against x, and its error, for several w₁."""
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    top.plot(data.xs, data.xs, color="black", linestyle="--", linewidth=1,
             label=text("theory.target"))
    for i, (w, out) in enumerate(zip(data.w1s, data.outputs)):
        top.plot(data.xs, out, color=PALETTE[i], label=f"$w_1$ = {w:g}")
        bottom.plot(data.xs, out - data.xs, color=PALETTE[i])
    top.set(ylabel=text("theory.output"), title=text("fig.identity_neuron"))
    top.legend(loc="upper left")
    bottom.axhline(0.0, color="0.6", linewidth=1)
    bottom.set(xlabel=text("theory.x"), ylabel=text("theory.error"))


def _label(ax, x: float, y: float, words: str) -> None:
    # white letters with a dark outline read on both ends of the colour scale
    outline = [patheffects.withStroke(linewidth=3, foreground="0.15")]
    ax.text(x, y, words, transform=ax.transAxes, color="white", fontsize="large",
            path_effects=outline)


def draw_phase_diagram(fig: Figure, data: PhaseDiagram, text: Text) -> None:
    """√χ₁ over (σ_w, σ_b), coloured by log₁₀ √χ₁ with white at 1, and the χ₁ = 1 curve."""
    ax = fig.add_subplot()
    log_factor = np.log10(np.sqrt(data.chi1))
    # the scale spans the data: blue for vanishing (< 1), red for exploding (> 1), white at 1
    low, high = float(log_factor.min()), float(log_factor.max())
    norm = TwoSlopeNorm(vcenter=0.0, vmin=min(low, -1e-3), vmax=max(high, 1e-3))
    mesh = ax.pcolormesh(data.sigma_ws, data.sigma_bs, log_factor, shading="nearest",
                         cmap="RdBu_r", norm=norm)
    bar = fig.colorbar(mesh, ax=ax, label=text("theory.factor"))
    ticks = [t for t in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0) if low <= np.log10(t) <= high]
    bar.set_ticks(np.log10(ticks), labels=[f"{t:g}" for t in ticks])
    ax.plot(data.edge_sigma_w, data.edge_sigma_b, color="black", linewidth=2.5,
            label=text("theory.edge"))
    ax.set(xlabel=text("theory.sigma_w"), ylabel=text("theory.sigma_b"),
           title=text("fig.tanh_phase_diagram", act=data.activation))
    ax.grid(False)  # grid lines would read as cell borders of the colour map
    ax.set_xlim(data.sigma_ws.min(), data.sigma_ws.max())
    ax.set_ylim(data.sigma_bs.min(), data.sigma_bs.max())
    _label(ax, 0.03, 0.88, text("theory.vanishing"))
    _label(ax, 0.72, 0.08, text("theory.exploding"))
    ax.legend(loc="upper right")
