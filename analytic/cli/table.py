"""``analytic table``: the teaching tables as text, markdown, csv, LaTeX or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (
    Activations,
    Lang,
    Language,
    Seed,
    TableFormat,
    TableFormatOption,
    activation_list,
    choices,
    count,
    emit,
    number,
    refuse_unused,
)

TableName = choices("TableName", "vanishing", "explosion", "activations")
DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu")
Weight = number("explosion: the weight w of every layer (1e-6 ≤ |w| ≤ 1e6).",
                lambda v: 1e-6 <= abs(v) <= 1e6, "a number with 1e-6 ≤ |w| ≤ 1e6")
Rows = count("Rows k = 1..DEPTH (vanishing, explosion)", 1, 200)
Samples = count("vanishing: random chains per activation", 1, 100_000)


def table(
    ctx: typer.Context,
    name: Annotated[TableName, typer.Argument(help="vanishing, explosion or activations.")],
    depth: Rows = 10,
    format: TableFormatOption = TableFormat.text,
    weight: Weight = 100.0,
    samples: Samples = 1000,
    seed: Seed = 0,
    activation: Activations = None,
    lang: Lang = Language.en,
) -> None:
    """Print a table for slides, handouts or scripts.

    vanishing: the bound (max φ′)^k and the 10/50/90 % quantiles of |∂C/∂b₁| / |∂C/∂b_(k+1)|
    measured by backprop over random chains (w, b ~ N(0, 1)); --activation picks which
    (default: sigmoid, tanh, relu). explosion: the chain with every weight w and every z_j = 0,
    backprop ratio next to (w/4)^k. activations: range, largest derivative and where, where the
    derivative is below 1e-3, saturation.
    """
    from ..present import teaching_tables as tables
    from ..present.table import Report, table_json

    vanishing, explosion = name.value == "vanishing", name.value == "explosion"
    refuse_unused(ctx, f"the {name.value} table", {
        "depth": vanishing or explosion, "weight": explosion, "samples": vanishing,
        "seed": vanishing, "activation": vanishing,
    })
    if name.value == "vanishing":
        from ..chain.ratios import sample_product_bands
        from ..core.activations import get_activation

        specs = activation_list(activation, list(DEFAULT_ACTIVATIONS))
        phis = [get_activation(s) for s in specs]
        bands = [sample_product_bands(phi, depth, samples, seed) for phi in phis]
        t = tables.vanishing_table(bands, [phi.peak_prime for phi in phis], lang.value)
    elif name.value == "explosion":
        from ..theory.explosion import explosion_ratios

        t = tables.explosion_table(explosion_ratios(weight, depth), lang.value)
    else:
        from ..theory.activation_facts import facts_of, registered

        t = tables.activations_table([facts_of(n) for n in registered()], lang.value)
    emit(Report((), (t,), data=table_json(t)), format)
