"""Random initial networks: the initialisation schemes, registered by name.

A scheme draws w^l of shape (n_l, n_{l-1}) for a layer with n_in = n_{l-1} inputs and
n_out = n_l neurons, and knows the variance Var[w] of what it draws:

- ``gaussian``: N(0, 1), as in the chapter's chain argument;
- ``scaled``: N(0, 1/n_in), the chapter's experiments (the default);
- ``xavier``: uniform on ±sqrt(6 / (n_in + n_out)) (Glorot & Bengio's normalised
  initialisation), of variance 2 / (n_in + n_out);
- ``he``: N(0, 2/n_in);
- ``normal:STD``: N(0, STD²) whatever the layer's size (``normal:0.01``, the "small random
  numbers" of many tutorials);
- ``scaled:G``: N(0, G²/n_in), the chapter's scheme with a gain (mean-field theory's σ_w = G).
The parameterised families are not in the registry of named schemes, but
:func:`get_initialisation` accepts them.

Biases are N(0, 1) by default, as in the chapter, so that a comparison of schemes varies the
weights alone; ``initial_network(..., bias_std=0)`` gives zero biases. Randomness comes from
an explicit ``numpy.random.Generator``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from .activations import Activation, get_activation
from .limits import require_range
from .network import Network

Array = np.ndarray


def gaussian(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in))


def scaled(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)


def xavier(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    bound = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-bound, bound, size=(n_out, n_in))


def he(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
    return rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)


@dataclass(frozen=True)
class WeightScheme:
    """How w^l is drawn for (n_in, n_out), and the variance Var[w] of each entry.

    Calling the scheme draws: ``scheme(n_in, n_out, rng)``.

    >>> get_initialisation("xavier").variance(100, 100)
    0.01
    """

    spec: str
    draw: Callable[[int, int, np.random.Generator], Array]
    variance: Callable[[int, int], float]

    def __call__(self, n_in: int, n_out: int, rng: np.random.Generator) -> Array:
        return self.draw(n_in, n_out, rng)


#: The registry: name -> weight scheme.
INITIALISATIONS: dict[str, WeightScheme] = {
    "gaussian": WeightScheme("gaussian", gaussian, lambda n_in, n_out: 1.0),
    "scaled": WeightScheme("scaled", scaled, lambda n_in, n_out: 1.0 / n_in),
    "xavier": WeightScheme("xavier", xavier, lambda n_in, n_out: 2.0 / (n_in + n_out)),
    "he": WeightScheme("he", he, lambda n_in, n_out: 2.0 / n_in),
}


def normal(std: float) -> WeightScheme:
    """N(0, std²) for every layer, whatever its size.

    >>> normal(0.01).variance(784, 100)
    0.0001
    """
    std = require_range(std, "the weight standard deviation", 0.0, low_open=True)
    return WeightScheme(
        f"normal:{std:g}",
        lambda n_in, n_out, rng: std * rng.standard_normal((n_out, n_in)),
        lambda n_in, n_out: std**2,
    )


def scaled_gain(gain: float) -> WeightScheme:
    """N(0, gain²/n_in): the chapter's scheme times ``gain`` (σ_w in mean-field theory).

    >>> scaled_gain(2.0).variance(100, 10)
    0.04
    """
    gain = require_range(gain, "the weight gain", 0.0, low_open=True)
    return WeightScheme(
        f"scaled:{gain:g}",
        lambda n_in, n_out, rng: gain * scaled(n_in, n_out, rng),
        lambda n_in, n_out: gain**2 / n_in,
    )


#: Families of schemes with a parameter, written ``name:value``.
PARAMETERISED_INITIALISATIONS: dict[str, Callable[[float], WeightScheme]] = {
    "normal": normal, "scaled": scaled_gain,
}


def get_initialisation(name: str) -> WeightScheme:
    """The scheme named ``name``: a registered one, or ``normal:STD``.

    >>> get_initialisation("normal:0.01").spec
    'normal:0.01'
    """
    key, _, parameter = name.strip().lower().partition(":")
    if key in INITIALISATIONS and not parameter:
        return INITIALISATIONS[key]
    if key in PARAMETERISED_INITIALISATIONS and parameter:
        value = parameter.rpartition("=")[2]
        try:
            return PARAMETERISED_INITIALISATIONS[key](float(value))
        except ValueError as e:
            raise ValueError(f"initialisation {name!r}: {e}") from None
    choices = ", ".join(INITIALISATIONS)
    families = "normal:STD, scaled:GAIN"
    raise ValueError(f"unknown initialisation {name!r}; choose from: {choices}, or {families}")


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
    bias_std: float = 1.0,
    output_activation: str | Activation = "sigmoid",
) -> Network:
    """A network with hidden layers ``activation`` and (the chapter's) sigmoid output layer.

    Weights follow ``init``; biases are N(0, ``bias_std``²), and exactly 0 when ``bias_std``
    is 0. The weights are drawn first, layer 1 first, then the biases.
    """
    scheme = get_initialisation(init)
    bias_std = require_range(bias_std, "the bias standard deviation", 0.0)
    weights = tuple(scheme(n_in, n_out, rng) for n_in, n_out in pairwise(sizes))
    if bias_std == 0:
        biases = tuple(np.zeros(n) for n in sizes[1:])
    else:
        biases = tuple(bias_std * rng.standard_normal(n) for n in sizes[1:])
    return Network(weights, biases, get_activation(activation), get_activation(output_activation))
