"""Depth scales of signal propagation and the order–chaos line (Schoenholz, Gilmer, Ganguli and
Sohl-Dickstein 2017, "Deep information propagation", arXiv:1611.01232; Poole et al. 2016).

Notation as in :mod:`analytic.theory.meanfield` (weights N(0, σ_w²/n), biases N(0, σ_b²),
z, z₁, z₂ independent standard normal variables, E their expectation), with the paper's
equation numbers:

- the variance map (eq. 2), q^l = σ_w² E[φ(√q^{l−1} z)²] + σ_b², settles at q*
  (:func:`analytic.theory.meanfield.fixed_point`);
- the covariance map of two inputs a, b (eq. 3) at q^l_aa = q^l_bb = q*, divided by q*, is the
  correlation map
  c^l = (σ_w² E[φ(u₁)φ(u₂)] + σ_b²)/q*,  u₁ = √q* z₁,  u₂ = √q* (c^{l−1} z₁ + √(1 − (c^{l−1})²) z₂),
  a bivariate Gaussian integral (E over z₁ of an inner E over z₂, each by meanfield's
  quadrature); c = 1 is always a fixed point, and c* is the one that c^l reaches from c^0 < 1;
- its slope at c = 1 is χ₁ = σ_w² E[φ′(√q* z)²] (eq. 4), and at c* it is
  χ_c = σ_w² E[φ′(u₁)φ′(u₂)] (with c = c*); so χ_c = χ₁ where c* = 1. χ₁ < 1 is the ordered
  phase (c* = 1: inputs become alike), χ₁ > 1 the chaotic one (c* < 1: they decorrelate), and
  χ₁ = 1 the order–chaos line;
- linearising the variance map at q* (eq. 5), |q^l − q*| ~ e^{−l/ξ_q} with
  ξ_q⁻¹ = −ln[χ₁ + σ_w² E[φ″(√q* z) φ(√q* z)]] (eq. 6), computed as the map's derivative
  σ_w² E[z φ(√q z) φ′(√q z)]/√q (the same number, by Gaussian integration by parts, without φ″);
- linearising the correlation map at c* (eq. 7), |c^l − c*| ~ e^{−l/ξ_c} with
  ξ_c⁻¹ = −ln χ_c (eq. 8), so ξ_c = −1/ln χ₁ in the ordered phase (eq. 9): ξ_c diverges on the
  order–chaos line, where ξ_q stays finite. The paper's reading: a network can be trained
  when its depth is at most about 6ξ_c.

The equation numbers are those of the arXiv version's sections 2 and 3. A depth scale that
diverges (χ = 1) or does not exist (q^l grows without bound, as for relu with σ_w² > 2) is
``math.inf`` or None here, with a reason in :attr:`DepthScales.reasons`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import Activation, tanh
from ..core.limits import SIGMA_B2, SIGMA_W2
from .meanfield import chi, chi1_at, fixed_points, gaussian_expectation, gaussian_nodes

Array = np.ndarray
#: χ within this of 1 is the order–chaos line itself (the quadrature's rounding is ~1e-14).
CRITICAL_TOL = 1e-12
#: The correlation fixed point c* to this absolute tolerance.
C_TOL = 1e-13
#: The range of σ_w² in which the order–chaos line is searched.
SIGMA_W2_RANGE = (1e-3, 100.0)


# --- Gaussian integrals ------------------------------------------------------------------------
def _correlated(q: float, c: float) -> tuple[Array, Array, Array, Array]:
    # the nodes of u₁ = √q z₁ (a vector) and u₂ = √q (c z₁ + √(1 − c²) z₂) (a matrix, one row
    # per u₁) and their weights: meanfield's quadrature in z₁ at q and in z₂ at q (1 − c²)
    z1, w1 = gaussian_nodes(q)
    z2, w2 = gaussian_nodes(q * (1 - c * c))
    u1 = math.sqrt(q) * z1
    return u1, c * u1[:, None] + math.sqrt(q * (1 - c * c)) * z2[None, :], w1, w2


def bivariate_expectation(f: Callable[[Array], Array], g: Callable[[Array], Array], q: float,
                          c: float) -> float:
    """E[f(u₁) g(u₂)] for u₁ = √q z₁ and u₂ = √q (c z₁ + √(1 − c²) z₂), a pair of normal
    variables of variance q and correlation c: an outer sum over z₁'s nodes of an inner one
    over z₂'s (meanfield's quadrature in each).

    >>> round(bivariate_expectation(lambda u: u**2, lambda u: u**2, 1.0, 0.5), 12)  # 1 + 2c²
    1.5
    """
    u1, u2, w1, w2 = _correlated(q, c)
    return float(w1 @ (f(u1) * (g(u2) @ w2)))


def _map_and_slope(phi: Activation, sigma_w2: float, sigma_b2: float, q_star: float,
                   c: float) -> tuple[float, float]:
    # the correlation map at c and its slope there, from one evaluation of φ and φ′ on the nodes
    u1, u2, w1, w2 = _correlated(q_star, c)
    a1, d1 = phi.value_and_prime(u1)
    a2, d2 = phi.value_and_prime(u2)
    both, slopes = w1 @ (a1 * (a2 @ w2)), w1 @ (d1 * (d2 @ w2))
    return float((sigma_w2 * both + sigma_b2) / q_star), float(sigma_w2 * slopes)


def variance_slope(phi: Activation, sigma_w2: float, q: float) -> float:
    """d q^l / d q^{l−1} at q: σ_w² E[z φ(√q z) φ′(√q z)]/√q (= χ₁ + σ_w² E[φ″ φ]); at q = 0,
    σ_w² φ′(0)²."""
    if q == 0:
        return sigma_w2 * float(phi.prime(np.array([0.0]))[0]) ** 2
    # E[z φ(√q z) φ′(√q z)]/√q = E[u φ(u) φ′(u)]/q for u = √q z
    return sigma_w2 * gaussian_expectation(lambda u: u * phi.f(u) * phi.prime(u), q) / q


def correlation_map(phi: Activation, sigma_w2: float, sigma_b2: float, q_star: float,
                    c: float) -> tuple[float, float]:
    """c^l from c^{l−1} = c at the fixed point q* (eq. 3 over q*), and the map's slope there,
    σ_w² E[φ′(u₁)φ′(u₂)] (χ_c when c = c*)."""
    return _map_and_slope(phi, sigma_w2, sigma_b2, q_star, c)


def correlation_fixed_point(phi: Activation, sigma_w2: float, sigma_b2: float, q_star: float,
                            start: float = 0.0) -> float:
    """The fixed point c* < 1 of the chaotic phase (χ₁ > 1), by Newton's method from ``start``
    (0, or a point known to lie below c*).

    G(c) = map(c) − c is convex on [0, 1] (the map is a power series in c with positive
    coefficients), G(0) >= 0 and G(1) = 0 with G′(1) = χ₁ − 1 > 0: so G has one root in
    [0, 1), and Newton's steps from below it rise to it without passing it. A ``start`` above
    the root (G < 0 there) is replaced by 0.
    """
    c = start
    for _ in range(100):
        mapped, slope = _map_and_slope(phi, sigma_w2, sigma_b2, q_star, c)
        gap, slope = mapped - c, slope - 1
        if gap < -C_TOL and c > 0:  # started above c*
            c = 0.0
            continue
        if gap <= C_TOL or slope >= 0:
            return c
        step = -gap / slope
        c = min(c + step, 1.0)
        if step < C_TOL:
            return c
    return c


# --- the depth scales ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DepthScales:
    """q*, c*, χ₁, χ_c, the variance map's slope χ_q at q*, and the depth scales ξ_q, ξ_c of one
    (activation, σ_w², σ_b²). A quantity that does not exist is None and one that diverges is
    ``math.inf``; ``reasons`` says why, by quantity (keys "q_star", "xi_q", "xi_c")."""

    activation: str
    sigma_w2: float
    sigma_b2: float
    q_star: float | None
    c_star: float | None
    chi1: float
    chi_c: float | None
    chi_q: float | None
    xi_q: float | None
    xi_c: float | None
    reasons: dict[str, str]

    @property
    def phase(self) -> str:
        """"ordered" (χ₁ < 1), "critical" (χ₁ = 1) or "chaotic" (χ₁ > 1)."""
        if abs(self.chi1 - 1) <= CRITICAL_TOL:
            return "critical"
        return "ordered" if self.chi1 < 1 else "chaotic"

    @property
    def trainable_depth(self) -> float | None:
        """6ξ_c: the paper's depth below which a network can be trained."""
        return None if self.xi_c is None else 6 * self.xi_c


