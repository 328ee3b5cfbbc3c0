"""A figure as plain data: what a reader sees in it, without the pixels.

:func:`describe` turns a built matplotlib Figure into a JSON-ready dict: the figure's size and
title, and for every set of axes its title, axis labels, scales, limits, legend, the tick labels
the code chose, its texts, and a summary of every plotted line, filled area, colour mesh and bar.
Two figures with the same description show the same thing. A new matplotlib that draws the same
data with other anti-aliasing or glyph hinting gives the same description, where a comparison of
pixels would fail for reasons no reader could see.

Plotted coordinates are described in their axis' scale: on a log axis, log10 of the values
(to 12 decimals), as a reader sees them placed. A summary of numbers is their count, how many
are not finite, and the min, max, mean absolute value, first and last of the finite ones, each
rounded to ``DIGITS`` significant digits (the mean of |x|, not of x: a mean of values that
cancel keeps only rounding noise). :func:`differences` compares two descriptions: texts and
counts exactly, every other number to within a tolerance relative to the largest number beside
it (in the same summary, the same pair of limits), so that values near 0 left by cancellation
compare as what they are, small.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.collections import Collection, QuadMesh
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

#: Significant digits kept of every number.
DIGITS = 8


def rounded(x: float) -> float | None:
    """``x`` to ``DIGITS`` significant digits; None for nan (JSON has no nan)."""
    x = float(x)
    return None if math.isnan(x) else float(f"{x:.{DIGITS}g}")


def summary(values: Any) -> dict[str, Any]:
    """Count, non-finite count, and min, max, mean |x|, first and last of the finite values.

    >>> summary([-3.0, float("nan"), 1.0, 2.0])
    {'n': 4, 'not_finite': 1, 'min': -3.0, 'max': 2.0, 'mean_abs': 2.0, 'first': -3.0, 'last': 2.0}
    """
    v = np.ma.filled(np.ma.masked_invalid(np.asarray(values, dtype=float)), np.nan).ravel()
    finite = v[np.isfinite(v)]
    out: dict[str, Any] = {"n": int(v.size), "not_finite": int(v.size - finite.size)}
    if finite.size:
        stats = (finite.min(), finite.max(), np.abs(finite).mean(), finite[0], finite[-1])
        out.update(zip(("min", "max", "mean_abs", "first", "last"), map(rounded, stats)))
    return out


def _label(artist: Any) -> str | None:
    label = artist.get_label()
    return None if not label or label.startswith("_") else label


def _placed(values: Any, scale: str) -> Any:
    """Values as the axis places them: log10 on a log axis (0 and below are not finite), to 12
    decimals of a decade: a value 1 up to rounding is placed at 0 on every platform, not at
    ±3·10⁻¹⁵ with a sign of the platform's summation."""
    values = np.asarray(values, dtype=float)
    if scale != "log":
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.round(np.log10(values), 12)


def _line(line: Line2D, xscale: str, yscale: str) -> dict[str, Any]:
    x, y = line.get_data()
    return {"label": _label(line), "color": to_hex(line.get_color()),
            "linestyle": line.get_linestyle(), "marker": str(line.get_marker()),
            "x": summary(_placed(x, xscale)), "y": summary(_placed(y, yscale))}


def _collection(c: Collection, xscale: str, yscale: str) -> dict[str, Any]:
    if isinstance(c, QuadMesh):  # a colour map: its values, colour map and norm
        norm = c.norm
        limits = (norm.vmin, getattr(norm, "vcenter", math.nan), norm.vmax)
        return {"kind": "mesh", "label": _label(c), "values": summary(c.get_array()),
                "cmap": c.get_cmap().name, "norm": [rounded(v) for v in limits]}
    # a filled area: the distinct corners of its polygons (how matplotlib closes a polygon,
    # repeating a corner or not, is its own business)
    vertices = [p.vertices for p in c.get_paths() if len(p.vertices)]
    corners = np.unique(np.concatenate(vertices), axis=0) if vertices else np.empty((0, 2))
    faces = c.get_facecolor()
    return {"kind": "area", "label": _label(c), "x": summary(_placed(corners[:, 0], xscale)),
            "y": summary(_placed(corners[:, 1], yscale)),
            "color": to_hex(faces[0], keep_alpha=True) if len(faces) else None}


def _bars(ax: Axes) -> dict[str, Any] | None:
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    if not bars:
        return None
    return {"n": len(bars), "width": summary([b.get_width() for b in bars]),
            "height": summary([b.get_height() for b in bars]),
            "x": summary([b.get_x() for b in bars]), "y": summary([b.get_y() for b in bars]),
            "colors": sorted({to_hex(b.get_facecolor()) for b in bars})}


