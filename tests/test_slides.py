"""The lecture deck, read back from its file: the slides in order, titles, native tables that
say what the reports say, pictures, speaker notes, fonts that have every glyph, and text that
fits its box.

References: the reports' own text as the commands print it (``analytic table`` run here; the
committed runs' reports), the command line's parser for the commands the notes name, the
fonts' glyph tables read by matplotlib's FreeType wrapper (the deck chooses fonts with
fontTools), and text widths measured with Pillow (the deck measures with fontTools' advance
widths); the figures are built and their extents measured by matplotlib. To keep the suite
fast the pictures of the decks read back here are a small stand-in PNG of the figures' 16:9
shape; one slide is built with its real figure and compared with ``figure_bytes``.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from fractions import Fraction

import pytest
from helpers import assert_one_line_error, invoke
from helpers import command as analytic
from test_vocabulary import JAPANESE, NAMES, english_words

from analytic.present.deck import deck_bytes
from analytic.present.deck.fonts import FONTS, SCRIPT_SPACE, font_file
from analytic.present.deck.layout import CLOSING, OPENING, SLIDE_HEIGHT, SLIDE_WIDTH
from analytic.present.deck.lecture import KEYS, RUNS, LectureData, lecture
from analytic.present.deck.model import cell_texts, with_pictures
from analytic.present.reports import report
from analytic.present.table import render

pptx = pytest.importorskip("pptx")

LANGS = ("en", "ja")
EMU = 12700  # per point


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    rows = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                                              0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


STAND_IN = _png(16, 9)
#: (figure, language) -> the figure as built for the deck (drawn, not yet laid out)
BUILT: dict[tuple[str, str], object] = {}


def _built(name, data, lang) -> bytes:
    # the figure is built from the slide's data; a stand-in takes its place in the file
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analytic.present.figures import build_figure, figure_rc

    with matplotlib.rc_context(figure_rc(name, "slides", lang)):
        fig = BUILT[(name, lang)] = build_figure(name, data, lang, "slides")
        FigureCanvasAgg(fig)  # the canvas PNG files are drawn on
        fig.draw_without_rendering()  # lays the figure out as saving it does
    return STAND_IN


@pytest.fixture(scope="module")
def data():
    return LectureData()


@pytest.fixture(scope="module")
def decks(data):
    # the Japanese figures are built from the slides' data; the English ones, the same figures
    # from the same data, are only stood in for
    return {lang: with_pictures(lecture(lang, data), _built if lang == "ja" else _stand_in)
            for lang in LANGS}


def _stand_in(name, data, lang) -> bytes:
    return STAND_IN


@pytest.fixture(scope="module")
def files(decks):
    return {lang: pptx.Presentation(io.BytesIO(deck_bytes(deck, "pptx")))
            for lang, deck in decks.items()}


# --- the slides ----------------------------------------------------------------------------------
def test_the_lecture_has_about_twenty_slides_in_order_with_the_titles_read_back(decks, files):
    for lang in LANGS:
        slides = list(files[lang].slides)
        assert 18 <= len(slides) == len(KEYS) <= 25
        assert [s.shapes.title.text_frame.text for s in slides] == [
            s.title for s in decks[lang].slides]
    assert all(JAPANESE.search(s.title) for s in decks["ja"].slides)
    assert files["en"].slide_width == SLIDE_WIDTH * EMU


def test_the_lecture_follows_the_learning_path(decks):
    order = [s.key for s in decks["en"].slides]
    path = ["question", "chain", "sigmoid", "tanh", "relu", "explosion", "window",
            "training-speed", "depth-accuracy", "remedies", "histograms", "dying-relu", "rnn",
            "mean-field"]
    assert [k for k in order if k in path] == path


def _tables(slide):
    return [s.table for s in slide.shapes if s.has_table]


def _rows(table) -> list[list[str]]:
    return [[cell.text_frame.text for cell in row.cells] for row in table.rows]


def test_every_table_slide_holds_one_native_table_whose_cells_are_the_reports(decks, files):
    for lang in LANGS:
        for slide, page in zip(decks[lang].slides, files[lang].slides):
            tables = _tables(page)
            assert len(tables) == (slide.kind == "table"), slide.key
            if tables:
                rows = _rows(tables[0])
                header = [h.replace("\n", " ") for h in rows[0]]
                joined = [" ".join(h.split()) for h in slide.table.headers]
                assert [" ".join(h.split()) for h in header] == joined or all(
                    a.replace(" ", "") == b.replace(" ", "") for a, b in zip(header, joined))
                assert [tuple(r) for r in rows[1:]] == list(cell_texts(slide.table))


def _printed(lang: str) -> dict[str, str]:
    """What the commands print for each table slide, as people read it."""
    from analytic.experiments.result import read

    printed = {
        "product": invoke("table", "vanishing", "--depth", "20", "--chains", "2000",
                          "--activation", "sigmoid", "--lang", lang).stdout,
        "explosion": invoke("table", "explosion", "--weight", "100", "--depth", "8",
                            "--lang", lang).stdout,
    }
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for key, run in (("question", "init_norms"), ("depth-accuracy", "depth_accuracy"),
                     ("remedies", "remedies"), ("dying-relu", "dead_units")):
        result = read(json.loads((root / RUNS[run][0]).read_text()))
        printed[key] = render(report(result, lang), "text")
    return printed


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_a_table_is_on_its_row_of_what_the_command_prints(decks, files, lang):
    printed = _printed(lang)
    for slide, page in zip(decks[lang].slides, files[lang].slides):
        if slide.kind != "table":
            continue
        lines = printed[slide.key].splitlines()
        for row in _rows(_tables(page)[0])[1:]:
            matching = [line for line in lines
                        if re.match(rf"\|\s*{re.escape(row[0])}\s*\|", line)]
            assert matching, (slide.key, row[0])
            cells = [c.strip() for c in matching[0].strip("|").split("|")]
            assert set(row) <= set(cells), (slide.key, row, cells)


def test_the_explosion_tables_numbers_are_the_commands_json_numbers(decks, files):
    import json

    printed = json.loads(invoke("table", "explosion", "--weight", "100", "--depth", "8",
                                "--format", "json").stdout)
    rows = printed["blocks"][0]["rows"]
    index = [s.key for s in decks["en"].slides].index("explosion")
    shown = _rows(_tables(files["en"].slides[index])[0])[1:]
    for got, row in zip(shown, rows):
        assert int(got[0]) == row["k"]
        assert float(got[1]) == pytest.approx(row["backprop"], rel=5e-4)
        assert float(got[2]) == pytest.approx(row["closed_form"], rel=5e-4)


def test_every_figure_slide_has_one_picture_of_its_figure(decks, files):
    for lang in LANGS:
        for slide, page in zip(decks[lang].slides, files[lang].slides):
            pictures = [s for s in page.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
            assert len(pictures) == (slide.kind == "figure"), slide.key
            if pictures:
                assert pictures[0].image.blob == STAND_IN
    assert {name for name, _ in BUILT} == {s.figure for s in decks["ja"].slides if s.figure}
    assert all(tuple(fig.get_size_inches()) == (16.0, 9.0) for fig in BUILT.values())


def test_every_slide_figures_legends_and_texts_stay_inside_the_figure(decks):
    # a legend or a label that a crowded figure pushed past the canvas is cut off on the slide
    # (the product figure's two legend columns ran past both edges; the remedies' legends did at
    # the slides style's sizes)
    for (name, _), fig in BUILT.items():
        renderer = fig.canvas.get_renderer()
        width, height = fig.bbox.width, fig.bbox.height
        artists = [*(a.get_legend() for a in fig.axes), *fig.legends, *fig.texts,
                   *(a.title for a in fig.axes), fig._suptitle, fig._supxlabel]
        for artist in filter(None, artists):
            x0, y0, x1, y1 = artist.get_window_extent(renderer).extents
            assert x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1, (
                name, artist, (x0, y0, x1, y1))


def test_a_figure_slide_shows_the_registrys_figure_drawn_in_slide_style(data):
    from analytic.present.figures import figure_bytes

    deck = with_pictures(lecture("ja", data, ["sigmoid"]))
    expected = figure_bytes("sigmoid_derivative", data.gallery("sigmoid_derivative"), "ja",
                            "slides", "png")
    page = pptx.Presentation(io.BytesIO(deck_bytes(deck))).slides[0]
    assert [s.image.blob for s in page.shapes if s.shape_type == 13] == [expected]


# --- notes ---------------------------------------------------------------------------------------
def test_every_slide_has_speaker_notes_ending_with_the_command_that_prints_its_numbers(decks,
                                                                                      files):
    for lang in LANGS:
        for slide, page in zip(decks[lang].slides, files[lang].slides):
            notes = page.notes_slide.notes_text_frame.text
            assert notes == slide.notes and len(notes) > 80, slide.key
            if slide.source:
                assert notes.splitlines()[-1].endswith(f"`{slide.source}`")


def test_the_commands_the_notes_name_are_valid_command_lines(decks):
    for slide in decks["en"].slides:
        if not slide.source:
            continue
        args = slide.source.split()[1:]
        group, words = analytic, []
        while args and args[0] in getattr(group, "commands", {}):
            group = group.commands[args[0]]
            words.append(args.pop(0))
        assert not hasattr(group, "commands"), slide.source
        group.make_context(" ".join(words), list(args))  # raises on an unknown option or value


def test_the_chain_slides_give_the_derivation_sympy_made(decks):
    chain = next(s for s in decks["en"].slides if s.key == "chain")
    assert "∂C/∂b₁ = σ′(z₁) · w₂ · σ′(z₂) · w₃ · σ′(z₃) · w₄ · σ′(z₄) · ∂C/∂a₄" in [
        p.text for p in chain.paragraphs]
    assert "∂z₂/∂z₁ = σ′(z₁) w₂" in chain.notes
    # each check says what it found equal to what (the report's continuation lines "= ..." get
    # their subject back)
    checks = [p.text for p in chain.paragraphs if p.text.startswith("Checked:")]
    assert len(checks) == 3 and all("product form = " in c and ": = " not in c for c in checks)


def test_prelu_and_rrelu_act_below_zero_and_rrelu_uses_its_mean_slope_at_test_time(decks):
    relu = next(s for s in decks["en"].slides if s.key == "relu")
    texts = [p.text for p in relu.paragraphs]
    prelu, rrelu = (next(t for t in texts if t.startswith(name)) for name in ("PReLU", "RReLU"))
    mean = (Fraction(1, 8) + Fraction(1, 3)) / 2
    assert "z < 0" in prelu and "z < 0" in rrelu and "z > 0" not in prelu + rrelu
    assert "U(1/8, 1/3)" in rrelu and f"= {mean} ≈ {float(mean):.3g}" in rrelu


# --- what the words claim ------------------------------------------------------------------------
def test_the_median_product_stays_below_the_bound_at_every_depth_shown(decks):
    product = next(s for s in decks["en"].slides if s.key == "product")
    keys = [c.key for c in product.table.columns]
    for row in product.table.blocks[0].rows:
        assert row[keys.index("median")] < row[keys.index("bound")]
    # and the notes' caveat: some weights exceed 1, so the 90 % point passes the bound at k = 1
    first = product.table.blocks[0].rows[0]
    assert first[keys.index("k")] == 1 and first[keys.index("p90")] > first[keys.index("bound")]


def test_the_deeper_networks_train_no_better_than_the_shallowest(data):
    r = data.runs["depth_accuracy"]
    rows = report(r).tables[0].blocks[0].rows
    assert all(row[2] <= rows[0][2] for row in rows[1:])


def test_training_does_not_close_the_gap_between_the_first_and_last_layer(data):
    from analytic.present.deck.lecture import speed_ratios

    assert speed_ratios(data.runs["training_speed"]).min() > 10


def test_the_remedies_bring_the_speed_ratio_near_1_from_the_plain_networks_millions(data):
    rows = data.runs["remedies"].rows
    ratios = {row.remedy.name: row.spread("ratio_init").median for row in rows}
    assert ratios["plain"] > 1e5 and 0.1 < ratios["relu"] < 10 and 0.1 < ratios["residual"] < 10


# --- fonts and fit -------------------------------------------------------------------------------
def _runs(presentation):
    from pptx.oxml.ns import qn

    for slide in presentation.slides:
        for part in (slide, slide.notes_slide):
            for r in part._element.iter(qn("a:r")):
                yield r, r.find(qn("a:t")).text or ""


def test_every_run_names_one_deck_font_that_has_a_glyph_for_each_of_its_characters(files):
    from matplotlib.font_manager import get_font  # cached: its file is never left to the GC
    from pptx.oxml.ns import qn

    fonts = {family: get_font(str(font_file(family))) for family in FONTS["ja"]}
    for lang in LANGS:
        count = 0
        for r, text in _runs(files[lang]):
            rPr = r.find(qn("a:rPr"))
            faces = {rPr.find(qn(f"a:{tag}")).get("typeface") for tag in ("latin", "ea", "cs")}
            assert len(faces) == 1 and faces <= set(FONTS[lang]), (text, faces)
            font = fonts[faces.pop()]
            missing = [ch for ch in text if font.get_char_index(ord(ch)) == 0]
            assert missing == [], (lang, text, missing)
            count += 1
        assert count > 200


def _pieces(text: str) -> list[str]:
    # where a viewer may break a line: after a space, and around Japanese characters (not
    # before closing or after opening punctuation)
    def wide(ch):
        import unicodedata

        return unicodedata.east_asian_width(ch) in "WF"

    pieces, current = [], ""
    for i, ch in enumerate(text):
        if current and ch != " " and (current[-1] == " " or (
                (wide(current[-1]) or wide(ch)) and ch not in CLOSING
                and current[-1] not in OPENING)):
            pieces.append(current)
            current = ""
        current += ch
    return pieces + [current] if current else pieces


class Pillow:
    """Widths in points measured with Pillow's FreeType text layout."""

    def __init__(self):
        from PIL import ImageFont

        self.fonts = {f: ImageFont.truetype(str(font_file(f)), 1000) for f in FONTS["ja"]}

    def width(self, runs, size: float, lang: str) -> float:
        import unicodedata

        text = "".join(t for _, t in runs)
        changes = sum((unicodedata.east_asian_width(a) in "WF") != (
            unicodedata.east_asian_width(b) in "WF") for a, b in zip(text, text[1:]))
        space = SCRIPT_SPACE * changes if lang == "ja" else 0.0
        return size * (sum(self.fonts[f].getlength(t) for f, t in runs) / 1000 + space)


