"""Batch normalisation against the weights' scale, and the input of one sigmoid unit in training.

Two experiments in one run, each after a textbook figure (what differs is said with each).

**Accuracy against the weight scale** (ゼロから作るDeep Learning, Saito 2016, section 6.3.2,
the script ch06/batch_norm_test.py). The network (:data:`SCALES`): [784, 100 × 5, 10], ReLU
hidden layers, weights N(0, w²) in every layer and biases 0, trained with and without batch
normalisation (Ioffe and Szegedy 2015: x̂ = (u − μ_B)/√(σ²_B + ε), z = γ x̂ + β on every hidden
layer, before φ) by mini-batch SGD, batch 100, η = 0.01, no weight decay, 20 epochs on 1,000
training digits, for each of 16 scales w log-spaced from 1 down to 10⁻⁴ (the book's
``np.logspace(0, -4, 16)``). Network i of both arms at one scale starts from the same draw
(:meth:`analytic.train.Recipe.rng`), only scaled. Measured after training: the accuracy on
the training digits (what the book plots) and on 1,000 validation digits, and, at
initialisation, the standard deviation of the last hidden layer's z (the input of φ) over the
training digits and its units: how much of the signal is left at the top before any step.

What differs from the book: the output layer is the chapter's sigmoid with cross-entropy (the
book's is softmax with cross-entropy); the 1,000 digits are a class-balanced draw from the
embedded sample (the book takes the first 1,000 of MNIST's training set); an epoch is one pass
over a shuffle (the book draws every batch with replacement and records every 10 steps, 191
steps in all, here 200); batch norm's ε is 10⁻⁵ (the book's 10⁻⁶), which matters exactly at the
smallest scales, where σ²_B falls below ε; the book plots one run's training accuracy after
every epoch, this run the accuracy after the last, over ``networks`` runs.

**One sigmoid unit's input during training** (Ioffe and Szegedy 2015, Fig. 1 (b, c)). The
network (:data:`SIGMOID_INPUTS`): [784, 100 × 3, 10] with sigmoid hidden layers, weights
N(0, 0.1²) ("small random Gaussian values"), biases 0, trained with and without batch norm by
mini-batch SGD, batch 60, η = 0.5, 15 epochs of 4,000 training digits (1,005 steps). Four times
an epoch the 15th, 50th and 85th percentiles of the input z of unit ``unit`` of the last hidden
layer (the input of its sigmoid, after batch norm where there is one) over the 1,000 validation
digits, in training mode (the batch-norm network normalising by those digits' own statistics,
the paper's N_BN^tr), and the validation accuracy at test time (their Fig. 1 (a)). What differs
from the paper: it trained 50,000 steps on MNIST's 60,000 binary images (its learning rate and
weight scale are not stated; those here are this run's choice), with a softmax output;
here 1,005 steps on 4,000 grey-level digits, the chapter's sigmoid output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import relu, sigmoid
from ..core.initialisation import normal
from ..core.limits import NETWORKS, WEIGHT_STD, require_count
from ..train import Model, Progress, Recipe, accuracy, begin, forward, record, tick, train
from .data import Data, Prepared, as_data, network
from .mnist import Source
from .plan import check_training
from .result import Result, array, check_experiment, header, listed

Array = np.ndarray

#: The book's network and training, at the chapter's output layer.
SCALES = Recipe(hidden=5, width=100, activation=relu(), init=normal(1.0), bias_std=0.0,
                eta=0.01, lmbda=0.0, batch_size=100, epochs=20, images=1000, validation=1000)
#: The book's 16 weight scales, 1 down to 1e-4.
DEFAULT_SCALES = tuple(float(w) for w in np.logspace(0, -4, 16))
#: Ioffe and Szegedy's network, measured four times an epoch.
SIGMOID_INPUTS = Recipe(hidden=3, width=100, activation=sigmoid(), init=normal(0.1),
                        bias_std=0.0, eta=0.5, lmbda=0.0, batch_size=60, epochs=15, records=4,
                        images=4000, validation=1000)
#: The arms of both experiments: without and with batch norm.
ARMS = (False, True)
#: The percentiles of the sigmoid's input that Ioffe and Szegedy draw.
PERCENTILES = (15, 50, 85)


# --- accuracy against the scale ------------------------------------------------------------------
@dataclass(frozen=True)
class ScaleRuns:
    """Every run of the scale sweep: arrays (arm, scale, network), arm 0 without batch norm and
    1 with it; an accuracy is NaN where the run diverged (``diverged``)."""

    train_accuracy: Array
    validation_accuracy: Array
    z_std: Array
    diverged: Array

    def median(self, name: str) -> Array:
        """(arm, scale) medians over the networks that did not diverge; NaN where none."""
        values = getattr(self, name)
        out = np.full(values.shape[:2], np.nan)
        for index in np.ndindex(out.shape):
            kept = values[index][np.isfinite(values[index])]
            if len(kept):
                out[index] = np.median(kept)
        return out


def scale_recipes(recipe: Recipe, scale: float) -> tuple[Recipe, Recipe]:
    """The recipe at weights N(0, scale²), without and with batch norm."""
    return tuple(recipe.but(init=normal(scale), batch_norm=bn) for bn in ARMS)


def last_z_std(model: Model, x: Array) -> float:
    """The standard deviation of the last hidden layer's z over the images and units, in
    training mode (batch norm by the images' own statistics)."""
    return float(np.std(forward(model, x, train=True).zs[-2]))


def scale_run(recipe: Recipe, index: int, digits: Prepared,
              progress: Progress) -> tuple[float, float, float, bool]:
    """(training accuracy, validation accuracy, std of the top z at initialisation, diverged)
    of network ``index`` of the recipe."""
    model, rng = network(recipe, index, digits)
    spread = last_z_std(model, digits.x)
    run = train(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size, rng,
                progress=progress)
    tick(progress, recipe.epochs - run.epochs)  # a diverged run's remaining epochs
    if run.diverged:
        return np.nan, np.nan, spread, True
    return (accuracy(run.model, digits.x, digits.labels),
            accuracy(run.model, digits.validation_x, digits.validation_labels), spread, False)


def sweep(recipe: Recipe, scales: Sequence[float], networks: int, data: Data,
          progress: Progress) -> ScaleRuns:
    """Every scale, arm and network of the sweep."""
    digits = data(recipe)
    shape = (len(ARMS), len(scales), networks)
    out = {k: np.empty(shape) for k in ("train", "validation", "z")}
    diverged = np.zeros(shape, dtype=bool)
    for j, scale in enumerate(scales):
        for a, arm in enumerate(scale_recipes(recipe, scale)):
            for i in range(networks):
                (out["train"][a, j, i], out["validation"][a, j, i], out["z"][a, j, i],
                 diverged[a, j, i]) = scale_run(arm, i, digits, progress)
    return ScaleRuns(out["train"], out["validation"], out["z"], diverged)


# --- one sigmoid unit's input --------------------------------------------------------------------
@dataclass(frozen=True)
class SigmoidInputs:
    """Both arms of the sigmoid network measured during training: ``steps`` (K,) the SGD steps
    done at each measurement, ``percentiles`` (arm, K, 3) the 15/50/85th percentiles of the
    unit's input, ``accuracies`` (arm, K); an arm that diverged has NaN after it
    (``diverged_at``: its epoch, or None)."""

    recipe: Recipe
    unit: int
    steps: Array
    percentiles: Array
    accuracies: Array
    diverged_at: tuple[int | None, int | None]

    @property
    def layer(self) -> int:
        """The hidden layer watched: the last."""
        return self.recipe.hidden

    @property
    def epochs(self) -> Array:
        return self.steps / self.recipe.steps_per_epoch

    def drift(self, arm: int) -> float:
        """How far the median moved: its largest minus its smallest value over training."""
        medians = self.percentiles[arm, :, 1]
        medians = medians[np.isfinite(medians)]
        return float(medians.max() - medians.min())

    def to_json(self) -> dict[str, Any]:
        return {"recipe": self.recipe.to_json(), "unit": self.unit, "layer": self.layer,
                "percentiles_of": list(PERCENTILES), "steps": listed(self.steps),
                "percentiles": listed(self.percentiles), "accuracies": listed(self.accuracies),
                "diverged_at": list(self.diverged_at),
                "median_drift": [self.drift(a) for a in range(len(ARMS))]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SigmoidInputs:
        return cls(Recipe.from_json(data["recipe"]), data["unit"], array(data["steps"]),
                   array(data["percentiles"]), array(data["accuracies"]),
                   tuple(data["diverged_at"]))


def watched(digits: Prepared, unit: int):
    """measure(model): the unit's input percentiles on the validation digits (training mode)
    and the validation accuracy (test time)."""
    def measure(model: Model) -> tuple[Array, float]:
        z = forward(model, digits.validation_x, train=True).zs[-2][:, unit]
        return (np.percentile(z, PERCENTILES),
                accuracy(model, digits.validation_x, digits.validation_labels))

    return measure


def sigmoid_inputs(recipe: Recipe, unit: int, data: Data, progress: Progress) -> SigmoidInputs:
    """Both arms of the sigmoid network, each from network 0 of its recipe."""
    digits = data(recipe)
    recordings = []
    for bn in ARMS:
        arm = recipe.but(batch_norm=bn)
        model, rng = network(arm, 0, digits)
        recordings.append(record(model, digits.x, digits.y, arm.sgd, arm.epochs,
                                 arm.batch_size, rng, arm.every, watched(digits, unit),
                                 progress))
        stopped = recordings[-1].diverged_at
        tick(progress, 0 if stopped is None else arm.epochs - stopped)  # the epochs not run
    steps = max((r.steps for r in recordings), key=len)
    percentiles = np.full((len(ARMS), len(steps), len(PERCENTILES)), np.nan)
    accuracies = np.full((len(ARMS), len(steps)), np.nan)
    for a, r in enumerate(recordings):
        for k, (p, acc) in enumerate(r.values):
            percentiles[a, k], accuracies[a, k] = p, acc
    return SigmoidInputs(recipe, unit, np.array(steps, dtype=float), percentiles, accuracies,
                         tuple(r.diverged_at for r in recordings))


# --- the result ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class BatchNormScales(Result):
    """The scale sweep (its base recipe, whose ``init`` each scale replaces) and the sigmoid
    unit's input, on the digits of ``data``."""

    experiment = "batch-norm-scales"
    figures = {"": "bn_scales", "inputs": "bn_inputs"}

    recipe: Recipe
    scales: tuple[float, ...]
    networks: int
    runs: ScaleRuns
    inputs: SigmoidInputs
    data: str

    def to_json(self) -> dict[str, Any]:
        runs = {k: listed(getattr(self.runs, k)) for k in
                ("train_accuracy", "validation_accuracy", "z_std")}
        medians = {f"{k}_median": listed(self.runs.median(k)) for k in
                   ("train_accuracy", "validation_accuracy", "z_std")}
        return {**header(self, self.data), "recipe": self.recipe.to_json(),
                "scales": list(self.scales), "networks": self.networks,
                "arms": ["without batch norm", "with batch norm"], **medians, **runs,
                "diverged": listed(self.runs.diverged), "inputs": self.inputs.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BatchNormScales:
        check_experiment(cls, data)
        runs = ScaleRuns(array(data["train_accuracy"]), array(data["validation_accuracy"]),
                         array(data["z_std"]), array(data["diverged"], dtype=bool))
        return cls(Recipe.from_json(data["recipe"]), tuple(data["scales"]), data["networks"],
                   runs, SigmoidInputs.from_json(data["inputs"]), data["data"])


def batch_norm_scales(recipe: Recipe = SCALES, scales: Sequence[float] = DEFAULT_SCALES,
                      networks: int = 1, watch: Recipe = SIGMOID_INPUTS, unit: int = 0,
                      source: Data | Source | None = None,
                      progress: Progress = None) -> BatchNormScales:
    """The scale sweep of ``recipe`` (its ``init`` replaced by N(0, w²) for each scale w) and
    the sigmoid network ``watch``'s unit ``unit``, both with and without batch norm.

    ``progress`` is called once per epoch of every run.
    """
    _check(recipe, scales, networks, watch, unit)
    data = as_data(source)
    arms = len(ARMS)
    begin(progress, arms * (len(scales) * networks * recipe.epochs + watch.epochs), "epochs")
    runs = sweep(recipe, [float(s) for s in scales], networks, data, progress)
    inputs = sigmoid_inputs(watch, unit, data, progress)
    return BatchNormScales(recipe, tuple(float(s) for s in scales), networks, runs, inputs,
                           data.name)


def _check(recipe: Recipe, scales: Sequence[float], networks: int, watch: Recipe,
           unit: int) -> None:
    NETWORKS.check(networks)
    require_count(len(scales), "the number of weight scales", 1, 100)
    for s in scales:
        WEIGHT_STD.check(s)
    for name, r in (("the scale sweep", recipe), ("the sigmoid network", watch)):
        if r.full_batch or r.validation == 0:
            raise ValueError(f"{name} trains in mini-batches and is measured on validation "
                             "digits")
    require_count(unit, "the unit watched", 0, watch.width - 1)
    check_training(recipe.but(batch_norm=True), len(ARMS) * len(scales) * networks)
    check_training(watch.but(batch_norm=True), len(ARMS))