def _scale(slope: float) -> float:
    # −1/ln χ for a contraction 0 <= χ < 1; infinite at χ = 1 (a power law, not an exponential)
    if slope >= 1 - CRITICAL_TOL:
        return math.inf
    return 0.0 if slope <= 0 else -1.0 / math.log(slope)


def _q_star_and_chi1(phi: Activation, sigma_w2: float, sigma_b2: float) -> tuple[float, float]:
    # q* and χ₁ (meanfield's); for the relu family in closed form from σ_w² itself, as
    # (√σ_w²)² may miss σ_w² in its last bit and move χ₁ off 1 on the line
    if phi.piecewise_linear:
        chi1 = sigma_w2 * (1 + phi.negative_slope**2) / 2
        if chi1 < 1:
            return sigma_b2 / (1 - chi1), chi1
        return (0.0 if chi1 == 1 and sigma_b2 == 0 else math.inf), chi1
    m = chi(phi, math.sqrt(sigma_w2), math.sqrt(sigma_b2))
    return m.q_star, m.chi1


def check_variances(sigma_w2: float, sigma_b2: float) -> None:
    """ValueError unless σ_w² and σ_b² lie in their ranges (:mod:`analytic.core.limits`)."""
    SIGMA_W2.check(sigma_w2)
    SIGMA_B2.check(sigma_b2)


