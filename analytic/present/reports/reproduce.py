"""``analytic reproduce`` as a report: one table per reference (its title the claim and its
source), a line per published value, and a note that says what the tolerance means and what
differs between the paper's set-up and ours; csv holds every line in one table.

Nothing is computed here beyond formatting: the verdicts are the lines' own
(:class:`~analytic.experiments.reproduction.Line`).
"""

from __future__ import annotations

from ...experiments.references import REFERENCES
from ...experiments.reproduce import Reproduction
from ...experiments.reproduction import MEANFIELD_RELATIVE, Line
from ..table import Column, Report, Table, table
from .words import Text, column, data_name, words

NUMBER = "{:.4g}"
#: The columns of csv and JSON, every line in one table.
FLAT = ("reference", "item", "published", "computed", "low", "high", "tested", "tolerance",
        "networks", "unit", "status", "reason")


def _item(line: Line, text: Text) -> str:
    return text(f"reproduce.item.{line.item}", **line.fields)


def _tolerance(line: Line, text: Text) -> str:
    return text(f"reproduce.tol.{line.tolerance}", n=line.networks,
                percent=f"{100 * MEANFIELD_RELATIVE:g}")


def _columns(key: str, unit: str, text: Text) -> tuple[Column, ...]:
    value = text(f"reproduce.value.{REFERENCES[key].value}",
                 unit=text(f"reproduce.unit.{unit}") if unit else "")
    return (column("reproduce.col.item", text, "{}"), Column("published", value, NUMBER),
            column("reproduce.col.computed", text, NUMBER),
            column("reproduce.col.low", text, NUMBER), column("reproduce.col.high", text, NUMBER),
            column("reproduce.col.tolerance", text, "{}"),
            column("reproduce.col.result", text, "{}"))


def _row(line: Line, text: Text) -> tuple:
    return (_item(line, text), line.published, line.computed, line.low, line.high,
            _tolerance(line, text), text(f"reproduce.status.{line.status}"))


def _note(key: str, lines: list[Line], r: Reproduction, text: Text) -> str:
    first, data = lines[0], data_name(r.data, text)
    n = first.networks
    if key == "accuracy-depth":
        fields = {**first.fields, "n": n, "data": data, "images": f"{first.fields['images']:,}",
                  "validation": f"{first.fields['validation']:,}"}
        if first.reason:
            why = text(f"reproduce.reason.{first.reason}")
            return text("reproduce.accuracy-depth.standin", why=why, **fields)
        return text("reproduce.accuracy-depth.note", **fields)
    if key.startswith("variance-"):
        fields = {**first.fields, "n": n, "data": data, "steps": first.fields["hidden"] - 1}
        return text("reproduce.variance.note", differs=text(f"reproduce.{key}.differs", **fields),
                    **fields)
    fields = {**first.fields, "n": n, "last": n - 1, "data": data,
              "percent": f"{100 * MEANFIELD_RELATIVE:g}"}
    return text(f"reproduce.{key}.note", **fields)


def _reasons(lines: list[Line], text: Text) -> list[str]:
    # a line not judged for a reason its table's note does not give
    return [text(f"reproduce.reason.{line.reason}") for line in lines
            if line.reason and line.reference != "accuracy-depth"]


def _table(key: str, lines: list[Line], r: Reproduction, text: Text) -> Table:
    note = " ".join([_note(key, lines, r, text), *dict.fromkeys(_reasons(lines, text))])
    return table(f"reproduce-{key}", text(f"reproduce.{key}.title"),
                 _columns(key, lines[0].unit, text),
                 [_row(line, text) for line in lines], note)


def _flat(r: Reproduction) -> Table:
    rows = [tuple(line.to_json()[k] for k in FLAT) for line in r.lines]
    return table("reproduce", "", [Column(k, k) for k in FLAT], rows)


def reproduce_report(r: Reproduction, lang: str = "en") -> Report:
    """One table per reference, in the registry's order; the run's summary above them."""
    text = words(lang)
    mode = text("reproduce.mode.quick" if r.plan.quick else "reproduce.mode.full")
    head = (
        text("reproduce.heading"),
        text("reproduce.run", mode=mode, data=data_name(r.data, text), seconds=f"{r.seconds:.1f}",
             lines=len(r.lines), passed=r.count("pass"), failed=r.count("fail"),
             not_judged=r.count("not_judged")),
        text("reproduce.how"),
    )
    by_reference: dict[str, list[Line]] = {key: [] for key in r.references}
    for line in r.lines:
        by_reference[line.reference].append(line)
    tables = tuple(_table(key, lines, r, text) for key, lines in by_reference.items() if lines)
    foot = (text("reproduce.exit"),) if r.failed else ()
    return Report(head, tables, foot, r.to_json(), data_tables=(_flat(r),))
