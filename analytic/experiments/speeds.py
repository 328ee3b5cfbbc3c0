"""How fast each hidden layer learns at initialisation, on MNIST digits: the chapter's speeds.

Set-up: a recipe's network (the chapter's unless it says otherwise: [784, 30, ..., 30, 10],
sigmoid in every layer, output included; cross-entropy cost; weights N(0, 1/n_in), biases
N(0, 1)), drawn ``networks`` times by the recipe's seed policy and measured at test time on
its training digits.

Notation: hidden layers are counted l = 1..H from the first; delta^l = dC/db^l. The *speed of
learning* of hidden layer l over a batch of images x_1..x_N is (:mod:`analytic.train.monitor`)

- ``mean-gradient`` (the chapter's): || (1/N) sum_i delta^l(x_i) ||, the norm of the gradient
  of the mean cost with respect to b^l;
- ``mean-norm``: (1/N) sum_i || delta^l(x_i) ||, the mean of the per-image norms.

Every function takes recipes (and the digits' source) and returns a result
(:mod:`.result`). Long loops report progress through an optional ``progress(k)`` callback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.limits import NETWORKS, require_count
from ..train import Model, Progress, Recipe, backward, begin, forward, speeds, tick
from ..train.monitor import check_statistic
from .data import Data, Prepared, as_data, network
from .mnist import Source
from .plan import check_passes
from .result import Result, array, check_experiment, header, listed

Array = np.ndarray


def layer_speeds(model: Model, x: Array, y: Array, statistic: str = "mean-gradient") -> Array:
    """Every hidden layer's speed over the batch at test time, layer 1 first."""
    return speeds(backward(model, forward(model, x), y, weight_gradients=False), statistic)


# --- speeds at initialisation ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class InitNorms(Result):
    """Hidden-layer speeds at initialisation: ``speeds[s, l-1]`` for network s, hidden layer l."""

    experiment = "init-norms"

    recipe: Recipe
    statistic: str
    data: str
    speeds: Array

    @property
    def networks(self) -> int:
        return len(self.speeds)

    @property
    def median(self) -> Array:
        return np.median(self.speeds, axis=0)

    @property
    def p10(self) -> Array:
        return np.percentile(self.speeds, 10, axis=0)

    @property
    def p90(self) -> Array:
        return np.percentile(self.speeds, 90, axis=0)

    @property
    def ratios(self) -> Array:
        """Median over networks of speed(l+1) / speed(l), for l = 1..H-1."""
        return np.median(self.speeds[:, 1:] / self.speeds[:, :-1], axis=0)

    @property
    def last_over_first(self) -> float:
        """Median over networks of speed(H) / speed(1)."""
        return float(np.median(self.speeds[:, -1] / self.speeds[:, 0]))

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "recipe": self.recipe.to_json(),
                "statistic": self.statistic, "networks": self.networks,
                "speeds": listed(self.speeds), "median": listed(self.median),
                "p10": listed(self.p10), "p90": listed(self.p90),
                "median_ratio_to_previous": listed(self.ratios),
                "median_last_over_first": self.last_over_first}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InitNorms:
        check_experiment(cls, data)
        return cls(Recipe.from_json(data["recipe"]), data["statistic"], data["data"],
                   array(data["speeds"]))


def _check_init(recipes: Sequence[Recipe], networks: int, statistic: str) -> None:
    # everything a request can get wrong, before any network is drawn
    check_statistic(statistic)
    NETWORKS.check(networks)
    require_count(len(recipes), "the number of rows", 1)
    for recipe in recipes:
        check_passes(recipe, recipe.images, len(recipes) * networks, weight_gradients=False)


def _speeds(recipe: Recipe, networks: int, statistic: str, digits: Prepared,
            progress: Progress) -> Array:
    rows = []
    for s in range(networks):
        model, _ = network(recipe, s, digits)
        rows.append(layer_speeds(model, digits.x, digits.y, statistic))
        tick(progress)
    return np.array(rows)


def init_norms(recipe: Recipe = Recipe(validation=0), networks: int = 100,
               statistic: str = "mean-gradient", source: Data | Source | None = None,
               progress: Progress = None) -> InitNorms:
    """Each hidden layer's speed in ``networks`` freshly drawn networks of the recipe, on its
    training digits."""
    _check_init([recipe], networks, statistic)
    data = as_data(source)
    begin(progress, networks, "networks")
    digits = data(recipe)
    return InitNorms(recipe, statistic, data.name,
                     _speeds(recipe, networks, statistic, digits, progress))


@dataclass(frozen=True, eq=False)
class Comparison(Result):
    """:class:`InitNorms` for several recipes (activations and weight schemes), in order."""

    experiment = "compare-inits"

    rows: tuple[InitNorms, ...]

    @property
    def data(self) -> str:
        return self.rows[0].data

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "results": [r.to_json() for r in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Comparison:
        check_experiment(cls, data)
        return cls(tuple(InitNorms.from_json(r) for r in data["results"]))


def compare_initialisations(recipes: Sequence[Recipe], networks: int = 100,
                            statistic: str = "mean-gradient",
                            source: Data | Source | None = None,
                            progress: Progress = None) -> Comparison:
    """:func:`init_norms` for every recipe, in order (``progress`` ticks once a network)."""
    _check_init(recipes, networks, statistic)
    data = as_data(source)
    begin(progress, len(recipes) * networks, "networks")
    return Comparison(tuple(
        InitNorms(r, statistic, data.name, _speeds(r, networks, statistic, data(r), progress))
        for r in recipes))


# --- the neuron bars ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class NeuronBars(Result):
    """|dC/db_j| at initialisation for the first neurons of each hidden layer.

    ``bars[l-1][j]`` is |mean over images of delta^l_j| for hidden layer l, neuron j+1.
    """

    experiment = "neuron-bars"
    figures = {"": "neuron_bars"}

    recipe: Recipe
    data: str
    bars: tuple[Array, ...]

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "recipe": self.recipe.to_json(),
                "bars": [listed(b) for b in self.bars]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NeuronBars:
        check_experiment(cls, data)
        return cls(Recipe.from_json(data["recipe"]), data["data"],
                   tuple(array(b) for b in data["bars"]))


def neuron_bars(recipe: Recipe = Recipe(hidden=2, validation=0), neurons: int = 6,
                source: Data | Source | None = None) -> NeuronBars:
    """The chapter's picture of a [784, 30, 30, 10] network at initialisation, as numbers:
    network 0 of the recipe on its training digits."""
    require_count(neurons, "the number of neurons shown per layer", 1, recipe.width)
    check_passes(recipe, recipe.images, 1, weight_gradients=False)
    data = as_data(source)
    digits = data(recipe)
    model, _ = network(recipe, 0, digits)
    means = backward(model, forward(model, digits.x), digits.y, weight_gradients=False).means
    return NeuronBars(recipe, data.name, tuple(np.abs(m[:neurons]) for m in means[:-1]))
