"""Training the chapter's network on MNIST digits: each hidden layer's speed during training,
and validation accuracy against depth.

Set-up: a recipe's network and optimiser (the chapter's unless it says otherwise; see
:data:`TRAINING_SPEED` and :data:`DEPTH_ACCURACY`), trained by :mod:`analytic.train`. Each hidden
layer is measured by one per-layer measure of :mod:`analytic.train.monitor` (the chapter's
speed of learning ||dC/db^l|| unless another is chosen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.limits import HIDDEN, NETWORKS, require_count
from ..train import (
    CHAPTER_MEASURE,
    Progress,
    Recipe,
    accuracy,
    begin,
    descend,
    get_measure,
    slopes,
    tick,
    train,
)
from .data import Data, as_data, network
from .mnist import Source
from .plan import check_training
from .result import Result, array, check_experiment, header, listed

Array = np.ndarray

#: The chapter's full-batch run: 500 epochs of gradient descent on 1,000 images, eta = 0.1,
#: lambda = 5.0 (its lambda / n shrink per step at n = 50,000 is 10^-5; here it is 5 x 10^-4).
TRAINING_SPEED = Recipe(hidden=2, batch_size=None, eta=0.1, lmbda=5.0, epochs=500, images=1000,
                        validation=0)
#: The chapter's mini-batch runs: batch 10, eta = 0.1, lambda = 5.0, 30 epochs.
DEPTH_ACCURACY = Recipe(eta=0.1, lmbda=5.0, epochs=30, images=4000, validation=1000)


# --- training speed ----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class TrainingSpeed(Result):
    """Hidden-layer measures before each full-batch step: ``speeds[e, l-1]`` is the
    ``measure`` of hidden layer l at epoch e (for the update ratio: of step e).

    A run that diverged (a NaN or an infinity) stops: ``diverged_at`` is the epoch in which it
    did, and ``speeds``, ``costs`` and ``slopes`` hold the epochs before it. ``slopes[e, l-1]``
    is PReLU's mean learned slope in hidden layer l before step e (None for other activations).
    ``dead[e, l-1]`` is the share of hidden layer l's units with z <= 0 on every training image
    before step e (rectifiers only, else None): the run has no validation images.
    """

    experiment = "training-speed"
    figures = {"": "training_speed"}

    recipe: Recipe
    measure: str
    data: str
    speeds: Array
    costs: Array
    diverged_at: int | None = None
    slopes: Array | None = None
    dead: Array | None = None

    @property
    def hidden(self) -> int:
        return self.recipe.hidden

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "recipe": self.recipe.to_json(),
                "measure": self.measure, "epochs": len(self.speeds),
                "diverged": self.diverged_at is not None, "diverged_at": self.diverged_at,
                "speeds": listed(self.speeds), "cost": listed(self.costs),
                "prelu_slopes": listed(self.slopes), "dead_units": listed(self.dead)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrainingSpeed:
        check_experiment(cls, data)
        recipe = Recipe.from_json(data["recipe"])

        def per_layer(values: list | None) -> Array | None:
            # an empty run keeps its (0, H) shape
            return None if values is None else array(values).reshape(-1, recipe.hidden)

        return cls(recipe, data["measure"], data["data"], per_layer(data["speeds"]),
                   array(data["cost"]), data["diverged_at"], per_layer(data["prelu_slopes"]),
                   per_layer(data["dead_units"]))


def training_speed(recipe: Recipe = TRAINING_SPEED, measure: str = CHAPTER_MEASURE,
                   source: Data | Source | None = None,
                   progress: Progress = None) -> TrainingSpeed:
    """Full-batch gradient descent on the recipe's training digits, recording every hidden
    layer's ``measure``.

    Each epoch is one step on all the images, so the measure recorded at epoch e is that of
    the gradient used by step e (the update ratio: of step e itself). ``costs[e]`` is the
    unregularised cost before step e.
    """
    if not recipe.full_batch:
        raise ValueError("the training speed is measured in full-batch descent: give the "
                         "recipe batch_size=None")
    get_measure(measure)
    check_training(recipe, 1)
    data = as_data(source)
    begin(progress, recipe.epochs, "epochs")
    digits = data(recipe)
    model, rng = network(recipe, 0, digits)
    run = descend(model, digits.x, digits.y, recipe.sgd, recipe.epochs, rng, measure,
                  progress)
    return TrainingSpeed(recipe, measure, data.name, run.speeds, run.costs, run.diverged_at,
                         run.slopes, run.dead)


# --- accuracy against depth --------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class DepthAccuracy(Result):
    """Validation accuracy after training: ``accuracies[k, s]`` for recipe k (one per depth),
    network s.

    ``diverged[k, s]`` marks a run that met a NaN or an infinity; its accuracy is NaN, a
    placeholder for "none", never a result. With PReLU, ``slopes[k][s]`` holds the mean
    learned slope of each hidden layer after training (None if the run diverged); ``slopes``
    is None for other activations.
    """

    experiment = "depth-accuracy"

    recipes: tuple[Recipe, ...]
    data: str
    accuracies: Array
    diverged: Array
    slopes: list[list[Array | None]] | None = None

    @property
    def networks(self) -> int:
        return self.accuracies.shape[1]

    def to_json(self) -> dict[str, Any]:
        rows = []
        for k, recipe in enumerate(self.recipes):
            ok = self.accuracies[k][~self.diverged[k]]
            row = {"recipe": recipe.to_json(), "accuracies": listed(self.accuracies[k]),
                   "diverged": listed(self.diverged[k]),
                   "runs_diverged": int(self.diverged[k].sum()),
                   "mean": float(ok.mean()) if len(ok) else None}
            if self.slopes is not None:
                row["prelu_slopes"] = [listed(s) for s in self.slopes[k]]
            rows.append(row)
        return {**header(self, self.data), "networks": self.networks, "rows": rows}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DepthAccuracy:
        check_experiment(cls, data)
        rows = data["rows"]
        slopes = None if "prelu_slopes" not in rows[0] else [
            [None if s is None else array(s) for s in row["prelu_slopes"]] for row in rows]
        return cls(tuple(Recipe.from_json(row["recipe"]) for row in rows), data["data"],
                   array([row["accuracies"] for row in rows]),
                   np.array([row["diverged"] for row in rows], dtype=bool), slopes)


def depth_recipes(max_hidden: int, recipe: Recipe = DEPTH_ACCURACY) -> tuple[Recipe, ...]:
    """The recipe with 1, 2, ..., ``max_hidden`` hidden layers; network s of depth h is drawn
    as network 1000 h + s (:func:`depth_accuracy`)."""
    HIDDEN.check(max_hidden)
    return tuple(recipe.but(hidden=h) for h in range(1, max_hidden + 1))


def depth_accuracy(recipes: Sequence[Recipe] = depth_recipes(4), networks: int = 1,
                   source: Data | Source | None = None,
                   progress: Progress = None) -> DepthAccuracy:
    """Train ``networks`` networks of every recipe by mini-batch SGD; accuracy on the
    validation digits. Network s of a recipe with h hidden layers is drawn as network
    1000 h + s of its seed, so that every depth starts from its own draws.

    ``progress`` is called once per epoch of each network (a diverged run's remaining epochs
    are counted when it stops).
    """
    NETWORKS.check(networks)
    require_count(len(recipes), "the number of depths", 1)
    for recipe in recipes:
        if recipe.full_batch or recipe.validation == 0:
            raise ValueError("the accuracy needs mini-batches and validation digits")
        check_training(recipe, len(recipes) * networks)
    data = as_data(source)
    begin(progress, sum(r.epochs for r in recipes) * networks, "epochs")
    table = np.zeros((len(recipes), networks))
    diverged = np.zeros((len(recipes), networks), dtype=bool)
    learned = [[None] * networks for _ in recipes]
    for k, recipe in enumerate(recipes):
        digits = data(recipe)
        for s in range(networks):
            model, rng = network(recipe, 1000 * recipe.hidden + s, digits)
            run = train(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size,
                        rng, progress=progress)
            diverged[k, s] = run.diverged
            if run.diverged:
                table[k, s] = np.nan
                tick(progress, recipe.epochs - run.epochs)
                continue
            table[k, s] = accuracy(run.model, digits.validation_x, digits.validation_labels)
            learned[k][s] = slopes(run.model)
    prelu = any(r.activation.slope_learned for r in recipes)
    return DepthAccuracy(tuple(recipes), data.name, table, diverged, learned if prelu else None)
