"""The remedies in action: one deep network trained with each remedy for unstable gradients.

The network (:data:`BASE`): 10 hidden layers of 30 units, [784, 30, ..., 30, 10], the
chapter's sigmoid output layer and cross-entropy cost. Each row changes one thing (or two, as
the papers pair them) from the chapter's set-up (sigmoid hidden layers, weights N(0, 1/n_in),
biases N(0, 1)), listed in :data:`REMEDIES` as the recipe fields it changes. The ``critical``
row keeps the sigmoid and scales its weights to N(0, σ_w²/n_in) with σ_w where mean-field
theory's χ_1 = σ_w² E[σ′(z)²] is 1 for the row's biases
(:func:`analytic.theory.meanfield.critical_sigma_w`, about 10): the gradient's norm is then
kept from layer to layer, and the price is paid in saturated units. ``leaky_relu_0.25`` is
Leaky ReLU with PReLU's starting slope, fixed: it tells the size of a slope from its being
learned. The biases stay N(0, 1) in every row but one: tanh with Xavier's weights is run
twice, with the chapter's biases and with biases 0 as Glorot and Bengio start them, because the
N(0, 1) biases alone put a tenth of its units into saturation and leave its first layer
learning about 80 times slower than its last.

Training (every row alike): mini-batch SGD, batch 10, eta = 0.02, 20 epochs, on 1,000 training
digits of the embedded sample, with the chapter's weight decay at lmbda = 0.1, which with
n = 1,000 is the chapter's lmbda / n = 5 / 50,000. With eta = 0.1, the chapter's, the relu,
prelu, rrelu and elu networks of seed 0 diverged; with 0.05 the elu one still did, with 0.03
one prelu run of three; with 0.02 no run did but those of the exploding set-up. In that budget
(a few minutes of one core for the whole table) the plain sigmoid stack does not learn at all:
it stays at chance (10 %), its first layer learning about 10^6 times slower than its last.

Measured per run, at initialisation and after every epoch: each hidden layer's per-layer
measure on the training images (:mod:`analytic.train.monitor` defines them), the row's own
unless one is chosen for every row: the chapter's ||dC/db^l|| for every row but two, which are
judged by rms delta^l. Below a batch-norm layer ||dC/dbeta^l|| is close to 0 by construction
(its backward pass removes the batch mean of the error), so the chapter's measure would show
layers that learn slowly where the per-example errors, and the weights' gradients made of them,
are as large as in the layers above; rms delta^l, the per-example error, compares layers of
equal width without that artefact (||dC/dW^l|| would mix in the first layer's 784 inputs). The
critical row is built on mean-field theory's chi_1, the factor by which E||delta^l||^2 changes
per layer, which rms delta^l measures. And on 1,000 validation digits (drawn from the rest of
the sample): the accuracy and the fractions of saturated (sigmoid, tanh) or dead (rectifiers)
units. Each row is run from ``networks`` initial networks; network s of every row is drawn by
the recipes' seed policy as network s, so rows that share an initialisation start from the same
weights.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from ..core.activations import elu, leaky_relu, prelu, relu, rrelu, sigmoid, tanh
from ..core.initialisation import gaussian, he, scaled, xavier
from ..core.limits import NETWORKS, require_count
from ..theory.meanfield import critical_sigma_w
from ..train import (
    CHAPTER_MEASURE,
    Progress,
    Recipe,
    Run,
    Watch,
    begin,
    get_measure,
    tick,
    train,
)
from .data import Data, as_data, network
from .mnist import Source
from .plan import check_training
from .result import Result, Spread, array, band, band_kind, check_experiment, header, listed

Array = np.ndarray

#: What every row shares: the chapter's network ten hidden layers deep, its training.
BASE = Recipe(hidden=10, width=30, eta=0.02, lmbda=0.1, batch_size=10, epochs=20, images=1000,
              validation=1000)


@dataclass(frozen=True)
class Remedy:
    """One row: ``name`` identifies it; ``changes`` are the recipe fields it changes, and
    ``derived(recipe)`` those computed from the recipe they make (the critical weight scale
    from its biases); ``measure`` is the per-layer measure that judges it."""

    name: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    measure: str = CHAPTER_MEASURE
    derived: Callable[[Recipe], Mapping[str, Any]] | None = None

    def __post_init__(self) -> None:
        BASE.but(**self.changes)  # a field that does not exist fails here, where it is written
        get_measure(self.measure)

    def recipe(self, base: Recipe) -> Recipe:
        """The row's recipe: ``base`` with the changes."""
        recipe = base.but(**self.changes)
        return recipe if self.derived is None else recipe.but(**self.derived(recipe))


