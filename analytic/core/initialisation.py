"""Random initial networks: the initialisation schemes, registered by name.

A scheme draws w^l of shape (n_l, n_{l-1}) for a layer with n_in = n_{l-1} inputs and
n_out = n_l neurons:

- ``gaussian``: N(0, 1), as in the chapter's chain argument;
- ``scaled``: N(0, 1/n_in), the chapter's experiments (the default);
- ``xavier``: uniform on ±sqrt(6 / (n_in + n_out)) (Glorot & Bengio's normalised initialisation);
- ``he``: N(0, 2/n_in).

Biases are N(0, 1) in every scheme, as in the chapter, so that a comparison of schemes varies
the weights alone. Randomness comes from an explicit ``numpy.random.Generator``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

from .activations import Activation, get_activation
from .network import Network

Array = np.ndarray
WeightScheme = Callable[[int, int, np.random.Generator], Array]


def gaussian(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in))


def scaled(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def xavier(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    bound = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-bound, bound, size=(n_out, n_in))


def he(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)


#: The registry: name -> weight scheme.
INITIALISATIONS: dict[str, WeightScheme] = {
    "gaussian": gaussian,
    "scaled": scaled,
    "xavier": xavier,
    "he": he,
}


def get_initialisation(name: str) -> WeightScheme:
    key = name.strip().lower()
    if key not in INITIALISATIONS:
        choices = ", ".join(INITIALISATIONS)
        raise ValueError(f"unknown initialisation {name!r}; choose from: {choices}")
    return INITIALISATIONS[key]


def layer_sizes(hidden: int, width: int = 30, n_in: int = 784, n_out: int = 10) -> list[int]:
    """[784, width, ..., width, 10] with ``hidden`` hidden layers."""
    if hidden < 1 or width < 1:
        raise ValueError(
            f"need at least one hidden layer of at least one neuron, got {hidden} x {width}"
        )
    return [n_in] + [width] * hidden + [n_out]


def initial_network(
    sizes: Sequence[int],
    rng: np.random.Generator,
    init: str = "scaled",
    activation: str | Activation = "sigmoid",
) -> Network:
    """A network with hidden layers ``activation`` and a sigmoid output layer."""
    scheme = get_initialisation(init)
    weights = tuple(scheme(n_in, n_out, rng) for n_in, n_out in pairwise(sizes))
    biases = tuple(rng.standard_normal(n) for n in sizes[1:])
    return Network(weights, biases, get_activation(activation), get_activation("sigmoid"))
