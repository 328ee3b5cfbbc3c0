"""The theory's results as reports: the window and identity problems, the larger-derivative
exercise, exploding gradients, and mean-field theory (text, markdown, csv, LaTeX, JSON)."""

from __future__ import annotations

import math

import mpmath
import sympy as sp

from ..theory.explosion import Explosion
from ..theory.identity_neuron import IdentityProblem
from ..theory.larger_derivative import STABLE, LargerDerivative
from ..theory.meanfield import MeanField
from ..theory.prediction import Prediction
from ..theory.window import WindowProblem, readable_width
from .table import Column, Report, table


# --- the window --------------------------------------------------------------------------------
def window_report(p: WindowProblem) -> Report:
    d, widest = p.derivation, p.widest
    ok = lambda b: "proved" if b else "NOT proved"  # noqa: E731
    lines = (
        "The window problem: where can |w σ′(wa + b)| >= 1?",
        "",
        f"(1) σ″(z) = σ′(z)(1 − 2σ(z)) [{ok(d.second_derivative_factored)} by SymPy] vanishes at "
        f"z = {d.steepest_z}, where σ′ = {d.max_sigma_prime}.",
        f"    So |w σ′(wa + b)| <= |w|/4, and reaching 1 needs |w| >= {d.min_abs_w}.",
        "(2) σ′ rises for z < 0 and falls for z > 0, so {z : σ′(z) >= 1/|w|} is an interval.",
        "    Solving s(1 − s) = 1/|w| for s = σ(z): s± = (1 ± r)/2, r = √(1 − 4/|w|);",
        "    z± = ln(s±/(1 − s±)) = ±ln((1 + r)/(1 − r)); in a the width is (z₊ − z₋)/|w|:",
        "",
        "      width(|w|) = (2/|w|) ln((1 + r)/(1 − r))",
        "",
        f"    = the chapter's (2/|w|) ln(|w|(1 + r)/2 − 1) [{ok(d.equals_chapter)}: "
        "simplify(difference) == 0 for all |w| > 4].",
        f"(3) d width/d|w| = 0 (mpmath.findroot): widest at |w| = {widest.argmax_abs_w:.10f},",
        f"    where the width is {widest.max_width:.10f}.",
        f"    Even at best, the factor is >= 1 only for a in a window {widest.max_width:.3f} wide.",
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
        rf"\max_{{|w|}} \Delta a &\approx {widest.max_width:.6f}"
        rf" \quad\text{{at}}\quad |w| \approx {widest.argmax_abs_w:.6f}.",
        r"\end{align}",
    ])
    return Report(lines, data=data, latex=latex)


# --- the identity neuron ----------------------------------------------------------------------
def _unicode(expr: sp.Expr) -> str:
    return sp.sstr(expr).replace("Delta", "Δ").replace("w_1", "w₁").replace("**", "^")


IDENTITY_COLUMNS = (
    Column("w1", "w₁", "{:g}"), Column("w2", "w₂", "{:g}"), Column("b", "b", "{:g}"),
    Column("offset", "offset", "{:g}"), Column("worst_error", "worst |error|", "{:.4e}"),
    Column("scanned_error", "grid scan", "{:.4e}"), Column("leading_term", "w₁²/96", "{:.3e}"),
)


def identity_report(p: IdentityProblem) -> Report:
    d = p.derivation
    head = (
        "The identity neuron: w₂ σ(w₁x + b) ≈ x on [0, 1]",
        "",
        "Write x = 1/2 + Δ and choose b = −w₁/2, w₂ = 4/w₁. SymPy's series in w₁:",
        f"  w₂ σ(w₁x + b) = {_unicode(d.series)} + O(w₁⁶)",
        "               = x + (2/w₁ − 1/2) − w₁²Δ³/12 + O(w₁⁴)",
        "What remains:",
        "  - a constant offset 2/w₁ − 1/2: the next layer's bias cancels it exactly (it grows as",
        "    w₁ shrinks, so the next weights must stay exact);",
        "  - an error −w₁²Δ³/12 + ...: worst at x = 0 and 1, equal to 1/2 − (2/w₁)tanh(w₁/4).",
    )
    rows = [tuple(getattr(r, c.key) for c in IDENTITY_COLUMNS) for r in p.rows]
    data = {
        "choice": {"b": "-w1/2", "w2": "4/w1", "offset": "2/w1 - 1/2"},
        "series": str(d.series), "residual": str(d.residual_series),
        "leading_error": str(d.leading_error),
        "worst_error_formula": "1/2 - (2/w1) tanh(w1/4) ≈ w1^2/96",
        "rows": [vars(r) for r in p.rows],
    }
    return Report(head, (table("identity", "", IDENTITY_COLUMNS, rows),), data=data)


