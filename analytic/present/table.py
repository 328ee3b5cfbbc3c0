"""One table model for everything the tool prints, rendered as text, markdown, csv, LaTeX or JSON.

A :class:`Table` is columns (a stable key for csv and JSON, a header in the reader's language,
a format for people) and blocks of rows (one block per activation, say). A :class:`Report`
is what a command prints: heading lines, tables, footer lines, its JSON form and, where the
result is a formula, its LaTeX. :func:`render` is the only place that turns either into text.

Numbers stay numbers until they are rendered: csv keeps full precision (``repr``), JSON keeps
the float, and people see each column's format. A cell that is missing (None, NaN) is shown as
"—" and stored as an empty csv field or JSON null, never as a number. An infinite one is shown
as ∞ and stored as an empty csv field or JSON null with its reason beside it (``KEY_reason``:
the column's own words, or "infinite"): no output holds "inf", "nan" or "Infinity".
"""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Cell = float | int | str | None

FORMATS = ("text", "markdown", "csv", "latex", "json")
MISSING = "—"


@dataclass(frozen=True)
class Column:
    """A column: its stable ``key``, its ``header`` for people, how a float shows to them, and
    what an infinite value means, in words for the JSON (``infinite``, by sign: "+" and "-")."""

    key: str
    header: str
    fmt: str = "{:.4g}"
    infinite: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    """Rows under one heading (one activation of the vanishing table); name "" for no heading."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Table:
    """A titled table: columns, blocks of rows, a note under it and facts for csv and JSON."""

    name: str
    title: str
    columns: tuple[Column, ...]
    blocks: tuple[Block, ...]
    note: str = ""
    meta: Mapping[str, Cell] = field(default_factory=dict)
    block_key: str = "block"  # the csv column that names the block, when blocks have names
    block_header: str = ""  # what people read before a block's name ("activation: sigmoid")

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def table(name: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
          note: str = "", meta: Mapping[str, Cell] | None = None) -> Table:
    """A table of one unnamed block."""
    block = Block("", tuple(tuple(r) for r in rows))
    return Table(name, title, tuple(columns), (block,), note, dict(meta or {}))


@dataclass(frozen=True)
class Report:
    """What a command prints: heading lines, tables, footer lines; its JSON and LaTeX forms.

    ``data`` is the JSON object (plain numbers, strings, lists, dicts). ``latex``, when set, is
    what ``--format latex`` prints (a formula); otherwise the tables are set with booktabs.
    ``data_tables``, when set, are what csv holds where it differs from what people read (every
    epoch of a run, where the text shows a few).
    """

    heading: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    footer: tuple[str, ...] = ()
    data: Mapping[str, object] = field(default_factory=dict)
    latex: str | None = None
    data_tables: tuple[Table, ...] = ()


# --- cells ---------------------------------------------------------------------------------------
def is_missing(value: Cell) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def show(value: Cell, fmt: str = "{:.4g}") -> str:
    """A cell for people: text as is, integers whole, floats in the column's format."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or isinstance(value, int):
        return str(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return fmt.format(value)


def plain(value: Cell) -> Cell:
    """A cell for machines (csv, JSON): full precision; NaN and ±inf as None (JSON says why
    beside it, :func:`infinite_reason`)."""
    if is_missing(value) or (isinstance(value, float) and math.isinf(value)):
        return None
    return value


def infinite_reason(value: object, words: Mapping[str, str] | None = None) -> str | None:
    """Why ``value`` is null in JSON when it is infinite (or holds infinite entries): ``words``
    by sign ("+", "-"), else "infinite" / "negative and infinite"; None for anything else.

    >>> infinite_reason(float("-inf")), infinite_reason([1.0, float("inf")]), infinite_reason(2.0)
    ('negative and infinite', 'its null entries are infinite', None)
    """
    if isinstance(value, float) and math.isinf(value):
        sign = "+" if value > 0 else "-"
        return (words or {}).get(sign) or ("infinite" if sign == "+" else "negative and infinite")
    if isinstance(value, (list, tuple)) and any(infinite_reason(v) for v in value):
        return "its null entries are infinite"
    return None


def json_ready(data: object) -> object:
    """``data`` with every float made JSON-safe: NaN -> null; ±inf -> null, with
    ``KEY_reason`` beside it in the mapping that holds it (unless the data gives one)."""
    if isinstance(data, Mapping):
        ready = {}
        for key, value in data.items():
            ready[key] = json_ready(value)
            why = infinite_reason(value)
            if why and f"{key}_reason" not in data:
                ready[f"{key}_reason"] = why
        return ready
    if isinstance(data, (list, tuple)):
        return [json_ready(v) for v in data]
    if isinstance(data, float):
        return plain(data)
    return data


# --- text ----------------------------------------------------------------------------------------
def width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide and full-width characters take 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, columns: int, right: bool) -> str:
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill


def _numeric(tab: Table) -> list[bool]:
    """Whether each column holds numbers (right-aligned) rather than text."""
    rows = [row for b in tab.blocks for row in b.rows]
    return [all(not isinstance(r[i], str) for r in rows) for i in range(len(tab.columns))]


def _grid(tab: Table, rows: Sequence[Sequence[Cell]], escape: bool) -> list[str]:
    # a pipe table: it reads as plain text and is valid markdown
    cells = [[show(v, c.fmt) for v, c in zip(row, tab.columns)] for row in rows]
    headers = tab.headers
    if escape:
        cells = [[c.replace("|", "\\|") for c in row] for row in cells]
        headers = [h.replace("|", "\\|") for h in headers]
    numeric = _numeric(tab)
    widths = [max(width(x) for x in col) for col in zip(headers, *cells)]
    line = lambda row: "| " + " | ".join(  # noqa: E731
        _pad(x, w, right) for x, w, right in zip(row, widths, numeric)) + " |"
    rule = "|" + "|".join(("-" * (w + 1) + ":") if right else ("-" * (w + 2))
                          for w, right in zip(widths, numeric)) + "|"
    return [line(headers), rule, *map(line, cells)]


