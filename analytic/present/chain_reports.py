"""Text and JSON renderings of derivations and checks (the CLI prints these)."""

from __future__ import annotations

from ..chain.derive import CheckReport, Derivation


def derivation_json(d: Derivation) -> dict:
    """One JSON object: the identity, its factors, and the checks that ran."""
    return {
        "depth": d.depth,
        "layer": d.layer,
        "activation": d.activation.spec,
        "cost": d.cost.name,
        "gradient": f"∂C/∂b{d.layer}",
        "product": d.product_text(),
        "factors": d.factor_strings(),
        "latex": d.latex(),
        "verified": d.verified,
        "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in d.checks],
        "checks_not_run": list(d.skipped),
    }


def _checks_text(d: Derivation) -> list[str]:
    ran = [f"  [{'ok' if c.passed else 'FAILED'}] {c.name}: {c.detail}" for c in d.checks]
    return ran + [f"  [--] {note}" for note in d.skipped]


def derivation_text(d: Derivation) -> str:
    """The identity in Unicode, then the checks."""
    status = "verified" if d.verified else "NOT verified"
    head = (
        f"Chain of depth {d.depth}, activation {d.activation.spec}, cost {d.cost.name} "
        f"({status}):"
    )
    return "\n".join([head, "", "  " + d.text(), "", "Checks:", *_checks_text(d)])


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
            {"name": c.name, "passed": c.passed, "detail": c.detail} for c in r.derivation.checks
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
        *_checks_text(d),
        "PASSED" if r.passed else "FAILED",
    ]
    return "\n".join(lines)
