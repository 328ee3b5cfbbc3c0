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

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

import numpy as np

from ..core.activations import Activation, relu, sigmoid, tanh
from ..core.initialisation import he, xavier
from ..core.limits import NETWORKS, require_count
from ..theory.meanfield import mean_phi_prime_squared, mean_phi_squared
from ..train import Progress, Recipe, begin, forward, tick
from . import tolerance
from .data import Data, as_data, network
from .histograms import HISTOGRAMS
from .mnist import CLASSES, Source
from .plan import check_passes, check_training
from .prediction import measured_prediction
from .result import Result, check_experiment, header
from .rnn import DEFAULT_RADII, RecurrentGradients, recurrent_gradients
from .speeds import InitNorms, init_norms
from .training import DEPTH_ACCURACY, TRAINING_SPEED, depth_accuracy, depth_recipes, training_speed

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


def _finite(x: float) -> float | None:
    # a number JSON can hold; a quantity that is not a finite number is None
    return float(x) if x is not None and math.isfinite(x) else None


def _line(reference: str, item: str, fields: Mapping, published: float, computed: float | None,
          interval: tuple[float, float] | None, tested: str, kind: str, networks: int,
          unit: str = "", reason: str = "") -> Line:
    low, high = (None, None) if interval is None else map(_finite, interval)
    return Line(reference, item, dict(fields), float(published), _finite(computed), low, high,
                tested, kind, networks, unit, reason or ("" if interval is not None else "few"))


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


# --- the references ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reference:
    """One entry of the registry: its key, its citation's authors and year, the published
    values it checks, the function that computes its lines, its work (progress units), the
    depths whose speeds at initialisation it reads, and what its published values are
    (``value``): "published" (the paper's numbers), "theory" (computed now by the theory the
    paper states) or "formula" (the paper's formula, evaluated for our set-up)."""

    key: str
    authors: str
    year: int
    published: Mapping[Any, Any]
    compute: Callable[[Run, Reference], tuple[Line, ...]]
    work: Callable[[Plan, bool], int] = lambda plan, full: 0
    initial_depths: tuple[int, ...] = ()
    data_file: str = ""
    value: str = "published"

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "authors": self.authors, "year": self.year, "value": self.value,
                **({"data_file": self.data_file} if self.data_file else {})}


def _sizes(recipe: Recipe, hidden: int) -> str:
    return str(list(recipe.but(hidden=hidden).sizes))


def _speeds_initial(run: Run, ref: Reference) -> tuple[Line, ...]:
    lines = []
    for hidden, published in ref.published.items():
        speeds = run.initial(hidden).speeds
        lines += _speed_lines(ref.key, run.plan.initial, hidden, speeds, published, "layer")
        for l in range(1, hidden):
            ours = speeds[:, l] / speeds[:, l - 1]
            lines.append(_line(ref.key, "ratio", {"sizes": _sizes(run.plan.initial, hidden),
                                                   "l": l + 1, "k": l},
                               published[l] / published[l - 1], float(np.median(ours)),
                               tolerance.log_prediction_interval(ours), "published",
                               "prediction", len(ours)))
    return tuple(lines)


def _speed_lines(key: str, recipe: Recipe, hidden: int, speeds: Array, published: Sequence,
                 item: str) -> list[Line]:
    # one line per hidden layer: the published speed in our networks' prediction interval
    sizes = _sizes(recipe, hidden)
    return [_line(key, item, {"sizes": sizes, "l": l + 1}, published[l],
                  float(np.median(speeds[:, l])),
                  tolerance.log_prediction_interval(speeds[:, l]), "published", "prediction",
                  len(speeds))
            for l in range(hidden)]


def _speeds_trained(run: Run, ref: Reference) -> tuple[Line, ...]:
    plan, lines = run.plan, []
    for hidden, published in ref.published.items():
        last = []
        for s in range(plan.networks["trained"]):
            recipe = plan.trained.but(hidden=hidden, seed=plan.trained.seed + s)
            result = training_speed(recipe, source=run.data, progress=run.tick)
            run.tick(recipe.epochs - len(result.speeds))  # a diverged run's remaining epochs
            if result.diverged_at is None:
                last.append(result.speeds[-1])
        speeds = np.array(last).reshape(-1, hidden)
        fields = {"epoch": plan.trained.epochs - 1}  # the speed before the last step
        lines += [replace(line, fields={**line.fields, **fields}) for line in _speed_lines(
            ref.key, plan.trained, hidden, speeds, published, "trained")]
        ours = speeds[:, -1] / speeds[:, 0]
        lines.append(_line(ref.key, "last_over_first", {"sizes": _sizes(plan.trained, hidden),
                                                         "h": hidden, **fields},
                           published[-1] / published[0],
                           float(np.median(ours)) if len(ours) else None,
                           tolerance.log_prediction_interval(ours), "published", "prediction",
                           len(ours)))
    return tuple(lines)


