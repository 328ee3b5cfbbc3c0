"""A training run measured as it runs: what the experiments inside the layers during training
share (:mod:`.saturation`, :mod:`.dead_units`).

A recipe's schedule fixes how often the model is measured: ``records`` times an epoch, that
is every floor(ceil(N / batch) / records) steps of an epoch and at its end (N training images;
see :func:`analytic.train.record`). :func:`measured_run` trains one network of a recipe so and
measures it on the recipe's validation digits, at test time.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..train import Model, Progress, Recipe, Recording, record, tick
from .data import Prepared

Array = np.ndarray
#: What a measurement is given: the model, the validation images and their labels.
Measure = Callable[[Model, Array, Array], object]


def check_schedule(recipe: Recipe) -> None:
    """ValueError unless the recipe can be measured during training: mini-batches, and
    validation digits to measure on."""
    if recipe.full_batch or recipe.validation == 0:
        raise ValueError("the experiment trains in mini-batches and measures on validation "
                         "digits: the recipe needs a batch size and validation images")


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


def measured_run(recipe: Recipe, model: Model, digits: Prepared, rng: np.random.Generator,
                 measure: Measure, progress: Progress = None) -> Recording:
    """``model`` (reading ``digits``' pixels) trained by the recipe (shuffled by ``rng``) and
    measured on the validation digits: ``measure(model, images, labels)`` at every
    measurement.

    ``progress(1)`` is called after each epoch; a run that diverges reports the epochs it
    did not do all at once.
    """
    vx, labels = digits.validation_x, digits.validation_labels
    run = record(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size, rng,
                 recipe.every, lambda m: measure(m, vx, labels), progress)
    if run.diverged_at is not None:
        tick(progress, recipe.epochs - run.diverged_at)
    return run
