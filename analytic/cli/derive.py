"""``analytic derive`` and ``analytic check``: the chain network's gradient, derived and checked."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (
    ActivationName,
    CostName,
    Depth,
    DeriveFormat,
    Layer,
    ReportFormat,
    Seed,
    print_json,
)


def derive(
    depth: Depth = 4,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    format: Annotated[DeriveFormat, typer.Option(help="Output format.")] = DeriveFormat.text,
    seed: Seed = 0,
    explode: Annotated[bool, typer.Option(help="Show the exploding construction instead.")] = False,
    weight: Annotated[float, typer.Option(help="With --explode: every weight w_j = W.")] = 100.0,
) -> None:
    """Derive dC/db for a chain network with SymPy and show it as the chapter's product.

    The chain has one neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = phi(z_j). The result
    is checked against SymPy's chain rule, the fully nested differentiation (depth <= 8) and
    the NumPy backprop at random chains; the output says which checks ran.

    With --explode: the biases that hold every z_j at phi's steepest point, the per-layer
    factor W phi'(z*) and dC/db_1, derived with SymPy and confirmed by backprop.
    """
    if explode:
        return _derive_explode(weight, depth, activation, format)
    from ..chain.derive import derive_chain
    from ..present.chain_reports import derivation_json, derivation_text

    d = derive_chain(depth, layer, activation, cost, seed=seed)
    if format is DeriveFormat.json:
        print_json(derivation_json(d))
    elif format is DeriveFormat.latex:
        typer.echo(d.latex())
    else:
        typer.echo(derivation_text(d))


def check(
    depth: Depth = 10,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    trials: Annotated[int, typer.Option(help="Random chains to compare at.")] = 100,
    seed: Seed = 0,
    format: Annotated[ReportFormat, typer.Option(help="Output format.")] = ReportFormat.text,
) -> None:
    """Compare the derivation with the NumPy backprop and with finite differences.

    Evaluates dC/db at TRIALS random chains, prints the largest relative error against the
    backprop and against central finite differences (mpmath, 80 digits), and exits with 1 if
    either exceeds the tolerance (1e-9).
    """
    from ..chain.derive import check_chain
    from ..present.chain_reports import check_json, check_text

    report = check_chain(depth, layer, activation, cost, trials=trials, seed=seed)
    if format is ReportFormat.json:
        print_json(check_json(report))
    else:
        typer.echo(check_text(report))
    if not report.passed:
        raise typer.Exit(1)



def _derive_explode(weight: float, depth: int, activation: str, format: DeriveFormat) -> None:
    from ..present.theory_reports import explosion_json, explosion_latex, explosion_text
    from ..theory.explosion import explode

    e = explode(weight, depth, activation)
    if format is DeriveFormat.json:
        print_json(explosion_json(e))
    elif format is DeriveFormat.latex:
        typer.echo(explosion_latex(e))
    else:
        typer.echo(explosion_text(e))
    if not e.confirmed:
        raise typer.Exit(1)


