"""Inside the layers at initialisation: histograms of each hidden layer's activations and errors.

Set-up: a set-up is a recipe (:data:`HISTOGRAMS`): a [784, width, ..., width, 10] network with
``hidden`` hidden layers of φ (default five of 100), a sigmoid output layer and the
cross-entropy cost with the one-hot digit labels as targets, so that δ^L = a^L − y (as it is
for a softmax output with the log-likelihood cost, the recipe's other output). It is fed
the recipe's training digits (1,000 of the embedded MNIST sample by default) at
initialisation: weights from the recipe's scheme (``core.initialisation``, the output layer's
included), biases N(0, ``bias_std``²), 0 by default as in the textbook picture. Every set-up
draws its network as network 0 of its seed, so schemes that differ only in scale (gaussian,
normal:0.01, scaled, he) share the same underlying normal draws, and a set-up's numbers do not
depend on the other set-ups asked for.

Notation (that of ``core.network``): hidden layers l = 1..H, layer 0 the input; z^l, a^l and the
per-image error δ^l = ∂C_x/∂z^l of image x. A layer's statistics pool all (image, neuron)
pairs; Var[w^l] is the variance of the scheme's weights (``WeightScheme.variance``).

What is predicted, and how:

- ``z_var`` is the measured mean of (z^l)², the variance of z^l about its mean 0 under the
  random weights;
- ``z_var_predicted`` = n_{l−1} Var[w^l] · mean((a^{l−1})²) + Var[b]: the expectation of that
  mean over the draw of w^l and b^l, given the measured previous layer (the input for l = 1).
  It is exact in expectation; for a 100-wide layer its sampling error is a few per cent up to
  ~15 % (sigmoid layers, whose inputs are alike for every image);
- ``z_var_meanfield``: the mean-field variance map q^l = σ_w² E[φ(√q^{l−1} u)²] + σ_b², with
  σ_w² = n_{l−1} Var[w^l] and u ~ N(0, 1), started at each image's q^1(x) = Var[w^1] |x|² +
  Var[b] and averaged over images. It looks at no hidden layer: it is what theory predicts
  from the input alone, exact as the widths grow. (Xavier keeps σ_w² = 1 between equal layers,
  so q^l is kept for linear units and halves per layer for ReLU; He's σ_w² = 2 keeps it for
  ReLU);
- ``delta_rms`` is the root mean square of δ^l; ``delta_rms_predicted`` the backward
  counterpart, mean_x[mean_j φ′(z^l_j)² · Var[w^{l+1}] |δ^{l+1}(x)|²]^{1/2} from the measured
  next layer, treating w^{l+1} as independent of δ^{l+1} (mean field's gradient independence).

``saturated`` is the fraction of (image, neuron) pairs at the flat ends of φ. For a φ of the
sigmoid form Aσ(cz) + B it counts a within ``margin`` · A of either asymptote (by default
:data:`~analytic.core.activations.SATURATION_MARGIN`, the band every experiment counts by); for
φ linear above zero (the rectifiers) it counts the *inactive* units, z ≤ 0 (for ReLU exactly
a = 0); for other φ it is None.

Glorot and Bengio's (2010) Figs. 6 and 7 show the same histograms of a^l and of δ^l for tanh
networks at initialisation, the standard initialisation U(±1/√n_in) against their normalised
one (Xavier's): the preset ``glorot2010`` (:data:`PRESETS`) is that pair on their network
(five hidden layers of 1,000, biases 0, a softmax output with the log-likelihood), fed MNIST
digits where they fed Shapeset-3×2 images.

A network whose activations or errors pass ``OVERFLOW_LIMIT`` is reported with the layer where
they did (``overflow_layer``) and no statistics, instead of overflowing float64.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import (
    SATURATION_MARGIN,
    Activation,
    relu,
    saturation_band,
    sigmoid,
    tanh,
)
from ..core.costs import log_likelihood
from ..core.initialisation import gaussian, he, normal, standard, xavier
from ..core.limits import check_memory, require_count, require_range
from ..core.outputs import Softmax
from ..theory.meanfield import variance_map
from ..train import Model, Pass, Progress, Recipe, backward, begin, forward, tick
from ..train.model import Gradients
from .data import Data, Prepared, as_data, network
from .mnist import Source
from .presets import Preset
from .result import Result, array, check_experiment, header, listed

Array = np.ndarray
#: Largest |z|, |a| or |δ| kept: squares summed over 10^8 entries stay finite.
OVERFLOW_LIMIT = 1e145
#: Values of √q at which the mean-field map is evaluated, then interpolated for each image (the
#: interpolation's relative error is below 1e-4 for the default set-ups).
MEANFIELD_GRID = 65
#: The textbook picture's network: five hidden layers of 100, zero biases, 1,000 digits.
HISTOGRAMS = Recipe(hidden=5, width=100, bias_std=0.0, images=1000, validation=0)
#: The classic pictures: sigmoid with N(0, 1) weights (piled at 0 and 1), with N(0, 0.01²)
#: (collapsed to 0.5), with Xavier; tanh with Xavier; ReLU with Xavier (shrinking) and He.
SETUPS = ((sigmoid(), gaussian()), (sigmoid(), normal(0.01)), (sigmoid(), xavier()),
          (tanh(), xavier()), (relu(), xavier()), (relu(), he()))
#: Glorot and Bengio's Figs. 6-7: tanh with their standard and their normalised weights, on
#: their network (1,000 units a layer, softmax output and log-likelihood), 1,000 MNIST digits.
PRESETS = {
    "glorot2010": Preset(
        HISTOGRAMS.but(width=1000, output=Softmax(), cost=log_likelihood()),
        ((tanh(), standard()), (tanh(), xavier())), "Glorot and Bengio (2010), Figs. 6-7"),
}


def setups(pairs=SETUPS, base: Recipe = HISTOGRAMS) -> tuple[Recipe, ...]:
    """One recipe per (activation, weight scheme) set-up, each ``base`` otherwise."""
    return tuple(base.but(activation=a, init=i) for a, i in pairs)


@dataclass(frozen=True, eq=False)
class LayerHistogram:
    """One hidden layer: statistics of a^l, z^l and δ^l, and the histogram counts."""

    mean: float
    std: float
    saturated: float | None
    z_var: float
    z_var_predicted: float
    z_var_meanfield: float
    delta_rms: float
    delta_rms_predicted: float
    a_counts: Array
    delta_counts: Array

    STATISTICS = ("mean", "std", "saturated", "z_var", "z_var_predicted", "z_var_meanfield",
                  "delta_rms", "delta_rms_predicted")

    def to_json(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in self.STATISTICS},
                "a_counts": listed(self.a_counts), "delta_counts": listed(self.delta_counts)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LayerHistogram:
        return cls(**{k: data[k] for k in cls.STATISTICS},
                   a_counts=array(data["a_counts"], int),
                   delta_counts=array(data["delta_counts"], int))


@dataclass(frozen=True, eq=False)
class SetupHistograms:
    """One set-up's hidden layers, layer 1 first, with the bin edges every layer shares.

    ``saturation`` says what ``saturated`` counts: "saturated", "inactive" or "none".
    ``overflow_layer`` is the layer (1..L) whose z or δ passed ``OVERFLOW_LIMIT``; then
    ``layers`` is empty.
    """

    recipe: Recipe
    saturation: str
    a_edges: Array
    delta_edges: Array
    layers: tuple[LayerHistogram, ...]
    overflow_layer: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"recipe": self.recipe.to_json(), "saturation": self.saturation,
                "overflow_layer": self.overflow_layer, "a_edges": listed(self.a_edges),
                "delta_edges": listed(self.delta_edges),
                "layers": [{"layer": l, **layer.to_json()}
                           for l, layer in enumerate(self.layers, start=1)]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SetupHistograms:
        return cls(Recipe.from_json(data["recipe"]), data["saturation"], array(data["a_edges"]),
                   array(data["delta_edges"]),
                   tuple(LayerHistogram.from_json(layer) for layer in data["layers"]),
                   data["overflow_layer"])


@dataclass(frozen=True, eq=False)
class Histograms(Result):
    """Every set-up's layers, on one batch of digits."""

    experiment = "histograms"
    figures = {"": "layer_histograms", "delta": "delta_histograms"}

    setups: tuple[SetupHistograms, ...]
    data: str
    bins: int
    margin: float

    @property
    def hidden(self) -> int:
        return self.setups[0].recipe.hidden

    @property
    def images(self) -> int:
        return self.setups[0].recipe.images

    def to_json(self) -> dict[str, Any]:
        return {**header(self, self.data), "bins": self.bins, "margin": self.margin,
                "setups": [s.to_json() for s in self.setups]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Histograms:
        check_experiment(cls, data)
        return cls(tuple(SetupHistograms.from_json(s) for s in data["setups"]), data["data"],
                   data["bins"], data["margin"])


# --- the flat ends of phi ------------------------------------------------------------------------
def saturation_kind(phi: Activation) -> str:
    """What ``saturated_fraction`` counts for phi: "saturated", "inactive" or "none"."""
    if phi.sigmoid_form is not None:
        return "saturated"
    return "inactive" if phi.linear_above_zero else "none"


def output_range(phi: Activation) -> tuple[float, float]:
    """(inf phi, sup phi) for phi = A sigma(cz) + B: phi(0) -+ A/2.

    >>> output_range(tanh())
    (-1.0, 1.0)
    """
    scale = phi.sigmoid_form[0]
    centre = float(phi.f(np.zeros(1))[0])
    return centre - scale / 2, centre + scale / 2


def saturated_fraction(phi: Activation, z: Array, a: Array, margin: float) -> float | None:
    """The fraction of entries at phi's flat ends (see the module docstring), or None."""
    kind = saturation_kind(phi)
    if kind == "saturated":
        low, high = saturation_band(*output_range(phi), margin)
        return float(np.mean((a < low) | (a > high)))
    return float(np.mean(z <= 0)) if kind == "inactive" else None


# --- bins ----------------------------------------------------------------------------------------
def activation_edges(phi: Activation, activations: Sequence[Array], bins: int) -> Array:
    """phi's output range for a bounded phi, else the range of every layer's values."""
    if phi.sigmoid_form is not None:
        low, high = output_range(phi)
    else:
        low = min(float(a.min()) for a in activations)
        high = max(float(a.max()) for a in activations)
    return np.linspace(low, high if high > low else low + 1.0, bins + 1)


def delta_edges(deltas: Sequence[Array], bins: int) -> Array:
    """Symmetric bins on [-m, m], m the largest |delta| of any layer: every value is counted."""
    m = max(float(np.abs(d).max()) for d in deltas)
    return np.linspace(-m, m, bins + 1) if m > 0 else np.linspace(-1.0, 1.0, bins + 1)


# --- what initialisation theory predicts ---------------------------------------------------------
def predicted_z_var(w_vars: Sequence[float], activations: Sequence[Array], b_var: float,
                    l: int) -> float:
    """n_{l-1} Var[w^l] mean((a^{l-1})^2) + Var[b] = Var[w^l] mean_x |a^{l-1}(x)|^2 + Var[b],
    from the measured layer l - 1 (for l = 1 the input, whose blank pixels add nothing)."""
    a_prev = activations[l - 1]
    return w_vars[l - 1] * float(np.sum(a_prev**2)) / len(a_prev) + b_var


def meanfield_z_vars(phi: Activation, w_vars: Sequence[float], sizes: Sequence[int], x: Array,
                     b_var: float, hidden: int) -> list[float]:
    """The variance map from each image's q^1(x) = Var[w^1] |x|^2 + Var[b], image-averaged."""
    q = w_vars[0] * np.sum(x**2, axis=1) + b_var
    means = [float(q.mean())]
    for l in range(2, hidden + 1):
        sigma_w = math.sqrt(sizes[l - 1] * w_vars[l - 1])
        q = _variance_map_per_image(phi, sigma_w, math.sqrt(b_var), q)
        means.append(float(q.mean()))
    return means


def _variance_map_per_image(phi: Activation, sigma_w: float, sigma_b: float, q: Array) -> Array:
    if phi.piecewise_linear:  # the map is linear in q: exact for the whole array at once
        return variance_map(phi, sigma_w, sigma_b, q)
    # the map is smooth in sqrt(q): evaluate it on a grid and interpolate, not once per image
    grid = np.linspace(np.sqrt(q.min()), np.sqrt(q.max()), MEANFIELD_GRID)
    mapped = np.array([variance_map(phi, sigma_w, sigma_b, float(g * g)) for g in grid])
    return np.interp(np.sqrt(q), grid, mapped)


def predicted_delta_rms(phi: Activation, w_vars: Sequence[float], batch: Pass,
                        grads: Gradients, l: int) -> float:
    """rms delta^l from the measured phi'(z^l) and delta^{l+1}, w^{l+1} taken as independent."""
    slope = np.mean(batch.primes[l - 1] ** 2, axis=1)
    incoming = w_vars[l] * np.sum(grads.deltas[l] ** 2, axis=1)
    return math.sqrt(float(np.mean(slope * incoming)))


# --- one set-up ----------------------------------------------------------------------------------
def _first_overflow(batch: Pass, grads: Gradients) -> int | None:
    """The first layer whose z (forward) or delta (backward, from L down) is not below the limit."""
    # NaN fails the comparison too
    in_range = lambda values: bool(np.all(np.abs(values) < OVERFLOW_LIMIT))  # noqa: E731
    for l, z in enumerate(batch.zs, start=1):
        if not in_range(z):
            return l
    for l in range(len(grads.deltas), 0, -1):
        if not in_range(grads.deltas[l - 1]):
            return l
    return None


def _layer(phi: Activation, batch: Pass, grads: Gradients, l: int,
           edges: tuple[Array, Array], margin: float) -> dict:
    # the measured part of layer l; the predictions are added by the caller
    z, a, delta = batch.zs[l - 1], batch.activations[l], grads.deltas[l - 1]
    return {
        "mean": float(a.mean()), "std": float(a.std()),
        "saturated": saturated_fraction(phi, z, a, margin),
        "z_var": float(np.mean(z**2)), "delta_rms": math.sqrt(float(np.mean(delta**2))),
        "a_counts": np.histogram(a, edges[0])[0], "delta_counts": np.histogram(delta, edges[1])[0],
    }


def _passes(model: Model, digits: Prepared) -> tuple[Pass, Gradients]:
    # values past float64's range are detected afterwards and reported as data
    with np.errstate(over="ignore", invalid="ignore"):
        batch = forward(model, digits.x)
        return batch, backward(model, batch, digits.y, weight_gradients=False)


def setup_histograms(recipe: Recipe, digits: Prepared, bins: int = 50,
                     margin: float = SATURATION_MARGIN) -> SetupHistograms:
    """Histograms and statistics of every hidden layer of network 0 of the recipe.

    The arguments are those of :func:`layer_histograms`, which checks them.
    """
    phi, sizes, hidden = recipe.activation, recipe.sizes, recipe.hidden
    model, _ = network(recipe, 0, digits)
    batch, grads = _passes(model, digits)
    kind = saturation_kind(phi)
    overflow = _first_overflow(batch, grads)
    if overflow is not None:
        empty = np.zeros(0)
        return SetupHistograms(recipe, kind, empty, empty, (), overflow)
    w_vars = [recipe.init.variance(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    b_var = recipe.bias_std**2
    edges = (activation_edges(phi, batch.activations[1:-1], bins),
             delta_edges(grads.deltas[:-1], bins))
    meanfield = meanfield_z_vars(phi, w_vars, sizes, digits.x, b_var, hidden)
    layers = tuple(
        LayerHistogram(
            **_layer(phi, batch, grads, l, edges, margin),
            z_var_predicted=predicted_z_var(w_vars, batch.activations, b_var, l),
            z_var_meanfield=meanfield[l - 1],
            delta_rms_predicted=predicted_delta_rms(phi, w_vars, batch, grads, l),
        )
        for l in range(1, hidden + 1)
    )
    return SetupHistograms(recipe, kind, *edges, layers)


# --- every set-up --------------------------------------------------------------------------------
def layer_histograms(recipes: Sequence[Recipe] = setups(), bins: int = 50,
                     margin: float = SATURATION_MARGIN,
                     source: Data | Source | None = None,
                     progress: Progress = None) -> Histograms:
    """The histograms of :func:`setup_histograms` for every set-up's recipe, in order.

    ``progress(1)`` is called after each set-up.
    """
    _check(recipes, bins, margin)
    data = as_data(source)
    begin(progress, len(recipes), "set-ups")
    results = []
    for recipe in recipes:
        results.append(setup_histograms(recipe, data(recipe), bins, margin))
        tick(progress)
    return Histograms(tuple(results), data.name, bins, margin)


def _check(recipes: Sequence[Recipe], bins: int, margin: float) -> None:
    require_count(bins, "the number of histogram bins", 1, 10_000)
    require_range(margin, "the saturation margin", 0.0, 0.5, high_open=True)
    require_count(len(recipes), "the number of set-ups", 1)
    for recipe in recipes:
        # z, a, delta and phi'(z) of every layer for every image, and each layer's weights
        # with the normal draws they are made from, as float64
        sizes = recipe.sizes
        weights = sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        check_memory(4 * 8 * recipe.images * sum(sizes) + 2 * 8 * weights,
                     "the activations, errors and weights of every layer")
