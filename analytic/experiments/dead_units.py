"""Dying ReLUs: rectifier units that stop being active, and whether they come back.

A unit of a rectifier network is *dead* when z <= 0 on every validation image
(:func:`analytic.train.dead_fraction`, pooled over all hidden layers). For ReLU, phi'(z) = 0
there, so no gradient reaches the unit's weights or bias through any image: once dead on all
the training images too, it stays dead. Leaky ReLU (slope 0.01), PReLU (learned slope, from
0.25), RReLU (slope drawn from U(1/8, 1/3) in training) and ELU (phi'(z) = e^z) keep a small
gradient below 0, so such a unit can come back.

Set-up (:class:`~.schedule.Schedule`, 10 epochs and 5 measurements an epoch by default): a
[784, 30, 30, 30, 30, 10] network by default, the chapter's sigmoid output layer and
cross-entropy cost, weights by ``init`` (He's by default) and hidden biases N(-shift, 1): the
chapter's N(0, 1) moved down by ``bias_shift`` (2 by default), which leaves most units
inactive on every image from the start, as a too-large negative step on the biases would. The
output layer's biases stay N(0, 1). Mini-batch SGD, batch 10, learning rate eta, weight decay
lmbda over n, on the training digits.

Each activation is run from ``seeds`` initial networks; network s of every activation is drawn
from the stream ``default_rng([seed, s])``, so every activation starts from the same weights
and biases. Measured ``records`` times an epoch (:func:`~.schedule.measured_run`): the dead
fraction and the accuracy on the validation digits, at test time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation
from ..core.limits import require_count, require_range
from ..train import Architecture, Model, dead_fraction, forward, initial_model
from .mnist import Digits
from .remedies import Spread
from .schedule import Progress, Schedule, measured_run, measurement_at

Array = np.ndarray
#: The rectifiers compared, plain ReLU first.
DEFAULT_ACTIVATIONS = ("relu", "leaky_relu", "prelu", "rrelu", "elu")
#: The schedule of the default run: 10 epochs, 5 measurements an epoch.
DEFAULT_SCHEDULE = Schedule(epochs=10, records=5)
MAX_SEEDS = 1000
#: The largest |bias shift|: beyond it every unit of every activation is inactive alike.
MAX_SHIFT = 100.0


@dataclass(frozen=True)
class DeadRun:
    """One run: ``dead[k]`` and ``accuracies[k]`` at measurement k, after ``steps[k]``
    mini-batch steps (k = 0 at initialisation), for the measurements done; ``diverged_at`` is
    the epoch in which the run met a NaN or an infinity, if it did."""

    seed: int
    steps: Array
    steps_per_epoch: int
    dead: Array
    accuracies: Array
    diverged_at: int | None

    @property
    def epochs(self) -> Array:
        """The training time of every measurement, in epochs."""
        return self.steps / self.steps_per_epoch

    def at(self, epoch: float) -> tuple[float, float] | None:
        """(dead, accuracy) measured last at or before ``epoch`` (see
        :func:`~analytic.experiments.saturation.measurement_at`); None after a divergence."""
        k = measurement_at(self.steps, self.steps_per_epoch, epoch, self.diverged_at)
        return None if k is None else (float(self.dead[k]), float(self.accuracies[k]))


@dataclass(frozen=True)
class ActivationRuns:
    """One activation's runs, and their summaries over the seeds."""

    activation: str
    runs: tuple[DeadRun, ...]

    def dead_at(self, epoch: float) -> Spread | None:
        """Median and 10th/90th percentiles over the runs of the dead fraction at ``epoch``."""
        return Spread.of([None if v is None else v[0] for v in (r.at(epoch) for r in self.runs)])

    def accuracy_at(self, epoch: float) -> Spread | None:
        return Spread.of([None if v is None else v[1] for v in (r.at(epoch) for r in self.runs)])

    @property
    def diverged_runs(self) -> int:
        return sum(r.diverged_at is not None for r in self.runs)

    def band(self, name: str) -> tuple[Array, Array]:
        """(epochs, values) of ``dead`` or ``accuracies`` over the runs: ``values[k]`` holds the
        median, 10th and 90th percentiles at measurement k, over the runs that reached it."""
        longest = max(self.runs, key=lambda r: len(r.steps))
        spreads = [Spread.of([getattr(r, name)[k] for r in self.runs if k < len(r.steps)])
                   for k in range(len(longest.steps))]
        return longest.epochs, np.array([(s.median, s.p10, s.p90) for s in spreads])


