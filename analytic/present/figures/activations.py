"""Figures of the activation functions: each φ and φ′, sampled from the registered activations.

The ``*_data`` functions return plain curves (tested as numbers); the ``draw_*`` functions draw
them with ``draw(fig, data, text)``, where ``text(key, **fields)`` gives a string in the
figure's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from ...core.activations import (
    Activation,
    elu,
    gelu,
    leaky_relu,
    prelu,
    relu,
    rrelu,
    sigmoid,
    silu,
    softplus,
    tanh,
)
from .style import PALETTE, color

Array = np.ndarray
Text = Callable[..., str]

#: The z axis: [-6, 6] in steps of 0.01, so z = 0 is a grid point.
Z_RANGE = (-6.0, 6.0)
Z_POINTS = 1201


def z_grid(lo: float = Z_RANGE[0], hi: float = Z_RANGE[1], n: int = Z_POINTS) -> Array:
    return np.linspace(lo, hi, n)


@dataclass(frozen=True)
class Curve:
    """φ and φ′ of one activation sampled on z; ``label`` overrides its name."""

    activation: Activation
    label: str | None
    z: Array
    f: Array
    prime: Array

    @property
    def spec(self) -> str:
        return self.activation.spec

    @property
    def peak(self) -> tuple[float, float]:
        """(z, φ′(z)) at the largest plotted φ′ (the first such z)."""
        i = int(np.argmax(self.prime))
        return float(self.z[i]), float(self.prime[i])


def curve(activation: Activation, z: Array | None = None, label: str | None = None) -> Curve:
    """Sample an activation and its derivative."""
    z = z_grid() if z is None else z
    return Curve(activation, label, z, activation.f(z), activation.prime(z))


@dataclass(frozen=True)
class Panel:
    """One set of axes: curves drawn as φ (solid) and φ′ (dashed), plus an optional band."""

    title: str
    curves: tuple[Curve, ...]
    band: tuple[Array, Array, Array] | None = None  # (z, lower slope line, upper slope line)
    show_f: bool = True
    show_prime: bool = True


@dataclass(frozen=True)
class Panels:
    panels: tuple[Panel, ...]


# --- data ----------------------------------------------------------------------------------------
def sigmoid_data() -> Panels:
    return Panels((Panel("sigmoid", (curve(sigmoid()),)),))


def tanh_data() -> Panels:
    t, sigma = curve(tanh()), curve(sigmoid())
    return Panels((Panel("tanh", (t,)), Panel("tanh_vs_sigmoid", (t, sigma), show_f=False)))


#: The Leaky ReLU drawn: its default slope 0.01 would be invisible at this scale, so the figure
#: uses 0.1 and says so in its panel title.
LEAKY_SLOPE = 0.1
PRELU_SLOPES = (0.0, 0.1, 0.25, 0.5)


def relu_data() -> Panels:
    randomized = rrelu()
    z = z_grid()
    lower, upper = randomized.slope_band
    band = (z, np.where(z > 0, z, lower * z), np.where(z > 0, z, upper * z))
    prelus = tuple(curve(prelu(a), label=f"a = {a:g}") for a in PRELU_SLOPES)
    return Panels((
        Panel("relu", (curve(relu()),)),
        Panel("leaky_relu", (curve(leaky_relu(LEAKY_SLOPE)),)),
        Panel("prelu", prelus),
        Panel("rrelu", (curve(randomized),), band=band),
    ))


MODERN = (elu(), gelu(), silu(), softplus())


def modern_data() -> Panels:
    return Panels(tuple(Panel(phi.name, (curve(phi),)) for phi in MODERN))


#: The activations compared side by side.
COMPARED = (sigmoid(), tanh(), relu(), leaky_relu(LEAKY_SLOPE), elu(), gelu(), silu(),
            softplus())


def derivatives_data() -> Panels:
    return Panels((Panel("derivatives", tuple(curve(phi) for phi in COMPARED), show_f=False),))


# --- drawing -------------------------------------------------------------------------------------
def mathtext(phi: Activation, prime: bool = False) -> str:
    """φ(z) or φ′(z) as matplotlib mathtext.

    Mathtext has no \\operatorname, and sets a thin space after a named function such as
    \\tanh, which would push the prime away from it; upright text has neither problem.
    """
    latex = phi.latex.replace(r"\operatorname", r"\mathrm")
    latex = re.sub(r"^\\(tanh)$", r"\\mathrm{\1}", latex)
    return f"${latex}{chr(39) if prime else ''}(z)$"


def _draw_panel(ax, panel: Panel, text: Text) -> None:
    for i, c in enumerate(panel.curves):
        # curves with their own label (PReLU's values of a) take one palette colour each and
        # leave their derivative out of the legend; a legend entry explains the dashes instead
        own = c.label is not None
        colour = PALETTE[i % len(PALETTE)] if own else color(c.spec, i)
        if panel.show_f:
            ax.plot(c.z, c.f, color=colour, label=c.label if own else mathtext(c.activation))
        if panel.show_prime:
            ax.plot(c.z, c.prime, color=colour, linestyle="--" if panel.show_f else "-",
                    label="_nolegend_" if own else mathtext(c.activation, prime=True))
    if panel.show_prime and any(c.label is not None for c in panel.curves):
        ax.plot([], [], color="0.4", linestyle="--", label=text("legend.dashed"))
    if panel.band is not None:
        z, lower, upper = panel.band
        ax.fill_between(z, lower, upper, color=PALETTE[4], alpha=0.3, label=text("legend.band"))
    ax.axhline(0, color="0.6", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    ax.set_title(text(f"panel.{panel.title}"))
    ax.set_xlabel(text("axis.z"))
    ax.legend(loc="upper left")


def _mark_peak(ax, c: Curve, text: Text) -> None:
    z, value = c.peak
    ax.plot([z], [value], "o", color=color(c.spec), markeredgecolor="black", zorder=5,
            label=text("legend.peak", value=f"{value:g}", z=f"{z:g}"))
    ax.annotate(f"{value:g}", (z, value), textcoords="offset points", xytext=(8, 6))
    ax.margins(y=0.1)  # room for the label above the peak


def _panels(fig: Figure, data: Panels, text: Text, cols: int = 1) -> list:
    rows = -(-len(data.panels) // cols)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, panel in zip(axes, data.panels):
        _draw_panel(ax, panel, text)
    return list(axes)


def draw_sigmoid(fig: Figure, data: Panels, text: Text) -> None:
    (ax,) = _panels(fig, data, text)
    _mark_peak(ax, data.panels[0].curves[0], text)
    ax.set_ylabel(text("axis.value"))
    ax.legend(loc="upper left")


def draw_tanh(fig: Figure, data: Panels, text: Text) -> None:
    left, right = _panels(fig, data, text, cols=2)
    _mark_peak(left, data.panels[0].curves[0], text)
    for c in data.panels[1].curves:
        _mark_peak(right, c, text)
    left.set_ylabel(text("axis.value"))
    left.legend(loc="upper left")
    right.legend(loc="upper left")


def draw_relu(fig: Figure, data: Panels, text: Text) -> None:
    axes = _panels(fig, data, text, cols=2)
    axes[2].legend(loc="upper left", ncols=2)


def draw_modern(fig: Figure, data: Panels, text: Text) -> None:
    _panels(fig, data, text, cols=2)


def draw_derivatives(fig: Figure, data: Panels, text: Text) -> None:
    (ax,) = _panels(fig, data, text)
    peaks = sorted((c.peak, c.spec) for c in data.panels[0].curves if c.peak[1] > 1.0)
    for i, ((z, value), spec) in enumerate(peaks):  # the derivatives that exceed 1 somewhere
        ax.plot([z], [value], "o", color=color(spec), markeredgecolor="black", zorder=5)
        # peaks close together: every label but the rightmost goes to the left of its point
        last = i == len(peaks) - 1
        ax.annotate(f"{value:.3f}", (z, value), textcoords="offset points",
                    xytext=(6 if last else -6, 6), ha="left" if last else "right")
    ax.margins(y=0.1)
    ax.axhline(1.0, color="0.3", linestyle=":", label=text("legend.one"))
    ax.set_ylabel(text("axis.derivative"))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))
