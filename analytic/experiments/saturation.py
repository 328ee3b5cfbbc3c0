"""Inside the layers during training: how each hidden layer's activations move, step by step.

Glorot and Bengio (2010, their Figure 2) trained a deep sigmoid network and watched each hidden
layer's activations during training: the top hidden layer was driven towards 0 early, and
recovered slowly, while learning stalled. This experiment asks the same of the chapter's
network on MNIST digits.

Set-up: a [784, 30, 30, 30, 30, 10] network (``hidden`` layers of ``width``), the chapter's
sigmoid output layer and cross-entropy cost, trained by mini-batch SGD (batch 10, learning
rate eta, weight decay lmbda over n training images) from one initial network per set-up.
A set-up names the hidden activation and the weight scheme (default: the chapter's sigmoid
with N(0, 1/n_in), the same with Xavier's weights, and tanh with Xavier's); the biases are the
chapter's N(0, 1), or 0 as Glorot and Bengio start them (``zero_biases``). Every set-up draws
its network from the same stream ``default_rng([seed, 0])``, so set-ups that share a scheme
start from the same weights; pixels blank in every training image are dropped from the first
layer (:func:`analytic.train.restrict_inputs`: no number changes).

Measured at initialisation, every floor(ceil(N / 10) / ``records``) steps of an epoch (N the
number of training images) and at the end of every epoch, so ``records`` times an epoch when
that divides (see :func:`analytic.train.record`): on the validation images, at test time, the
activations a^l of every hidden layer l = 1..H, pooled over (image, unit) pairs, give the mean
and the 2nd, 50th and 98th percentiles (NumPy's linear interpolation); and the accuracy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation, layer_sizes
from ..core.limits import check_memory, check_work, require_count, require_range
from ..train import SGD, Architecture, Model, forward, initial_model, record, restrict_inputs
from .mnist import Digits

Array = np.ndarray
Progress = Callable[[int], None] | None
#: The percentiles of each layer's activations that are recorded.
PERCENTILES = (2.0, 50.0, 98.0)
#: The largest network and run the experiment plans for.
MAX_HIDDEN, MAX_WIDTH, MAX_EPOCHS, MAX_RECORDS = 20, 1000, 10_000, 1000
BATCH_SIZE = 10


@dataclass(frozen=True)
class Setup:
    """One panel: the hidden layers' activation and the weight scheme."""

    activation: str
    init: str

    def __post_init__(self) -> None:
        # an unknown name fails here, before any run
        get_activation(self.activation), get_initialisation(self.init)


#: The chapter's network, the same with Xavier's weights, and tanh with Xavier's weights.
DEFAULT_SETUPS = (Setup("sigmoid", "scaled"), Setup("sigmoid", "xavier"), Setup("tanh", "xavier"))


def measurement_at(steps: Array, steps_per_epoch: int, epoch: float,
                   diverged_at: int | None) -> int | None:
    """The index of the last measurement at or before ``epoch`` epochs of training; None when
    ``epoch`` lies past the start of the epoch in which the run diverged (``diverged_at``).

    >>> measurement_at(np.array([0, 40, 80, 120]), 100, 1.0, None)
    2
    """
    if diverged_at is not None and epoch > diverged_at:
        return None
    return int(np.searchsorted(steps, epoch * steps_per_epoch, side="right")) - 1


@dataclass(frozen=True)
class LayerTrace:
    """One set-up's run: row k of each array at measurement k, after ``steps[k]`` mini-batch
    steps (row 0 at initialisation); column l - 1 is hidden layer l.

    ``percentiles[k, l - 1]`` holds the :data:`PERCENTILES` of a^l. A run that diverged
    stops at ``diverged_at`` (the epoch in which it did).
    """

    activation: str
    init: str
    steps: Array
    steps_per_epoch: int
    means: Array
    percentiles: Array
    accuracies: Array
    diverged_at: int | None

    @property
    def epochs(self) -> Array:
        """The training time of every measurement, in epochs."""
        return self.steps / self.steps_per_epoch

    @property
    def hidden(self) -> int:
        return self.means.shape[1]

    def row_at(self, epoch: float) -> int | None:
        """The row measured last at or before ``epoch`` (see :func:`measurement_at`)."""
        return measurement_at(self.steps, self.steps_per_epoch, epoch, self.diverged_at)

    def lowest_mean(self, l: int) -> tuple[float, float]:
        """(epochs, mean a^l) where hidden layer l's mean was lowest (the first such)."""
        k = int(np.argmin(self.means[:, l - 1]))
        return float(self.epochs[k]), float(self.means[k, l - 1])


@dataclass(frozen=True)
class Saturation:
    """Every set-up's trace, and what they share."""

    sizes: list[int]
    train_images: int
    validation_images: int
    epochs: int
    batch_size: int
    eta: float
    lmbda: float
    records: int
    zero_biases: bool
    seed: int
    traces: tuple[LayerTrace, ...]

    @property
    def every(self) -> int:
        """The number of steps between measurements."""
        return steps_between(self.train_images, self.records)


