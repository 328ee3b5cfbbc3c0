"""The lecture: about twenty slides, in order, computed from the library and its recorded runs.

:func:`lecture` turns the :class:`~.data.LectureData` into a :class:`~.model.Deck` in one
language, one slide function for each key of :data:`SLIDES` (:mod:`.mathematics` makes the
first half, :mod:`.findings` the second): every word through
:func:`~analytic.present.i18n.tr`, every table a report's own
(:func:`analytic.present.reports.report`, the teaching tables), every number formatted from the
computed value, every picture the registry's figure in slide style
(:func:`~.model.with_pictures` draws them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from ..i18n import check_language, tr
from . import findings as f
from . import mathematics as m
from .data import RUNS, LectureData, Text
from .findings import speed_ratios
from .model import Deck, Slide

__all__ = ["KEYS", "RECORDED", "RUNS", "SLIDES", "LectureData", "check_keys", "lecture",
           "speed_ratios"]

#: The lecture, in order: each slide's key (what ``analytic slides --only`` takes) and the
#: function that makes it.
SLIDES: dict[str, Callable[[LectureData, Text, str], Slide]] = {
    "opening": m.opening, "question": m.question, "neuron-bars": m.bars, "chain": m.chain,
    "derivation": m.derivation, "sigmoid": m.sigmoid_slide, "product": m.product,
    "product-figure": m.product_figure, "tanh": m.tanh_slide, "relu": m.relu_slide,
    "relu-figure": m.relu_figure, "explosion": m.explosion, "window": m.window,
    "training-speed": f.speed, "depth-accuracy": f.depth, "remedies": f.remedies,
    "remedies-figure": f.remedies_figure, "histograms": f.histograms, "saturation": f.saturation,
    "dying-relu": f.dead, "rnn": f.rnn, "mean-field": f.meanfield, "research": f.research,
}
KEYS = tuple(SLIDES)
#: The slides that read the committed runs (the chapter's experiments): a lecture made where
#: the runs are not (an installed package) leaves them out.
RECORDED = ("question", "training-speed", "depth-accuracy", "remedies", "remedies-figure",
            "saturation", "dying-relu")


def check_keys(keys: Sequence[str] | None) -> list[str]:
    """The slides to make, in the lecture's order; all of them when ``keys`` is empty."""
    from ..figures import in_order

    return in_order(keys, KEYS, "slide")


def lecture(lang: str = "en", data: LectureData | None = None,
            only: Sequence[str] | None = None) -> Deck:
    """The lecture deck in ``lang`` (the slides ``only`` names, or all), its pictures not yet
    drawn (:func:`~.model.with_pictures`); ``data`` is computed when not given. Without the
    committed runs the whole lecture leaves the :data:`RECORDED` slides out, and asking for one
    of them by name is refused.

    >>> [s.title for s in lecture("ja", only=["relu"]).slides]
    ['ReLU の仲間']
    """
    check_language(lang)
    keys = check_keys(only)
    data = LectureData() if data is None else data
    if not only and not data.has_runs:
        keys = [k for k in keys if k not in RECORDED]
    text = partial(_text, lang=lang)
    slides = tuple(SLIDES[key](data, text, lang) for key in keys)
    assert [s.key for s in slides] == keys, "a slide's key is its key in SLIDES"
    return Deck(lang, slides)


def _text(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, **fields)