def _paragraph_runs(p, qn):
    return [(r.find(qn("a:rPr")).find(qn("a:latin")).get("typeface"), r.find(qn("a:t")).text)
            for r in p.iter(qn("a:r"))]


def _lines(runs, room: float, size: float, lang: str, pillow: Pillow) -> int:
    # greedy filling, piece by piece, each piece keeping the fonts of its characters
    fonts = [f for f, t in runs for _ in t]
    text, lines, start, end, at = "".join(t for _, t in runs), 1, 0, 0, 0
    for piece in _pieces(text):
        end = at + len(piece)
        line = text[start:end].rstrip()
        runs_of = _split(text, fonts, start, start + len(line))
        if pillow.width(runs_of, size, lang) > room:
            lines += 1
            start = at
            alone = _split(text, fonts, at, at + len(piece.rstrip()))
            assert pillow.width(alone, size, lang) <= room, (piece, room)
        at = end
    return lines


def _split(text, fonts, a, b):
    runs, i = [], a
    while i < b:
        j = i
        while j < b and fonts[j] == fonts[i]:
            j += 1
        runs.append((fonts[i], text[i:j]))
        i = j
    return runs


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_runs_past_its_box_when_pillow_measures_and_wraps_it(files, lang):
    from pptx.oxml.ns import qn

    pillow = Pillow()
    for number, slide in enumerate(files[lang].slides, start=1):
        for shape in slide.shapes:
            x, y = shape.left / EMU, shape.top / EMU
            w, h = shape.width / EMU, shape.height / EMU
            assert x >= 0 and y >= 0 and x + w <= SLIDE_WIDTH + 0.5, (number, shape.name)
            assert y + h <= SLIDE_HEIGHT + 0.5, (number, shape.name)
            if shape.has_text_frame:
                frame = shape.text_frame
                room = w - (frame.margin_left + frame.margin_right) / EMU
                height = (frame.margin_top + frame.margin_bottom) / EMU
                for i, p in enumerate(frame._txBody.iter(qn("a:p"))):
                    runs = _paragraph_runs(p, qn)
                    size = int(p.find(qn("a:r")).find(qn("a:rPr")).get("sz")) / 100
                    pPr = p.find(qn("a:pPr"))
                    indent = int(pPr.get("marL", "0")) / EMU
                    spacing = int(pPr.find(qn("a:lnSpc"))[0].get("val")) / 100
                    before = int(pPr.find(qn("a:spcBef"))[0].get("val")) / 100
                    lines = _lines(runs, room - indent, size, lang, pillow)
                    height += lines * spacing + (before if i else 0)
                assert height <= h + 0.5, (lang, number, shape.name, height, h)
            if shape.has_table:
                table = shape.table
                widths = [c.width / EMU for c in table.columns]
                assert sum(r.height for r in table.rows) / EMU <= h + 0.5
                for row in table.rows:
                    for cell, width in zip(row.cells, widths):
                        room = width - (cell.margin_left + cell.margin_right) / EMU
                        for p in cell.text_frame._txBody.iter(qn("a:p")):
                            runs = _paragraph_runs(p, qn)
                            size = int(p.find(qn("a:r")).find(qn("a:rPr")).get("sz")) / 100
                            assert pillow.width(runs, size, lang) <= room + 0.5, (
                                lang, number, runs, room)


