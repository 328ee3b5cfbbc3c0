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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..core.activations import Activation, get_activation
from ..core.initialisation import get_initialisation, initial_network
from ..core.network import Network, backprop

Array = np.ndarray

#: The chapter's initialisation: weights N(0, 1/n_in), biases N(0, 1).
CHAPTER_SIGMA_W = 1.0
CHAPTER_SIGMA_B = 1.0
#: Absolute tolerance of the fixed point q*.
Q_TOL = 1e-13
#: Relative size of G(q) = map(q) − q below which its sign is quadrature rounding, not signal.
G_NOISE = 1e-12
#: |z| beyond which the standard normal density is below 1e-31 (the integral is cut there).
Z_MAX = 12.0
_GL_POINTS = 16


# --- Gaussian expectations -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _legendre() -> tuple[Array, Array]:
    return np.polynomial.legendre.leggauss(_GL_POINTS)


@lru_cache(maxsize=256)
def _quadrature(q: float) -> tuple[Array, Array]:
    """Nodes z and weights (density included) resolving features of width 1/√q in z."""
    edges = np.linspace(-Z_MAX, Z_MAX, 49)  # panels of 0.5 resolve the density itself
    if q > 0:
        s = 1.0 / math.sqrt(q)  # φ(√q z) changes over |Δz| ~ s near z = 0
        fine = s * np.arange(-40, 41) / 2
        edges = np.union1d(edges, fine[np.abs(fine) < Z_MAX])
    t, w = _legendre()
    mid, half = (edges[1:] + edges[:-1]) / 2, (edges[1:] - edges[:-1]) / 2
    z = (mid[:, None] + half[:, None] * t).ravel()
    weights = (half[:, None] * w).ravel() * np.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    return z, weights


def gaussian_expectation(g: Callable[[Array], Array], q: float) -> float:
    """E_z[g(√q z)] for z ~ N(0, 1), by composite Gauss–Legendre quadrature.

    >>> round(gaussian_expectation(lambda u: u**2, 3.0), 12)
    3.0
    """
    if q < 0:
        raise ValueError(f"a variance must be >= 0, got {q:g}")
    z, weights = _quadrature(float(q))
    return float(np.dot(weights, g(math.sqrt(q) * z)))


def mean_phi_squared(phi: Activation, q: float) -> float:
    """E_z[φ(√q z)²]."""
    alpha = phi.negative_slope
    if alpha is not None:
        return q * (1 + alpha**2) / 2
    return gaussian_expectation(lambda u: phi.f(u) ** 2, q)


def mean_phi_prime_squared(phi: Activation, q: float) -> float:
    """E_z[φ′(√q z)²]."""
    alpha = phi.negative_slope
    if alpha is not None:
        return (1 + alpha**2) / 2
    return gaussian_expectation(lambda u: phi.prime(u) ** 2, q)


# --- the variance map and its fixed point ----------------------------------------------------
def variance_map(phi: Activation, sigma_w: float, sigma_b: float, q: float) -> float:
    """q^l from q^{l-1}: σ_w² E_z[φ(√q z)²] + σ_b²."""
    return sigma_w**2 * mean_phi_squared(phi, q) + sigma_b**2


def _fixed_point_piecewise_linear(alpha: float, sigma_w: float, sigma_b: float) -> float:
    # q* = σ_w² q* (1+α²)/2 + σ_b²: a line, so q* exists only while its slope is below 1
    slope = sigma_w**2 * (1 + alpha**2) / 2
    if slope < 1:
        return sigma_b**2 / (1 - slope)
    return 0.0 if slope == 1 and sigma_b == 0 else math.inf


def fixed_point(phi: Activation, sigma_w: float, sigma_b: float, q0: float = 1.0) -> float:
    """The fixed point q* of the variance map that q^l reaches from q^0 = ``q0``.

    The map is increasing, so q^l moves monotonically to the nearest fixed point on the side
    where G(q) = map(q) − q points: the root is bracketed on that side (G > 0 below it, G <= 0
    above it) and found by false position with the Illinois step, to ``Q_TOL``. ``inf`` when
    q^l grows without bound; exactly 0 when it decays to 0. A G within the quadrature's
    rounding (|G| <= ``G_NOISE`` q) carries no sign: at the critical point (tanh, σ_w = 1,
    σ_b = 0, where G ~ −2q²) its sign would otherwise be noise and give a spurious root.

    >>> fixed_point(get_activation("tanh"), 0.9, 0.0)  # tanh² u <= u², so q^l -> 0
    0.0
    """
    alpha = phi.negative_slope
    if alpha is not None:
        return _fixed_point_piecewise_linear(alpha, sigma_w, sigma_b)
    G = lambda q: variance_map(phi, sigma_w, sigma_b, q) - q  # noqa: E731
    lo = hi = q0
    g_lo = g_hi = G(q0)
    while g_hi > 0:  # q^l rises: move hi up until the map falls below the diagonal
        lo, g_lo = hi, g_hi
        hi *= 2
        if hi > 1e12:
            return math.inf
        g_hi = G(hi)
    while g_lo <= G_NOISE * lo:  # q^l falls: move lo down until the map rises above it
        hi, g_hi = lo, g_lo
        lo /= 2
        if lo < 1e-30:
            return 0.0
        g_lo = G(lo)
    return _false_position(G, lo, g_lo, hi, g_hi)


