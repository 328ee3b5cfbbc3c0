"""Dying ReLUs: rectifier units that stop being active, and whether they come back.

A unit of a rectifier network is *dead* when z <= 0 on every validation image
(:func:`analytic.train.dead_fraction`, pooled over all hidden layers). For ReLU, phi'(z) = 0
there, so no gradient reaches the unit's weights or bias through any image: once dead on all
the training images too, it stays dead. Leaky ReLU (slope 0.01), PReLU (learned slope, from
0.25), RReLU (slope drawn from U(1/8, 1/3) in training) and ELU (phi'(z) = e^z) keep a small
gradient below 0, so such a unit can come back. Leaky ReLU also runs with slope 0.25, PReLU's
start, fixed: beside PReLU it tells whether the size of the slope or its being learned brings
units back (PReLU's learned slopes are recorded, each hidden layer's mean at every
measurement).

Set-up (:data:`DYING_RELU`): a [784, 30, 30, 30, 30, 10] network, the chapter's sigmoid output
layer and cross-entropy cost, He's weights and hidden biases N(-2, 1): the chapter's N(0, 1)
moved down by ``bias_shift`` = 2, which leaves most units inactive on every image from the
start, as a too-large negative step on the biases would. The output layer's biases stay
N(0, 1). Mini-batch SGD, batch 10, eta = 0.1, no weight decay, 10 epochs on 1,000 digits,
measured 5 times an epoch.

Each activation is run from ``networks`` initial networks; network s of every activation is
drawn as network s of the seed, so every activation starts from the same weights and biases.
Measured ``records`` times an epoch (:func:`~.schedule.measured_run`): the dead fraction and
the accuracy on the validation digits, at test time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import elu, leaky_relu, prelu, relu, rrelu
from ..core.initialisation import he
from ..core.limits import NETWORKS, require_count
from ..train import Model, Progress, Recipe, begin, dead_fraction, forward, slopes
from .data import Data, as_data, network
from .mnist import Source
from .plan import check_training
from .result import Result, Spread, array, check_experiment, header, listed
from .schedule import check_schedule, measured_run, measurement_at

Array = np.ndarray
#: The default run: He's weights, hidden biases N(-2, 1), 10 epochs, 5 measurements an epoch.
DYING_RELU = Recipe(activation=relu(), init=he(), bias_shift=2.0, eta=0.1, lmbda=0.0,
                    epochs=10, records=5, images=1000, validation=1000)
#: The rectifiers compared, plain ReLU first; Leaky ReLU with its default slope 0.01 and with
#: PReLU's starting slope 0.25.
RECTIFIERS = (relu(), leaky_relu(), leaky_relu(prelu().negative_slope), prelu(), rrelu(), elu())


@dataclass(frozen=True, eq=False)
class DeadRun:
    """One run: ``dead[k]`` and ``accuracies[k]`` at measurement k, after ``steps[k]``
    mini-batch steps (k = 0 at initialisation), for the measurements done; ``slopes[k, l-1]``
    is PReLU's mean learned slope in hidden layer l (None unless the slopes are learned);
    ``diverged_at`` is the epoch in which the run met a NaN or an infinity, if it did."""

    seed: int
    steps: Array
    steps_per_epoch: int
    dead: Array
    accuracies: Array
    diverged_at: int | None
    slopes: Array | None = None

    @property
    def epochs(self) -> Array:
        """The training time of every measurement, in epochs."""
        return self.steps / self.steps_per_epoch

    def at(self, epoch: float) -> tuple[float, float] | None:
        """(dead, accuracy) measured last at or before ``epoch`` (see
        :func:`~analytic.experiments.schedule.measurement_at`); None after a divergence."""
        k = measurement_at(self.steps, self.steps_per_epoch, epoch, self.diverged_at)
        return None if k is None else (float(self.dead[k]), float(self.accuracies[k]))

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "diverged_at": self.diverged_at, "steps": listed(self.steps),
                "epochs": listed(self.epochs), "dead": listed(self.dead),
                "accuracy": listed(self.accuracies), "prelu_slopes": listed(self.slopes)}


@dataclass(frozen=True, eq=False)
class ActivationRuns:
    """One activation's recipe and runs, and their summaries over the networks."""

    recipe: Recipe
    runs: tuple[DeadRun, ...]

    def dead_at(self, epoch: float) -> Spread | None:
        """The median and band over the runs of the dead fraction at ``epoch``."""
        return Spread.of([None if v is None else v[0] for v in (r.at(epoch) for r in self.runs)])

    def accuracy_at(self, epoch: float) -> Spread | None:
        return Spread.of([None if v is None else v[1] for v in (r.at(epoch) for r in self.runs)])

    @property
    def diverged_runs(self) -> int:
        return sum(r.diverged_at is not None for r in self.runs)

    @property
    def slope_range(self) -> tuple[float, float] | None:
        """(lowest, highest) of PReLU's mean learned slope per hidden layer at the end of the
        runs that did not diverge, over the layers and the runs; None unless the slopes are
        learned or no run is left."""
        ends = [r.slopes[-1] for r in self.runs if r.slopes is not None and r.diverged_at is None]
        if not ends:
            return None
        return float(np.min(ends)), float(np.max(ends))

    def band(self, name: str) -> tuple[Array, Array]:
        """(epochs, values) of ``dead`` or ``accuracies`` over the runs: ``values[k]`` holds the
        median and the band's low and high ends at measurement k (min–max below ten runs, see
        :class:`~analytic.experiments.result.Spread`), over the runs that reached it."""
        longest = max(self.runs, key=lambda r: len(r.steps))
        spreads = [Spread.of([getattr(r, name)[k] for r in self.runs if k < len(r.steps)])
                   for k in range(len(longest.steps))]
        return longest.epochs, np.array([(s.median, s.low, s.high) for s in spreads])

    def to_json(self) -> dict[str, Any]:
        return {"recipe": self.recipe.to_json(), "diverged_runs": self.diverged_runs,
                "runs": [r.to_json() for r in self.runs]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActivationRuns:
        recipe = Recipe.from_json(data["recipe"])
        return cls(recipe, tuple(
            DeadRun(r["seed"], np.array(r["steps"]), recipe.steps_per_epoch, array(r["dead"]),
                    array(r["accuracy"]), r["diverged_at"], _slopes(r["prelu_slopes"], recipe))
            for r in data["runs"]))


def _slopes(values: list | None, recipe: Recipe) -> Array | None:
    # a run that diverged at its first measurement keeps the (0, H) shape
    return None if values is None else array(values).reshape(-1, recipe.hidden)


@dataclass(frozen=True, eq=False)
class DeadUnits(Result):
    """Every activation's runs."""

    experiment = "dying-relu"
    figures = {"": "dead_units"}

    rows: tuple[ActivationRuns, ...]
    data: str

    @property
    def networks(self) -> int:
        return len(self.rows[0].runs)

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "networks": self.networks,
                "activations": [r.to_json() for r in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeadUnits:
        check_experiment(cls, data)
        return cls(tuple(ActivationRuns.from_json(a) for a in data["activations"]),
                   data["data"])


def dead_and_accuracy(model: Model, x: Array, labels: Array
                      ) -> tuple[float, float, Array | None]:
    """(dead fraction, accuracy) on the images x at test time, and PReLU's mean learned slope
    per hidden layer (None unless the slopes are learned)."""
    test = forward(model, x)
    right = np.argmax(test.activations[-1], axis=1) == labels
    return dead_fraction(model, test), float(np.mean(right)), slopes(model)


def activation_runs(recipe: Recipe, networks: int, data: Data,
                    progress: Progress = None) -> ActivationRuns:
    """One activation's recipe trained from ``networks`` networks."""
    digits = data(recipe)
    runs = []
    for s in range(networks):
        model, rng = network(recipe, s, digits)
        run = measured_run(recipe, model, digits, rng, dead_and_accuracy, progress)
        dead, accuracies, learned = zip(*run.values)
        runs.append(DeadRun(s, np.array(run.steps), recipe.steps_per_epoch, np.array(dead),
                            np.array(accuracies), run.diverged_at,
                            np.array(learned) if recipe.activation.slope_learned else None))
    return ActivationRuns(recipe, tuple(runs))


def rectifier_recipes(base: Recipe = DYING_RELU, activations=RECTIFIERS) -> tuple[Recipe, ...]:
    """One recipe per activation, each ``base`` otherwise."""
    return tuple(base.but(activation=a) for a in activations)


def dead_units(recipes: Sequence[Recipe] = rectifier_recipes(), networks: int = 5,
               source: Data | Source | None = None, progress: Progress = None) -> DeadUnits:
    """Every recipe (rectifiers only) trained from ``networks`` networks, in order.

    ``progress(1)`` is called after each epoch of each run.
    """
    NETWORKS.check(networks)
    require_count(len(recipes), "the number of activations", 1)
    for recipe in recipes:
        if not recipe.activation.linear_above_zero:
            raise ValueError(f"dead units are counted for rectifiers (an activation linear "
                             f"above 0, such as relu or elu), and {recipe.activation.label!r} "
                             f"is not one")
        check_schedule(recipe)
        check_training(recipe, len(recipes) * networks)
    data = as_data(source)
    begin(progress, sum(r.epochs for r in recipes) * networks, "epochs")
    return DeadUnits(tuple(activation_runs(r, networks, data, progress) for r in recipes),
                     data.name)
