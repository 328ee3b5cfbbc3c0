"""``analytic theory depth-scale``: the numbers it prints are the library's, a diverging scale is
null with its reason in JSON and words in text (never Infinity or NaN), the figure comes in
both styles and languages, and bad variances end in one line.

References: relu's closed forms (χ₁ = σ_w²/2, the line at σ_w² = 2) and the library's
:func:`depth_scales`, itself checked in tests/test_depth_scales.py."""

from __future__ import annotations

import json

import pytest
from helpers import assert_one_line_error, invoke

from analytic.core.activations import tanh
from analytic.theory.depth_scales import depth_scales


def test_json_holds_the_points_numbers_and_the_line():
    done = invoke("theory", "depth-scale", "--sigma-w2", "2.5", "--points", "3",
                  "--format", "json", "--out", "/tmp/analytic-depth-scale-test")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    d = depth_scales(tanh(), 2.5, 0.05)
    assert data["c_star"] == d.c_star and data["xi_c"] == d.xi_c and data["phase"] == "chaotic"
    assert data["trainable_depth"] == pytest.approx(6 * d.xi_c, rel=1e-15)
    assert data["critical_sigma_w2"] == pytest.approx(1.76095, abs=1e-5)
    assert data["line"]["sigma_w2"][0] == pytest.approx(1.0, abs=1e-6)  # σ_b² = 0


def test_a_diverging_scale_is_null_with_a_reason_and_words_in_text(tmp_path):
    args = ("theory", "depth-scale", "--activation", "relu", "--sigma-w2", "2", "--sigma-b2",
            "0", "--points", "3", "--out", str(tmp_path))
    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert data["chi1"] == 1.0 and data["xi_c"] is None and data["trainable_depth"] is None
    assert data["reasons"]["xi_c"].startswith("diverges")
    text = invoke(*args).stdout
    assert "∞ (diverges)" in text and "inf" not in text.lower().replace("information", "")
    for lang in ("en", "ja"):
        raw = invoke(*args, "--format", "json", "--lang", lang).stdout
        assert "Infinity" not in raw and "NaN" not in raw


def test_beyond_relus_line_q_star_is_unbounded_and_said_so(tmp_path):
    args = ("theory", "depth-scale", "--activation", "relu", "--sigma-w2", "3", "--points", "3",
            "--out", str(tmp_path))
    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert data["q_star"] is None and "unbounded" in data["reasons"]["q_star"]
    assert data["chi1"] == pytest.approx(1.5, rel=1e-15)  # σ_w²/2 (σ_w = √3 squared)
    assert "q* unbounded" in invoke(*args).stdout


@pytest.mark.parametrize("style, lang", [("paper", "en"), ("slides", "ja")])
def test_the_figure_is_written_in_each_style_and_language(style, lang, tmp_path):
    done = invoke("theory", "depth-scale", "--points", "3", "--style", style, "--lang", lang,
                  "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    (png,) = tmp_path.glob("*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


@pytest.mark.parametrize("option, value", [("--sigma-w2", "0"), ("--sigma-w2", "-1"),
                                           ("--sigma-b2", "-0.1"), ("--points", "1")])
def test_bad_values_end_in_one_line(option, value, tmp_path):
    done = invoke("theory", "depth-scale", option, value, "--out", str(tmp_path))
    assert_one_line_error(done, option)
    assert list(tmp_path.iterdir()) == []