@cache
def _critical_gain(spec: str, sigma_b: float) -> float:
    from ..core.activations import get_activation

    return critical_sigma_w(get_activation(spec), sigma_b)


def critical_weights(recipe: Recipe) -> dict[str, Any]:
    """Weights N(0, σ_w²/n_in) at the recipe's critical σ_w: χ_1 = 1 for its activation and its
    biases' standard deviation (mean-field theory, :func:`critical_sigma_w`)."""
    return {"init": scaled(_critical_gain(recipe.activation.spec, recipe.bias_std))}


#: The rows, in order: the chapter's network, then one remedy each, then an exploding set-up
#: (relu with N(0, 1) weights) without and with gradient clipping.
REMEDIES = (
    Remedy("plain"),
    Remedy("xavier", {"init": xavier()}),
    Remedy("critical", {"activation": sigmoid()}, measure="delta-rms", derived=critical_weights),
    Remedy("tanh", {"activation": tanh(), "init": xavier()}),
    Remedy("tanh_zero_biases", {"activation": tanh(), "init": xavier(), "bias_std": 0.0}),
    Remedy("relu", {"activation": relu(), "init": he()}),
    Remedy("leaky_relu", {"activation": leaky_relu(), "init": he()}),
    Remedy("leaky_relu_0.25", {"activation": leaky_relu(0.25), "init": he()}),
    Remedy("prelu", {"activation": prelu(), "init": he()}),
    Remedy("rrelu", {"activation": rrelu(), "init": he()}),
    Remedy("elu", {"activation": elu(), "init": he()}),
    Remedy("batch_norm", {"batch_norm": True}, measure="delta-rms"),
    Remedy("residual", {"residual": True}),
    Remedy("momentum", {"momentum": 0.9, "nesterov": True}),
    Remedy("exploding", {"activation": relu(), "init": gaussian()}),
    Remedy("clipping", {"activation": relu(), "init": gaussian(), "clip": 1.0}),
)


@dataclass(frozen=True, eq=False)
class RemedyRun:
    """One training run: row k of each array after k epochs (row 0 at initialisation), for
    the epochs done; ``speeds`` holds the row's per-layer measure; ``dead``, ``saturated`` and
    ``slopes`` (PReLU's mean slope per hidden
    layer) are None where the activation has none."""

    seed: int
    speeds: Array
    accuracies: Array
    dead: Array | None
    saturated: Array | None
    slopes: Array | None
    diverged_at: int | None

    @classmethod
    def of(cls, seed: int, run: Run) -> RemedyRun:
        snapshots = run.snapshots

        def series(name: str) -> Array | None:
            values = [getattr(s, name) for s in snapshots]
            return None if not values or values[0] is None else np.array(values)

        return cls(seed, np.array([s.speeds for s in snapshots]),
                   np.array([s.accuracy for s in snapshots]), series("dead"),
                   series("saturated"), series("slopes"), run.diverged_at)

    def ratio(self, k: int) -> float | None:
        """The measure of the last hidden layer over the first's after k epochs (k = -1: the
        last done); None when the first layer's is exactly 0 or the row is missing."""
        if len(self.speeds) == 0 or self.speeds[k][0] == 0:
            return None
        return float(self.speeds[k][-1] / self.speeds[k][0])

    def final(self, name: str) -> float | None:
        """The last value of ``accuracies``, ``dead`` or ``saturated``; None if diverged."""
        values = getattr(self, name)
        return None if self.diverged_at is not None or values is None else float(values[-1])

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "diverged_at": self.diverged_at,
                "speeds": listed(self.speeds), "accuracies": listed(self.accuracies),
                "saturated": listed(self.saturated), "dead": listed(self.dead),
                "prelu_slopes": listed(self.slopes)}

    @classmethod
    def from_json(cls, data: dict[str, Any], hidden: int) -> RemedyRun:
        speeds = array(data["speeds"]).reshape(-1, hidden)
        return cls(data["seed"], speeds, array(data["accuracies"]), array(data["dead"]),
                   array(data["saturated"]), array(data["prelu_slopes"]), data["diverged_at"])