def _false_position(G: Callable[[float], float], lo: float, g_lo: float, hi: float,
                    g_hi: float) -> float:
    side = 0
    for _ in range(500):
        if hi - lo <= Q_TOL:
            break
        q = (lo * g_hi - hi * g_lo) / (g_hi - g_lo)
        g = G(q)
        if g > 0:
            lo, g_lo = q, g
            g_hi, side = (g_hi / 2 if side == 1 else g_hi), 1  # Illinois: unstick the far end
        else:
            hi, g_hi = q, g
            g_lo, side = (g_lo / 2 if side == -1 else g_lo), -1
        if abs(g) <= 1e-16 * max(1.0, q):  # rounding level: q cannot get closer
            return q
    return (lo + hi) / 2


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
    def regime(self) -> str:
        if math.isclose(self.chi1, 1.0, rel_tol=1e-9):
            return "edge of chaos"
        return "vanishing" if self.chi1 < 1 else "exploding"


def chi(activation: str | Activation, sigma_w: float, sigma_b: float) -> MeanField:
    """q*, χ_1 = σ_w² E_z[φ′(√q* z)²] and the per-layer gradient factor √χ_1.

    >>> chi("relu", 1.2, 0.3).chi1  # σ_w²/2 exactly
    0.72
    """
    phi = get_activation(activation)
    if not (sigma_w > 0 and sigma_b >= 0 and math.isfinite(sigma_w + sigma_b)):
        raise ValueError(f"need sigma_w > 0 and sigma_b >= 0, got {sigma_w:g} and {sigma_b:g}")
    q_star = fixed_point(phi, sigma_w, sigma_b)
    q_eval = q_star if math.isfinite(q_star) else 1.0  # only relu-like φ diverge; χ_1 is q-free
    chi1 = sigma_w**2 * mean_phi_prime_squared(phi, q_eval)
    return MeanField(phi.spec, sigma_w, sigma_b, q_star, chi1)


def edge_of_chaos(activation: str | Activation, q_stars: Sequence[float]) -> tuple[Array, Array]:
    """The χ_1 = 1 curve, parametrised by q*: σ_w² = 1/E[φ′²], σ_b² = q* − σ_w² E[φ²].

    Returns (σ_w, σ_b) at the q* where σ_b² >= 0.
    """
    phi = get_activation(activation)
    sw2 = np.array([1 / mean_phi_prime_squared(phi, q) for q in q_stars])
    sb2 = np.array([q - s * mean_phi_squared(phi, q) for q, s in zip(q_stars, sw2)])
    keep = sb2 >= -1e-15
    return np.sqrt(sw2[keep]), np.sqrt(np.clip(sb2[keep], 0, None))


@dataclass(frozen=True)
class PhaseDiagram:
    """χ_1 on a (σ_w, σ_b) grid, and the χ_1 = 1 curve."""

    activation: str
    sigma_ws: Array
    sigma_bs: Array
    chi1: Array  # shape (len(sigma_bs), len(sigma_ws))
    edge_sigma_w: Array
    edge_sigma_b: Array


def phase_diagram(
    activation: str = "tanh", sigma_ws: Sequence[float] | None = None,
    sigma_bs: Sequence[float] | None = None,
) -> PhaseDiagram:
    """χ_1 over a grid of (σ_w, σ_b), with the edge of chaos traced exactly by q*."""
    sigma_ws = np.linspace(0.5, 4.0, 36) if sigma_ws is None else np.asarray(sigma_ws, float)
    sigma_bs = np.linspace(0.0, 2.0, 21) if sigma_bs is None else np.asarray(sigma_bs, float)
    grid = np.array([[chi(activation, sw, sb).chi1 for sw in sigma_ws] for sb in sigma_bs])
    edge_w, edge_b = edge_of_chaos(activation, np.geomspace(1e-6, 50.0, 200))
    inside = (edge_w <= sigma_ws.max()) & (edge_b <= sigma_bs.max())
    return PhaseDiagram(
        get_activation(activation).spec, sigma_ws, sigma_bs, grid, edge_w[inside], edge_b[inside]
    )


# --- measured ratios in random networks ------------------------------------------------------
def random_network(
    sizes: Sequence[int], activation: str | Activation, sigma_w: float, sigma_b: float,
    rng: np.random.Generator,
) -> Network:
    """Weights ~ N(0, σ_w²/n_in), biases ~ N(0, σ_b²), φ in every layer, sizes [n_0, ..., n_L]."""
    return initial_network(sizes, rng, f"scaled:{sigma_w!r}", activation, sigma_b, activation)


