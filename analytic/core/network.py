"""Backpropagation in NumPy for a fully connected network of any layer sizes, over a batch.

Notation (Nielsen, chapter 2 and 5), stated once:

- layers are counted l = 1..L from the first layer that has weights; layer 0 is the input;
- ``weights[l-1]`` is w^l, shape (n_l, n_{l-1}), entry w^l_{jk} from neuron k to neuron j;
  ``biases[l-1]`` is b^l, shape (n_l,);
- z^l = w^l a^{l-1} + b^l and a^l = phi(z^l); a batch holds one example per row, so
  ``zs[l-1]`` and ``activations[l]`` have shape (batch, n_l) and ``activations[0]`` is the input;
- delta^l = dC/dz^l = dC/db^l; C is the mean over the batch of the per-example cost, so
  ``nabla_b[l-1]`` is the batch mean of ``deltas[l-1]`` and ``nabla_w[l-1]`` of delta^l (a^{l-1})^T.

The chain of the derivations is the special case n_0 = n_1 = ... = n_L = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .activations import Activation, sigmoid
from .costs import Cost, quadratic

Array = np.ndarray


@dataclass(frozen=True)
class Network:
    """Weights, biases and activations of a network; ``output_activation`` defaults to phi."""

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    activation: Activation
    output_activation: Activation | None = None

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("a network needs one weight matrix and one bias vector per layer")
        for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1):
            if w.ndim != 2 or b.shape != (w.shape[0],):
                raise ValueError(f"layer {l}: weights {w.shape} do not match biases {b.shape}")
            if l > 1 and w.shape[1] != self.weights[l - 2].shape[0]:
                raise ValueError(f"layer {l}: weights {w.shape} do not follow the layer before")

    @property
    def sizes(self) -> list[int]:
        """[n_0, n_1, ..., n_L]."""
        return [self.weights[0].shape[1]] + [w.shape[0] for w in self.weights]

    @property
    def depth(self) -> int:
        return len(self.weights)

    def phi(self, l: int) -> Activation:
        """The activation of layer l (1-based)."""
        if l == self.depth and self.output_activation is not None:
            return self.output_activation
        return self.activation


def chain_network(
    weights: Sequence[float], biases: Sequence[float], activation: Activation = sigmoid()
) -> Network:
    """The chain network with one neuron per layer: w_j, b_j for j = 1..L."""
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} weights but {len(biases)} biases")
    return Network(
        weights=tuple(np.array([[float(w)]]) for w in weights),
        biases=tuple(np.array([float(b)]) for b in biases),
        activation=activation,
    )


@dataclass(frozen=True)
class Gradients:
    """What one backward pass returns; plural names hold one entry per layer, layer 1 first."""

    nabla_b: list[Array]
    nabla_w: list[Array]
    deltas: list[Array]
    zs: list[Array]
    activations: list[Array]


def _as_batch(x: Array | float, n: int) -> Array:
    x = np.asarray(x, dtype=float)
    return x.reshape(-1, n) if x.ndim < 2 else x


def feedforward(net: Network, x: Array) -> tuple[list[Array], list[Array]]:
    """The weighted inputs zs (z^1..z^L) and activations (a^0..a^L) for the batch x."""
    zs, activations, _ = _forward(net, x, hidden_primes=False)
    return zs, activations


def _forward(net: Network, x: Array, hidden_primes: bool
             ) -> tuple[list[Array], list[Array], list[Array]]:
    # zs, activations and, if asked, phi'(z^l) of the hidden layers l = 1..L-1, each computed
    # together with phi(z^l) (the backward pass needs them; the sigmoid shares its exponential)
    activations, zs, primes = [_as_batch(x, net.sizes[0])], [], []
    for l, (w, b) in enumerate(zip(net.weights, net.biases), start=1):
        z = activations[-1] @ w.T
        z += b
        zs.append(z)
        if hidden_primes and l < net.depth:
            a, prime = net.phi(l).value_and_prime(z)
            primes.append(prime)
        else:
            a = net.phi(l).f(z)
        activations.append(a)
    return zs, activations, primes


def cost_value(net: Network, x: Array, y: Array, cost: Cost = quadratic()) -> float:
    """C: the batch mean of the per-example cost summed over output neurons."""
    a = feedforward(net, x)[1][-1]
    return float(np.mean(np.sum(cost.value(a, _as_batch(y, net.sizes[-1])), axis=1)))


def backprop(
    net: Network, x: Array, y: Array, cost: Cost = quadratic(), *,
    weight_gradients: bool = True,
) -> Gradients:
    """dC/db^l, dC/dw^l and the per-example deltas for every layer, in one vectorised pass.

    With ``weight_gradients=False`` nabla_w is left empty: measuring dC/db alone skips the
    (n_l x n_{l-1}) products, the costliest step for a 784-pixel input.
    """
    y = _as_batch(y, net.sizes[-1])
    zs, activations, primes = _forward(net, x, hidden_primes=True)
    # backward pass: delta^L from the cost, then delta^l = phi'(z^l) * (w^{l+1})^T delta^{l+1}
    deltas = [cost.output_delta(zs[-1], activations[-1], y, net.phi(net.depth))]
    for l in range(net.depth - 1, 0, -1):
        delta = deltas[0] @ net.weights[l]
        delta *= primes[l - 1]
        deltas.insert(0, delta)
    n = len(y)
    # the batch mean as a product with a row of ones: BLAS sums a (1000, 30) delta in a
    # fraction of the time mean(axis=0) takes
    ones = np.ones(n)
    nabla_b = [ones @ d / n for d in deltas]
    nabla_w = [d.T @ a / n for d, a in zip(deltas, activations[:-1])] if weight_gradients else []
    return Gradients(nabla_b, nabla_w, deltas, zs, activations)


def delta_matrix_form(net: Network, zs: Sequence[Array], grad_a: Array, l: int) -> Array:
    """delta^l for one example by the chapter's matrix product (its equation 124).

    delta^l = Sigma'(z^l) (w^{l+1})^T Sigma'(z^{l+1}) ... (w^L)^T Sigma'(z^L) grad_a C, with
    Sigma'(z) the diagonal matrix of phi'(z); ``zs`` are one example's z^1..z^L (1-D each).
    """
    product = np.diag(net.phi(l).prime(zs[l - 1]))
    for k in range(l + 1, net.depth + 1):
        product = product @ net.weights[k - 1].T @ np.diag(net.phi(k).prime(zs[k - 1]))
    return product @ grad_a
