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
    backprop and against central finite differences (mpmath, 40 digits), and exits with 1 if
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


# --- experiments on MNIST (issue 4) ---
experiment_app = typer.Typer(
    no_args_is_help=True,
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


class FigureFormat(str, Enum):
    png = "png"
    svg = "svg"


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
Lang = Annotated[str, typer.Option(help="Figure labels: en or ja (ja needs a CJK font).")]
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
    from .data import balanced_split, load_source

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


def _write_atomic(path, payload: bytes) -> None:
    """Write to a temporary name in the same folder, then rename: never a half-written file."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _figure_bytes(draw, data, lang: str, fmt: FigureFormat, size: tuple[float, float]) -> bytes:
    import io

    from matplotlib import rc_context
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    draw(fig, data, lang=lang)
    buffer = io.BytesIO()
    # fixed metadata and hash salt: the same data gives byte-identical files
    metadata = {"Date": None} if fmt is FigureFormat.svg else {}
    with rc_context({"svg.hashsalt": "analytic"}):
        fig.savefig(buffer, format=fmt.value, dpi=150, metadata=metadata)
    return buffer.getvalue()


def _out_dir(out: str):
    from pathlib import Path

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _check_lang(lang: str) -> None:
    if lang not in ("en", "ja"):
        raise ValueError(f"unknown language {lang!r}; choose from: en, ja")


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
    from . import experiment_report as report
    from .experiments import init_norms

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
    from . import experiment_report as report
    from .experiments import compare_initialisations

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
    lang: Lang = "en",
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
    _check_lang(lang)
    from . import experiment_report as report
    from .experiment_figures import draw_training_speed
    from .experiments import training_speed

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
    for filename, payload in files.items():
        _write_atomic(folder / filename, payload)
    typer.echo(report.training_speed_text(result, name))
    typer.echo("\nwrote " + ", ".join(str(folder / f) for f in files))


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
    from . import experiment_report as report
    from .experiments import depth_accuracy

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
    lang: Lang = "en",
    figure_format: FigFormat = FigureFormat.png,
) -> None:
    """The chapter's bar picture: |∂C/∂b_j| of the first neurons of each hidden layer.

    For one freshly initialised [784, 30, 30, 10] network (with --hidden 2), a bar per neuron
    whose length is |mean over the training images of ∂C/∂b_j|; writes neuron-bars-H.png
    (and .json) into OUT and prints the numbers.
    """
    _experiment_setup()
    _check_lang(lang)
    from . import experiment_report as report
    from .experiment_figures import draw_neuron_bars
    from .experiments import neuron_bars

    name, train, _ = _digits(data, images, 0, split_seed)
    result = neuron_bars(train, hidden, 30, neurons, seed)
    folder = _out_dir(out)
    stem = f"neuron-bars-{hidden}"
    files = {
        f"{stem}.json": _json_bytes(report.neuron_bars_json(result, name)),
        f"{stem}.{figure_format.value}": _figure_bytes(draw_neuron_bars, result, lang,
                                                     figure_format, (3.2 * hidden + 1, 3.6)),
    }
    for filename, payload in files.items():
        _write_atomic(folder / filename, payload)
    typer.echo(report.neuron_bars_text(result, name))
    typer.echo("\nwrote " + ", ".join(str(folder / f) for f in files))


def main() -> None:
    """Entry point of the ``analytic`` console script."""
    app()
