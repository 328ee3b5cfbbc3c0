"""The theory's results as reports: the window and identity problems, the larger-derivative
exercise, exploding gradients, and mean-field theory (text, markdown, csv, LaTeX, JSON;
English or Japanese).

Every word goes through :func:`~analytic.present.i18n.tr`; the column keys (csv, JSON) and the
JSON itself are the same in every language, the headers, notes and text follow ``lang``.
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp

from ...theory.explosion import Explosion
from ...theory.identity_neuron import IdentityProblem
from ...theory.larger_derivative import STABLE, LargerDerivative
from ...theory.meanfield import MeanField
from ...theory.prediction import Prediction
from ...theory.window import WindowProblem, readable_width
from ..i18n import tr
from ..table import Column, Report, infinite_reason, table
from .words import data_name


def lines(key: str, lang: str, **fields: object) -> tuple[str, ...]:
    """A string of several lines, as the lines a report holds."""
    return tuple(tr(key, lang, **fields).split("\n"))


# --- the window --------------------------------------------------------------------------------
def window_report(p: WindowProblem, lang: str = "en") -> Report:
    """The window problem solved: the bound |w|/4, the window's width, its widest."""
    d, widest = p.derivation, p.widest
    ok = lambda b: tr("window.proved" if b else "window.not_proved", lang)  # noqa: E731
    text = (
        tr("window.title", lang),
        "",
        *lines("window.step1", lang, ok=ok(d.second_derivative_factored), z=d.steepest_z,
               peak=d.max_sigma_prime, min_w=d.min_abs_w),
        *lines("window.step2", lang, ok=ok(d.equals_chapter)),
        *lines("window.step3", lang, argmax=f"{widest.argmax_abs_w:.10f}",
               width=f"{widest.max_width:.10f}", width_short=f"{widest.max_width:.3f}"),
    )
    data = {
        "min_abs_w": int(d.min_abs_w), "max_sigma_prime": str(d.max_sigma_prime),
        "steepest_z": str(d.steepest_z),
        "width_formula": "2/|w| * ln((1 + r)/(1 - r)), r = sqrt(1 - 4/|w|)",
        "width_formula_chapter": "2/|w| * ln(|w| (1 + sqrt(1 - 4/|w|))/2 - 1)",
        "width_sympy": str(readable_width()), "equals_chapter": d.equals_chapter,
        "is_interval": d.second_derivative_factored,
        "argmax_abs_w": widest.argmax_abs_w, "max_width": widest.max_width,
    }
    latex = "\n".join([
        r"\begin{align}",
        rf"|w\,\sigma'(wa+b)| &\le \frac{{|w|}}{{4}}, \qquad |w| \ge {sp.latex(d.min_abs_w)},\\",
        rf"\Delta a &= {sp.latex(readable_width()).replace('W', '|w|')}"
        r" = \frac{2}{|w|}\ln\!\left(\frac{|w|\left(1+\sqrt{1-4/|w|}\right)}{2}-1\right),\\",
        tr("window.latex_widest", lang, width=f"{widest.max_width:.6f}",
           argmax=f"{widest.argmax_abs_w:.6f}"),
        r"\end{align}",
    ])
    return Report(text, data=data, latex=latex)


# --- the identity neuron ----------------------------------------------------------------------
def _unicode(expr: sp.Expr) -> str:
    return sp.sstr(expr).replace("Delta", "Δ").replace("w_1", "w₁").replace("**", "^")


def identity_columns(lang: str) -> tuple[Column, ...]:
    """The identity table's columns (the formulas are headers in every language)."""
    word = lambda key: tr(f"identity.col.{key}", lang)  # noqa: E731
    return (
        Column("w1", "w₁", "{:g}"), Column("w2", "w₂", "{:g}"), Column("b", "b", "{:g}"),
        Column("offset", word("offset"), "{:g}"),
        Column("worst_error", word("worst_error"), "{:.4e}"),
        Column("scanned_error", word("scanned_error"), "{:.4e}"),
        Column("leading_term", "w₁²/96", "{:.3e}"),
    )


