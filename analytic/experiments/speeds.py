"""How fast each hidden layer learns at initialisation, on MNIST digits: the chapter's speeds.

Set-up (the chapter's, unless an argument says otherwise): a [784, 30, ..., 30, 10] network,
sigmoid in every layer, output included; cross-entropy cost; weights N(0, 1/n_in) and biases
N(0, 1) (:mod:`analytic.core.initialisation`). The speeds at initialisation use the core
network's backprop; the experiments that train are in :mod:`analytic.experiments.training`.

Notation: hidden layers are counted l = 1..H from the first; delta^l = dC/db^l. The *speed of
learning* of hidden layer l over a batch of images x_1..x_N is

- ``mean-gradient`` (the chapter's): || (1/N) sum_i delta^l(x_i) ||, the norm of the gradient
  of the mean cost with respect to b^l;
- ``mean-norm``: (1/N) sum_i || delta^l(x_i) ||, the mean of the per-image norms.

Every function takes the digits and an explicit seed, and returns plain data. Long loops report
progress through an optional ``progress(k)`` callback (k units done since the last call).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation, initial_network, layer_sizes
from ..core.limits import require_count
from ..core.network import Gradients, Network, backprop

# STATISTICS is re-exported: the reports import it from here
from ..train.monitor import STATISTICS, check_statistic  # noqa: F401
from .mnist import Digits
from .plan import (
    MAX_SEEDS,
    Progress,
    check_plan,
    network_rng,
    tick,
)

Array = np.ndarray
COST = "cross-entropy"


# --- speed of learning -------------------------------------------------------------------------
def speeds_from_gradients(grads: Gradients, statistic: str = "mean-gradient") -> Array:
    """The speed of every hidden layer (the output layer is not hidden), layer 1 first."""
    check_statistic(statistic)
    hidden = grads.deltas[:-1]
    if statistic == "mean-gradient":
        return np.array([np.linalg.norm(nb) for nb in grads.nabla_b[:-1]])
    return np.array([np.linalg.norm(d, axis=1).mean() for d in hidden])


def layer_speeds(net: Network, x: Array, y: Array, statistic: str = "mean-gradient") -> Array:
    """Every hidden layer's speed over the batch, in one vectorised backward pass."""
    return speeds_from_gradients(backprop(net, x, y, COST, weight_gradients=False), statistic)


def layer_speeds_per_image(net: Network, x: Array, y: Array,
                           statistic: str = "mean-gradient") -> Array:
    """The same speeds by one backward pass per image: the slow, obvious reference."""
    check_statistic(statistic)
    hidden = net.depth - 1
    total_delta = [np.zeros(net.sizes[l]) for l in range(1, hidden + 1)]
    total_norm = np.zeros(hidden)
    for xi, yi in zip(x, y):
        nabla_b = backprop(net, xi, yi, COST, weight_gradients=False).nabla_b
        for l in range(hidden):
            total_delta[l] += nabla_b[l]
            total_norm[l] += np.linalg.norm(nabla_b[l])
    if statistic == "mean-gradient":
        return np.array([np.linalg.norm(t / len(x)) for t in total_delta])
    return total_norm / len(x)


def used_pixels(x: Array) -> Array:
    """Indices of the input pixels that are non-zero in at least one image of the batch x."""
    return np.flatnonzero(x.any(axis=0))


def without_blank_pixels(net: Network, used: Array) -> Network:
    """The network restricted to the input pixels ``used``.

    A pixel that is 0 in every image adds nothing to z^1 and its weights get zero gradient
    (their decay affects nothing else), so on those images every delta, speed and cost is
    unchanged, up to the order of rounding; on MNIST about a fifth of the 784 pixels go, and
    with them a fifth of the two costliest products.
    """
    w1 = net.weights[0][:, used]
    return Network((w1, *net.weights[1:]), net.biases, net.activation, net.output_activation)



# --- speeds at initialisation ------------------------------------------------------------------
@dataclass(frozen=True)
class InitNorms:
    """Hidden-layer speeds at initialisation: ``speeds[s, l-1]`` for network s, hidden layer l."""

    sizes: list[int]
    activation: str
    init: str
    statistic: str
    images: int
    seed: int
    speeds: Array

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


def init_norms(
    train: Digits,
    hidden: int,
    width: int = 30,
    seeds: int = 100,
    activation: str = "sigmoid",
    init: str = "scaled",
    statistic: str = "mean-gradient",
    seed: int = 0,
    progress: Progress = None,
) -> InitNorms:
    """Each hidden layer's speed in ``seeds`` freshly initialised networks, on ``train``."""
    check_statistic(statistic)
    require_count(seeds, "the number of initialisations", 1, MAX_SEEDS)
    check_plan(hidden, width, len(train), seeds, weight_gradients=False)
    sizes = layer_sizes(hidden, width)
    used = used_pixels(train.images)
    x, y = train.images[:, used], train.one_hot()
    rows = []
    for s in range(seeds):
        net = initial_network(sizes, network_rng(seed, s), init, activation)
        rows.append(layer_speeds(without_blank_pixels(net, used), x, y, statistic))
        tick(progress)
    name = net.activation.spec
    return InitNorms(sizes, name, init, statistic, len(train), seed, np.array(rows))


def compare_initialisations(
    train: Digits,
    hidden: int,
    activations: Sequence[str],
    inits: Sequence[str],
    seeds: int = 100,
    width: int = 30,
    seed: int = 0,
    progress: Progress = None,
) -> list[InitNorms]:
    """:func:`init_norms` for every (activation, initialisation) pair, in that order."""
    if not activations or not inits:
        raise ValueError("at least one activation and one initialisation are needed")
    for name in activations:  # an unknown name is refused before any network is drawn
        get_activation(name)
    for name in inits:
        get_initialisation(name)
    require_count(seeds, "the number of initialisations", 1, MAX_SEEDS)
    check_plan(hidden, width, len(train), len(activations) * len(inits) * seeds,
                weight_gradients=False)
    return [
        init_norms(train, hidden, width, seeds, a, i, seed=seed, progress=progress)
        for a in activations
        for i in inits
    ]



# --- the neuron bars ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NeuronBars:
    """|dC/db_j| at initialisation for the first neurons of each hidden layer.

    ``bars[l-1][j]`` is |mean over images of delta^l_j| for hidden layer l, neuron j+1.
    """

    sizes: list[int]
    images: int
    seed: int
    bars: list[Array]


def neuron_bars(train: Digits, hidden: int = 2, width: int = 30, neurons: int = 6,
                seed: int = 0) -> NeuronBars:
    """The chapter's picture of a [784, 30, 30, 10] network at initialisation, as numbers."""
    check_plan(hidden, width, len(train), 1, weight_gradients=False)
    require_count(neurons, "the number of neurons shown per layer", 1, width)
    sizes = layer_sizes(hidden, width)
    net = initial_network(sizes, network_rng(seed, 0))
    nabla_b = backprop(net, train.images, train.one_hot(), COST, weight_gradients=False).nabla_b
    return NeuronBars(sizes, len(train), seed, [np.abs(nb[:neurons]) for nb in nabla_b[:-1]])
