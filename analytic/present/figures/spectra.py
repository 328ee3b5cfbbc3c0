"""Figures of the Jacobian's singular values (:mod:`analytic.experiments.jacobian`).

``jacobian_spectra``: one panel per activation (rows) and weight ensemble (columns), the share
of singular values σ per bin of a logarithmic axis at a few depths, σ = 1 marked: orthogonal
weights keep the spectrum near 1 where Gaussian ones spread it over decades. The exact zeros
and the unresolved values (below the SVD's rounding level) are not drawn; their share is
written in the panel. ``jacobian_moments``: m₁ and σ²/m₁² against the depth, measured (mean
± standard error over the networks) over free probability's lines.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from ...experiments.jacobian import DepthSpectra, JacobianSpectra
from .experiments import layer_colors
from .style import color

Text = Callable[..., str]
#: The depths a spectra panel draws, when the run has them.
SHOWN_DEPTHS = (2, 8, 32, 64)
#: How far apart (in layers) the ensembles' points stand at one depth in the moments figure.
DODGE = 0.35
#: Bins per decade of σ.
BINS_PER_DECADE = 4


def shown_depths(data: JacobianSpectra) -> tuple[int, ...]:
    """:data:`SHOWN_DEPTHS` that the run has; otherwise up to four of its depths, the last
    included."""
    chosen = tuple(d for d in data.depths if d in SHOWN_DEPTHS)
    if chosen:
        return chosen
    depths = data.depths
    picks = np.unique(np.linspace(0, len(depths) - 1, min(4, len(depths))).round().astype(int))
    return tuple(depths[i] for i in picks)


def _edges(data: JacobianSpectra) -> np.ndarray:
    # one set of bins for every panel, whole decades around every drawn value
    drawn = [d.values[d.resolved] for e in data.ensembles for d in e.depths
             if d.depth in shown_depths(data)]
    values = np.concatenate(drawn) if drawn else np.array([1.0])
    lo = np.floor(np.log10(values.min())) if values.size else 0.0
    hi = np.ceil(np.log10(values.max())) if values.size else 1.0
    hi = max(hi, lo + 1)
    # σ = 1 in the middle of a bin, never on an edge (an orthogonal linear net's σ are all 1)
    half = 0.5 / BINS_PER_DECADE
    return 10.0 ** np.linspace(lo - half, hi + half, int(hi - lo) * BINS_PER_DECADE + 2)


def _shares(d: DepthSpectra, edges: np.ndarray) -> np.ndarray:
    counts, _ = np.histogram(d.values[d.resolved], bins=edges)
    return counts / d.values.size


def _weights_order(data: JacobianSpectra) -> list[str]:
    return list(dict.fromkeys(e.ensemble.weights for e in data.ensembles))


def _activation_order(data: JacobianSpectra) -> list[str]:
    return list(dict.fromkeys(e.ensemble.activation.spec for e in data.ensembles))


def _hidden_text(d: DepthSpectra, text: Text) -> str:
    # what the panel leaves out at its deepest depth: exact zeros, unresolved values
    parts = [text(f"jac.fig.{key}", share=f"{share:.1%}")
             for key, share in (("zero", d.zero_share), ("unresolved", d.unresolved_share))
             if share > 0]
    if not parts:
        return ""
    return text("jac.fig.hidden", depth=d.depth, parts=text("jac.fig.comma").join(parts))


def spectra_size(data: JacobianSpectra) -> tuple[float, float]:
    return (4.2 * len(_weights_order(data)) + 1.0, 2.2 * len(_activation_order(data)) + 1.6)


def draw_jacobian_spectra(fig: Figure, data: JacobianSpectra, text: Text) -> None:
    """Histograms of σ (log axis) per ensemble, a line per shown depth."""
    rows, cols = _activation_order(data), _weights_order(data)
    axes = np.asarray(fig.subplots(len(rows), len(cols), sharex=True, squeeze=False))
    depths = shown_depths(data)
    colors = dict(zip(depths, layer_colors(len(depths))))
    edges = _edges(data)
    for ax in axes.flat:
        ax.set_visible(False)
    for s in data.ensembles:
        e = s.ensemble
        ax = axes[rows.index(e.activation.spec), cols.index(e.weights)]
        ax.set_visible(True)
        for depth in depths:
            ax.stairs(_shares(s.at(depth), edges), edges, color=colors[depth],
                      label=text("jac.fig.depth", depth=depth))
        ax.axvline(1.0, color="0.3", linestyle=":", linewidth=1.2)
        ax.set_xscale("log")
        hidden = _hidden_text(s.at(depths[-1]), text)
        if hidden:
            ax.text(0.02, 0.95, hidden, transform=ax.transAxes, va="top", fontsize="small")
        ax.set_ylim(0, None)
        ax.set_title(text("jac.fig.panel", act=e.activation.label,
                          weights=text(f"jac.weights.{e.weights}"), law=e.scheme.law),
                     fontsize="medium")
    for ax in axes[-1]:
        ax.set_xlabel(text("jac.fig.sigma"))
    fig.supylabel(text("jac.fig.share"))  # once: a label per row overlaps its neighbours
    handles, labels = next(ax for ax in axes.flat if ax.get_visible()).get_legend_handles_labels()
    handles.append(Line2D([], [], color="0.3", linestyle=":", linewidth=1.2))
    labels.append(text("jac.fig.isometry"))
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    fig.suptitle(text("fig.jacobian_spectra", width=data.width), fontsize="x-large")


def moments_size(data: JacobianSpectra) -> tuple[float, float]:
    return (11.0, 5.0)


def draw_jacobian_moments(fig: Figure, data: JacobianSpectra, text: Text) -> None:
    """m₁ (log scale) and σ²/m₁² against the depth: points measured, lines predicted."""
    left, right = fig.subplots(1, 2)
    activations = _activation_order(data)
    depth_grid = np.arange(1, max(data.depths) + 1)
    for k, s in enumerate(data.ensembles):
        e = s.ensemble
        # the ensembles' points side by side at each depth, not on top of each other
        dodge = DODGE * (k - (len(data.ensembles) - 1) / 2)
        c = color(e.activation.spec, activations.index(e.activation.spec))
        style = {"gaussian": ("-", "o"), "orthogonal": ("--", "s")}[e.weights]
        label = text("jac.fig.legend", act=e.activation.label,
                     weights=text(f"jac.weights.{e.weights}"))
        predicted = [e.predicted(int(L)) for L in depth_grid]
        for ax, key, curve in ((left, "m1", [p.m1 for p in predicted]),
                               (right, "normalised_variance",
                                [p.normalised_variance for p in predicted])):
            points = [s.summaries(d)[key] for d in s.depths]
            ax.plot(depth_grid, curve, color=c, linestyle=style[0], linewidth=1.2)
            shown = [(d, p) for d, p in zip(data.depths, points) if p.mean is not None]
            ax.errorbar([d + dodge for d, _ in shown], [p.mean for _, p in shown],
                        yerr=[p.se or 0.0 for _, p in shown], color=c, marker=style[1],
                        linestyle="none", label=label, capsize=2)
    left.set_yscale("log")
    # plain numbers on the log axis: m₁ stays within a factor of a few of 1 at criticality
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    left.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    left.set_ylabel(text("jac.col.m1"))
    right.set_ylabel(text("jac.fig.nvar"))
    for ax in (left, right):
        ax.set_xlabel(text("jac.fig.L"))
    handles, labels = right.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 4),
               title=text("jac.fig.measured", networks=data.networks))
    fig.suptitle(text("fig.jacobian_moments"), fontsize="x-large")
