"""``analytic experiment histograms``, ``rnn``, ``saturation`` and ``dying-relu``: inside the
layers at initialisation, the gradient through time in a recurrent net, each layer's
activations during training, and rectifier units that die in training."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.output import DEFAULT_FOLDER
from .experiment import app
from .options import (
    ActivationName,
    Activations,
    DataPath,
    FigureFile,
    FigureFormat,
    FigureStyle,
    Lang,
    Language,
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
)
from .runs import (
    Hidden,
    Images,
    Lmbda,
    SplitSeed,
    Validation,
    Width,
    digits,
    experiment_setup,
    out_folder,
    run,
    write_figures,
    write_outputs,
)


def setup_option(default: str) -> object:
    """``--setup ACTIVATION/INIT`` (repeatable), its help ending with the command's default."""
    return Annotated[
        list[str] | None,
        typer.Option("--setup", metavar="ACTIVATION/INIT",
                     help="A set-up: hidden-layer activation and weight initialisation, e.g. "
                     "relu/he, sigmoid/normal:0.01, leaky_relu:0.2/xavier (repeatable, or "
                     "comma-separated). Initialisations: gaussian, scaled, xavier, he, "
                     f"normal:STD. Default: {default}."),
    ]


SetupOption = setup_option("sigmoid/gaussian, sigmoid/normal:0.01, sigmoid/xavier, "
                           "tanh/xavier, relu/xavier, relu/he")
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
    """Per-layer histograms of a and δ at initialisation.

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
    """Gradients through time in a random recurrent net.

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


# --- during training -----------------------------------------------------------------------------
SaturationSetups = setup_option("sigmoid/scaled (the chapter's), sigmoid/xavier, tanh/xavier")
TrainingEpochs = count("Epochs of training", 1, 10_000)
Records = count("Measurements per epoch (each on every validation image)", 1, 1000)
Eta = number("Learning rate η, 0 < η ≤ 10.", lambda v: 0 < v <= 10, "in (0, 10]", name="--eta")
Biases = choices("Biases", "chapter", "zero")
BiasesOption = Annotated[
    Biases, typer.Option(help="chapter: biases N(0, 1), as in the chapter; zero: biases 0, as "
                         "Glorot and Bengio start them.")
]
RectifierInit = Annotated[
    str, typer.Option("--init", metavar="NAME",
                      help="Weight initialisation: he N(0, 2/n_in) (the default), gaussian "
                      "N(0, 1), scaled N(0, 1/n_in) or xavier U(±√(6/(n_in + n_out))).")
]
BiasShift = number("Hidden biases start N(−X, 1), the chapter's N(0, 1) moved down by X, "
                   "−100 ≤ X ≤ 100.", lambda v: -100 <= v <= 100, "in [−100, 100]",
                   name="--bias-shift")
PerActivation = count("Networks per activation (their median and 10–90 % band)", 1, 1000,
                      name="--networks")


DeadView = Annotated[bool, typer.Option(
    "--dead", help="Show each hidden layer's share of dead units (z ≤ 0 on every validation "
    "digit) in place of its activations; every set-up must be a rectifier (relu, leaky_relu, "
    "prelu, rrelu, elu). Default set-ups then: relu/xavier, relu/he, leaky_relu/he, elu/he.")]