@dataclass(frozen=True)
class DeadUnits:
    """Every activation's runs, and what they share."""

    schedule: Schedule
    init: str
    bias_shift: float
    train_images: int
    validation_images: int
    seed: int
    rows: tuple[ActivationRuns, ...]


def shifted_biases(model: Model, shift: float) -> Model:
    """The model with every hidden layer's biases lowered by ``shift`` (the output's kept)."""
    params = model.parameters.like(model.parameters.vector.copy())
    for b in params.biases[:-1]:
        b -= shift
    return replace(model, parameters=params)


def dead_and_accuracy(model: Model, x: Array, labels: Array) -> tuple[float, float]:
    """(dead fraction, accuracy) on the images x at test time."""
    test = forward(model, x)
    right = np.argmax(test.activations[-1], axis=1) == labels
    return dead_fraction(model, test), float(np.mean(right))


def activation_runs(activation: str, train: Digits, validation: Digits,
                    schedule: Schedule = DEFAULT_SCHEDULE, init: str = "he",
                    bias_shift: float = 2.0, seeds: int = 5, seed: int = 0,
                    progress: Progress = None) -> ActivationRuns:
    """One activation trained from ``seeds`` networks (the arguments are :func:`dead_units`')."""
    arch = Architecture(tuple(schedule.sizes), get_activation(activation))
    runs = []
    for s in range(seeds):
        rng = np.random.default_rng([seed, s])
        model = shifted_biases(initial_model(arch, rng, init), bias_shift)
        run = measured_run(model, train, validation, schedule, rng, dead_and_accuracy, progress)
        dead, accuracies = (np.array(v) for v in zip(*run.values))
        runs.append(DeadRun(s, np.array(run.steps), run.steps_per_epoch, dead, accuracies,
                            run.diverged_at))
    return ActivationRuns(arch.activation.spec, tuple(runs))


def dead_units(train: Digits, validation: Digits,
               activations: Sequence[str] = DEFAULT_ACTIVATIONS,
               schedule: Schedule = DEFAULT_SCHEDULE, init: str = "he", bias_shift: float = 2.0,
               seeds: int = 5, seed: int = 0, progress: Progress = None) -> DeadUnits:
    """Every activation of ``activations`` (rectifiers only), in order.

    ``progress(1)`` is called after each epoch of each run (activations * seeds * epochs).
    """
    _check(train, validation, activations, schedule, init, bias_shift, seeds)
    rows = tuple(activation_runs(a, train, validation, schedule, init, bias_shift, seeds, seed,
                                 progress) for a in activations)
    return DeadUnits(schedule, init, bias_shift, len(train), len(validation), seed, rows)


def _check(train: Digits, validation: Digits, activations: Sequence[str], schedule: Schedule,
           init: str, bias_shift: float, seeds: int) -> None:
    require_count(seeds, "the number of seeds", 1, MAX_SEEDS)
    require_count(len(activations), "the number of activations", 1)
    require_range(bias_shift, "the bias shift", -MAX_SHIFT, MAX_SHIFT)
    get_initialisation(init)
    for name in activations:
        if not get_activation(name).linear_above_zero:
            raise ValueError(f"dead units are counted for rectifiers (an activation linear "
                             f"above 0, such as relu or elu), and {name!r} is not one")
    schedule.check(train, validation, len(activations) * seeds)