#: What a row summarises over its runs: name -> the value of one run (None where it has none).
SUMMARIES: dict[str, Callable[[RemedyRun], float | None]] = {
    "ratio_init": lambda run: run.ratio(0),
    "ratio_trained": lambda run: None if run.diverged_at is not None else run.ratio(-1),
    "accuracy": lambda run: run.final("accuracies"),
    "saturated": lambda run: run.final("saturated"),
    "dead": lambda run: run.final("dead"),
}


@dataclass(frozen=True, eq=False)
class RemedyRow:
    """A remedy, the recipe it ran, the per-layer measure its runs recorded (the remedy's own
    unless one was chosen for every row), and its runs, with the table's summaries over the
    runs."""

    remedy: Remedy
    recipe: Recipe
    runs: tuple[RemedyRun, ...]
    measure: str = CHAPTER_MEASURE

    def values(self, name: str) -> list[float | None]:
        """One value per run of the summary ``name`` (a key of :data:`SUMMARIES`)."""
        return [SUMMARIES[name](run) for run in self.runs]

    def spread(self, name: str) -> Spread | None:
        """The spread over the runs that have a value of ``name``."""
        return Spread.of(self.values(name))

    @property
    def ratio_at_init(self) -> Spread | None:
        return self.spread("ratio_init")

    @property
    def ratio_after(self) -> Spread | None:
        """Over the runs that did not diverge."""
        return self.spread("ratio_trained")

    @property
    def accuracy(self) -> Spread | None:
        return self.spread("accuracy")

    @property
    def dead(self) -> Spread | None:
        return self.spread("dead")

    @property
    def saturated(self) -> Spread | None:
        return self.spread("saturated")

    def applies(self, name: str) -> bool:
        """Whether the summary means something for the row's activation: saturation for a
        bounded one, dead units for a rectifier."""
        phi = self.recipe.activation
        return {"saturated": phi.saturation is not None,
                "dead": phi.linear_above_zero}.get(name, True)

    def layer_speeds(self, k: int) -> Array:
        """speeds[run, l-1], the measure of every hidden layer after k epochs (k = -1: after
        training), one row per run that did not diverge (after training) or has a first
        measurement (at initialisation); shape (0, 0) when none has."""
        kept = [r.speeds[k] for r in self.runs
                if (r.diverged_at is None or k == 0) and len(r.speeds)]
        return np.array(kept) if kept else np.zeros((0, 0))

    @property
    def diverged_runs(self) -> int:
        return sum(r.diverged_at is not None for r in self.runs)

    @property
    def diverged(self) -> bool:
        """Whether any run diverged."""
        return self.diverged_runs > 0


@dataclass(frozen=True, eq=False)
class Remedies(Result):
    """The table: one row per remedy, the base recipe every row changes, the data, and the
    per-layer measure chosen for every row (None: each row's own)."""

    experiment = "remedies"
    figures = {"": "remedies"}

    rows: tuple[RemedyRow, ...]
    base: Recipe
    data: str
    measure: str | None = None

    @property
    def networks(self) -> int:
        return len(self.rows[0].runs) if self.rows else 0

    def to_json(self) -> dict[str, Any]:
        rows = [{"name": row.remedy.name, "recipe": row.recipe.to_json(),
                 "measure": row.measure, **_summaries(row),
                 "runs": [run.to_json() for run in row.runs]}
                for row in self.rows]
        return {**header(self, self.data), "base": self.base.to_json(),
                "networks": self.networks, "measure": self.measure, "rows": rows}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Remedies:
        check_experiment(cls, data)
        base = Recipe.from_json(data["base"])
        known = {r.name: r for r in REMEDIES}
        rows = []
        for row in data["rows"]:
            recipe = Recipe.from_json(row["recipe"])
            remedy = known.get(row["name"]) or Remedy(row["name"], recipe.changes(base))
            runs = tuple(RemedyRun.from_json(r, recipe.hidden) for r in row["runs"])
            rows.append(RemedyRow(remedy, recipe, runs, row["measure"]))
        return cls(tuple(rows), base, data["data"], data["measure"])