# --- the larger-derivative exercise -----------------------------------------------------------
LARGER_COLUMNS = (
    Column("activation", "activation"), Column("weight_std", "s", "{:g}"),
    Column("max_prime", "max φ′", "{:.3g}"), Column("widest_window", "widest", "{:.3g}"),
    Column("median_log10", "median log10", "{:.1f}"), Column("zero", "zero", "{:.1%}"),
    Column("vanished", "vanish", "{:.1%}"), Column("stable", "stable", "{:.1%}"),
    Column("exploded", "explode", "{:.1%}"), Column("drift", "drift", "{:.2f}"),
    Column("spread", "spread", "{:.2f}"),
)


def larger_derivative_report(r: LargerDerivative) -> Report:
    head = (
        "Would an activation with a derivative much larger than 1/4 avoid unstable gradients?",
        "",
        "The window: for φ = A σ(cz) + B, |w φ′(wa + b)| >= 1 on an a-interval of width",
        "A · width_σ(A c |w|). The slope c only slides along the sigmoid's curve, so the widest",
        f"window is A · {r.widest.max_width:.4f} for every c; relu's factor is |w| or 0, with no "
        "window to aim at.",
        "",
        f"Sampled chains: depth {r.depth}, {r.chains} chains each, w ~ N(0, s²), b ~ N(0, 1),",
        f"x ~ U(0, 1), seed {r.seed}. Product = φ′(z₁) Π w_j φ′(z_j); 'stable' = within "
        f"[{1 / STABLE:g}, {STABLE:g}].",
        "drift/spread: mean and std of ln|w_j φ′(z_j)| per layer (units that are on; — when no",
        "unit is ever on).",
    )
    rows = [tuple(getattr(row, c.key) for c in LARGER_COLUMNS) for row in r.rows]
    (low, _), (one, _), (high, _) = r.lined_up
    products = [p for _, p in r.lined_up]
    tail = (
        "Lined up (every z_j held at z*, all factors W φ′(z*) equal): over "
        f"{r.depth - 1} layers a factor",
        f"of {low:g} gives {products[0]:.3g}, of {one:g} gives {products[1]:g}, of {high:g} gives "
        f"{products[2]:.3g}.",
        "A larger peak φ′ does not help: ln|product| is a sum of L per-layer terms with a",
        "non-zero drift and a spread, so the product leaves any band around 1 as L grows —",
        "vanishing where the drift is negative (saturation, small w), exploding where positive —",
        "unless weights, biases and slopes are tuned to keep every factor at 1.",
    )
    data = {
        "depth": r.depth, "chains": r.chains, "seed": r.seed, "stable_band": [1 / STABLE, STABLE],
        "lined_up": {f"{f:g}": p for f, p in r.lined_up},
        "rows": [vars(row) for row in r.rows],
    }
    return Report(head, (table("larger-derivative", "", LARGER_COLUMNS, rows),), tail, data)


# --- exploding gradients in general -------------------------------------------------------------
def _linear_note(e: Explosion) -> str:
    a = e.activation
    if not a.linear_above_zero:
        return ""
    off = (f"slope {a.negative_slope:g}" if a.piecewise_linear
           else "φ′(z) < 1 below 0")
    dead = "; the product is exactly 0 as soon as one unit is off" if a.negative_slope == 0 else ""
    return (
        f"{a.name} is linear above 0: φ′ = 1 wherever z > 0, so there is no single steepest "
        "point. The biases only keep each unit on (z_j = 1); they cannot raise the factor above "
        "|W|, and nothing saturates there, so the product is W^(L−1): it explodes exactly when "
        f"|W| > 1 and vanishes when |W| < 1. A unit that is off multiplies by its {off} "
        f"instead{dead}."
    )


