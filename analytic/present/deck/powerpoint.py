"""The deck as a PowerPoint file, written with python-pptx: editable text boxes, native tables,
pictures and speaker notes, placed where :mod:`.layout` put them.

Every run of text names its font for Latin, East Asian and complex scripts alike (the font
:mod:`.fonts` chose for its characters) and its language, so a viewer neither substitutes a
font nor guesses the script. Lines are set with the layout's exact spacing, text boxes do not
autofit, and table cells keep the layout's widths and heights, so what the layout measured is
what a viewer shows. The file carries no timestamps: the same deck gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from .fonts import FONTS, runs
from .layout import (
    BEFORE,
    CELL_X,
    CELL_Y,
    INDENT,
    INSET_X,
    INSET_Y,
    LINE,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    Box,
    Page,
    PictureBox,
    TableBox,
    TextBox,
)
from .model import Paragraph

#: What the command says when python-pptx is missing.
INSTALL = ("writing a .pptx deck needs python-pptx: pip install 'analytic-gradients[slides]' "
           "(or give --figure pdf)")
#: Colours: titles, body text, muted text.
TITLE_COLOUR, TEXT_COLOUR, LEAD_COLOUR = "1F3864", "222222", "333333"
LANGUAGE_TAGS = {"en": "en-US", "ja": "ja-JP"}
#: A fixed time for every entry of the zip, so that the file has no timestamp.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def require_pptx() -> None:
    """Refuse in one line when python-pptx is not installed."""
    try:
        import pptx  # noqa: F401
    except ModuleNotFoundError:
        raise ValueError(INSTALL) from None


def _emu(points: float) -> int:
    return int(round(points * 12700))


def _place(shape, box: Box) -> None:
    shape.left, shape.top = _emu(box.x), _emu(box.y)
    shape.width, shape.height = _emu(box.w), _emu(box.h)


def _frame(frame) -> None:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = _emu(INSET_X)
    frame.margin_top = frame.margin_bottom = _emu(INSET_Y)
    frame.vertical_anchor = MSO_ANCHOR.TOP


def _font(run, family: str, size: float, colour: str | None, lang: str) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    font = run.font
    font.size, font.name, font.bold, font.italic = Pt(size), family, False, False
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)
    rPr = run._r.get_or_add_rPr()
    rPr.set("lang", LANGUAGE_TAGS[lang])
    latin = rPr.find(qn("a:latin"))
    for tag in ("a:cs", "a:ea"):  # inserted after latin, so they end up latin, ea, cs
        element = rPr.makeelement(qn(tag), {"typeface": family})
        latin.addnext(element)


def _bullet(p, size: float, family: str, bullet: bool, indented: bool) -> None:
    from pptx.oxml.ns import qn

    pPr = p._p.get_or_add_pPr()
    pPr.set("marL", str(_emu(INDENT * size) if indented else 0))
    if not bullet:
        pPr.set("indent", "0")
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))
        return
    pPr.set("indent", str(-_emu(INDENT * size)))
    pPr.append(pPr.makeelement(qn("a:buFont"), {"typeface": family}))
    pPr.append(pPr.makeelement(qn("a:buChar"), {"char": "•"}))


def _paragraph(p, text: str, size: float, lang: str, colour: str | None, first: bool,
               bullet: bool | None = None, align: str = "left", indented: bool = False
               ) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    p.line_spacing = Pt(LINE * size)
    p.space_before = Pt(0 if first else BEFORE * size)
    p.space_after = Pt(0)
    p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT,
                   "center": PP_ALIGN.CENTER}[align]
    pieces = list(runs(text, lang)) or [(FONTS[lang][0], "")]
    if bullet is not None:
        _bullet(p, size, pieces[0][0], bullet, indented)
    for family, chunk in pieces:
        run = p.add_run()
        run.text = chunk
        _font(run, family, size, colour, lang)


def _paragraphs(frame, paragraphs: Sequence[Paragraph], size: float, lang: str, colour: str,
                align: str = "left", body: bool = True) -> None:
    # body text is indented past its bullets, a line without one as much as the others
    for i, par in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _paragraph(p, par.text, size, lang, colour, i == 0, par.bullet and body, align, body)


def _text_box(slide, item: TextBox, lang: str, shape=None) -> None:
    shape = shape if shape is not None else slide.shapes.add_textbox(0, 0, 1, 1)
    _place(shape, item.box)
    frame = shape.text_frame
    frame.clear()
    _frame(frame)
    colour = {"title": TITLE_COLOUR, "lead": LEAD_COLOUR}.get(item.role, TEXT_COLOUR)
    align = "center" if item.centred else "left"
    _paragraphs(frame, item.paragraphs, item.size, lang, colour, align, item.role == "body")


def _table(slide, item: TableBox, lang: str) -> None:
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu

    rows, cols = len(item.rows) + 1, len(item.header)
    frame = slide.shapes.add_table(rows, cols, 0, 0, 1, 1)
    _place(frame, item.box)
    table = frame.table
    for c, width in enumerate(item.widths):
        table.columns[c].width = Emu(_emu(width))
    for r, height in enumerate(item.heights):
        table.rows[r].height = Emu(_emu(height))
    for r, row in enumerate((item.header, *item.rows)):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = _emu(CELL_X)
            cell.margin_top = cell.margin_bottom = _emu(CELL_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.text_frame.word_wrap = True
            align = "right" if item.numeric[c] else "left"
            lines = item.header_lines[c] if r == 0 else (text,)
            for i, line in enumerate(lines):
                p = cell.text_frame.paragraphs[0] if i == 0 else cell.text_frame.add_paragraph()
                _paragraph(p, line, item.size, lang, "FFFFFF" if r == 0 else TEXT_COLOUR,
                           True, None, align)


def _picture(slide, item: PictureBox) -> None:
    shape = slide.shapes.add_picture(io.BytesIO(item.png), 0, 0)
    _place(shape, item.box)


def _notes(slide, text: str, lang: str) -> None:
    frame = slide.notes_slide.notes_text_frame
    lines = text.split("\n")
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        for family, chunk in runs(line, lang):
            run = p.add_run()
            run.text = chunk
            _font(run, family, 12, None, lang)


def _slide(prs, page: Page, lang: str) -> None:
    opening = page.slide.kind == "title"
    slide = prs.slides.add_slide(prs.slide_layouts[0 if opening else 5])
    _text_box(slide, page.items[0], lang, slide.shapes.title)
    rest = page.items[1:]
    if opening:  # the subtitle goes in the layout's subtitle placeholder
        _text_box(slide, rest[0], lang, slide.placeholders[1])
        rest = rest[1:]
    for item in rest:
        if isinstance(item, TextBox):
            _text_box(slide, item, lang)
        elif isinstance(item, TableBox):
            _table(slide, item, lang)
        else:
            _picture(slide, item)
    if page.slide.notes:
        _notes(slide, page.slide.notes, lang)


def pptx_bytes(pages: Sequence[Page], lang: str, title: str) -> bytes:
    """The laid-out deck as the bytes of a .pptx file."""
    require_pptx()
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = _emu(SLIDE_WIDTH), _emu(SLIDE_HEIGHT)
    props = prs.core_properties
    props.title, props.language, props.author = title, LANGUAGE_TAGS[lang], "analytic"
    props.revision = 1
    for page in pages:
        _slide(prs, page, lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return without_timestamps(buffer.getvalue())


def without_timestamps(data: bytes) -> bytes:
    """A zip file's bytes with every entry's time set to :data:`ZIP_TIME`, and the document's
    own dates removed."""
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"",
                                 payload)
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, payload)
    return out.getvalue()