def _table_lines(tab: Table, markdown: bool) -> list[str]:
    title = f"**{tab.title}**" if markdown else tab.title
    lines = [title] if tab.title else []
    for block in tab.blocks:
        if block.name:
            label = f"{tab.block_header}: {block.name}" if tab.block_header else block.name
            lines += ["", f"*{label}*" if markdown else label]
        lines += [""] * bool(lines) + _grid(tab, block.rows, escape=markdown)
    if tab.note:
        lines += ["", f"_{tab.note}_" if markdown else tab.note]
    return lines


def _text(report: Report, markdown: bool) -> str:
    parts = [list(report.heading)] if report.heading else []
    parts += [_table_lines(t, markdown) for t in report.tables]
    if report.footer:
        parts.append(list(report.footer))
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


# --- csv -----------------------------------------------------------------------------------------
def _csv_table(tab: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    named = any(b.name for b in tab.blocks)
    writer.writerow([tab.block_key] * named + tab.keys + list(tab.meta))
    for block in tab.blocks:
        for row in block.rows:
            values = [repr(v) if isinstance(v, float) else v for v in map(plain, row)]
            writer.writerow([block.name] * named + values + [plain(v) for v in tab.meta.values()])
    return out.getvalue()


def _csv(report: Report) -> str:
    tables = report.data_tables or report.tables
    if not tables:
        raise ValueError("this output has no table to write as csv")
    return "\n".join(_csv_table(t) for t in tables)


# --- LaTeX ---------------------------------------------------------------------------------------
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}",
    "∞": r"$\infty$", "→": r"$\to$", "∂": r"$\partial$", "≥": r"$\geq$", "≤": r"$\leq$",
    "≈": r"$\approx$", "∈": r"$\in$", "φ": r"$\phi$", "σ": r"$\sigma$", "χ": r"$\chi$",
    "′": "$'$", "±": r"$\pm$", "<": "$<$", ">": "$>$", "|": r"$|$", "−": "$-$", "—": "---",
    "√": r"$\surd$", "×": r"$\times$", "·": r"$\cdot$", "‖": r"$\|$", "β": r"$\beta$",
    "∉": r"$\notin$",
    **{chr(0x2080 + d): f"$_{d}$" for d in range(10)},  # subscript digits
    **{ch: f"$^{d}$" for d, ch in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
}


def latex_escape(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, ∞ ∂ → ≥ ... as math.

    >>> latex_escape("|∂C/∂b₁| ≥ 50 %")
    '$|\\\\partial$C/$\\\\partial$b$_1|$ $\\\\geq$ 50 \\\\%'
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text).replace("$$", "")


def _latex_table(tab: Table) -> str:
    n = len(tab.columns)
    align = "".join("r" if right else "l" for right in _numeric(tab))
    lines = [
        r"\begin{table}[ht]", r"\centering", r"\small",
        rf"\caption{{{latex_escape(tab.title)}}}",
        rf"\begin{{tabular}}{{{align}}}", r"\toprule",
        " & ".join(latex_escape(h) for h in tab.headers) + r" \\",
    ]
    for block in tab.blocks:
        lines.append(r"\midrule")
        if block.name:
            lines += [rf"\multicolumn{{{n}}}{{l}}{{\textit{{{latex_escape(block.name)}}}}} \\",
                      r"\midrule"]
        for row in block.rows:
            cells = (latex_escape(show(v, c.fmt)) for v, c in zip(row, tab.columns))
            lines.append(" & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if tab.note:
        lines += ["", rf"\par\smallskip\footnotesize {latex_escape(tab.note)}"]
    return "\n".join(lines + [r"\end{table}"]) + "\n"


def _latex(report: Report) -> str:
    if report.latex is not None:
        return report.latex.rstrip("\n") + "\n"
    if not report.tables:
        raise ValueError("this output has no table or formula to write as LaTeX")
    return "\n".join(_latex_table(t) for t in report.tables)


# --- JSON ----------------------------------------------------------------------------------------
def table_json(tab: Table) -> dict:
    """A table as JSON: its facts, its columns (key -> header) and its rows as objects."""
    blocks = [{"name": b.name, "rows": [_row_json(tab, r) for r in b.rows]} for b in tab.blocks]
    return {"table": tab.name, "title": tab.title, "note": tab.note,
            **json_ready(dict(tab.meta)),
            "columns": dict(zip(tab.keys, tab.headers)), "blocks": blocks}


def _row_json(tab: Table, row: Sequence[Cell]) -> dict:
    cells = {}
    for column, value in zip(tab.columns, row):
        cells[column.key] = plain(value)
        why = infinite_reason(value, column.infinite)
        if why:
            cells[f"{column.key}_reason"] = why
    return cells


def _json(report: Report) -> str:
    return json.dumps(json_ready(report.data), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {
    "text": lambda r: _text(r, markdown=False),
    "markdown": lambda r: _text(r, markdown=True),
    "csv": _csv,
    "latex": _latex,
    "json": _json,
}


def render(report: Report | Table, fmt: str = "text") -> str:
    """``report`` (or one table) as text, markdown, csv, latex or json."""
    if isinstance(report, Table):
        report = Report((), (report,), (), table_json(report))
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose from: {', '.join(RENDERERS)}")
    return RENDERERS[fmt](report)
