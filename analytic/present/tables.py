"""The teaching tables: computed as plain data, then rendered as text, markdown, csv, LaTeX or JSON.

- ``vanishing``: for k = 1..N, the bound (max phi')^k that holds when |w| <= 1 (for the sigmoid,
  (1/4)^k) and, over many random chains, quantiles of |dC/db_1| / |dC/db_{k+1}| measured with
  the backprop (:mod:`analytic.products`);
- ``explosion``: the chapter's exploding chain (all w_j = w, every z_j = 0), the backprop ratio
  next to the closed form (w/4)^k;
- ``activations``: per registered activation: its range, the maximum of its derivative and where,
  where the derivative is below 1e-3, and on which side it saturates (phi' -> 0).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import mpmath
import numpy as np
import sympy as sp

from ..core.activations import ACTIVATIONS, Activation, get_activation
from .figures.activation_curves import intervals_where
from .i18n import check_language, tr
from ..chain.ratios import explosion_ratios, sample_product_bands

TABLES = ("vanishing", "explosion", "activations")
FORMATS = ("text", "markdown", "csv", "latex", "json")
DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu")

Cell = float | int | str


@dataclass(frozen=True)
class Block:
    """Rows under one heading (one activation of the vanishing table); name "" for no heading."""

    name: str
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Table:
    """Column keys (stable, for csv/json), their headers in the table's language, and blocks."""

    name: str
    title: str
    note: str
    keys: list[str]
    headers: list[str]
    blocks: list[Block]
    meta: dict[str, Cell] = field(default_factory=dict)
    lang: str = "en"


def _headers(keys: Sequence[str], lang: str) -> list[str]:
    return [tr(f"col.{key}", lang) for key in keys]


# --- vanishing -----------------------------------------------------------------------------------
def vanishing_table(
    depth: int = 10, samples: int = 1000, seed: int = 0,
    activations: Sequence[str] = DEFAULT_ACTIVATIONS, lang: str = "en",
) -> Table:
    keys = ["k", "bound", "p10", "median", "p90", "zero"]
    blocks = []
    for spec in activations:
        activation = get_activation(spec)
        bands = sample_product_bands(activation, depth, samples, seed)
        bound = activation.peak_prime ** bands.k.astype(float)
        columns = (bands.k, bound, bands.p10, bands.median, bands.p90, bands.zero_fraction)
        rows = [[int(r[0]), *map(float, r[1:])] for r in zip(*columns)]
        blocks.append(Block(activation.spec, rows))
    return Table(
        "vanishing", tr("table.vanishing", lang),
        tr("table.vanishing.note", lang, samples=samples, seed=seed),
        keys, _headers(keys, lang), blocks, {"samples": samples, "seed": seed}, lang,
    )


# --- explosion -----------------------------------------------------------------------------------
def explosion_table(depth: int = 10, weight: float = 100.0, lang: str = "en") -> Table:
    e = explosion_ratios(depth, weight)
    keys = ["k", "backprop", "closed_form", "relative_difference"]
    rows = [
        [int(k), float(b), float(c), float(d)]
        for k, b, c, d in zip(e.k, e.backprop, e.closed_form, e.relative_difference)
    ]
    return Table(
        "explosion", tr("table.explosion", lang, w=f"{weight:g}"),
        tr("table.explosion.note", lang), keys, _headers(keys, lang), [Block("", rows)],
        {"weight": weight}, lang,
    )


# --- activations ---------------------------------------------------------------------------------
Z_WIDE = np.linspace(-50.0, 50.0, 100_001)  # step 0.001, through 0
# "attained" means at a grid point with |z| <= 10: further out, float64 rounds tanh(z) to
# exactly 1.0 and sigmoid(z) to 1.0, so a limit would look attained
Z_NEAR = 10.0
TINY = 1e-3


@dataclass(frozen=True)
class ActivationFacts:
    name: str
    range: str
    max_prime: float
    argmax: str
    tiny: str
    saturates: str


def _limits(expr: sp.Expr, z: sp.Symbol) -> tuple[float, float]:
    return tuple(float(sp.limit(expr, z, side)) for side in (-sp.oo, sp.oo))


def _end(value: float, attained: bool, lower: bool) -> str:
    if math.isinf(value):
        return "(-∞" if lower else "∞)"
    text = f"{value:.4g}" if value != 0 else "0"
    return ("[" if attained else "(") + text if lower else text + ("]" if attained else ")")


def _range(a: Activation, z: sp.Symbol) -> str:
    lim = _limits(a.sympy(z), z)
    f = a.f(Z_WIDE)
    near = np.abs(Z_WIDE) <= Z_NEAR
    ends = []
    for lower, pick in ((True, min), (False, max)):
        bound, grid = pick(lim), (f.min() if lower else f.max())
        beyond = grid < bound - 1e-12 if lower else grid > bound + 1e-12
        if beyond:  # an interior extreme (GELU's and SiLU's minimum)
            ends.append(_end(float(grid), True, lower))
        else:
            attained = not math.isinf(bound) and bool(np.any(f[near] == bound))
            ends.append(_end(bound, attained, lower))
    return f"{ends[0]}, {ends[1]}"


