"""The depth scales and the trainability map as reports (text, markdown, csv, LaTeX, JSON; English
or Japanese): what one point's depth scales are, and where the map trains beside 6ξ_c."""

from __future__ import annotations

import math

from ...experiments.depth_scale import DepthScaleRun
from ...experiments.trainability import TRAINED, Trainability
from ..table import Column, Report, table
from .words import Text, column, training_text, words


def _scale(value: float | None, text: Text) -> str:
    if value is None:
        return text("depth.none")
    return text("depth.diverges") if math.isinf(value) else f"{value:.4g}"


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def depth_scale_report(r: DepthScaleRun, lang: str = "en") -> Report:
    """One point's q*, c*, χ₁, χ_c, ξ_q and ξ_c, the curve along σ_w² and the line."""
    text, p = words(lang), r.point
    phase = {"ordered": "depth.ordered", "chaotic": "depth.chaotic",
             "critical": "depth.critical_phase"}[p.phase]
    missing = text("depth.none")
    six = None if p.xi_c is None else 6 * p.xi_c
    critical = (text("depth.critical", sb2=f"{p.sigma_b2:g}", sw2=f"{r.curve.critical:.6g}")
                if math.isfinite(r.curve.critical)
                else text("depth.no_critical", sb2=f"{p.sigma_b2:g}"))
    head = (
        text("depth.title", act=p.activation, sw2=f"{p.sigma_w2:g}", sb2=f"{p.sigma_b2:g}"),
        text("depth.q_star", q=missing if p.q_star is None else f"{p.q_star:.10g}"),
        text("depth.c_star", c=missing if p.c_star is None else f"{p.c_star:.10g}"),
        text("depth.chi", chi1=f"{p.chi1:.10g}",
             chi_c=missing if p.chi_c is None else f"{p.chi_c:.10g}", phase=text(phase)),
        text("depth.xi", xi_q=_scale(p.xi_q, text), xi_c=_scale(p.xi_c, text),
             six=_scale(six, text)),
        critical,
    )
    keys = ("sigma_w2", "q_star", "c_star", "chi1", "chi_c", "xi_q", "xi_c")
    columns = [column(f"depth.col.{k}", text, "{:g}" if k == "sigma_w2" else "{:.4g}")
               for k in keys]
    rows = [tuple(_number(getattr(q, k)) for k in keys) for q in r.curve.points]
    line_columns = [column("depth.col.sigma_b2", text, "{:g}"),
                    column("depth.col.critical_sigma_w2", text, "{:.6g}")]
    line_rows = [(float(b), None if math.isnan(w) else float(w))
                 for b, w in zip(r.line_sigma_b2, r.line_sigma_w2)]
    tables = (table("depth-scale", text("depth.curve", sb2=f"{p.sigma_b2:g}"), columns, rows),
              table("order-chaos-line", text("depth.line"), line_columns, line_rows))
    return Report(head, tables, (text("depth.definitions"),), r.to_json())


def trainability_report(r: Trainability, lang: str = "en") -> Report:
    """The map as a table (a row per depth, a column per σ_w²) with ξ_c and 6ξ_c beneath."""
    text, recipe = words(lang), r.recipe
    head = (
        text("train_map.title", steps=f"{r.steps:,}", sb2=f"{r.sigma_b2:g}"),
        text("train_map.setup", act=recipe.activation.label, width=recipe.width,
             output=recipe.output.label, training=training_text(recipe, r.data, text),
             networks=r.networks, validation=f"{recipe.validation:,}"),
    )
    columns = [column("train_map.col.depth", text, "{}")] + [
        Column(f"sigma_w2_{s:g}", f"{s:g}", "{:.3f}") for s in r.sigma_w2s]
    rows = [(depth, *map(float, r.mean[k])) for k, depth in enumerate(r.depths)]
    xi = [_number(r.xi_c(s)) for s in r.sigma_w2s]
    rows += [(text("train_map.row.xi_c"), *xi),
             (text("train_map.row.six"), *[None if x is None else 6 * x for x in xi])]
    counts = r.agreement()
    tail = (text("train_map.critical", sw2=f"{r.theory.critical:.4g}"),
            text("train_map.agreement", level=f"{TRAINED:g}", **counts))
    if r.diverged.any():
        tail += (text("train_map.diverged", count=int(r.diverged.sum())),)
    return Report(head, (table("trainability", text("train_map.table"), columns, rows),), tail,
                  r.to_json())
