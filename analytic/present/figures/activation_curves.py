"""The data behind the figures: activation curves, the sigmoid's window, and gradient products.

Everything here is plain NumPy data computed from the registered activations and the backprop;
:mod:`analytic.figures` only draws it, so the tests check these numbers, not pixels.

Notation (Nielsen, ch. 5): a chain has one neuron per layer, z_j = w_j a_{j-1} + b_j and
a_j = phi(z_j). Going back one layer multiplies the gradient by w_{j+1} phi'(z_j), so

    dC/db_1 / dC/db_{k+1} = prod_{j=1}^{k} w_{j+1} phi'(z_j),

the "product" of figure 7 and of the vanishing table (:mod:`analytic.products`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...core.activations import Activation, get_activation
from ...chain.ratios import ProductBands, explosion_ratios, sample_product_bands

Array = np.ndarray

#: The z axis of the activation figures: [-6, 6] in steps of 0.01, so z = 0 is a grid point.
Z_RANGE = (-6.0, 6.0)
Z_POINTS = 1201


def z_grid(lo: float = Z_RANGE[0], hi: float = Z_RANGE[1], n: int = Z_POINTS) -> Array:
    return np.linspace(lo, hi, n)


@dataclass(frozen=True)
class Curve:
    """phi and phi' of one activation (``spec``) sampled on z; ``label`` overrides its name."""

    spec: str
    label: str | None
    z: Array
    f: Array
    prime: Array

    @property
    def peak(self) -> tuple[float, float]:
        """(z, phi'(z)) at the largest plotted phi' (the first such z)."""
        i = int(np.argmax(self.prime))
        return float(self.z[i]), float(self.prime[i])


def curve(spec: str | Activation, z: Array | None = None, label: str | None = None) -> Curve:
    """Sample a registered activation and its derivative."""
    activation = get_activation(spec)
    z = z_grid() if z is None else z
    return Curve(activation.spec, label, z, activation.f(z), activation.prime(z))


@dataclass(frozen=True)
class Panel:
    """One set of axes: curves drawn as phi (solid) and phi' (dashed), plus an optional band."""

    title: str
    curves: tuple[Curve, ...]
    band: tuple[Array, Array, Array] | None = None  # (z, lower slope line, upper slope line)
    show_f: bool = True
    show_prime: bool = True


@dataclass(frozen=True)
class Panels:
    panels: tuple[Panel, ...]


# --- figures 1 to 5: activations -----------------------------------------------------------------
def sigmoid_data() -> Panels:
    return Panels((Panel("sigmoid", (curve("sigmoid"),)),))


def tanh_data() -> Panels:
    tanh, sigma = curve("tanh"), curve("sigmoid")
    return Panels(
        (
            Panel("tanh", (tanh,)),
            Panel("tanh_vs_sigmoid", (tanh, sigma), show_f=False),
        )
    )


#: Slopes shown for the rectifier variants (the leaky slope is enlarged from 0.01 to be visible).
LEAKY_SLOPE = 0.1
PRELU_SLOPES = (0.0, 0.1, 0.25, 0.5)


def relu_data() -> Panels:
    rrelu = get_activation("rrelu")
    z = z_grid()
    lower, upper = rrelu.params["lower"], rrelu.params["upper"]
    band = (z, np.where(z > 0, z, lower * z), np.where(z > 0, z, upper * z))
    prelus = tuple(curve(f"prelu:{a}", label=f"a = {a:g}") for a in PRELU_SLOPES)
    return Panels(
        (
            Panel("relu", (curve("relu"),)),
            Panel("leaky_relu", (curve(f"leaky_relu:{LEAKY_SLOPE}"),)),
            Panel("prelu", prelus),
            Panel("rrelu", (curve("rrelu"),), band=band),
        )
    )


MODERN = ("elu", "gelu", "silu", "softplus")


def modern_data() -> Panels:
    return Panels(tuple(Panel(name, (curve(name),)) for name in MODERN))


#: The activations compared in figure 5.
COMPARED = ("sigmoid", "tanh", "relu", "leaky_relu:0.1", "elu", "gelu", "silu", "softplus")


def derivatives_data() -> Panels:
    z = z_grid(-6.0, 6.0)
    curves = tuple(curve(name, z) for name in COMPARED)
    return Panels((Panel("derivatives", curves, show_f=False),))


# --- figure 6: the window ------------------------------------------------------------------------
WINDOW_WEIGHTS = (2.0, 4.0, 6.0, 10.0, 20.0)


@dataclass(frozen=True)
class Window:
    """|w sigma'(w a)| against a, for one w, and the intervals of a where it is >= 1."""

    w: float
    a: Array
    value: Array
    intervals: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        return sum(hi - lo for lo, hi in self.intervals)


def intervals_where(x: Array, mask: Array) -> tuple[tuple[float, float], ...]:
    """The maximal runs of x where mask holds, as (first x, last x) pairs."""
    edges = np.diff(np.concatenate(([0], mask.astype(int), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return tuple((float(x[i]), float(x[j])) for i, j in zip(starts, stops))


def window(w: float, a: Array | None = None, b: float = 0.0) -> Window:
    """The factor |w sigma'(w a + b)| that one sigmoid layer applies, as a function of a."""
    a = np.linspace(-1.5, 1.5, 3001) if a is None else a
    value = np.abs(w * get_activation("sigmoid").prime(w * a + b))
    return Window(w, a, value, intervals_where(a, value >= 1.0))


def window_data(weights: tuple[float, ...] = WINDOW_WEIGHTS) -> tuple[Window, ...]:
    return tuple(window(w) for w in weights)


# --- figure 7: the product against depth ---------------------------------------------------------
PRODUCT_DEPTH = 20
PRODUCT_SAMPLES = 2000
PRODUCT_SEED = 0
PRODUCT_ACTIVATIONS = ("sigmoid", "tanh", "relu")
EXPLOSION_WEIGHT = 100.0


@dataclass(frozen=True)
class ProductData:
    """The sigmoid bound (1/4)^k, sampled bands per activation, and the exploding chain."""

    k: Array
    bound: Array
    bands: tuple[ProductBands, ...]
    explosion: Array
    explosion_weight: float


def product_data(
    depth: int = PRODUCT_DEPTH, samples: int = PRODUCT_SAMPLES, seed: int = PRODUCT_SEED
) -> ProductData:
    k = np.arange(1, depth + 1)
    bands = tuple(
        sample_product_bands(name, depth, samples, seed) for name in PRODUCT_ACTIVATIONS
    )
    explosion = explosion_ratios(depth, EXPLOSION_WEIGHT).backprop
    return ProductData(k, 0.25**k, bands, explosion, EXPLOSION_WEIGHT)