def _summaries(row: RemedyRow) -> dict[str, Any]:
    # each summary's median and band over the runs, and each layer's measures; for scripts
    spreads = {name: row.spread(name) for name in SUMMARIES}
    layers = {k: row.layer_speeds(i) for k, i in (("speeds_init", 0), ("speeds_trained", -1))}
    return {**{name: None if s is None else s.to_json() for name, s in spreads.items()},
            **{k: None if len(v) == 0 else _layer_spread(v) for k, v in layers.items()},
            "diverged_runs": row.diverged_runs}


def _layer_spread(speeds: Array) -> dict[str, Any]:
    # each layer's median and band over the runs (speeds[run, l-1])
    low, high = band(speeds)
    return {"median": listed(np.percentile(speeds, 50, axis=0)), "low": listed(low),
            "high": listed(high), "band": band_kind(len(speeds)), "runs": len(speeds)}


def select(names: Sequence[str] | None) -> tuple[Remedy, ...]:
    """The rows of :data:`REMEDIES` with these names, in the order given (each once); all of
    them when ``names`` is empty."""
    known = {r.name: r for r in REMEDIES}
    unknown = [n for n in names or () if n not in known]
    if unknown:
        raise ValueError(f"unknown remedy {unknown[0]!r}; choose from: {', '.join(known)}")
    return tuple(known[n] for n in dict.fromkeys(names)) if names else REMEDIES


def run_remedy(remedy: Remedy, base: Recipe, networks: int, data: Data,
               progress: Progress = None, measure: str | None = None) -> RemedyRow:
    """One row: ``networks`` networks of the remedy's recipe, trained and measured by
    ``measure`` (the remedy's own when None)."""
    recipe = remedy.recipe(base)
    measure = measure or remedy.measure
    digits = data(recipe)
    watch = Watch(digits.x, digits.y, digits.validation_x, digits.validation_labels,
                  measure=measure, seed=recipe.seed)
    runs = []
    for s in range(networks):
        model, rng = network(recipe, s, digits)
        run = train(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size,
                    rng, watch, progress)
        tick(progress, recipe.epochs - run.epochs)  # a diverged run's remaining epochs
        runs.append(RemedyRun.of(s, run))
    return RemedyRow(remedy, recipe, tuple(runs), measure)


def remedies(rows: Sequence[Remedy] = REMEDIES, base: Recipe = BASE, networks: int = 3,
             source: Data | Source | None = None, progress: Progress = None,
             measure: str | None = None) -> Remedies:
    """Every row of :data:`REMEDIES` (or ``rows``) on ``base``'s digits (by default 1,000
    training and 1,000 validation digits of the embedded sample, split seed 0), each measured
    by its own per-layer measure, or by ``measure`` when one is given.

    ``progress`` is called once per epoch of each run (rows * networks * epochs in all).
    """
    NETWORKS.check(networks)
    require_count(len(rows), "the number of rows", 1)
    measures = [get_measure(measure or r.measure) for r in rows]
    recipes = [r.recipe(base) for r in rows]
    for recipe, kind in zip(recipes, measures):
        if recipe.full_batch or recipe.validation == 0:
            raise ValueError("the remedies are trained in mini-batches and measured on "
                             "validation digits")
        check_training(recipe, len(rows) * networks, kind.weights)
    data = as_data(source)
    begin(progress, sum(r.epochs for r in recipes) * networks, "epochs")
    return Remedies(tuple(run_remedy(r, base, networks, data, progress, measure)
                          for r in rows), base, data.name, measure)
