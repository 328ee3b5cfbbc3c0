"""The digits a recipe asks for, as its networks read them, and its networks drawn to read them.

A recipe names how many training and validation digits it takes and the seed of their
class-balanced draw (:func:`analytic.experiments.mnist.balanced_split`); :class:`Data` makes
each draw once from its source (the embedded sample unless a user's MNIST is given). The
pixels that are 0 in every training image are dropped from the inputs and from the first
layer's weights (:func:`analytic.train.restrict_inputs`): on those inputs no output, cost,
speed or other gradient changes, and a fifth of the work goes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..train import Model, Recipe, restrict_inputs, used_inputs
from .mnist import Digits, Source, balanced_split, load_source

Array = np.ndarray


@dataclass(frozen=True)
class Prepared:
    """One draw of digits: the training images as the networks read them (``x``, blank pixels
    dropped; ``used`` says which stay), their one-hot targets ``y`` and labels, and the
    validation images and labels (None when the recipe takes none)."""

    train: Digits
    validation: Digits | None
    used: Array
    x: Array
    y: Array
    validation_x: Array | None

    @property
    def labels(self) -> Array:
        return self.train.labels

    @property
    def validation_labels(self) -> Array | None:
        return None if self.validation is None else self.validation.labels


class Data:
    """A source of digits and the draws recipes have asked of it, each made once."""

    def __init__(self, source: Source | None = None) -> None:
        self.source = source if source is not None else load_source(None)
        self._drawn: dict[tuple[int, int, int], Prepared] = {}

    @property
    def name(self) -> str:
        """The data set's name, as reports state it."""
        return self.source.name

    def __call__(self, recipe: Recipe) -> Prepared:
        """The digits ``recipe`` asks for."""
        key = (recipe.images, recipe.validation, recipe.split_seed)
        if key not in self._drawn:
            train, validation = balanced_split(self.source, *key)
            used = used_inputs(train.images)
            held = None if validation is None else validation.images[:, used]
            self._drawn[key] = Prepared(train, validation, used, train.images[:, used],
                                        train.one_hot(), held)
        return self._drawn[key]


def as_data(source: Data | Source | None) -> Data:
    """``source`` as :class:`Data` (the embedded sample when None)."""
    return source if isinstance(source, Data) else Data(source)


def network(recipe: Recipe, index: int, digits: Prepared) -> tuple[Model, np.random.Generator]:
    """Network ``index`` of the recipe, reading ``digits``' pixels, and the generator it was
    drawn from (its training goes on with it: shuffles, random slopes)."""
    rng = recipe.rng(index)
    return restrict_inputs(recipe.initial_model(rng), digits.used), rng
