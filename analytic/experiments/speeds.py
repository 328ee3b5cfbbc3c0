"""The chapter's experiments on MNIST digits: how fast each hidden layer learns, and accuracy.

Set-up (the chapter's, unless an argument says otherwise): a [784, 30, ..., 30, 10] network,
sigmoid in every layer, output included; cross-entropy cost; weights N(0, 1/n_in) and biases
N(0, 1) (:mod:`analytic.core.initialisation`). The speeds at initialisation use the core
network's backprop; training (``training_speed``, ``depth_accuracy``) runs on
:mod:`analytic.train`, which also takes another hidden activation, initialisation, width, up to
:data:`MAX_HIDDEN_TRAINED` hidden layers, and momentum.

Notation: hidden layers are counted l = 1..H from the first; delta^l = dC/db^l. The *speed of
learning* of hidden layer l over a batch of images x_1..x_N is

- ``mean-gradient`` (the chapter's): || (1/N) sum_i delta^l(x_i) ||, the norm of the gradient
  of the mean cost with respect to b^l;
- ``mean-norm``: (1/N) sum_i || delta^l(x_i) ||, the mean of the per-image norms.

Every function takes the digits and an explicit seed, and returns plain data. Long loops report
progress through an optional ``progress(k)`` callback (k units done since the last call).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation, initial_network, layer_sizes
from ..core.limits import check_memory, check_work, require_count, require_range
from ..core.network import Gradients, Network, backprop, feedforward
from ..train import SGD, Architecture, Model, descend, initial_model, restrict_inputs
from ..train import accuracy as model_accuracy
from ..train import train as train_model

# STATISTICS is re-exported: the reports import it from here
from ..train.monitor import STATISTICS, check_statistic  # noqa: F401
from ..train.monitor import slopes as monitor_slopes
from .mnist import Digits

Array = np.ndarray
Progress = Callable[[int], None] | None
COST = "cross-entropy"
#: The deepest network the experiments train.
MAX_HIDDEN_TRAINED = 20


def _tick(progress: Progress, k: int = 1) -> None:
    if progress is not None:
        progress(k)


# --- speed of learning -------------------------------------------------------------------------
def speeds_from_gradients(grads: Gradients, statistic: str = "mean-gradient") -> Array:
    """The speed of every hidden layer (the output layer is not hidden), layer 1 first."""
    check_statistic(statistic)
    hidden = grads.deltas[:-1]
    if statistic == "mean-gradient":
        return np.array([np.linalg.norm(nb) for nb in grads.nabla_b[:-1]])
    return np.array([np.linalg.norm(d, axis=1).mean() for d in hidden])


def layer_speeds(net: Network, x: Array, y: Array, statistic: str = "mean-gradient") -> Array:
    """Every hidden layer's speed over the batch, in one vectorised backward pass."""
    return speeds_from_gradients(backprop(net, x, y, COST, weight_gradients=False), statistic)


def layer_speeds_per_image(net: Network, x: Array, y: Array,
                           statistic: str = "mean-gradient") -> Array:
    """The same speeds by one backward pass per image: the slow, obvious reference."""
    check_statistic(statistic)
    hidden = net.depth - 1
    total_delta = [np.zeros(net.sizes[l]) for l in range(1, hidden + 1)]
    total_norm = np.zeros(hidden)
    for xi, yi in zip(x, y):
        nabla_b = backprop(net, xi, yi, COST, weight_gradients=False).nabla_b
        for l in range(hidden):
            total_delta[l] += nabla_b[l]
            total_norm[l] += np.linalg.norm(nabla_b[l])
    if statistic == "mean-gradient":
        return np.array([np.linalg.norm(t / len(x)) for t in total_delta])
    return total_norm / len(x)


def used_pixels(x: Array) -> Array:
    """Indices of the input pixels that are non-zero in at least one image of the batch x."""
    return np.flatnonzero(x.any(axis=0))


def without_blank_pixels(net: Network, used: Array) -> Network:
    """The network restricted to the input pixels ``used``.

    A pixel that is 0 in every image adds nothing to z^1 and its weights get zero gradient
    (their decay affects nothing else), so on those images every delta, speed and cost is
    unchanged, up to the order of rounding; on MNIST about a fifth of the 784 pixels go, and
    with them a fifth of the two costliest products.
    """
    w1 = net.weights[0][:, used]
    return Network((w1, *net.weights[1:]), net.biases, net.activation, net.output_activation)


