"""A training schedule measured as it runs: what the experiments inside the layers during
training share (:mod:`.saturation`, :mod:`.dead_units`).

A :class:`Schedule` fixes the hidden layers of a [784, width, ..., width, 10] network (the
chapter's sigmoid output and cross-entropy cost), mini-batch SGD (batch 10, learning rate eta,
the chapter's weight decay lmbda over n training images) for a number of epochs, and how
often the model is measured: ``records`` times an epoch, that is every
floor(ceil(N / 10) / records) steps of an epoch and at its end (N training images; see
:func:`analytic.train.record`). :func:`measured_run` trains one network so, dropping the
pixels blank in every training image from its first layer (no number changes,
:func:`analytic.train.restrict_inputs`), and measures it on validation images.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..core.initialisation import layer_sizes
from ..core.limits import check_memory, check_work, require_count, require_range
from ..train import SGD, Model, Progress, Recording, record, restrict_inputs
from .mnist import Digits
from .plan import MAX_HIDDEN_TRAINED

Array = np.ndarray
#: What a measurement is given: the model, the validation images and their labels.
Measure = Callable[[Model, Array, Array], object]
BATCH_SIZE = 10
#: The largest network and run a schedule may ask for.
MAX_WIDTH, MAX_EPOCHS, MAX_RECORDS = 1000, 10_000, 1000


@dataclass(frozen=True)
class Schedule:
    """The network's hidden layers, the SGD run and how often it is measured."""

    hidden: int = 4
    width: int = 30
    epochs: int = 20
    eta: float = 0.1
    lmbda: float = 0.0
    records: int = 10

    def __post_init__(self) -> None:
        require_count(self.hidden, "the number of hidden layers", 1, MAX_HIDDEN_TRAINED)
        require_count(self.width, "the width of the hidden layers", 1, MAX_WIDTH)
        require_count(self.epochs, "the number of epochs", 1, MAX_EPOCHS)
        require_count(self.records, "the number of measurements per epoch", 1, MAX_RECORDS)
        require_range(self.eta, "the learning rate eta", 0, 10, low_open=True)
        require_range(self.lmbda, "the weight decay lmbda", 0, 1e6)

    @property
    def batch_size(self) -> int:
        return BATCH_SIZE

    @property
    def sizes(self) -> list[int]:
        return layer_sizes(self.hidden, self.width)

    def steps_per_epoch(self, train_images: int) -> int:
        return -(-train_images // self.batch_size)

    def every(self, train_images: int) -> int:
        """Steps between measurements within an epoch: its steps over ``records``, at least 1.

        >>> Schedule(records=10).every(4000), Schedule(records=5).every(1000)
        (40, 20)
        """
        return max(1, self.steps_per_epoch(train_images) // self.records)

    def check(self, train: Digits, validation: Digits, runs: int) -> None:
        """ValueError unless ``runs`` runs on these digits fit the memory and work budgets
        (:mod:`analytic.core.limits`)."""
        if len(train) == 0 or len(validation) == 0:
            raise ValueError("the experiment needs training and validation digits")
        sizes = self.sizes
        check_memory(8 * 3 * len(validation) * sum(sizes), "a pass over the validation images")
        # a step costs about 6 multiply-adds per weight and example, a measurement 2 per
        # weight and validation image
        weights = sum(m * n for m, n in zip(sizes, sizes[1:]))
        steps = self.epochs * self.steps_per_epoch(len(train))
        measurements = steps // self.every(len(train)) + self.epochs
        check_work(runs * weights * (6 * self.batch_size * steps
                                     + 2 * len(validation) * measurements),
                   "training and measuring every run")


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


def measured_run(model: Model, train: Digits, validation: Digits, schedule: Schedule,
                 rng: np.random.Generator, measure: Measure, progress: Progress = None
                 ) -> Recording:
    """``model`` trained on ``train`` by the schedule (shuffled by ``rng``) and measured on
    ``validation``: ``measure(model, images, labels)`` at every measurement.

    ``progress(1)`` is called after each epoch; a run that diverges reports the epochs it
    did not do all at once.
    """
    used = np.flatnonzero(train.images.any(axis=0))
    x, vx = train.images[:, used], validation.images[:, used]
    sgd = SGD(schedule.eta, schedule.lmbda, len(x))
    run = record(restrict_inputs(model, used), x, train.one_hot(), sgd, schedule.epochs,
                 schedule.batch_size, rng, schedule.every(len(x)),
                 lambda m: measure(m, vx, validation.labels), progress)
    if progress is not None and run.diverged_at is not None:
        progress(schedule.epochs - run.diverged_at)
    return run
