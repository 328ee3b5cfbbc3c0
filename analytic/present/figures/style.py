"""How every figure looks and is stored: palette, paper and slides styles, fonts, sizes, bytes.

Files carry no timestamps or random ids, so the same figure gives byte-identical SVG and PDF
files (PNG files are identical for the same matplotlib and FreeType).
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from ..i18n import check_language

FORMATS = ("png", "svg", "pdf")
#: Dots per inch of every file (PNG pixels = inches x DPI).
DPI = 150
STYLES = ("paper", "slides")

# One palette for every figure (Okabe and Ito's, safe for colour-blind readers); an activation
# keeps its colour across figures.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999")
COLORS = {
    "sigmoid": PALETTE[0], "tanh": PALETTE[1], "relu": PALETTE[2], "leaky_relu": PALETTE[3],
    "prelu": PALETTE[3], "rrelu": PALETTE[4], "elu": PALETTE[4], "gelu": PALETTE[5],
    "silu": PALETTE[6], "softplus": PALETTE[7], "linear": PALETTE[6], "hard_tanh": PALETTE[5],
}


def color(spec: str, i: int = 0) -> str:
    """The colour of an activation (by its name), or the i-th of the palette."""
    return COLORS.get(spec.partition(":")[0], PALETTE[i % len(PALETTE)])


def check_style(style: str) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose from: {', '.join(STYLES)}")
    return style


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return fmt


def style_rc(style: str, lang: str) -> dict[str, Any]:
    """rcParams for a style and language: sizes, the font, and settings for identical files."""
    rc: dict[str, Any] = {
        "svg.hashsalt": "analytic",  # fixed ids in SVG files
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.grid": True,
        "grid.alpha": 0.3,
        "legend.framealpha": 0.9,
        "savefig.bbox": None,
        "figure.dpi": 100,
    }
    if check_style(style) == "slides":
        rc.update({"font.size": 18, "lines.linewidth": 3.5, "axes.titlesize": 20,
                   "axes.labelsize": 20, "legend.fontsize": 15})
    else:
        rc.update({"font.size": 10, "lines.linewidth": 1.8})
    japanese = check_language(lang) == "ja"
    rc["font.family"] = [japanese_font(), "DejaVu Sans"] if japanese else ["DejaVu Sans"]
    return rc


def japanese_font() -> str:
    """Register the packaged IPAexGothic (from matplotlib-fontja) and return its family name."""
    family = matplotlib.rcParams["font.family"]
    import matplotlib_fontja  # noqa: F401  - registers the font on import

    # the import also makes IPAexGothic the global default; keep that choice to style_rc
    matplotlib.rcParams["font.family"] = family
    return "IPAexGothic"


def figure_size(grid: tuple[int, int], style: str) -> tuple[float, float]:
    """Inches: 16:9 for slides; for paper, room for ``grid`` = (rows, columns) of panels."""
    if style == "slides":
        return (16.0, 9.0)
    rows, cols = grid
    return (5.0 * cols + 1.5, 3.6 * rows + 1.0)


_METADATA = {
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
    "png": {"Software": None},
}


def to_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as a file's bytes, without timestamps."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format=check_format(fmt), metadata=_METADATA[fmt], dpi=DPI)
    return buffer.getvalue()
