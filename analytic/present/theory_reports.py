"""Text, JSON and LaTeX renderings of the theory results (the CLI prints these)."""

from __future__ import annotations

import math

import mpmath
import sympy as sp

from ..theory.explosion import Explosion
from ..theory.identity_neuron import IdentityDerivation, IdentityRow
from ..theory.meanfield import MeanField, Prediction
from ..theory.larger_derivative import STABLE, ChainRow, lined_up_products
from ..theory.window import WidestWindow, WindowDerivation, readable_width


def _num(x: float) -> float | str | None:
    """A float for JSON: inf as the string "inf", nan as null."""
    if math.isnan(x):
        return None
    return x if math.isfinite(x) else ("inf" if x > 0 else "-inf")


# --- the window --------------------------------------------------------------------------------
def window_json(d: WindowDerivation, widest: WidestWindow) -> dict:
    return {
        "min_abs_w": int(d.min_abs_w),
        "max_sigma_prime": str(d.max_sigma_prime),
        "steepest_z": str(d.steepest_z),
        "width_formula": "2/|w| * ln((1 + r)/(1 - r)), r = sqrt(1 - 4/|w|)",
        "width_formula_chapter": "2/|w| * ln(|w| (1 + sqrt(1 - 4/|w|))/2 - 1)",
        "width_sympy": str(readable_width()),
        "equals_chapter": d.equals_chapter,
        "is_interval": d.second_derivative_factored,
        "argmax_abs_w": widest.argmax_abs_w,
        "max_width": widest.max_width,
    }


def window_text(d: WindowDerivation, widest: WidestWindow) -> str:
    ok = lambda b: "proved" if b else "NOT proved"  # noqa: E731
    return "\n".join([
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
    ])


def window_latex(d: WindowDerivation, widest: WidestWindow) -> str:
    return "\n".join([
        r"\begin{align}",
        rf"|w\,\sigma'(wa+b)| &\le \frac{{|w|}}{{4}}, \qquad |w| \ge {sp.latex(d.min_abs_w)},\\",
        rf"\Delta a &= {sp.latex(readable_width()).replace('W', '|w|')}"
        r" = \frac{2}{|w|}\ln\!\left(\frac{|w|\left(1+\sqrt{1-4/|w|}\right)}{2}-1\right),\\",
        rf"\max_{{|w|}} \Delta a &\approx {widest.max_width:.6f}"
        rf" \quad\text{{at}}\quad |w| \approx {widest.argmax_abs_w:.6f}.",
        r"\end{align}",
    ])


# --- the identity neuron ----------------------------------------------------------------------
def identity_json(d: IdentityDerivation, rows: list[IdentityRow]) -> dict:
    return {
        "choice": {"b": "-w1/2", "w2": "4/w1", "offset": "2/w1 - 1/2"},
        "series": str(d.series),
        "residual": str(d.residual_series),
        "leading_error": str(d.leading_error),
        "worst_error_formula": "1/2 - (2/w1) tanh(w1/4) ≈ w1^2/96",
        "rows": [vars(r) for r in rows],
    }


def _unicode(expr: sp.Expr) -> str:
    return sp.sstr(expr).replace("Delta", "Δ").replace("w_1", "w₁").replace("**", "^")


def identity_text(d: IdentityDerivation, rows: list[IdentityRow]) -> str:
    head = [
        "The identity neuron: w₂ σ(w₁x + b) ≈ x on [0, 1]",
        "",
        "Write x = 1/2 + Δ and choose b = −w₁/2, w₂ = 4/w₁. SymPy's series in w₁:",
        f"  w₂ σ(w₁x + b) = {_unicode(d.series)} + O(w₁⁶)",
        "               = x + (2/w₁ − 1/2) − w₁²Δ³/12 + O(w₁⁴)",
        "What remains:",
        "  - a constant offset 2/w₁ − 1/2: the next layer's bias cancels it exactly (it grows as",
        "    w₁ shrinks, so the next weights must stay exact);",
        "  - an error −w₁²Δ³/12 + ...: worst at x = 0 and 1, equal to 1/2 − (2/w₁)tanh(w₁/4).",
        "",
        f"{'w₁':>8} {'w₂':>9} {'b':>8} {'offset':>9} {'worst |error|':>14} "
        f"{'grid scan':>11} {'w₁²/96':>10}",
    ]
    body = [
        f"{r.w1:8g} {r.w2:9g} {r.b:8g} {r.offset:9g} {r.worst_error:14.4e} "
        f"{r.scanned_error:11.4e} {r.leading_term:10.3e}"
        for r in rows
    ]
    return "\n".join(head + body)


