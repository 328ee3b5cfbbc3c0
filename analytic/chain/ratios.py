"""Gradient ratios dC/db_1 / dC/db_{k+1} measured with the NumPy backprop.

Notation (Nielsen, ch. 5): a chain has one neuron per layer, z_j = w_j a_{j-1} + b_j,
a_j = phi(z_j); going back one layer multiplies delta by w_{j+1} phi'(z_j), so

    dC/db_1 / dC/db_{k+1} = prod_{j=1}^{k} w_{j+1} phi'(z_j).

The ratios here are NOT computed from that formula: they are read off ``backprop``'s nabla_b,
and the tests compare them with the formula.

- :func:`sample_product_bands`: many random chains, w_j and b_j ~ N(0, 1), input a_0 and
  target y ~ U(0, 1), quadratic cost. To measure the ratio for k layers the chain has k layers
  of phi followed by one linear output neuron, so that dC/db_{k+1} = a_{k+1} - y is never 0
  (a ReLU output would often make the ratio 0/0). The chains run side by side as one network
  whose weight matrices are diagonal: neuron i of every layer belongs to chain i.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import Activation
from ..core.limits import CHAINS, check_memory, check_work
from ..core.network import Network, backprop
from ..core.progress import Progress, begin, tick

Array = np.ndarray

#: The linear output neuron of the sampled chains (not registered: it exists for measuring).
IDENTITY = Activation(
    name="identity",
    expr=lambda z: z,
    f=lambda z: np.asarray(z, dtype=float),
    prime=lambda z: np.ones_like(np.asarray(z, dtype=float)),
    symbol="id",
    latex=r"\operatorname{id}",
)

#: Chains per backprop call (the diagonal weight matrices are CHUNK x CHUNK).
CHUNK = 100
MAX_DEPTH = 200
#: float64 arrays of (chains, depth) alive at once while the ratios are taken.
ARRAYS = 8
#: What one backprop layer costs besides its products, in multiply-adds of the same time: about
#: 15 µs of NumPy calls, 1.5 x 10^5 multiply-adds at the rate the work budget assumes.
LAYER_OVERHEAD = 150_000


@dataclass(frozen=True)
class ChainSamples:
    """Random chains, one per row: weights[:, j-1] = w_j, biases[:, j-1] = b_j, x = a_0, y."""

    weights: Array
    biases: Array
    x: Array
    y: Array


def sample_chains(samples: int, depth: int, seed: int) -> ChainSamples:
    """``samples`` chains of ``depth`` layers: w, b ~ N(0, 1); x, y ~ U(0, 1)."""
    rng = np.random.default_rng(seed)
    weights = rng.standard_normal((samples, depth))
    biases = rng.standard_normal((samples, depth))
    return ChainSamples(weights, biases, rng.uniform(size=samples), rng.uniform(size=samples))


def _diagonal_layers(c: ChainSamples, layers: int) -> tuple[list[Array], list[Array]]:
    # layer j of chain i is neuron i of layer j: diagonal weights keep the chains apart
    weights = [np.diag(c.weights[:, j]) for j in range(layers)]
    return weights, [c.biases[:, j].copy() for j in range(layers)]


def backprop_ratios(c: ChainSamples, depth: int, activation: Activation,
                    progress: Progress = None) -> Array:
    """|dC/db_1| / |dC/db_{k+1}| for each chain (row) and k = 1..depth (column k-1), each from
    one backprop of the chain's first k+1 layers, the last of them the linear output neuron.
    ``progress`` is ticked once every :data:`CHUNK` chains."""
    ratios = np.empty((len(c.x), depth))
    for start in range(0, len(c.x), CHUNK):
        rows = slice(start, start + CHUNK)
        part = ChainSamples(*(a[rows] for a in (c.weights, c.biases, c.x, c.y)))
        weights, biases = _diagonal_layers(part, depth + 1)  # built once, cut for every k
        for k in range(1, depth + 1):
            net = Network(tuple(weights[: k + 1]), tuple(biases[: k + 1]), activation, IDENTITY)
            g = backprop(net, part.x[None, :], part.y[None, :], weight_gradients=False)
            ratios[rows, k - 1] = np.abs(g.nabla_b[0]) / np.abs(g.nabla_b[k])
        tick(progress)
    return ratios


@dataclass(frozen=True)
class ProductBands:
    """Quantiles over the sampled chains of the ratio for k = 1..depth (index k-1)."""

    activation: str
    samples: int
    seed: int
    ratios: Array  # shape (samples, depth)

    @property
    def k(self) -> Array:
        return np.arange(1, self.ratios.shape[1] + 1)

    def quantile(self, q: float) -> Array:
        return np.quantile(self.ratios, q, axis=0)

    @property
    def median(self) -> Array:
        return self.quantile(0.5)

    @property
    def p10(self) -> Array:
        return self.quantile(0.1)

    @property
    def p90(self) -> Array:
        return self.quantile(0.9)

    @property
    def zero_fraction(self) -> Array:
        """The fraction of chains whose gradient vanished exactly (a dead ReLU on the way)."""
        return np.mean(self.ratios == 0.0, axis=0)


def bands_work(depth: int, samples: int) -> float:
    """The multiply-adds :func:`backprop_ratios` takes: for every k, a backprop through k + 1
    diagonal layers of every :data:`CHUNK` chains, each layer a product forward and one back
    and :data:`LAYER_OVERHEAD` besides."""
    chunks = -(-samples // CHUNK)
    layers = (depth + 1) * (depth + 2) // 2 - 1  # the k + 1 layers of k = 1..depth
    return float(chunks * layers * (2 * CHUNK**2 + LAYER_OVERHEAD))


def _check_sizes(depth: int, samples: int, activations: int = 1) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be an integer from 1 to {MAX_DEPTH}, got {depth}")
    CHAINS.check(samples)
    check_memory(ARRAYS * 8.0 * samples * (depth + 1), f"{samples:,} chains of depth {depth}")
    check_work(activations * bands_work(depth, samples),
               f"{samples:,} chains of depth {depth} for {activations} activation"
               + "s" * (activations != 1))


def sample_product_bands(
    activation: Activation, depth: int, samples: int = 2000, seed: int = 0
) -> ProductBands:
    """The ratio for k = 1..depth over ``samples`` random chains (the same chains for every k)."""
    return sample_bands((activation,), depth, samples, seed)[0]


def sample_bands(activations: Sequence[Activation], depth: int, samples: int = 2000,
                 seed: int = 0, progress: Progress = None) -> tuple[ProductBands, ...]:
    """:func:`sample_product_bands` for each activation, the same chains for each; the whole
    request is checked against the memory and work budgets first, and ``progress`` is told
    how many chunks of :data:`CHUNK` chains there are in all."""
    _check_sizes(depth, samples, len(activations))
    c = sample_chains(samples, depth + 1, seed)
    begin(progress, len(activations) * -(-samples // CHUNK), f"{CHUNK} chains")
    return tuple(ProductBands(phi.spec, samples, seed, backprop_ratios(c, depth, phi, progress))
                 for phi in activations)