def identity_report(p: IdentityProblem, lang: str = "en") -> Report:
    """The identity neuron: SymPy's series, what remains, and the error for each w₁."""
    d = p.derivation
    head = (
        tr("identity.title", lang),
        "",
        tr("identity.choice", lang),
        f"  w₂ σ(w₁x + b) = {_unicode(d.series)} + O(w₁⁶)",
        "               = x + (2/w₁ − 1/2) − w₁²Δ³/12 + O(w₁⁴)",
        *lines("identity.remains", lang),
    )
    columns = identity_columns(lang)
    rows = [tuple(getattr(r, c.key) for c in columns) for r in p.rows]
    data = {
        "choice": {"b": "-w1/2", "w2": "4/w1", "offset": "2/w1 - 1/2"},
        "series": str(d.series), "residual": str(d.residual_series),
        "leading_error": str(d.leading_error),
        "worst_error_formula": "1/2 - (2/w1) tanh(w1/4) ≈ w1^2/96",
        "rows": [vars(r) for r in p.rows],
    }
    return Report(head, (table("identity", "", columns, rows),), data=data)


# --- the larger-derivative exercise -----------------------------------------------------------
#: What an infinite entry of the exercise's table means (the JSON's reason beside its null).
LARGER_INFINITE = {
    "widest_window": {"+": "infinite: the window is a half-line (every a > 0 when |w| >= 1)"},
    "median_log10": {"-": "negative and infinite: the median chain's product is exactly 0 in "
                          "float64 (a unit off, or a derivative that underflows)"},
}


def larger_columns(lang: str) -> tuple[Column, ...]:
    """The larger-derivative table's columns (the formulas are headers in every language)."""
    word = lambda key: tr(f"larger.col.{key}", lang)  # noqa: E731
    return (
        Column("activation", word("activation")), Column("weight_std", "s", "{:g}"),
        Column("max_prime", "max φ′", "{:.3g}"),
        Column("widest_window", word("widest_window"), "{:.3g}", LARGER_INFINITE["widest_window"]),
        Column("median_log10", word("median_log10"), "{:.1f}", LARGER_INFINITE["median_log10"]),
        Column("zero", word("zero"), "{:.1%}"), Column("vanished", word("vanished"), "{:.1%}"),
        Column("stable", word("stable"), "{:.1%}"),
        Column("exploded", word("exploded"), "{:.1%}"),
        Column("drift", word("drift"), "{:.2f}"), Column("spread", word("spread"), "{:.2f}"),
    )


def larger_derivative_report(r: LargerDerivative, lang: str = "en") -> Report:
    """The exercise answered: the window of a steeper φ, sampled chains, lined-up factors."""
    head = (
        tr("larger.question", lang),
        "",
        *lines("larger.window", lang, width=f"{r.widest.max_width:.4f}"),
        "",
        *lines("larger.sampled", lang, depth=r.depth, chains=r.chains, seed=r.seed,
               low=f"{1 / STABLE:g}", high=f"{STABLE:g}"),
    )
    columns = larger_columns(lang)
    rows = [tuple(getattr(row, c.key) for c in columns) for row in r.rows]
    (low, _), (one, _), (high, _) = r.lined_up
    products = [p for _, p in r.lined_up]
    tail = (
        *lines("larger.lined_up", lang, layers=r.depth - 1, low=f"{low:g}",
               low_product=f"{products[0]:.3g}", one=f"{one:g}", one_product=f"{products[1]:g}",
               high=f"{high:g}", high_product=f"{products[2]:.3g}"),
        *lines("larger.conclusion", lang),
    )
    data = {
        "depth": r.depth, "chains": r.chains, "seed": r.seed, "stable_band": [1 / STABLE, STABLE],
        "lined_up": {f"{f:g}": p for f, p in r.lined_up},
        "rows": [_with_reasons(vars(row), LARGER_INFINITE) for row in r.rows],
    }
    return Report(head, (table("larger-derivative", "", columns, rows),), tail, data)


def _with_reasons(row: dict, words: dict[str, dict[str, str]]) -> dict:
    # an infinite entry's reason, in the words of its column
    reasons = {f"{k}_reason": infinite_reason(v, words.get(k)) for k, v in row.items()}
    return row | {k: why for k, why in reasons.items() if why}


