"""``analytic derive`` and ``analytic check``: the chain network's gradient, derived and checked."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from ..core.activations import Activation
from .command import Session, command
from .options import (
    CostOption,
    FormulaFormat,
    ReportFormat,
    Seed,
    activation_option,
    choices,
    limited,
)


def _weight(value: float | None) -> float | None:
    if value is not None and not 1e-6 <= abs(value) <= 1e6:
        raise typer.BadParameter(f"must be a number with 1e-6 ≤ |W| ≤ 1e6, got {value:g}")
    return value


Weight = Annotated[float, typer.Option(
    "--weight", metavar="X", callback=_weight,
    help="With --explode: every weight w_j = W (1e-6 ≤ |W| ≤ 1e6).")]
Depth = limited(limits.DEPTH, "Layers in the chain", "--depth")
Layer = limited(limits.Limit("the layer", 1, limits.DEPTH.high),
                "Which bias: ∂C/∂b_K (1 = first layer, up to the depth)", "--layer")
Trials = limited(limits.TRIALS, "Random chains to compare at", "--trials")
Phi = activation_option("The activation")

#: Options each mode leaves unused: giving one is refused in one line, never silently ignored.
_ONLY_EXPLODE = {"weight": "--weight is used only with --explode"}
_UNUSED = {
    "chain": _ONLY_EXPLODE,
    "explode": {name: f"--{name} is not used with --explode" for name in ("layer", "cost", "seed")},
    "tied": {"layer": "--layer is not used with --tied (it derives ∂C/∂h₁)", **_ONLY_EXPLODE},
    "lstm": {**{name: f"--{name} is not used with --cell lstm (it derives ∂c_T/∂c₁ of the "
                "LSTM, whose gates are σ and tanh)" for name in ("layer", "activation", "cost")},
             **_ONLY_EXPLODE},
}
CellChoice = choices("CellChoice", "vanilla", "lstm")
Cell = Annotated[CellChoice, typer.Option(  # a cell's name in any case, as experiment rnn's
    "--cell", case_sensitive=False,
    help="With --tied: vanilla, the one-unit RNN (∂C/∂h₁), or lstm, a one-unit LSTM "
    "(∂c_T/∂c₁ along the constant error carousel, the product of the forget gates, and in "
    "full; DEPTH up to 200).")]


def _refuse_unused(ctx: typer.Context, mode: str) -> None:
    for name, message in _UNUSED[mode].items():
        if ctx.get_parameter_source(name).name not in {"DEFAULT", "DEFAULT_MAP"}:
            raise ValueError(message)


def derive(session: Session, lang: str, depth: Depth = 4, layer: Layer = 1,
           activation: Phi = "sigmoid", cost: CostOption = "quadratic", seed: Seed = 0,
           explode: Annotated[bool, typer.Option(
               help="Show the exploding construction instead.")] = False,
           weight: Weight = 100.0,
           tied: Annotated[bool, typer.Option(
               help="A one-unit recurrent net unrolled for DEPTH steps (every w_j = w): "
               "derive ∂C/∂h_1.")] = False,
           cell: Cell = CellChoice("vanilla")):
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

    With --tied --cell lstm: a one-unit LSTM (no peepholes, weights tied) unrolled for DEPTH
    steps. Along the constant error carousel (each step differentiated in c_(t-1) with
    h_(t-1), and so the gates, held) ∂c_T/∂c_1 = f_2 ... f_T, the product of the forget gates;
    in full (h_t = o_t tanh c_t and the gates following) it is the product of the steps'
    Jacobians, a sum of 2^(T-1) paths. Both are derived by SymPy and checked: exactly against
    the LSTM's equations and, for DEPTH <= 3, one nested sympy.diff; numerically against
    backpropagation through time and mpmath finite differences.
    """
    if explode and tied:
        raise ValueError("--explode and --tied are different constructions: choose one")
    lstm = getattr(cell, "value", cell) == "lstm"
    if lstm and not tied:
        raise ValueError("--cell lstm unrolls a recurrent cell: give --tied with it")
    _refuse_unused(session.ctx, "explode" if explode else "lstm" if lstm else "tied" if tied
                   else "chain")
    if explode:
        return _explode(weight, depth, activation, lang)
    if lstm:
        return _carousel(depth, seed, lang)
    from ..chain.verify import verify
    from ..present.reports.chain import derivation_report

    if tied:
        from ..chain.tied import derive_tied

        d = derive_tied(depth, activation, cost)
    else:
        from ..chain.derive import derive_chain

        d = derive_chain(depth, layer, activation, cost)
    return derivation_report(d, verify(d, seed=seed), lang)


def _carousel(depth: int, seed: int, lang: str):
    from ..chain.carousel import derive_carousel
    from ..chain.carousel_checks import verify_carousel
    from ..present.reports.carousel import carousel_report

    d = derive_carousel(depth)
    return carousel_report(d, verify_carousel(d, seed=seed), lang)


def _explode(weight: float, depth: int, activation: Activation, lang: str):
    from ..present.reports.theory import explosion_report
    from ..theory.explosion import explode

    e = explode(weight, depth, activation)
    return explosion_report(e, lang), 0 if e.confirmed else 1


def check(session: Session, lang: str, depth: Depth = 10, layer: Layer = 1,
          activation: Phi = "sigmoid", cost: CostOption = "quadratic", trials: Trials = 100,
          seed: Seed = 0):
    """Check the derivation against backprop and finite differences.

    Evaluates ∂C/∂b at TRIALS random chains, prints the largest relative error against the
    NumPy backprop and against central finite differences (mpmath, from the digits the
    gradient's size needs up, until two precisions agree to 1e-20), and exits with 1 if either
    exceeds the tolerance (1e-9). A request over the work budget (about 10^5 chains at depth
    2,000) is refused before it starts.
    """
    from ..chain.verify import check_chain
    from ..present.reports.chain import check_report

    result = check_chain(depth, layer, activation, cost, trials=trials, seed=seed,
                         progress=session.progress)
    return check_report(result, lang), 0 if result.passed else 1


def register(app: typer.Typer) -> None:
    """``analytic derive`` and ``analytic check``."""
    command(app, "derive", formats=FormulaFormat)(derive)
    command(app, "check", formats=ReportFormat)(check)

