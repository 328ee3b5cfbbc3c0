"""``analytic problem``: the chapter's problems and exercise, solved and checked."""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import sub_app
from .options import DeriveFormat, Format, ReportFormat, Seed, floats, print_json

app = sub_app("The chapter's problems and exercise, solved by SymPy and checked by computation.")


@app.command("sigmoid-window")
def sigmoid_window(
    format: Annotated[DeriveFormat, typer.Option(help="Output format.")] = DeriveFormat.text,
) -> None:
    """Where |w sigma'(wa + b)| >= 1: |w| >= 4, the window's width, and its widest point.

    SymPy derives the bound and the width (solving s(1 - s) = 1/|w| for s = sigma(z)) and
    proves it equals the chapter's expression; mpmath finds the widest window.
    """
    from ..present.theory_reports import window_json, window_latex, window_text
    from ..theory.window import derive_window, widest_window

    d, widest = derive_window(), widest_window()
    if format is DeriveFormat.json:
        print_json(window_json(d, widest))
    elif format is DeriveFormat.latex:
        typer.echo(window_latex(d, widest))
    else:
        typer.echo(window_text(d, widest))


@app.command("identity-neuron")
def identity_neuron(
    w1: Annotated[
        str, typer.Option("--w1", help="Comma-separated first-layer weights to tabulate.")
    ] = "2,1,0.5,0.1,0.01",
    format: Format = ReportFormat.text,
) -> None:
    """Choose w1, b, w2 so that w2 sigma(w1 x + b) ~ x on [0, 1]; tabulate the worst error.

    SymPy expands the neuron in w1 at x = 1/2 + Delta; the table gives the constant offset
    (which the next layer's bias absorbs) and the worst-case error on [0, 1].
    """
    from ..present.theory_reports import identity_json, identity_text
    from ..theory.identity_neuron import derive_identity, identity_table

    rows = identity_table(floats(w1, "--w1"))
    d = derive_identity()
    if format is ReportFormat.json:
        print_json(identity_json(d, rows))
    else:
        typer.echo(identity_text(d, rows))


@app.command("larger-derivative")
def larger_derivative(
    depth: Annotated[int, typer.Option(help="Layers in each sampled chain.")] = 20,
    chains: Annotated[int, typer.Option(help="Chains sampled per row.")] = 4000,
    weight_std: Annotated[
        str, typer.Option(help="Comma-separated standard deviations s of the weights.")
    ] = "1,4",
    seed: Seed = 0,
    format: Format = ReportFormat.text,
) -> None:
    """Would a derivative much larger than 1/4 avoid unstable gradients? Computed, not argued.

    Compares sigma(cz) for several c, tanh and relu: the width of the window where
    |w phi'| >= 1, and the product of the chapter's factors along sampled random chains.
    """
    from ..present.theory_reports import steeper_json, steeper_text
    from ..theory.larger_derivative import larger_derivative_table
    from ..theory.window import widest_window

    widest = widest_window()
    rows = larger_derivative_table(
        weight_stds=floats(weight_std, "--weight-std"), depth=depth, chains=chains, seed=seed,
        widest_sigmoid=(widest.argmax_abs_w, widest.max_width),
    )
    if format is ReportFormat.json:
        print_json(steeper_json(rows, depth, chains, seed))
    else:
        typer.echo(steeper_text(rows, depth, chains, seed, widest))


