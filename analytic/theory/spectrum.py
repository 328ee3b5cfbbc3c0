"""The singular values of a deep random network's input–output Jacobian, as free probability
predicts them (Pennington, Schoenholz and Ganguli 2017, "Resurrecting the sigmoid in deep
learning through dynamical isometry: theory and practice").

Notation, stated once (the paper's, its Section 2.1). A network of depth L and width N:

    h^l = W^l x^(l−1) + b^l,    x^l = φ(h^l),    l = 1..L,

with W^l either Gaussian, entries N(0, σ_w²/N), or σ_w times a Haar-random orthogonal matrix,
and b^l ~ N(0, σ_b²). Its Jacobian (the paper's eq. 2) is

    J = ∂x^L/∂x^0 = D^L W^L D^(L−1) W^(L−1) ⋯ D^1 W^1,    D^l = diag φ′(h^l),

and m_k = (1/N) tr (JJᵀ)^k = (1/N) Σ_i σ_i^(2k) are the moments of the spectrum of JJᵀ (σ_i the
singular values of J). Dynamical isometry is every σ_i near 1: m₁ = 1 and a small variance
σ²_JJᵀ = m₂ − m₁².

The paper's two assumptions: every h^l is N(0, q*), q* the fixed point of the variance map
(its Section 2.2; :mod:`.meanfield`), so the D^l all have one law, and the D^l and W^l are
freely independent. Then S-transforms multiply (its eq. 12; the S-transform of a law is built
from its moment generating function by its eqs. 7–10):

    S_JJᵀ(z) = S_WᵀW(z)^L · S_D²(z)^L.

Any law with moments m₁, m₂ has S(z) = (1/m₁)(1 + (1 − m₂/m₁²) z + O(z²)), so with
μ_k = E_z[φ′(√q* z)^(2k)] the moments of D² and S_WᵀW(z) = σ_w⁻²(1 + s₁ z + O(z²)), where
s₁ = −1 for Gaussian weights (Marchenko–Pastur, S = σ_w⁻²/(1 + z)) and s₁ = 0 for orthogonal
ones (S = σ_w⁻²), equating the first two coefficients of eq. 12 (the series inversion is the
paper's Lagrange inversion, its eq. 18) gives the moments the paper states for any φ and either
ensemble:

    m₁ = (σ_w² μ₁)^L = χ₁^L,
    m₂ = m₁² L (μ₂/μ₁² + 1/L − 1 − s₁),
    σ²_JJᵀ = m₂ − m₁² = m₁² L (μ₂/μ₁² − 1 − s₁).

χ₁ = σ_w² μ₁ is mean-field theory's (the paper's eq. 5): at criticality χ₁ = 1, m₁ = 1 at every
depth, and the variance grows linearly in L at the rate μ₂/μ₁² − 1 − s₁. For ReLU and hard tanh
φ′ is 0 or 1, so μ₁ = μ₂ = p(q*), the share of units in their linear regime (p = 1/2 for ReLU,
p = erf(1/√(2q*)) for hard tanh), and

    Gaussian weights:   σ²_JJᵀ = L / p,        orthogonal weights:   σ²_JJᵀ = L (1 − p) / p

(the paper's results for ReLU and hard-tanh networks, from S_D²(z) = (z + 1)/(z + p) and, for
Gaussian weights, S_JJᵀ = σ_w^(−2L) (z + p)^(−L)). ReLU's p is 1/2 whatever q*, so its variance
grows at least like L: no ReLU network is isometric. Orthogonal hard tanh reaches p → 1 as
q* → 0 and stays isometric at any depth; with Gaussian weights even the linear network (p = 1)
has σ² = L: Saxe et al.'s products of Gaussian matrices, whose singular values pile up near 0 (their
law is the Fuss–Catalan law, with m₂ = L + 1), while a product of orthogonal matrices keeps them
all at 1.

These are the wide-network limit N → ∞: at a finite width the measured moments differ by
O(L/N), besides the spread between random networks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.activations import Activation, z_symbol
from .meanfield import fixed_point, gaussian_expectation, mean_phi_squared
from .phase_diagram import edge_of_chaos

#: The weight ensembles the prediction knows, and their s₁ (first coefficient of S_WᵀW).
WEIGHTS = ("gaussian", "orthogonal")
S1 = {"gaussian": -1.0, "orthogonal": 0.0}


def s1(weights: str) -> float:
    """s₁ of the weights' S-transform: −1 for Gaussian, 0 for orthogonal.

    >>> s1("gaussian"), s1("orthogonal")
    (-1.0, 0.0)
    """
    if weights not in S1:
        raise ValueError(f"unknown weights {weights!r}; choose from: {', '.join(WEIGHTS)}")
    return S1[weights]


def scale_free(phi: Activation) -> bool:
    """Whether φ′(√q z) does not depend on q: the relu family (φ′ depends on the sign of z
    only) and linear φ (φ′ constant). For them any q is as good as q*.

    >>> from analytic.core.activations import linear, relu, tanh
    >>> scale_free(linear()), scale_free(relu()), scale_free(tanh())
    (True, True, False)
    """
    return phi.piecewise_linear or bool(phi.sympy_prime(z_symbol()).is_number)


def d_moments(phi: Activation, q_star: float) -> tuple[float, float]:
    """μ₁ = E_z[φ′(√q* z)²] and μ₂ = E_z[φ′(√q* z)⁴], the first two moments of D².

    Exact for the relu family (φ′ is 1 above 0 and α below: μ_k = (1 + α^(2k))/2) and for a
    constant φ′; by the quadrature of :mod:`.meanfield` otherwise.

    >>> from analytic.core.activations import relu
    >>> d_moments(relu(), 3.0)
    (0.5, 0.5)
    """
    alpha = phi.negative_slope
    if alpha is not None:
        return (1 + alpha**2) / 2, (1 + alpha**4) / 2
    if not math.isfinite(q_star):
        raise ValueError(f"{phi.label} has no finite fixed point q* here (q^l grows without "
                         "bound), and the prediction needs one")
    if scale_free(phi):
        slope = float(phi.prime(np.array([0.0]))[0])
        return slope**2, slope**4
    mu1 = gaussian_expectation(lambda u: phi.prime(u) ** 2, q_star)
    mu2 = gaussian_expectation(lambda u: phi.prime(u) ** 4, q_star)
    return float(mu1), float(mu2)


@dataclass(frozen=True)
class Moments:
    """m₁ and m₂ of JJᵀ's spectrum; its variance σ² = m₂ − m₁² and σ²/m₁².

    >>> Moments(2.0, 12.0).variance, Moments(2.0, 12.0).normalised_variance
    (8.0, 2.0)
    """

    m1: float
    m2: float

    @property
    def variance(self) -> float:
        return self.m2 - self.m1**2

    @property
    def normalised_variance(self) -> float:
        """σ²/m₁² = m₂/m₁² − 1: the variance in units of the mean, σ²_JJᵀ itself when m₁ = 1."""
        return self.m2 / self.m1**2 - 1


def predicted_moments(depth: int, sigma_w: float, mu1: float, mu2: float,
                      s_1: float) -> Moments:
    """The paper's m₁ = (σ_w² μ₁)^L and m₂ = m₁² L (μ₂/μ₁² + 1/L − 1 − s₁).

    >>> p = predicted_moments(32, 2 ** 0.5, 0.5, 0.5, -1.0)  # Gaussian ReLU at criticality
    >>> round(p.m1, 12), round(p.normalised_variance, 9)  # σ² = L/p = 64
    (1.0, 64.0)
    """
    m1 = (sigma_w**2 * mu1) ** depth
    return Moments(m1, m1**2 * (1 + depth * (mu2 / mu1**2 - 1 - s_1)))


def variance_rate(mu1: float, mu2: float, s_1: float) -> float:
    """μ₂/μ₁² − 1 − s₁: how much σ²/m₁² grows per layer."""
    return mu2 / mu1**2 - 1 - s_1


def log10_moments(depth: int, sigma_w: float, mu1: float, mu2: float, s_1: float) -> float:
    """log₁₀ of the largest of m₁, m₂ and 1/m₁ predicted: what a float64 run must hold."""
    log_m1 = depth * math.log10(sigma_w**2 * mu1)
    log_m2 = 2 * log_m1 + math.log10(1 + depth * variance_rate(mu1, mu2, s_1))
    return max(abs(log_m1), abs(log_m2))


# --- where the network runs: on the critical line, or at a given (σ_w, σ_b) -------------------
def critical_point(phi: Activation, q_star: float) -> tuple[float, float]:
    """(σ_w, σ_b) on the critical line χ₁ = 1 whose fixed point is ``q_star``:
    σ_w² = 1/E[φ′(√q* z)²], σ_b² = q* − σ_w² E[φ(√q* z)²] (:func:`.phase_diagram.edge_of_chaos`).

    >>> from analytic.core.activations import relu
    >>> critical_point(relu(), 0.5) == (2 ** 0.5, 0.0)
    True
    """
    if not (q_star > 0 and math.isfinite(q_star)):
        raise ValueError(f"q* must be a positive finite number, got {q_star:g}")
    if scale_free(phi):
        # φ(√q z)² averages to q μ₁ for these (degree-one homogeneous) φ: σ_b = 0 exactly
        return math.sqrt(1 / d_moments(phi, q_star)[0]), 0.0
    sigma_w, sigma_b = edge_of_chaos(phi, [q_star])
    if not len(sigma_w):
        shortfall = q_star - mean_phi_squared(phi, q_star) / d_moments(phi, q_star)[0]
        raise ValueError(f"{phi.label} has no critical point with q* = {q_star:g} (it would "
                         f"need σ_b² = {shortfall:.3g} < 0); choose a larger q* or give σ_w")
    return float(sigma_w[0]), float(sigma_b[0])


def network_fixed_point(phi: Activation, sigma_w: float, sigma_b: float) -> float:
    """q* of the variance map reached from q = 1 (:func:`.meanfield.fixed_point`)."""
    return fixed_point(phi, sigma_w, sigma_b)


def input_variance(phi: Activation, q_star: float) -> float:
    """The variance q of the h^0 ~ N(0, q I) a measured network starts from, x^0 = φ(h^0): q*
    itself, or 1 for a scale-free φ when q* is 0 or infinite (any q is then as good)."""
    if scale_free(phi) and not (0 < q_star < math.inf):
        return 1.0
    return q_star
