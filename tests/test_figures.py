"""Rendering: no warnings (Japanese glyphs included), identical files, safe output, gallery."""

import os
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.image import imread

from analytic.present.figures import GALLERY as FIGURES
from analytic.present.figures import build_figure, gallery_bytes
from analytic.present.figures.style import style_rc
from analytic.present.output import output_folder, write_files


def render_all(out, fmt="png", lang="en", style="paper", only=None):
    files = gallery_bytes(only, lang, style, fmt)
    return write_files(output_folder(out), files)

GALLERY = Path(__file__).resolve().parents[1] / "figures"
#: Largest mean absolute difference, per pixel and channel (0..1), between a committed gallery
#: PNG and a fresh render. Measured: a changed title gives 0.015, one window curve drawn for
#: w = 19 instead of 20 gives 0.010, the missing peak marker 0.022; small anti-aliasing changes
#: between FreeType builds stay well below 0.002.
GALLERY_TOLERANCE = 0.002


@pytest.fixture(scope="module")
def svg_twice_ja(tmp_path_factory):
    """Every figure in Japanese as SVG, twice, with every warning recorded."""
    dirs = [tmp_path_factory.mktemp(f"ja{i}") for i in range(2)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for d in dirs:
            render_all(d, "svg", "ja", "slides")
    return dirs, caught


def test_every_figure_renders_in_japanese_without_any_warning(svg_twice_ja):
    dirs, caught = svg_twice_ja
    assert [str(w.message) for w in caught] == []
    assert sorted(p.stem for p in dirs[0].iterdir()) == sorted(FIGURES)


def test_japanese_titles_are_set_in_the_packaged_ipaexgothic_font():
    with matplotlib.rc_context(style_rc("paper", "ja")):
        fig = build_figure("gradient_product", lang="ja")
        title = fig.axes[0].title
        assert "勾配消失" in title.get_text() and "勾配爆発" in title.get_text()
        assert Path(font_manager.findfont(title.get_fontproperties())).name == "ipaexg.ttf"


def test_the_same_command_writes_byte_identical_svg_files(svg_twice_ja):
    dirs, _ = svg_twice_ja
    for name in FIGURES:
        assert (dirs[0] / f"{name}.svg").read_bytes() == (dirs[1] / f"{name}.svg").read_bytes()


def test_the_same_command_writes_byte_identical_pdf_files(tmp_path):
    names = ["sigmoid_derivative", "relu_family", "sigmoid_window"]
    a = render_all(tmp_path / "a", "pdf", only=names)
    b = render_all(tmp_path / "b", "pdf", only=names)
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes() and b"CreationDate" not in pa.read_bytes()


def test_slides_style_is_16_by_9():
    fig = build_figure("sigmoid_derivative", style="slides")
    width, height = fig.get_size_inches()
    assert width / height == pytest.approx(16 / 9, rel=1e-12)


def test_every_figure_has_a_title_and_labelled_axes():
    for name in FIGURES:
        fig = build_figure(name)
        assert fig.get_suptitle() or fig.axes[0].get_title(), name
        for ax in fig.axes:
            # an axis that shares x with a labelled one below it is labelled by that one;
            # a colour bar carries its label on y
            shared = [a for a in ax.get_shared_x_axes().get_siblings(ax) if a is not ax]
            label = ax.get_xlabel() or ax.get_ylabel() if ax.get_label() == "<colorbar>" else (
                ax.get_xlabel() or any(a.get_xlabel() for a in shared))
            assert label, name


def test_the_committed_gallery_matches_what_the_code_draws_without_warnings(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fresh = render_all(tmp_path, "png", "en", "paper")
    assert [str(w.message) for w in caught] == []
    for path in fresh:
        committed = imread(GALLERY / path.name)
        drawn = imread(path)
        assert committed.shape == drawn.shape, path.name
        assert np.mean(np.abs(committed - drawn)) < GALLERY_TOLERANCE, path.name


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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # renamed before the stop
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


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