@app.command("saturation")
def experiment_saturation(
    setup: SaturationSetups = None,
    dead: DeadView = False,
    biases: BiasesOption = Biases("chapter"),
    hidden: Hidden = 4,
    width: Width = 30,
    epochs: TrainingEpochs = 20,
    records: Records = 10,
    eta: Eta = 0.1,
    lmbda: Lmbda = 0.0,
    images: Images = 4000,
    validation: Validation = 1000,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """Each hidden layer's activations during training.

    Glorot and Bengio's Figure 2 on the chapter's network: a [784, WIDTH, ..., WIDTH, 10]
    network (HIDDEN hidden layers, sigmoid output, cross-entropy cost, weights by the set-up,
    biases N(0, 1) or 0) trained by mini-batch SGD (batch 10, learning rate ETA, weight decay
    LMBDA over n = IMAGES) on IMAGES digits for EPOCHS epochs, once per set-up, each from the
    network drawn with SEED. RECORDS times an epoch it measures on VALIDATION other digits
    every hidden layer's mean activation a and its 2nd, 50th and 98th percentiles over
    (image, unit) pairs, and the accuracy. Prints a table per set-up (epochs 0, 1, 2, 5, ...)
    and where the top hidden layer's mean went lowest; writes saturation-H.csv (every
    measurement), .json and the figure saturation-H (layers × set-ups) into OUT. For a
    rectifier it also measures each layer's dead units (z ≤ 0 on every validation digit), in
    the csv and JSON; --dead shows them in place of the activations (tables, and the figure
    saturation-H-dead).
    """
    experiment_setup()
    from ..experiments.saturation import DEAD_SETUPS, DEFAULT_SETUPS, Setup, saturation
    from ..experiments.schedule import Schedule
    from ..present.training_reports import saturation_report

    setups = [Setup(a, i) for a, i in setup_specs(setup)] or list(
        DEAD_SETUPS if dead else DEFAULT_SETUPS)
    if dead and not all(s.rectifier for s in setups):
        other = next(s for s in setups if not s.rectifier)
        raise ValueError(f"--dead counts dead rectifier units, and {other.activation} is not a "
                         "rectifier (relu, leaky_relu, prelu, rrelu, elu)")
    schedule = Schedule(hidden, width, epochs, eta, lmbda, records)
    folder = out_folder(out)
    name, train, held_out = digits(data, images, validation, split_seed)
    result = run("epochs", len(setups) * epochs, lambda tick: saturation(
        train, held_out, setups, schedule, biases.value == "zero", seed, tick))
    report = saturation_report(result, name, lang.value, dead)
    stem = f"saturation-{hidden}" + ("-dead" if dead else "")
    write_outputs(folder, stem, report, "saturation_dead" if dead else "saturation", result,
                  lang, style, figure)
    emit(report, format)


@app.command("dying-relu")
def experiment_dying_relu(
    activation: Activations = None,
    bias_shift: BiasShift = 2.0,
    init: RectifierInit = "he",
    networks: PerActivation = 5,
    hidden: Hidden = 4,
    width: Width = 30,
    epochs: TrainingEpochs = 10,
    records: Records = 5,
    eta: Eta = 0.1,
    lmbda: Lmbda = 0.0,
    images: Images = 1000,
    validation: Validation = 1000,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """Dying ReLUs: dead units during training.

    A unit is dead when z ≤ 0 on every validation digit: ReLU′ = 0 there, so it gets no
    gradient. A [784, WIDTH, ..., WIDTH, 10] network (HIDDEN hidden layers of each rectifier,
    sigmoid output, cross-entropy cost, weights by INIT, hidden biases N(−BIAS_SHIFT, 1)) is
    trained by mini-batch SGD (batch 10, learning rate ETA, weight decay LMBDA over n =
    IMAGES) on IMAGES digits for EPOCHS epochs, from NETWORKS networks per activation (network s
    of every activation drawn alike). RECORDS times an epoch it measures the share of dead
    units over all hidden layers, and the accuracy, on VALIDATION other digits. Default
    activations: relu, leaky_relu, prelu, rrelu, elu (rectifiers only). Prints the median
    share at epochs 0, 1, 2, 5, ..., its 10–90 % band and the accuracy's at the end; writes
    dying-relu.csv (every measurement of every run), .json and the figure dying-relu into OUT.
    """
    experiment_setup()
    from ..experiments.dead_units import DEFAULT_ACTIVATIONS, dead_units
    from ..experiments.schedule import Schedule
    from ..present.training_reports import dead_units_report

    activations = activation_list(activation, list(DEFAULT_ACTIVATIONS))
    schedule = Schedule(hidden, width, epochs, eta, lmbda, records)
    folder = out_folder(out)
    name, train, held_out = digits(data, images, validation, split_seed)
    result = run("epochs", len(activations) * networks * epochs, lambda tick: dead_units(
        train, held_out, activations, schedule, init, bias_shift, networks, seed, tick))
    report = dead_units_report(result, name, lang.value)
    write_outputs(folder, "dying-relu", report, "dead_units", result, lang, style, figure)
    emit(report, format)
