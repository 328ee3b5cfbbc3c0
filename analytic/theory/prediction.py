"""Mean-field theory against finite networks: the per-layer gradient factor it predicts, next
to ratios measured by backprop in random networks and in the chapter's network.

Notation as in :mod:`analytic.theory.meanfield`. The measured ratios are of layer l over layer
l + 1 (earlier over later: < 1 means the gradient vanishes towards the input).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..core.activations import Activation, sigmoid
from ..core.costs import quadratic
from ..core.initialisation import WeightScheme, initial_network, scaled
from ..core.network import Network, backprop
from .meanfield import MeanField, chi, mean_phi_prime_squared, variance_map

Array = np.ndarray

#: The chapter's initialisation: weights N(0, 1/n_in), biases N(0, 1).
CHAPTER_SIGMA_W = 1.0
CHAPTER_SIGMA_B = 1.0


# --- measured ratios in random networks ------------------------------------------------------
def random_network(
    sizes: Sequence[int], activation: Activation, sigma_w: float, sigma_b: float,
    rng: np.random.Generator,
) -> Network:
    """Weights ~ N(0, σ_w²/n_in), biases ~ N(0, σ_b²), φ in every layer, sizes [n_0, ..., n_L]."""
    return initial_network(sizes, rng, scaled(sigma_w), activation, sigma_b, activation)


@dataclass(frozen=True)
class MeasuredRatios:
    """Gradient ratios layer l over layer l+1, for l = 1..L-2 (hidden layers only), per network.

    ``rms`` uses the root-mean-square per-example delta (the quantity mean-field theory
    predicts); ``batch_mean`` the norm of dC/db^l averaged over the batch (the chapter's).
    Each has shape (networks, hidden layers - 1).
    """

    rms: Array
    batch_mean: Array

    def median_rms(self) -> Array:
        return np.median(self.rms, axis=0)

    def median_batch_mean(self) -> Array:
        return np.median(self.batch_mean, axis=0)


def _ratios(per_layer: Sequence[float]) -> Array:
    values = np.asarray(per_layer)
    return values[:-1] / values[1:]


def measure_ratios(
    sizes: Sequence[int], activation: Activation, sigma_w: float, sigma_b: float,
    inputs: Array, targets: Array, networks: int, rng: np.random.Generator,
) -> MeasuredRatios:
    """Backprop through ``networks`` random networks and measure hidden-layer gradient ratios."""
    nets = [random_network(sizes, activation, sigma_w, sigma_b, rng) for _ in range(networks)]
    return _measure(nets, inputs, targets)


def _measure(nets: Sequence[Network], inputs: Array, targets: Array) -> MeasuredRatios:
    rms, batch = [], []
    for net in nets:
        grads = backprop(net, inputs, targets, quadratic())
        hidden = range(net.depth - 1)  # the output layer's delta comes from the cost
        rms.append(_ratios([np.sqrt(np.mean(np.sum(grads.deltas[l] ** 2, 1))) for l in hidden]))
        batch.append(_ratios([np.linalg.norm(grads.nabla_b[l]) for l in hidden]))
    return MeasuredRatios(np.array(rms), np.array(batch))


def layerwise_factors(
    activation: Activation, q1: float, sigma_w: float, sigma_b: float, hidden: int
) -> list[float]:
    """√χ^l = σ_w √E_z[φ′(√q^l z)²] for l = 1..hidden−1, with q^l from the variance map
    started at the first hidden layer's q^1 rather than at q* (short networks never get there).
    """
    phi, q, factors = activation, q1, []
    for _ in range(hidden - 1):
        factors.append(sigma_w * math.sqrt(mean_phi_prime_squared(phi, q)))
        q = variance_map(phi, sigma_w, sigma_b, q)
    return factors


#: The ``source`` of ratios passed in by hand (``analytic theory predict --measured``).
GIVEN = "given"


@dataclass(frozen=True)
class Origin:
    """Where measured ratios came from, as data a report can word in any language.

    ``key`` names how they were measured: "given" (passed in by hand), "init_norms" (as
    ``experiment init-norms`` measures them: ``facts`` holds networks, init, seed, images and
    data, the data set's name), or "" when only the caller's own ``source`` text says it.
    """

    key: str = ""
    facts: Mapping[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Prediction:
    """Predicted √χ_1 next to measured ratios, one row per pair of consecutive hidden layers.

    ``layerwise`` (optional) is :func:`layerwise_factors` from the data's q^1;
    ``measured_rms`` (optional) the same ratios of root-mean-square per-example deltas, the
    quantity the theory describes (the chapter's batch-mean gradient can differ from it when
    saturated units make per-example gradients cancel). ``source`` says in English where the
    measurements came from (what the JSON holds), ``origin`` the same as data.
    """

    mean_field: MeanField
    measured: tuple[float, ...]
    source: str
    layerwise: tuple[float, ...] = ()
    measured_rms: tuple[float, ...] = ()
    origin: Origin = Origin()

    @property
    def relative_differences(self) -> list[float]:
        p = self.mean_field.per_layer_factor
        return [(m - p) / p for m in self.measured]


def predict(
    measured: Sequence[float], activation: Activation = sigmoid(),
    sigma_w: float = CHAPTER_SIGMA_W, sigma_b: float = CHAPTER_SIGMA_B, source: str = "",
    q1: float | None = None, measured_rms: Sequence[float] = (), origin: Origin | None = None,
) -> Prediction:
    """Put √χ_1 next to measured ratios ||∇_b^l|| / ||∇_b^{l+1}|| (l = 1, 2, ...).

    Note the direction: earlier over later layer. ``experiment init-norms`` reports later over
    earlier (its ``InitNorms.ratios``); pass their reciprocals. With ``q1`` (the first hidden
    layer's mean squared weighted input) the layer-by-layer prediction is added. ``origin``
    is ``source`` as data; by default the source :data:`GIVEN` is the origin "given".
    """
    if not measured or not all(math.isfinite(m) and m > 0 for m in measured):
        raise ValueError("measured ratios must be positive finite numbers, one per layer pair")
    layerwise = () if q1 is None else tuple(
        layerwise_factors(activation, q1, sigma_w, sigma_b, len(measured) + 1)
    )
    mean_field = chi(activation, sigma_w, sigma_b)
    if origin is None:
        origin = Origin(GIVEN) if source == GIVEN else Origin()
    return Prediction(mean_field, tuple(map(float, measured)), source, layerwise,
                      tuple(map(float, measured_rms)), origin)


# --- the chapter's network ------------------------------------------------------------------------
CHAPTER_WIDTH = 30


def init_sigma_w(init: WeightScheme, width: int = CHAPTER_WIDTH) -> float:
    """σ_w of an initialisation between hidden layers of ``width`` neurons: σ_w² = n_in Var[w].

    Only the variance matters to the mean field (xavier's uniform draw counts as a normal one
    of the same variance).

    >>> from analytic.core.initialisation import he
    >>> init_sigma_w(he())
    1.4142135623730951
    """
    return math.sqrt(width * init.variance(width, width))
