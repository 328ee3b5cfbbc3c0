"""``analytic table``: the teaching tables as text, markdown, csv, LaTeX or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import Lang, Language, Seed, TableFormat, TableName


def table(
    name: Annotated[TableName, typer.Argument(help="vanishing, explosion or activations.")],
    depth: Annotated[int, typer.Option(help="Rows k = 1..DEPTH (vanishing, explosion).")] = 10,
    format: Annotated[TableFormat, typer.Option(help="Output format.")] = TableFormat.text,
    weight: Annotated[float, typer.Option(help="explosion: the weight w of every layer.")] = 100.0,
    samples: Annotated[int, typer.Option(help="vanishing: random chains per activation.")] = 1000,
    seed: Seed = 0,
    activation: Annotated[
        list[str] | None,
        typer.Option(help="vanishing: activation (repeatable). Default: sigmoid, tanh, relu."),
    ] = None,
    lang: Lang = Language.en,
) -> None:
    """Print a table for slides, handouts or scripts.

    vanishing: the bound (max phi')^k and the 10/50/90 % quantiles of |dC/db_1| / |dC/db_(k+1)|
    measured by backprop over random chains (w, b ~ N(0, 1)). explosion: the chain with every
    weight w and every z_j = 0, backprop ratio next to (w/4)^k. activations: range, largest
    derivative, where the derivative is tiny, saturation.
    """
    from ..present.tables import build_table, render_table

    t = build_table(
        name.value, depth, weight=weight, samples=samples, seed=seed,
        activations=activation or (), lang=lang.value,
    )
    typer.echo(render_table(t, format.value), nl=False)