def _refine_max(a: Activation, z: sp.Symbol, z0: float) -> float:
    # phi'' = 0 near the grid's argmax, by mpmath's root finder on SymPy's second derivative
    second = sp.lambdify(z, sp.diff(a.sympy_prime(z), z), "mpmath")
    return float(mpmath.findroot(second, z0))


def _argmax(a: Activation, z: sp.Symbol, lang: str) -> tuple[float, str]:
    lim = _limits(a.sympy_prime(z), z)
    near = Z_WIDE[np.abs(Z_WIDE) <= Z_NEAR]
    prime = a.prime(near)
    top = float(prime.max())
    if max(lim) > top + 1e-9:  # approached only at infinity (softplus)
        side = "word.right" if lim[1] >= lim[0] else "word.left"
        return max(lim), tr(side, lang)
    at = near[prime >= top - 1e-12]
    if at[-1] - at[0] < 0.01:  # one point: refine it
        z_star = _refine_max(a, z, float(at[len(at) // 2]))
        value = float(a.prime(np.array([z_star]))[0])
        return value, f"z = {z_star:.4g}" if abs(z_star) > 1e-12 else "z = 0"
    lo, hi = float(at[0]), float(at[-1])
    lo_text = f"z ≥ {lo:g}" if lo == round(lo) else f"z > {round(lo, 2):g}"
    return top, lo_text if hi >= Z_NEAR else f"{lo:.3g} ≤ z ≤ {hi:.3g}"


def _interval_text(lo: float, hi: float) -> str:
    if lo <= Z_WIDE[0] and hi >= Z_WIDE[-1]:
        return "all z"
    if lo <= Z_WIDE[0]:
        return f"z < {hi:.3g}"
    if hi >= Z_WIDE[-1]:
        return f"z > {lo:.3g}"
    return f"{lo:.3g} < z < {hi:.3g}"


def _tiny(a: Activation, lang: str) -> str:
    runs = intervals_where(Z_WIDE, np.abs(a.prime(Z_WIDE)) < TINY)
    return ", ".join(_interval_text(lo, hi) for lo, hi in runs) or tr("word.nowhere", lang)


def _saturates(a: Activation, z: sp.Symbol, lang: str) -> str:
    left, right = (v == 0 for v in _limits(a.sympy_prime(z), z))
    key = {(True, True): "both", (True, False): "left", (False, True): "right"}
    return tr(f"word.{key.get((left, right), 'no')}", lang)


def activation_facts(spec: str | Activation, lang: str = "en") -> ActivationFacts:
    """Range, largest derivative and where, tiny-derivative region, saturation of phi."""
    if isinstance(spec, str):
        return _cached_facts(spec, lang)
    return _facts(spec, lang)


@functools.lru_cache(maxsize=64)
def _cached_facts(spec: str, lang: str) -> ActivationFacts:
    # the SymPy limits take ~0.3 s per activation; the facts never change for a spec
    return _facts(get_activation(spec), lang)


def _facts(a: Activation, lang: str) -> ActivationFacts:
    z = sp.Symbol("z", real=True)
    max_prime, where = _argmax(a, z, lang)
    return ActivationFacts(
        _display_name(a), _range(a, z), max_prime, where, _tiny(a, lang), _saturates(a, z, lang)
    )


def _display_name(a: Activation) -> str:
    """relu, or leaky_relu (slope=0.01): readable, and breakable in a narrow column."""
    params = ", ".join(f"{k}={v:.4g}" for k, v in a.params.items())
    return f"{a.name} ({params})" if params else a.name


def registered_activations() -> list[str]:
    """Every registered activation once (an alias such as swish is left out)."""
    seen, names = set(), []
    for name, factory in ACTIVATIONS.items():
        if factory not in seen:
            seen.add(factory)
            names.append(name)
    return names


def activations_table(lang: str = "en") -> Table:
    keys = ["activation", "range", "max_prime", "argmax", "tiny", "saturates"]
    rows = []
    for name in registered_activations():
        f = activation_facts(name, lang)
        rows.append([f.name, f.range, f.max_prime, f.argmax, f.tiny, f.saturates])
    return Table(
        "activations", tr("table.activations", lang), tr("table.activations.note", lang),
        keys, _headers(keys, lang), [Block("", rows)], {}, lang,
    )


def build_table(
    name: str, depth: int = 10, *, weight: float = 100.0, samples: int = 1000, seed: int = 0,
    activations: Sequence[str] = DEFAULT_ACTIVATIONS, lang: str = "en",
) -> Table:
    """The table ``name`` (one of :data:`TABLES`) as plain data."""
    check_language(lang)
    if name == "vanishing":
        return vanishing_table(depth, samples, seed, activations or DEFAULT_ACTIVATIONS, lang)
    if name == "explosion":
        return explosion_table(depth, weight, lang)
    if name == "activations":
        return activations_table(lang)
    raise ValueError(f"unknown table {name!r}; choose from: {', '.join(TABLES)}")


# --- rendering -----------------------------------------------------------------------------------
def _cell(value: Cell, key: str) -> str:
    """A cell for people: integers as is, ratios with 4 significant digits."""
    if isinstance(value, (str, int)):
        return str(value)
    if key in ("relative_difference",):
        return f"{value:.1e}"
    if key == "zero":
        return f"{100 * value:.1f} %"
    return f"{value:.4g}"


def _block_title(table: Table, block: Block) -> str:
    return f"{tr('col.activation', table.lang)}: {block.name}" if block.name else ""


def render_text(table: Table) -> str:
    """Boxes drawn by rich, one per block, at a fixed width so the output is reproducible."""
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console(file=io.StringIO(), width=120, color_system=None, force_terminal=False)
    console.print(table.title)
    for block in table.blocks:
        t = RichTable(title=_block_title(table, block) or None, title_justify="left")
        for i, header in enumerate(table.headers):
            t.add_column(header, justify="left" if i == 0 or table.name == "activations"
                         else "right")
        for row in block.rows:
            t.add_row(*(_cell(v, k) for v, k in zip(row, table.keys)))
        console.print(t)
    console.print(table.note)
    return console.file.getvalue().rstrip() + "\n"


def render_markdown(table: Table) -> str:
    lines = [f"**{table.title}**", ""]
    for block in table.blocks:
        if block.name:
            lines += [f"*{_block_title(table, block)}*", ""]
        lines.append("| " + " | ".join(table.headers) + " |")
        lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(table.keys)))
                     + "|")
        for row in block.rows:
            cells = (_cell(v, k).replace("|", "\\|") for v, k in zip(row, table.keys))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(f"_{table.note}_")
    return "\n".join(lines) + "\n"


