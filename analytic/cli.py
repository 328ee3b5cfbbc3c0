"""The ``analytic`` command line: parse, call the library once, render.

Heavy libraries (SymPy, NumPy, matplotlib) are imported inside the commands, so that
``analytic --help`` starts fast. Every domain error (a ``ValueError`` from the library, or a
bad option) ends as one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

# typer may vendor click; its ClickException is the base of typer.BadParameter either way
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _OneLineErrors(TyperGroup):
    """Report usage errors and domain errors as one line and exit code 2, never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as e:
            _fail(e.format_message())
        except (ValueError, OSError) as e:
            _fail(str(e))
        except typer.Abort:
            _fail("interrupted", code=130)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)


app = typer.Typer(
    cls=_OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    help="Why deep networks are hard to train: derive, check and show unstable gradients.",
)


class DeriveFormat(str, Enum):
    text = "text"
    latex = "latex"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


Depth = Annotated[int, typer.Option(help="Layers in the chain (1 to 2000).")]
Layer = Annotated[int, typer.Option(help="Which bias: dC/db_LAYER (1 = first layer).")]
ActivationName = Annotated[
    str,
    typer.Option(
        help="sigmoid, tanh, relu or leaky_relu; a parameter follows a colon: leaky_relu:0.2."
    ),
]
CostName = Annotated[str, typer.Option(help="quadratic or cross-entropy.")]
Seed = Annotated[int, typer.Option(help="Seed of the random chains.")]


def _print_json(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@app.command()
def derive(
    depth: Depth = 4,
    layer: Layer = 1,
    activation: ActivationName = "sigmoid",
    cost: CostName = "quadratic",
    format: Annotated[DeriveFormat, typer.Option(help="Output format.")] = DeriveFormat.text,
    seed: Seed = 0,
) -> None:
    """Derive dC/db for a chain network with SymPy and show it as the chapter's product.

    The chain has one neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = phi(z_j). The result
    is checked against SymPy's chain rule, the fully nested differentiation (depth <= 8) and
    the NumPy backprop at random chains; the output says which checks ran.
    """
    from .symbolic import derive_chain
    from .render import derivation_json, derivation_text

    d = derive_chain(depth, layer, activation, cost, seed=seed)
    if format is DeriveFormat.json:
        _print_json(derivation_json(d))
    elif format is DeriveFormat.latex:
        typer.echo(d.latex())
    else:
        typer.echo(derivation_text(d))


@app.command()
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
    backprop and against central finite differences (mpmath, 60 digits), and exits with 1 if
    either exceeds the tolerance (1e-9).
    """
    from .render import check_json, check_text
    from .symbolic import check_chain

    report = check_chain(depth, layer, activation, cost, trials=trials, seed=seed)
    if format is ReportFormat.json:
        _print_json(check_json(report))
    else:
        typer.echo(check_text(report))
    if not report.passed:
        raise typer.Exit(1)


# --- figures and tables ---
class FigureFormat(str, Enum):
    png = "png"
    svg = "svg"
    pdf = "pdf"


class Language(str, Enum):
    en = "en"
    ja = "ja"


class FigureStyle(str, Enum):
    paper = "paper"
    slides = "slides"


class TableName(str, Enum):
    vanishing = "vanishing"
    explosion = "explosion"
    activations = "activations"


class TableFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    latex = "latex"
    json = "json"


Lang = Annotated[Language, typer.Option("--lang", help="Language of titles, labels and headers.")]


@app.command()
def figures(
    out: Annotated[
        str, typer.Option(help="Directory to write into (created if only it is missing).")
    ] = "figures",
    format: Annotated[FigureFormat, typer.Option(help="File format.")] = FigureFormat.png,
    lang: Lang = Language.en,
    only: Annotated[
        list[str] | None,
        typer.Option(help="Render only this figure (repeatable). Default: every figure."),
    ] = None,
    style: Annotated[
        FigureStyle, typer.Option(help="paper: compact; slides: 16:9, large fonts, thick lines.")
    ] = FigureStyle.paper,
) -> None:
    """Draw the teaching figures, one file per figure named after it.

    Figures: sigmoid_derivative, tanh_derivative, relu_family, modern_activations,
    derivative_comparison, sigmoid_window, gradient_product. Every curve is computed from the
    registered activations and the backprop; the same command writes identical files.
    """
    from rich.progress import Progress

    from .figures import check_names, render_all

    names = check_names(only)
    console = _stderr_console()
    with Progress(transient=True, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("drawing", total=len(names))

        def advance(name: str) -> None:  # called before each figure is drawn
            progress.update(task, description=name, completed=names.index(name))

        paths = render_all(out, format.value, lang.value, style.value, names, advance)
    for path in paths:
        typer.echo(str(path))


def _stderr_console():  # -> rich.console.Console, imported lazily
    from rich.console import Console

    return Console(stderr=True)


@app.command()
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
    from .tables import build_table, render_table

    t = build_table(
        name.value, depth, weight=weight, samples=samples, seed=seed,
        activations=activation or (), lang=lang.value,
    )
    typer.echo(render_table(t, format.value), nl=False)


def main() -> None:
    """Entry point of the ``analytic`` console script."""
    app()
