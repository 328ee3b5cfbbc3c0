"""``analytic problem``: the chapter's problems and exercise, solved and checked."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from .command import Session, command
from .errors import sub_app
from .options import FormulaFormat, Seed, _one, activation_parser, limited, names_option, numbers

app = sub_app(
    "The chapter's problems, solved by SymPy and checked.\n\nThe window problem, the identity "
    "neuron and the larger-derivative exercise, each solved by SymPy and checked by computation."
)

W1 = limits.Limit("w₁", 1e-4, 100, integer=False)
WeightStd = limits.Limit("the standard deviation of the weights", 0, 1e6, integer=False,
                         low_open=True)
W1s = Annotated[list[str] | None, typer.Option(
    "--w1", metavar="X",
    help=f"First-layer weight to tabulate ({W1.span}; repeatable, or comma-separated). "
    "Default: 2, 1, 0.5, 0.1, 0.01.")]
WeightStds = Annotated[list[str] | None, typer.Option(
    "--weight-std", metavar="S",
    help=f"Standard deviation s of the weights, w ~ N(0, s²) ({WeightStd.span}; repeatable, "
    "or comma-separated). Default: 1 and 4.")]
ChainDepth = limited(limits.Limit("the depth of the chains", 2, 1000),
                     "Layers in each sampled chain", "--depth")
Chains = limited(limits.CHAINS, "Chains sampled per row", "--chains")


def sigmoid_window(session: Session, lang: str):
    """Where |w σ′(wa + b)| ≥ 1: the window and its widest.

    SymPy proves the factor needs |w| ≥ 4, derives the window's width (solving s(1 − s) = 1/|w|
    for s = σ(z)) and proves it equals the chapter's expression; mpmath finds the widest window.
    """
    from ..present.reports.theory import window_report
    from ..theory.window import window_problem

    return window_report(window_problem(), lang)


def identity_neuron(session: Session, lang: str, w1: W1s = None):
    """Make w₂ σ(w₁x + b) ≈ x on [0, 1], and its error.

    SymPy expands the neuron in w₁ at x = 1/2 + Δ; the table gives the constant offset (which
    the next layer's bias absorbs) and the worst-case error on [0, 1] for each w₁.
    """
    from ..present.reports.theory import identity_report
    from ..theory.identity_neuron import DEFAULT_W1, identity_problem

    return identity_report(identity_problem(numbers(w1, W1, DEFAULT_W1)), lang)


def _steeper(spec: str):
    # sigmoid*C is σ(Cz), the exercise's own; any other name a registered activation
    name, star, c = spec.partition("*")
    if not (star and name.strip() == "sigmoid"):
        return _one(activation_parser()(spec), "--activation")
    from ..theory.larger_derivative import scaled_sigmoid

    try:
        return scaled_sigmoid(float(c))
    except ValueError:
        raise ValueError(f"sigmoid*C needs a positive number C, got {spec!r}") from None


Steeper = names_option(
    "activation", _steeper,
    "Activations (repeatable, or comma-separated): any of the registered ones (sigmoid, tanh, "
    "relu, ...), or sigmoid*c for σ(cz), c > 0. Default: sigmoid, sigmoid*2, sigmoid*4, "
    "sigmoid*8, tanh, relu.")


def larger_derivative(session: Session, lang: str, depth: ChainDepth = 20, chains: Chains = 4000,
                      weight_std: WeightStds = None, activation: Steeper = None,
                      seed: Seed = 0):
    """Would a derivative much larger than 1/4 help?

    Compares σ(cz) for several c (written sigmoid*c), tanh and relu: the width of the window
    where |w φ′| ≥ 1, and the product of the chapter's factors along sampled random chains.
    """
    from ..present.reports.theory import larger_derivative_report
    from ..theory.larger_derivative import DEFAULT_ACTIVATIONS
    from ..theory.larger_derivative import larger_derivative as exercise

    result = exercise(activation or list(DEFAULT_ACTIVATIONS),
                      numbers(weight_std, WeightStd, [1.0, 4.0]), depth, chains, seed)
    return larger_derivative_report(result, lang)


command(app, "sigmoid-window", formats=FormulaFormat)(sigmoid_window)
command(app, "identity-neuron")(identity_neuron)
command(app, "larger-derivative")(larger_derivative)
