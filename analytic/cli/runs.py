"""What the commands that run experiments share: the set-up they state, their sizes, digits,
a progress bar with a clean Ctrl-C, and writing csv, JSON and figures all together."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated

import typer

from .errors import fail
from .options import (
    FigureFormat,
    FigureStyle,
    Language,
    count,
    number,
)

SETUP = (
    "Set-up, as in the chapter unless an option says otherwise: a [784, 30, ..., 30, 10] "
    "network, sigmoid in every layer (output included), cross-entropy cost, weights "
    "N(0, 1/n_in), biases N(0, 1). Digits: the embedded 5,000-image MNIST sample unless --data "
    "is given; training (and validation) images are a class-balanced draw (n/10 per digit) "
    "made with --split-seed."
)


Hidden = count("Hidden layers", 1, 20)
Width = count("Neurons in each hidden layer", 1, 1000)
Images = count("Training images, a multiple of 10", 10, 60_000)
Validation = count("Validation images, a multiple of 10", 10, 10_000)
Epochs = count("Epochs of training", 1, 100_000)
Runs = count("Independent runs per depth", 1, 100)
Neurons = count("Neurons shown per hidden layer", 1, 1000)
MaxHidden = count("Train networks with 1..MAX_HIDDEN hidden layers", 1, 20, name="--max-hidden")
SplitSeed = count("Seed of the class-balanced draw of images", 0, 2**63 - 1)
Lmbda = number("L2 weight decay λ ≥ 0 (the chapter's 5.0 was for n = 50,000).",
               lambda v: 0 <= v <= 1e6, "in [0, 10⁶]", name="--lmbda")
Momentum = number("Momentum μ, 0 ≤ μ < 1: v ← μv − η∇C, w ← w + v (0, the default, is the "
                  "chapter's plain step).", lambda v: 0 <= v < 1, "in [0, 1)", name="--momentum")
Nesterov = Annotated[
    bool, typer.Option("--nesterov", help="Nesterov's momentum: the gradient at w + μv (needs "
                       "--momentum).")
]
#: a float option whose default is None: no clipping
GradientClip = number("Clip the gradient: rescale it to norm X when its norm is larger, "
                      "0 < X ≤ 10⁶ (default: no clipping).", lambda v: 0 < v <= 1e6,
                      "in (0, 10⁶]", name="--clip")
Inits = Annotated[
    list[str] | None,
    typer.Option("--init", metavar="NAME",
                 help="Initialisation (repeatable, or comma-separated): gaussian, scaled, "
                 "xavier, he. Default: all four."),
]



def with_setup(command: Callable) -> Callable:
    """Append the chapter's set-up to the command's help."""
    command.__doc__ = inspect.cleandoc(command.__doc__) + "\n\n" + SETUP
    return command


def check_optimiser(ctx: typer.Context, momentum: float) -> None:
    """Refuse --nesterov without momentum: it changes nothing then."""
    from .options import refuse_unused

    refuse_unused(ctx, "plain gradient steps (give --momentum)", {"nesterov": momentum > 0})


def check_names(activation: str, init: str) -> None:
    """Refuse an unknown activation or initialisation before any data are read."""
    from ..core.activations import get_activation
    from ..core.initialisation import get_initialisation

    get_activation(activation), get_initialisation(init)


def experiment_setup() -> None:
    # the matrices here are thin (30 columns): one BLAS thread is faster than two, and much
    # faster on a shared machine; must happen before NumPy is first imported to take effect
    import os

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def digits(data: str | None, n_train: int, n_validation: int, split_seed: int):
    """(name of the data set, training digits, validation digits or None)."""
    from ..experiments.mnist import balanced_split, load_source

    source = load_source(data)
    train, validation = balanced_split(source, n_train, n_validation, split_seed)
    return source.name, train, validation


def run(description: str, total: int, work: Callable) -> object:
    """Call ``work(advance)`` under a progress bar on stderr; Ctrl-C ends with one line."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    try:
        if not console.is_terminal:  # no bar at all: some rich releases print a blank line
            return work(lambda k=1: None)
        bar = Progress(
            "{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=console, transient=True,
        )
        with bar:
            task = bar.add_task(description, total=total)
            return work(lambda k=1: bar.advance(task, k))
    except KeyboardInterrupt:
        fail("interrupted; no files were written", code=130)


def out_folder(out: str):
    """The output folder, checked before any work (so a bad --out fails fast), not yet made."""
    from ..present.output import check_output_folder

    return check_output_folder(out)


def write_outputs(folder, stem: str, report, figure: str, result, lang: Language,
                  style: FigureStyle, figure_type: FigureFormat) -> None:
    """Write STEM.csv, STEM.json and the figure STEM.<type> into the folder, all together."""
    write_figures(folder, stem, report, {stem: figure}, result, lang, style, figure_type)


def write_figures(folder, stem: str, report, figures: dict[str, str], result, lang: Language,
                  style: FigureStyle, figure_type: FigureFormat) -> None:
    """Write STEM.csv, STEM.json and, for each ``{file stem: figure name}``, the figure, all
    together into the (checked) folder, creating it now."""
    from ..present.figures import figure_bytes
    from ..present.output import output_folder, write_files
    from ..present.table import render

    files = {f"{stem}.csv": render(report, "csv").encode(),
             f"{stem}.json": render(report, "json").encode()}
    for name, figure in figures.items():
        files[f"{name}.{figure_type.value}"] = figure_bytes(figure, result, lang.value,
                                                            style.value, figure_type.value)
    paths = write_files(output_folder(folder), files)
    typer.echo("wrote " + ", ".join(map(str, paths)), err=True)


