"""A trainability map: networks of many depths and weight scales trained on the digits for a fixed
number of SGD steps, beside the depth scale ξ_c that predicts which of them train
(Schoenholz et al. 2017, who find networks trainable when their depth is at most about 6ξ_c).

Set-up: :data:`TRAINABILITY`'s network (tanh hidden layers of 100 units, the chapter's sigmoid
output and cross-entropy cost), weights N(0, σ_w²/n_in) in every layer (``scaled:σ_w``),
biases N(0, σ_b²) with σ_b² = 0.05, the paper's; mini-batch SGD for the recipe's epochs. Every
cell (depth L, σ_w²) trains ``networks`` networks; network s of depth L is drawn as network
1000 L + s of the seed, so the networks of one depth share their standard normal draws and
differ across σ_w² only by the gain: the map's columns differ by σ_w², not by luck. Accuracy
is on the validation digits.

The runs are independent, so they run in parallel through joblib: worker processes on this
machine (``jobs``; every core by default), or a Dask cluster when a scheduler's address is
given (joblib's Dask backend; the optional ``cluster`` extra). Each run depends only on its
own recipe and index, so the result is the same bit for bit whatever the number of jobs.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import tanh
from ..core.initialisation import scaled
from ..core.limits import CELLS, HIDDEN, JOBS, NETWORKS, SIGMA_B2, SIGMA_W2, require_count
from ..theory.depth_scales import DepthScaleCurve, depth_scale_curve
from ..train import Progress, Recipe, accuracy, begin, tick, train
from .data import Data, Prepared, as_data, network
from .mnist import Source
from .plan import check_training
from .result import Result, array, check_experiment, listed

Array = np.ndarray

#: σ_b² of the paper's MNIST and CIFAR-10 maps.
PAPER_SIGMA_B2 = 0.05
#: The default run: tanh, 100 units a layer, batch 32, η = 0.01, 16 epochs of 1,000 digits
#: (512 steps), no weight decay; 500 validation digits.
TRAINABILITY = Recipe(width=100, activation=tanh(), bias_std=math.sqrt(PAPER_SIGMA_B2), eta=0.01,
                      batch_size=32, epochs=16, images=1000, validation=500)
#: The default grid: depths from 2 to 50 and σ_w² from 0.5 to 4 (the paper's 1 to 4, and the
#: ordered side below it).
DEPTHS = (2, 4, 8, 12, 16, 24, 32, 40, 50)
SIGMA_W2S = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0)
#: The accuracy at which a cell counts as trained (chance is 0.1).
TRAINED = 0.5
#: How long a Dask client waits for its scheduler.
CONNECT_TIMEOUT = "10s"
#: σ_w² at which the theory's lines are drawn (finer than the grid).
LINE_POINTS = 41


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cell_recipe(recipe: Recipe, depth: int, sigma_w2: float) -> Recipe:
    """The recipe of one cell: ``depth`` hidden layers, weights N(0, σ_w²/n_in)."""
    return recipe.but(hidden=depth, init=scaled(math.sqrt(sigma_w2)))


# --- one run, in whichever process -------------------------------------------------------------
def train_one(recipe: Recipe | dict, index: int, digits: Prepared) -> tuple[float, bool]:
    """Train network ``index`` of ``recipe`` (or of the recipe its JSON describes, as a worker
    is sent it: names travel, the objects are made again): its validation accuracy (NaN if it
    diverged) and whether it diverged. One BLAS thread, as the networks are thin; a worker
    process keeps freed memory for the next pass, as the command line does (a caller's own
    process is left as it is)."""
    import multiprocessing

    from threadpoolctl import threadpool_limits

    from ..core.allocator import keep_freed_memory

    if multiprocessing.parent_process() is not None:
        keep_freed_memory()

    if isinstance(recipe, dict):
        recipe = Recipe.from_json(recipe)
    with threadpool_limits(1, user_api="blas"):
        model, rng = network(recipe, index, digits)
        run = train(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size,
                    rng)
        if run.diverged:
            return math.nan, True
        return accuracy(run.model, digits.validation_x, digits.validation_labels), False


def _results(tasks: list[tuple[Recipe, int]], digits: Prepared, jobs: int,
             scheduler: str | None) -> Iterator[tuple[float, bool]]:
    # the runs' results in the order of ``tasks``, from joblib's processes or a Dask cluster
    from joblib import Parallel, delayed, parallel_config

    calls = (delayed(train_one)(recipe.to_json(), index, digits) for recipe, index in tasks)
    if scheduler is None:
        # max_nbytes=None: the digits go to each worker in the call, not through a memmapped
        # temporary file that an interrupted run could leave behind
        with parallel_config(backend="loky", n_jobs=jobs, max_nbytes=None):
            yield from Parallel(return_as="generator")(calls)
        return
    with _Connected(scheduler), parallel_config(backend="dask"):
        yield from Parallel(return_as="generator")(calls)


class _Connected:
    """A Dask client of the scheduler at an address, closed when the run ends."""

    def __init__(self, address: str) -> None:
        self.address = address

    def __enter__(self) -> Any:
        try:
            from dask.distributed import Client
        except ImportError:
            raise ValueError("a scheduler needs dask.distributed: pip install "
                             "'analytic[cluster]'") from None
        try:
            self.client = Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=True)
        except (OSError, TimeoutError, ValueError) as e:
            raise ValueError(f"cannot reach the Dask scheduler at {self.address} "
                             f"({type(e).__name__})") from None
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()


# --- the map -------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Trainability(Result):
    """Validation accuracy ``accuracies[k, j, s]`` of network s at depth ``depths[k]`` and
    weight variance ``sigma_w2s[j]`` (NaN where the run diverged, ``diverged[k, j, s]``), and
    the theory's depth scales along σ_w² (``theory``: ξ_c at :data:`LINE_POINTS` σ_w² and at
    the order–chaos line)."""

    experiment = "trainability"
    figures = {"": "trainability"}

    recipe: Recipe
    data: str
    depths: tuple[int, ...]
    sigma_w2s: tuple[float, ...]
    accuracies: Array
    diverged: Array
    theory: DepthScaleCurve

    @property
    def sigma_b2(self) -> float:
        return self.recipe.bias_std ** 2

    @property
    def networks(self) -> int:
        return self.accuracies.shape[2]

    @property
    def steps(self) -> int:
        """SGD steps of every run."""
        return self.recipe.epochs * self.recipe.steps_per_epoch

    @property
    def mean(self) -> Array:
        """The mean accuracy of each cell over its networks (a diverged run counts as chance,
        1/10: it classifies nothing)."""
        return np.where(self.diverged, 0.1, self.accuracies).mean(axis=2)

    def xi_c(self, sigma_w2: float) -> float:
        """ξ_c at one σ_w² of the grid (inf on the line), from the theory's points."""
        point = next(p for p in self.theory.points if p.sigma_w2 == sigma_w2)
        return math.nan if point.xi_c is None else point.xi_c

    def agreement(self, level: float = TRAINED) -> dict[str, int]:
        """How many cells train (mean accuracy >= ``level``) within depth <= 6ξ_c and beyond
        it: the paper's prediction is that those within train and those beyond do not."""
        six = np.array([6 * self.xi_c(s) for s in self.sigma_w2s])
        inside = np.array(self.depths)[:, None] <= six[None, :]
        trained = self.mean >= level
        return {"cells": trained.size, "trained": int(trained.sum()),
                "inside": int(inside.sum()), "inside_trained": int((trained & inside).sum()),
                "outside": int((~inside).sum()),
                "outside_trained": int((trained & ~inside).sum())}

    def deepest_trained(self, sigma_w2: float, level: float = TRAINED) -> int:
        """The deepest network of a column that trains (0 if none does)."""
        j = self.sigma_w2s.index(sigma_w2)
        return max([d for k, d in enumerate(self.depths) if self.mean[k, j] >= level],
                   default=0)

    def first_failure(self, sigma_w2: float, level: float = TRAINED) -> float | None:
        """The shallowest depth of a column that does not train, over ξ_c (None if all do)."""
        j = self.sigma_w2s.index(sigma_w2)
        failing = [d for k, d in enumerate(self.depths) if self.mean[k, j] < level]
        return failing[0] / self.xi_c(sigma_w2) if failing else None

    def to_json(self) -> dict[str, Any]:
        from .depth_scale import curve_json

        return {"experiment": self.experiment, "data": self.data,
                "recipe": self.recipe.to_json(), "sigma_b2": self.sigma_b2,
                "steps": self.steps, "networks": self.networks,
                "depths": list(self.depths), "sigma_w2s": list(self.sigma_w2s),
                "accuracies": listed(np.where(self.diverged, None, self.accuracies).tolist()),
                "diverged": listed(self.diverged), "mean": listed(self.mean),
                "theory": curve_json(self.theory),
                "agreement": {"level": TRAINED, **self.agreement()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trainability:
        from .depth_scale import curve_from_json

        check_experiment(cls, data)
        return cls(Recipe.from_json(data["recipe"]), data["data"], tuple(data["depths"]),
                   tuple(data["sigma_w2s"]), array(data["accuracies"]),
                   np.array(data["diverged"], dtype=bool), curve_from_json(data["theory"]))


def check_grid(depths: Sequence[int], sigma_w2s: Sequence[float], networks: int) -> None:
    """Refuse an empty or oversized grid, a depth out of range or a σ_w² <= 0."""
    require_count(len(depths), "the number of depths", 1)
    require_count(len(sigma_w2s), "the number of weight variances", 1)
    for depth in depths:
        HIDDEN.check(depth)
    for sigma_w2 in sigma_w2s:
        SIGMA_W2.check(sigma_w2)
    NETWORKS.check(networks)
    CELLS.check(len(depths) * len(sigma_w2s))


def tasks_of(recipe: Recipe, depths: Sequence[int], sigma_w2s: Sequence[float],
             networks: int) -> list[tuple[Recipe, int]]:
    """Every run of the map, depth by depth, σ_w² by σ_w², network by network."""
    return [(cell_recipe(recipe, depth, sigma_w2), 1000 * depth + s)
            for depth in depths for sigma_w2 in sigma_w2s for s in range(networks)]


def trainability(recipe: Recipe = TRAINABILITY, depths: Sequence[int] = DEPTHS,
                 sigma_w2s: Sequence[float] = SIGMA_W2S, networks: int = 1,
                 source: Data | Source | None = None, jobs: int | None = None,
                 scheduler: str | None = None, progress: Progress = None) -> Trainability:
    """Train every cell of the depth × σ_w² grid (see the module docstring); ``jobs`` worker
    processes (None: every core), or the Dask cluster at ``scheduler``. ``progress`` is told
    of every finished run."""
    depths, sigma_w2s = tuple(sorted(set(depths))), tuple(sorted(set(map(float, sigma_w2s))))
    check_grid(depths, sigma_w2s, networks)
    jobs = cpu_count() if jobs is None else JOBS.check(jobs)
    SIGMA_B2.check(recipe.bias_std ** 2)
    if recipe.full_batch or recipe.validation == 0:
        raise ValueError("the map needs mini-batches and validation digits")
    tasks = tasks_of(recipe, depths, sigma_w2s, networks)
    check_training(recipe.but(hidden=max(depths)), len(tasks))
    data = as_data(source)
    digits = data(recipe)
    begin(progress, len(tasks), "runs")
    results = []
    for result in _results(tasks, digits, jobs, scheduler):
        results.append(result)
        tick(progress)
    shape = (len(depths), len(sigma_w2s), networks)
    accuracies = np.array([a for a, _ in results]).reshape(shape)
    diverged = np.array([d for _, d in results], dtype=bool).reshape(shape)
    line = np.linspace(min(sigma_w2s), max(sigma_w2s), LINE_POINTS)
    theory = depth_scale_curve(recipe.activation, recipe.bias_std ** 2,
                               np.union1d(line, sigma_w2s))  # and the line itself
    return Trainability(recipe, data.name, depths, sigma_w2s, accuracies, diverged, theory)
