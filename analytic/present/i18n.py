"""Every string the figures, tables and reports show, in English and Japanese:
key -> {lang: text}, joined from the areas' tables in :mod:`analytic.present.strings`.

Formulas stay in the strings (as matplotlib mathtext, $...$, in the figures; in Unicode in
the text reports), which read the same in both languages. ``{name}``-style fields are filled
by :func:`tr`.
"""

from __future__ import annotations

from .strings import (
    batch_norm,
    cells,
    chain,
    chapter,
    deck,
    edge,
    experiments,
    inside,
    quiz,
    remedies,
    reproduce,
    theory,
)

LANGUAGES = ("en", "ja")


def _joined(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    # one table of every string; a key defined in two areas is a mistake, not an override
    joined: dict[str, dict[str, str]] = {}
    for part in tables:
        clash = joined.keys() & part.keys()
        if clash:
            raise ValueError(f"strings defined twice: {', '.join(sorted(clash))}")
        joined.update(part)
    return joined


STRINGS = _joined(
    chapter.STRINGS, experiments.STRINGS, inside.STRINGS, remedies.STRINGS, chain.STRINGS,
    theory.STRINGS, cells.STRINGS, batch_norm.STRINGS, reproduce.STRINGS, edge.STRINGS,
    deck.STRINGS, quiz.STRINGS,
)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from: {', '.join(LANGUAGES)}")
    return lang


def tr(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang`` with its fields filled in.

    >>> tr("legend.window", "ja", w=6, width="0.31")
    '$w$ = 6：幅 0.31'
    """
    return STRINGS[key][check_language(lang)].format(**fields)
