"""Activation functions, each written once and registered by name.

An activation is a SymPy expression phi(z) (the mathematics, used by the derivations) together
with NumPy forms of phi and phi' (used by the backprop and the figures). The NumPy forms are
written by hand only where the naive form is numerically unsafe (the sigmoid at |z| ~ 1000);
``tests/test_activations.py`` checks every NumPy form against its SymPy expression.

Names are what the command line accepts. A parameterised activation takes its parameter after a
colon: ``leaky_relu`` (default slope 0.01), ``leaky_relu:0.2`` or ``leaky_relu:slope=0.2``.

Registered: sigmoid, tanh; relu, leaky_relu, prelu (parameter a), rrelu (slopes lower..upper,
PyTorch's convention); elu, gelu, silu (alias swish), softplus; and the two of the
dynamical-isometry papers (Saxe et al. 2013, Pennington et al. 2017): linear (φ(z) = z, a deep
linear network) and hard_tanh (z clipped to [−1, 1], the piecewise-linear tanh). Facts other code
needs (the peak derivative, where it is steepest, the slope below 0 of a piecewise linear one)
are asked of the object, never derived from its name.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import limits
from . import safe_forms as forms
from .activation import SATURATION_MARGIN, Activation, saturation_band, z_symbol
from .deferred import Deferred
from .parameters import parameters, parsed

# SymPy and mpmath are needed only when an activation is derived or its facts computed: listing
# and parsing names (the command line's --help) does not import them
sp, mpmath = Deferred("sympy"), Deferred("mpmath")
Array = np.ndarray
#: Re-exported: the object and the saturation band are asked for here by the rest of the code.
__all__ = ["SATURATION_MARGIN", "Activation", "saturation_band", "z_symbol"]


def sigmoid() -> Activation:
    return Activation(
        name="sigmoid",
        expr=lambda z: 1 / (1 + sp.exp(-z)),
        f=forms.sigmoid,
        prime=forms.sigmoid_prime,
        symbol="σ",
        latex=r"\sigma",
        steepest=0,
        sigmoid_form=(1.0, 1.0),
        logistic=True,
        saturation=saturation_band(0.0, 1.0),
        f_and_prime=forms.sigmoid_and_prime,
    )


def tanh() -> Activation:
    return Activation(
        name="tanh",
        expr=lambda z: sp.tanh(z),
        f=np.tanh,
        prime=lambda z: 1.0 / np.cosh(np.clip(z, -350.0, 350.0)) ** 2,
        symbol="tanh",
        latex=r"\tanh",
        steepest=0,
        sigmoid_form=(2.0, 2.0),  # tanh z = 2 sigma(2z) - 1
        saturation=saturation_band(-1.0, 1.0),
    )


def _rectifier_facts(slope: float) -> dict:
    # phi(z) = z above 0, slope * z below; phi' = 1 on z > 0, so z = 1 stands for "any z > 0"
    # (z = -1 for "any z < 0" in the rare case of a slope above 1)
    steepest = 1 if abs(slope) <= 1 else -1
    return {"negative_slope": float(slope), "linear_above_zero": True, "steepest": steepest}


# The piecewise-linear activations are written with |z| rather than Piecewise: SymPy
# differentiates (z + |z|)/2 to (1 + sign z)/2 and keeps nested chains of them tractable, where
# nested Piecewise conditions take minutes. At the kink z = 0 the derivative does not exist;
# the NumPy forms use phi'(0) = 0 for relu and phi'(0) = slope for leaky_relu, as frameworks do.
def relu() -> Activation:
    return Activation(
        name="relu",
        expr=lambda z: (z + sp.Abs(z)) / 2,
        f=lambda z: np.maximum(np.asarray(z, dtype=float), 0.0),
        prime=lambda z: (np.asarray(z) > 0).astype(float),
        symbol="ReLU",
        latex=r"\operatorname{ReLU}",
        **_rectifier_facts(0.0),
    )


@parameters(slope=limits.LEAKY_SLOPE)
def leaky_relu(slope: float = 0.01) -> Activation:
    expr, f, prime = _rectifier(slope)
    return Activation("leaky_relu", expr, f, prime, "LReLU", r"\operatorname{LReLU}",
                      {"slope": slope}, **_rectifier_facts(slope))


def _rectifier(slope: float) -> tuple[Callable, Callable, Callable]:
    # a rectifier with negative slope `slope`: SymPy form (with |z|), NumPy phi and phi'
    def expr(z: sp.Expr) -> sp.Expr:
        return ((1 + sp.Float(slope)) * z + (1 - sp.Float(slope)) * sp.Abs(z)) / 2

    def f(z: Array) -> Array:
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, z, slope * z)

    def prime(z: Array) -> Array:
        return np.where(np.asarray(z) > 0, 1.0, slope)

    return expr, f, prime


@parameters(a=limits.PRELU_SLOPE)
def prelu(a: float = 0.25) -> Activation:
    """Parametric ReLU (He et al. 2015): the negative slope ``a`` is learned; 0.25 is its start."""
    expr, f, prime = _rectifier(a)
    return Activation("prelu", expr, f, prime, "PReLU", r"\operatorname{PReLU}", {"a": a},
                      slope_learned=True, **_rectifier_facts(a))


#: Xu et al.'s (2015) RReLU as run by the Kaggle NDSB winner: x/a for x < 0, a ~ U(3, 8) in
#: training, a = (3 + 8)/2 = 5.5 at test time (a slope of 2/11, below its training mean ≈ 0.196).
XU_2015_DIVISOR = (3.0, 8.0)


@parameters(lower=limits.RRELU_SLOPE, upper=limits.RRELU_SLOPE)
def rrelu(lower: float = 1 / 8, upper: float = 1 / 3) -> Activation:
    """Randomized ReLU as PyTorch's ``nn.RReLU(1/8, 1/3)``: in training each unit draws its
    negative slope from U(lower, upper); at test time it uses the mean slope (lower + upper) / 2,
    11/48 ≈ 0.229 by default, the form written here (``params`` keeps the band for the figures).
    Xu et al. divide by a ~ U(3, 8) instead (:data:`XU_2015_DIVISOR`): the same range of slopes,
    not uniform on it.

    >>> rrelu().negative_slope == 11 / 48, 1 / (sum(XU_2015_DIVISOR) / 2) == 2 / 11
    (True, True)
    """
    if lower > upper:
        raise ValueError(f"rrelu needs lower <= upper, got {lower:g} and {upper:g}")
    expr, f, prime = _rectifier((lower + upper) / 2)
    params = {"lower": lower, "upper": upper}
    return Activation("rrelu", expr, f, prime, "RReLU", r"\operatorname{RReLU}", params,
                      slope_band=(lower, upper), **_rectifier_facts((lower + upper) / 2))


@parameters(alpha=limits.ELU_ALPHA)
def elu(alpha: float = 1.0) -> Activation:
    """ELU (Clevert et al. 2015): z for z > 0, alpha (e^z - 1) for z <= 0."""

    def expr(z: sp.Expr) -> sp.Expr:
        # (z - |z|)/2 = min(z, 0): the |z| form keeps SymPy's derivatives tractable (see relu)
        return (z + sp.Abs(z)) / 2 + sp.Float(alpha) * (sp.exp((z - sp.Abs(z)) / 2) - 1)

    def f(z: Array) -> Array:
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))

    def prime(z: Array) -> Array:
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))

    # phi' is 1 on z > 0 and alpha e^z below: for alpha <= 1 every z > 0 is steepest
    return Activation("elu", expr, f, prime, "ELU", r"\operatorname{ELU}", {"alpha": alpha},
                      linear_above_zero=True, steepest=1 if alpha <= 1 else 0)


def gelu() -> Activation:
    """GELU (Hendrycks and Gimpel 2016), exact: z Phi(z) = z (1 + erf(z / sqrt 2)) / 2."""
    return Activation(
        name="gelu",
        expr=lambda z: z * (1 + sp.erf(z / sp.sqrt(2))) / 2,
        f=lambda z: np.asarray(z, dtype=float) * forms.normal_cdf(z),
        prime=forms.gelu_prime,
        symbol="GELU",
        latex=r"\operatorname{GELU}",
        steepest="sqrt(2)",  # phi'' = (2 - z^2) phi_N(z) vanishes at z = sqrt 2
    )


def silu() -> Activation:
    """SiLU, also called Swish (Elfwing et al. 2018; Ramachandran et al. 2017): z sigma(z)."""
    return Activation(
        name="silu",
        expr=lambda z: z / (1 + sp.exp(-z)),
        f=lambda z: np.asarray(z, dtype=float) * forms.sigmoid(z),
        # (z sigma)' = sigma + z sigma', written with the overflow-safe sigma and sigma'
        prime=lambda z: forms.sigmoid(z) + np.asarray(z, dtype=float) * forms.sigmoid_prime(z),
        symbol="SiLU",
        latex=r"\operatorname{SiLU}",
        steepest="solve",  # phi'' = 0 has no closed-form root (z* ~ 2.40)
    )


def softplus() -> Activation:
    """Softplus log(1 + e^z), a smooth ReLU whose derivative is the sigmoid."""
    return Activation(
        name="softplus",
        expr=lambda z: sp.log(1 + sp.exp(z)),
        f=forms.softplus,
        prime=forms.sigmoid,
        symbol="softplus",
        latex=r"\operatorname{softplus}",
    )


def linear() -> Activation:
    """The identity φ(z) = z: a deep linear network (Saxe et al. 2013), φ′ = 1 everywhere."""
    return Activation(
        name="linear",
        expr=lambda z: z,
        f=lambda z: np.array(z, dtype=float),
        prime=lambda z: np.ones(np.shape(z)),
        symbol="id",
        latex=r"\operatorname{id}",
        steepest=0,  # φ′ = 1 at every z: 0 stands for all of them
    )


def hard_tanh() -> Activation:
    """Hard tanh, z clipped to [−1, 1]: φ′ = 1 on |z| < 1 and 0 outside (Pennington et al. 2017).

    Written (|z + 1| − |z − 1|)/2 for SymPy, as the rectifiers are written with |z| (see
    relu); at the kinks z = ±1 the NumPy φ′ is 0.
    """
    return Activation(
        name="hard_tanh",
        expr=lambda z: (sp.Abs(z + 1) - sp.Abs(z - 1)) / 2,
        f=lambda z: np.clip(np.asarray(z, dtype=float), -1.0, 1.0),
        prime=lambda z: (np.abs(np.asarray(z, dtype=float)) < 1).astype(float),
        symbol="htanh",
        latex=r"\operatorname{htanh}",
        steepest=0,
    )


#: The registry: name -> factory. The factory's keyword arguments are the parameters.
ACTIVATIONS: dict[str, Callable[..., Activation]] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "prelu": prelu,
    "rrelu": rrelu,
    "elu": elu,
    "gelu": gelu,
    "silu": silu,
    "swish": silu,  # the same function under its other name
    "softplus": softplus,
    "linear": linear,
    "hard_tanh": hard_tanh,
}


def get_activation(spec: str | Activation) -> Activation:
    """The registered activation named by ``spec`` ("relu", "leaky_relu:0.2", ...).

    >>> get_activation("leaky_relu:slope=0.2").params["slope"]
    0.2
    """
    if isinstance(spec, Activation):
        return spec
    name, colon, rest = spec.strip().partition(":")
    name = name.strip().replace("-", "_").lower()
    if name not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {spec!r}; choose from: {', '.join(ACTIVATIONS)}"
        )
    return ACTIVATIONS[name](**parsed(name, ACTIVATIONS[name], rest if colon else None))
