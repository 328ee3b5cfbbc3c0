"""What a lecture deck is, before it is laid out: slides of a title, paragraphs, a picture or a
table, and speaker notes, every word already in the deck's language.

A slide's ``kind`` says how its body is laid out: ``title`` (the opening slide: a title and a
subtitle), ``bullets`` (paragraphs fill the body), ``figure`` (a lead of a few lines, then a
picture) or ``table`` (a lead, then a native table). A table is the :class:`~..table.Table`
of a report, cut to the columns and rows a slide can hold (:func:`cut`), so its cells read as
the report prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..table import Block, Table, show

KINDS = ("title", "bullets", "figure", "table")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box: a bullet point, or a line set apart without a bullet (a
    formula, a subtitle)."""

    text: str
    bullet: bool = True


@dataclass(frozen=True)
class Slide:
    """One slide: ``key`` names it (``chain``, ``window``, ...); ``figure`` is the registry name
    of its picture and ``figure_data`` what it draws, ``picture`` the PNG once drawn
    (:func:`with_pictures`); ``source`` is the command that prints the slide's numbers."""

    key: str
    kind: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    figure: str = ""
    figure_data: Any = field(default=None, compare=False, repr=False)
    picture: bytes | None = field(default=None, compare=False, repr=False)
    table: Table | None = None
    notes: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown slide kind {self.kind!r}; choose from: {', '.join(KINDS)}")
        if (self.kind == "figure") != bool(self.figure) or (self.kind == "table") != (
                self.table is not None):
            raise ValueError(f"slide {self.key!r}: a {self.kind} slide has the wrong content")


@dataclass(frozen=True)
class Deck:
    """A lecture: its slides in order, in one language."""

    lang: str
    slides: tuple[Slide, ...]


#: Draws a slide's picture: (figure name, its data, language) -> PNG bytes.
Draw = Callable[[str, Any, str], bytes]


def slide_figure(name: str, data: Any, lang: str) -> bytes:
    """Figure ``name`` of the registry drawn from ``data`` in slide style, as PNG bytes."""
    from ..figures import figure_bytes

    return figure_bytes(name, data, lang, "slides", "png")


def with_pictures(deck: Deck, draw: Draw = slide_figure, progress: Callable[[], None] | None = None
                  ) -> Deck:
    """The deck with every figure slide's picture drawn (``progress()`` after each one)."""
    slides = []
    for s in deck.slides:
        if s.figure:
            s = replace(s, picture=draw(s.figure, s.figure_data, deck.lang))
            if progress is not None:
                progress()
        slides.append(s)
    return Deck(deck.lang, tuple(slides))


def points(*texts: str, bullet: bool = True) -> tuple[Paragraph, ...]:
    """Paragraphs from strings, each a bullet point unless ``bullet`` is False."""
    return tuple(Paragraph(t, bullet) for t in texts)


def cut(tab: Table, keys: Sequence[str], rows: Sequence[int] | None = None, block: int = 0
        ) -> Table:
    """Table ``tab`` with only the columns ``keys`` (in that order) and the rows at the indices
    ``rows`` of one block (all of them when None): what a slide has room for."""
    index = {c.key: i for i, c in enumerate(tab.columns)}
    missing = [k for k in keys if k not in index]
    if missing:
        raise ValueError(f"table {tab.name!r} has no column {missing[0]!r}")
    picked = tab.blocks[block].rows if rows is None else [tab.blocks[block].rows[i] for i in rows]
    cells = tuple(tuple(row[index[k]] for k in keys) for row in picked)
    columns = tuple(tab.columns[index[k]] for k in keys)
    return Table(tab.name, tab.title, columns, (Block(tab.blocks[block].name, cells),),
                 tab.note, tab.meta)


def cell_texts(tab: Table) -> tuple[tuple[str, ...], ...]:
    """Every row of a one-block table as people read it (each column's format)."""
    return tuple(tuple(show(v, c.fmt) for v, c in zip(row, tab.columns))
                 for row in tab.blocks[0].rows)


def numeric_columns(tab: Table) -> tuple[bool, ...]:
    """Whether each column holds numbers (set right-aligned)."""
    rows = tab.blocks[0].rows
    return tuple(all(not isinstance(r[i], str) for r in rows) for i in range(len(tab.columns)))
