"""The teaching figures: one registry entry per figure, drawn from the data in :mod:`curves`.

A :class:`FigureSpec` is (compute -> plain data, draw(fig, data, text) -> None, title key).
Adding a figure is one entry in :data:`FIGURES`. This is the only module that imports
matplotlib; files are written to a temporary name and renamed, with no timestamps or random
ids, so the same command writes byte-identical SVG and PDF files.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from . import activation_curves as curves
from ...core.activations import get_activation
from ..output import write_atomic
from ..i18n import check_language, tr

FORMATS = ("png", "svg", "pdf")
STYLES = ("paper", "slides")

Text = Callable[..., str]  # key, **fields -> the string in the figure's language

# One palette for every figure (Okabe and Ito's, safe for colour-blind readers); an activation
# keeps its colour across figures.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999")
COLORS = {
    "sigmoid": PALETTE[0], "tanh": PALETTE[1], "relu": PALETTE[2], "leaky_relu": PALETTE[3],
    "prelu": PALETTE[3], "rrelu": PALETTE[4], "elu": PALETTE[4], "gelu": PALETTE[5],
    "silu": PALETTE[6], "softplus": PALETTE[7],
}


@dataclass(frozen=True)
class FigureSpec:
    """compute() -> data; draw(fig, data, text) fills the figure; title is an i18n key."""

    compute: Callable[[], Any]
    draw: Callable[[Figure, Any, Text], None]
    title: str
    grid: tuple[int, int] = (1, 1)  # panel rows and columns, for the paper size
    # the experiments' and theory's draw(fig, data, lang) take the language code, not text()
    takes_lang: bool = False


# --- drawing helpers -----------------------------------------------------------------------------
def _mathtext(spec: str, prime: bool = False) -> str:
    """phi(z) or phi'(z) as matplotlib mathtext (which has no \\operatorname)."""
    latex = get_activation(spec).latex.replace(r"\operatorname", r"\mathrm")
    return f"${latex}{chr(39) if prime else ''}(z)$"


def _color(name: str, i: int = 0) -> str:
    return COLORS.get(name.partition(":")[0], PALETTE[i % len(PALETTE)])


def _draw_panel(ax, panel: curves.Panel, text: Text) -> None:
    for i, c in enumerate(panel.curves):
        # curves with their own label (PReLU's values of a) take one palette colour each and
        # leave their derivative out of the legend; a legend entry explains the dashes instead
        color = _color(c.spec, i) if c.label is None else PALETTE[i % len(PALETTE)]
        f_label = _mathtext(c.spec) if c.label is None else c.label
        prime_label = _mathtext(c.spec, prime=True) if c.label is None else "_nolegend_"
        if panel.show_f:
            ax.plot(c.z, c.f, color=color, label=f_label)
        if panel.show_prime:
            ax.plot(c.z, c.prime, color=color, linestyle="--" if panel.show_f else "-",
                    label=prime_label)
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


def _mark_peak(ax, c: curves.Curve, text: Text) -> None:
    z, value = c.peak
    ax.plot([z], [value], "o", color="black", zorder=5,
            label=text("legend.peak", value=f"{value:g}", z=f"{z:g}"))
    ax.annotate(f"{value:g}", (z, value), textcoords="offset points", xytext=(8, 6))
    ax.margins(y=0.1)  # room for the label above the peak


def _panels(fig: Figure, data: curves.Panels, text: Text, cols: int = 1) -> list:
    rows = -(-len(data.panels) // cols)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, panel in zip(axes, data.panels):
        _draw_panel(ax, panel, text)
    return list(axes)


# --- the figures ---------------------------------------------------------------------------------
def draw_sigmoid(fig: Figure, data: curves.Panels, text: Text) -> None:
    (ax,) = _panels(fig, data, text)
    _mark_peak(ax, data.panels[0].curves[0], text)
    ax.set_ylabel(text("axis.value"))
    ax.legend(loc="upper left")


def draw_tanh(fig: Figure, data: curves.Panels, text: Text) -> None:
    left, right = _panels(fig, data, text, cols=2)
    _mark_peak(left, data.panels[0].curves[0], text)
    for c in data.panels[1].curves:
        _mark_peak(right, c, text)
    left.set_ylabel(text("axis.value"))
    left.legend(loc="upper left")
    right.legend(loc="upper left")


def draw_relu(fig: Figure, data: curves.Panels, text: Text) -> None:
    axes = _panels(fig, data, text, cols=2)
    axes[2].legend(loc="upper left", ncols=2)


def draw_modern(fig: Figure, data: curves.Panels, text: Text) -> None:
    _panels(fig, data, text, cols=2)


def draw_derivatives(fig: Figure, data: curves.Panels, text: Text) -> None:
    (ax,) = _panels(fig, data, text)
    for c in data.panels[0].curves:  # the derivatives that exceed 1 somewhere
        z, value = c.peak
        if value > 1.0:
            ax.plot([z], [value], "o", color=_color(c.spec), zorder=5)
            ax.annotate(f"{value:.3f}", (z, value), textcoords="offset points", xytext=(4, 6))
    ax.margins(y=0.1)
    ax.axhline(1.0, color="0.3", linestyle=":", label=text("legend.one"))
    ax.set_ylabel(text("axis.derivative"))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))


