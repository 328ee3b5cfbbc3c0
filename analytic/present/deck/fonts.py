"""The deck's fonts: which font sets each character, and how wide a run of text is.

A language has a list of fonts: English DejaVu Sans; Japanese IPAexGothic for its full-width
characters (kana, kanji, Japanese punctuation) and DejaVu Sans for the rest, so that Latin
letters, digits, Greek and mathematical signs (σ′, ∂, subscripts, ∏, which IPAexGothic lacks
or sets full width) read the same in both languages. A stretch of characters in one font is
one *run*: the deck sets that font on the run, so no viewer needs to fall back to another.
Widths are the fonts' own advance widths (read with fontTools, which matplotlib depends on),
without kerning, which only narrows a line, plus the space some viewers (LibreOffice) put
between Japanese and Latin characters.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from pathlib import Path

#: The fonts of each language, in the order a character looks for its glyph.
FONTS = {"en": ("DejaVu Sans",), "ja": ("IPAexGothic", "DejaVu Sans")}
#: The space (in ems) a viewer may add where Japanese text meets Latin letters, digits or
#: spaces.
SCRIPT_SPACE = 0.25


@functools.cache
def font_file(family: str) -> Path:
    """The TrueType file of a deck font: DejaVu Sans from matplotlib, IPAexGothic from
    matplotlib-fontja."""
    if family == "DejaVu Sans":
        import matplotlib

        return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if family == "IPAexGothic":
        import matplotlib_fontja

        return Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf"
    raise ValueError(f"no font file for {family!r}")


@functools.cache
def _metrics(family: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(font_file(family), lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def has_glyph(family: str, ch: str) -> bool:
    """Whether ``family`` draws ``ch`` itself."""
    return ord(ch) in _metrics(family)[0]


def family_of(ch: str, lang: str) -> str:
    """The font that sets ``ch`` in ``lang``: the Japanese font for a full-width character, the
    Latin font (the language's last) for any other it has, else the first font that has it."""
    families = FONTS[lang]
    if wide(ch) and has_glyph(families[0], ch):
        return families[0]
    preferred = (families[-1], *families[:-1])
    return next((f for f in preferred if has_glyph(f, ch)), families[-1])


def runs(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """``text`` cut into (font, characters) runs, each set in one font.

    >>> list(runs("σ′(z₁) は 1/4", "ja"))
    [('DejaVu Sans', 'σ′(z₁) '), ('IPAexGothic', 'は'), ('DejaVu Sans', ' 1/4')]
    """
    start, current = 0, None
    for i, ch in enumerate(text):
        family = family_of(ch, lang)
        if family != current and i > start:
            yield current, text[start:i]
            start = i
        current = family
    if text:
        yield current, text[start:]


@functools.cache
def _advance(family: str, ch: str) -> float:
    cmap, hmtx, em = _metrics(family)
    glyph = cmap.get(ord(ch))
    return hmtx[glyph][0] / em if glyph is not None else 1.0


def wide(ch: str) -> bool:
    """Whether ``ch`` is a full-width (Japanese) character."""
    return unicodedata.east_asian_width(ch) in "WF"


def script_changes(text: str) -> int:
    """How often ``text`` passes from Japanese to other characters or back; a space counts as
    other (LibreOffice spaces a Japanese character from a space as from a letter).

    >>> script_changes("第 1 層"), script_changes("b₁は z₁に")
    (2, 3)
    """
    return sum(wide(a) != wide(b) for a, b in zip(text, text[1:]))


def text_width(text: str, size: float, lang: str) -> float:
    """The width of ``text`` set at ``size`` points, in points.

    >>> round(text_width("ああ", 10, "ja"), 6)
    20.0
    """
    space = SCRIPT_SPACE * script_changes(text) if lang == "ja" else 0.0
    return size * (sum(_advance(family_of(ch, lang), ch) for ch in text) + space)
