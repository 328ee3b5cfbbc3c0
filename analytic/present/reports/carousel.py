"""The LSTM's carousel derivation as a report: its text in English or Japanese, its JSON (in
English whatever the language) and its LaTeX. Nothing is computed here: the example values
are those the numeric check found at its first random LSTM."""

from __future__ import annotations

from ...chain.carousel import CarouselDerivation
from ...chain.verify import Verification
from ..i18n import tr
from ..table import Report
from .chain import _checks_text


def carousel_json(d: CarouselDerivation, v: Verification) -> dict:
    """One JSON object: both identities, which one the text shows first, and the checks."""
    example = next((c.facts for c in v.checks if c.key == "carousel_bptt"), {})
    return {
        "cell": "lstm", "depth": d.steps, "tied": True, "gradient": f"∂c{d.steps}/∂c1",
        "shown": "carousel",
        "carousel": {"identity": d.text(), "factors": d.factor_strings()},
        "full": {"identity": d.full_text(), "paths_log2": d.steps - 1},
        "latex": d.latex(),
        "example": {k: example[k] for k in ("carousel", "full") if k in example},
        "verified": v.verified,
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in v.checks],
        "checks_not_run": list(v.not_run),
    }


def _paths(T: int) -> str:
    # 2^(T−1), with its value while it reads as a number
    return f"2^{T - 1} = {2 ** (T - 1):,}" if T <= 21 else f"2^{T - 1}"


def carousel_text(d: CarouselDerivation, v: Verification, lang: str = "en") -> str:
    """Both identities, the example values, then the checks."""
    status = tr("chain.verified" if v.verified else "chain.not_verified", lang)
    steps = tr("tied.steps" if d.steps > 1 else "tied.step", lang, steps=d.steps)
    lines = [tr("carousel.head", lang, steps=steps, status=status), "",
             tr("carousel.along", lang), "  " + d.text() + "   " + tr("carousel.gate", lang), "",
             tr("carousel.full", lang, paths=_paths(d.steps)),
             "  " + d.full_text() + "   " + tr("carousel.jacobian", lang)]
    example = next((c.facts for c in v.checks if c.key == "carousel_bptt"), None)
    if example and "full" in example:
        lines += ["", tr("carousel.example", lang, carousel=f"{example['carousel']:.4g}",
                         full=f"{example['full']:.4g}")]
    return "\n".join([*lines, "", tr("chain.checks", lang), *_checks_text(v, lang)])


def carousel_report(d: CarouselDerivation, v: Verification, lang: str = "en") -> Report:
    """The derivation as a report: its text, its JSON, and its formulas for LaTeX."""
    return Report(tuple(carousel_text(d, v, lang).split("\n")), data=carousel_json(d, v),
                  latex=d.latex())
