"""Figures of the theory: each ``draw_*(fig, data, lang)`` draws plain data on a Figure.

The data come from :mod:`analytic.window`, :mod:`analytic.identity` and
:mod:`analytic.meanfield`; nothing here computes mathematics. ``lang`` is "en" or "ja"
(the strings are in :mod:`analytic.i18n`; the gallery sets the packaged Japanese font).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..i18n import labels
from ...theory.identity_neuron import IdentityCurves
from ...theory.meanfield import PhaseDiagram
from ...theory.window import WindowCurve


def _labels(lang: str) -> dict[str, str]:
    return labels("theory.", lang)


def draw_window_width(fig: Figure, data: WindowCurve, lang: str = "en") -> None:
    """The window's width against |w|, with its maximum marked."""
    t = _labels(lang)
    ax = fig.add_subplot()
    ax.plot(data.abs_ws, data.widths, color="C0")
    best = data.widest
    ax.plot([best.argmax_abs_w], [best.max_width], "o", color="C3",
            label=t["widest"].format(w=best.argmax_abs_w, d=best.max_width))
    ax.axvline(4.0, color="0.6", linestyle=":", linewidth=1)
    ax.set(xlabel=t["abs_w"], ylabel=t["width"], title=t["window_title"])
    ax.set_ylim(0, best.max_width * 1.15)
    ax.legend(loc="upper right")


def draw_identity(fig: Figure, data: IdentityCurves, lang: str = "en") -> None:
    """The neuron's output (offset removed) against x, and its error, for several w₁."""
    t = _labels(lang)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    top.plot(data.xs, data.xs, color="black", linestyle="--", linewidth=1, label=t["target"])
    for i, (w, out) in enumerate(zip(data.w1s, data.outputs)):
        top.plot(data.xs, out, color=f"C{i}", label=f"w₁ = {w:g}")
        bottom.plot(data.xs, out - data.xs, color=f"C{i}")
    top.set(ylabel=t["output"], title=t["identity_title"])
    top.legend(loc="upper left")
    bottom.axhline(0.0, color="0.6", linewidth=1)
    bottom.set(xlabel=t["x"], ylabel=t["error"])


def draw_phase_diagram(fig: Figure, data: PhaseDiagram, lang: str = "en") -> None:
    """√χ₁ over (σ_w, σ_b) on a log colour scale centred at 1, with the χ₁ = 1 curve."""
    from matplotlib.colors import LogNorm

    t = _labels(lang)
    ax = fig.add_subplot()
    factor = np.sqrt(data.chi1)
    spread = max(float(np.max(factor)), 1 / float(np.min(factor)))
    mesh = ax.pcolormesh(data.sigma_ws, data.sigma_bs, factor, shading="nearest", cmap="RdBu_r",
                         norm=LogNorm(vmin=1 / spread, vmax=spread))
    fig.colorbar(mesh, ax=ax, label="√χ₁")
    ax.plot(data.edge_sigma_w, data.edge_sigma_b, color="black", linewidth=2, label=t["edge"])
    ax.set(xlabel=t["sigma_w"], ylabel=t["sigma_b"],
           title=t["phase_title"].format(act=data.activation))
    ax.set_xlim(data.sigma_ws.min(), data.sigma_ws.max())
    ax.set_ylim(data.sigma_bs.min(), data.sigma_bs.max())
    ax.text(0.03, 0.9, t["vanishing"], transform=ax.transAxes)
    ax.text(0.8, 0.1, t["exploding"], transform=ax.transAxes)
    ax.legend(loc="upper right")
