"""``analytic experiment``: the chapter's experiments on real MNIST digits."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated

import typer

from ..present.output import DEFAULT_FOLDER
from .errors import fail, sub_app
from .options import (
    ActivationName,
    Activations,
    DataPath,
    FigureFile,
    FigureFormat,
    FigureStyle,
    InitName,
    Lang,
    Language,
    Networks,
    OutDir,
    Seed,
    Style,
    TableFormat,
    TableFormatOption,
    activation_list,
    choices,
    count,
    emit,
    number,
    numbers,
    split_list,
)

app = sub_app(
    "The chapter's experiments on real MNIST digits.\n\nHow fast each hidden layer learns, at "
    "initialisation and in training, and how accuracy changes with depth."
)

SETUP = (
    "Set-up, as in the chapter unless an option says otherwise: a [784, 30, ..., 30, 10] "
    "network, sigmoid in every layer (output included), cross-entropy cost, weights "
    "N(0, 1/n_in), biases N(0, 1). Digits: the embedded 5,000-image MNIST sample unless --data "
    "is given; training (and validation) images are a class-balanced draw (n/10 per digit) "
    "made with --split-seed."
)

Statistic = choices("Statistic", "mean-gradient", "mean-norm")
SpeedStatistic = Annotated[
    Statistic,
    typer.Option(help="mean-gradient: ‖mean of ∂C/∂b‖ (the chapter's); "
                 "mean-norm: mean of per-image ‖∂C/∂b‖."),
]
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


@app.command("init-norms")
@with_setup
def experiment_init_norms(
    hidden: Hidden = 4,
    width: Width = 30,
    networks: Networks = 100,
    images: Images = 1000,
    activation: ActivationName = "sigmoid",
    init: InitName = "scaled",
    statistic: SpeedStatistic = Statistic("mean-gradient"),
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    format: TableFormatOption = TableFormat.text,
) -> None:
    """Each hidden layer's speed of learning at initialisation.

    The speed of hidden layer l is the norm of the mean over the training images of ∂C/∂b^l.
    Prints, per hidden layer, the median and the 10th/90th percentiles over NETWORKS random
    initialisations, and the median ratio between consecutive layers. --activation and --init
    change the hidden layers' activation and the weight initialisation (the output stays a
    sigmoid and the biases N(0, 1)).
    """
    experiment_setup()
    from ..experiments.speeds import init_norms
    from ..present.experiment_reports import init_norms_report

    name, train, _ = digits(data, images, 0, split_seed)
    result = run("initialisations", networks, lambda tick: init_norms(
        train, hidden, width, networks, activation, init, statistic.value, seed, tick))
    emit(init_norms_report(result, name), format)


@app.command("compare-inits")
def experiment_compare_inits(
    hidden: Hidden = 4,
    activation: Activations = None,
    init: Inits = None,
    networks: Networks = 100,
    width: Width = 30,
    images: Images = 1000,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    format: TableFormatOption = TableFormat.text,
) -> None:
    """Hidden-layer speeds for each activation and initialisation.

    One row per (activation, initialisation): the median over NETWORKS networks of each hidden
    layer's speed, and of the ratio last/first (near 1 = the layers learn at the same pace).
    Default activations: sigmoid, tanh, relu. Initialisations: gaussian N(0, 1); scaled
    N(0, 1/n_in) (the chapter's); xavier U(±√(6/(n_in + n_out))); he N(0, 2/n_in). Biases
    N(0, 1), sigmoid output, cross-entropy.
    """
    experiment_setup()
    from ..core.activations import get_activation
    from ..core.initialisation import INITIALISATIONS, get_initialisation
    from ..experiments.speeds import compare_initialisations
    from ..present.experiment_reports import compare_report

    activations = activation_list(activation, ["sigmoid", "tanh", "relu"])
    inits = split_list(init, "--init") or list(INITIALISATIONS)
    for a in activations:
        get_activation(a)  # refuse a bad name before any work
    for i in inits:
        get_initialisation(i)
    name, train, _ = digits(data, images, 0, split_seed)
    total = networks * len(activations) * len(inits)
    results = run("initialisations", total, lambda tick: compare_initialisations(
        train, hidden, activations, inits, networks, width, seed, tick))
    emit(compare_report(results, name), format)


@app.command("training-speed")
@with_setup
def experiment_training_speed(
    hidden: Hidden = 2,
    epochs: Epochs = 500,
    seed: Seed = 0,
    images: Images = 1000,
    data: DataPath = None,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """Each hidden layer's speed of learning during training.

    Trains by full-batch gradient descent on IMAGES training images (η = 0.1, L2 weight decay
    λ = 5.0 with n = IMAGES: w ← (1 − ηλ/n) w − η ∂C/∂w, biases not decayed), recording every
    hidden layer's speed ‖mean of ∂C/∂b^l‖ before each step. Writes training-speed-H.csv,
    training-speed-H.json and the figure training-speed-H.png (one line per hidden layer,
    log-scale y) into OUT, and prints a summary.
    """
    experiment_setup()
    from ..experiments.speeds import training_speed
    from ..present.experiment_reports import training_speed_report

    folder = out_folder(out)
    name, train, _ = digits(data, images, 0, split_seed)
    result = run("epochs", epochs, lambda tick: training_speed(
        train, hidden, epochs, seed, progress=tick))
    report = training_speed_report(result, name)
    write_outputs(folder, f"training-speed-{hidden}", report, "training_speed", result, lang,
                  style, figure)
    emit(report, format)


@app.command("depth-accuracy")
@with_setup
def experiment_depth_accuracy(
    max_hidden: MaxHidden = 4,
    epochs: Epochs = 30,
    images: Images = 4000,
    validation: Validation = 1000,
    runs: Runs = 1,
    lmbda: Lmbda = 5.0,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    format: TableFormatOption = TableFormat.text,
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
    from ..present.experiment_reports import depth_accuracy_report

    name, train, held_out = digits(data, images, validation, split_seed)
    total = max_hidden * runs * epochs
    result = run("epochs", total, lambda tick: depth_accuracy(
        train, held_out, max_hidden, epochs, runs, seed, lmbda=lmbda, progress=tick))
    emit(depth_accuracy_report(result, name), format)


@app.command("neuron-bars")
@with_setup
def experiment_neuron_bars(
    hidden: Hidden = 2,
    neurons: Neurons = 6,
    seed: Seed = 0,
    images: Images = 1000,
    data: DataPath = None,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """The chapter's bar picture: |∂C/∂b_j| per neuron.

    For one freshly initialised [784, 30, 30, 10] network (with --hidden 2), a bar per neuron
    whose length is |mean over the training images of ∂C/∂b_j|, for the first NEURONS neurons
    of each hidden layer; writes neuron-bars-H.csv, .json and the figure into OUT and prints
    the numbers.
    """
    experiment_setup()
    from ..experiments.speeds import neuron_bars
    from ..present.experiment_reports import neuron_bars_report

    folder = out_folder(out)
    name, train, _ = digits(data, images, 0, split_seed)
    result = neuron_bars(train, hidden, 30, neurons, seed)
    report = neuron_bars_report(result, name)
    write_outputs(folder, f"neuron-bars-{hidden}", report, "neuron_bars", result, lang, style,
                  figure)
    emit(report, format)


# --- inside the layers ---------------------------------------------------------------------------
SetupOption = Annotated[
    list[str] | None,
    typer.Option("--setup", metavar="ACTIVATION/INIT",
                 help="A set-up: hidden-layer activation and weight initialisation, e.g. "
                 "relu/he, sigmoid/normal:0.01, leaky_relu:0.2/xavier (repeatable, or "
                 "comma-separated). Initialisations: gaussian, scaled, xavier, he, normal:STD. "
                 "Default: sigmoid/gaussian, sigmoid/normal:0.01, sigmoid/xavier, tanh/xavier, "
                 "relu/xavier, relu/he."),
]
Bins = count("Histogram bins; an odd number centres a bin on 0 (δ of inactive ReLU units) and "
             "on the sigmoid's 1/2", 1, 1000)
BiasStd = number("Biases N(0, X²); 0 (the default) gives the textbook picture's zero biases.",
                 lambda v: 0 <= v <= 1e3, "in [0, 1000]", name="--bias-std")


def setup_specs(values: list[str] | None) -> list[tuple[str, str]]:
    """(activation, initialisation) pairs from ``--setup`` values.

    A comma separates set-ups, but an activation's own parameters may hold commas
    (rrelu:0.125,0.333/he): a piece without "/" belongs to the set-up that follows it.
    """
    specs, pending = [], []
    for value in values or []:
        for part in value.split(","):
            if not part.strip():
                raise ValueError(f"--setup: empty item in {value!r}")
            pending.append(part.strip())
            if "/" in part:
                specs.append(",".join(pending))
                pending = []
    if pending:
        raise ValueError(f"--setup takes ACTIVATION/INIT such as relu/he, got {pending[0]!r}")
    pairs = [tuple(p.strip() for p in spec.split("/", 1)) for spec in specs]
    if any(not a or not i or "/" in i for a, i in pairs):
        bad = next(s for s, (a, i) in zip(specs, pairs) if not a or not i or "/" in i)
        raise ValueError(f"--setup takes ACTIVATION/INIT such as relu/he, got {bad!r}")
    return pairs


@app.command("histograms")
def experiment_histograms(
    setup: SetupOption = None,
    hidden: Hidden = 5,
    width: Width = 100,
    bins: Bins = 41,
    bias_std: BiasStd = 0.0,
    images: Images = 1000,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """Inside the layers at initialisation: histograms of each hidden layer.

    A [784, WIDTH, ..., WIDTH, 10] network (HIDDEN hidden layers, sigmoid output, cross-entropy
    cost, biases N(0, BIAS_STD²)) is fed IMAGES digits at initialisation, once per set-up, each
    drawn from a fresh generator seeded with SEED. Prints per set-up and hidden layer: the mean
    and standard deviation of the activations a, the share of saturated units (a within 2 % of
    either end of the sigmoid's or tanh's range) or, for rectifiers, of inactive ones (z ≤ 0),
    Var[z] measured next to its prediction from the layer before and to mean-field theory's from
    the input alone, and the root mean square of the errors δ = ∂C/∂z next to its prediction
    from the layer after. Writes histograms-H.csv and .json with every count, and two figures
    (layers × set-ups): histograms-H of a and histograms-H-delta of δ, into OUT. --lang sets
    the language of the tables and the figures.
    """
    experiment_setup()
    from ..core.activations import get_activation
    from ..core.initialisation import get_initialisation
    from ..experiments.histograms import DEFAULT_SETUPS, Setup, layer_histograms
    from ..present.inside_reports import histograms_report

    pairs = setup_specs(setup)
    for activation, init in pairs:  # refuse a bad name before any work
        get_activation(activation), get_initialisation(init)
    setups = ([Setup(a, i, bias_std) for a, i in pairs]
              or [Setup(s.activation, s.init, bias_std) for s in DEFAULT_SETUPS])
    folder = out_folder(out)
    name, train, _ = digits(data, images, 0, split_seed)
    result = run("set-ups", len(setups), lambda tick: layer_histograms(
        train, setups, hidden, width, bins, seed, progress=tick))
    report = histograms_report(result, name, lang.value)
    stem = f"histograms-{hidden}"
    figures = {stem: "layer_histograms", f"{stem}-delta": "delta_histograms"}
    write_figures(folder, stem, report, figures, result, lang, style, figure)
    emit(report, format)


Radii = Annotated[
    list[str] | None,
    typer.Option("--radius", metavar="ρ",
                 help="Spectral radius ρ of the recurrent matrix W, 0 < ρ ≤ 10 (repeatable, or "
                 "comma-separated). Default: 0.5, 0.9, 1, 1.1, 2."),
]
Units = count("Recurrent units n", 1, 1024)
Inputs = count("Input features m", 1, 1024)
Steps = count("Time steps T", 2, 100_000)
Samples = count("Random networks per spectral radius", 1, 10_000)
InputStd = number("σ_x: inputs x_t ~ N(0, σ_x²), 0 ≤ σ_x ≤ 10; weak inputs keep tanh near its "
                  "linear part.", lambda v: 0 <= v <= 10, "in [0, 10]", name="--input-std")
Clip = number("Clipping threshold c, 0 < c ≤ 10⁶: the whole gradient g becomes "
              "g·min(1, c/‖g‖).", lambda v: 0 < v <= 1e6, "in (0, 10⁶]", name="--clip")


@app.command("rnn")
def experiment_rnn(
    radius: Radii = None,
    units: Units = 32,
    inputs: Inputs = 32,
    steps: Steps = 100,
    samples: Samples = 100,
    input_std: InputStd = 0.1,
    clip: Clip = 10.0,
    activation: ActivationName = "tanh",
    seed: Seed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """Vanishing and exploding gradients through time in a recurrent network.

    h_t = φ(W h_(t−1) + U x_t), h_0 = 0, for t = 1..T, with cost C = vᵀh_T (‖v‖ = 1), in
    SAMPLES random networks per spectral radius ρ: W = ρ G/ρ(G) with G ~ N(0, 1/n), the same G
    for every ρ; U ~ N(0, 1/m); φ = tanh or sigmoid. Prints per ρ: the median largest singular
    value λ₁ of W and the share of networks with λ₁ < 1/γ (γ = max φ′; Pascanu et al.'s
    sufficient condition for vanishing), log₁₀‖∂C/∂h₁‖ (median, 10 % and 90 %), the median
    rate per step next to mean-field theory's √χ₁, the share of networks whose gradient the
    clipping rescales and the median log₁₀‖∂C/∂h₁‖ after it. Norms are carried as logarithms,
    so 10^±1000 is exact. Writes rnn-gradients.csv, .json (with the curves for every t) and
    the figure rnn-gradients (‖∂C/∂h_t‖ against t, without and with clipping) into OUT.
    """
    experiment_setup()
    from ..experiments.rnn import DEFAULT_RADII, recurrent_gradients
    from ..present.inside_reports import rnn_report

    radii = numbers(radius, "--radius", list(DEFAULT_RADII))
    outside = [rho for rho in radii if not 0 < rho <= 10]
    if outside:
        raise ValueError(f"--radius: must be in (0, 10], got {outside[0]:g}")
    folder = out_folder(out)
    result = run("spectral radii", len(radii), lambda tick: recurrent_gradients(
        radii, units, inputs, steps, samples, input_std, clip, activation, seed, tick))
    report = rnn_report(result, lang.value)
    write_outputs(folder, "rnn-gradients", report, "rnn_gradients", result, lang, style, figure)
    emit(report, format)
