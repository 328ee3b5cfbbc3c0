"""Families of random networks (ensembles) and their draws: the networks whose input–output
Jacobian :mod:`analytic.experiments.jacobian` measures.

Notation as in :mod:`analytic.theory.spectrum`: h^l = W^l x^(l−1) + b^l, x^l = φ(h^l) for
l = 1..L, every layer N units wide.

An *ensemble* is one family of networks: an activation φ, Gaussian (``scaled:σ_w``, entries
N(0, σ_w²/N)) or orthogonal (``orthogonal:σ_w``) weights, biases N(0, σ_b²), and the fixed point
q* of the variance map. By default (σ_w, σ_b) lie on the critical line χ₁ = 1 at a chosen q*,
computed by mean-field theory (:func:`analytic.theory.spectrum.critical_point`); given σ_w and
σ_b, q* is the map's fixed point. A network draws first h^0 ~ N(0, q I) (q = q*, the layers'
fixed point, or 1 where φ′ does not depend on the scale) and x^0 = φ(h^0), then layer by layer
W^l and b^l, from one ``numpy.random.Generator``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import Activation, get_activation
from ..core.initialisation import WeightScheme, orthogonal, scaled
from ..core.limits import Q_STAR, SIGMA_B2, SIGMA_W2
from ..theory import spectrum

Array = np.ndarray
#: The default ensembles: the paper's activations, each with both weight ensembles.
ACTIVATIONS = ("linear", "relu", "hard_tanh", "tanh")
#: The default q* of the critical points: hard tanh's units are then linear with p = 0.954.
Q_STAR_DEFAULT = 0.25


# --- an ensemble ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ensemble:
    """One family of random networks and what mean-field theory says of it.

    ``critical`` says (σ_w, σ_b) were put on the critical line at ``q_star``; otherwise
    ``q_star`` is the variance map's fixed point at the given (σ_w, σ_b).
    """

    activation: Activation
    weights: str
    sigma_w: float
    sigma_b: float
    q_star: float
    critical: bool

    @property
    def scheme(self) -> WeightScheme:
        """The weight scheme that draws W^l: scaled:σ_w (N(0, σ_w²/N)) or orthogonal:σ_w."""
        return (orthogonal if self.weights == "orthogonal" else scaled)(self.sigma_w)

    @property
    def d_moments(self) -> tuple[float, float]:
        """μ₁ and μ₂ of D² at q*."""
        return spectrum.d_moments(self.activation, self.q_star)

    @property
    def s1(self) -> float:
        return spectrum.s1(self.weights)

    @property
    def chi1(self) -> float:
        """χ₁ = σ_w² μ₁: 1 on the critical line."""
        return self.sigma_w**2 * self.d_moments[0]

    @property
    def variance_rate(self) -> float:
        """μ₂/μ₁² − 1 − s₁: the growth of σ²/m₁² per layer."""
        return spectrum.variance_rate(*self.d_moments, self.s1)

    @property
    def input_variance(self) -> float:
        return spectrum.input_variance(self.activation, self.q_star)

    def predicted(self, depth: int) -> spectrum.Moments:
        """The paper's m₁ and m₂ at ``depth``."""
        return spectrum.predicted_moments(depth, self.sigma_w, *self.d_moments, self.s1)

    def to_json(self) -> dict[str, Any]:
        mu1, mu2 = self.d_moments
        return {"activation": self.activation.spec, "weights": self.weights,
                "law": self.scheme.law, "sigma_w": self.sigma_w, "sigma_b": self.sigma_b,
                "q_star": self.q_star, "critical": self.critical, "chi1": self.chi1,
                "mu1": mu1, "mu2": mu2, "s1": self.s1, "variance_rate": self.variance_rate}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ensemble:
        return cls(get_activation(data["activation"]), data["weights"], data["sigma_w"],
                   data["sigma_b"], data["q_star"], data["critical"])


def critical_ensemble(phi: Activation, weights: str, q_star: float = Q_STAR_DEFAULT) -> Ensemble:
    """φ with ``weights`` at the critical point whose fixed point is ``q_star``.

    >>> from analytic.core.activations import relu
    >>> e = critical_ensemble(relu(), "orthogonal")
    >>> e.scheme.spec, e.chi1, e.variance_rate  # σ²/m₁² grows by (1 − p)/p = 1 a layer
    ('orthogonal:1.4142135623730951', 1.0000000000000002, 1.0)
    """
    spectrum.s1(weights)
    Q_STAR.check(q_star)
    sigma_w, sigma_b = spectrum.critical_point(phi, q_star)
    return Ensemble(phi, weights, sigma_w, sigma_b, float(q_star), True)


def ensemble(phi: Activation, weights: str, sigma_w2: float, sigma_b2: float) -> Ensemble:
    """φ with ``weights`` at given variances (σ_w², σ_b²); q* is where the variance map settles.

    >>> from analytic.core.activations import relu
    >>> e = ensemble(relu(), "gaussian", 2.56, 0.0)
    >>> e.sigma_w, round(e.chi1, 12)  # χ₁ = σ_w²/2 for ReLU
    (1.6, 1.28)
    """
    spectrum.s1(weights)
    SIGMA_W2.check(sigma_w2), SIGMA_B2.check(sigma_b2)
    sigma_w, sigma_b = math.sqrt(sigma_w2), math.sqrt(sigma_b2)
    q_star = spectrum.network_fixed_point(phi, sigma_w, sigma_b)
    return Ensemble(phi, weights, sigma_w, sigma_b, q_star, False)


def default_ensembles(activations: Sequence[Activation] | None = None,
                      weights: Sequence[str] = spectrum.WEIGHTS,
                      q_star: float = Q_STAR_DEFAULT, sigma_w2: float | None = None,
                      sigma_b2: float = 0.0) -> tuple[Ensemble, ...]:
    """Every activation with every weight ensemble: critical at ``q_star`` unless ``sigma_w2``
    is given (then at (σ_w², σ_b²))."""
    phis = activations or [get_activation(name) for name in ACTIVATIONS]
    if sigma_w2 is None:
        return tuple(critical_ensemble(phi, w, q_star) for phi in phis for w in weights)
    return tuple(ensemble(phi, w, sigma_w2, sigma_b2) for phi in phis for w in weights)


# --- one network's draws -----------------------------------------------------------------------
def layers(e: Ensemble, width: int, rng: np.random.Generator) -> Iterator[tuple[Array, Array]]:
    """(W^l, b^l) for l = 1, 2, ...: drawn one layer at a time, as the pass needs them."""
    scheme = e.scheme
    while True:
        w = scheme(width, width, rng)
        yield w, e.sigma_b * rng.standard_normal(width)


def network_input(e: Ensemble, width: int, rng: np.random.Generator) -> Array:
    """x^0 = φ(h^0), h^0 ~ N(0, q I): the input of a network whose layers sit at q*."""
    return e.activation.f(math.sqrt(e.input_variance) * rng.standard_normal(width))
