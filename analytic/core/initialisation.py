"""Random initial networks: the weight schemes, each an object that knows its law, by name.

A scheme draws w^l of shape (n_l, n_{l-1}) for a layer with n_in = n_{l-1} inputs and
n_out = n_l neurons, knows the variance Var[w] of what it draws, and says what it draws: its
``law`` (a formula, "N(0, 2/n_in)", which reads the same in English and Japanese) and its
``label`` (a short name for a column title: a law, or a name such as "He"; the one word among
them, "standard", the reports write in the reader's language). Registered:

- ``gaussian``: N(0, 1), as in the chapter's chain argument;
- ``scaled``: N(0, 1/n_in), the chapter's experiments (the default); ``scaled:G`` is the same
  with a gain, N(0, G²/n_in) (mean-field theory's σ_w = G);
- ``standard``: uniform on ±1/sqrt(n_in), of variance 1/(3 n_in): the common heuristic
  Glorot & Bengio (2010, their eq. 1) started from, which they call the standard
  initialisation;
- ``xavier``: uniform on ±sqrt(6 / (n_in + n_out)) (Glorot & Bengio's normalised
  initialisation), of variance 2 / (n_in + n_out);
- ``he``: N(0, 2/n_in);
- ``normal:STD``: N(0, STD²) whatever the layer's size (``normal:0.01``, the "small random
  numbers" of many tutorials).

Names are what the command line accepts, in any case and with spaces around them; a parameter
follows a colon (``normal:0.01`` or ``normal:std=0.01``). Two schemes are equal when they draw
the same law.

Biases are N(0, 1) by default, as in the chapter, so that a comparison of schemes varies the
weights alone; ``initial_network(..., bias_std=0)`` gives zero biases. Randomness comes from
an explicit ``numpy.random.Generator``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from .activations import Activation, sigmoid
from .limits import WEIGHT_SCALE, exact, require_range
from .network import Network

Array = np.ndarray
Draw = Callable[[int, int, np.random.Generator], Array]


@dataclass(frozen=True)
class WeightScheme:
    """How w^l is drawn for (n_in, n_out), the variance Var[w] of each entry, and its law.

    Calling the scheme draws: ``scheme(n_in, n_out, rng)``.

    >>> scheme = get_initialisation("scaled:2")
    >>> scheme.spec, scheme.law, scheme.variance(100, 10)
    ('scaled:2', 'N(0, 4/n_in)', 0.04)
    """

    spec: str
    law: str
    label: str
    draw: Draw = field(compare=False, repr=False)
    variance: Callable[[int, int], float] = field(compare=False, repr=False)

    @property
    def name(self) -> str:
        """The family: "normal" for normal:0.01."""
        return self.spec.partition(":")[0]

    def __call__(self, n_in: int, n_out: int, rng: np.random.Generator) -> Array:
        return self.draw(n_in, n_out, rng)


def _number(x: float) -> str:
    # a parameter as people read it: 4 significant digits, no exponent padding
    return f"{x:.4g}".replace("e-0", "e-").replace("e+0", "e")


def gaussian() -> WeightScheme:
    return WeightScheme("gaussian", "N(0, 1)", "N(0, 1)",
                        lambda n_in, n_out, rng: rng.standard_normal((n_out, n_in)),
                        lambda n_in, n_out: 1.0)


def scaled(gain: float = 1.0) -> WeightScheme:
    """N(0, gain²/n_in): the chapter's scheme, times ``gain`` (σ_w in mean-field theory).

    >>> scaled().law, scaled(10).law, scaled(0.57735).law
    ('N(0, 1/n_in)', 'N(0, 100/n_in)', 'N(0, 0.3333/n_in)')
    """
    gain = require_range(gain, "the weight gain", *WEIGHT_SCALE)
    law = f"N(0, {_number(gain**2)}/n_in)"
    return WeightScheme(
        "scaled" if gain == 1 else f"scaled:{exact(gain)}", law, law,
        lambda n_in, n_out, rng: gain * (rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)),
        lambda n_in, n_out: gain**2 / n_in,
    )


def standard() -> WeightScheme:
    """U(-1/sqrt(n_in), 1/sqrt(n_in)): Glorot and Bengio's (2010) standard initialisation.

    A uniform law on ±c has variance c²/3, so Var[w] = 1/(3 n_in): a third of the chapter's
    N(0, 1/n_in), and n_in Var[w] = 1/3 whatever the layer's size.

    >>> standard().law, standard().variance(300, 10) == 1 / 900
    ('U(±1/√n_in)', True)
    """
    def draw(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
        bound = 1.0 / np.sqrt(n_in)
        return rng.uniform(-bound, bound, size=(n_out, n_in))

    return WeightScheme("standard", "U(±1/√n_in)", "standard", draw,
                        lambda n_in, n_out: 1.0 / (3.0 * n_in))


def xavier() -> WeightScheme:
    def draw(n_in: int, n_out: int, rng: np.random.Generator) -> Array:
        bound = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-bound, bound, size=(n_out, n_in))

    return WeightScheme("xavier", "U(±√(6/(n_in + n_out)))", "Xavier", draw,
                        lambda n_in, n_out: 2.0 / (n_in + n_out))


def he() -> WeightScheme:
    return WeightScheme("he", "N(0, 2/n_in)", "He",
                        lambda n_in, n_out, rng: rng.standard_normal((n_out, n_in))
                        * np.sqrt(2.0 / n_in),
                        lambda n_in, n_out: 2.0 / n_in)


def normal(std: float) -> WeightScheme:
    """N(0, std²) for every layer, whatever its size.

    >>> normal(0.01).variance(784, 100), normal(0.01).law
    (0.0001, 'N(0, 0.01²)')
    """
    std = require_range(std, "the weight standard deviation", *WEIGHT_SCALE)
    law = f"N(0, {_number(std)}²)"
    return WeightScheme(f"normal:{exact(std)}", law, law,
                        lambda n_in, n_out, rng: std * rng.standard_normal((n_out, n_in)),
                        lambda n_in, n_out: std**2)


#: The registry: name -> factory; a factory's argument is the parameter after the colon.
INITIALISATIONS: dict[str, Callable[..., WeightScheme]] = {
    "gaussian": gaussian, "scaled": scaled, "standard": standard, "xavier": xavier, "he": he,
    "normal": normal,
}
#: The one parameter each family takes, by the name ``name:key=value`` may give it.
PARAMETERS = {"scaled": "gain", "normal": "std"}
#: Families whose parameter must be given.
NEEDS_PARAMETER = {"normal"}
FORMS = "gaussian, scaled, scaled:GAIN, standard, xavier, he, normal:STD"


def get_initialisation(name: str | WeightScheme) -> WeightScheme:
    """The scheme named ``name``: "xavier", " HE ", "normal:0.01", "scaled:gain=2", ...

    >>> get_initialisation(" Normal:0.010 ").spec
    'normal:0.01'
    """
    if isinstance(name, WeightScheme):
        return name
    family, colon, parameter = name.strip().lower().partition(":")
    factory = INITIALISATIONS.get(family)
    if factory is None or (colon and family not in PARAMETERS) or (
            not colon and family in NEEDS_PARAMETER):
        raise ValueError(f"unknown initialisation {name!r}; choose from: {FORMS}")
    if not colon:
        return factory()
    key, _, value = parameter.strip().rpartition("=")
    if key.strip() not in ("", PARAMETERS[family]):
        raise ValueError(f"initialisation {name!r}: {family} takes {PARAMETERS[family]}")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"initialisation {name!r}: {value.strip()!r} is not a number") from None
    try:
        return factory(number)
    except ValueError as e:
        raise ValueError(f"initialisation {name!r}: {e}") from None


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
    init: WeightScheme | None = None,
    activation: Activation | None = None,
    bias_std: float = 1.0,
    output_activation: Activation | None = None,
) -> Network:
    """A network with hidden layers ``activation`` and an output layer ``output_activation``
    (both the chapter's sigmoid unless given), weights by ``init`` (the chapter's
    N(0, 1/n_in) unless given).

    The weights are drawn first, layer 1 first, then the biases N(0, 1), multiplied by
    ``bias_std`` (exactly 0 when it is 0: they are drawn all the same, so that the generator
    moves on alike whatever the biases' scale).
    """
    scheme = init or scaled()
    bias_std = require_range(bias_std, "the bias standard deviation", 0.0)
    weights = tuple(scheme(n_in, n_out, rng) for n_in, n_out in pairwise(sizes))
    drawn = [rng.standard_normal(n) for n in sizes[1:]]
    biases = tuple(np.zeros(n) if bias_std == 0 else bias_std * b
                   for n, b in zip(sizes[1:], drawn))
    phi = activation or sigmoid()
    return Network(weights, biases, phi, output_activation or sigmoid())