def depth_scales(activation: Activation = tanh(), sigma_w2: float = 1.0,
                 sigma_b2: float = 0.05, c_start: float = 0.0) -> DepthScales:
    """q*, c*, χ₁, χ_c, ξ_q and ξ_c of wide random networks (see the module docstring);
    ``c_start`` is where the search for a chaotic c* starts (:func:`correlation_fixed_point`).

    >>> from analytic.core.activations import relu
    >>> d = depth_scales(relu(), 1.0, 0.1)  # χ₁ = σ_w²/2 for relu, and c* = 1
    >>> d.chi1, d.c_star, round(d.xi_c, 12) == round(-1 / math.log(0.5), 12)
    (0.5, 1.0, True)
    """
    phi = activation
    check_variances(sigma_w2, sigma_b2)
    q_star, chi1 = _q_star_and_chi1(phi, sigma_w2, sigma_b2)
    spec = phi.spec
    if not math.isfinite(q_star):
        why = "q* unbounded: the variance map has no fixed point"
        return DepthScales(spec, sigma_w2, sigma_b2, None, None, chi1, None, None, None, None,
                           {"q_star": why, "xi_q": why, "xi_c": why})
    reasons = {}
    chi_q = chi1 if q_star == 0 else variance_slope(phi, sigma_w2, q_star)
    if phi.piecewise_linear:
        chi_q = chi1  # the map is linear in q: its slope is χ₁ exactly
    if chi1 <= 1 + CRITICAL_TOL:
        c_star, chi_c = 1.0, chi1
    else:
        c_star = correlation_fixed_point(phi, sigma_w2, sigma_b2, q_star, c_start)
        chi_c = correlation_map(phi, sigma_w2, sigma_b2, q_star, c_star)[1]
    xi_q, xi_c = _scale(chi_q), _scale(chi_c)
    if math.isinf(xi_q):
        reasons["xi_q"] = "diverges: the variance map's slope at q* is 1"
    if math.isinf(xi_c):
        reasons["xi_c"] = "diverges: chi_c = 1 on the order-chaos line"
    return DepthScales(spec, sigma_w2, sigma_b2, q_star, c_star, chi1, chi_c, chi_q, xi_q,
                       xi_c, reasons)


# --- the order–chaos line ------------------------------------------------------------------------
def _chi1(phi: Activation, sigma_w2: Array, sigma_b2: Array) -> Array:
    q = fixed_points(phi, np.sqrt(sigma_w2), np.sqrt(sigma_b2))
    return np.asarray(chi1_at(phi, np.sqrt(sigma_w2), q), dtype=float)


