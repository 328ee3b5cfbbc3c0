"""``analytic derive`` and ``analytic check``: the chain network's gradient, derived and checked."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .options import (
    ActivationName,
    CostName,
    Depth,
    FormulaFormat,
    FormulaFormatOption,
    Layer,
    ReportFormat,
    ReportFormatOption,
    Seed,
    count,
    emit,
    number,
)

Weight = number("With --explode: every weight w_j = W (0 < |W| ≤ 10⁶).",
                lambda v: 1e-6 <= abs(v) <= 1e6, "a number with 1e-6 ≤ |W| ≤ 1e6")
Trials = count("Random chains to compare at", 1, 100_000)


def _print_json(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def derive(
    depth: Depth = 4,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    format: FormulaFormatOption = FormulaFormat.text,
    seed: Seed = 0,
    explode: Annotated[bool, typer.Option(help="Show the exploding construction instead.")] = False,
    weight: Weight = 100.0,
) -> None:
    """Derive ∂C/∂b for a chain network as the chapter's product.

    The chain has one neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = φ(z_j). SymPy
    differentiates it; the result is checked against SymPy's chain rule, the fully nested
    differentiation (depth <= 8) and the NumPy backprop at random chains; the output says which
    checks ran.

    With --explode: the biases that hold every z_j at φ's steepest point z*, the per-layer
    factor W φ′(z*) and ∂C/∂b_1, derived with SymPy and confirmed by backprop.
    """
    if explode:
        return _derive_explode(weight, depth, activation, format)
    from ..chain.derive import derive_chain
    from ..present.chain_reports import derivation_json, derivation_text

    d = derive_chain(depth, layer, activation, cost, seed=seed)
    if format is FormulaFormat.json:
        _print_json(derivation_json(d))
    elif format is FormulaFormat.latex:
        typer.echo(d.latex())
    else:
        typer.echo(derivation_text(d))


def check(
    depth: Depth = 10,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    trials: Trials = 100,
    seed: Seed = 0,
    format: ReportFormatOption = ReportFormat.text,
) -> None:
    """Check the derivation against backprop and finite differences.

    Evaluates ∂C/∂b at TRIALS random chains, prints the largest relative error against the
    NumPy backprop and against central finite differences (mpmath, 80 digits), and exits with
    1 if either exceeds the tolerance (1e-9).
    """
    from ..chain.derive import check_chain
    from ..present.chain_reports import check_json, check_text

    report = check_chain(depth, layer, activation, cost, trials=trials, seed=seed)
    if format is ReportFormat.json:
        _print_json(check_json(report))
    else:
        typer.echo(check_text(report))
    if not report.passed:
        raise typer.Exit(1)


def _derive_explode(weight: float, depth: int, activation: str, format: FormulaFormat) -> None:
    from ..present.theory_reports import explosion_report
    from ..theory.explosion import explode

    e = explode(weight, depth, activation)
    emit(explosion_report(e), format)
    if not e.confirmed:
        raise typer.Exit(1)
