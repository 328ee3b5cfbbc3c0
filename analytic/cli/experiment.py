"""``analytic experiment``: the chapter's experiments on real MNIST digits."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .errors import fail, sub_app
from .options import (
    DataPath,
    ExperimentFormat,
    ExpFormat,
    FigFormat,
    FigureFormat,
    Hidden,
    HiddenActivation,
    Images,
    Init,
    Lang,
    Language,
    NetSeed,
    OutDir,
    SpeedStatistic,
    SplitSeed,
    Statistic,
    Width,
    print_json,
)

app = sub_app("The chapter's experiments on real MNIST digits: how fast each hidden layer learns.")


_SETUP = (
    "Set-up, as in the chapter: a [784, 30, ..., 30, 10] network, sigmoid in every layer "
    "(output included), cross-entropy cost, weights N(0, 1/n_in), biases N(0, 1). "
    "Digits: the embedded 5,000-image MNIST sample unless --data is given; training (and "
    "validation) images are a class-balanced draw (n/10 per digit) made with --split-seed."
)



def _with_setup(command):
    """Append the chapter's set-up to the command's help."""
    import inspect

    command.__doc__ = inspect.cleandoc(command.__doc__) + "\n\n" + _SETUP
    return command


def experiment_setup() -> None:
    # the matrices here are thin (30 columns): one BLAS thread is faster than two, and much
    # faster on a shared machine; must happen before NumPy is first imported to take effect
    import os

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def digits(data: str | None, n_train: int, n_validation: int, split_seed: int):
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
        fail("interrupted; no files were written", code=130)


def _emit(format: ExperimentFormat, result, data_name: str, renderers: dict) -> None:
    rendered = renderers[format.value](result, data_name)
    if format is ExperimentFormat.json:
        print_json(rendered)
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


@app.command("init-norms")
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
    experiment_setup()
    from ..experiments.speeds import init_norms
    from ..present import experiment_reports as report

    name, train, _ = digits(data, images, 0, split_seed)
    result = _run_with_progress("initialisations", seeds, lambda tick: init_norms(
        train, hidden, width, seeds, activation, init, statistic.value, seed, tick))
    _emit(format, result, name, {"text": report.init_norms_text, "json": report.init_norms_json,
                                 "csv": report.init_norms_csv})


@app.command("compare-inits")
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
    experiment_setup()
    from ..experiments.speeds import compare_initialisations
    from ..present import experiment_reports as report

    act_list = [a for a in activations.split(",") if a.strip()]
    init_list = [i.strip() for i in inits.split(",") if i.strip()]
    name, train, _ = digits(data, images, 0, split_seed)
    total = seeds * len(act_list) * len(init_list)
    results = _run_with_progress("initialisations", total, lambda tick: compare_initialisations(
        train, hidden, act_list, init_list, seeds, width, seed, tick))
    _emit(format, results, name, {"text": report.compare_text, "json": report.compare_json,
                                  "csv": report.compare_csv})


@app.command("training-speed")
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
    experiment_setup()
    from ..experiments.speeds import training_speed
    from ..present import experiment_reports as report
    from ..present.figures.experiments import draw_training_speed

    name, train, _ = digits(data, images, 0, split_seed)
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


@app.command("depth-accuracy")
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
    experiment_setup()
    from ..experiments.speeds import depth_accuracy
    from ..present import experiment_reports as report

    name, train, held_out = digits(data, images, validation, split_seed)
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


@app.command("neuron-bars")
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
    experiment_setup()
    from ..experiments.speeds import neuron_bars
    from ..present import experiment_reports as report
    from ..present.figures.experiments import draw_neuron_bars

    name, train, _ = digits(data, images, 0, split_seed)
    result = neuron_bars(train, hidden, 30, neurons, seed)
    folder = _out_dir(out)
    stem = f"neuron-bars-{hidden}"
    files = {
        f"{stem}.json": _json_bytes(report.neuron_bars_json(result, name)),
        f"{stem}.{figure_format.value}": _figure_bytes(draw_neuron_bars, result, lang,
                                                     figure_format, (3.2 * hidden + 1, 3.6)),
    }
    _write_and_report(folder, files, report.neuron_bars_text(result, name))


