"""Figures of the chain network: the sigmoid's window, and the gradient product against depth.

- ``sigmoid_window``: |w σ′(wa)| against a for several w, the window where it is ≥ 1 shaded
  (:func:`analytic.theory.window.sampled_window`);
- ``gradient_product``: |∂C/∂b₁| / |∂C/∂b_(k+1)| against k: the sigmoid bound (1/4)^k, sampled
  bands per activation (:func:`analytic.chain.ratios.sample_product_bands`) and the exploding
  chain (:func:`analytic.theory.explosion.explosion_ratios`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, MaxNLocator

from ...chain.ratios import ProductBands, sample_product_bands
from ...core.activations import relu, sigmoid, tanh
from ...theory.explosion import explosion_ratios
from ...theory.window import SampledWindow, sampled_window
from .style import PALETTE, color

Text = Callable[..., str]

WINDOW_WEIGHTS = (2.0, 4.0, 6.0, 10.0, 20.0)


def window_data(weights: tuple[float, ...] = WINDOW_WEIGHTS) -> tuple[SampledWindow, ...]:
    return tuple(sampled_window(w) for w in weights)


def draw_window(fig: Figure, data: tuple[SampledWindow, ...], text: Text) -> None:
    ax = fig.subplots()
    for i, win in enumerate(data):
        if not win.intervals:
            label = text("legend.no_window", w=f"{win.w:g}")
        elif win.width == 0:
            label = text("legend.point_window", w=f"{win.w:g}", a=f"{win.intervals[0][0]:g}")
        else:
            label = text("legend.window", w=f"{win.w:g}", width=f"{win.width:.3f}")
        ax.plot(win.a, win.value, color=PALETTE[i], label=label)
        # shade only what rises above 1: the shaded base on the dotted line is the window
        ax.fill_between(win.a, 1.0, win.value, where=win.value >= 1.0, color=PALETTE[i],
                        alpha=0.25, linewidth=0)
    ax.axhline(1.0, color="black", linestyle=":", label=text("legend.factor_one"))
    ax.fill_between([], [], color="0.6", alpha=0.5, label=text("legend.window_shade"))
    ax.set_title(text("fig.window"))
    ax.set_xlabel(text("axis.a"))
    ax.set_ylabel(text("axis.window"))
    ax.legend(loc="upper right")


PRODUCT_DEPTH = 20
PRODUCT_SAMPLES = 2000
PRODUCT_SEED = 0
PRODUCT_ACTIVATIONS = (sigmoid(), tanh(), relu())
EXPLOSION_WEIGHT = 100.0


@dataclass(frozen=True)
class ProductData:
    """The sigmoid bound (max σ′)^k, sampled bands per activation, and the exploding chain."""

    k: np.ndarray
    bound: np.ndarray
    bands: tuple[ProductBands, ...]
    explosion: np.ndarray
    explosion_weight: float
    explosion_factor: float


def product_data(
    depth: int = PRODUCT_DEPTH, samples: int = PRODUCT_SAMPLES, seed: int = PRODUCT_SEED
) -> ProductData:
    k = np.arange(1, depth + 1)
    bands = tuple(sample_product_bands(phi, depth, samples, seed) for phi in PRODUCT_ACTIVATIONS)
    e = explosion_ratios(EXPLOSION_WEIGHT, depth)
    bound = sigmoid().peak_prime ** k.astype(float)
    return ProductData(k, bound, bands, e.backprop, EXPLOSION_WEIGHT, e.factor)


def product_size(data: ProductData) -> tuple[float, float]:
    return (6.5, 6.4)  # the legend goes below the axes, which keep the usual height


def _positive(y: np.ndarray) -> np.ndarray:
    # log axes cannot show 0: quantiles that are exactly 0 (dead ReLUs) are left out
    return np.where(y > 0, y, np.nan)


def _mark_zeros(ax, band: ProductBands, c: str, text: Text) -> None:
    """Triangles on the bottom edge where the 90 % quantile is exactly 0 (a log axis has no 0)."""
    k = band.k[band.p90 == 0]
    if k.size:
        ax.plot(k, np.zeros(k.size), "v", color=c, markersize=7, clip_on=False, zorder=5,
                transform=ax.get_xaxis_transform(),
                label=text("legend.p90_zero", name=band.activation, k=int(k[0])))


def draw_product(fig: Figure, data: ProductData, text: Text) -> None:
    ax = fig.subplots()
    ax.set_yscale("log")
    ax.plot(data.k, data.bound, color="black", linestyle="--", label=text("legend.bound"))
    for band in data.bands:
        c, name = color(band.activation), band.activation
        ax.fill_between(band.k, _positive(band.p10), _positive(band.p90), color=c, alpha=0.2)
        if np.any(band.median > 0):
            ax.plot(band.k, _positive(band.median), color=c, marker="o", markersize=3,
                    label=text("legend.band_median", name=name))
        if band.zero_fraction[0] > 0:
            ax.plot(band.k, _positive(band.p90), color=c, linestyle=":", linewidth=2.5,
                    marker="o", markersize=3,
                    label=text("legend.relu_zero", name=name,
                               percent=f"{100 * band.zero_fraction[0]:.0f} %"))
            _mark_zeros(ax, band, c, text)
    ax.plot(data.k, data.explosion, color=PALETTE[3], marker="s", markersize=3,
            label=text("legend.explosion", w=f"{data.explosion_weight:g}",
                       factor=f"{data.explosion_factor:g}"))
    ax.axhline(1.0, color="0.3", linewidth=1.0, linestyle=":", label=text("legend.ratio_one"))
    b = data.bands[0]
    ax.set_title(text("fig.product") + "\n" + text("note.samples", samples=b.samples, seed=b.seed))
    ax.set_xlabel(text("axis.depth"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    # a labelled tick every 3 decades keeps 10^0 (ratio = 1) labelled on a 50-decade axis
    ax.yaxis.set_major_locator(LogLocator(base=1000.0, numticks=40))
    ax.set_ylabel(text("axis.ratio"))
    # below the axes: inside, the legend would hide the exploding chain or the bands
    fig.legend(loc="outside lower center", fontsize="small",
               ncols=1)
