"""Text and JSON renderings of derivations and their checks (the CLI prints these); the text
in English or Japanese, the JSON in English whatever the language."""

from __future__ import annotations

from ...chain.derive import ProductForm, subscript
from ...chain.tied import TiedDerivation
from ...chain.verify import Check, CheckReport, NotRun, Verification
from ..i18n import tr
from ..table import Report


def derivation_json(d: ProductForm, v: Verification) -> dict:
    """One JSON object: the identity, its factors, and the checks that ran."""
    where = {"tied": True} if isinstance(d, TiedDerivation) else {"layer": d.layer}
    return {
        "depth": d.depth,
        **where,
        "activation": d.activation.spec,
        "cost": d.cost.name,
        "gradient": d.gradient_name,
        "product": d.product_text(),
        "factors": d.factor_strings(),
        "latex": d.latex(),
        "verified": v.verified,
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in v.checks],
        "checks_not_run": list(v.not_run),
    }


#: How a check's facts are shown (the rest as they are): the numeric check's error, tolerance.
FACT_FORMATS = {"error": "{:.1e}", "tolerance": "{:g}"}


def check_words(c: Check, lang: str) -> tuple[str, str]:
    """A check's name and detail in ``lang`` (in English, ``c.name`` and ``c.detail``)."""
    facts = {k: FACT_FORMATS.get(k, "{}").format(v) for k, v in c.facts.items()}
    return tr(f"check.{c.key}.name", lang), tr(f"check.{c.key}.detail", lang, **facts)


def not_run_words(s: NotRun, lang: str) -> str:
    """Why a check did not run, in ``lang`` (in English, ``s.note``)."""
    reason = tr(f"check.reason.{s.reason}", lang, **{k: f"{v:,}" for k, v in s.facts.items()})
    return tr("check.not_run", lang, check=tr(f"check.{s.check}.short", lang), reason=reason)


def _check_line(c: Check, lang: str) -> str:
    name, detail = check_words(c, lang)
    mark = tr("check.ok" if c.passed else "check.failed", lang)
    return tr("check.line", lang, mark=mark, name=name, detail=detail)


def _checks_text(v: Verification, lang: str) -> list[str]:
    ran = [_check_line(c, lang) for c in v.checks]
    return ran + [tr("check.skipped", lang, note=not_run_words(s, lang)) for s in v.skipped]


def _words(d: ProductForm, v: Verification, lang: str) -> dict[str, str]:
    # what both kinds of head say about the derivation
    status = tr("chain.verified" if v.verified else "chain.not_verified", lang)
    return {"act": d.activation.spec, "cost": tr(f"cost.{d.cost.name}", lang), "status": status}


def derivation_text(d: ProductForm, v: Verification, lang: str = "en") -> str:
    """The identity in Unicode, then the checks, in English or Japanese."""
    if isinstance(d, TiedDerivation):
        T = d.steps
        steps = tr("tied.steps" if T > 1 else "tied.step", lang, steps=T)
        head = tr("tied.head", lang, steps=steps, **_words(d, v, lang))
        # the same weight in every factor: the product scales like w^(T-1)
        body = ["  " + d.text()] + ([
            f"      = w^{T - 1} · ∏ {d.activation.symbol}′(z_t), t = 2..{T} · ∂C/∂h{subscript(T)}"
        ] if T > 1 else [])
    else:
        head = tr("chain.head", lang, depth=d.depth, **_words(d, v, lang))
        body = ["  " + d.text()]
    return "\n".join([head, "", *body, "", tr("chain.checks", lang), *_checks_text(v, lang)])


def check_json(r: CheckReport) -> dict:
    return {
        "depth": r.derivation.depth,
        "layer": r.derivation.layer,
        "activation": r.derivation.activation.spec,
        "cost": r.derivation.cost.name,
        "trials": r.trials,
        "seed": r.seed,
        "max_rel_error_backprop": r.max_rel_error_backprop,
        "max_rel_error_finite_difference": r.max_rel_error_finite_difference,
        "tolerance": r.tolerance,
        "symbolic_checks": [
            {"name": c.name, "passed": c.passed, "detail": c.detail}
            for c in r.verification.checks
        ],
        "passed": r.passed,
    }


def check_text(r: CheckReport, lang: str = "en") -> str:
    """The largest errors against the backprop and finite differences, then the checks."""
    d = r.derivation
    lines = [
        tr("check.head", lang, layer=d.layer, depth=d.depth, act=d.activation.spec,
           cost=tr(f"cost.{d.cost.name}", lang), trials=r.trials, seed=r.seed),
        tr("check.vs_backprop", lang, error=f"{r.max_rel_error_backprop:.2e}"),
        tr("check.vs_finite_difference", lang, error=f"{r.max_rel_error_finite_difference:.2e}"),
        tr("check.tolerance", lang, tolerance=f"{r.tolerance:g}"),
        tr("check.symbolic", lang),
        *_checks_text(r.verification, lang),
        tr("check.passed" if r.passed else "check.not_passed", lang),
    ]
    return "\n".join(lines)


def derivation_report(d: ProductForm, v: Verification, lang: str = "en") -> Report:
    """The derivation as a report: its text, its JSON, and its formula for LaTeX."""
    return Report(tuple(derivation_text(d, v, lang).split("\n")), data=derivation_json(d, v),
                  latex=d.latex())


def check_report(r: CheckReport, lang: str = "en") -> Report:
    """The check as a report: its text and its JSON."""
    return Report(tuple(check_text(r, lang).split("\n")), data=check_json(r))