# --- what a request costs: checked before anything is allocated or run -------------------------
#: The deepest network measured at initialisation: 25 times the chapter's deepest, enough to
#: watch the gradient vanish for good.
MAX_HIDDEN = 100
MAX_SEEDS = 100_000
MAX_EPOCHS = 1_000_000
MAX_RUNS = 1_000


def _network_text(sizes: list[int]) -> str:
    hidden = sizes[1:-1]
    if len(set(hidden)) == 1:
        return f"[{sizes[0]}, {hidden[0]:,} x {len(hidden)}, {sizes[-1]}]"
    return str(sizes)


def pass_bytes(sizes: list[int], images: int, weight_gradients: bool) -> int:
    """An upper estimate of the memory one backward pass over ``images`` takes.

    Per image: the input batch (and its copy without blank pixels), and for every neuron z, a,
    delta and the temporaries of phi and phi' (eight arrays at most alive at once). Besides:
    the weights and their draw, and with weight gradients their gradients and the step's
    temporaries (five copies).
    """
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    return 8 * (images * (2 * sizes[0] + 8 * sum(sizes[1:]))
                + (5 if weight_gradients else 2) * weights)


def pass_work(sizes: list[int], images: int, weight_gradients: bool) -> int:
    """The multiply-adds of one backward pass: per image, one per weight forward, one per
    weight above layer 1 for the deltas, and one per weight for the weight gradients."""
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    per_image = 2 * weights - sizes[0] * sizes[1] + (weights if weight_gradients else 0)
    return images * per_image


def check_plan(hidden: int, width: int, images: int, passes: int,
                weight_gradients: bool) -> None:
    """Refuse ``passes`` backward passes over batches of ``images`` through a network of
    ``hidden`` layers of ``width`` neurons if they would not fit the memory or work budget."""
    require_count(hidden, "the number of hidden layers", 1, MAX_HIDDEN)
    require_count(width, "the width of the hidden layers", 1)
    require_count(images, "the number of images", 1)
    sizes = layer_sizes(hidden, width)
    network = f"a {_network_text(sizes)} network over {images:,} images"
    check_memory(pass_bytes(sizes, images, weight_gradients), network)
    work = passes * pass_work(sizes, images, weight_gradients)
    check_work(work, f"{passes:,} passes of {network}")


def _check_learning(eta: float, lmbda: float) -> None:
    require_range(eta, "the learning rate eta", 0, low_open=True)
    require_range(lmbda, "the weight decay lambda", 0)


def _network_rng(seed: int, index: int) -> np.random.Generator:
    # one independent stream per (experiment seed, network index): network i is the same
    # whether 10 or 200 networks are drawn
    return np.random.default_rng([seed, index])


# --- speeds at initialisation ------------------------------------------------------------------
@dataclass(frozen=True)
class InitNorms:
    """Hidden-layer speeds at initialisation: ``speeds[s, l-1]`` for network s, hidden layer l."""

    sizes: list[int]
    activation: str
    init: str
    statistic: str
    images: int
    seed: int
    speeds: Array

    @property
    def median(self) -> Array:
        return np.median(self.speeds, axis=0)

    @property
    def p10(self) -> Array:
        return np.percentile(self.speeds, 10, axis=0)

    @property
    def p90(self) -> Array:
        return np.percentile(self.speeds, 90, axis=0)

    @property
    def ratios(self) -> Array:
        """Median over networks of speed(l+1) / speed(l), for l = 1..H-1."""
        return np.median(self.speeds[:, 1:] / self.speeds[:, :-1], axis=0)

    @property
    def last_over_first(self) -> float:
        """Median over networks of speed(H) / speed(1)."""
        return float(np.median(self.speeds[:, -1] / self.speeds[:, 0]))


