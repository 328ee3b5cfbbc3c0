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


#: Options each mode leaves unused: giving one is refused in one line, never silently ignored.
_ONLY_EXPLODE = {"weight": "--weight is used only with --explode"}
_UNUSED = {
    "chain": _ONLY_EXPLODE,
    "explode": {name: f"--{name} is not used with --explode" for name in ("layer", "cost", "seed")},
    "tied": {"layer": "--layer is not used with --tied (it derives ∂C/∂h₁)", **_ONLY_EXPLODE},
}


def _refuse_unused(ctx: typer.Context, mode: str) -> None:
    for name, message in _UNUSED[mode].items():
        if ctx.get_parameter_source(name).name not in {"DEFAULT", "DEFAULT_MAP"}:
            raise ValueError(message)


def derive(
    ctx: typer.Context,
    depth: Depth = 4,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    format: FormulaFormatOption = FormulaFormat.text,
    seed: Seed = 0,
    explode: Annotated[bool, typer.Option(help="Show the exploding construction instead.")] = False,
    weight: Weight = 100.0,
    tied: Annotated[
        bool, typer.Option(help="A one-unit recurrent net unrolled for DEPTH steps (every "
                                "w_j = w): derive ∂C/∂h_1.")
    ] = False,
) -> None:
    """Derive ∂C/∂b for a chain network as the chapter's product.

    The chain has one neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = φ(z_j). SymPy
    differentiates it; the result is checked against SymPy's chain rule, the fully nested
    differentiation (depth <= 8, where its predicted cost is within budget) and the NumPy
    backprop at random chains; the output says which checks ran.

    With --explode: the biases that hold every z_j at φ's steepest point z*, the per-layer
    factor W φ′(z*) and ∂C/∂b_1, derived with SymPy and confirmed by backprop.

    With --tied: h_t = φ(w h_(t-1) + u x_t + b) unrolled for DEPTH steps is the chain with
    every weight tied to w; ∂C/∂h_1 = w φ′(z_2) ... w φ′(z_T) ∂C/∂h_T, checked the same way,
    numerically against backpropagation through time.
    """
    if explode and tied:
        raise ValueError("--explode and --tied are different constructions: choose one")
    _refuse_unused(ctx, "explode" if explode else "tied" if tied else "chain")
    if explode:
        return _derive_explode(weight, depth, activation, format)
    from ..chain.verify import verify
    from ..present.chain_reports import derivation_json, derivation_text

    if tied:
        from ..chain.tied import derive_tied

        d = derive_tied(depth, activation, cost)
    else:
        from ..chain.derive import derive_chain

        d = derive_chain(depth, layer, activation, cost)
    v = verify(d, seed=seed)
    if format is FormulaFormat.json:
        _print_json(derivation_json(d, v))
    elif format is FormulaFormat.latex:
        typer.echo(d.latex())
    else:
        typer.echo(derivation_text(d, v))


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
    NumPy backprop and against central finite differences (mpmath from 80 digits up, until two
    precisions agree to 1e-20), and exits with 1 if either exceeds the tolerance (1e-9).
    """
    from ..chain.verify import check_chain
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
