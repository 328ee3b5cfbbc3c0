"""Inside the layers during training: how each hidden layer's activations move, step by step.

Glorot and Bengio (2010, their Figure 2) trained a deep sigmoid network and watched each hidden
layer's activations during training: the top hidden layer was driven towards 0 early, and
recovered slowly, while learning stalled. This experiment asks the same of the chapter's
network on MNIST digits.

Their set-up (their section 2 and Fig. 2): four hidden layers of 1,000 sigmoid units, weights
by the standard initialisation U(±1/√n_in) and biases 0, a softmax output with the negative
log-likelihood cost, mini-batches of 10, the learning rate chosen on validation error after
5 million updates, on Shapeset-3×2 (32×32 images of one or two triangles, parallelograms or
ellipses, 9 classes, drawn afresh: online learning); the mean and standard deviation of each
layer's activations on 300 fixed test images, the top layer recovering around their epoch
100. :func:`figure_2` says item by item which of these a run follows; the preset
``glorot2010`` (:data:`PRESETS`) follows every one this tool can (not the data, the length of
training, the tuned learning rate, nor the measurement).

Set-up (:data:`SATURATION`): a [784, 30, 30, 30, 30, 10] network, the chapter's sigmoid output
layer and cross-entropy cost, trained by mini-batch SGD (batch 10, eta = 0.1, no weight decay)
on 4,000 digits for 20 epochs, from one initial network per set-up. A set-up is a recipe that
names the hidden activation and the weight scheme (:data:`SETUPS`: the chapter's sigmoid with
N(0, 1/n_in), the same with Xavier's weights, and tanh with Xavier's); the biases are the
chapter's N(0, 1), or 0 as Glorot and Bengio start them (``bias_std=0``). Every set-up draws
its network as network 0 of its seed, so set-ups that share a scheme start from the same
weights.

Measured ``records`` times an epoch (:func:`~.schedule.measured_run`): on the validation
images, at test time, the activations a^l of every hidden layer l = 1..H, pooled over (image,
unit) pairs, give the mean and the 2nd, 50th and 98th percentiles (NumPy's linear
interpolation); for a rectifier, each layer's share of dead units (z <= 0 on every validation
image, :func:`analytic.train.dead_fractions`); and the accuracy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import Activation, elu, leaky_relu, relu, sigmoid, tanh
from ..core.costs import log_likelihood
from ..core.initialisation import WeightScheme, he, scaled, standard, xavier
from ..core.limits import require_count
from ..core.outputs import Softmax
from ..train import Model, Progress, Recipe, begin, dead_fractions, forward
from .data import Data, as_data, network
from .mnist import Source
from .plan import check_training
from .presets import Preset
from .result import Result, array, check_experiment, header, listed
from .schedule import check_schedule, measured_run, measurement_at

Array = np.ndarray
#: The percentiles of each layer's activations that are recorded.
PERCENTILES = (2.0, 50.0, 98.0)
#: The chapter's network, as the experiment trains it by default.
SATURATION = Recipe(hidden=4, eta=0.1, lmbda=0.0, epochs=20, records=10, images=4000,
                    validation=1000)
#: The chapter's network, the same with Xavier's weights, and tanh with Xavier's weights.
SETUPS: tuple[tuple[Activation, WeightScheme], ...] = (
    (sigmoid(), scaled()), (sigmoid(), xavier()), (tanh(), xavier()))
#: Rectifiers whose units can die: ReLU with Xavier's and He's weights, Leaky ReLU and ELU.
DEAD_SETUPS: tuple[tuple[Activation, WeightScheme], ...] = (
    (relu(), xavier()), (relu(), he()), (leaky_relu(), he()), (elu(), he()))


#: Glorot and Bengio's Fig. 2 as close as it runs here: their network (four hidden layers of
#: 1,000 sigmoid units, standard weights, biases 0, softmax output and log-likelihood), the
#: experiment's SGD (batch 10, eta = 0.1) on 4,000 MNIST digits for 10 epochs, measured on
#: 300 validation digits as they measured on 300 test images.
PRESETS = {
    "glorot2010": Preset(
        SATURATION.but(width=1000, bias_std=0.0, output=Softmax(), cost=log_likelihood(),
                       epochs=10, validation=300),
        ((sigmoid(), standard()),), "Glorot and Bengio (2010), Fig. 2"),
}
#: Their hidden layers, units a layer and mini-batch size.
FIGURE_2_HIDDEN, FIGURE_2_WIDTH, FIGURE_2_BATCH = 4, 1000, 10


def figure_2(recipes: Sequence[Recipe]) -> tuple[tuple[str, bool], ...]:
    """Glorot and Bengio's Fig. 2 set-up item by item, and whether the run of ``recipes``
    follows each (see the module docstring): the first six it can, the last four never
    (Shapeset data, their long training, their tuned learning rate, their measurement).

    >>> dict(figure_2(setups(PRESETS["glorot2010"].setups, PRESETS["glorot2010"].recipe)))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'sigmoid_standard': True, 'zero_biases': True, 'width': True, 'depth': True,
     'softmax': True, 'batch': True, 'data': False, 'training': False, 'eta': False,
     'measured': False}
    """
    r = recipes[0]
    return (
        ("sigmoid_standard", any(t.activation == sigmoid() and t.init == standard()
                                 for t in recipes)),
        ("zero_biases", r.bias_std == 0 and r.bias_shift == 0),
        ("width", r.width == FIGURE_2_WIDTH),
        ("depth", r.hidden == FIGURE_2_HIDDEN),
        ("softmax", isinstance(r.output, Softmax) and r.cost == log_likelihood()),
        ("batch", r.batch_size == FIGURE_2_BATCH),
        ("data", False), ("training", False), ("eta", False), ("measured", False),
    )


def setups(pairs: Sequence[tuple[Activation, WeightScheme]],
           base: Recipe = SATURATION) -> tuple[Recipe, ...]:
    """One recipe per (activation, weight scheme) set-up, each ``base`` otherwise."""
    return tuple(base.but(activation=a, init=i) for a, i in pairs)


@dataclass(frozen=True, eq=False)
class LayerTrace:
    """One set-up's run: row k of each array at measurement k, after ``steps[k]`` mini-batch
    steps (row 0 at initialisation); column l - 1 is hidden layer l.

    ``percentiles[k, l - 1]`` holds the :data:`PERCENTILES` of a^l, ``dead[k, l - 1]`` the
    share of layer l's units dead on the validation images (None unless the activation is a
    rectifier). A run that diverged stops at ``diverged_at`` (the epoch in which it did).
    """

    recipe: Recipe
    steps: Array
    means: Array
    percentiles: Array
    accuracies: Array
    diverged_at: int | None
    dead: Array | None = None

    @property
    def epochs(self) -> Array:
        """The training time of every measurement, in epochs."""
        return self.steps / self.recipe.steps_per_epoch

    @property
    def hidden(self) -> int:
        return self.recipe.hidden

    def row_at(self, epoch: float) -> int | None:
        """The row measured last at or before ``epoch`` (see :func:`measurement_at`)."""
        return measurement_at(self.steps, self.recipe.steps_per_epoch, epoch, self.diverged_at)

    def lowest_mean(self, l: int) -> tuple[float, float]:
        """(epochs, mean a^l) where hidden layer l's mean was lowest (the first such), among
        the finite measurements taken before the epoch in which a run diverged (its last
        ones may be infinite or undefined); the first measurement if there is none."""
        means = self.means[:, l - 1]
        usable = np.isfinite(means)
        if self.diverged_at is not None:
            usable &= self.epochs <= self.diverged_at
        k = int(np.argmin(np.where(usable, means, np.inf)))
        return float(self.epochs[k]), float(self.means[k, l - 1])

    def to_json(self) -> dict[str, Any]:
        layers = [{"layer": l + 1, "mean": listed(self.means[:, l]),
                   **{f"p{q:g}": listed(self.percentiles[:, l, i])
                      for i, q in enumerate(PERCENTILES)},
                   "dead": None if self.dead is None else listed(self.dead[:, l])}
                  for l in range(self.hidden)]
        return {"recipe": self.recipe.to_json(), "diverged_at": self.diverged_at,
                "steps": listed(self.steps), "epochs": listed(self.epochs),
                "accuracy": listed(self.accuracies), "layers": layers}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LayerTrace:
        layers = data["layers"]
        keys = [f"p{q:g}" for q in PERCENTILES]
        percentiles = np.array([[layer[k] for k in keys] for layer in layers], dtype=float)
        dead = (None if any(layer["dead"] is None for layer in layers)
                else array([layer["dead"] for layer in layers]).T)
        return cls(Recipe.from_json(data["recipe"]), np.array(data["steps"]),
                   array([layer["mean"] for layer in layers]).T, percentiles.transpose(2, 0, 1),
                   array(data["accuracy"]), data["diverged_at"], dead)


@dataclass(frozen=True, eq=False)
class Saturation(Result):
    """Every set-up's trace; ``dead_view`` shows each layer's dead units in place of its
    activations (every set-up a rectifier)."""

    experiment = "saturation"

    traces: tuple[LayerTrace, ...]
    data: str
    dead_view: bool = False

    def __post_init__(self) -> None:
        if self.dead_view and any(t.dead is None for t in self.traces):
            raise ValueError("the dead view needs every set-up's activation to be a rectifier")

    def figure_names(self) -> dict[str, str]:
        return {"": "saturation_dead" if self.dead_view else "saturation"}

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "dead_view": self.dead_view,
                "percentiles": list(PERCENTILES), "setups": [t.to_json() for t in self.traces]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Saturation:
        check_experiment(cls, data)
        if list(data["percentiles"]) != list(PERCENTILES):
            raise ValueError(f"a saturation run records the percentiles {list(PERCENTILES)}")
        return cls(tuple(LayerTrace.from_json(t) for t in data["setups"]), data["data"],
                   data["dead_view"])


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


def trace(recipe: Recipe, data: Data, progress: Progress = None) -> LayerTrace:
    """One set-up trained and measured: network 0 of the recipe."""
    digits = data(recipe)
    model, rng = network(recipe, 0, digits)
    run = measured_run(recipe, model, digits, rng, layer_statistics, progress)
    means, percentiles, accuracies, dead = zip(*run.values)
    return LayerTrace(recipe, np.array(run.steps), np.array(means), np.array(percentiles),
                      np.array(accuracies), run.diverged_at,
                      None if dead[0] is None else np.array(dead))


def saturation(recipes: Sequence[Recipe] = setups(SETUPS), source: Data | Source | None = None,
               dead_view: bool = False, progress: Progress = None) -> Saturation:
    """Every set-up's recipe trained and measured on its validation digits, in order.

    ``progress(1)`` is called after each epoch of each set-up.
    """
    require_count(len(recipes), "the number of set-ups", 1)
    for recipe in recipes:
        check_schedule(recipe)
        check_training(recipe, len(recipes))
        if dead_view and not recipe.activation.linear_above_zero:
            raise ValueError(f"the dead view counts dead rectifier units, and "
                             f"{recipe.activation.label} is not a rectifier")
    data = as_data(source)
    begin(progress, sum(r.epochs for r in recipes), "epochs")
    return Saturation(tuple(trace(r, data, progress) for r in recipes), data.name, dead_view)
