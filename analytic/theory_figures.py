"""Figures of the theory: each ``draw_*(fig, data, lang)`` draws plain data on a Figure.

The data come from :mod:`analytic.window`, :mod:`analytic.identity` and
:mod:`analytic.meanfield`; nothing here computes mathematics. ``lang`` is "en" or "ja"
(Japanese labels need a font with the glyphs, such as Noto Sans CJK).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .identity import IdentityCurves
from .meanfield import PhaseDiagram
from .window import WindowCurve

LABELS = {
    "en": {
        "abs_w": "|w|",
        "width": "width of the window in a",
        "window_title": "Where |w σ′(wa + b)| ≥ 1: the window's width",
        "widest": "widest: |w| = {w:.3f}, width = {d:.4f}",
        "x": "x",
        "output": "w₂σ(w₁x + b) − offset",
        "error": "error",
        "identity_title": "A sigmoid neuron as the identity on [0, 1]",
        "target": "y = x",
        "sigma_w": "σ_w",
        "sigma_b": "σ_b",
        "phase_title": "{act}: per-layer gradient factor √χ₁",
        "edge": "χ₁ = 1 (edge of chaos)",
        "vanishing": "vanishing",
        "exploding": "exploding",
    },
    "ja": {
        "abs_w": "|w|",
        "width": "a の窓の幅",
        "window_title": "|w σ′(wa + b)| ≥ 1 となる窓の幅",
        "widest": "最大: |w| = {w:.3f}, 幅 = {d:.4f}",
        "x": "x",
        "output": "w₂σ(w₁x + b) − オフセット",
        "error": "誤差",
        "identity_title": "シグモイドニューロンで [0, 1] 上の恒等写像",
        "target": "y = x",
        "sigma_w": "σ_w",
        "sigma_b": "σ_b",
        "phase_title": "{act}: 層ごとの勾配倍率 √χ₁",
        "edge": "χ₁ = 1(カオスの縁)",
        "vanishing": "消失",
        "exploding": "爆発",
    },
}


def _labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; choose from: {', '.join(LABELS)}")
    return LABELS[lang]


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
