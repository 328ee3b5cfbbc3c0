"""The deck as a PDF, drawn with matplotlib's PdfPages: one page per slide, the same boxes,
sizes and lines as the PowerPoint file (:mod:`.layout` wrapped them), each run of text in the
font :mod:`.fonts` chose for it. A PDF has no speaker notes: they are in the .pptx.

The file carries no timestamps: the same deck gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from . import layout
from .fonts import runs, text_width
from .layout import Page, PictureBox, TableBox, TextBox
from .powerpoint import LEAD_COLOUR, TEXT_COLOUR, TITLE_COLOUR

#: The table's colours: header, and the two bands of rows (PowerPoint's Medium Style 2).
HEADER, BANDS = "#4472C4", ("#CFD5EA", "#E9EBF5")
#: Where a line's baseline sits in its line box, as a share of the line spacing.
BASELINE = 0.8


def _x(points: float) -> float:
    return points / layout.SLIDE_WIDTH


def _y(points: float) -> float:
    return 1 - points / layout.SLIDE_HEIGHT


def _line(fig, text: str, x: float, baseline: float, size: float, lang: str, colour: str,
          align: str = "left") -> None:
    # one run at a time, each in its own font, placed by the layout's widths
    if align != "left":
        width = text_width(text, size, lang)
        x -= width if align == "right" else width / 2
    for family, chunk in runs(text, lang):
        fig.text(_x(x), _y(baseline), chunk, fontsize=size, family=family, color=colour,
                 va="baseline", ha="left", parse_math=False)
        x += text_width(chunk, size, lang)


def _text(fig, item: TextBox, lang: str) -> None:
    colour = "#" + {"title": TITLE_COLOUR, "lead": LEAD_COLOUR}.get(item.role, TEXT_COLOUR)
    size, top = item.size, item.box.y + layout.INSET_Y
    for i, (par, lines) in enumerate(zip(item.paragraphs, item.lines)):
        top += layout.BEFORE * size if i else 0.0
        body = item.role == "body"
        bullet = par.bullet and body
        left = item.box.x + layout.INSET_X + (layout.INDENT * size if body else 0.0)
        for j, line in enumerate(lines):
            baseline = top + (j + BASELINE) * layout.LINE * size
            if bullet and j == 0:
                _line(fig, "•", item.box.x + layout.INSET_X, baseline, size, lang, colour)
            if item.centred:
                _line(fig, line, item.box.x + item.box.w / 2, baseline, size, lang, colour,
                      "center")
            else:
                _line(fig, line, left, baseline, size, lang, colour)
        top += len(lines) * layout.LINE * size


def _table(fig, item: TableBox, lang: str) -> None:
    from matplotlib.patches import Rectangle

    y = item.box.y
    for r, (row, height) in enumerate(zip((item.header, *item.rows), item.heights)):
        fill = HEADER if r == 0 else BANDS[(r - 1) % 2]
        fig.add_artist(Rectangle((_x(item.box.x), _y(y + height)), _x(item.box.w),
                                 height / layout.SLIDE_HEIGHT, facecolor=fill, edgecolor="white",
                                 linewidth=1, transform=fig.transFigure))
        x = item.box.x
        for c, (text, width) in enumerate(zip(row, item.widths)):
            lines = item.header_lines[c] if r == 0 else (text,)
            first = y + (height - len(lines) * layout.LINE * item.size) / 2
            colour = "white" if r == 0 else "#" + TEXT_COLOUR
            right = item.numeric[c]
            at = x + width - layout.CELL_X if right else x + layout.CELL_X
            for j, line in enumerate(lines):
                _line(fig, line, at, first + (j + BASELINE) * layout.LINE * item.size, item.size,
                      lang, colour, "right" if right else "left")
            x += width
        y += height


def _picture(fig, item: PictureBox) -> None:
    import matplotlib.image as mpimg

    box = item.box
    ax = fig.add_axes((_x(box.x), _y(box.bottom), _x(box.w), box.h / layout.SLIDE_HEIGHT))
    ax.imshow(mpimg.imread(io.BytesIO(item.png), format="png"), interpolation="none")
    ax.set_axis_off()


def _page(page: Page, lang: str):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(layout.SLIDE_WIDTH / 72, layout.SLIDE_HEIGHT / 72))
    for item in page.items:
        if isinstance(item, TextBox):
            _text(fig, item, lang)
        elif isinstance(item, TableBox):
            _table(fig, item, lang)
        else:
            _picture(fig, item)
    return fig


def pdf_bytes(pages: Sequence[Page], lang: str, title: str) -> bytes:
    """The laid-out deck as the bytes of a PDF file, one page per slide."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    from ..figures.style import style_rc

    buffer = io.BytesIO()
    metadata = {"Title": title, "Creator": "analytic", "CreationDate": None, "ModDate": None}
    with matplotlib.rc_context({**style_rc("slides", lang), "pdf.fonttype": 42}):
        with PdfPages(buffer, metadata=metadata) as pdf:
            for page in pages:
                pdf.savefig(_page(page, lang))
    return buffer.getvalue()
