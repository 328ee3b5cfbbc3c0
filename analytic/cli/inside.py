"""``analytic experiment histograms`` and ``analytic experiment rnn``: inside the layers at
initialisation, and the gradient through time in a recurrent net."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.output import DEFAULT_FOLDER
from .experiment import app
from .options import (
    ActivationName,
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
    count,
    emit,
    number,
    numbers,
)
from .runs import (
    Hidden,
    Images,
    SplitSeed,
    Width,
    digits,
    experiment_setup,
    out_folder,
    run,
    write_figures,
    write_outputs,
)

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