def _accuracy(run: Run, ref: Reference) -> tuple[Line, ...]:
    plan, sizes = run.plan, run.chapter_sizes()
    judged = sizes is not None and not plan.quick
    if judged:
        images, validation = sizes
        base, networks = plan.standin.but(images=images, validation=validation), \
            plan.networks["chapter"]
    else:
        base, networks = plan.standin, plan.networks["standin"]
    recipes = depth_recipes(max(ref.published), base)
    result = depth_accuracy(recipes, networks, run.data, run.tick)
    percent = [100 * row[~gone] for row, gone in zip(result.accuracies, result.diverged)]
    std, dof = tolerance.pooled_std(percent)
    reason = "" if judged else ("quick" if sizes is not None else "sample")
    lines = []
    for recipe, ours in zip(recipes, percent):
        published = ref.published[recipe.hidden]
        mean = float(ours.mean()) if len(ours) else None
        interval = None
        if judged and mean is not None and dof > 0:
            interval = tolerance.prediction_interval(
                mean, std, dof, len(ours), _binomial(published, NIELSEN_VALIDATION)
                + _binomial(mean, recipe.validation))
        fields = {"sizes": str(list(recipe.sizes)), "images": recipe.images,
                  "validation": recipe.validation, "h": recipe.hidden,
                  "shrink": f"{NIELSEN_TRAINING / recipe.images:.3g}"}
        lines.append(_line(ref.key, "accuracy", fields, published, mean, interval, "published",
                           "prediction" if judged else "none", len(ours), "%", reason))
    return tuple(lines)


def _binomial(percent: float, n: int) -> float:
    """The binomial variance (in percent²) of an accuracy measured on n digits."""
    p = percent / 100
    return 100**2 * p * (1 - p) / n


def _meanfield(run: Run, ref: Reference) -> tuple[Line, ...]:
    hidden = ref.initial_depths[0]
    prediction = measured_prediction(run.initial(hidden))
    factor = prediction.mean_field.per_layer_factor
    interval = tolerance.relative_interval(factor, MEANFIELD_RELATIVE)
    sizes = _sizes(run.plan.initial, hidden)
    return tuple(_line(ref.key, "ratio", {"sizes": sizes, "l": l, "k": l + 1}, factor, measured,
                       interval, "computed", "relative", run.plan.networks["initial"])
                 for l, measured in enumerate(prediction.measured, start=1))


@dataclass(frozen=True)
class VarianceFactor:
    """Var[z] of the last hidden layer over the first's, per network (``ratios``), the first
    layer's Var[z] (``first``), and the per-layer factor (mean ratio)^(1/(H−1)) with its
    standard error (by the delta method)."""

    ratios: Array
    first: Array
    steps: int

    @property
    def factor(self) -> float:
        return float(self.ratios.mean()) ** (1 / self.steps)

    @property
    def standard_error(self) -> float:
        mean, k = float(self.ratios.mean()), len(self.ratios)
        if k < 2:
            return math.nan
        return self.factor * float(self.ratios.std(ddof=1)) / math.sqrt(k) / (mean * self.steps)


def variance_factor(recipe: Recipe, networks: int, data: Data, progress: Progress = None
                    ) -> VarianceFactor:
    """Var[z^l] = mean of (z^l)² over images and units, in networks 0..networks−1 of the
    recipe on its training digits: the last hidden layer's over the first's."""
    digits, ratios, first = data(recipe), [], []
    for i in range(networks):
        model, _ = network(recipe, i, digits)
        zs = forward(model, digits.x).zs[:recipe.hidden]
        variances = [float(np.mean(z * z)) for z in zs]
        ratios.append(variances[-1] / variances[0])
        first.append(variances[0])
        tick(progress)
    return VarianceFactor(np.array(ratios), np.array(first), recipe.hidden - 1)


def linear_factor(phi: Activation, sigma_w2: float, q: float) -> float:
    """σ_w² E[φ(√q z)²] / q: the factor by which the variance map multiplies q (Var[z]) per
    layer; as q -> 0, σ_w² E[φ′(0)²] (the linear regime) for a smooth φ."""
    return sigma_w2 * float(mean_phi_squared(phi, q)) / q


