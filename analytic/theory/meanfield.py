"""Mean-field theory of signal and gradient propagation in wide random networks.

Notation (Poole et al. 2016, Schoenholz et al. 2017), stated once: weights
w^l_jk ~ N(0, σ_w²/n_{l-1}), biases b^l_j ~ N(0, σ_b²), z ~ N(0, 1) a standard normal
variable, and E_z the expectation over it.

- q^l, the mean squared weighted input of layer l, follows the variance map
  q^l = σ_w² E_z[φ(√q^{l-1} z)²] + σ_b², which settles at a fixed point q*;
- backpropagation multiplies the mean squared delta by χ_1 = σ_w² E_z[φ′(√q* z)²] per layer
  (δ^l = φ′(z^l) ⊙ (w^{l+1})ᵀ δ^{l+1}, so E|δ^l|² = χ_1 E|δ^{l+1}|² whatever the widths);
- so the gradient norm changes by √χ_1 per layer, towards the input: < 1 vanishing, > 1
  exploding, = 1 the edge of chaos; ξ = −1/ln χ_1 is the depth over which the squared
  gradient shrinks by a factor e (reported as 1/|ln χ_1| so that it also reads as the growth
  depth when χ_1 > 1).

The expectations are computed by composite Gauss–Legendre quadrature in z (panels fine enough to
resolve φ(√q z) at every q, accurate to ~1e-13 for the smooth activations) and exactly for the
piecewise-linear ones, where E[φ(√q z)²] = q(1 + α²)/2 and E[φ′²] = (1 + α²)/2 for slope α below 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..core.activations import Activation

Array = np.ndarray

#: The chapter's initialisation: weights N(0, 1/n_in), biases N(0, 1).
#: Absolute tolerance of the fixed point q*.
Q_TOL = 1e-13
#: Relative rounding error of map(q) − q: near q = 0 the map is q to first order, so G(q) keeps
#: only its tiny second-order part, and a sign below this (times q) is rounding.
G_ROUNDING = 1e-14
#: |z| beyond which the standard normal density is below 1e-31 (the integral is cut there).
Z_MAX = 12.0
#: Gauss–Legendre points per panel: the panels are narrower than the features they resolve, so
#: 8 points leave an error below 1e-15 (against mpmath for tanh, sigmoid, GELU, SiLU and
#: softplus, q from 1e-4 to 2500).
_GL_POINTS = 8


# --- Gaussian expectations -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _legendre() -> tuple[Array, Array]:
    return np.polynomial.legendre.leggauss(_GL_POINTS)


def _quadrature_many(qs: Array) -> tuple[Array, Array]:
    """Nodes z and weights (density included), one row per q, resolving features of width
    1/√q in z.

    The panels are those of [−Z_MAX, Z_MAX] cut every 0.5 (which resolves the density itself)
    and every s/2 for |z| <= 20 s, s = 1/√q (where φ(√q z) changes). Cuts beyond Z_MAX, and all
    the fine ones at q = 0, are moved onto existing edges: the zero-width panels they make add
    nothing, and every row gets the same number of nodes.
    """
    qs = np.asarray(qs, dtype=float)
    coarse = np.broadcast_to(np.linspace(-Z_MAX, Z_MAX, 49), (len(qs), 49))
    with np.errstate(divide="ignore"):
        s = np.where(qs > 0, 1.0 / np.sqrt(qs), 0.0)
    fine = np.clip(s[:, None] * (np.arange(-40, 41) / 2), -Z_MAX, Z_MAX)
    edges = np.sort(np.concatenate((coarse, fine), axis=1), axis=1)
    t, w = _legendre()
    mid, half = (edges[:, 1:] + edges[:, :-1]) / 2, (edges[:, 1:] - edges[:, :-1]) / 2
    nodes = (len(qs), mid.shape[1] * len(t))
    z = (mid[:, :, None] + half[:, :, None] * t).reshape(nodes)
    weights = (half[:, :, None] * w).reshape(nodes) * np.exp(-z * z / 2)
    return z, weights / math.sqrt(2 * math.pi)


@lru_cache(maxsize=256)
def _quadrature(q: float) -> tuple[Array, Array]:
    """The nodes and weights of :func:`_quadrature_many` for one q (kept for reuse)."""
    z, weights = _quadrature_many(np.array([q]))
    return z[0], weights[0]


def gaussian_nodes(q: float) -> tuple[Array, Array]:
    """The nodes z and weights (density included) that :func:`gaussian_expectation` uses at
    one q, without the zero-weight nodes of its empty panels: E_z[g(√q z)] = Σ_i w_i g(√q z_i).

    >>> z, w = gaussian_nodes(1.0)
    >>> round(float(w.sum()), 14), round(float(w @ z**2), 13)
    (1.0, 1.0)
    """
    _check_variance(np.asarray(q))
    z, weights = _quadrature(float(q))
    keep = weights > 0
    return z[keep], weights[keep]


def _check_variance(q: Array) -> None:
    if np.any(q < 0):
        raise ValueError(f"a variance must be >= 0, got {np.min(q):g}")


def gaussian_expectation(g: Callable[[Array], Array], q: float | Array) -> float | Array:
    """E_z[g(√q z)] for z ~ N(0, 1), by composite Gauss–Legendre quadrature; for an array of
    q, one expectation per entry.

    >>> round(gaussian_expectation(lambda u: u**2, 3.0), 12)
    3.0
    """
    if np.ndim(q) == 0:
        _check_variance(np.asarray(q))
        z, weights = _quadrature(float(q))
        return float(np.dot(weights, g(math.sqrt(q) * z)))
    q = np.asarray(q, dtype=float)
    _check_variance(q)
    z, weights = _quadrature_many(q.ravel())
    u = np.sqrt(q.ravel())[:, None] * z
    return np.einsum("ij,ij->i", weights, g(u)).reshape(q.shape)


def mean_phi_squared(phi: Activation, q: float | Array) -> float | Array:
    """E_z[φ(√q z)²] (one per entry of an array of q)."""
    alpha = phi.negative_slope
    if alpha is not None:
        return q * (1 + alpha**2) / 2
    return gaussian_expectation(lambda u: phi.f(u) ** 2, q)


def mean_phi_prime_squared(phi: Activation, q: float | Array) -> float | Array:
    """E_z[φ′(√q z)²] (one per entry of an array of q)."""
    alpha = phi.negative_slope
    if alpha is not None:
        half = (1 + alpha**2) / 2
        return half if np.ndim(q) == 0 else np.full(np.shape(q), half)
    return gaussian_expectation(lambda u: phi.prime(u) ** 2, q)


# --- the variance map and its fixed point ----------------------------------------------------
def variance_map(phi: Activation, sigma_w: float | Array, sigma_b: float | Array,
                 q: float | Array) -> float | Array:
    """q^l from q^{l-1}: σ_w² E_z[φ(√q z)²] + σ_b²."""
    return sigma_w**2 * mean_phi_squared(phi, q) + sigma_b**2


def _fixed_points_piecewise_linear(alpha: float, sigma_w: Array, sigma_b: Array) -> Array:
    # q* = σ_w² q* (1+α²)/2 + σ_b²: a line, so q* exists only while its slope is below 1
    slope = sigma_w**2 * (1 + alpha**2) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        below = sigma_b**2 / (1 - slope)
    at_zero = (slope == 1) & (sigma_b == 0)
    return np.where(slope < 1, below, np.where(at_zero, 0.0, math.inf))


def fixed_point(phi: Activation, sigma_w: float, sigma_b: float, q0: float = 1.0) -> float:
    """The fixed point q* of the variance map that q^l reaches from q^0 = ``q0``.

    The map is increasing, so q^l moves monotonically to the nearest fixed point on the side
    where G(q) = map(q) − q points: the root is bracketed on that side (G > 0 below it, G <= 0
    above it) and found by false position with the Illinois step, to ``Q_TOL``. ``inf`` when
    q^l grows without bound; exactly 0 when it decays to 0. A G within the quadrature's
    rounding (|G| <= ``G_ROUNDING`` q) carries no sign: at the critical point (tanh, σ_w = 1,
    σ_b = 0, where G ~ −2q²) its sign would otherwise be noise and give a spurious root.

    >>> from analytic.core.activations import tanh
    >>> fixed_point(tanh(), 0.9, 0.0)  # tanh² u <= u², so q^l -> 0
    0.0
    """
    return float(fixed_points(phi, np.array([sigma_w]), np.array([sigma_b]), q0)[0])


def fixed_points(phi: Activation, sigma_w: Array, sigma_b: Array, q0: float = 1.0) -> Array:
    """:func:`fixed_point` for every pair (σ_w, σ_b) of two arrays of one shape, all at once."""
    sigma_w, sigma_b = np.broadcast_arrays(np.asarray(sigma_w, float), np.asarray(sigma_b, float))
    alpha = phi.negative_slope
    if alpha is not None:
        return _fixed_points_piecewise_linear(alpha, sigma_w, sigma_b)
    sw, sb = sigma_w.ravel(), sigma_b.ravel()

    def G(q: Array, i: Array) -> Array:  # map(q) − q for the pairs i (inf: it grows)
        with np.errstate(over="ignore"):
            return variance_map(phi, sw[i], sb[i], q) - q

    every = np.arange(sw.size)
    q_star = np.full(sw.size, np.nan)
    lo, hi = np.full(sw.size, float(q0)), np.full(sw.size, float(q0))
    g_lo = G(lo, every)
    g_hi = g_lo.copy()
    rises = g_lo > G_ROUNDING * lo
    # q^l rises: move hi up until the map falls below the diagonal; past 10^12 times the
    # weights' and biases' own scale it grows without bound (a bounded φ turns back before:
    # its map stays below σ_w² max φ² + σ_b²)
    ceiling = 1e12 * np.maximum(1.0, sw**2 + sb**2)
    i = every[rises]
    while i.size:
        lo[i], g_lo[i], hi[i] = hi[i], g_hi[i], 2 * hi[i]
        q_star[i[hi[i] > ceiling[i]]] = math.inf
        i = i[hi[i] <= ceiling[i]]
        g_hi[i] = G(hi[i], i)
        i = i[g_hi[i] > 0]
    # q^l falls: move lo down until the map rises above the diagonal by more than rounding
    i = every[~rises]
    while i.size:
        hi[i], g_hi[i], lo[i] = lo[i], np.minimum(g_lo[i], 0.0), lo[i] / 2
        q_star[i[lo[i] < 1e-30]] = 0.0
        i = i[lo[i] >= 1e-30]
        g_lo[i] = G(lo[i], i)
        i = i[g_lo[i] <= G_ROUNDING * lo[i]]
    i = every[np.isnan(q_star)]
    q_star[i] = _false_position(G, i, lo[i], g_lo[i], hi[i], g_hi[i])
    return q_star.reshape(sigma_w.shape)


def _false_position(G: Callable[[Array, Array], Array], i: Array, lo: Array, g_lo: Array,
                    hi: Array, g_hi: Array) -> Array:
    """The roots of G(·, i) in the brackets [lo, hi] (G(lo) > 0 >= G(hi)), one per entry."""
    root = np.full(i.size, np.nan)
    side = np.zeros(i.size, dtype=int)  # which end moved last: 1 lo, -1 hi
    open_ = np.arange(i.size)
    for _ in range(500):
        open_ = open_[hi[open_] - lo[open_] > Q_TOL]
        if not open_.size:
            break
        k = open_
        # (lo G(hi) − hi G(lo)) / (G(hi) − G(lo)); where a product overflows (q* near σ_w² at
        # σ_w = 10^100) the same point written without one (other last bits: only there)
        with np.errstate(over="ignore", invalid="ignore"):
            q = (lo[k] * g_hi[k] - hi[k] * g_lo[k]) / (g_hi[k] - g_lo[k])
        far = ~np.isfinite(q)
        q[far] = lo[k][far] + (hi[k][far] - lo[k][far]) * (
            g_lo[k][far] / (g_lo[k][far] - g_hi[k][far]))
        g = G(q, i[k])
        up, down = k[g > 0], k[g <= 0]
        # Illinois: halve the far end's G when the same end moves twice, to unstick it
        g_hi[up] = np.where(side[up] == 1, g_hi[up] / 2, g_hi[up])
        g_lo[down] = np.where(side[down] == -1, g_lo[down] / 2, g_lo[down])
        lo[up], g_lo[up], side[up] = q[g > 0], g[g > 0], 1
        hi[down], g_hi[down], side[down] = q[g <= 0], g[g <= 0], -1
        close = np.abs(g) <= 1e-16 * np.maximum(1.0, q)  # rounding level: q cannot get closer
        root[k[close]] = q[close]
        open_ = k[~close]
    rest = np.isnan(root)
    root[rest] = (lo[rest] + hi[rest]) / 2
    return root


# --- chi_1 and what it predicts ----------------------------------------------------------------
@dataclass(frozen=True)
class MeanField:
    """The mean-field quantities of one (activation, σ_w, σ_b)."""

    activation: str
    sigma_w: float
    sigma_b: float
    q_star: float
    chi1: float

    @property
    def per_layer_factor(self) -> float:
        """√χ_1: gradient norm at layer l over that at layer l + 1."""
        return math.sqrt(self.chi1)

    @property
    def depth_scale(self) -> float:
        """ξ = 1/|ln χ_1|: layers over which the squared gradient shrinks (χ_1 < 1, where this
        is the usual −1/ln χ_1) or grows (χ_1 > 1) by a factor e; infinite at χ_1 = 1."""
        if self.chi1 == 1:
            return math.inf
        if self.chi1 == 0:
            return 0.0
        return 1.0 / abs(math.log(self.chi1))

    @property
    def regime_key(self) -> str:
        """Where χ_1 lies, as a stable key: "vanishing", "edge_of_chaos" or "exploding"."""
        if math.isclose(self.chi1, 1.0, rel_tol=1e-9):
            return "edge_of_chaos"
        return "vanishing" if self.chi1 < 1 else "exploding"

    @property
    def regime(self) -> str:
        """The regime in English words (what the JSON holds): "edge of chaos", ...

        >>> from analytic.core.activations import relu, tanh
        >>> chi(relu(), 2 ** 0.5, 0.0).regime, chi(tanh(), 3.0, 0.0).regime
        ('edge of chaos', 'exploding')
        """
        return self.regime_key.replace("_", " ")


def chi(activation: Activation, sigma_w: float, sigma_b: float) -> MeanField:
    """q*, χ_1 = σ_w² E_z[φ′(√q* z)²] and the per-layer gradient factor √χ_1.

    >>> from analytic.core.activations import relu
    >>> chi(relu(), 1.2, 0.3).chi1  # σ_w²/2 exactly
    0.72
    """
    phi = activation
    if not (sigma_w > 0 and sigma_b >= 0 and math.isfinite(sigma_w + sigma_b)):
        raise ValueError(f"need sigma_w > 0 and sigma_b >= 0, got {sigma_w:g} and {sigma_b:g}")
    q_star = fixed_point(phi, sigma_w, sigma_b)
    return MeanField(phi.spec, sigma_w, sigma_b, q_star, float(chi1_at(phi, sigma_w, q_star)))


def chi1_at(phi: Activation, sigma_w: float | Array, q_star: float | Array) -> float | Array:
    """χ_1 = σ_w² E_z[φ′(√q* z)²] (entry by entry for arrays); where q* is infinite, its limit
    σ_w² (φ′(+∞)² + φ′(−∞)²)/2, as √q z is then ±∞ with probability ½ each.

    >>> from analytic.core.activations import elu
    >>> float(chi1_at(elu(), 2.0, math.inf))  # φ′ = 1 above 0, α e^z → 0 below
    2.0
    """
    finite = np.isfinite(q_star)
    q_eval = np.where(finite, q_star, 1.0)
    inside = mean_phi_prime_squared(phi, q_eval if q_eval.ndim else float(q_eval))
    return sigma_w**2 * np.where(finite, inside, limit_phi_prime_squared(phi))


def limit_phi_prime_squared(phi: Activation) -> float:
    """lim E_z[φ′(√q z)²] as q → ∞: (φ′(+∞)² + φ′(−∞)²)/2, with φ′ far out on each side."""
    with np.errstate(all="ignore"):
        ends = phi.prime(np.array([-1e300, 1e300]))
    if not np.all(np.isfinite(ends)):
        raise ValueError(f"{phi.spec}: φ′ has no finite limit at ±∞")
    return float(np.mean(ends**2))


def critical_sigma_w(activation: Activation, sigma_b: float) -> float:
    """The weight scale σ_w at which χ_1 = 1 for biases of standard deviation ``sigma_b``: the
    edge of chaos at that σ_b, where the gradient's norm neither shrinks nor grows per layer.

    χ_1 rises with σ_w (for the sigmoid from about σ_w²/16 near 0 to about σ_w/(6√π) for large
    σ_w, as E[σ′(√q z)²] ~ 1/(6√(2πq)) once q* ~ σ_w²/2), so ln χ_1 is nearly linear in ln σ_w:
    the root is bracketed by doubling σ_w and found by false position with the Illinois step in
    ln σ_w, to 1e-13. ValueError when χ_1 stays below or above 1 for every σ_w in [1e-6, 1e6].

    >>> from analytic.core.activations import relu, sigmoid
    >>> round(critical_sigma_w(relu(), 0.0), 12)  # χ_1 = σ_w²/2: He's √2
    1.414213562373
    >>> 10 < critical_sigma_w(sigmoid(), 0.0) < 10.3
    True
    """
    def g(log_sigma_w: float) -> float:
        return math.log(chi(activation, math.exp(log_sigma_w), sigma_b).chi1)

    lo, hi = 0.0, 0.0  # ln σ_w, with g(lo) < 0 <= g(hi) once bracketed
    g_lo = g_hi = g(0.0)
    while g_lo >= 0:
        hi, g_hi, lo = lo, g_lo, lo - math.log(2)
        if lo < math.log(1e-6):
            raise ValueError(f"χ_1 >= 1 for every σ_w down to 1e-6 ({activation.spec})")
        g_lo = g(lo)
    while g_hi < 0:
        lo, g_lo, hi = hi, g_hi, hi + math.log(2)
        if hi > math.log(1e6):
            raise ValueError(f"χ_1 < 1 for every σ_w up to 1e6 ({activation.spec})")
        g_hi = g(hi)
    side = 0  # which end moved last: 1 lo, -1 hi
    for _ in range(200):
        t = (lo * g_hi - hi * g_lo) / (g_hi - g_lo)
        g_t = g(t)
        if g_t == 0 or hi - lo < 1e-13:
            break
        if g_t < 0:
            g_hi = g_hi / 2 if side == 1 else g_hi  # Illinois: unstick the far end
            lo, g_lo, side = t, g_t, 1
        else:
            g_lo = g_lo / 2 if side == -1 else g_lo
            hi, g_hi, side = t, g_t, -1
        if abs(g_t) < 1e-15:
            break
    return math.exp(t)