# --- the steeper activation -------------------------------------------------------------------
def steeper_json(rows: list[ChainRow], depth: int, chains: int, seed: int) -> dict:
    return {
        "depth": depth, "chains": chains, "seed": seed, "stable_band": [1 / STABLE, STABLE],
        "lined_up": dict(zip(("0.9", "1.0", "1.1"), lined_up_products(depth))),
        "rows": [{k: _num(v) if isinstance(v, float) else v for k, v in vars(r).items()}
                 for r in rows],
    }


def steeper_text(
    rows: list[ChainRow], depth: int, chains: int, seed: int, widest: WidestWindow
) -> str:
    head = [
        "Would an activation with a derivative much larger than 1/4 avoid unstable gradients?",
        "",
        "The window: for φ = A σ(cz) + B, |w φ′(wa + b)| >= 1 on an a-interval of width",
        "A · width_σ(A c |w|). The slope c only slides along the sigmoid's curve, so the widest",
        f"window is A · {widest.max_width:.4f} for every c; relu's factor is |w| or 0, with no "
        "window to aim at.",
        "",
        f"Sampled chains: depth {depth}, {chains} chains each, w ~ N(0, s²), b ~ N(0, 1),",
        f"x ~ U(0, 1), seed {seed}. Product = φ′(z₁) Π w_j φ′(z_j); 'stable' = within "
        f"[{1 / STABLE:g}, {STABLE:g}].",
        "drift/spread: mean and std of ln|w_j φ′(z_j)| per layer (units that are on).",
        "",
        f"{'activation':<11} {'s':>4} {'max φ′':>7} {'widest':>7} {'median log10':>13} "
        f"{'zero':>6} {'vanish':>7} {'stable':>7} {'explode':>8} {'drift':>7} {'spread':>7}",
    ]
    body = [
        f"{r.activation:<11} {r.weight_std:4g} {r.max_prime:7.3g} {r.widest_window:7.3g} "
        f"{r.median_log10:13.1f} {r.zero:6.1%} {r.vanished:7.1%} {r.stable:7.1%} "
        f"{r.exploded:8.1%} {r.drift:7.2f} {r.spread:7.2f}"
        for r in rows
    ]
    low, one, high = lined_up_products(depth)
    tail = [
        "",
        "Lined up (every z_j held at z*, all factors W φ′(z*) equal): over "
        f"{depth - 1} layers a factor",
        f"of 0.9 gives {low:.3g}, of 1 gives {one:g}, of 1.1 gives {high:.3g}.",
        "A larger peak φ′ does not help: ln|product| is a sum of L per-layer terms with a",
        "non-zero drift and a spread, so the product leaves any band around 1 as L grows —",
        "vanishing where the drift is negative (saturation, small w), exploding where positive —",
        "unless weights, biases and slopes are tuned to keep every factor at 1.",
    ]
    return "\n".join(head + body + tail)


# --- exploding gradients in general -------------------------------------------------------------
def explosion_json(e: Explosion) -> dict:
    return {
        "activation": e.activation.spec, "weight": e.weight, "depth": e.depth,
        "x": e.x, "y": e.y, "z_star": str(e.z_star),
        "first_bias": str(e.first_bias), "bias": str(e.bias),
        "factor": str(e.factor), "factor_value": e.factor_value,
        "gradient": str(e.gradient), "gradient_value": mpmath.nstr(e.gradient_value, 17),
        "backprop_gradient": _num(e.backprop_first),
        "backprop_max_ratio_error": e.backprop_max_ratio_error,
        "backprop_gradient_error": _num(e.backprop_first_error),
        "confirmed": e.confirmed,
        "note": _relu_note(e) or None,
    }


def _relu_note(e: Explosion) -> str:
    if not e.activation.linear_above_zero:
        return ""
    return (
        "relu has no single steepest point: φ′ = 1 wherever z > 0. The biases only keep each "
        "unit on (z_j = 1); they cannot raise the factor above |W|, and nothing saturates, so "
        "the product is W^(L−1): it explodes exactly when |W| > 1, vanishes when |W| < 1, and "
        "is 0 as soon as one unit is off."
    )


def explosion_text(e: Explosion) -> str:
    s = e.activation.symbol
    lines = [
        f"Exploding gradients: chain of depth {e.depth}, {e.activation.spec}, every w_j = W = "
        f"{e.weight:g}, input x = {e.x:g}, target y = {e.y:g}",
        "",
        f"Hold every z_j at the steepest point z* = {e.z_star} "
        + ("(relu-like: equally steep at every z > 0):" if _relu_note(e) else f"(where {s}″ = 0):"),
        f"  b₁ = {e.first_bias}    b_j = {e.bias}  (j >= 2)",
        f"Each factor of the product is W {s}′(z*) = {e.factor}; the target makes "
        f"∂C/∂a_L = {e.dC_da}, so",
        f"  ∂C/∂b₁ = {s}′(z*) (W {s}′(z*))^(L−1) ∂C/∂a_L = {e.gradient}",
        f"  at W = {e.weight:g}, L = {e.depth}: factor {e.factor_value:g} per layer, "
        f"∂C/∂b₁ = {mpmath.nstr(e.gradient_value, 10)}",
        "",
        "Backprop (NumPy, float64) on that chain:",
        f"  ∂C/∂b₁ = {e.backprop_first:.10g}"
        + (f" (relative error {e.backprop_first_error:.1e})" if math.isfinite(e.backprop_first)
           else " (overflows float64; the ratios below are checked while finite)"),
        f"  δ_j/δ_(j+1) vs the factor: max relative error {e.backprop_max_ratio_error:.1e}",
        "  " + ("confirmed" if e.confirmed else "NOT confirmed"),
    ]
    note = _relu_note(e)
    return "\n".join(lines + (["", note] if note else []))


