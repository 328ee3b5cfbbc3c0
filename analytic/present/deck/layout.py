"""Where everything on a slide goes, and the largest font size at which its text fits.

Lengths are points (1/72 inch) on a 16:9 slide of 960 × 540 points, origin top left. Text is
wrapped here as a renderer wraps it (at spaces; between Japanese characters, except before
closing and after opening punctuation) and set with an exact line spacing, so its height is
known: a box's text is set at the largest size of its ladder whose lines fit the box's width
(with a margin for renderers that measure a little wider) and whose height fits the box.
Both writers, PowerPoint and PDF, place the same boxes with the same sizes and lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .fonts import text_width, wide
from .model import Deck, Paragraph, Slide, cell_texts, numeric_columns

SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0
MARGIN = 36.0
#: Line spacing as a multiple of the font size; the space before a paragraph, likewise.
LINE, BEFORE = 1.2, 0.4
#: A text box's insets (left/right, top/bottom) and a bullet's indent (times the size).
INSET_X, INSET_Y, INDENT = 6.0, 4.0, 1.0
#: A table cell's insets.
CELL_X, CELL_Y = 5.0, 3.0
#: Lines are wrapped to this share of the room, for renderers that measure a little wider.
WIDTH_MARGIN = 0.96

TITLE_SIZES = range(30, 19, -1)
BODY_SIZES = range(24, 13, -1)
LEAD_SIZES = {"figure": range(18, 13, -1), "table": range(20, 13, -1)}
TABLE_SIZES = range(20, 8, -1)
#: The most a lead may take above a picture, and above a table (a table needs less room).
LEAD_HEIGHT = {"figure": 96.0, "table": 150.0}

OPENING = "（「『【〔［｛〈《([{“‘"
CLOSING = ("、。，．・：；？！）」』】〕］｝〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥"
           ")]},.:;!?%”’")


class DoesNotFit(ValueError):
    """Text that does not fit its box at the smallest size of its ladder."""


# --- boxes ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def below(self, height: float, gap: float = 6.0) -> Box:
        """The rest of this box under its top ``height`` points."""
        return Box(self.x, self.y + height + gap, self.w, self.h - height - gap)


TITLE = Box(MARGIN, 18.0, SLIDE_WIDTH - 2 * MARGIN, 66.0)
BODY = Box(MARGIN, 92.0, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - 92.0 - 18.0)
OPENING_TITLE = Box(60.0, 140.0, SLIDE_WIDTH - 120.0, 140.0)
OPENING_SUBTITLE = Box(60.0, 300.0, SLIDE_WIDTH - 120.0, 150.0)


# --- wrapping ------------------------------------------------------------------------------------
def _breaks_before(text: str, i: int) -> bool:
    before, ch = text[i - 1], text[i]
    if ch == " ":
        return False
    if before == " ":
        return True
    return (wide(before) or wide(ch)) and ch not in CLOSING and before not in OPENING


def segments(text: str) -> list[str]:
    """``text`` cut where a line may break (each piece keeps the spaces that follow it).

    >>> segments("勾配は（積）。 a b")
    ['勾', '配', 'は', '（積）。 ', 'a ', 'b']
    """
    cuts = [0, *(i for i in range(1, len(text)) if _breaks_before(text, i)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def wrap(text: str, width: float, size: float, lang: str) -> list[str]:
    """The lines of ``text`` in a column ``width`` points wide at ``size`` points; DoesNotFit
    when a piece that cannot break is wider than the column."""
    lines, line = [], ""
    for piece in segments(text):
        if line and text_width((line + piece).rstrip(), size, lang) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
        if text_width(line.rstrip(), size, lang) > width:
            raise DoesNotFit(f"{line.strip()!r} is wider than {width:.0f} points at {size} pt")
    return lines + [line.rstrip()]


# --- text boxes ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextBox:
    """Paragraphs set at ``size`` in ``box``: each paragraph's lines, and the height they take."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: int
    lines: tuple[tuple[str, ...], ...]
    role: str  # "title", "subtitle", "body" or "lead": how the writers colour and align it

    @property
    def height(self) -> float:
        return text_height(self.lines, self.size)

    @property
    def centred(self) -> bool:
        return self.role in ("subtitle",) or (self.role == "title" and self.box == OPENING_TITLE)


def text_height(lines: Sequence[Sequence[str]], size: float) -> float:
    """Points a box's paragraphs take: their lines, the space before each but the first, and
    the insets."""
    count = sum(len(p) for p in lines)
    return count * LINE * size + (len(lines) - 1) * BEFORE * size + 2 * INSET_Y


def text_room(box: Box, size: float, indented: bool) -> float:
    """The width a paragraph's lines may take in ``box`` at ``size``; body text is indented
    past the bullets, a line without a bullet as much as those with one."""
    return (box.w - 2 * INSET_X - (INDENT * size if indented else 0.0)) * WIDTH_MARGIN


