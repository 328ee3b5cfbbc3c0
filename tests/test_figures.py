"""Rendering: no warnings (Japanese glyphs included), identical files, safe output, gallery.

The figures' data are computed once per session (the ``gallery_data`` fixture in conftest.py);
each test draws from them.
"""

import hashlib
import json
import os
import re
import warnings
from pathlib import Path

import matplotlib
import pytest
from helpers import seen_by_users
from matplotlib import font_manager
from matplotlib.figure import Figure

from analytic.present.figures import GALLERY, build_figure, figure_bytes, gallery_bytes
from analytic.present.figures.describe import (
    MANIFEST,
    describe,
    describe_figure,
    differences,
    png_size,
)
from analytic.present.figures.style import DPI, style_rc
from analytic.present.output import output_folder, write_files

GALLERY_DIR = Path(__file__).resolve().parents[1] / "figures"
#: Numbers of a figure's description must match the manifest to within this fraction of the
#: largest number beside them (in the same summary or pair of limits). Changes a reader can see
#: move them by far more (measured): one window curve drawn for w = 19 instead of 20 moves its
#: maximum by 5 %; the sigmoid band from 1,000 chains instead of 2,000 moves its median at
#: k = 20 by 0.07 decades on the log axis (3e-3 of the numbers beside it); a curve sampled on
#: 1,200 points instead of 1,201 changes a count. Rounding to 8 digits and differences between
#: NumPy and BLAS builds move them by less than 1e-7.
GALLERY_TOLERANCE = 1e-6


def render_all(out, fmt="png", lang="en", style="paper", only=None):
    # as the CLI does: the folder is checked before anything is drawn
    folder = output_folder(out)
    return write_files(folder, gallery_bytes(only, lang, style, fmt))


def drawing_warnings(name, data, lang, style):
    """Draw figure ``name`` (layout and text, as saving does, but no file); the warnings."""
    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context(style_rc(style, lang)):
        warnings.simplefilter("always")
        build_figure(name, data, lang, style).draw_without_rendering()
    return [f"{name} ({lang}, {style}): {w}" for w in seen_by_users(caught)]


def test_every_figure_draws_in_japanese_slides_without_any_warning(gallery_data):
    # a glyph missing from the fonts, or a layout that does not fit, warns while the figure is
    # laid out and its text measured, which drawing does without writing a file
    found = [w for name in GALLERY
             for w in drawing_warnings(name, gallery_data[name], "ja", "slides")]
    assert found == []
    # the check can fail: a character neither font has (Thai) warns the same way
    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context(style_rc("slides", "ja")):
        warnings.simplefilter("always")
        fig = Figure(layout="constrained")
        fig.add_subplot().set_title("勾配 \N{THAI CHARACTER KO KAI}")
        fig.draw_without_rendering()
    # matplotlib 3.8 says "missing from current font", newer ones "missing from font(s) ..."
    assert any("Glyph 3585" in w and "missing from" in w for w in seen_by_users(caught))


def test_a_japanese_figure_writes_as_pdf_with_its_font_embedded(gallery_data):
    # PDF embeds the fonts it uses: the Japanese one must go in, without a warning
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = figure_bytes("tanh_phase_diagram", gallery_data["tanh_phase_diagram"], "ja",
                           "slides", "pdf")
    assert seen_by_users(caught) == []
    assert b"IPAexGothic" in pdf and b"DejaVuSans" in pdf


def _english_text_problems(fig, charmap: set[int], parser) -> list[str]:
    # English figures are set in DejaVu Sans alone, so a character outside its character map is
    # exactly what would warn as a missing glyph; a mathtext segment must parse
    from matplotlib.text import Text

    problems = []
    for text in fig.findobj(Text):
        for i, part in enumerate(re.split(r"(?<!\\)\$", text.get_text())):
            if i % 2:
                parser.parse(f"${part}$")
            else:
                problems += [f"{ch!r} in {text.get_text()!r}" for ch in part
                             if not ch.isspace() and ord(ch) not in charmap]
    return problems


def test_every_english_text_has_its_glyphs_and_valid_mathtext(english_figures):
    from matplotlib.mathtext import MathTextParser

    # matplotlib's cached font: a font object of our own, collected later, would leave its
    # file unclosed and warn inside another test
    charmap = set(font_manager.get_font(font_manager.findfont("DejaVu Sans")).get_charmap())
    parser = MathTextParser("path")
    problems = [p for fig in english_figures.values()
                for p in _english_text_problems(fig, charmap, parser)]
    assert problems == []


def test_japanese_titles_are_set_in_the_packaged_ipaexgothic_font(gallery_data):
    with matplotlib.rc_context(style_rc("paper", "ja")):
        fig = build_figure("gradient_product", gallery_data["gradient_product"], lang="ja")
        title = fig.axes[0].title
        assert "勾配消失" in title.get_text() and "勾配爆発" in title.get_text()
        assert Path(font_manager.findfont(title.get_fontproperties())).name == "ipaexg.ttf"


# Identical files: the writer is the same for every figure, so a figure with Japanese text,
# mathtext, markers and a legend shows that a second run writes the same bytes; that each
# figure's data are the same on every run is shown by the gallery test below.
IDENTICAL = ["sigmoid_derivative"]


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_drawing_twice_gives_byte_identical_files(gallery_data, fmt):
    for name in IDENTICAL:
        first, second = (figure_bytes(name, gallery_data[name], "ja", "slides", fmt)
                         for _ in range(2))
        assert first == second, name
        assert b"CreationDate" not in first and b"<dc:date>" not in first