# --- exploding gradients in general -------------------------------------------------------------
def _linear_note(e: Explosion, lang: str) -> str:
    # why the bias trick cannot help an activation that is linear above 0
    a = e.activation
    if not a.linear_above_zero:
        return ""
    off = (tr("explode.off_slope", lang, slope=f"{a.negative_slope:g}") if a.piecewise_linear
           else tr("explode.off_below", lang))
    dead = tr("explode.dead", lang) if a.negative_slope == 0 else ""
    return tr("explode.note", lang, name=a.name, off=off, dead=dead)


def explosion_report(e: Explosion, lang: str = "en") -> Report:
    """The exploding construction: the biases, the per-layer factor, ∂C/∂b₁ and the backprop."""
    s = e.activation.symbol
    note = _linear_note(e, lang)
    held = (tr("explode.held_linear", lang) if note
            else tr("explode.held_steepest", lang, phi=s))
    beyond = e.beyond_float64
    first = (tr(f"explode.first_{beyond}", lang, why=tr(f"float64.{beyond}", lang),
                first=f"{e.backprop_first:.10g}") if beyond
             else tr("explode.first_error", lang, first=f"{e.backprop_first:.10g}",
                     error=f"{e.backprop_first_error:.1e}"))
    text = (
        tr("explode.title", lang, depth=e.depth, act=e.activation.spec, weight=f"{e.weight:g}",
           x=f"{e.x:g}", y=f"{e.y:g}"),
        "",
        tr("explode.hold", lang, z=e.z_star, held=held),
        f"  b₁ = {e.first_bias}    b_j = {e.bias}  (j >= 2)",
        tr("explode.factor", lang, phi=s, factor=e.factor, dC_da=e.dC_da),
        f"  ∂C/∂b₁ = {s}′(z*) (W {s}′(z*))^(L−1) ∂C/∂a_L = {e.gradient}",
        tr("explode.at", lang, weight=f"{e.weight:g}", depth=e.depth,
           factor=f"{e.factor_value:g}", gradient=mpmath.nstr(e.gradient_value, 10)),
        "",
        tr("explode.backprop", lang),
        first,
        tr("explode.ratio", lang, error=f"{e.backprop_max_ratio_error:.1e}"),
        "  " + tr("explode.confirmed" if e.confirmed else "explode.not_confirmed", lang),
    )
    data = {
        "activation": e.activation.spec, "weight": e.weight, "depth": e.depth,
        "x": e.x, "y": e.y, "z_star": str(e.z_star),
        "first_bias": str(e.first_bias), "bias": str(e.bias),
        "factor": str(e.factor), "factor_value": e.factor_value,
        "gradient": str(e.gradient), "gradient_value": mpmath.nstr(e.gradient_value, 17),
        "backprop_gradient": e.backprop_first if math.isfinite(e.backprop_first) else None,
        "backprop_max_ratio_error": e.backprop_max_ratio_error,
        "backprop_gradient_error": None if beyond else e.backprop_first_error,
        **({"backprop_gradient_reason": tr(f"float64.{beyond}", "en")} if beyond else {}),
        "confirmed": e.confirmed, "note": _linear_note(e, "en") or None,
    }
    phi = e.activation.latex
    latex = (
        rf"b_1 = {sp.latex(e.first_bias)},\quad b_j = {sp.latex(e.bias)},\quad "
        rf"\frac{{\partial C}}{{\partial b_1}} = {phi}'(z^*)\,\bigl(W {phi}'(z^*)\bigr)^{{L-1}}"
        rf"\frac{{\partial C}}{{\partial a_L}} = {sp.latex(e.gradient)}"
    )
    return Report(text, footer=(note,) if note else (), data=data, latex=latex)


# --- mean field --------------------------------------------------------------------------------
def _chi_data(m: MeanField) -> dict:
    # an infinite q* or depth scale is null, with the reason in words
    data = {
        "activation": m.activation, "sigma_w": m.sigma_w, "sigma_b": m.sigma_b,
        "q_star": m.q_star, "chi1": m.chi1, "per_layer_factor": m.per_layer_factor,
        "depth_scale": m.depth_scale, "regime": m.regime,
    }
    for key in ("q_star", "depth_scale"):
        if math.isinf(data[key]):
            data[key], data[f"{key}_reason"] = None, tr(f"meanfield.{key}_infinite", "en")
    return data