@dataclass(frozen=True)
class MeasuredRatios:
    """Gradient ratios layer l over layer l+1, for l = 1..L-2 (hidden layers only), per network.

    ``rms`` uses the root-mean-square per-example delta (the quantity mean-field theory
    predicts); ``batch_mean`` the norm of dC/db^l averaged over the batch (the chapter's).
    Each has shape (networks, hidden layers - 1).
    """

    rms: Array
    batch_mean: Array

    def median_rms(self) -> Array:
        return np.median(self.rms, axis=0)

    def median_batch_mean(self) -> Array:
        return np.median(self.batch_mean, axis=0)


def _ratios(per_layer: Sequence[float]) -> Array:
    values = np.asarray(per_layer)
    return values[:-1] / values[1:]


def measure_ratios(
    sizes: Sequence[int], activation: str | Activation, sigma_w: float, sigma_b: float,
    inputs: Array, targets: Array, networks: int, rng: np.random.Generator,
) -> MeasuredRatios:
    """Backprop through ``networks`` random networks and measure hidden-layer gradient ratios."""
    nets = [random_network(sizes, activation, sigma_w, sigma_b, rng) for _ in range(networks)]
    return _measure(nets, inputs, targets)


def _measure(nets: Sequence[Network], inputs: Array, targets: Array) -> MeasuredRatios:
    rms, batch = [], []
    for net in nets:
        grads = backprop(net, inputs, targets, "quadratic")
        hidden = range(net.depth - 1)  # the output layer's delta comes from the cost
        rms.append(_ratios([np.sqrt(np.mean(np.sum(grads.deltas[l] ** 2, 1))) for l in hidden]))
        batch.append(_ratios([np.linalg.norm(grads.nabla_b[l]) for l in hidden]))
    return MeasuredRatios(np.array(rms), np.array(batch))


def layerwise_factors(
    activation: str | Activation, q1: float, sigma_w: float, sigma_b: float, hidden: int
) -> list[float]:
    """√χ^l = σ_w √E_z[φ′(√q^l z)²] for l = 1..hidden−1, with q^l from the variance map
    started at the first hidden layer's q^1 rather than at q* (short networks never get there).
    """
    phi, q, factors = get_activation(activation), q1, []
    for _ in range(hidden - 1):
        factors.append(sigma_w * math.sqrt(mean_phi_prime_squared(phi, q)))
        q = variance_map(phi, sigma_w, sigma_b, q)
    return factors


@dataclass(frozen=True)
class Prediction:
    """Predicted √χ_1 next to measured ratios, one row per pair of consecutive hidden layers.

    ``layerwise`` (optional) is :func:`layerwise_factors` from the data's q^1;
    ``measured_rms`` (optional) the same ratios of root-mean-square per-example deltas, the
    quantity the theory describes (the chapter's batch-mean gradient can differ from it when
    saturated units make per-example gradients cancel).
    """

    mean_field: MeanField
    measured: tuple[float, ...]
    source: str
    layerwise: tuple[float, ...] = ()
    measured_rms: tuple[float, ...] = ()

    @property
    def relative_differences(self) -> list[float]:
        p = self.mean_field.per_layer_factor
        return [(m - p) / p for m in self.measured]


def predict(
    measured: Sequence[float], activation: str = "sigmoid",
    sigma_w: float = CHAPTER_SIGMA_W, sigma_b: float = CHAPTER_SIGMA_B, source: str = "",
    q1: float | None = None, measured_rms: Sequence[float] = (),
) -> Prediction:
    """Put √χ_1 next to measured ratios ||∇_b^l|| / ||∇_b^{l+1}|| (l = 1, 2, ...).

    Note the direction: earlier over later layer. ``experiment init-norms`` reports later over
    earlier (its ``InitNorms.ratios``); pass their reciprocals. With ``q1`` (the first hidden
    layer's mean squared weighted input) the layer-by-layer prediction is added.
    """
    if not measured or not all(math.isfinite(m) and m > 0 for m in measured):
        raise ValueError("measured ratios must be positive finite numbers, one per layer pair")
    layerwise = () if q1 is None else tuple(
        layerwise_factors(activation, q1, sigma_w, sigma_b, len(measured) + 1)
    )
    mean_field = chi(activation, sigma_w, sigma_b)
    return Prediction(
        mean_field, tuple(map(float, measured)), source, layerwise, tuple(map(float, measured_rms))
    )


# --- the chapter's network ------------------------------------------------------------------------
CHAPTER_WIDTH = 30


def init_sigma_w(init: str, width: int = CHAPTER_WIDTH) -> float:
    """σ_w of an initialisation between hidden layers of ``width`` neurons: σ_w² = n_in Var[w].

    Only the variance matters to the mean field (xavier's uniform draw counts as a normal one
    of the same variance).

    >>> init_sigma_w("he")
    1.4142135623730951
    """
    return math.sqrt(width * get_initialisation(init).variance(width, width))
