"""The shape of a run of ``analytic reproduce``: the published values it checks (data, each
with its source), the plan of how much it computes, one line of its report, and what its
references share while they run. The references themselves are :mod:`.references`; the run
and its result, :mod:`.reproduce`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from ..core.limits import NETWORKS, require_count
from ..train import Progress, Recipe, tick
from . import tolerance
from .data import Data
from .histograms import HISTOGRAMS
from .mnist import CLASSES, Source
from .speeds import InitNorms, init_norms
from .training import DEPTH_ACCURACY, TRAINING_SPEED

Array = np.ndarray


# --- the published values, as data with their sources --------------------------------------------
#: Nielsen (2015), Neural Networks and Deep Learning, ch. 5, "The vanishing gradient problem":
#: ‖δ^l‖ of each hidden layer of one freshly drawn [784, 30 × H, 10] network on the first
#: 1,000 training digits. The text prints them rounded (0.07, 0.31; 0.012, 0.060, 0.283; 0.003,
#: 0.017, 0.070, 0.285); these are the same networks' values to the last digit, epoch 0 of the
#: book's figure data (fig/norms_during_training_H_layers.json in the book's code repository).
NIELSEN_INITIAL = {
    2: (0.06574134326503182, 0.3092184942703712),
    3: (0.011838212272121293, 0.05996519457449515, 0.28314239285488185),
    4: (0.0029752663545292526, 0.017076665445425132, 0.06953924167660484,
        0.28513893545173896),
}
#: The same networks after 499 of the 500 full-batch epochs: the last point of the chapter's
#: figures "Speed of learning: H hidden layers" (epoch 499 of the same figure data). The text
#: says of the four-layer network that its first hidden layer learns "roughly 100 times slower"
#: than the last.
NIELSEN_TRAINED = {
    2: (0.003434568507576292, 0.009630366361002016),
    3: (8.5560837276469e-05, 0.0002181636837403912, 0.0012614452096274679),
    4: (8.21211652552637e-06, 2.614381736985433e-05, 0.00018252897168458156,
        0.0009247251418948941),
}
#: Nielsen (2015), ch. 5: validation accuracy (%, on the book's 10,000 validation digits) of one
#: network with 1, 2, 3 and 4 hidden layers after 30 epochs of mini-batch SGD on 50,000 training
#: digits (batch 10, η = 0.1, λ = 5.0).
NIELSEN_ACCURACY = {1: 96.48, 2: 96.90, 3: 96.57, 4: 96.53}
#: The training and validation digits of the chapter's accuracy runs.
NIELSEN_TRAINING, NIELSEN_VALIDATION = 50_000, 10_000

#: Relative tolerance of a measured ratio against mean field's √χ₁: the medians of 200 width-30
#: networks scatter by one or two per cent from seed to seed, and 30 units are not the infinite
#: width the theory assumes; a σ_w 10 % off moves √χ₁ by about 10 %, well outside.
MEANFIELD_RELATIVE = 0.05
#: The q at which a variance map's slope is its linear regime's (q -> 0).
LINEAR_Q = 1e-9
#: Slack of a log10 bound per time step: the norms are carried as logarithms, summed per step.
LOG10_ROUNDING = 1e-9


# --- what a run does: the plan -------------------------------------------------------------------
#: Networks (samples, for the recurrent nets) each computation draws in a full run.
FULL_NETWORKS = {"initial": 200, "trained": 20, "standin": 3, "chapter": 3, "variance": 50,
                 "rnn": 100}


@dataclass(frozen=True)
class Plan:
    """How much a run computes: its recipes, and how many networks each computation draws
    (``networks``: "initial", "trained", "standin", "chapter", "variance" and "rnn").

    ``chapter`` holds the chapter's accuracy run's training and validation digits (as many
    class-balanced ones as the source holds, up to these) and the fewest training digits that
    make a source with held-out digits count as a full MNIST.
    """

    quick: bool
    networks: Mapping[str, int] = field(default_factory=lambda: dict(FULL_NETWORKS))
    initial: Recipe = Recipe(validation=0)
    trained: Recipe = TRAINING_SPEED
    standin: Recipe = DEPTH_ACCURACY
    variance: Recipe = HISTOGRAMS
    rnn_steps: int = 100
    chapter: tuple[int, int, int] = (NIELSEN_TRAINING, NIELSEN_VALIDATION, 45_000)

    RECIPES = ("initial", "trained", "standin", "variance")

    def but(self, **changes: Any) -> Plan:
        """This plan with some fields changed; ``networks`` merges into the plan's counts."""
        if "networks" in changes:
            changes["networks"] = {**self.networks, **changes["networks"]}
        return replace(self, **changes)

    def check(self) -> None:
        """Every count in range (ValueError naming it), before anything is drawn."""
        if set(self.networks) != set(FULL_NETWORKS):
            raise ValueError(f"a plan counts the networks of {', '.join(FULL_NETWORKS)}")
        for count in self.networks.values():
            NETWORKS.check(count)
        require_count(self.rnn_steps, "the number of time steps", 2, 10_000)
        for count in self.chapter:
            require_count(count, "a number of the chapter's digits", CLASSES)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**data, "networks": dict(self.networks), "chapter": list(self.chapter),
                **{k: data[k].to_json() for k in self.RECIPES}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        recipes = {k: Recipe.from_json(data[k]) for k in cls.RECIPES}
        rest = {k: v for k, v in data.items() if k not in cls.RECIPES}
        return cls(**{**rest, "chapter": tuple(rest["chapter"])}, **recipes)


