"""Inside the layers during training: how each hidden layer's activations move, step by step.

Glorot and Bengio (2010, their Figure 2) trained a deep sigmoid network and watched each hidden
layer's activations during training: the top hidden layer was driven towards 0 early, and
recovered slowly, while learning stalled. This experiment asks the same of the chapter's
network on MNIST digits.

Set-up (:class:`~.schedule.Schedule`): a [784, 30, 30, 30, 30, 10] network by default, the
chapter's sigmoid output layer and cross-entropy cost, trained by mini-batch SGD (batch 10,
learning rate eta, weight decay lmbda over n training images) from one initial network per
set-up. A set-up names the hidden activation and the weight scheme (default: the chapter's
sigmoid with N(0, 1/n_in), the same with Xavier's weights, and tanh with Xavier's); the biases
are the chapter's N(0, 1), or 0 as Glorot and Bengio start them (``zero_biases``). Every
set-up draws its network from the same stream ``default_rng([seed, 0])``, so set-ups that
share a scheme start from the same weights.

Measured ``records`` times an epoch (:func:`~.schedule.measured_run`): on the validation
images, at test time, the activations a^l of every hidden layer l = 1..H, pooled over (image,
unit) pairs, give the mean and the 2nd, 50th and 98th percentiles (NumPy's linear
interpolation); for a rectifier, each layer's share of dead units (z <= 0 on every validation
image, :func:`analytic.train.dead_fractions`); and the accuracy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation
from ..core.limits import require_count
from ..train import Architecture, Model, dead_fractions, forward, initial_model
from .mnist import Digits
from .schedule import Progress, Schedule, measured_run, measurement_at

Array = np.ndarray
#: The percentiles of each layer's activations that are recorded.
PERCENTILES = (2.0, 50.0, 98.0)


@dataclass(frozen=True)
class Setup:
    """One panel: the hidden layers' activation and the weight scheme."""

    activation: str
    init: str

    def __post_init__(self) -> None:
        # an unknown name fails here, before any run
        get_activation(self.activation), get_initialisation(self.init)

    @property
    def rectifier(self) -> bool:
        """Whether the activation is a rectifier (linear above 0), whose units can die."""
        return get_activation(self.activation).linear_above_zero


#: The chapter's network, the same with Xavier's weights, and tanh with Xavier's weights.
DEFAULT_SETUPS = (Setup("sigmoid", "scaled"), Setup("sigmoid", "xavier"), Setup("tanh", "xavier"))
#: Rectifiers whose units can die: ReLU with Xavier's and He's weights, Leaky ReLU and ELU.
DEAD_SETUPS = (Setup("relu", "xavier"), Setup("relu", "he"), Setup("leaky_relu", "he"),
               Setup("elu", "he"))


@dataclass(frozen=True)
class LayerTrace:
    """One set-up's run: row k of each array at measurement k, after ``steps[k]`` mini-batch
    steps (row 0 at initialisation); column l - 1 is hidden layer l.

    ``percentiles[k, l - 1]`` holds the :data:`PERCENTILES` of a^l, ``dead[k, l - 1]`` the
    share of layer l's units dead on the validation images (None unless the activation is a
    rectifier). A run that diverged stops at ``diverged_at`` (the epoch in which it did).
    """

    activation: str
    init: str
    steps: Array
    steps_per_epoch: int
    means: Array
    percentiles: Array
    accuracies: Array
    diverged_at: int | None
    dead: Array | None = None

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

    schedule: Schedule
    train_images: int
    validation_images: int
    zero_biases: bool
    seed: int
    traces: tuple[LayerTrace, ...]


def layer_statistics(model: Model, x: Array, labels: Array
                     ) -> tuple[Array, Array, float, Array | None]:
    """(means, percentiles, accuracy, dead) on the images x at test time: every hidden layer's
    mean activation, shape (H,), and its :data:`PERCENTILES`, shape (H, 3), over (image, unit)
    pairs; the fraction of images whose most active output is the label; and each hidden
    layer's share of units with z <= 0 on every image, shape (H,) (None unless a rectifier)."""
    batch = forward(model, x)
    hidden = batch.activations[1:-1]
    means = np.array([a.mean() for a in hidden])
    percentiles = np.array([np.percentile(a, PERCENTILES) for a in hidden])
    accuracy = float(np.mean(np.argmax(batch.activations[-1], axis=1) == labels))
    return means, percentiles, accuracy, dead_fractions(model, batch)


def trace(setup: Setup, train: Digits, validation: Digits, schedule: Schedule,
          zero_biases: bool = False, seed: int = 0, progress: Progress = None) -> LayerTrace:
    """One set-up trained and measured (the arguments are :func:`saturation`'s)."""
    arch = Architecture(tuple(schedule.sizes), get_activation(setup.activation))
    rng = np.random.default_rng([seed, 0])
    model = initial_model(arch, rng, setup.init, zero_biases)
    run = measured_run(model, train, validation, schedule, rng, layer_statistics, progress)
    means, percentiles, accuracies, dead = zip(*run.values)
    return LayerTrace(arch.activation.spec, setup.init, np.array(run.steps), run.steps_per_epoch,
                      np.array(means), np.array(percentiles), np.array(accuracies),
                      run.diverged_at, None if dead[0] is None else np.array(dead))


def saturation(train: Digits, validation: Digits, setups: Sequence[Setup] = DEFAULT_SETUPS,
               schedule: Schedule = Schedule(), zero_biases: bool = False, seed: int = 0,
               progress: Progress = None) -> Saturation:
    """Every set-up trained on ``train`` and measured on ``validation``, in order.

    ``progress(1)`` is called after each epoch of each set-up.
    """
    require_count(len(setups), "the number of set-ups", 1)
    schedule.check(train, validation, len(setups))
    traces = tuple(trace(s, train, validation, schedule, zero_biases, seed, progress)
                   for s in setups)
    return Saturation(schedule, len(train), len(validation), zero_biases, seed, traces)