def critical_sigma_w2(activation: Activation, sigma_b2s: Sequence[float],
                      grid: int = 200) -> Array:
    """The order–chaos line: for each σ_b², the smallest σ_w² in :data:`SIGMA_W2_RANGE` where χ₁
    (at the q* reached from q⁰ = 1) crosses 1, or NaN where it does not.

    A geometric grid of ``grid`` σ_w² brackets the first crossing of every σ_b² at once; 60
    bisections in log σ_w² then narrow each bracket to the last bits.

    >>> from analytic.core.activations import relu
    >>> critical_sigma_w2(relu(), [0.0, 0.5])  # χ₁ = σ_w²/2 whatever σ_b
    array([2., 2.])
    """
    phi, sigma_b2s = activation, np.asarray(sigma_b2s, dtype=float)
    for sigma_b2 in sigma_b2s:
        check_variances(1.0, float(sigma_b2))
    if phi.piecewise_linear:  # χ₁ = σ_w² (1 + α²)/2 exactly
        return np.full(sigma_b2s.shape, 2 / (1 + phi.negative_slope**2))
    sw2 = np.geomspace(*SIGMA_W2_RANGE, grid)
    above = _chi1(phi, sw2[None, :], sigma_b2s[:, None]) > 1
    found = above.any(axis=1)
    first = np.argmax(above, axis=1)
    lo = np.log(sw2[np.maximum(first - 1, 0)])
    hi = np.log(sw2[first])
    for _ in range(60):
        mid = (lo + hi) / 2
        up = _chi1(phi, np.exp(mid), sigma_b2s) > 1
        hi, lo = np.where(up, mid, hi), np.where(up, lo, mid)
    edge = np.exp(hi)
    return np.where(found & (first > 0), edge, np.nan)


@dataclass(frozen=True)
class DepthScaleCurve:
    """ξ_c and ξ_q against σ_w² at one σ_b² (one :class:`DepthScales` per σ_w²), and the
    critical σ_w² of that σ_b² (NaN if none in :data:`SIGMA_W2_RANGE`)."""

    activation: str
    sigma_b2: float
    critical: float
    points: tuple[DepthScales, ...]

    @property
    def sigma_w2s(self) -> Array:
        return np.array([p.sigma_w2 for p in self.points])

    def values(self, name: str) -> Array:
        """One quantity at every σ_w², NaN where it is None."""
        return np.array([np.nan if getattr(p, name) is None else getattr(p, name)
                         for p in self.points], dtype=float)


def depth_scale_curve(activation: Activation = tanh(), sigma_b2: float = 0.05,
                      sigma_w2s: Sequence[float] | None = None) -> DepthScaleCurve:
    """:func:`depth_scales` at every σ_w² of ``sigma_w2s`` (default: 61 from 1 to 4, the
    paper's range), and at the critical σ_w² of that σ_b² when it lies among them, at one σ_b².
    """
    (critical,) = critical_sigma_w2(activation, [sigma_b2])
    sigma_w2s = np.linspace(1.0, 4.0, 61) if sigma_w2s is None else np.asarray(sigma_w2s, float)
    if math.isfinite(critical) and sigma_w2s.min() < critical < sigma_w2s.max():
        sigma_w2s = np.union1d(sigma_w2s, [critical])
    # from the largest σ_w² down: c* rises as σ_w² falls, so each c* starts the next search
    points, c_start = [], 0.0
    for sigma_w2 in sorted(map(float, sigma_w2s), reverse=True):
        points.append(depth_scales(activation, sigma_w2, sigma_b2, c_start))
        c_start = points[-1].c_star if points[-1].c_star is not None else 0.0
        c_start = 0.0 if c_start >= 1 else c_start
    return DepthScaleCurve(activation.spec, sigma_b2, float(critical), tuple(points[::-1]))


# --- the published numbers this module reproduces (one plain function each) ---------------------
def tanh_critical_sigma_w2(sigma_b2: float = 0.05) -> float:
    """The order–chaos line of tanh at σ_b² (Schoenholz et al. 2017 train at σ_b² = 0.05; their
    maps' critical point lies near σ_w² = 1.76)."""
    return float(critical_sigma_w2(tanh(), [sigma_b2])[0])


def tanh_critical_sigma_w2_without_bias() -> float:
    """tanh's order–chaos point at σ_b = 0: σ_w² = 1/tanh′(0)² = 1 (Poole et al. 2016)."""
    return tanh_critical_sigma_w2(0.0)


def relu_critical_sigma_w2() -> float:
    """relu's critical σ_w²: χ₁ = σ_w²/2 = 1 at σ_w² = 2, whatever σ_b (He et al. 2015's
    N(0, 2/n_in))."""
    from ..core.activations import relu

    return float(critical_sigma_w2(relu(), [0.0])[0])
