"""The string table: every key the figures use exists in both languages, with plain fields."""

import re
import string
from pathlib import Path

import numpy as np
import pytest

from analytic.present import i18n
from analytic.present.figures import FIGURES, GALLERY, build_figure
from analytic.present.i18n import LANGUAGES, STRINGS

FIGURE_CODE = Path(i18n.__file__).parent / "figures"


def fields(text):
    """(name, format spec, conversion) of every replacement field of a format string."""
    return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None]


def test_every_string_is_in_both_languages_with_the_same_plain_name_fields():
    for key, texts in STRINGS.items():
        assert sorted(texts) == sorted(LANGUAGES), key
        per_language = []
        for lang, text in texts.items():
            found = fields(text)  # a single { or } that is not a field raises ValueError here
            # plain names only: {k+1} or {0} would be a mistake for a literal {{k+1}}
            assert all(name.isidentifier() and not spec and conv is None
                       for name, spec, conv in found), (key, lang, text)
            per_language.append(sorted(name for name, _, _ in found))
        assert all(names == per_language[0] for names in per_language), key


def test_a_literal_brace_must_be_doubled():
    assert fields(r"$b_{{k+1}}$") == [] and fields("{w}: width") == [("w", "", None)]
    assert not fields(r"$b_{k+1}$")[0][0].isidentifier()
    with pytest.raises(ValueError):
        fields("a } alone")


def test_every_key_written_in_the_figure_code_is_in_the_table():
    keys = {spec.title for spec in FIGURES.values()}
    for module in FIGURE_CODE.glob("*.py"):
        keys |= set(re.findall(r"""\btext\(\s*["']([\w.]+)["']""", module.read_text()))
    assert len(keys) > 30  # the scan found the calls
    assert sorted(keys - set(STRINGS)) == []


#: The text reports whose words are keys of the table, and the areas those keys start with.
REPORT_CODE = sorted((Path(i18n.__file__).parent / "reports").glob("*.py"))
REPORT_KEY = re.compile(r"""["']((?:chain|tied|check|cost|window|identity|larger|explode"""
                        r"""|meanfield|predict)\.[\w.]+)["']""")


def test_every_key_written_in_the_report_code_is_in_the_table():
    keys = {k for module in REPORT_CODE for k in REPORT_KEY.findall(module.read_text())}
    assert len(keys) > 40  # the scan found the calls
    assert sorted(keys - set(STRINGS)) == []


def test_every_registered_cost_is_named_in_both_languages():
    from analytic.core.costs import COSTS

    assert sorted(f"cost.{name}" for name in COSTS if f"cost.{name}" not in STRINGS) == []


def test_a_key_defined_in_two_areas_is_refused():
    with pytest.raises(ValueError, match="defined twice: check.ok"):
        i18n._joined({"check.ok": {"en": "ok", "ja": "OK"}}, {"check.ok": {"en": "", "ja": ""}})


def test_every_key_the_figures_ask_for_while_drawing_is_in_the_table(gallery_data, monkeypatch):
    # keys made at run time (panel titles) included: record every key build_figure asks for
    from analytic.experiments.training import TRAINING_SPEED, TrainingSpeed

    asked = set()

    def recording_tr(key, lang, **fields):
        asked.add(key)
        return real_tr(key, lang, **fields) if key in STRINGS else key

    real_tr = i18n.tr
    monkeypatch.setattr(i18n, "tr", recording_tr)
    for name in GALLERY:
        build_figure(name, gallery_data[name], lang="ja")
    speeds = TrainingSpeed(TRAINING_SPEED, "bias-gradient", "test", np.ones((3, 2)), np.ones(3))
    build_figure("training_speed", speeds, lang="ja")
    assert "panel.relu" in asked and "exp.speed_title" in asked  # the recording worked
    assert sorted(asked - set(STRINGS)) == []