def init_norms(
    train: Digits,
    hidden: int,
    width: int = 30,
    seeds: int = 100,
    activation: str = "sigmoid",
    init: str = "scaled",
    statistic: str = "mean-gradient",
    seed: int = 0,
    progress: Progress = None,
) -> InitNorms:
    """Each hidden layer's speed in ``seeds`` freshly initialised networks, on ``train``."""
    check_statistic(statistic)
    require_count(seeds, "the number of initialisations", 1, MAX_SEEDS)
    check_plan(hidden, width, len(train), seeds, weight_gradients=False)
    sizes = layer_sizes(hidden, width)
    used = used_pixels(train.images)
    x, y = train.images[:, used], train.one_hot()
    rows = []
    for s in range(seeds):
        net = initial_network(sizes, _network_rng(seed, s), init, activation)
        rows.append(layer_speeds(without_blank_pixels(net, used), x, y, statistic))
        _tick(progress)
    name = net.activation.spec
    return InitNorms(sizes, name, init, statistic, len(train), seed, np.array(rows))


def compare_initialisations(
    train: Digits,
    hidden: int,
    activations: Sequence[str],
    inits: Sequence[str],
    seeds: int = 100,
    width: int = 30,
    seed: int = 0,
    progress: Progress = None,
) -> list[InitNorms]:
    """:func:`init_norms` for every (activation, initialisation) pair, in that order."""
    if not activations or not inits:
        raise ValueError("at least one activation and one initialisation are needed")
    for name in activations:  # an unknown name is refused before any network is drawn
        get_activation(name)
    for name in inits:
        get_initialisation(name)
    require_count(seeds, "the number of initialisations", 1, MAX_SEEDS)
    check_plan(hidden, width, len(train), len(activations) * len(inits) * seeds,
                weight_gradients=False)
    return [
        init_norms(train, hidden, width, seeds, a, i, seed=seed, progress=progress)
        for a in activations
        for i in inits
    ]


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
    _check_learning(eta, lmbda)
    check_plan(hidden, width, len(train), epochs, weight_gradients=True)
    used = used_pixels(train.images)
    rng = _network_rng(seed, 0)
    model = restrict_inputs(_initial_model(hidden, width, rng, activation, init), used)
    sgd = SGD(eta, lmbda, len(train), momentum, nesterov, clip)
    run = descend(model, train.images[:, used], train.one_hot(), sgd, epochs, rng, statistic,
                  progress)
    return TrainingSpeed(layer_sizes(hidden, width), eta, lmbda, len(train), seed, run.speeds,
                         run.costs, model.architecture.activation.spec, init, momentum,
                         nesterov, run.diverged_at, clip, run.slopes)


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
    _check_learning(eta, lmbda)
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
            rng = _network_rng(seed, 1000 * h + r)
            model = _initial_model(h, width, rng, activation, init)
            run = train_model(model, x, y, sgd, epochs, batch_size, rng, progress=progress)
            diverged[h - 1, r] = run.diverged
            if run.diverged:
                table[h - 1, r] = np.nan
                _tick(progress, epochs - run.epochs)
                continue
            table[h - 1, r] = model_accuracy(run.model, validation.images, validation.labels)
            slopes[h - 1][r] = monitor_slopes(run.model)
    return DepthAccuracy(list(range(1, max_hidden + 1)), epochs, batch_size, eta, lmbda,
                         len(train), len(validation), seed, table, phi.spec, init, momentum,
                         nesterov, diverged, width, clip, slopes if phi.slope_learned else None)


# --- the neuron bars ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NeuronBars:
    """|dC/db_j| at initialisation for the first neurons of each hidden layer.

    ``bars[l-1][j]`` is |mean over images of delta^l_j| for hidden layer l, neuron j+1.
    """

    sizes: list[int]
    images: int
    seed: int
    bars: list[Array]


def neuron_bars(train: Digits, hidden: int = 2, width: int = 30, neurons: int = 6,
                seed: int = 0) -> NeuronBars:
    """The chapter's picture of a [784, 30, 30, 10] network at initialisation, as numbers."""
    check_plan(hidden, width, len(train), 1, weight_gradients=False)
    require_count(neurons, "the number of neurons shown per layer", 1, width)
    sizes = layer_sizes(hidden, width)
    net = initial_network(sizes, _network_rng(seed, 0))
    nabla_b = backprop(net, train.images, train.one_hot(), COST, weight_gradients=False).nabla_b
    return NeuronBars(sizes, len(train), seed, [np.abs(nb[:neurons]) for nb in nabla_b[:-1]])