def draw_window(fig: Figure, data: tuple[curves.Window, ...], text: Text) -> None:
    ax = fig.subplots()
    for i, win in enumerate(data):
        if not win.intervals:
            label = text("legend.no_window", w=f"{win.w:g}")
        elif win.width == 0:
            label = text("legend.point_window", w=f"{win.w:g}", a=f"{win.intervals[0][0]:g}")
        else:
            label = text("legend.window", w=f"{win.w:g}", width=f"{win.width:.3f}")
        ax.plot(win.a, win.value, color=PALETTE[i], label=label)
        ax.fill_between(win.a, 0, win.value, where=win.value >= 1.0, color=PALETTE[i], alpha=0.3)
    ax.axhline(1.0, color="black", linestyle=":", label=text("legend.one"))
    ax.set_title(text("fig.window"))
    ax.set_xlabel(text("axis.a"))
    ax.set_ylabel(text("axis.window"))
    ax.legend(loc="upper right")


def draw_product(fig: Figure, data: curves.ProductData, text: Text) -> None:
    ax = fig.subplots()
    ax.set_yscale("log")
    ax.plot(data.k, data.bound, color="black", linestyle="--", label=text("legend.bound"))
    for band in data.bands:
        color, name = _color(band.activation), band.activation
        # log axes cannot show 0: quantiles that are exactly 0 (dead ReLUs) are left out
        positive = lambda y: np.where(y > 0, y, np.nan)
        ax.fill_between(band.k, positive(band.p10), positive(band.p90), color=color, alpha=0.2)
        if np.any(band.median > 0):
            ax.plot(band.k, positive(band.median), color=color, marker="o", markersize=3,
                    label=text("legend.band_median", name=name))
        if band.zero_fraction[0] > 0:
            ax.plot(band.k, positive(band.p90), color=color, linestyle=":",
                    label=text("legend.relu_zero", name=name,
                               percent=f"{100 * band.zero_fraction[0]:.0f} %"))
    factor = f"{data.explosion_weight / 4:g}"
    ax.plot(data.k, data.explosion, color=PALETTE[3], marker="s", markersize=3,
            label=text("legend.explosion", w=f"{data.explosion_weight:g}", factor=factor))
    ax.axhline(1.0, color="0.6", linewidth=0.8, zorder=0)
    b = data.bands[0]
    ax.set_title(text("fig.product") + "\n" + text("note.samples", samples=b.samples, seed=b.seed))
    ax.set_xlabel(text("axis.depth"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(text("axis.ratio"))
    ax.legend(loc="upper left", fontsize="small")


#: The registry: figure name (= file name) -> spec. Adding a figure is one entry here.
FIGURES: dict[str, FigureSpec] = {
    "sigmoid_derivative": FigureSpec(curves.sigmoid_data, draw_sigmoid, "fig.sigmoid"),
    "tanh_derivative": FigureSpec(curves.tanh_data, draw_tanh, "fig.tanh", (1, 2)),
    "relu_family": FigureSpec(curves.relu_data, draw_relu, "fig.relu", (2, 2)),
    "modern_activations": FigureSpec(curves.modern_data, draw_modern, "fig.modern", (2, 2)),
    "derivative_comparison": FigureSpec(
        curves.derivatives_data, draw_derivatives, "fig.derivatives"
    ),
    "sigmoid_window": FigureSpec(curves.window_data, draw_window, "fig.window"),
    "gradient_product": FigureSpec(curves.product_data, draw_product, "fig.product", (1, 1)),
    "neuron_bars": FigureSpec(
        lambda: _experiments().neuron_bars(_data().default_training_images()),
        lambda fig, data, lang: _experiment_figures().draw_neuron_bars(fig, data, lang),
        "fig.neuron_bars", (1, 2), takes_lang=True,
    ),
    "window_width": FigureSpec(
        lambda: _theory("window").window_curve(),
        lambda fig, data, lang: _theory_figures().draw_window_width(fig, data, lang),
        "fig.window_width", takes_lang=True,
    ),
    "identity_neuron": FigureSpec(
        lambda: _theory("identity_neuron").identity_curves(),
        lambda fig, data, lang: _theory_figures().draw_identity(fig, data, lang),
        "fig.identity_neuron", takes_lang=True,
    ),
    "tanh_phase_diagram": FigureSpec(
        lambda: _theory("meanfield").phase_diagram(),
        lambda fig, data, lang: _theory_figures().draw_phase_diagram(fig, data, lang),
        "fig.tanh_phase_diagram", takes_lang=True,
    ),
}


# the experiments' and theory's modules load only when their figures are drawn
def _experiments():
    return import_module("analytic.experiments.speeds")


def _data():
    return import_module("analytic.experiments.mnist")


def _experiment_figures():
    return import_module("analytic.present.figures.experiments")


def _theory(name: str):
    return import_module(f"analytic.theory.{name}")


def _theory_figures():
    return import_module("analytic.present.figures.theory")


# --- style and files -----------------------------------------------------------------------------
def style_rc(style: str, lang: str) -> dict[str, Any]:
    """rcParams for a style and language: sizes, the font, and settings for identical files."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose from: {', '.join(STYLES)}")
    rc: dict[str, Any] = {
        "svg.hashsalt": "analytic",  # fixed ids in SVG files
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "legend.framealpha": 0.9,
        "savefig.bbox": None,
    }
    if style == "slides":
        rc.update({"font.size": 18, "lines.linewidth": 3.5, "axes.titlesize": 20,
                   "axes.labelsize": 20, "legend.fontsize": 15, "figure.dpi": 100})
    else:
        rc.update({"font.size": 10, "lines.linewidth": 1.8, "figure.dpi": 100})
    if check_language(lang) == "ja":
        rc["font.family"] = [japanese_font(), "DejaVu Sans"]
    else:
        rc["font.family"] = ["DejaVu Sans"]
    return rc


def japanese_font() -> str:
    """Register the packaged IPAexGothic (from matplotlib-fontja) and return its family name."""
    family = matplotlib.rcParams["font.family"]
    import matplotlib_fontja  # noqa: F401  - registers the font on import

    # the import also makes IPAexGothic the global default; keep that choice to style_rc
    matplotlib.rcParams["font.family"] = family
    return "IPAexGothic"


def figure_size(spec: FigureSpec, style: str) -> tuple[float, float]:
    if style == "slides":
        return (16.0, 9.0)  # 16:9
    rows, cols = spec.grid
    return (5.0 * cols + 1.5, 3.6 * rows + 1.0)


_METADATA = {
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
    "png": {"Software": None},
}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return fmt


def check_names(names: Iterable[str] | None) -> list[str]:
    """The figure names to render, in registry order; all when ``names`` is empty."""
    names = list(names or [])
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise ValueError(
            f"unknown figure {unknown[0]!r}; choose from: {', '.join(FIGURES)}"
        )
    return [n for n in FIGURES if n in names] if names else list(FIGURES)


def output_dir(out: str | os.PathLike) -> Path:
    """The directory to write into, created if only it is missing (not its parents)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is not a directory")
    if not out.exists():
        if not out.parent.is_dir():
            raise ValueError(f"--out {out}: the parent directory {out.parent} does not exist")
        try:
            out.mkdir()
        except OSError as e:
            raise ValueError(f"--out {out}: cannot create it ({e.strerror})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ValueError(f"--out {out} is not writable")
    return out


def build_figure(name: str, lang: str = "en", style: str = "paper", data: Any = None) -> Figure:
    """The matplotlib Figure for ``name`` (the data is computed unless it is passed in)."""
    spec = FIGURES[check_names([name])[0]]
    data = spec.compute() if data is None else data
    fig = Figure(figsize=figure_size(spec, style), layout="constrained")
    text = lambda key, **fields: tr(key, lang, **fields)
    spec.draw(fig, data, lang if spec.takes_lang else text)
    if len(fig.axes) > 1 or spec.grid != (1, 1):
        fig.suptitle(text(spec.title), fontsize="x-large")
    elif not fig.axes[0].get_title():
        fig.axes[0].set_title(text(spec.title))
    return fig


def save(fig: Figure, path: Path, fmt: str) -> Path:
    """Write the figure to ``path`` through a temporary file and a rename."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt], dpi=150)
    return write_atomic(path, buffer.getvalue())


def figure_bytes(
    draw: Callable[[Figure, Any, str], Any], data: Any, lang: str, fmt: str,
    size: tuple[float, float],
) -> bytes:
    """One figure drawn by ``draw(fig, data, lang)`` as file bytes, in the gallery's style."""
    check_format(fmt)
    with matplotlib.rc_context(style_rc("paper", lang)):
        fig = Figure(figsize=size, layout="constrained")
        draw(fig, data, lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt], dpi=150)
    return buffer.getvalue()


def render_figure(
    name: str, out_dir: str | os.PathLike = "figures", fmt: str = "png", lang: str = "en",
    style: str = "paper",
) -> Path:
    """Compute, draw and write one figure; returns the path written (``out_dir/name.fmt``)."""
    fmt, rc = check_format(fmt), style_rc(style, lang)
    out = output_dir(out_dir)
    with matplotlib.rc_context(rc):
        fig = build_figure(name, lang, style)
        return save(fig, out / f"{name}.{fmt}", fmt)


def render_all(
    out_dir: str | os.PathLike = "figures", fmt: str = "png", lang: str = "en",
    style: str = "paper", only: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Render every figure (or those in ``only``); ``progress(name)`` is called before each."""
    names = check_names(only)
    check_format(fmt)
    style_rc(style, lang)  # validate before writing anything
    output_dir(out_dir)
    paths = []
    for name in names:
        if progress is not None:
            progress(name)
        paths.append(render_figure(name, out_dir, fmt, lang, style))
    return paths