def test_the_same_command_writes_byte_identical_files(tmp_path):
    a = render_all(tmp_path / "a", "svg", "ja", only=IDENTICAL[:1])
    b = render_all(tmp_path / "b", "svg", "ja", only=IDENTICAL[:1])
    assert a[0].read_bytes() == b[0].read_bytes()


def test_slides_style_is_16_by_9(gallery_data):
    fig = build_figure("sigmoid_derivative", gallery_data["sigmoid_derivative"], style="slides")
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9, rel=1e-12)


def test_every_figure_has_a_title_and_labelled_axes(english_figures):
    for name, fig in english_figures.items():
        assert fig.get_suptitle() or fig.axes[0].get_title(), name
        for ax in fig.axes:
            # an axis that shares x with a labelled one below it is labelled by that one;
            # a colour bar carries its label on y
            shared = [a for a in ax.get_shared_x_axes().get_siblings(ax) if a is not ax]
            label = ax.get_xlabel() or ax.get_ylabel() if ax.get_label() == "<colorbar>" else (
                ax.get_xlabel() or any(a.get_xlabel() for a in shared))
            assert label, name


def test_the_committed_gallery_shows_what_the_code_draws(english_figures):
    """The README's PNGs against the code, through what a reader sees rather than pixels.

    ``tools/build_gallery.py`` writes each PNG together with ``figures/gallery.json``, which
    records the PNG's pixel size and sha256 and a description of the figure
    (``analytic.present.figures.describe``: size, titles, labels, scales, limits, legends, the
    ticks the code chose, texts, and a summary of every line, area, colour mesh and bar). This
    test redraws every gallery figure from the code and compares its description with the
    manifest: texts and counts exactly, numbers within GALLERY_TOLERANCE. A changed label,
    curve, colour, limit or legend fails; a new matplotlib or FreeType that anti-aliases the
    same figure differently does not. Each committed PNG must be the file the manifest
    describes (its sha256) and have the pixel size of the figure's size at the gallery's DPI.
    Run ``python tools/build_gallery.py`` after changing a figure, and look at the PNGs.
    """
    manifest = json.loads((GALLERY_DIR / MANIFEST).read_text())["figures"]
    assert sorted(manifest) == sorted(GALLERY)
    redraw = "redraw the gallery with: python tools/build_gallery.py"
    for name in GALLERY:
        entry, fresh = manifest[name], describe(english_figures[name])
        assert differences(entry["description"], fresh, GALLERY_TOLERANCE) == [], redraw
        png = (GALLERY_DIR / entry["png"]["file"]).read_bytes()
        assert hashlib.sha256(png).hexdigest() == entry["png"]["sha256"], f"{name}: {redraw}"
        width, height = png_size(png)
        assert (width, height) == (entry["png"]["width"], entry["png"]["height"]), name
        inches = fresh["size"]
        assert abs(width - inches[0] * DPI) <= 1 and abs(height - inches[1] * DPI) <= 1, name


def test_a_description_tells_a_changed_figure_from_the_same_one(gallery_data):
    # the gallery test can fail: one window curve drawn for w = 19 instead of 20 is a difference
    from analytic.present.figures.chain import window_data

    same = describe_figure("sigmoid_window", gallery_data["sigmoid_window"])
    other = describe_figure("sigmoid_window", window_data((2.0, 4.0, 6.0, 10.0, 19.0)))
    assert differences(same, describe_figure("sigmoid_window", window_data()), 1e-6) == []
    found = differences(same, other, GALLERY_TOLERANCE)
    assert any("lines[4]" in d for d in found) and any("legend" in d for d in found)


def test_an_interrupted_write_leaves_no_file_at_all(tmp_path, monkeypatch):
    import os as os_module

    calls = []

    def replace(src, dst):  # the second rename is interrupted
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    real = os_module.replace
    monkeypatch.setattr("analytic.present.output.os.replace", replace)
    with pytest.raises(KeyboardInterrupt):
        write_files(tmp_path, {"a.txt": b"a", "b.txt": b"b"})
    assert list(tmp_path.iterdir()) == []  # a.txt, moved in before the stop, is taken out again


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"only": ["nope"]}, "unknown figure 'nope'; choose from: sigmoid_derivative"),
        ({"fmt": "gif"}, "unknown format 'gif'; choose from: png, svg, pdf"),
        ({"lang": "fr"}, "unknown language 'fr'; choose from: en, ja"),
        ({"style": "poster"}, "unknown style 'poster'; choose from: paper, slides"),
    ],
)
def test_bad_requests_name_the_valid_choices(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        render_all(tmp_path, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_out_folder_is_created_and_a_file_in_its_place_is_refused(tmp_path):
    render_all(tmp_path / "missing" / "deeper", only=["sigmoid_window"])
    assert (tmp_path / "missing" / "deeper" / "sigmoid_window.png").exists()
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        render_all(tmp_path / "file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_an_unwritable_out_dir_is_refused(tmp_path):
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ValueError, match="cannot write"):
            render_all(tmp_path)
    finally:
        tmp_path.chmod(0o755)
