"""The registry of references ``analytic reproduce`` re-runs: one :class:`Reference` each, with
its citation, the published values it checks (:mod:`.reproduction`), how to compute its lines
now from a :class:`~.reproduction.Run`, and how to judge them (:mod:`.tolerance`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..core.activations import Activation, relu, sigmoid, tanh
from ..core.initialisation import he, xavier
from ..theory.meanfield import mean_phi_prime_squared, mean_phi_squared
from ..train import Progress, Recipe, forward, tick
from . import isometry, tolerance
from .data import Data, network
from .prediction import measured_prediction
from .reproduction import (
    LOG10_ROUNDING,
    MEANFIELD_RELATIVE,
    NIELSEN_ACCURACY,
    NIELSEN_INITIAL,
    NIELSEN_TRAINED,
    NIELSEN_TRAINING,
    NIELSEN_VALIDATION,
    Line,
    Plan,
    Run,
    line_of,
)
from .rnn import DEFAULT_RADII, RecurrentGradients, recurrent_gradients
from .training import depth_accuracy, depth_recipes, training_speed

Array = np.ndarray


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
            lines.append(line_of(ref.key, "ratio", {"sizes": _sizes(run.plan.initial, hidden),
                                                   "l": l + 1, "k": l},
                               published[l] / published[l - 1], float(np.median(ours)),
                               tolerance.log_prediction_interval(ours), "published",
                               "prediction", len(ours)))
    return tuple(lines)


def _speed_lines(key: str, recipe: Recipe, hidden: int, speeds: Array, published: Sequence,
                 item: str) -> list[Line]:
    # one line per hidden layer: the published speed in our networks' prediction interval
    sizes = _sizes(recipe, hidden)
    return [line_of(key, item, {"sizes": sizes, "l": l + 1}, published[l],
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
        lines.append(line_of(ref.key, "last_over_first", {"sizes": _sizes(plan.trained, hidden),
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
        lines.append(line_of(ref.key, "accuracy", fields, published, mean, interval, "published",
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
    return tuple(line_of(ref.key, "ratio", {"sizes": sizes, "l": l, "k": l + 1}, factor, measured,
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
        return (line_of(ref.key, "factor", fields, published, measured.factor,
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
        lines.append(line_of(ref.key, "bound", fields, ref.published[phi], share,
                           (1.0, 1.0) if eligible else None, "computed", "all", eligible,
                           reason="" if eligible else "none_eligible"))
    return tuple(lines)


#: Where the order–chaos line crosses an axis, by the papers' formulas: tanh at σ_b = 0 where
#: χ₁ = σ_w² tanh′(0)² = 1 (Poole et al. 2016: q* = 0 below it), relu at σ_w² = 2 whatever σ_b
#: (χ₁ = σ_w²/2; He et al.'s 2/n_in). The line is found by theory.depth_scales' own search (a
#: grid and 60 bisections of χ₁ at q*); tanh's q* at σ_b = 0 falls to 0 ever more slowly as the
#: line nears, which leaves the search 1.5·10⁻⁷ above 1 there: the tolerance is 10⁻⁶.
ORDER_CHAOS = {("tanh", 0.0): 1.0, ("relu", 0.0): 2.0, ("relu", 0.05): 2.0}
LINE_RELATIVE = 1e-6


def _order_chaos(run: Run, ref: Reference) -> tuple[Line, ...]:
    from ..core.activations import get_activation
    from ..theory.depth_scales import critical_sigma_w2

    lines = []
    for (name, sigma_b2), value in ref.published.items():
        phi = get_activation(name)
        found = float(critical_sigma_w2(phi, [sigma_b2])[0])
        lines.append(line_of(ref.key, "critical", {"act": phi.label, "sb2": f"{sigma_b2:g}"},
                             value, found, tolerance.relative_interval(value, LINE_RELATIVE),
                             "computed", "exact", 1))
        run.tick()
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
    # the papers' formulas at N -> infinity (their sources: analytic.experiments.isometry)
    Reference("pennington", "Pennington, Schoenholz and Ganguli", 2017, {}, isometry.pennington,
              lambda plan, full: len(isometry.PENNINGTON) * plan.networks["jacobian"],
              value="limit"),
    Reference("saxe", "Saxe, McClelland and Ganguli", 2013, {}, isometry.saxe,
              lambda plan, full: len(isometry.SAXE) * plan.networks["jacobian"], value="limit"),
    Reference("order-chaos", "Poole et al.; Schoenholz et al.", 2017, ORDER_CHAOS,
              _order_chaos, lambda plan, full: len(ORDER_CHAOS), value="formula"),
)}


def chosen(keys: Sequence[str] = ()) -> tuple[Reference, ...]:
    """The references named (all, in the registry's order, when none is)."""
    unknown = [k for k in keys if k not in REFERENCES]
    if unknown:
        raise ValueError(f"unknown reference {unknown[0]!r}; choose from: "
                         + ", ".join(REFERENCES))
    return tuple(r for k, r in REFERENCES.items() if not keys or k in keys)


