"""Training loops: full-batch gradient descent and mini-batch SGD, with divergence as data.

A run that meets a NaN or an infinity (in the parameters, the cost or a speed) stops there and
says so (``diverged_at``, the epoch in which it happened); nothing it computed after that point
is returned, and no floating-point warning is raised on the way. Long loops report progress
through an optional ``progress(k)`` callback (k epochs done since the last call).

Steps and epochs: one epoch of mini-batch SGD is ceil(N / batch size) steps over a fresh
shuffle of the N training examples; :func:`record` measures the model every few steps, so
that what happens inside the first epochs can be seen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..core.limits import check_memory, require_count
from ..core.progress import Progress, tick
from . import monitor
from .model import Model, backward, cost, forward, predictions, with_running_averages
from .optimiser import SGD, initial_velocity, step

Array = np.ndarray
#: The floating-point events of a diverging run: detected and reported, never warned about.
QUIET = {"over": "ignore", "invalid": "ignore", "divide": "ignore"}


def _finite(model: Model) -> bool:
    return math.isfinite(model.parameters.norm()) and bool(np.all(np.isfinite(model.running)))


def _check_sizes(model: Model, rows: int) -> None:
    # a pass keeps about six arrays of (rows, n_l) per layer: z, a, phi', deltas, caches
    width = sum(model.architecture.sizes)
    check_memory(8 * 6 * rows * width, f"a pass over {rows:,} examples")


def sgd_step(model: Model, velocity: Array | None, x: Array, y: Array, sgd: SGD,
             rng: np.random.Generator | None) -> tuple[Model, Array | None]:
    """One step on the batch (x, y): forward in training mode, backprop, update, running
    averages."""
    batch = forward(model, x, train=True, rng=rng)
    params, velocity = step(model.parameters, backward(model, batch, y).nabla, velocity, sgd)
    return replace(with_running_averages(model, batch), parameters=params), velocity


# --- full-batch gradient descent -----------------------------------------------------------------
@dataclass(frozen=True)
class Descent:
    """Full-batch descent: ``speeds[e]`` (every hidden layer's per-layer measure, see
    :mod:`analytic.train.monitor`), ``costs[e]``, ``slopes[e]`` (PReLU's mean slope per
    hidden layer; None when the slopes are not learned) and ``dead[e]`` (each hidden layer's
    share of units with z <= 0 on every training image, in the pass step e's gradient comes
    from; None unless the hidden activation is a rectifier) before step e, for the epochs
    done."""

    model: Model
    speeds: Array
    costs: Array
    diverged_at: int | None
    slopes: Array | None = None
    dead: Array | None = None


@np.errstate(**QUIET)
def descend(model: Model, x: Array, y: Array, sgd: SGD, epochs: int,
            rng: np.random.Generator | None = None, measure: str = monitor.CHAPTER_MEASURE,
            progress: Progress = None) -> Descent:
    """``epochs`` steps on all of (x, y), each recording the per-layer ``measure`` of the
    gradient it takes (for the update ratio: of the step it takes)."""
    require_count(epochs, "the number of epochs")
    monitor.get_measure(measure)
    _check_sizes(model, len(x))
    velocity, speeds, costs, slopes = initial_velocity(model.parameters, sgd), [], [], []
    dead = []
    for epoch in range(epochs):
        batch = forward(model, x, train=True, rng=rng)
        grads = backward(model, batch, y)
        speeds.append(monitor.per_layer(measure, model, grads, sgd, velocity))
        costs.append(cost(model, batch, y))
        slopes.append(monitor.slopes(model))
        dead.append(monitor.dead_fractions(model, batch))
        if not (math.isfinite(costs[-1]) and np.all(np.isfinite(speeds[-1]))):
            return _descent(model, speeds[:-1], costs[:-1], slopes[:-1], dead[:-1], epoch)
        params, velocity = step(model.parameters, grads.nabla, velocity, sgd)
        model = replace(with_running_averages(model, batch), parameters=params)
        tick(progress)
    return _descent(model, speeds, costs, slopes, dead, None)


def _descent(model: Model, speeds: list, costs: list, slopes: list, dead: list,
             diverged_at: int | None) -> Descent:
    # a run that diverged in its first step keeps (0, H) arrays, not (0,)
    hidden = model.architecture.hidden
    phi = model.architecture.activation

    def per_layer(rows: list) -> Array:
        return np.array(rows).reshape(len(rows), hidden)

    return Descent(model, per_layer(speeds), np.array(costs), diverged_at,
                   per_layer(slopes) if phi.slope_learned else None,
                   per_layer(dead) if phi.linear_above_zero else None)


# --- mini-batch SGD ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Watch:
    """What to measure after every epoch: the per-layer ``measure``
    (:mod:`analytic.train.monitor`) and the cost on training images (x, y), in training mode
    (batch statistics; RReLU's slopes drawn from the stream ``seed``, the same draw each time),
    and, at test time on validation images, the accuracy and the fractions of dead and
    saturated units."""

    x: Array
    y: Array
    validation_x: Array
    validation_labels: Array
    measure: str = monitor.CHAPTER_MEASURE
    seed: int = 0

    def __post_init__(self) -> None:
        monitor.get_measure(self.measure)


@dataclass(frozen=True)
class Snapshot:
    """One row of measurements (see :class:`Watch`): ``speeds`` holds the per-layer measure;
    ``dead``, ``saturated`` and ``slopes`` are None where the activation has no such thing."""

    speeds: Array
    cost: float
    accuracy: float
    dead: float | None
    saturated: float | None
    slopes: Array | None

    @property
    def finite(self) -> bool:
        return math.isfinite(self.cost) and bool(np.all(np.isfinite(self.speeds)))


@np.errstate(**QUIET)
def observe(model: Model, watch: Watch, sgd: SGD | None = None,
            velocity: Array | None = None) -> Snapshot:
    """The measurements of :class:`Watch` on ``model`` (the update ratio: of a step of
    ``sgd`` with ``velocity`` on the watched training images)."""
    batch = forward(model, watch.x, train=True, rng=np.random.default_rng(watch.seed))
    measure = monitor.get_measure(watch.measure)
    grads = backward(model, batch, watch.y, weight_gradients=measure.weights)
    test = forward(model, watch.validation_x)
    right = np.argmax(test.activations[-1], axis=1) == watch.validation_labels
    return Snapshot(measure.of(model, grads, sgd, velocity), cost(model, batch, watch.y),
                    float(np.mean(right)), monitor.dead_fraction(model, test),
                    monitor.saturated_fraction(model, test), monitor.slopes(model))


@dataclass(frozen=True)
class Run:
    """A training run: the final model and, with a :class:`Watch`, one snapshot at
    initialisation and one after each epoch done (``snapshots[e]`` after epoch e)."""

    model: Model
    epochs: int
    snapshots: list[Snapshot]
    diverged_at: int | None

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None


def sgd_epoch(model: Model, velocity: Array | None, x: Array, y: Array, sgd: SGD,
              batch_size: int, rng: np.random.Generator) -> tuple[Model, Array | None]:
    """One epoch of mini-batch SGD over a fresh shuffle of (x, y)."""
    order = rng.permutation(len(x))
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        model, velocity = sgd_step(model, velocity, x[batch], y[batch], sgd, rng)
    return model, velocity


@np.errstate(**QUIET)
def train(model: Model, x: Array, y: Array, sgd: SGD, epochs: int, batch_size: int,
          rng: np.random.Generator, watch: Watch | None = None,
          progress: Progress = None) -> Run:
    """Mini-batch SGD for ``epochs`` epochs; the generator shuffles and draws RReLU's slopes."""
    require_count(epochs, "the number of epochs")
    require_count(batch_size, "the batch size")
    _check_sizes(model, max(batch_size, 0 if watch is None else len(watch.x)))
    velocity = initial_velocity(model.parameters, sgd)
    snapshots = [] if watch is None else [observe(model, watch, sgd, velocity)]
    if snapshots and not snapshots[0].finite:
        return Run(model, 0, [], 0)
    for epoch in range(epochs):
        model, velocity = sgd_epoch(model, velocity, x, y, sgd, batch_size, rng)
        if not _finite(model):
            return Run(model, epoch, snapshots, epoch)
        if watch is not None:
            snapshots.append(observe(model, watch, sgd, velocity))
            if not snapshots[-1].finite:
                return Run(model, epoch, snapshots[:-1], epoch)
        tick(progress)
    return Run(model, epochs, snapshots, None)


# --- mini-batch SGD measured every few steps -----------------------------------------------------
@dataclass(frozen=True)
class Recording:
    """A run measured every few steps: ``values[k]`` is what ``measure`` returned after
    ``steps[k]`` steps (``steps[0]`` = 0, at initialisation), for the steps done;
    ``steps_per_epoch`` converts steps to epochs."""

    model: Model
    steps: tuple[int, ...]
    values: tuple[Any, ...]
    steps_per_epoch: int
    diverged_at: int | None

    @property
    def epochs(self) -> Array:
        """The training time of every measurement, in epochs."""
        return np.array(self.steps, dtype=float) / self.steps_per_epoch


@np.errstate(**QUIET)
def record(model: Model, x: Array, y: Array, sgd: SGD, epochs: int, batch_size: int,
           rng: np.random.Generator, every: int, measure: Callable[[Model], Any],
           progress: Progress = None) -> Recording:
    """Mini-batch SGD as :func:`train` runs it (the same steps from the same generator), with
    ``measure(model)`` at initialisation, after every ``every`` steps of an epoch and at the
    end of every epoch. A run whose parameters stop being finite ends in the epoch where it
    happened, with the measurements before it."""
    require_count(epochs, "the number of epochs")
    require_count(batch_size, "the batch size")
    require_count(every, "the number of steps between measurements")
    _check_sizes(model, batch_size)
    velocity = initial_velocity(model.parameters, sgd)
    per_epoch = -(-len(x) // batch_size)
    steps, values = [0], [measure(model)]
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        for i, start in enumerate(range(0, len(order), batch_size), start=1):
            batch = order[start:start + batch_size]
            model, velocity = sgd_step(model, velocity, x[batch], y[batch], sgd, rng)
            if i % every and i < per_epoch:
                continue
            if not _finite(model):
                return Recording(model, tuple(steps), tuple(values), per_epoch, epoch)
            steps.append(epoch * per_epoch + i)
            values.append(measure(model))
        tick(progress)
    return Recording(model, tuple(steps), tuple(values), per_epoch, None)


def accuracy(model: Model, x: Array, labels: Array) -> float:
    """The fraction of examples whose most active output neuron is the label."""
    return float(np.mean(predictions(model, x) == labels))
