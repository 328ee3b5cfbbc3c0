"""Training the chapter's network on MNIST digits: each hidden layer's speed during training,
and validation accuracy against depth.

Set-up (the chapter's, unless an argument says otherwise): a [784, 30, ..., 30, 10] network,
sigmoid in every layer, output included; cross-entropy cost; weights N(0, 1/n_in) and biases
N(0, 1). Training runs on :mod:`analytic.train`, which also takes another hidden activation,
initialisation, width, up to :data:`~analytic.experiments.plan.MAX_HIDDEN_TRAINED` hidden
layers, momentum and clipping. The speed of learning is as in :mod:`analytic.experiments.speeds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import layer_sizes
from ..core.limits import require_count
from ..core.network import Gradients, Network, feedforward
from ..train import SGD, Architecture, Model, descend, initial_model, restrict_inputs
from ..train import accuracy as model_accuracy
from ..train import train as train_model

# STATISTICS is re-exported: the reports import it from here
from ..train.monitor import STATISTICS, check_statistic  # noqa: F401
from ..train.monitor import slopes as monitor_slopes
from .mnist import Digits
from .plan import (
    MAX_EPOCHS,
    MAX_HIDDEN_TRAINED,
    MAX_RUNS,
    Progress,
    check_learning,
    check_plan,
    network_rng,
    tick,
)
from .speeds import used_pixels

Array = np.ndarray
COST = "cross-entropy"


# --- training ----------------------------------------------------------------------------------
def gradient_step(net: Network, grads: Gradients, eta: float, lmbda: float, n: int) -> Network:
    """The chapter's update of a core network: w <- (1 - eta lmbda / n) w - eta dC/dw and
    b <- b - eta dC/db (biases not decayed). Training runs use :mod:`analytic.train`."""
    decay = 1.0 - eta * lmbda / n
    weights = tuple(decay * w - eta * nw for w, nw in zip(net.weights, grads.nabla_w))
    biases = tuple(b - eta * nb for b, nb in zip(net.biases, grads.nabla_b))
    return Network(weights, biases, net.activation, net.output_activation)


def _initial_model(hidden: int, width: int, rng: np.random.Generator, activation: str,
                   init: str) -> Model:
    # the chapter's network (sigmoid output, cross-entropy) with the chosen hidden layers;
    # its weights and biases are drawn as initial_network draws them
    require_count(hidden, "the number of hidden layers", 1, MAX_HIDDEN_TRAINED)
    require_count(width, "the width of the hidden layers")
    sizes = tuple(layer_sizes(hidden, width))
    return initial_model(Architecture(sizes, get_activation(activation)), rng, init)


@dataclass(frozen=True)
class TrainingSpeed:
    """Hidden-layer speeds before each full-batch step: ``speeds[e, l-1]`` at epoch e.

    A run that diverged (a NaN or an infinity) stops: ``diverged_at`` is the epoch in which it
    did, and ``speeds``, ``costs`` and ``slopes`` hold the epochs before it. ``slopes[e, l-1]``
    is PReLU's mean learned slope in hidden layer l before step e (None for other activations).
    ``dead[e, l-1]`` is the share of hidden layer l's units with z <= 0 on every training image
    before step e (rectifiers only, else None): the run has no validation images.
    """

    sizes: list[int]
    eta: float
    lmbda: float
    images: int
    seed: int
    speeds: Array
    costs: Array = field(repr=False)
    activation: str = "sigmoid"
    init: str = "scaled"
    momentum: float = 0.0
    nesterov: bool = False
    diverged_at: int | None = None
    clip: float | None = None
    slopes: Array | None = field(default=None, repr=False)
    dead: Array | None = field(default=None, repr=False)

    @property
    def hidden(self) -> int:
        return self.speeds.shape[1]


def training_speed(
    train: Digits,
    hidden: int,
    epochs: int = 500,
    seed: int = 0,
    eta: float = 0.1,
    lmbda: float = 5.0,
    width: int = 30,
    statistic: str = "mean-gradient",
    progress: Progress = None,
    activation: str = "sigmoid",
    init: str = "scaled",
    momentum: float = 0.0,
    nesterov: bool = False,
    clip: float | None = None,
) -> TrainingSpeed:
    """Full-batch gradient descent on ``train``, recording every hidden layer's speed.

    Each epoch is one step on all the images, so the speed recorded at epoch e is that of the
    gradient used by step e. ``costs[e]`` is the unregularised cross-entropy before step e.
    ``momentum`` (classical, or Nesterov's with ``nesterov``) is 0 in the chapter, and so is
    clipping (``clip``: the gradient's norm is cut to it, see :class:`analytic.train.SGD`).
    """
    check_statistic(statistic)
    require_count(hidden, "the number of hidden layers", 1, MAX_HIDDEN_TRAINED)
    require_count(epochs, "the number of epochs", 1, MAX_EPOCHS)
    check_learning(eta, lmbda)
    check_plan(hidden, width, len(train), epochs, weight_gradients=True)
    used = used_pixels(train.images)
    rng = network_rng(seed, 0)
    model = restrict_inputs(_initial_model(hidden, width, rng, activation, init), used)
    sgd = SGD(eta, lmbda, len(train), momentum, nesterov, clip)
    run = descend(model, train.images[:, used], train.one_hot(), sgd, epochs, rng, statistic,
                  progress)
    return TrainingSpeed(layer_sizes(hidden, width), eta, lmbda, len(train), seed, run.speeds,
                         run.costs, model.architecture.activation.spec, init, momentum,
                         nesterov, run.diverged_at, clip, run.slopes, run.dead)


# --- accuracy against depth --------------------------------------------------------------------
def accuracy(net: Network, digits: Digits) -> float:
    """The fraction of ``digits`` whose most active output neuron is the label."""
    output = feedforward(net, digits.images)[1][-1]
    return float(np.mean(np.argmax(output, axis=1) == digits.labels))


@dataclass(frozen=True)
class DepthAccuracy:
    """Validation accuracy after training: ``accuracies[h-1, s]`` for h hidden layers, run s.

    ``diverged[h-1, s]`` marks a run that met a NaN or an infinity; its accuracy is NaN, a
    placeholder for "none", never a result. With PReLU, ``slopes[h-1][s]`` holds the mean
    learned slope of each of the h hidden layers after training (None if the run diverged);
    ``slopes`` is None for other activations.
    """

    hidden: list[int]
    epochs: int
    batch_size: int
    eta: float
    lmbda: float
    train_images: int
    validation_images: int
    seed: int
    accuracies: Array
    activation: str = "sigmoid"
    init: str = "scaled"
    momentum: float = 0.0
    nesterov: bool = False
    diverged: Array | None = None
    width: int = 30
    clip: float | None = None
    slopes: list[list[Array | None]] | None = field(default=None, repr=False)


def depth_accuracy(
    train: Digits,
    validation: Digits,
    max_hidden: int = 4,
    epochs: int = 30,
    runs: int = 1,
    seed: int = 0,
    batch_size: int = 10,
    eta: float = 0.1,
    lmbda: float = 5.0,
    width: int = 30,
    progress: Progress = None,
    activation: str = "sigmoid",
    init: str = "scaled",
    momentum: float = 0.0,
    nesterov: bool = False,
    clip: float | None = None,
) -> DepthAccuracy:
    """Train networks with 1..max_hidden hidden layers by SGD; accuracy on ``validation``.

    ``progress`` is called once per epoch of each network (max_hidden * runs * epochs calls;
    a diverged run's remaining epochs are counted when it stops).
    """
    require_count(max_hidden, "the largest number of hidden layers", 1, MAX_HIDDEN_TRAINED)
    require_count(epochs, "the number of epochs", 1, MAX_EPOCHS)
    require_count(runs, "the number of runs per depth", 1, MAX_RUNS)
    require_count(batch_size, "the mini-batch size", 1)
    check_learning(eta, lmbda)
    if validation is None or len(validation) == 0:
        raise ValueError("the accuracy needs validation digits, and none were given")
    # every network is at most max_hidden deep: bound the work by that depth's
    batch = min(batch_size, len(train))
    batches = -(-len(train) // batch)
    check_plan(max_hidden, width, batch, max_hidden * runs * epochs * batches,
                weight_gradients=True)
    check_plan(max_hidden, width, len(validation), max_hidden * runs, weight_gradients=False)
    sgd = SGD(eta, lmbda, len(train), momentum, nesterov, clip)
    phi = get_activation(activation)
    x, y = train.images, train.one_hot()
    table, diverged = np.zeros((max_hidden, runs)), np.zeros((max_hidden, runs), dtype=bool)
    slopes: list[list[Array | None]] = [[None] * runs for _ in range(max_hidden)]
    for h in range(1, max_hidden + 1):
        for r in range(runs):
            rng = network_rng(seed, 1000 * h + r)
            model = _initial_model(h, width, rng, activation, init)
            run = train_model(model, x, y, sgd, epochs, batch_size, rng, progress=progress)
            diverged[h - 1, r] = run.diverged
            if run.diverged:
                table[h - 1, r] = np.nan
                tick(progress, epochs - run.epochs)
                continue
            table[h - 1, r] = model_accuracy(run.model, validation.images, validation.labels)
            slopes[h - 1][r] = monitor_slopes(run.model)
    return DepthAccuracy(list(range(1, max_hidden + 1)), epochs, batch_size, eta, lmbda,
                         len(train), len(validation), seed, table, phi.spec, init, momentum,
                         nesterov, diverged, width, clip, slopes if phi.slope_learned else None)


