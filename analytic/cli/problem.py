"""``analytic problem``: the chapter's problems and exercise, solved and checked."""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import sub_app
from .options import (
    Activations,
    FormulaFormat,
    FormulaFormatOption,
    Seed,
    TableFormat,
    TableFormatOption,
    activation_list,
    count,
    emit,
    numbers,
)

app = sub_app(
    "The chapter's problems, solved by SymPy and checked.\n\nThe window problem, the identity "
    "neuron and the larger-derivative exercise, each solved by SymPy and checked by computation."
)

W1s = Annotated[
    list[str] | None,
    typer.Option("--w1", metavar="X",
                 help="First-layer weight to tabulate, 1e-4 ≤ w₁ ≤ 100 (repeatable, or "
                 "comma-separated). Default: 2, 1, 0.5, 0.1, 0.01."),
]
WeightStds = Annotated[
    list[str] | None,
    typer.Option("--weight-std", metavar="S",
                 help="Standard deviation s of the weights, w ~ N(0, s²), 0 < s ≤ 10⁶ "
                 "(repeatable, or comma-separated). Default: 1 and 4."),
]
ChainDepth = count("Layers in each sampled chain", 2, 1000)
Chains = count("Chains sampled per row", 1, 10_000_000)
STEEPER = ("sigmoid", "sigmoid*2", "sigmoid*4", "sigmoid*8", "tanh", "relu")


@app.command("sigmoid-window")
def sigmoid_window(format: FormulaFormatOption = FormulaFormat.text) -> None:
    """Where |w σ′(wa + b)| ≥ 1: the window and its widest.

    SymPy proves the factor needs |w| ≥ 4, derives the window's width (solving s(1 − s) = 1/|w|
    for s = σ(z)) and proves it equals the chapter's expression; mpmath finds the widest window.
    """
    from ..present.theory_reports import window_report
    from ..theory.window import window_problem

    emit(window_report(window_problem()), format)


@app.command("identity-neuron")
def identity_neuron(w1: W1s = None, format: TableFormatOption = TableFormat.text) -> None:
    """Make w₂ σ(w₁x + b) ≈ x on [0, 1], and its error.

    SymPy expands the neuron in w₁ at x = 1/2 + Δ; the table gives the constant offset (which
    the next layer's bias absorbs) and the worst-case error on [0, 1] for each w₁.
    """
    from ..present.theory_reports import identity_report
    from ..theory.identity_neuron import DEFAULT_W1, identity_problem

    emit(identity_report(identity_problem(numbers(w1, "--w1", list(DEFAULT_W1)))), format)


@app.command("larger-derivative")
def larger_derivative(
    depth: ChainDepth = 20,
    chains: Chains = 4000,
    weight_std: WeightStds = None,
    activation: Activations = None,
    seed: Seed = 0,
    format: TableFormatOption = TableFormat.text,
) -> None:
    """Would a derivative much larger than 1/4 help?

    Compares σ(cz) for several c (written sigmoid*c), tanh and relu: the width of the window
    where |w φ′| ≥ 1, and the product of the chapter's factors along sampled random chains.
    Default activations: sigmoid, sigmoid*2, sigmoid*4, sigmoid*8, tanh, relu.
    """
    from ..present.theory_reports import larger_derivative_report
    from ..theory.larger_derivative import larger_derivative as exercise

    result = exercise(
        activation_list(activation, list(STEEPER)),
        numbers(weight_std, "--weight-std", [1.0, 4.0]), depth, chains, seed,
    )
    emit(larger_derivative_report(result), format)