def layer_statistics(model: Model, x: Array, labels: Array) -> tuple[Array, Array, float]:
    """(means, percentiles, accuracy) on the images x at test time: every hidden layer's mean
    activation, shape (H,), and its :data:`PERCENTILES`, shape (H, 3), over (image, unit)
    pairs; and the fraction of images whose most active output is the label."""
    activations = forward(model, x).activations
    hidden = activations[1:-1]
    means = np.array([a.mean() for a in hidden])
    percentiles = np.array([np.percentile(a, PERCENTILES) for a in hidden])
    return means, percentiles, float(np.mean(np.argmax(activations[-1], axis=1) == labels))


def steps_between(train_images: int, records: int) -> int:
    """Steps between measurements: an epoch's steps over ``records``, at least 1."""
    return max(1, -(-train_images // BATCH_SIZE) // records)


def trace(setup: Setup, train: Digits, validation: Digits, hidden: int, width: int,
          epochs: int, eta: float, lmbda: float, records: int, zero_biases: bool, seed: int,
          progress: Progress = None) -> LayerTrace:
    """One set-up trained and measured (the arguments are :func:`saturation`'s)."""
    used = np.flatnonzero(train.images.any(axis=0))
    x, y, vx = train.images[:, used], train.one_hot(), validation.images[:, used]
    arch = Architecture(tuple(layer_sizes(hidden, width)), get_activation(setup.activation))
    rng = np.random.default_rng([seed, 0])
    model = restrict_inputs(initial_model(arch, rng, setup.init, zero_biases), used)
    run = record(model, x, y, SGD(eta, lmbda, len(x)), epochs, BATCH_SIZE, rng,
                 steps_between(len(x), records),
                 lambda m: layer_statistics(m, vx, validation.labels), progress)
    if progress is not None and run.diverged_at is not None:
        progress(epochs - run.diverged_at)  # the epochs a diverged run did not do
    means, percentiles, accuracies = zip(*run.values)
    return LayerTrace(arch.activation.spec, setup.init, np.array(run.steps), run.steps_per_epoch,
                      np.array(means), np.array(percentiles), np.array(accuracies),
                      run.diverged_at)


def saturation(train: Digits, validation: Digits, setups: Sequence[Setup] = DEFAULT_SETUPS,
               hidden: int = 4, width: int = 30, epochs: int = 20, eta: float = 0.1,
               lmbda: float = 0.0, records: int = 10, zero_biases: bool = False, seed: int = 0,
               progress: Progress = None) -> Saturation:
    """Every set-up trained on ``train`` and measured on ``validation``, in order.

    ``progress(1)`` is called after each epoch of each set-up.
    """
    _check(train, validation, setups, hidden, width, epochs, eta, lmbda, records)
    traces = tuple(trace(s, train, validation, hidden, width, epochs, eta, lmbda, records,
                         zero_biases, seed, progress) for s in setups)
    return Saturation(layer_sizes(hidden, width), len(train), len(validation), epochs,
                      BATCH_SIZE, eta, lmbda, records, zero_biases, seed, traces)


def check_plan(train: Digits, validation: Digits, hidden: int, width: int, epochs: int,
               eta: float, lmbda: float, records: int, runs: int) -> None:
    """ValueError unless ``runs`` training runs of this size are possible and within the memory
    and work budgets (:mod:`analytic.core.limits`)."""
    require_count(hidden, "the number of hidden layers", 1, MAX_HIDDEN)
    require_count(width, "the width of the hidden layers", 1, MAX_WIDTH)
    require_count(epochs, "the number of epochs", 1, MAX_EPOCHS)
    require_count(records, "the number of measurements per epoch", 1, MAX_RECORDS)
    require_range(eta, "the learning rate eta", 0, 10, low_open=True)
    require_range(lmbda, "the weight decay lmbda", 0, 1e6)
    if len(train) == 0 or len(validation) == 0:
        raise ValueError("the experiment needs training and validation digits")
    sizes = layer_sizes(hidden, width)
    check_memory(8 * 3 * len(validation) * sum(sizes), "a pass over the validation images")
    # a step costs about 6 multiply-adds per weight and example, a measurement 2 per weight
    # and validation image
    weights = sum(m * n for m, n in zip(sizes, sizes[1:]))
    steps = epochs * -(-len(train) // BATCH_SIZE)
    measurements = steps // steps_between(len(train), records)
    check_work(runs * weights * (6 * BATCH_SIZE * steps + 2 * len(validation) * measurements),
               "training and measuring every run")


def _check(train: Digits, validation: Digits, setups: Sequence[Setup], hidden: int, width: int,
           epochs: int, eta: float, lmbda: float, records: int) -> None:
    require_count(len(setups), "the number of set-ups", 1)
    check_plan(train, validation, hidden, width, epochs, eta, lmbda, records, len(setups))
