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
            if type(e).__name__ == "NoArgsIsHelpError":  # `analytic` alone: show the help
                typer.echo(e.format_message())
                sys.exit(0)
            _fail(e.format_message())
        except ModuleNotFoundError as e:  # a command's lazily imported dependency is missing
            _fail(f"analytic needs the package {e.name!r}; install it with: pip install -e .")
        except (ValueError, OSError) as e:
            _fail(str(e))
        except typer.Abort:
            _fail("interrupted", code=130)
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)


# rich_markup_mode=None: plain help that re-wraps each docstring paragraph to the terminal
app = typer.Typer(
    cls=_OneLineErrors,
    rich_markup_mode=None,
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
        help="sigmoid, tanh, relu, leaky_relu, prelu, rrelu, elu, gelu, silu (swish) or "
        "softplus; a parameter follows a colon: leaky_relu:0.2."
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
    from ..present.chain_reports import derivation_json, derivation_text
    from ..chain.derive import derive_chain

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
    backprop and against central finite differences (mpmath, 80 digits), and exits with 1 if
    either exceeds the tolerance (1e-9).
    """
    from ..present.chain_reports import check_json, check_text
    from ..chain.derive import check_chain

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

    from ..present.figures.gallery import check_names, render_all

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
    from ..present.tables import build_table, render_table

    t = build_table(
        name.value, depth, weight=weight, samples=samples, seed=seed,
        activations=activation or (), lang=lang.value,
    )
    typer.echo(render_table(t, format.value), nl=False)

# --- theory (issue 5) ---
problem_app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True, rich_markup_mode=None,
    help="The chapter's problems and exercise, solved by SymPy and checked by computation.",
)
theory_app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True, rich_markup_mode=None,
    help="Mean-field theory: predict the per-layer gradient factor of wide random networks.",
)
app.add_typer(problem_app, name="problem")
app.add_typer(theory_app, name="theory")

SigmaW = Annotated[float, typer.Option("--sigma-w", help="Weights ~ N(0, SIGMA_W^2 / n_in).")]
SigmaB = Annotated[float, typer.Option("--sigma-b", help="Biases ~ N(0, SIGMA_B^2).")]
Format = Annotated[ReportFormat, typer.Option(help="Output format.")]


def _derive_explode(weight: float, depth: int, activation: str, format: DeriveFormat) -> None:
    from ..theory.explosion import explode
    from ..present.theory_reports import explosion_json, explosion_latex, explosion_text

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
    from ..present.theory_reports import window_json, window_latex, window_text
    from ..theory.window import derive_window, widest_window

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
    from ..theory.identity_neuron import derive_identity, identity_table
    from ..present.theory_reports import identity_json, identity_text

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
    from ..theory.larger_derivative import larger_derivative_table
    from ..present.theory_reports import steeper_json, steeper_text
    from ..theory.window import widest_window

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
    from ..theory.meanfield import chi
    from ..present.theory_reports import chi_json, chi_text

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
        str, typer.Option(help="A full MNIST (mnist.pkl.gz, IDX folder or mnist.npz); "
                          "default: the embedded digits.")
    ] = "",
    networks: Annotated[int, typer.Option(help="Random networks measured.")] = 100,
    batch: Annotated[int, typer.Option("--images", help="Training images (the chapter: 1000).")] = 1000,
    seed: Seed = 0,
    format: Format = ReportFormat.text,
) -> None:
    """The mean-field factor sqrt(chi_1) next to measured per-layer gradient ratios.

    The chapter's network is 784-30-...-30-10 with weights N(0, 1/n_in) and biases N(0, 1),
    that is sigma_w = 1, sigma_b = 1. Ratios are earlier over later layer (< 1: vanishing).
    """
    from ..theory.meanfield import CHAPTER_SIGMA_B, init_sigma_w, predict
    from ..present.theory_reports import prediction_json, prediction_text

    if hidden < 2:
        raise ValueError(f"need at least 2 hidden layers to form a ratio, got {hidden}")
    if measured:
        ratios, source = _floats(measured, "--measured"), "given"
    else:
        ratios, source = _measured_ratios(hidden, activation, init, data, networks, batch, seed)
    p = predict(ratios, activation, init_sigma_w(init), CHAPTER_SIGMA_B, source)
    if format is ReportFormat.json:
        _print_json(prediction_json(p))
    else:
        typer.echo(prediction_text(p))


def _measured_ratios(hidden, activation, init, data, networks, images, seed):
    # the chapter's measurement, as `analytic experiment init-norms` makes it; its ratios are
    # later over earlier layer, the prediction's earlier over later
    _experiment_setup()
    from ..experiments.speeds import init_norms

    name, train, _ = _digits(data or None, images, 0, 0)
    result = init_norms(train, hidden, 30, networks, activation, init, seed=seed)
    source = (
        f"experiment init-norms: median over {networks} networks ({init} init, seed {seed}), "
        f"{len(train)} images of {name}, cross-entropy cost"
    )
    return [1.0 / r for r in result.ratios], source


def _floats(text: str, option: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"{option} takes comma-separated numbers, got {text!r}") from None
    if not values:
        raise ValueError(f"{option} needs at least one number")
    return values

# --- experiments on MNIST (issue 4) ---
experiment_app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True, rich_markup_mode=None,
    help="The chapter's experiments on real MNIST digits: how fast each hidden layer learns.",
)
app.add_typer(experiment_app, name="experiment")

_SETUP = (
    "Set-up, as in the chapter: a [784, 30, ..., 30, 10] network, sigmoid in every layer "
    "(output included), cross-entropy cost, weights N(0, 1/n_in), biases N(0, 1). "
    "Digits: the embedded 5,000-image MNIST sample unless --data is given; training (and "
    "validation) images are a class-balanced draw (n/10 per digit) made with --split-seed."
)


class ExperimentFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class Statistic(str, Enum):
    mean_gradient = "mean-gradient"
    mean_norm = "mean-norm"


Hidden = Annotated[int, typer.Option(help="Number of hidden layers.")]
Width = Annotated[int, typer.Option(help="Neurons in each hidden layer.")]
Images = Annotated[int, typer.Option(help="Training images (a multiple of 10).")]
DataPath = Annotated[
    str | None,
    typer.Option(
        "--data",
        help="Your full MNIST: the book's mnist.pkl.gz, mnist.npz, or a folder of the four "
        "IDX *-ubyte files (plain or .gz). Default: the embedded 5,000-digit sample.",
    ),
]
SplitSeed = Annotated[int, typer.Option(help="Seed of the class-balanced draw of images.")]
NetSeed = Annotated[int, typer.Option(help="Seed of the random initialisations.")]
ExpFormat = Annotated[ExperimentFormat, typer.Option(help="Output format.")]
OutDir = Annotated[str, typer.Option(help="Folder to write the figure and data to.")]
FigFormat = Annotated[FigureFormat, typer.Option(help="Figure file format.")]
HiddenActivation = Annotated[
    str, typer.Option(help="Hidden-layer activation: sigmoid, tanh, relu, leaky_relu[:slope].")
]
Init = Annotated[
    str,
    typer.Option(
        help="gaussian N(0,1) | scaled N(0,1/n_in) (the chapter's) | "
        "xavier U(±√(6/(n_in+n_out))) | he N(0,2/n_in)."
    ),
]
SpeedStatistic = Annotated[
    Statistic,
    typer.Option(
        help="mean-gradient: ‖mean of ∂C/∂b‖ (the chapter's); "
        "mean-norm: mean of per-image ‖∂C/∂b‖."
    ),
]


def _with_setup(command):
    """Append the chapter's set-up to the command's help."""
    import inspect

    command.__doc__ = inspect.cleandoc(command.__doc__) + "\n\n" + _SETUP
    return command


def _experiment_setup() -> None:
    # the matrices here are thin (30 columns): one BLAS thread is faster than two, and much
    # faster on a shared machine; must happen before NumPy is first imported to take effect
    import os

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _digits(data: str | None, n_train: int, n_validation: int, split_seed: int):
    from ..experiments.mnist import balanced_split, load_source

    source = load_source(data)
    train, validation = balanced_split(source, n_train, n_validation, split_seed)
    return source.name, train, validation


def _run_with_progress(description: str, total: int, work):
    """Call ``work(advance)`` under a progress bar on stderr; Ctrl-C ends with one line."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    bar = Progress(
        "{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    )
    try:
        with bar:
            task = bar.add_task(description, total=total)
            return work(lambda k=1: bar.advance(task, k))
    except KeyboardInterrupt:
        _fail("interrupted; no files were written", code=130)


def _emit(format: ExperimentFormat, result, data_name: str, renderers: dict) -> None:
    rendered = renderers[format.value](result, data_name)
    if format is ExperimentFormat.json:
        _print_json(rendered)
    else:
        typer.echo(rendered.rstrip("\n"))


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()



def _figure_bytes(draw, data, lang: Language, fmt: FigureFormat, size) -> bytes:
    from ..present.figures.gallery import figure_bytes

    return figure_bytes(draw, data, lang.value, fmt.value, size)


def _write_and_report(folder, files: dict[str, bytes], summary: str) -> None:
    from ..present.output import write_atomic

    for filename, payload in files.items():
        write_atomic(folder / filename, payload)
    typer.echo(summary)
    typer.echo("\nwrote " + ", ".join(str(folder / f) for f in files))


def _out_dir(out: str):
    from pathlib import Path

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@experiment_app.command("init-norms")
@_with_setup
def experiment_init_norms(
    hidden: Hidden = 4,
    width: Width = 30,
    seeds: Annotated[int, typer.Option(help="Random initialisations to measure.")] = 100,
    images: Images = 1000,
    activation: HiddenActivation = "sigmoid",
    init: Init = "scaled",
    statistic: SpeedStatistic = Statistic.mean_gradient,
    data: DataPath = None,
    seed: NetSeed = 0,
    split_seed: SplitSeed = 0,
    format: ExpFormat = ExperimentFormat.text,
) -> None:
    """Each hidden layer's speed of learning at initialisation, over many random networks.

    The speed of hidden layer l is the norm of the mean over the training images of ∂C/∂b^l.
    Prints, per hidden layer, the median and the 10th/90th percentiles over SEEDS random
    initialisations, and the median ratio between consecutive layers. --activation and --init
    change the hidden layers' activation and the weight initialisation (the output stays a
    sigmoid and the biases N(0, 1)).
    """
    _experiment_setup()
    from ..present import experiment_reports as report
    from ..experiments.speeds import init_norms

    name, train, _ = _digits(data, images, 0, split_seed)
    result = _run_with_progress("initialisations", seeds, lambda tick: init_norms(
        train, hidden, width, seeds, activation, init, statistic.value, seed, tick))
    _emit(format, result, name, {"text": report.init_norms_text, "json": report.init_norms_json,
                                 "csv": report.init_norms_csv})


@experiment_app.command("compare-inits")
def experiment_compare_inits(
    hidden: Hidden = 4,
    activations: Annotated[
        str, typer.Option(help="Comma-separated hidden-layer activations.")
    ] = "sigmoid,tanh,relu",
    inits: Annotated[
        str, typer.Option(help="Comma-separated initialisations.")
    ] = "gaussian,scaled,xavier,he",
    seeds: Annotated[int, typer.Option(help="Random initialisations per row.")] = 100,
    width: Width = 30,
    images: Images = 1000,
    data: DataPath = None,
    seed: NetSeed = 0,
    split_seed: SplitSeed = 0,
    format: ExpFormat = ExperimentFormat.text,
) -> None:
    """A table of median hidden-layer speeds for each activation and initialisation.

    One row per (activation, initialisation): the median over SEEDS networks of each hidden
    layer's speed, and of the ratio last/first (near 1 = the layers learn at the same pace).
    Initialisations: gaussian N(0, 1); scaled N(0, 1/n_in) (the chapter's); xavier
    U(±√(6/(n_in + n_out))); he N(0, 2/n_in). Biases N(0, 1), sigmoid output, cross-entropy.
    """
    _experiment_setup()
    from ..present import experiment_reports as report
    from ..experiments.speeds import compare_initialisations

    act_list = [a for a in activations.split(",") if a.strip()]
    init_list = [i.strip() for i in inits.split(",") if i.strip()]
    name, train, _ = _digits(data, images, 0, split_seed)
    total = seeds * len(act_list) * len(init_list)
    results = _run_with_progress("initialisations", total, lambda tick: compare_initialisations(
        train, hidden, act_list, init_list, seeds, width, seed, tick))
    _emit(format, results, name, {"text": report.compare_text, "json": report.compare_json,
                                  "csv": report.compare_csv})


@experiment_app.command("training-speed")
@_with_setup
def experiment_training_speed(
    hidden: Hidden = 2,
    epochs: Annotated[int, typer.Option(help="Full-batch gradient steps.")] = 500,
    seed: Annotated[int, typer.Option(help="Seed of the initial network.")] = 0,
    out: OutDir = ".",
    images: Images = 1000,
    data: DataPath = None,
    split_seed: SplitSeed = 0,
    lang: Lang = Language.en,
    figure_format: FigFormat = FigureFormat.png,
) -> None:
    """Each hidden layer's speed of learning during training, as data and as the chapter's figure.

    Trains by full-batch gradient descent on IMAGES training images (η = 0.1, L2 weight decay
    λ = 5.0 with n = IMAGES: w ← (1 − ηλ/n) w − η ∂C/∂w, biases not decayed), recording every
    hidden layer's speed ‖mean of ∂C/∂b^l‖ before each step. Writes
    training-speed-H.csv, training-speed-H.json and the figure training-speed-H.png (one
    line per hidden layer, log-scale y) into OUT, and prints a summary.
    """
    _experiment_setup()
    from ..present import experiment_reports as report
    from ..present.figures.experiments import draw_training_speed
    from ..experiments.speeds import training_speed

    name, train, _ = _digits(data, images, 0, split_seed)
    result = _run_with_progress("epochs", epochs, lambda tick: training_speed(
        train, hidden, epochs, seed, progress=tick))
    folder = _out_dir(out)
    stem = f"training-speed-{hidden}"
    files = {
        f"{stem}.csv": report.training_speed_csv(result, name).encode(),
        f"{stem}.json": _json_bytes(report.training_speed_json(result, name)),
        f"{stem}.{figure_format.value}": _figure_bytes(draw_training_speed, result, lang,
                                                     figure_format, (7.0, 4.5)),
    }
    _write_and_report(folder, files, report.training_speed_text(result, name))


@experiment_app.command("depth-accuracy")
@_with_setup
def experiment_depth_accuracy(
    max_hidden: Annotated[
        int, typer.Option(help="Train networks with 1..MAX_HIDDEN hidden layers.")
    ] = 4,
    epochs: Annotated[int, typer.Option(help="Epochs of mini-batch SGD.")] = 30,
    images: Annotated[int, typer.Option(help="Training images (a multiple of 10).")] = 4000,
    validation: Annotated[int, typer.Option(help="Validation images (a multiple of 10).")] = 1000,
    runs: Annotated[int, typer.Option(help="Independent runs per depth.")] = 1,
    lmbda: Annotated[
        float, typer.Option(help="L2 weight decay λ (the chapter's 5.0 was for n = 50,000).")
    ] = 5.0,
    data: DataPath = None,
    seed: NetSeed = 0,
    split_seed: SplitSeed = 0,
    format: ExpFormat = ExperimentFormat.text,
) -> None:
    """Validation accuracy against the number of hidden layers.

    Mini-batch SGD as in the chapter: batch 10, η = 0.1, L2 weight decay λ = 5.0 (n = IMAGES),
    30 epochs. On the embedded sample the validation digits are drawn from the images not used
    for training; with --data they come from the file's validation (pickle) or test (IDX, npz)
    set. The accuracy's binomial standard error is printed next to it: differences smaller
    than about two of them are noise.
    """
    _experiment_setup()
    from ..present import experiment_reports as report
    from ..experiments.speeds import depth_accuracy

    name, train, held_out = _digits(data, images, validation, split_seed)
    if held_out is None:
        raise ValueError("--validation must be at least 10")
    if lmbda < 0:
        raise ValueError(f"--lmbda must be at least 0, got {lmbda:g}")
    total = max_hidden * runs * epochs
    result = _run_with_progress("epochs", total, lambda tick: depth_accuracy(
        train, held_out, max_hidden, epochs, runs, seed, lmbda=lmbda, progress=tick))
    _emit(format, result, name, {"text": report.depth_accuracy_text,
                                 "json": report.depth_accuracy_json,
                                 "csv": report.depth_accuracy_csv})


@experiment_app.command("neuron-bars")
@_with_setup
def experiment_neuron_bars(
    hidden: Hidden = 2,
    neurons: Annotated[int, typer.Option(help="Neurons shown per hidden layer.")] = 6,
    seed: Annotated[int, typer.Option(help="Seed of the initial network.")] = 0,
    out: OutDir = ".",
    images: Images = 1000,
    data: DataPath = None,
    split_seed: SplitSeed = 0,
    lang: Lang = Language.en,
    figure_format: FigFormat = FigureFormat.png,
) -> None:
    """The chapter's bar picture: |∂C/∂b_j| of the first neurons of each hidden layer.

    For one freshly initialised [784, 30, 30, 10] network (with --hidden 2), a bar per neuron
    whose length is |mean over the training images of ∂C/∂b_j|; writes neuron-bars-H.png
    (and .json) into OUT and prints the numbers.
    """
    _experiment_setup()
    from ..present import experiment_reports as report
    from ..present.figures.experiments import draw_neuron_bars
    from ..experiments.speeds import neuron_bars

    name, train, _ = _digits(data, images, 0, split_seed)
    result = neuron_bars(train, hidden, 30, neurons, seed)
    folder = _out_dir(out)
    stem = f"neuron-bars-{hidden}"
    files = {
        f"{stem}.json": _json_bytes(report.neuron_bars_json(result, name)),
        f"{stem}.{figure_format.value}": _figure_bytes(draw_neuron_bars, result, lang,
                                                     figure_format, (3.2 * hidden + 1, 3.6)),
    }
    _write_and_report(folder, files, report.neuron_bars_text(result, name))


def main() -> None:
    """Entry point of the ``analytic`` console script."""
    app()