def explosion_latex(e: Explosion) -> str:
    phi = e.activation.latex
    return (
        rf"b_1 = {sp.latex(e.first_bias)},\quad b_j = {sp.latex(e.bias)},\quad "
        rf"\frac{{\partial C}}{{\partial b_1}} = {phi}'(z^*)\,\bigl(W {phi}'(z^*)\bigr)^{{L-1}}"
        rf"\frac{{\partial C}}{{\partial a_L}} = {sp.latex(e.gradient)}"
    )


# --- mean field --------------------------------------------------------------------------------
def chi_json(m: MeanField) -> dict:
    return {
        "activation": m.activation, "sigma_w": m.sigma_w, "sigma_b": m.sigma_b,
        "q_star": _num(m.q_star), "chi1": m.chi1, "per_layer_factor": m.per_layer_factor,
        "depth_scale": _num(m.depth_scale), "regime": m.regime,
    }


def chi_text(m: MeanField) -> str:
    q = f"{m.q_star:.10g}" if math.isfinite(m.q_star) else "∞ (q^l grows without bound)"
    return "\n".join([
        f"Mean field: {m.activation}, weights N(0, {m.sigma_w:g}²/n_in), "
        f"biases N(0, {m.sigma_b:g}²)",
        f"  fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²:  q* = {q}",
        f"  χ₁ = σ_w² E[φ′(√q* z)²]                    = {m.chi1:.10g}",
        f"  per-layer gradient factor √χ₁             = {m.per_layer_factor:.10g}  ({m.regime})",
        f"  depth scale ξ = 1/|ln χ₁|                  = {m.depth_scale:.6g} layers",
    ])


def prediction_json(p: Prediction) -> dict:
    return {
        **chi_json(p.mean_field),
        "source": p.source,
        "rows": [
            {"layers": f"{i + 1}/{i + 2}", "predicted": p.mean_field.per_layer_factor,
             "measured": m, "relative_difference": d,
             **({"predicted_layerwise": p.layerwise[i]} if p.layerwise else {}),
             **({"measured_rms": p.measured_rms[i]} if p.measured_rms else {})}
            for i, (m, d) in enumerate(zip(p.measured, p.relative_differences))
        ],
    }


def prediction_text(p: Prediction) -> str:
    m = p.mean_field
    head = [
        "Predicted vs measured per-layer gradient factor ||∇b^l|| / ||∇b^(l+1)||",
        f"  theory: {m.activation}, σ_w = {m.sigma_w:g}, σ_b = {m.sigma_b:g}: "
        f"q* = {m.q_star:.6g}, χ₁ = {m.chi1:.6g}, √χ₁ = {m.per_layer_factor:.6g}",
        f"  measured: {p.source}",
        "",
        f"{'layers':>8} {'√χ₁ at q*':>10} {'measured':>10} {'rel. diff':>10}"
        + (f" {'from q^l':>10} {'rel. diff':>10}" if p.layerwise else "")
        + (f" {'rms':>8} {'vs q^l':>8}" if p.measured_rms and p.layerwise else ""),
    ]
    body = []
    for i, (v, d) in enumerate(zip(p.measured, p.relative_differences)):
        row = f"{f'{i + 1}/{i + 2}':>8} {m.per_layer_factor:10.4f} {v:10.4f} {d:+10.1%}"
        if p.layerwise:
            row += f" {p.layerwise[i]:10.4f} {v / p.layerwise[i] - 1:+10.1%}"
            if p.measured_rms:
                rms = p.measured_rms[i]
                row += f" {rms:8.4f} {rms / p.layerwise[i] - 1:+8.1%}"
        body.append(row)
    tail = [
        "",
        "measured: ||mean over the batch of ∂C/∂b^l|| ratios (the chapter's statistic).",
        "√χ₁ at q* assumes every layer at the variance map's fixed point; 'from q^l' iterates the",
        "map from the first hidden layer's q¹ of these inputs. 'rms': ratios of root-mean-square",
        "per-example deltas, the quantity the theory describes; the batch mean can fall below it",
        "when saturated units make per-example gradients cancel.",
    ] if p.layerwise else []
    return "\n".join(head + body + tail)