def explosion_report(e: Explosion) -> Report:
    s = e.activation.symbol
    note = _linear_note(e)
    held = "(linear above 0: equally steep at every z > 0):" if note else f"(where {s}″ = 0):"
    first = (f" (relative error {e.backprop_first_error:.1e})" if math.isfinite(e.backprop_first)
             else " (overflows float64; the ratios below are checked while finite)")
    lines = (
        f"Exploding gradients: chain of depth {e.depth}, {e.activation.spec}, every w_j = W = "
        f"{e.weight:g}, input x = {e.x:g}, target y = {e.y:g}",
        "",
        f"Hold every z_j at the steepest point z* = {e.z_star} {held}",
        f"  b₁ = {e.first_bias}    b_j = {e.bias}  (j >= 2)",
        f"Each factor of the product is W {s}′(z*) = {e.factor}; the target makes "
        f"∂C/∂a_L = {e.dC_da}, so",
        f"  ∂C/∂b₁ = {s}′(z*) (W {s}′(z*))^(L−1) ∂C/∂a_L = {e.gradient}",
        f"  at W = {e.weight:g}, L = {e.depth}: factor {e.factor_value:g} per layer, "
        f"∂C/∂b₁ = {mpmath.nstr(e.gradient_value, 10)}",
        "",
        "Backprop (NumPy, float64) on that chain:",
        f"  ∂C/∂b₁ = {e.backprop_first:.10g}{first}",
        f"  δ_j/δ_(j+1) vs the factor: max relative error {e.backprop_max_ratio_error:.1e}",
        "  " + ("confirmed" if e.confirmed else "NOT confirmed"),
    )
    data = {
        "activation": e.activation.spec, "weight": e.weight, "depth": e.depth,
        "x": e.x, "y": e.y, "z_star": str(e.z_star),
        "first_bias": str(e.first_bias), "bias": str(e.bias),
        "factor": str(e.factor), "factor_value": e.factor_value,
        "gradient": str(e.gradient), "gradient_value": mpmath.nstr(e.gradient_value, 17),
        "backprop_gradient": e.backprop_first,
        "backprop_max_ratio_error": e.backprop_max_ratio_error,
        "backprop_gradient_error": e.backprop_first_error,
        "confirmed": e.confirmed, "note": note or None,
    }
    phi = e.activation.latex
    latex = (
        rf"b_1 = {sp.latex(e.first_bias)},\quad b_j = {sp.latex(e.bias)},\quad "
        rf"\frac{{\partial C}}{{\partial b_1}} = {phi}'(z^*)\,\bigl(W {phi}'(z^*)\bigr)^{{L-1}}"
        rf"\frac{{\partial C}}{{\partial a_L}} = {sp.latex(e.gradient)}"
    )
    return Report(lines, footer=(note,) if note else (), data=data, latex=latex)


# --- mean field --------------------------------------------------------------------------------
def _chi_data(m: MeanField) -> dict:
    return {
        "activation": m.activation, "sigma_w": m.sigma_w, "sigma_b": m.sigma_b,
        "q_star": m.q_star, "chi1": m.chi1, "per_layer_factor": m.per_layer_factor,
        "depth_scale": m.depth_scale, "regime": m.regime,
    }


def chi_report(m: MeanField) -> Report:
    q = f"{m.q_star:.10g}" if math.isfinite(m.q_star) else "∞ (q^l grows without bound)"
    lines = (
        f"Mean field: {m.activation}, weights N(0, {m.sigma_w:g}²/n_in), "
        f"biases N(0, {m.sigma_b:g}²)",
        f"  fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²:  q* = {q}",
        f"  χ₁ = σ_w² E[φ′(√q* z)²]                    = {m.chi1:.10g}",
        f"  per-layer gradient factor √χ₁             = {m.per_layer_factor:.10g}  ({m.regime})",
        f"  depth scale ξ = 1/|ln χ₁|                  = {m.depth_scale:.6g} layers",
    )
    return Report(lines, data=_chi_data(m))


def _prediction_columns(p: Prediction) -> list[Column]:
    columns = [Column("layers", "layers"), Column("predicted", "√χ₁ at q*", "{:.4f}"),
               Column("measured", "measured", "{:.4f}"),
               Column("relative_difference", "rel. diff", "{:+.1%}")]
    if p.layerwise:
        columns += [Column("predicted_layerwise", "from q^l", "{:.4f}"),
                    Column("layerwise_difference", "rel. diff", "{:+.1%}")]
        if p.measured_rms:
            columns += [Column("measured_rms", "rms", "{:.4f}"),
                        Column("rms_difference", "vs q^l", "{:+.1%}")]
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


def prediction_report(p: Prediction) -> Report:
    m = p.mean_field
    head = (
        "Predicted vs measured per-layer gradient factor ||∇b^l|| / ||∇b^(l+1)||",
        f"  theory: {m.activation}, σ_w = {m.sigma_w:g}, σ_b = {m.sigma_b:g}: "
        f"q* = {m.q_star:.6g}, χ₁ = {m.chi1:.6g}, √χ₁ = {m.per_layer_factor:.6g}",
        f"  measured: {p.source}",
    )
    tail = (
        "measured: ||mean over the batch of ∂C/∂b^l|| ratios (the chapter's statistic).",
        "√χ₁ at q* assumes every layer at the variance map's fixed point; 'from q^l' iterates the",
        "map from the first hidden layer's q¹ of these inputs. 'rms': ratios of root-mean-square",
        "per-example deltas, the quantity the theory describes; the batch mean can fall below it",
        "when saturated units make per-example gradients cancel.",
    ) if p.layerwise else ()
    columns = _prediction_columns(p)
    rows = _prediction_rows(p)
    cells = [tuple(r[c.key] for c in columns) for r in rows]
    data = {**_chi_data(m), "source": p.source,
            "rows": [{k: v for k, v in r.items() if not k.endswith("_difference")
                      or k == "relative_difference"} for r in rows]}
    return Report(head, (table("prediction", "", columns, cells),), tail, data)
