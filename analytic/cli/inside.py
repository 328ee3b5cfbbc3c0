"""``analytic experiment histograms``, ``rnn``, ``saturation`` and ``dying-relu``: inside the
layers at initialisation, the gradient through time in a recurrent net, each layer's
activations during training, and rectifier units that die in training."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from ..experiments.dead_units import DYING_RELU
from ..experiments.histograms import HISTOGRAMS
from ..experiments.histograms import PRESETS as HISTOGRAM_PRESETS
from ..experiments.remedies import BASE, REMEDIES
from ..experiments.saturation import PRESETS, SATURATION
from .command import Session, command
from .experiment import NETWORK, app
from .measures import MEASURE_HELP
from .options import (
    Networks,
    Seed,
    activation_option,
    activations_option,
    choices,
    limited,
    numbers,
    refuse_unused,
    setups_option,
    split_list,
)
from .recipe_options import preset_option

#: The options of a run watched during training.
WATCHED = ("hidden", "width", "bias_std", "eta", "lmbda", "batch_size", "epochs", "records",
           "images", "validation", "split_seed", "seed")

Bins = limited(limits.Limit("the number of histogram bins", 1, 1000),
               "Histogram bins; an odd number centres a bin on 0 (δ of inactive ReLU units) "
               "and on the sigmoid's 1/2", "--bins")


@command(app, "histograms", recipe=HISTOGRAMS,
         options=(*(f for f in NETWORK if f not in ("activation", "init")), "output", "cost"),
         stem="histograms-{hidden}", files=True, data=True)
def histograms(session: Session,
               setup: setups_option("sigmoid/gaussian, sigmoid/normal:0.01, sigmoid/xavier, "
                                    "tanh/xavier, relu/xavier, relu/he") = None,
               bins: Bins = 41,
               preset: preset_option(HISTOGRAM_PRESETS, "glorot2010: Glorot and Bengio's "
                                     "(2010) Figs. 6–7, tanh/standard against tanh/xavier "
                                     "(their standard and normalised initialisations) with "
                                     "five hidden layers of 1,000, biases 0, a softmax output "
                                     "and the log-likelihood cost, on 1,000 MNIST digits "
                                     "(they fed Shapeset-3×2 images); a few seconds.") = None):
    """Per-layer histograms of a and δ at initialisation.

    A [784, WIDTH, ..., WIDTH, 10] network (HIDDEN hidden layers, OUTPUT output and COST cost,
    by default sigmoid and cross-entropy, biases N(0, BIAS_STD²)) is fed IMAGES digits at
    initialisation, once per set-up, each network 0 of SEED. Prints per set-up and hidden
    layer: the mean and standard deviation of the activations a, the share of saturated units
    (a within 2 % of either end of the sigmoid's or tanh's range) or, for rectifiers, of
    inactive ones (z ≤ 0), Var[z] measured next to its prediction from the layer before and to
    mean-field theory's from the input alone, and the root mean square of the errors
    δ = ∂C/∂z next to its prediction from the layer after. Writes histograms-H.csv and .json
    with every count, and two figures (layers × set-ups): histograms-H of a and
    histograms-H-delta of δ, into OUT. --preset glorot2010 draws Glorot and Bengio's (2010)
    Figs. 6–7 pair on MNIST digits.
    """
    from ..experiments.histograms import SETUPS, layer_histograms, setups

    recipe, pairs = session.recipe, SETUPS
    if preset is not None:
        chosen = HISTOGRAM_PRESETS[preset.value]
        recipe, pairs = session.over(chosen.recipe), chosen.setups
    recipes = setups(setup or pairs, recipe)
    return layer_histograms(recipes, bins, source=session.source, progress=session.progress)


Radii = Annotated[list[str] | None, typer.Option(
    "--radius", metavar="ρ",
    help=f"Spectral radius ρ of the recurrent matrix W ({limits.RADIUS.span}; repeatable, or "
    "comma-separated). Default: 0.5, 0.9, 1, 1.1, 2.")]
Units = limited(limits.UNITS, "Recurrent units n", "--units")
Inputs = limited(limits.INPUTS, "Input features m", "--inputs")
Steps = limited(limits.STEPS, "Time steps T", "--steps")
InputStd = limited(limits.INPUT_STD, "σ_x: inputs x_t ~ N(0, σ_x²); weak inputs keep tanh near "
                   "its linear part", "--input-std")
Clip = limited(limits.CLIP, "Clipping threshold c: the whole gradient g becomes "
               "g·min(1, c/‖g‖)", "--clip")


#: The recurrent cells experiment rnn takes.
CELLS = ("vanilla", "lstm", "gru")


def _cells(values: list[str] | None) -> list[str]:
    # names checked where they are parsed; the vanilla cell alone is the default run (an empty
    # list: typer 0.15 measures a list option's value after its callback, so never None)
    names = [v.lower() for v in split_list(values, "--cell")]
    unknown = [n for n in names if n not in CELLS]
    if unknown:
        raise typer.BadParameter(f"unknown cell {unknown[0]!r}; choose from: {', '.join(CELLS)}")
    return [] if not names or names == ["vanilla"] else list(dict.fromkeys(names))


Cells = Annotated[list[str] | None, typer.Option(
    "--cell", metavar="NAME", callback=_cells,
    help="Recurrent cells to compare (repeatable, or comma-separated): vanilla, lstm, gru. "
    "Default: vanilla alone. With a gated cell the cells share the draws, inputs and "
    "read-out, and the run writes rnn-cell-... with one table and one figure of every cell.")]
ForgetBias = limited(limits.FORGET_BIAS, "With --cell lstm or gru: the bias of the keep gate "
                     "(the LSTM's forget gate f, the GRU's update gate z); 1 is Jozefowicz et "
                     "al.'s and Keras's", "--forget-bias")


def _bounded(phi) -> bool:
    from ..experiments.rnn import accepts

    return accepts(phi)


@command(app, "rnn", stem="rnn", files=True)
def rnn(session: Session, radius: Radii = None, units: Units = 32, inputs: Inputs = 32,
        steps: Steps = 100, networks: Networks = 100, input_std: InputStd = 0.1,
        clip: Clip = 10.0,
        activation: activation_option("The recurrent activation", _bounded,
                                      "bounded") = "tanh",
        seed: Seed = 0, cell: Cells = None, forget_bias: ForgetBias = 0.0):
    """Gradients through time in a random recurrent net.

    h_t = φ(W h_(t−1) + U x_t), h_0 = 0, for t = 1..T, with cost C = vᵀh_T (‖v‖ = 1), in
    NETWORKS random networks per spectral radius ρ: W = ρ G/ρ(G) with G ~ N(0, 1/n), the same G
    for every ρ; U ~ N(0, 1/m); φ = tanh or sigmoid. Prints per ρ: the median largest singular
    value λ₁ of W and the share of networks with λ₁ < 1/γ (γ = max φ′; Pascanu et al.'s
    sufficient condition for vanishing), log₁₀‖∂C/∂h₁‖ (median, 10 % and 90 %), the median
    rate per step next to mean-field theory's √χ₁, the share of networks whose gradient the
    clipping rescales and the median log₁₀‖∂C/∂h₁‖ after it. Norms are carried as logarithms,
    so 10^±1000 is exact. Writes rnn.csv, .json (with every network's norms at every t) and
    the figure rnn (‖∂C/∂h_t‖ against t, without and with clipping) into OUT.

    With --cell lstm or gru (e.g. --cell vanilla,lstm,gru): the cells side by side on the same
    draws, inputs and read-out (the LSTM without peepholes, the GRU of Cho et al. 2014; every
    recurrent block W_k = ρ G_k/ρ(G_k), biases 0 but the keep gate's, --forget-bias). Prints
    per cell and ρ: log₁₀‖∂C/∂h₁‖ (median, 10 %, 90 %), the rate per step next to the rate of
    the network linearised at the zero state, the keep gate's mean, the keep path alone (the
    LSTM's carousel ∏ f, the GRU's ∏ z) and its rate, and for the LSTM log₁₀‖δc₁‖, the error
    reaching the memory cell. Writes rnn-cell-....csv, .json and one figure (a panel per
    cell). --clip does not apply there.
    """
    from ..experiments.rnn import DEFAULT_RADII, recurrent_gradients

    radii = numbers(radius, limits.RADIUS, DEFAULT_RADII)
    if cell:
        from ..experiments.cells import cell_gradients

        refuse_unused(session.ctx, "gated cells", {"clip": False})
        return cell_gradients(cell, radii, units, inputs, steps, networks, input_std,
                              forget_bias, activation, seed, session.progress)
    refuse_unused(session.ctx, "the vanilla cell alone (give --cell lstm or gru)",
                  {"forget_bias": False})
    return recurrent_gradients(radii, units, inputs, steps, networks, input_std, clip,
                               activation, seed, session.progress)


# --- during training -----------------------------------------------------------------------------
DeadView = Annotated[bool, typer.Option(
    "--dead", help="Show each hidden layer's share of dead units (z ≤ 0 on every validation "
    "digit) in place of its activations; every set-up must be a rectifier. Default set-ups "
    "then: relu/xavier, relu/he, leaky_relu/he, elu/he.")]


@command(app, "saturation", recipe=SATURATION, options=(*WATCHED, "output", "cost"),
         stem="saturation-{hidden}", files=True, data=True)
def saturation(session: Session,
               setup: setups_option("sigmoid/scaled (the chapter's), sigmoid/xavier, "
                                    "tanh/xavier") = None,
               dead: DeadView = False,
               preset: preset_option(PRESETS, "glorot2010: Glorot and Bengio's (2010) Fig. 2 "
                                     "as close as it runs here: sigmoid/standard, four hidden "
                                     "layers of 1,000, biases 0, a softmax output and the "
                                     "log-likelihood cost, mini-batches of 10 at η = 0.1 for "
                                     "10 epochs of 4,000 digits, measured on 300 validation "
                                     "digits; about 3 minutes (170 s of CPU) on the 2-core "
                                     "machine.") = None):
    """Each hidden layer's activations during training.

    Glorot and Bengio's Figure 2 on the chapter's network: a [784, WIDTH, ..., WIDTH, 10]
    network (HIDDEN hidden layers, OUTPUT output and COST cost, by default the chapter's
    sigmoid and cross-entropy, weights by the set-up, biases N(0, BIAS_STD²), the chapter's
    N(0, 1) by default, 0 as Glorot and Bengio start them) trained by mini-batch SGD (batch
    BATCH_SIZE, learning rate ETA, weight decay LMBDA over n = IMAGES) on IMAGES digits for
    EPOCHS epochs, once per set-up, each from network 0 of SEED. RECORDS times an epoch it
    measures on VALIDATION other digits every hidden layer's mean activation a and its 2nd,
    50th and 98th percentiles over (image, unit) pairs, and the accuracy. Prints a table per
    set-up (epochs 0, 1, 2, 5, ...), where the top hidden layer's mean went lowest, and which
    parts of Glorot and Bengio's set-up the run follows and which not; writes saturation-H.csv
    (every measurement), .json and the figure saturation-H (layers × set-ups) into OUT. For a
    rectifier it also measures each layer's dead units (z ≤ 0 on every validation digit), in
    the csv and JSON; --dead shows them in place of the activations (tables, and the figure
    saturation-H-dead).

    Their set-up: four hidden layers of 1,000 sigmoid units, the standard initialisation
    U(±1/√n_in) and biases 0, a softmax output with the negative log-likelihood, mini-batches
    of 10 with a learning rate chosen on validation error after 5 million updates, on
    Shapeset-3×2 images (one or two triangles, parallelograms or ellipses, 9 classes, drawn
    afresh: online learning), the mean and standard deviation of each layer on 300 test
    images; their top layer recovers around their epoch 100. The default run follows only
    their four hidden layers and mini-batches of 10 (the chapter's network otherwise);
    --preset glorot2010 follows all but the data (MNIST), the length of training, the tuned
    learning rate and the measurement.
    """
    from ..experiments.saturation import DEAD_SETUPS, SETUPS, saturation, setups

    recipe, pairs = session.recipe, DEAD_SETUPS if dead else SETUPS
    if preset is not None:
        chosen = PRESETS[preset.value]
        recipe, pairs = session.over(chosen.recipe), chosen.setups
    recipes = setups(setup or pairs, recipe)
    return saturation(recipes, session.source, dead, session.progress)


def _rectifier(phi) -> bool:
    return phi.linear_above_zero


@command(app, "dying-relu", recipe=DYING_RELU, options=(*WATCHED, "init", "bias_shift"),
         stem="dying-relu", files=True, data=True)
def dying_relu(session: Session,
               activation: activations_option("Rectifiers to compare", _rectifier,
                                              "a rectifier",
                                              "relu, leaky_relu, leaky_relu:0.25, prelu, "
                                              "rrelu, elu") = None,
               networks: Networks = 5):
    """Dying ReLUs: dead units during training.

    A unit is dead when z ≤ 0 on every validation digit: ReLU′ = 0 there, so it gets no
    gradient. A [784, WIDTH, ..., WIDTH, 10] network (HIDDEN hidden layers of each rectifier,
    sigmoid output, cross-entropy cost, weights by INIT, hidden biases N(−BIAS_SHIFT,
    BIAS_STD²)) is trained by mini-batch SGD (batch BATCH_SIZE, learning rate ETA, weight
    decay LMBDA over n = IMAGES) on IMAGES digits for EPOCHS epochs, from NETWORKS networks per
    activation (network s of every activation drawn alike). RECORDS times an epoch it measures
    the share of dead units over all hidden layers, and the accuracy, on VALIDATION other
    digits. Prints the median share at epochs 0, 1, 2, 5, ..., its band (10–90 % from 10
    networks on, min–max below) and the accuracy's at the end, and the range of PReLU's
    learned slopes; writes dying-relu.csv (every measurement of every run), .json (with PReLU's
    slopes) and the figure dying-relu into OUT. Leaky ReLU runs with its default slope 0.01
    and with PReLU's starting slope 0.25, fixed.
    """
    from ..experiments.dead_units import RECTIFIERS, dead_units, rectifier_recipes

    recipes = rectifier_recipes(session.recipe, activation or RECTIFIERS)
    return dead_units(recipes, networks, session.source, session.progress)


# --- the remedies --------------------------------------------------------------------------------
RemedyNames = Annotated[list[str] | None, typer.Option(
    "--remedy", metavar="NAME",
    help="A row to run (repeatable, or comma-separated): "
    f"{', '.join(r.name for r in REMEDIES)}. Default: every row, in that order.")]


RowMeasure = Annotated[choices("Measure", *MEASURE_HELP) | None, typer.Option(
    "--measure", help="The per-layer measure that judges every row: "
    + "; ".join(f"{n}: {h}" for n, h in MEASURE_HELP.items())
    + ". Default: each row's own, bias-gradient but delta-rms for batch norm (below a "
    "batch-norm layer ‖∂C/∂β^l‖ is near 0 by construction: its backward pass removes the batch "
    "mean of δ) and for the critical weight scale (mean-field theory's χ₁ = 1 is about "
    "E‖δ‖²).")]


@command(app, "remedies", recipe=BASE,
         options=("hidden", "width", "init", "eta", "lmbda", "batch_size", "epochs", "images",
                  "validation", "split_seed", "seed"),
         stem="remedies", files=True, data=True)
def remedies(session: Session, remedy: RemedyNames = None, networks: Networks = 3,
             measure: RowMeasure = None):
    """The remedies for unstable gradients, side by side.

    One deep network, [784, 30 × 10, 10] with the chapter's sigmoid output and cross-entropy
    cost, trained once per row and network: the chapter's sigmoid hidden layers with weights
    N(0, 1/n_in) and biases N(0, 1), then each remedy (Xavier's weights; the sigmoid at the
    critical weight scale, where mean-field theory's χ₁ = 1; tanh; relu, leaky relu with slope
    0.01 and 0.25, PReLU, RReLU (PyTorch's slopes U(1/8, 1/3), 11/48 at test time) and ELU with
    He's weights; batch norm; residual connections, one layer each, a = φ(z) + a_prev, not He et
    al.'s two-layer block; Nesterov momentum), then an exploding set-up (relu, N(0, 1) weights)
    without and with gradient clipping. Mini-batch SGD, batch 10, η = 0.02, L2 weight decay λ =
    0.1, EPOCHS epochs on IMAGES training digits; network s of every row starts from the same
    draw. --init sets the weights of the rows that do not choose their own. Prints per row the
    per-layer measure that judges it and, as a median [band] over NETWORKS networks (10 %,
    90 % from 10 networks on, min, max below): the last hidden layer's measure over the
    first's at initialisation and after training, the validation accuracy, the share of
    saturated (sigmoid, tanh) or dead (rectifier) units on VALIDATION digits, and how many
    runs diverged. Writes remedies.csv, remedies.json (with every run's per-epoch record) and
    the figure remedies (each hidden layer's measure after training, per remedy) into OUT.
    The default run takes a few minutes.
    """
    from ..experiments.remedies import remedies, select
    from .options import split_list

    rows = select(split_list(remedy, "--remedy"))
    return remedies(rows, session.recipe, networks, session.source, session.progress,
                    getattr(measure, "value", measure))

