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
    format: Annotated[DeriveFormat, typer.Option(help="Output format.")] = DeriveFormat.text,
    seed: Seed = 0,
    explode: Annotated[bool, typer.Option(help="Show the exploding construction instead.")] = False,
    weight: Annotated[float, typer.Option(help="With --explode: every weight w_j = W.")] = 100.0,
    tied: Annotated[
        bool, typer.Option(help="A one-unit recurrent net unrolled for DEPTH steps (every "
                                "w_j = w): derive dC/dh_1.")
    ] = False,
) -> None:
    """Derive dC/db for a chain network with SymPy and show it as the chapter's product.

    The chain has one neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = phi(z_j). The result
    is checked against SymPy's chain rule, the fully nested differentiation (depth <= 8, where
    its predicted cost is within budget) and the NumPy backprop at random chains; the output
    says which checks ran.

    With --explode: the biases that hold every z_j at phi's steepest point, the per-layer
    factor W phi'(z*) and dC/db_1, derived with SymPy and confirmed by backprop.

    With --tied: h_t = phi(w h_(t-1) + u x_t + b) unrolled for DEPTH steps is the chain with
    every weight tied to w; dC/dh_1 = w phi'(z_2) ... w phi'(z_T) dC/dh_T, checked the same
    way, numerically against backpropagation through time.
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
    if format is DeriveFormat.json:
        print_json(derivation_json(d, v))
    elif format is DeriveFormat.latex:
        typer.echo(d.latex())
    else:
        typer.echo(derivation_text(d, v))


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
    backprop and against central finite differences (mpmath from 80 digits up, until two
    precisions agree to 1e-20), and exits with 1 if either exceeds the tolerance (1e-9).
    """
    from ..chain.verify import check_chain
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


