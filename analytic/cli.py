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

# --- theory (issue 5) ---
problem_app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True,
    help="The chapter's problems and exercise, solved by SymPy and checked by computation.",
)
theory_app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True,
    help="Mean-field theory: predict the per-layer gradient factor of wide random networks.",
)
app.add_typer(problem_app, name="problem")
app.add_typer(theory_app, name="theory")

SigmaW = Annotated[float, typer.Option("--sigma-w", help="Weights ~ N(0, SIGMA_W^2 / n_in).")]
SigmaB = Annotated[float, typer.Option("--sigma-b", help="Biases ~ N(0, SIGMA_B^2).")]
Format = Annotated[ReportFormat, typer.Option(help="Output format.")]


def _derive_explode(weight: float, depth: int, activation: str, format: DeriveFormat) -> None:
    from .explode import explode
    from .theory_render import explosion_json, explosion_latex, explosion_text

    e = explode(weight, depth, activation)
    if format is DeriveFormat.json:
        _print_json(explosion_json(e))
    elif format is DeriveFormat.latex:
        typer.echo(explosion_latex(e))
    else:
        typer.echo(explosion_text(e))
    if not e.confirmed:
        raise typer.Exit(1)


@problem_app.command("sigmoid-window")
def sigmoid_window(
    format: Annotated[DeriveFormat, typer.Option(help="Output format.")] = DeriveFormat.text,
) -> None:
    """Where |w sigma'(wa + b)| >= 1: |w| >= 4, the window's width, and its widest point.

    SymPy derives the bound and the width (solving s(1 - s) = 1/|w| for s = sigma(z)) and
    proves it equals the chapter's expression; mpmath finds the widest window.
    """
    from .theory_render import window_json, window_latex, window_text
    from .window import derive_window, widest_window

    d, widest = derive_window(), widest_window()
    if format is DeriveFormat.json:
        _print_json(window_json(d, widest))
    elif format is DeriveFormat.latex:
        typer.echo(window_latex(d, widest))
    else:
        typer.echo(window_text(d, widest))


@problem_app.command("identity-neuron")
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
    from .identity import derive_identity, identity_table
    from .theory_render import identity_json, identity_text

    rows = identity_table(_floats(w1, "--w1"))
    d = derive_identity()
    if format is ReportFormat.json:
        _print_json(identity_json(d, rows))
    else:
        typer.echo(identity_text(d, rows))


@problem_app.command("larger-derivative")
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
    from .steeper import larger_derivative_table
    from .theory_render import steeper_json, steeper_text
    from .window import widest_window

    widest = widest_window()
    rows = larger_derivative_table(
        weight_stds=_floats(weight_std, "--weight-std"), depth=depth, chains=chains, seed=seed,
        widest_sigmoid=(widest.argmax_abs_w, widest.max_width),
    )
    if format is ReportFormat.json:
        _print_json(steeper_json(rows, depth, chains, seed))
    else:
        typer.echo(steeper_text(rows, depth, chains, seed, widest))


@theory_app.command("chi")
def theory_chi(
    activation: ActivationName = "tanh",
    sigma_w: SigmaW = 1.0,
    sigma_b: SigmaB = 0.0,
    format: Format = ReportFormat.text,
) -> None:
    """q*, chi_1 and the predicted per-layer gradient factor sqrt(chi_1) of a wide network.

    q* is the fixed point of q -> sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2 and
    chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2], z ~ N(0, 1) (exact for relu-like phi).
    """
    from .meanfield import chi
    from .theory_render import chi_json, chi_text

    m = chi(activation, sigma_w, sigma_b)
    if format is ReportFormat.json:
        _print_json(chi_json(m))
    else:
        typer.echo(chi_text(m))


@theory_app.command("predict")
def theory_predict(
    hidden: Annotated[int, typer.Option(help="Hidden layers of 30 neurons (784-30-...-10).")] = 4,
    activation: ActivationName = "sigmoid",
    init: Annotated[
        str, typer.Option(help="scaled N(0,1/n_in) (the chapter's) | gaussian N(0,1) | xavier | "
                          "he N(0,2/n_in); biases N(0,1). Sets sigma_w between hidden layers.")
    ] = "scaled",
    measured: Annotated[
        str, typer.Option(help="Measured ratios ||grad b^l|| / ||grad b^(l+1)||, comma-separated "
                          "(e.g. from experiment init-norms); default: measure here.")
    ] = "",
    data: Annotated[
        str, typer.Option(help="MNIST CSV(.gz) (784 pixels then the label) for the inputs; "
                          "default: inputs ~ N(0, 1).")
    ] = "",
    networks: Annotated[int, typer.Option(help="Random networks measured.")] = 20,
    batch: Annotated[int, typer.Option(help="Inputs per gradient (the chapter: 1000).")] = 1000,
    seed: Seed = 0,
    format: Format = ReportFormat.text,
) -> None:
    """The mean-field factor sqrt(chi_1) next to measured per-layer gradient ratios.

    The chapter's network is 784-30-...-30-10 with weights N(0, 1/n_in) and biases N(0, 1),
    that is sigma_w = 1, sigma_b = 1. Ratios are earlier over later layer (< 1: vanishing).
    """
    from .meanfield import CHAPTER_SIGMA_B, init_sigma_w, measure_chapter, predict
    from .theory_render import prediction_json, prediction_text

    if hidden < 2:
        raise ValueError(f"need at least 2 hidden layers to form a ratio, got {hidden}")
    if measured:
        ratios, source, q1, rms = _floats(measured, "--measured"), "given", None, []
    else:
        ratios, source, q1, rms = measure_chapter(
            hidden, activation, init, data or None, networks, batch, seed
        )
    p = predict(ratios, activation, init_sigma_w(init), CHAPTER_SIGMA_B, source, q1, rms)
    if format is ReportFormat.json:
        _print_json(prediction_json(p))
    else:
        typer.echo(prediction_text(p))


def _floats(text: str, option: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"{option} takes comma-separated numbers, got {text!r}") from None
    if not values:
        raise ValueError(f"{option} needs at least one number")
    return values


def main() -> None:
    """Entry point of the ``analytic`` console script."""
    app()