def set_text(paragraphs: Sequence[Paragraph], box: Box, sizes: Sequence[int], lang: str,
             role: str) -> TextBox:
    """The paragraphs at the largest of ``sizes`` at which they fit ``box``."""
    for size in sizes:
        try:
            lines = tuple(tuple(wrap(p.text, text_room(box, size, role == "body"), size, lang))
                          for p in paragraphs)
        except DoesNotFit:
            continue
        if text_height(lines, size) <= box.h:
            return TextBox(box, tuple(paragraphs), size, lines, role)
    raise DoesNotFit(f"{role} text {paragraphs[0].text[:40]!r}… does not fit at "
                     f"{min(sizes)} pt")


# --- tables --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableBox:
    """A native table: its header and cells as people read them, column widths, row heights,
    the size, the header's wrapped lines, and which columns are numbers (right-aligned)."""

    box: Box
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    size: int
    header_lines: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


def _table_at(header: Sequence[str], rows: Sequence[Sequence[str]], box: Box, size: int,
              lang: str) -> TableBox | None:
    # body cells stay on one line; a header may wrap, at most into three lines
    pad = 2 * CELL_X
    body = [max((text_width(r[c], size, lang) for r in rows), default=0.0)
            for c in range(len(header))]
    longest = [max(text_width(s.strip(), size, lang) for s in segments(h)) for h in header]
    need = [max(b, h) / WIDTH_MARGIN + pad for b, h in zip(body, longest)]
    if sum(need) > box.w:
        return None
    whole = [text_width(h, size, lang) / WIDTH_MARGIN + pad for h in header]
    extra = box.w - sum(need)  # spread over the columns whose header would wrap, then all
    want = [max(0.0, w - n) for w, n in zip(whole, need)]
    share = min(1.0, extra / sum(want)) if sum(want) > 0 else 0.0
    widths = [n + share * w for n, w in zip(need, want)]
    header_lines = tuple(tuple(wrap(h, (w - pad) * WIDTH_MARGIN, size, lang))
                         for h, w in zip(header, widths))
    row = LINE * size + 2 * CELL_Y
    heights = (max(len(h) for h in header_lines) * LINE * size + 2 * CELL_Y,
               *(row for _ in rows))
    if sum(heights) > box.h or max(len(h) for h in header_lines) > 3:
        return None
    return TableBox(box, tuple(header), tuple(tuple(r) for r in rows), tuple(widths),
                    tuple(heights), size, header_lines, ())


def set_table(slide: Slide, box: Box, lang: str) -> TableBox:
    """The slide's table at the largest size whose cells fit ``box``, centred in it."""
    header, rows = slide.table.headers, cell_texts(slide.table)
    for size in TABLE_SIZES:
        placed = _table_at(header, rows, box, size, lang)
        if placed is not None:
            width = sum(placed.widths)
            where = Box(box.x + (box.w - width) / 2, box.y, width, sum(placed.heights))
            return TableBox(where, placed.header, placed.rows, placed.widths, placed.heights,
                            size, placed.header_lines, numeric_columns(slide.table))
    raise DoesNotFit(f"the table of slide {slide.key!r} does not fit at {min(TABLE_SIZES)} pt")


# --- pictures ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PictureBox:
    box: Box
    png: bytes


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from a PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("a slide's picture must be a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def fit_picture(png: bytes, box: Box) -> PictureBox:
    """The picture as large as fits ``box``, its aspect kept, centred."""
    w, h = png_size(png)
    scale = min(box.w / w, box.h / h)
    pw, ph = w * scale, h * scale
    return PictureBox(Box(box.x + (box.w - pw) / 2, box.y + (box.h - ph) / 2, pw, ph), png)


# --- slides --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """A slide laid out: what goes where."""

    slide: Slide
    items: tuple[TextBox | TableBox | PictureBox, ...]

    @property
    def title(self) -> TextBox:
        return self.items[0]


def _lead(slide: Slide, lang: str) -> tuple[tuple[TextBox, ...], Box]:
    # a lead above a picture or a table takes what it needs, up to its LEAD_HEIGHT
    if not slide.paragraphs:
        return (), BODY
    room = Box(BODY.x, BODY.y, BODY.w, LEAD_HEIGHT[slide.kind])
    lead = set_text(slide.paragraphs, room, LEAD_SIZES[slide.kind], lang, "lead")
    return (lead,), BODY.below(lead.height)


def lay_out(slide: Slide, lang: str) -> Page:
    """Where the slide's title, text, table and picture go, and at which sizes."""
    if slide.kind == "title":
        title = set_text([Paragraph(slide.title, False)], OPENING_TITLE, range(40, 27, -1), lang,
                         "title")
        sub = set_text(slide.paragraphs, OPENING_SUBTITLE, range(24, 15, -1), lang, "subtitle")
        return Page(slide, (title, sub))
    title = set_text([Paragraph(slide.title, False)], TITLE, TITLE_SIZES, lang, "title")
    if slide.kind == "bullets":
        return Page(slide, (title, set_text(slide.paragraphs, BODY, BODY_SIZES, lang, "body")))
    lead, rest = _lead(slide, lang)
    if slide.kind == "table":
        return Page(slide, (title, *lead, set_table(slide, rest, lang)))
    return Page(slide, (title, *lead, fit_picture(slide.picture, rest)))


def lay_out_deck(deck: Deck) -> list[Page]:
    """Every slide of the deck laid out."""
    return [lay_out(s, deck.lang) for s in deck.slides]