def _variance(phi: Activation, init) -> Callable[[Run, Reference], tuple[Line, ...]]:
    def compute(run: Run, ref: Reference) -> tuple[Line, ...]:
        recipe = run.plan.variance.but(activation=phi, init=init)
        width = recipe.width
        sigma_w2 = width * init.variance(width, width)
        measured = variance_factor(recipe, run.plan.networks["variance"], run.data, run.tick)
        published = sigma_w2 * float(mean_phi_prime_squared(phi, 0.0))
        # the map's factor lies between its linear regime's and its value at the largest q
        at_first = linear_factor(phi, sigma_w2, float(measured.first.max()))
        band = tolerance.widened(min(published, at_first), max(published, at_first),
                                 measured.standard_error)
        fields = {"act": phi.label, "init": init.law, "hidden": recipe.hidden, "width": width,
                  "q": f"{float(measured.first.max()):.3g}", "floor": f"{at_first:.3g}"}
        return (_line(ref.key, "factor", fields, published, measured.factor,
                      band if math.isfinite(measured.standard_error) else None, "computed",
                      "band", len(measured.ratios)),)

    return compute


def pascanu_share(result: RecurrentGradients) -> tuple[int, int]:
    """(networks with λ₁ < 1/γ, how many of them obey ‖∂C/∂h_t‖ <= (λ₁γ)^(T−t) ‖∂C/∂h_T‖ at
    every step t), over every spectral radius of the result."""
    gamma, eligible, obeying = result.gamma, 0, 0
    for radius in result.radii:
        norms = radius.log10_norms  # column t − 1 for step t
        steps_back = np.arange(norms.shape[1])[::-1]  # T − t
        for s in np.flatnonzero(radius.vanishing_guaranteed(gamma)):
            bound = norms[s, -1] + steps_back * math.log10(radius.singular_values[s] * gamma)
            eligible += 1
            obeying += bool(np.all(norms[s] <= bound + LOG10_ROUNDING * (1 + steps_back)))
    return eligible, obeying


def _pascanu(run: Run, ref: Reference) -> tuple[Line, ...]:
    lines = []
    for phi in ref.published:
        result = recurrent_gradients(DEFAULT_RADII, samples=run.plan.networks["rnn"],
                                     steps=run.plan.rnn_steps, activation=phi,
                                     progress=run.tick)
        eligible, obeying = pascanu_share(result)
        share = obeying / eligible if eligible else None
        fields = {"act": phi.label, "gamma": f"{result.gamma:g}", "bound": f"{result.bound:g}",
                  "eligible": eligible, "samples": result.samples * len(result.radii),
                  "steps": result.steps}
        lines.append(_line(ref.key, "bound", fields, ref.published[phi], share,
                           (1.0, 1.0) if eligible else None, "computed", "all", eligible,
                           reason="" if eligible else "none_eligible"))
    return tuple(lines)


REFERENCES: dict[str, Reference] = {r.key: r for r in (
    Reference("speeds-initial", "Nielsen", 2015, NIELSEN_INITIAL, _speeds_initial,
              initial_depths=tuple(NIELSEN_INITIAL),
              data_file="fig/norms_during_training_{2,3,4}_layers.json (epoch 0)"),
    Reference("speeds-trained", "Nielsen", 2015, NIELSEN_TRAINED, _speeds_trained,
              lambda plan, full: len(NIELSEN_TRAINED) * plan.networks["trained"]
              * plan.trained.epochs,
              data_file="fig/norms_during_training_{2,3,4}_layers.json (epoch 499)"),
    Reference("accuracy-depth", "Nielsen", 2015, NIELSEN_ACCURACY, _accuracy,
              lambda plan, full: len(NIELSEN_ACCURACY) * plan.standin.epochs * plan.networks[
                  "chapter" if full and not plan.quick else "standin"]),
    Reference("meanfield", "Poole et al.; Schoenholz et al.", 2017, {}, _meanfield,
              initial_depths=(4,), value="theory"),
    Reference("variance-he", "He et al.", 2015, {}, _variance(relu(), he()),
              lambda plan, full: plan.networks["variance"], value="formula"),
    Reference("variance-glorot", "Glorot and Bengio", 2010, {}, _variance(tanh(), xavier()),
              lambda plan, full: plan.networks["variance"], value="formula"),
    # every network with λ₁ < 1/γ obeys the bound: a share of 1 for tanh (γ = 1) and sigmoid
    # (γ = 1/4) alike
    Reference("pascanu", "Pascanu, Mikolov and Bengio", 2013, {tanh(): 1.0, sigmoid(): 1.0},
              _pascanu, lambda plan, full: 2 * len(DEFAULT_RADII), value="formula"),
)}


def chosen(keys: Sequence[str] = ()) -> tuple[Reference, ...]:
    """The references named (all, in the registry's order, when none is)."""
    unknown = [k for k in keys if k not in REFERENCES]
    if unknown:
        raise ValueError(f"unknown reference {unknown[0]!r}; choose from: "
                         + ", ".join(REFERENCES))
    return tuple(r for k, r in REFERENCES.items() if not keys or k in keys)


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