def q_star_words(m: MeanField, lang: str, fmt: str = "{:.10g}") -> str:
    """q* as a number, or in words when the variance map has no finite fixed point."""
    if math.isinf(m.q_star):
        return tr("meanfield.q_star_infinite", lang)
    return fmt.format(m.q_star)


def chi_report(m: MeanField, lang: str = "en") -> Report:
    """q*, χ₁, the per-layer gradient factor √χ₁ and the depth scale of one set-up."""
    depth_scale = (tr("meanfield.depth_scale", lang, depth_scale=f"{m.depth_scale:.6g}")
                   if math.isfinite(m.depth_scale) else
                   tr("meanfield.depth_scale_is", lang,
                      why=tr("meanfield.depth_scale_infinite", lang)))
    text = (
        tr("meanfield.title", lang, act=m.activation, sigma_w=f"{m.sigma_w:g}",
           sigma_b=f"{m.sigma_b:g}"),
        tr("meanfield.q_star", lang, q_star=q_star_words(m, lang)),
        tr("meanfield.chi1", lang, chi1=f"{m.chi1:.10g}"),
        tr("meanfield.factor", lang, factor=f"{m.per_layer_factor:.10g}",
           regime=tr(f"meanfield.{m.regime_key}", lang)),
        depth_scale,
    )
    return Report(text, data=_chi_data(m))


def _prediction_columns(p: Prediction, lang: str) -> list[Column]:
    header = lambda key: tr(f"predict.col.{key}", lang)  # noqa: E731
    columns = [Column("layers", header("layers")),
               Column("predicted", header("predicted"), "{:.4f}"),
               Column("measured", header("measured"), "{:.4f}"),
               Column("relative_difference", header("difference"), "{:+.1%}")]
    if p.layerwise:
        columns += [Column("predicted_layerwise", header("predicted_layerwise"), "{:.4f}"),
                    Column("layerwise_difference", header("difference"), "{:+.1%}")]
        if p.measured_rms:
            columns += [Column("measured_rms", header("measured_rms"), "{:.4f}"),
                        Column("rms_difference", header("rms_difference"), "{:+.1%}")]
    return columns


def _prediction_rows(p: Prediction) -> list[dict]:
    rows = []
    for i, (m, d) in enumerate(zip(p.measured, p.relative_differences)):
        row = {"layers": f"{i + 1}/{i + 2}", "predicted": p.mean_field.per_layer_factor,
               "measured": m, "relative_difference": d}
        if p.layerwise:
            row |= {"predicted_layerwise": p.layerwise[i],
                    "layerwise_difference": m / p.layerwise[i] - 1}
            if p.measured_rms:
                row |= {"measured_rms": p.measured_rms[i],
                        "rms_difference": p.measured_rms[i] / p.layerwise[i] - 1}
        rows.append(row)
    return rows


def source_words(p: Prediction, lang: str) -> str:
    """Where the measured ratios came from, in ``lang`` (in English, ``p.source``); a source
    that is only the caller's own text is shown as written."""
    if not p.origin.key:
        return p.source
    facts = dict(p.origin.facts)
    if "data" in facts:
        facts["data"] = data_name(facts["data"], lambda key, **f: tr(key, lang, **f))
    return tr(f"predict.source.{p.origin.key}", lang, **facts)


def prediction_report(p: Prediction, lang: str = "en") -> Report:
    """√χ₁ next to the measured ratio of each pair of consecutive hidden layers."""
    m = p.mean_field
    head = (
        tr("predict.title", lang),
        tr("predict.theory", lang, act=m.activation, sigma_w=f"{m.sigma_w:g}",
           sigma_b=f"{m.sigma_b:g}", q_star=q_star_words(m, lang, "{:.6g}"), chi1=f"{m.chi1:.6g}",
           factor=f"{m.per_layer_factor:.6g}"),
        tr("predict.measured", lang, source=source_words(p, lang)),
    )
    tail = lines("predict.notes", lang) if p.layerwise else ()
    columns = _prediction_columns(p, lang)
    rows = _prediction_rows(p)
    cells = [tuple(r[c.key] for c in columns) for r in rows]
    data = {**_chi_data(m), "source": p.source,
            "rows": [{k: v for k, v in r.items() if not k.endswith("_difference")
                      or k == "relative_difference"} for r in rows]}
    return Report(head, (table("prediction", "", columns, cells),), tail, data)