def render_csv(table: Table) -> str:
    """Machine-readable: stable column keys, full float precision (repr), one block column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    block_key = ["activation"] if any(b.name for b in table.blocks) else []
    writer.writerow(block_key + table.keys + list(table.meta))
    for block in table.blocks:
        for row in block.rows:
            values = [repr(v) if isinstance(v, float) else v for v in row]
            writer.writerow(([block.name] if block_key else []) + values + list(table.meta.values()))
    return out.getvalue()


def table_json(table: Table) -> dict:
    return {
        "table": table.name,
        "title": table.title,
        "note": table.note,
        **table.meta,
        "columns": dict(zip(table.keys, table.headers)),
        "blocks": [
            {"name": b.name, "rows": [dict(zip(table.keys, row)) for row in b.rows]}
            for b in table.blocks
        ],
    }


def render_json(table: Table) -> str:
    return json.dumps(table_json(table), indent=2, ensure_ascii=False) + "\n"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}",
    "∞": r"$\infty$", "→": r"$\to$", "∂": r"$\partial$", "₁": r"$_1$", "≥": r"$\geq$",
    "≤": r"$\leq$", "≈": r"$\approx$", "∈": r"$\in$", "φ": r"$\phi$", "′": "$'$",
    "±": r"$\pm$", "<": "$<$", ">": "$>$", "|": r"$|$",
    **{chr(0x2080 + d): f"$_{d}$" for d in range(10)},  # subscript digits
}


def latex_escape(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, ∞ ∂ → ≥ ... as math."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text).replace("$$", "")


def render_latex(table: Table) -> str:
    """A booktabs table (needs \\usepackage{booktabs}; Japanese needs a Japanese LaTeX engine)."""
    n = len(table.keys)
    # the activations table has long text cells: its first and fifth columns wrap
    wide = table.name == "activations"
    align = r"p{2.6cm}lllp{3.6cm}l" if wide else "l" + "r" * (n - 1)
    lines = [
        r"\begin{table}[ht]", r"\centering", r"\footnotesize" if wide else r"\small",
        rf"\caption{{{latex_escape(table.title)}}}",
        rf"\begin{{tabular}}{{{align}}}", r"\toprule",
        " & ".join(latex_escape(h) for h in table.headers) + r" \\",
    ]
    for block in table.blocks:
        lines.append(r"\midrule")
        if block.name:
            lines += [rf"\multicolumn{{{n}}}{{l}}{{\textit{{{latex_escape(block.name)}}}}} \\",
                      r"\midrule"]
        for row in block.rows:
            cells = (latex_escape(_cell(v, k)) for v, k in zip(row, table.keys))
            lines.append(" & ".join(cells) + r" \\")
    lines += [
        r"\bottomrule", r"\end{tabular}", "",
        rf"\par\smallskip\footnotesize {latex_escape(table.note)}", r"\end{table}",
    ]
    return "\n".join(lines) + "\n"


RENDERERS = {
    "text": render_text, "markdown": render_markdown, "csv": render_csv,
    "latex": render_latex, "json": render_json,
}


def render_table(table: Table, fmt: str = "text") -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose from: {', '.join(RENDERERS)}")
    return RENDERERS[fmt](table)