def test_the_japanese_deck_leaves_no_english_word_in_its_slides_or_notes(files):
    def words(presentation):
        text = " ".join(t for _, t in _runs(presentation))
        text = re.sub(r"`[^`]*`", " ", text)  # a command is the same in both languages
        # so are identifiers (a_prev) and activations as options name them (leaky_relu:slope=0.25)
        return english_words(re.sub(r"[\w:=.]*_[\w:=.]*", " ", text))

    names = NAMES | {"Nielsen", "Poole", "Schoenholz", "Ioffe", "Szegedy", "LSTM", "Learning",
                     "Neural", "Networks", "Deep",  # the book's title is a name
                     "diag"}  # and diag(·) a formula's
    left = words(files["en"]) & words(files["ja"]) - names
    assert left == set(), sorted(left)


# --- files ---------------------------------------------------------------------------------------
def test_the_pdf_deck_has_a_page_per_slide_embeds_both_fonts_and_no_timestamp(data):
    deck = with_pictures(lecture("ja", data, ["chain", "product", "relu"]), lambda *a: STAND_IN)
    pdf = deck_bytes(deck, "pdf")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3
    assert b"IPAexGothic" in pdf and b"DejaVuSans" in pdf
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_the_same_deck_gives_the_same_pptx_bytes(data):
    deck = with_pictures(lecture("en", data, ["relu", "explosion"]), lambda *a: STAND_IN)
    first = deck_bytes(deck)
    assert deck_bytes(deck) == first
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b"dcterms:created" not in archive.read("docProps/core.xml")


