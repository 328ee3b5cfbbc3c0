"""The published numbers this tool claims to reproduce, re-run: one registry of references, each
with its source, its published values, how to compute them now and how to judge them.

Each :class:`Reference` is one entry of :data:`REFERENCES`: a key, its citation (authors and
year as data; the words of the citation are the report's), the published values it checks (as
data, each with its source in a comment), and a function that computes its lines now from a
:class:`Run` (the plan, the digits, a progress display and the computations references share).
A :class:`Line` holds one published value, the value computed now, the interval one of them
must lie in and the kind of tolerance that made it (:mod:`.tolerance`), so its verdict is data:
"pass", "fail", or "not judged" with the reason why the set-up cannot judge it.

What each reference's set-up shares with the paper's and what differs is said by its report;
the set-ups here:

- the chapter's speeds of learning (Nielsen 2015, ch. 5, and the data of its figures): the
  chapter's network (sigmoid everywhere, cross-entropy, weights N(0, 1/n_in), biases N(0, 1))
  on 1,000 training digits, at initialisation and after 500 epochs of full-batch descent
  (η = 0.1, λ = 5.0 over n = 1,000), ``‖mean over images of ∂C/∂b^l‖``;
- the accuracy against depth (the chapter's 96.48 / 96.90 / 96.57 / 96.53 %): mini-batch SGD
  (batch 10, η = 0.1, λ = 5.0, 30 epochs) on the chapter's 50,000 training digits when the
  digits are a full MNIST (``--data``) and the run is not quick; otherwise a stand-in run on
  4,000 digits that is shown and not judged;
- mean field (Poole et al. 2016, Schoenholz et al. 2017): √χ₁ against the measured ratio of
  consecutive layers' speeds in the chapter's four-hidden-layer network;
- variance preservation (He et al. 2015; Glorot and Bengio 2010): Var[z] from the first to the
  last of five hidden layers of 100 units (zero biases) fed 1,000 digits, per layer;
- Pascanu et al. (2013): λ₁ < 1/γ bounds every ‖∂C/∂h_t‖ by (λ₁γ)^(T−t) ‖∂C/∂h_T‖ in the
  random recurrent networks of ``experiment rnn``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..train import Progress, begin
from .data import Data, as_data
from .mnist import Source
from .plan import check_passes, check_training
from .references import REFERENCES, Reference, chosen
from .reproduction import (
    FULL,
    NIELSEN_ACCURACY,
    NIELSEN_TRAINED,
    STATUSES,
    Line,
    Plan,
    Run,
)
from .result import Result, check_experiment, header

Array = np.ndarray


# --- the result ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Reproduction(Result):
    """What a run of ``analytic reproduce`` found.

    ``lines`` holds every line of the references run, in the registry's order, ``seconds``
    the time the run took, ``data`` the name of its digits.
    """

    experiment = "reproduce"

    plan: Plan
    data: str
    seconds: float
    lines: tuple[Line, ...]

    @property
    def references(self) -> tuple[str, ...]:
        """The keys of the references run, in order."""
        return tuple(dict.fromkeys(line.reference for line in self.lines))

    def count(self, status: str) -> int:
        return sum(line.status == status for line in self.lines)

    @property
    def failed(self) -> bool:
        return self.count("fail") > 0

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "quick": self.plan.quick, "seconds": self.seconds,
                "summary": {s: self.count(s) for s in STATUSES},
                "references": [REFERENCES[k].to_json() for k in self.references],
                "lines": [line.to_json() for line in self.lines], "plan": self.plan.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reproduction:
        check_experiment(cls, data)
        return cls(Plan.from_json(data["plan"]), data["data"], data["seconds"],
                   tuple(Line.from_json(line) for line in data["lines"]))


def _check(plan: Plan, references: Sequence[Reference]) -> None:
    # everything a request can get wrong, before any network is drawn
    plan.check()
    keys = {r.key for r in references}
    if keys & {"speeds-initial", "meanfield"}:
        for hidden in (2, 3, 4):
            check_passes(plan.initial.but(hidden=hidden), plan.initial.images,
                         plan.networks["initial"], weight_gradients=False)
    if "speeds-trained" in keys:
        check_training(plan.trained.but(hidden=max(NIELSEN_TRAINED)),
                       len(NIELSEN_TRAINED) * plan.networks["trained"])
    if "accuracy-depth" in keys:
        deepest = plan.standin.but(hidden=max(NIELSEN_ACCURACY))
        check_training(deepest, len(NIELSEN_ACCURACY) * plan.networks["standin"])
        check_training(deepest.but(images=plan.chapter[0], validation=plan.chapter[1]),
                       len(NIELSEN_ACCURACY) * plan.networks["chapter"])
    if keys & {"variance-he", "variance-glorot"}:
        check_passes(plan.variance, plan.variance.images, 2 * plan.networks["variance"],
                     weight_gradients=False)


def reproduce(plan: Plan = FULL, source: Data | Source | None = None, progress: Progress = None,
              references: Sequence[str] = ()) -> Reproduction:
    """Re-run the references named (all by default) on ``source``'s digits (the embedded sample
    unless a user's MNIST is given) as ``plan`` says; every line judged, and the time it took.

    ``progress`` is told the whole run's work first, then ticks as it goes.
    """
    picked = chosen(references)
    _check(plan, picked)
    start = time.perf_counter()
    data = as_data(source)
    run = Run(plan, data, progress)
    full = run.chapter_sizes() is not None
    depths = {h for r in picked for h in r.initial_depths}
    begin(progress, len(depths) * plan.networks["initial"]
          + sum(r.work(plan, full) for r in picked), "steps")
    lines = tuple(line for r in picked for line in r.compute(run, r))
    return Reproduction(plan, data.name, time.perf_counter() - start, lines)
