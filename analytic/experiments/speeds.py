"""How fast each hidden layer learns at initialisation, on MNIST digits: the chapter's speeds.

Set-up: a recipe's network (the chapter's unless it says otherwise: [784, 30, ..., 30, 10],
sigmoid in every layer, output included; cross-entropy cost; weights N(0, 1/n_in), biases
N(0, 1)), drawn ``networks`` times by the recipe's seed policy and measured at test time on
its training digits.

Notation: hidden layers are counted l = 1..H from the first; delta^l = dC/db^l. Each hidden
layer is measured by one per-layer measure of :mod:`analytic.train.monitor`, which defines
them: ``bias-gradient`` (the chapter's speed of learning, || (1/N) sum_i delta^l(x_i) ||, the
default), ``delta-rms`` or ``weight-gradient``; the update ratio measures an optimiser step,
which a network that is only drawn does not take. The results record the measure they hold.

Every function takes recipes (and the digits' source) and returns a result
(:mod:`.result`). Long loops report progress through an optional ``progress(k)`` callback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.limits import NETWORKS, require_count
from ..train import (
    CHAPTER_MEASURE,
    Model,
    Progress,
    Recipe,
    backward,
    begin,
    forward,
    get_measure,
    tick,
)
from .data import Data, Prepared, as_data, network
from .mnist import Source
from .plan import check_passes
from .result import Result, array, band, band_kind, check_experiment, header, listed

Array = np.ndarray


def layer_speeds(model: Model, x: Array, y: Array, measure: str = CHAPTER_MEASURE) -> Array:
    """Every hidden layer's ``measure`` over the batch at test time, layer 1 first."""
    kind = get_measure(measure)
    grads = backward(model, forward(model, x), y, weight_gradients=kind.weights)
    return kind.of(model, grads)


def check_initial_measure(measure: str) -> None:
    """ValueError unless ``measure`` applies to a network that is drawn and not trained."""
    if get_measure(measure).step:
        raise ValueError(f"the measure {measure} is of an optimiser step, and the networks "
                         "here are only drawn: measure it in training (training-speed, "
                         "remedies)")


# --- speeds at initialisation ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class InitNorms(Result):
    """Hidden-layer measures at initialisation: ``speeds[s, l-1]`` is the ``measure`` of hidden
    layer l in network s."""

    experiment = "init-norms"

    recipe: Recipe
    measure: str
    data: str
    speeds: Array

    @property
    def networks(self) -> int:
        return len(self.speeds)

    @property
    def median(self) -> Array:
        return np.median(self.speeds, axis=0)

    @property
    def low(self) -> Array:
        """Each layer's band's low end (:func:`~analytic.experiments.result.band`)."""
        return band(self.speeds)[0]

    @property
    def high(self) -> Array:
        return band(self.speeds)[1]

    @property
    def band(self) -> str:
        """"p10-p90" or "min-max", by the number of networks."""
        return band_kind(self.networks)

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
                "measure": self.measure, "networks": self.networks,
                "speeds": listed(self.speeds), "median": listed(self.median),
                "band": self.band, "low": listed(self.low), "high": listed(self.high),
                "median_ratio_to_previous": listed(self.ratios),
                "median_last_over_first": self.last_over_first}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InitNorms:
        check_experiment(cls, data)
        return cls(Recipe.from_json(data["recipe"]), data["measure"], data["data"],
                   array(data["speeds"]))


def _check_init(recipes: Sequence[Recipe], networks: int, measure: str) -> None:
    # everything a request can get wrong, before any network is drawn
    check_initial_measure(measure)
    NETWORKS.check(networks)
    require_count(len(recipes), "the number of rows", 1)
    weights = get_measure(measure).weights
    for recipe in recipes:
        check_passes(recipe, recipe.images, len(recipes) * networks, weight_gradients=weights)


def _speeds(recipe: Recipe, networks: int, measure: str, digits: Prepared,
            progress: Progress) -> Array:
    rows = []
    for s in range(networks):
        model, _ = network(recipe, s, digits)
        rows.append(layer_speeds(model, digits.x, digits.y, measure))
        tick(progress)
    return np.array(rows)


def init_norms(recipe: Recipe = Recipe(validation=0), networks: int = 100,
               measure: str = CHAPTER_MEASURE, source: Data | Source | None = None,
               progress: Progress = None) -> InitNorms:
    """Each hidden layer's ``measure`` in ``networks`` freshly drawn networks of the recipe,
    on its training digits."""
    _check_init([recipe], networks, measure)
    data = as_data(source)
    begin(progress, networks, "networks")
    digits = data(recipe)
    return InitNorms(recipe, measure, data.name,
                     _speeds(recipe, networks, measure, digits, progress))


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
                            measure: str = CHAPTER_MEASURE,
                            source: Data | Source | None = None,
                            progress: Progress = None) -> Comparison:
    """:func:`init_norms` for every recipe, in order (``progress`` ticks once a network)."""
    _check_init(recipes, networks, measure)
    data = as_data(source)
    begin(progress, len(recipes) * networks, "networks")
    return Comparison(tuple(
        InitNorms(r, measure, data.name, _speeds(r, networks, measure, data(r), progress))
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