def test_the_command_writes_the_deck_where_out_says_and_lists_its_slides(tmp_path):
    done = invoke("slides", "--only", "relu,chain", "--lang", "ja", "--out",
                  str(tmp_path / "deck.pptx"))
    assert done.exit_code == 0, done.output
    assert done.stderr.strip() == f"wrote {tmp_path / 'deck.pptx'}"
    assert "ReLU の仲間" in done.stdout and len(list(tmp_path.iterdir())) == 1
    done = invoke("slides", "--only", "relu", "--figure", "pdf", "--out", str(tmp_path / "in"))
    assert done.exit_code == 0 and (tmp_path / "in" / "lecture-only-relu.pdf").is_file()


@pytest.mark.parametrize("args, says", [
    (("--out", "deck.pdf"), "names a .pdf file but the deck is .pptx"),
    (("--only", "nope"), "unknown slide 'nope'"),
    (("--figure", "png"), "--figure"),
])
def test_a_bad_deck_request_is_one_line_and_writes_nothing(args, says, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(invoke("slides", "--only", "relu", *args), says)
    assert list(tmp_path.iterdir()) == []


def test_without_python_pptx_the_command_says_in_one_line_how_to_install_it(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setitem(sys.modules, "pptx", None)
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(invoke("slides", "--only", "relu"),
                          "pip install 'analytic-gradients[slides]'")
    assert list(tmp_path.iterdir()) == []
    assert invoke("slides", "--only", "relu", "--figure", "pdf").exit_code == 0


# --- rendered ------------------------------------------------------------------------------------
def _rendered(pdf: bytes, tmp_path, dpi: int = 30) -> list:
    # poppler's pdftoppm, a renderer independent of matplotlib, draws each page as a PNG
    import shutil
    import subprocess

    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "render.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(tmp_path / "render.pdf"),
                    str(tmp_path / "page")], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob("page*.png"))]


