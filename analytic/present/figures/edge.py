"""Figures of the edge of chaos: the depth scales ξ_c and ξ_q against σ_w² with the order–chaos
line, and the trainability map with the theory's ξ_c and 6ξ_c over it.

The data come from :mod:`analytic.experiments.depth_scale` and
:mod:`analytic.experiments.trainability`; nothing here computes mathematics.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure

from ...experiments.depth_scale import DepthScaleRun
from ...experiments.trainability import Trainability
from .style import PALETTE

Text = Callable[..., str]


def draw_depth_scale(fig: Figure, data: DepthScaleRun, text: Text) -> None:
    """ξ_c and ξ_q against σ_w² (log scale; ξ_c diverges at the line), and the line itself in
    the (σ_w², σ_b²) plane."""
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    curve = data.curve
    sw2 = curve.sigma_w2s
    for name, color, label in (("xi_c", PALETTE[0], "$\\xi_c$"), ("xi_q", PALETTE[1], "$\\xi_q$")):
        values = curve.values(name)
        left.plot(sw2, np.where(np.isfinite(values), values, np.nan), color=color, label=label)
    if np.isfinite(curve.critical):
        left.axvline(curve.critical, color="0.3", linestyle="--", linewidth=1.2,
                     label=text("depth.fig.line"))
    left.set_yscale("log")
    left.set(xlabel="$\\sigma_w^2$", ylabel=text("depth.fig.scale"))
    fig.suptitle(text("depth.fig.title", act=curve.activation, sb2=f"{curve.sigma_b2:g}"),
                 fontsize="x-large")
    left.legend(loc="upper right")
    keep = np.isfinite(data.line_sigma_w2)
    right.plot(data.line_sigma_w2[keep], data.line_sigma_b2[keep], "o-", color="black")
    right.set(xlabel="$\\sigma_w^2$", ylabel="$\\sigma_b^2$", title=text("depth.fig.phases"))
    right.set_xlim(0, max(4.0, float(np.nanmax(data.line_sigma_w2, initial=1.0)) * 1.15))
    right.set_ylim(0, float(data.line_sigma_b2.max()) * 1.05)
    right.text(0.05, 0.9, text("depth.fig.ordered"), transform=right.transAxes)
    right.text(0.7, 0.1, text("depth.fig.chaotic"), transform=right.transAxes)


def depth_scale_size(data: DepthScaleRun) -> tuple[float, float]:
    return (9.0, 4.0)


def draw_trainability(fig: Figure, data: Trainability, text: Text) -> None:
    """Mean accuracy over (σ_w², depth), with ξ_c and 6ξ_c of the theory over it."""
    ax = fig.add_subplot()
    sw2, depths = np.array(data.sigma_w2s), np.array(data.depths)
    mesh = ax.pcolormesh(sw2, depths, data.mean, shading="nearest", cmap="viridis", vmin=0.1,
                         vmax=1.0)
    fig.colorbar(mesh, ax=ax, label=text("train_map.fig.accuracy"))
    theory = data.theory
    xi = theory.values("xi_c")
    xi = np.where(np.isfinite(xi), xi, depths.max() * 100)  # a diverging scale runs off the top
    ax.plot(theory.sigma_w2s, xi, color="white", linestyle="--", linewidth=1.5,
            label="$\\xi_c$")
    ax.plot(theory.sigma_w2s, 6 * xi, color="white", linewidth=2.2, label="$6\\xi_c$")
    ax.set_ylim(depths.min() - 0.5 * (depths[1] - depths[0] if len(depths) > 1 else 1),
                depths.max() + 0.5 * (depths[-1] - depths[-2] if len(depths) > 1 else 1))
    ax.set_xlim(sw2.min() - 0.5 * (sw2[1] - sw2[0] if len(sw2) > 1 else 0.1),
                sw2.max() + 0.5 * (sw2[-1] - sw2[-2] if len(sw2) > 1 else 0.1))
    ax.set(xlabel="$\\sigma_w^2$", ylabel=text("train_map.fig.depth"),
           title=text("train_map.fig.title", act=data.recipe.activation.label,
                      sb2=f"{data.sigma_b2:g}", steps=f"{data.steps:,}"))
    ax.grid(False)
    ax.legend(loc="upper right", facecolor="0.3", labelcolor="white")
