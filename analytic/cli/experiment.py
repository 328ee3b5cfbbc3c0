"""``analytic experiment``: the chapter's experiments on real MNIST digits."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.output import DEFAULT_FOLDER
from .errors import sub_app
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
    emit,
    split_list,
)
from .runs import (
    Epochs,
    GradientClip,
    Hidden,
    Images,
    Inits,
    Lmbda,
    MaxHidden,
    Momentum,
    Nesterov,
    Neurons,
    Runs,
    SplitSeed,
    Validation,
    Width,
    check_names,
    check_optimiser,
    digits,
    experiment_setup,
    out_folder,
    run,
    with_setup,
    write_outputs,
)

app = sub_app(
    "The chapter's experiments on real MNIST digits.\n\nHow fast each hidden layer learns, at "
    "initialisation and in training, and how accuracy changes with depth."
)

Statistic = choices("Statistic", "mean-gradient", "mean-norm")
SpeedStatistic = Annotated[
    Statistic,
    typer.Option(help="mean-gradient: ‖mean of ∂C/∂b‖ (the chapter's); "
                 "mean-norm: mean of per-image ‖∂C/∂b‖."),
]


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
    """Hidden-layer speeds per activation and initialisation.

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
    ctx: typer.Context,
    hidden: Hidden = 2,
    epochs: Epochs = 500,
    activation: ActivationName = "sigmoid",
    init: InitName = "scaled",
    width: Width = 30,
    momentum: Momentum = 0.0,
    nesterov: Nesterov = False,
    clip: GradientClip = None,
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
    hidden layer's speed ‖mean of ∂C/∂b^l‖ before each step. --activation, --init and --width
    change the hidden layers (the output layer and the cost stay the chapter's); --momentum,
    --nesterov and --clip the steps. A run that meets a NaN or an infinity stops and says in
    which epoch. For a rectifier (relu and its variants) it also records each layer's dead
    units: the share with z ≤ 0 on every training image. Writes training-speed-H.csv,
    training-speed-H.json (with PReLU's learned slopes and the dead units per layer and epoch)
    and the figure training-speed-H.png (one line per hidden layer, log-scale y; the dead units
    in a panel below) into OUT, and prints a summary.
    """
    experiment_setup()
    from ..experiments.training import training_speed
    from ..present.experiment_reports import training_speed_report

    check_names(activation, init)
    check_optimiser(ctx, momentum)
    folder = out_folder(out)
    name, train, _ = digits(data, images, 0, split_seed)
    result = run("epochs", epochs, lambda tick: training_speed(
        train, hidden, epochs, seed, width=width, progress=tick, activation=activation,
        init=init, momentum=momentum, nesterov=nesterov, clip=clip))
    report = training_speed_report(result, name)
    write_outputs(folder, f"training-speed-{hidden}", report, "training_speed", result, lang,
                  style, figure)
    emit(report, format)


@app.command("depth-accuracy")
@with_setup
def experiment_depth_accuracy(
    ctx: typer.Context,
    max_hidden: MaxHidden = 4,
    epochs: Epochs = 30,
    activation: ActivationName = "sigmoid",
    init: InitName = "scaled",
    width: Width = 30,
    momentum: Momentum = 0.0,
    nesterov: Nesterov = False,
    clip: GradientClip = None,
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
    30 epochs. --activation, --init and --width change the hidden layers (the output layer and
    the cost stay the chapter's); --momentum, --nesterov and --clip the steps. On the embedded
    sample the validation digits are drawn from the images not used for training; with --data
    they come from the file's validation (pickle) or test (IDX, npz) set. The accuracy's
    binomial standard error is printed next to it: differences smaller than about two of them
    are noise. A run that meets a NaN or an infinity is reported as diverged, not scored.
    """
    experiment_setup()
    from ..experiments.training import depth_accuracy
    from ..present.experiment_reports import depth_accuracy_report

    check_names(activation, init)
    check_optimiser(ctx, momentum)
    name, train, held_out = digits(data, images, validation, split_seed)
    total = max_hidden * runs * epochs
    result = run("epochs", total, lambda tick: depth_accuracy(
        train, held_out, max_hidden, epochs, runs, seed, lmbda=lmbda, width=width,
        progress=tick, activation=activation, init=init, momentum=momentum,
        nesterov=nesterov, clip=clip))
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