def test_the_rendered_pdf_pages_are_slides_whose_ink_stays_inside_the_margins(data, tmp_path):
    keys = ["chain", "relu", "remedies", "research"]  # the longest Japanese text and table
    deck = with_pictures(lecture("ja", data, keys), lambda *a: STAND_IN)
    pages = _rendered(deck_bytes(deck, "pdf"), tmp_path)
    assert len(pages) == len(keys)
    for key, page in zip(keys, pages):
        assert page.size == (round(SLIDE_WIDTH * 30 / 72), round(SLIDE_HEIGHT * 30 / 72))
        _ink_stays_inside_the_margins(key, page)

def _ink_stays_inside_the_margins(key: str, page) -> None:
    # text that ran past its box would reach the slide's blank edges: the outer 2/3 of the side
    # margins (36 pt) and of the bottom margin (18 pt) must render white, the body must not
    from analytic.present.deck.layout import MARGIN

    w, h = page.size
    side, bottom = int(MARGIN * 2 / 3 * w / SLIDE_WIDTH), int(12 * h / SLIDE_HEIGHT)
    edges = [page.crop((0, 0, side, h)), page.crop((w - side, 0, w, h)),
             page.crop((0, h - bottom, w, h))]
    assert all(edge.getextrema()[0] > 250 for edge in edges), key
    assert page.crop((side, 0, w - side, h - bottom)).getextrema()[0] < 100, key


