"""Text and JSON renderings of derivations and their checks (the CLI prints these)."""

from __future__ import annotations

from ..chain.derive import ProductForm, subscript
from ..chain.tied import TiedDerivation
from ..chain.verify import CheckReport, Verification


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


def _checks_text(v: Verification) -> list[str]:
    ran = [f"  [{'ok' if c.passed else 'FAILED'}] {c.name}: {c.detail}" for c in v.checks]
    return ran + [f"  [--] {note}" for note in v.not_run]


def derivation_text(d: ProductForm, v: Verification) -> str:
    """The identity in Unicode, then the checks."""
    status = "verified" if v.verified else "NOT verified"
    about = f"activation {d.activation.spec}, cost {d.cost.name} ({status}):"
    if isinstance(d, TiedDerivation):
        T = d.steps
        steps = f"{T} step" + ("s" if T > 1 else "")
        head = f"One-unit recurrent net unrolled for {steps}, w tied, {about}"
        # the same weight in every factor: the product scales like w^(T-1)
        body = ["  " + d.text()] + ([
            f"      = w^{T - 1} · ∏ {d.activation.symbol}′(z_t), t = 2..{T} · ∂C/∂h{subscript(T)}"
        ] if T > 1 else [])
    else:
        head = f"Chain of depth {d.depth}, {about}"
        body = ["  " + d.text()]
    return "\n".join([head, "", *body, "", "Checks:", *_checks_text(v)])


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


def check_text(r: CheckReport) -> str:
    d = r.derivation
    lines = [
        f"∂C/∂b{d.layer} of a depth-{d.depth} chain ({d.activation.spec}, {d.cost.name}) "
        f"at {r.trials} random chains (seed {r.seed}):",
        f"  largest relative error vs NumPy backprop:         {r.max_rel_error_backprop:.2e}",
        f"  largest relative error vs finite differences:     "
        f"{r.max_rel_error_finite_difference:.2e}",
        f"  tolerance: {r.tolerance:g}",
        "Symbolic checks:",
        *_checks_text(r.verification),
        "PASSED" if r.passed else "FAILED",
    ]
    return "\n".join(lines)
