"""``analytic table``: the teaching tables as text, markdown, csv, LaTeX or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from .command import Session, command
from .options import Seed, activations_option, choices, limited, refuse_unused

TableName = choices("TableName", "vanishing", "explosion", "activations", "inits")
Weight = Annotated[float, typer.Option(
    "--weight", metavar="X",
    callback=lambda v: v if v is None or 1e-6 <= abs(v) <= 1e6 else _bad_weight(v),
    help="explosion: the weight w of every layer (1e-6 ≤ |w| ≤ 1e6).")]
Rows = limited(limits.Limit("the number of rows", 1, 200),
               "Rows k = 1..DEPTH (vanishing, explosion)", "--depth")
Chains = limited(limits.CHAINS, "vanishing: random chains per activation", "--chains")


def _bad_weight(value: float) -> float:
    raise typer.BadParameter(f"must be a number with 1e-6 ≤ |w| ≤ 1e6, got {value:g}")


def table(session: Session, lang: str,
          name: Annotated[TableName, typer.Argument(
              help="vanishing, explosion, activations or inits.")],
          depth: Rows = 10, weight: Weight = 100.0, chains: Chains = 1000, seed: Seed = 0,
          activation: activations_option("vanishing: the activations",
                                         default="sigmoid, tanh, relu") = None):
    """Print a table for slides, handouts or scripts.

    vanishing: the bound (max φ′)^k and the 10/50/90 % quantiles of |∂C/∂b₁| / |∂C/∂b_(k+1)|
    measured by backprop over random chains (w, b ~ N(0, 1)). explosion: the chain with every
    weight w and every z_j = 0, backprop ratio next to (w/4)^k. activations: range, largest
    derivative and where, where the derivative is below 1e-3, saturation. inits: LeCun,
    Glorot (Xavier), He (Kaiming) and orthogonal weights, normal and uniform, fan-in, fan-out
    and average: each law, what it keeps (with mean-field theory's χ₁ for the activation it
    was derived for), and the names it goes by in papers, frameworks and textbooks.
    """
    from ..present import teaching_tables as tables
    from ..present.table import Report, table_json

    vanishing, explosion = name.value == "vanishing", name.value == "explosion"
    refuse_unused(session.ctx, f"the {name.value} table", {
        "depth": vanishing or explosion, "weight": explosion, "chains": vanishing,
        "seed": vanishing, "activation": vanishing,
    })
    if vanishing:
        from ..chain.ratios import sample_bands
        from ..core.activations import relu, sigmoid, tanh

        phis = activation or [sigmoid(), tanh(), relu()]
        bands = sample_bands(phis, depth, chains, seed, session.progress)
        t = tables.vanishing_table(bands, [phi.peak_prime for phi in phis], lang)
    elif explosion:
        from ..theory.explosion import explosion_ratios

        t = tables.explosion_table(explosion_ratios(weight, depth), lang)
    elif name.value == "inits":
        from ..theory.initialisations import SCHEMES

        laws, names = tables.inits_tables(SCHEMES, lang)
        return Report((), (laws, names), data={"tables": [table_json(laws), table_json(names)]})
    else:
        from ..theory.activation_facts import facts_of, registered

        t = tables.activations_table([facts_of(n) for n in registered()], lang)
    return Report((), (t,), data=table_json(t))


def register(app: typer.Typer) -> None:
    """``analytic table``."""
    command(app, "table")(table)