def _ticks(axis: Axis, limits: tuple[float, float]) -> list[str] | None:
    """The tick labels, where the code chose the ticks (a reader reads them as data)."""
    if getattr(axis, "isDefault_majloc", True):
        return None  # matplotlib's own choice of ticks: a reader sees the scale, not data
    lo, hi = sorted(limits)
    locs = [t for t in axis.get_majorticklocs() if lo <= t <= hi]
    # \\mathdefault{...} only tells mathtext to use the regular font: the reader sees what is in it
    return [re.sub(r"\\mathdefault\{(.*)\}", r"\1", str(label))
            for label in axis.get_major_formatter().format_ticks(locs)]


def _legend_texts(legend: Any) -> list[str]:
    return [t.get_text() for t in legend.get_texts()] if legend is not None else []


def _axes(ax: Axes) -> dict[str, Any]:
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    if ax.get_label() == "<colorbar>":  # how matplotlib draws the colour strip is its own
        return {"colorbar": ax.get_ylabel() or ax.get_xlabel(),
                "ticks": _ticks(ax.yaxis, ylim) or _ticks(ax.xaxis, xlim),
                "limits": [rounded(v) for v in ylim]}
    xscale, yscale = ax.get_xscale(), ax.get_yscale()
    return {
        "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
        "xscale": xscale, "yscale": yscale,
        "xlim": [rounded(v) for v in _placed(xlim, xscale)],
        "ylim": [rounded(v) for v in _placed(ylim, yscale)],
        "xticks": _ticks(ax.xaxis, xlim), "yticks": _ticks(ax.yaxis, ylim),
        "legend": _legend_texts(ax.get_legend()),
        "texts": [t.get_text() for t in ax.texts],
        "lines": [_line(line, xscale, yscale) for line in ax.lines],
        "collections": [_collection(c, xscale, yscale) for c in ax.collections],
        "bars": _bars(ax),
    }


def describe(fig: Figure) -> dict[str, Any]:
    """The figure as plain data: size in inches, title, figure legends, and every axes."""
    width, height = fig.get_size_inches()
    return {
        "size": [rounded(width), rounded(height)],
        "suptitle": fig.get_suptitle(),
        "legends": [_legend_texts(legend) for legend in fig.legends],
        "axes": [_axes(ax) for ax in fig.axes],
    }


def _largest(values: Any) -> float:
    return max((abs(v) for v in values if isinstance(v, float)), default=0.0)


def differences(expected: Any, actual: Any, rel: float, path: str = "",
                scale: float = 0.0) -> list[str]:
    """Where two descriptions differ: texts and counts exactly, other numbers by more than
    ``rel`` times the largest number beside them (``scale``).

    >>> differences({"a": [1.0, "x"], "b": [2.0, 1e-9]}, {"a": [1.0, "y"], "b": [2.0, 0.0]}, 1e-6)
    ["a[1]: expected 'x', got 'y'"]
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        if expected.keys() != actual.keys():
            return [f"{path or 'top'}: keys {sorted(expected)} != {sorted(actual)}"]
        sc = _largest(expected.values())
        return [d for k in expected
                for d in differences(expected[k], actual[k], rel, f"{path}.{k}".lstrip("."), sc)]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} entries expected, got {len(actual)}"]
        sc = _largest(expected)
        return [d for i, (e, a) in enumerate(zip(expected, actual))
                for d in differences(e, a, rel, f"{path}[{i}]", sc)]
    if isinstance(expected, float) and isinstance(actual, (int, float)):
        if math.isclose(expected, actual, rel_tol=rel, abs_tol=rel * scale):
            return []
    elif expected == actual and type(expected) is type(actual):
        return []
    return [f"{path}: expected {expected!r}, got {actual!r}"]


# --- the gallery's manifest ------------------------------------------------------------------
#: The gallery's look (the README's PNGs): paper style, English.
GALLERY_LANG, GALLERY_STYLE = "en", "paper"
MANIFEST = "gallery.json"


def describe_figure(name: str, data: Any, lang: str = GALLERY_LANG,
                    style: str = GALLERY_STYLE) -> dict[str, Any]:
    """The description of figure ``name`` drawn from ``data``, as JSON would return it."""
    import matplotlib

    from . import build_figure
    from .style import style_rc

    with matplotlib.rc_context(style_rc(style, lang)):
        return json.loads(json.dumps(describe(build_figure(name, data, lang, style))))


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from a PNG file's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", png[16:24])


def manifest_entry(name: str, description: dict[str, Any], png: bytes) -> dict[str, Any]:
    """What the manifest records of one figure: its PNG file and its description."""
    width, height = png_size(png)
    return {"png": {"file": f"{name}.png", "width": width, "height": height,
                    "sha256": hashlib.sha256(png).hexdigest()},
            "description": description}


def manifest_bytes(entries: dict[str, dict[str, Any]], drawn_with: dict[str, str]) -> bytes:
    """The manifest file: every figure's entry, and the versions that drew the PNGs."""
    manifest = {"about": "Written with the PNGs beside it by tools/build_gallery.py; "
                         "tests/test_figures.py redraws each figure and compares.",
                "lang": GALLERY_LANG, "style": GALLERY_STYLE, "drawn_with": drawn_with,
                "figures": entries}
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()