@pytest.mark.rendering
def test_libreoffice_renders_the_pptx_deck_with_its_ink_inside_the_margins(data, tmp_path):
    # LibreOffice wraps and sets the text itself (its own layout engine and font fallback): a
    # line it set wider than the deck measured would reach the margins
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    keys = ["chain", "relu", "remedies", "research"]
    deck = with_pictures(lecture("ja", data, keys), lambda *a: STAND_IN)
    (tmp_path / "deck.pptx").write_bytes(deck_bytes(deck, "pptx"))
    profile = (tmp_path / "profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")],
                   check=True, capture_output=True, timeout=300)
    pages = _rendered((tmp_path / "deck.pdf").read_bytes(), tmp_path / "pages")
    assert len(pages) == len(keys)
    for key, page in zip(keys, pages):
        _ink_stays_inside_the_margins(key, page)


def test_without_the_committed_runs_the_lecture_leaves_out_exactly_the_slides_that_read_them(
        tmp_path, monkeypatch):
    from analytic.present.deck.lecture import RECORDED

    bare = LectureData(tmp_path)  # an installed package: no docs/runs, no figures/*.json
    assert [s.key for s in lecture("ja", bare).slides] == [k for k in KEYS if k not in RECORDED]
    for key in RECORDED:  # each of them reads a run: asked for by name, it is refused
        with pytest.raises(ValueError, match="build it in a checkout"):
            lecture("en", LectureData(tmp_path), [key])
    # the command makes the rest and says in one line, in the deck's language, what it left out
    monkeypatch.setattr("analytic.present.deck.data.ROOT", tmp_path)
    monkeypatch.setattr("analytic.present.deck.model.with_pictures",
                        lambda deck, progress=None: with_pictures(deck, _stand_in))
    done = invoke("slides", "--lang", "ja", "--figure", "pdf", "--out", str(tmp_path / "d.pdf"))
    assert done.exit_code == 0, done.output
    note, wrote = done.stderr.strip().splitlines()
    assert note.startswith("注意：") and f" {len(RECORDED)} 枚" in note
    assert wrote == f"wrote {tmp_path / 'd.pdf'}"