#: The quick run: under a minute on two cores; fewer trained networks, no 50,000-digit runs.
QUICK = Plan(quick=True).but(networks={"trained": 4, "standin": 1, "variance": 20, "rnn": 50})
#: The full run.
FULL = Plan(quick=False)


# --- one line of the report ----------------------------------------------------------------------
STATUSES = ("pass", "fail", "not_judged")


@dataclass(frozen=True)
class Line:
    """One published value against the value computed now.

    ``item`` names what the line is within its reference (a key of the report's words, filled
    with ``fields``); ``published`` is the paper's value (or the theory's, where the reference
    says so); ``computed`` ours (a median or mean over ``networks`` networks); the ``tested``
    one of the two ("published" or "computed") must lie in [``low``, ``high``], an interval of
    the ``tolerance`` kind. ``unit`` is "%" for accuracies. A line with a ``reason`` is not
    judged: the reason says why its set-up cannot judge the published value.
    """

    reference: str
    item: str
    fields: Mapping[str, int | str]
    published: float
    computed: float | None
    low: float | None
    high: float | None
    tested: str
    tolerance: str
    networks: int
    unit: str = ""
    reason: str = ""

    @property
    def status(self) -> str:
        if self.reason or self.low is None:
            return "not_judged"
        value = self.published if self.tested == "published" else self.computed
        return "pass" if tolerance.inside(value, self.low, self.high) else "fail"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "fields": dict(self.fields), "status": self.status}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Line:
        return cls(**{k: v for k, v in data.items() if k != "status"})


def finite_or_none(x: float) -> float | None:
    # a number JSON can hold; a quantity that is not a finite number is None
    return float(x) if x is not None and math.isfinite(x) else None


def line_of(reference: str, item: str, fields: Mapping, published: float, computed: float | None,
          interval: tuple[float, float] | None, tested: str, kind: str, networks: int,
          unit: str = "", reason: str = "") -> Line:
    low, high = (None, None) if interval is None else map(finite_or_none, interval)
    return Line(reference, item, dict(fields), float(published), finite_or_none(computed), low,
                high, tested, kind, networks, unit,
                reason or ("" if interval is not None else "few"))


# --- a run: what the references share ------------------------------------------------------------
class Run:
    """One reproduction's plan, digits and progress, and the computations references share (the
    speeds at initialisation, computed once per depth)."""

    def __init__(self, plan: Plan, data: Data, progress: Progress) -> None:
        self.plan, self.data, self._progress = plan, data, progress
        self._initial: dict[int, InitNorms] = {}

    def tick(self, k: int = 1) -> None:
        tick(self._progress, k)

    def initial(self, hidden: int) -> InitNorms:
        """The speeds at initialisation of the plan's networks with ``hidden`` hidden layers."""
        if hidden not in self._initial:
            recipe = self.plan.initial.but(hidden=hidden)
            self._initial[hidden] = init_norms(recipe, self.plan.networks["initial"],
                                               source=self.data, progress=self.tick)
        return self._initial[hidden]

    def chapter_sizes(self) -> tuple[int, int] | None:
        """The chapter's training and validation digits, class-balanced, as many as the source
        holds up to the plan's; None unless it is a full MNIST."""
        return chapter_sizes(self.data.source, self.plan)


def chapter_sizes(source: Source, plan: Plan) -> tuple[int, int] | None:
    """(training, validation) digits of the chapter's accuracy run on ``source``, or None when
    the source is not a full MNIST (no held-out digits, or too few of some digit)."""
    if source.held_out is None:
        return None
    most_images, most_validation, full_mnist = plan.chapter
    fewest = int(np.bincount(source.train.labels, minlength=CLASSES).min())
    held = int(np.bincount(source.held_out.labels, minlength=CLASSES).min())
    images = CLASSES * min(most_images // CLASSES, fewest)
    validation = CLASSES * min(most_validation // CLASSES, held)
    return (images, validation) if images >= full_mnist and validation else None


