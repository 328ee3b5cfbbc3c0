"""The lecture deck: its slides (:mod:`.lecture`), laid out once (:mod:`.layout`) and written as
PowerPoint (:mod:`.powerpoint`, python-pptx) or as PDF (:mod:`.pdf`, matplotlib's PdfPages).

:func:`deck_bytes` is the one way from a :class:`~.model.Deck` to a file's bytes; nothing here
writes a file (the command writes it, all or nothing).
"""

from __future__ import annotations

from .layout import lay_out_deck
from .model import Deck

#: The file types a deck is written as.
FORMATS = ("pptx", "pdf")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown deck format {fmt!r}; choose from: {', '.join(FORMATS)}")
    return fmt


def deck_bytes(deck: Deck, fmt: str = "pptx") -> bytes:
    """The deck, its pictures drawn, as the bytes of a .pptx or .pdf file."""
    check_format(fmt)
    if fmt == "pptx":
        from .powerpoint import pptx_bytes, require_pptx

        require_pptx()
        return pptx_bytes(lay_out_deck(deck), deck.lang, deck.slides[0].title)
    from .pdf import pdf_bytes

    return pdf_bytes(lay_out_deck(deck), deck.lang, deck.slides[0].title)


def listing(deck: Deck, path: str = "") -> object:
    """What ``analytic slides`` prints: the slides in order, their titles and what they hold
    (a :class:`~analytic.present.table.Report`; its JSON also names each slide's key, figure
    and table)."""
    from ..i18n import tr
    from ..table import Column, Report, table

    lang = deck.lang
    columns = (Column("slide", tr("deck.col.slide", lang), "{}"),
               Column("title", tr("deck.col.title", lang), "{}"),
               Column("content", tr("deck.col.content", lang), "{}"))
    rows = [(i, s.title, tr(f"deck.content.{s.kind}", lang))
            for i, s in enumerate(deck.slides, start=1)]
    data = {"file": path, "lang": lang, "slides": [
        {"slide": i, "key": s.key, "kind": s.kind, "title": s.title, "figure": s.figure or None,
         "table": s.table.name if s.table is not None else None, "source": s.source or None}
        for i, s in enumerate(deck.slides, start=1)]}
    return Report((), (table("slides", "", columns, rows),), data=data)
