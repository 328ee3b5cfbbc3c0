"""``analytic experiment``: the chapter's experiments on real MNIST digits (speeds at
initialisation and in training, accuracy against depth, the neuron bars)."""

from __future__ import annotations

import inspect

from ..core import limits
from ..core.activations import sigmoid
from ..experiments.speeds import NeuronBars
from ..experiments.training import DEPTH_ACCURACY, TRAINING_SPEED
from ..train import Recipe
from .command import Session, command
from .errors import sub_app
from .measures import OldStatistic, measure_option
from .options import Networks, activations_option, inits_option, limited

app = sub_app(
    "The chapter's experiments on real MNIST digits.\n\nHow fast each hidden layer learns, at "
    "initialisation and in training, how accuracy changes with depth, what the remedies do, "
    "and what happens inside the layers: their activations, errors and dead units."
)

SETUP = (
    "Set-up, as in the chapter unless an option says otherwise: a [784, 30, ..., 30, 10] "
    "network, sigmoid in every layer (output included), cross-entropy cost, weights "
    "N(0, 1/n_in), biases N(0, 1). Digits: the embedded 5,000-image MNIST sample unless --data "
    "is given; training (and validation) images are a class-balanced draw (n/10 per digit) "
    "made with --split-seed."
)

#: The measures of a network that is drawn, not trained, and of one in training.
InitialMeasure = measure_option("bias-gradient", "delta-rms", "weight-gradient")
TrainingMeasure = measure_option()
#: What the speeds at initialisation measure: the chapter's network on 1,000 digits.
INIT_NORMS = Recipe(validation=0)
#: The network options of a command that draws networks without training them.
NETWORK = ("hidden", "width", "activation", "init", "bias_std", "images", "split_seed", "seed")
#: And of one that trains them.
TRAINED = (*NETWORK, "eta", "lmbda", "momentum", "nesterov", "clip", "epochs")


def _with_setup(fn):
    # the docstring's indentation removed first: help text rewraps what it is given
    fn.__doc__ = inspect.cleandoc(fn.__doc__) + "\n\n" + SETUP
    return fn


@command(app, "init-norms", recipe=INIT_NORMS, options=NETWORK, data=True)
@_with_setup
def init_norms(session: Session, networks: Networks = 100,
               measure: InitialMeasure = "bias-gradient", statistic: OldStatistic = None):
    """Each hidden layer's speed of learning at initialisation.

    The speed of hidden layer l is the norm of the mean over the training images of ∂C/∂b^l
    (--measure chooses another per-layer measure). Prints, per hidden layer, the median and
    the band over NETWORKS random initialisations (10th/90th percentiles from 10 networks on,
    min/max below), and the median ratio between consecutive layers. --activation and --init
    change the hidden layers' activation and the weight initialisation (the output stays a
    sigmoid).
    """
    from ..experiments.speeds import init_norms

    return init_norms(session.recipe, networks, _value(measure), session.source,
                      session.progress)


def _value(choice) -> str:
    # a choice's value, whether typer passes the Enum or (an unchanged default) its value
    return getattr(choice, "value", choice)


@command(app, "compare-inits", recipe=INIT_NORMS,
         options=("hidden", "width", "bias_std", "images", "split_seed", "seed"), data=True)
@_with_setup
def compare_inits(session: Session,
                  activation: activations_option(default="sigmoid, tanh, relu") = None,
                  init: inits_option("gaussian, scaled, xavier, he") = None,
                  networks: Networks = 100, measure: InitialMeasure = "bias-gradient"):
    """Hidden-layer speeds per activation and initialisation.

    One row per (activation, initialisation): the median over NETWORKS networks of each hidden
    layer's speed (or of the per-layer measure --measure chooses), and of the ratio last/first
    (near 1 = the layers learn at the same pace).
    """
    from ..core.activations import relu, tanh
    from ..core.initialisation import gaussian, he, scaled, xavier
    from ..experiments.speeds import compare_initialisations

    recipes = [session.recipe.but(activation=a, init=i)
               for a in activation or (sigmoid(), tanh(), relu())
               for i in init or (gaussian(), scaled(), xavier(), he())]
    return compare_initialisations(recipes, networks, _value(measure), session.source,
                                   session.progress)


@command(app, "training-speed", recipe=TRAINING_SPEED, options=TRAINED,
         stem="training-speed-{hidden}", files=True, data=True)
@_with_setup
def training_speed(session: Session, measure: TrainingMeasure = "bias-gradient",
                   statistic: OldStatistic = None):
    """Each hidden layer's speed of learning during training.

    Trains by full-batch gradient descent on IMAGES training images (η = 0.1, L2 weight decay
    λ = 5.0 with n = IMAGES: w ← (1 − ηλ/n) w − η ∂C/∂w, biases not decayed), recording every
    hidden layer's speed ‖mean of ∂C/∂b^l‖ before each step (or the per-layer measure --measure
    chooses; update-ratio: of the step itself). A run that meets a NaN or an
    infinity stops and says in which epoch. For a rectifier (relu and its variants) it also
    records each layer's dead units: the share with z ≤ 0 on every training image. Writes
    training-speed-H.csv, .json (with PReLU's learned slopes and the dead units per layer and
    epoch) and the figure training-speed-H (one line per hidden layer, log-scale y; the dead
    units in a panel below) into OUT, and prints a summary.
    """
    from ..experiments.training import training_speed

    return training_speed(session.recipe, _value(measure), session.source, session.progress)


MaxHidden = limited(limits.HIDDEN, "Train networks with 1..MAX_HIDDEN hidden layers",
                    "--max-hidden")


@command(app, "depth-accuracy", recipe=DEPTH_ACCURACY,
         options=(*(f for f in TRAINED if f != "hidden"), "batch_size", "validation"),
         data=True)
@_with_setup
def depth_accuracy(session: Session, max_hidden: MaxHidden = 4, networks: Networks = 1):
    """Validation accuracy against the number of hidden layers.

    Mini-batch SGD as in the chapter: batch 10, η = 0.1, L2 weight decay λ = 5.0 (n = IMAGES),
    30 epochs, NETWORKS networks per depth. On the embedded sample the validation digits are
    drawn from the images not used for training; with --data they come from the file's
    validation (pickle) or test (IDX, npz) set. The accuracy's binomial standard error is
    printed next to it: differences smaller than about two of them are noise. A run that meets
    a NaN or an infinity is reported as diverged, not scored.
    """
    from ..experiments.training import depth_accuracy, depth_recipes

    return depth_accuracy(depth_recipes(max_hidden, session.recipe), networks, session.source,
                          session.progress)


Neurons = limited(limits.WIDTH, "Neurons shown per hidden layer", "--neurons")


@command(app, "neuron-bars", recipe=Recipe(hidden=2, validation=0),
         options=("hidden", "width", "images", "split_seed", "seed"),
         stem="neuron-bars-{hidden}", files=True, data=True)
@_with_setup
def neuron_bars(session: Session, neurons: Neurons = 6) -> NeuronBars:
    """The chapter's bar picture: |∂C/∂b_j| per neuron.

    For one freshly initialised [784, 30, 30, 10] network (with --hidden 2), a bar per neuron
    whose length is |mean over the training images of ∂C/∂b_j|, for the first NEURONS neurons
    of each hidden layer; writes neuron-bars-H.csv, .json and the figure into OUT and prints
    the numbers.
    """
    from ..experiments.speeds import neuron_bars

    return neuron_bars(session.recipe, neurons, session.source)
