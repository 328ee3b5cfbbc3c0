"""Backpropagation through time in a random recurrent network: vanishing and exploding norms.

Notation, stated once. A recurrent network of n units reads inputs x_1..x_T (m features each):

    z_t = W h_{t-1} + U x_t + b,    h_t = φ(z_t),    t = 1..T,    h_0 = 0,

with φ = tanh by default (any φ of the sigmoid form Aσ(cz) + B, bounded, is accepted). A sample
draws, from ``default_rng([seed, s])`` for sample s:

- G with entries N(0, 1/n), and W = ρ G / ρ(G), so W's spectral radius is exactly ρ; the same
  G serves every ρ (only the scale changes between the curves);
- U with entries N(0, 1/m) and x_t ~ N(0, σ_x² I) independently for every t, so each unit's
  input drive (U x_t)_j has variance σ_x²; b = 0;
- the cost C = vᵀ h_T for a fixed v uniform on the unit sphere: a linear read-out of the last
  state, so ∂C/∂h_T = v has norm 1 and ‖∂C/∂h_t‖ is the factor by which the error reaching
  step t has grown (> 1) or shrunk (< 1) on its way back from step T.

Backpropagation through time: e_t = ∂C/∂z_t = φ′(z_t) ⊙ ∂C/∂h_t and ∂C/∂h_{t−1} = Wᵀ e_t; the
learner's gradient is ∂C/∂W = Σ_t e_t h_{t−1}ᵀ, ∂C/∂U = Σ_t e_t x_tᵀ, ∂C/∂b = Σ_t e_t. The pass
carries ∂C/∂h_t as a unit vector and its log₁₀ norm, so norms of 10^±1000 come out exact
instead of overflowing to inf or underflowing to 0: every norm is reported as log₁₀, and
``overflow_step`` says where a plain float64 pass would have produced inf.

Pascanu, Mikolov and Bengio (2013): ‖∂h_t/∂h_{t−1}‖ ≤ ‖Wᵀ‖ ‖diag φ′(z_t)‖ ≤ λ₁ γ, with λ₁
the largest singular value of W and γ = max φ′ (``Activation.peak_prime``: 1 for tanh, 1/4 for
the sigmoid). So ‖∂C/∂h_t‖ ≤ (λ₁ γ)^{T−t}, and λ₁ < 1/γ suffices for the norms to vanish.
λ₁ ≥ ρ (about 2ρ for a random G), so the condition is sufficient but far from necessary.
For the linearised network (σ_x = 0 keeps h_t = 0, where tanh′ = 1) ∂C/∂h_t = (Wᵀ)^{T−t} v, whose
norm changes by ρ per step in the long run; mean-field theory (``theory.meanfield``, with
σ_w = ρ and σ_b = σ_x) predicts the factor √χ₁ per step for wide tanh networks.

Clipping (Pascanu et al.'s norm clipping) rescales the learner's whole gradient
g = (∂C/∂W, ∂C/∂U, ∂C/∂b) to g · min(1, c/‖g‖). One factor multiplies every step's
contribution e_t h_{t−1}ᵀ, so the ‖∂C/∂h_t‖ the learner effectively uses are the unclipped ones
times that factor: clipping bounds the step's size, it does not change how much more (or
less) distant steps weigh than recent ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import Activation, tanh
from ..core.limits import (
    CLIP,
    INPUT_STD,
    INPUTS,
    NETWORKS,
    RADIUS,
    STEPS,
    UNITS,
    check_memory,
    require_count,
)
from ..theory.meanfield import fixed_point, mean_phi_prime_squared
from ..train import Progress, begin, tick
from ..train.recipe import named_activation
from .result import Result, array, check_experiment, listed

Array = np.ndarray
#: The spectral radii of the classic picture.
DEFAULT_RADII = (0.5, 0.9, 1.0, 1.1, 2.0)
#: log10 of the largest float64: a norm above it would be inf in a plain backward pass.
LOG10_FLOAT_MAX = math.log10(np.finfo(float).max)
_TINY = np.finfo(float).tiny


@dataclass(frozen=True)
class Samples:
    """The random draws of every sample, shared by all spectral radii.

    G: (S, n, n), U: (S, n, m), xs: (S, T, m), v: (S, n), ``radius_of_g``: (S,) ρ(G).
    """

    G: Array
    U: Array
    xs: Array
    v: Array
    radius_of_g: Array


def draw_samples(units: int, inputs: int, steps: int, samples: int, input_std: float,
                 seed: int) -> Samples:
    """G, U, the inputs and v of each sample s, from ``default_rng([seed, s])``."""
    parts = [_draw_one(units, inputs, steps, input_std, np.random.default_rng([seed, s]))
             for s in range(samples)]
    G, U, xs, v = (np.stack(p) for p in zip(*parts))
    return Samples(G, U, xs, v, np.abs(np.linalg.eigvals(G)).max(axis=1))


def _draw_one(n: int, m: int, T: int, input_std: float,
              rng: np.random.Generator) -> tuple[Array, Array, Array, Array]:
    G = rng.standard_normal((n, n)) / math.sqrt(n)
    U = rng.standard_normal((n, m)) / math.sqrt(m)
    xs = input_std * rng.standard_normal((T, m))
    v = rng.standard_normal(n)
    return G, U, xs, v / np.linalg.norm(v)


def recurrent_matrices(samples: Samples, rho: float) -> Array:
    """W = ρ G / ρ(G) for every sample: (S, n, n), each of spectral radius ρ."""
    return samples.G * (rho / samples.radius_of_g)[:, None, None]


# --- forward and backward through time -----------------------------------------------------------
def forward(W: Array, U: Array, xs: Array, phi: Activation) -> tuple[Array, Array]:
    """zs (S, T, n) and hs (S, T+1, n) with hs[:, 0] = h_0 = 0, for a batch of samples."""
    S, T, _ = xs.shape
    drive = xs @ np.swapaxes(U, 1, 2)  # U x_t for every t at once: (S, T, n)
    zs = np.empty_like(drive)
    hs = np.zeros((S, T + 1, W.shape[1]))
    for t in range(1, T + 1):
        zs[:, t - 1] = (W @ hs[:, t - 1, :, None])[..., 0] + drive[:, t - 1]
        hs[:, t] = phi.f(zs[:, t - 1])
    return zs, hs


@dataclass(frozen=True)
class Bptt:
    """log10 ‖∂C/∂h_t‖ (S, T), column t−1 for step t, and log10 ‖g‖ (S,) of the gradient."""

    log10_norms: Array
    log10_gradient: Array


def backprop_through_time(W: Array, U: Array, xs: Array, v: Array,
                          phi: Activation) -> Bptt:
    """∂C/∂h_t for t = T..1 and the norm of (∂C/∂W, ∂C/∂U, ∂C/∂b), for C = vᵀ h_T.

    Batched: W (S, n, n), U (S, n, m), xs (S, T, m), v (S, n), v non-zero.
    """
    zs, hs = forward(W, U, xs, phi)
    S, T, _ = xs.shape
    size = np.linalg.norm(v, axis=1)
    g, log_norm = v / size[:, None], np.log10(size)  # ∂C/∂h_t = 10^log_norm · g, |g| = 1
    total = _GradientSum(S, W.shape[1], xs.shape[2])
    log10_norms = np.empty((S, T))
    for t in range(T, 0, -1):
        log10_norms[:, t - 1] = log_norm
        e = phi.prime(zs[:, t - 1]) * g  # ∂C/∂z_t / 10^log_norm
        total.add(log_norm, e, hs[:, t - 1], xs[:, t - 1])
        g = (np.swapaxes(W, 1, 2) @ e[..., None])[..., 0]
        # a norm that underflowed to exactly 0 is carried as 10^-308 per step, never log(0)
        size = np.maximum(np.linalg.norm(g, axis=1), _TINY)
        g, log_norm = g / size[:, None], log_norm + np.log10(size)
    return Bptt(log10_norms, total.log10_norm())


class _GradientSum:
    """Σ_t 10^{L_t} (e_t h_{t−1}ᵀ, e_t x_tᵀ, e_t), kept as 10^{scale} · (a sum of size ~1).

    The sums are rescaled and added to in place: an (S, n, n) sum takes itself and one
    temporary (the step's outer products), not the four arrays ``keep * W + e hᵀ`` would."""

    def __init__(self, samples: int, units: int, inputs: int) -> None:
        self.scale = np.full(samples, -np.inf)
        self.W = np.zeros((samples, units, units))
        self.U = np.zeros((samples, units, inputs))
        self.b = np.zeros((samples, units))

    def add(self, log_norm: Array, e: Array, h_prev: Array, x: Array) -> None:
        new_scale = np.maximum(self.scale, log_norm)
        keep, weight = 10.0 ** (self.scale - new_scale), 10.0 ** (log_norm - new_scale)
        e = weight[:, None] * e
        for total, outer in ((self.W, h_prev), (self.U, x)):
            total *= keep[:, None, None]
            total += e[:, :, None] * outer[:, None, :]
        self.b *= keep[:, None]
        self.b += e
        self.scale = new_scale

    def log10_norm(self) -> Array:
        squares = (np.sum(self.W**2, axis=(1, 2)) + np.sum(self.U**2, axis=(1, 2))
                   + np.sum(self.b**2, axis=1))
        return self.scale + 0.5 * np.log10(np.maximum(squares, _TINY))


# --- one spectral radius -------------------------------------------------------------------------
@dataclass(frozen=True)
class RadiusGradients:
    """Every sample's norms for one spectral radius ρ.

    ``singular_values``: λ₁ of each sample's W. ``log10_norms[s, t-1]`` = log10 ‖∂C/∂h_t‖.
    ``log10_gradient``: log10 ‖g‖ of the learner's whole gradient; ``log10_clip_factor``:
    log10 min(1, c/‖g‖). ``meanfield_factor``: √χ₁ per step for σ_w = ρ and σ_b = σ_x, the
    wide-network limit in which an N(0, σ_w²/n) matrix has spectral radius σ_w. ``sigma_w``:
    the median over samples of ‖W‖_F/√n, below ρ for a finite n, where ρ(G) exceeds 1.
    """

    rho: float
    singular_values: Array
    log10_norms: Array
    log10_gradient: Array
    log10_clip_factor: Array
    meanfield_factor: float
    sigma_w: float

    def band(self, percent: float, clipped: bool = False) -> Array:
        """The ``percent`` percentile over samples of log10 ‖∂C/∂h_t‖, for t = 1..T (after
        clipping if ``clipped``)."""
        values = self.log10_clipped_norms if clipped else self.log10_norms
        return np.percentile(values, percent, axis=0)

    @property
    def median(self) -> Array:
        return self.band(50)

    @property
    def log10_clipped_norms(self) -> Array:
        """log10 of the ‖∂C/∂h_t‖ the learner effectively uses after clipping."""
        return self.log10_norms + self.log10_clip_factor[:, None]

    @property
    def clipped_fraction(self) -> float:
        """The fraction of samples whose gradient the clipping rescales."""
        return float(np.mean(self.log10_clip_factor < 0))

    @property
    def rates(self) -> Array:
        """Each sample's mean factor per step, (‖∂C/∂h_1‖ / ‖∂C/∂h_T‖)^{1/(T−1)}."""
        steps = max(self.log10_norms.shape[1] - 1, 1)
        return 10.0 ** ((self.log10_norms[:, 0] - self.log10_norms[:, -1]) / steps)

    @property
    def overflow_step(self) -> Array:
        """Per sample, the latest t whose ‖∂C/∂h_t‖ exceeds float64's range; 0 if none does."""
        over = self.log10_norms > LOG10_FLOAT_MAX
        latest = over.shape[1] - np.argmax(over[:, ::-1], axis=1)
        return np.where(over.any(axis=1), latest, 0)

    def vanishing_guaranteed(self, gamma: float) -> Array:
        """Per sample, whether λ₁ < 1/γ (Pascanu et al.'s sufficient condition)."""
        return self.singular_values * gamma < 1

    def summary(self, gamma: float) -> dict[str, float]:
        """What a table shows of this radius: medians and shares over the samples."""
        h1 = self.log10_norms[:, 0]
        return {"rho": self.rho, "lambda1_median": float(np.median(self.singular_values)),
                "pascanu_fraction": float(np.mean(self.vanishing_guaranteed(gamma))),
                "log10_norm_h1_median": float(np.median(h1)),
                "log10_norm_h1_p10": float(np.percentile(h1, 10)),
                "log10_norm_h1_p90": float(np.percentile(h1, 90)),
                "rate_median": float(np.median(self.rates)),
                "meanfield_factor": self.meanfield_factor,
                "clipped_fraction": self.clipped_fraction,
                "log10_clipped_norm_h1_median": float(np.median(self.log10_clipped_norms[:, 0])),
                "overflow_fraction": float(np.mean(self.overflow_step > 0))}


def radius_gradients(samples: Samples, rho: float, phi: Activation, input_std: float,
                     clip: float) -> RadiusGradients:
    """BPTT for every sample with W = ρ G / ρ(G)."""
    W = recurrent_matrices(samples, rho)
    result = backprop_through_time(W, samples.U, samples.xs, samples.v, phi)
    clip_factor = np.minimum(0.0, math.log10(clip) - result.log10_gradient)
    singular = np.linalg.svd(W, compute_uv=False)[:, 0]
    sigma_w = float(np.median(np.linalg.norm(W, axis=(1, 2)))) / math.sqrt(W.shape[1])
    return RadiusGradients(rho, singular, result.log10_norms, result.log10_gradient,
                           clip_factor, meanfield_factor(phi, rho, input_std), sigma_w)


def meanfield_factor(phi: Activation, sigma_w: float, input_std: float) -> float:
    """√χ₁ = σ_w (E_u[φ′(√q* u)²])^{1/2}, q* the fixed point reached from q_1 = σ_x².

    The input drive plays the part of the bias (σ_b = σ_x); from h_0 = 0 with no input q stays
    0, the linearised network, where the factor is σ_w φ′(0).

    >>> round(meanfield_factor(tanh(), 0.9, 0.0), 12)  # linear: tanh′(0) = 1
    0.9
    """
    q_star = fixed_point(phi, sigma_w, input_std, q0=input_std**2)
    return sigma_w * math.sqrt(mean_phi_prime_squared(phi, q_star))


# --- every spectral radius -----------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RecurrentGradients(Result):
    """The experiment's settings and one :class:`RadiusGradients` per spectral radius; γ is
    the activation's largest derivative."""

    experiment = "rnn"
    figures = {"": "rnn_gradients"}

    units: int
    inputs: int
    steps: int
    samples: int
    input_std: float
    clip: float
    seed: int
    activation: Activation
    radii: tuple[RadiusGradients, ...]

    @property
    def gamma(self) -> float:
        return self.activation.peak_prime

    @property
    def bound(self) -> float:
        """1/γ: λ₁ below it guarantees vanishing norms."""
        return 1.0 / self.gamma

    SETTINGS = ("units", "inputs", "steps", "samples", "input_std", "clip", "seed")

    def to_json(self) -> dict[str, Any]:
        radii = [{**r.summary(self.gamma), "sigma_w": r.sigma_w,
                  "singular_values": listed(r.singular_values),
                  "log10_norms": listed(r.log10_norms), "log10_gradient": listed(r.log10_gradient),
                  "log10_clip_factor": listed(r.log10_clip_factor)} for r in self.radii]
        return {"experiment": self.experiment, **{k: getattr(self, k) for k in self.SETTINGS},
                "activation": self.activation.spec, "gamma": self.gamma, "radii": radii}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecurrentGradients:
        check_experiment(cls, data)
        radii = tuple(RadiusGradients(
            r["rho"], array(r["singular_values"]), array(r["log10_norms"]),
            array(r["log10_gradient"]), array(r["log10_clip_factor"]), r["meanfield_factor"],
            r["sigma_w"]) for r in data["radii"])
        return cls(**{k: data[k] for k in cls.SETTINGS},
                   activation=named_activation(data["activation"]), radii=radii)


def recurrent_gradients(
    radii: Sequence[float] = DEFAULT_RADII,
    units: int = 32,
    inputs: int = 32,
    steps: int = 100,
    samples: int = 100,
    input_std: float = 0.1,
    clip: float = 10.0,
    activation: Activation = tanh(),
    seed: int = 0,
    progress: Progress = None,
) -> RecurrentGradients:
    """‖∂C/∂h_t‖ for t = T..1 in ``samples`` random networks for each spectral radius.

    The default inputs are weak (σ_x = 0.1), so the network runs near its linearisation and
    both regimes show: the norms vanish for ρ <= 1.1 and explode for ρ = 2. Stronger inputs
    saturate tanh and lower every rate (at σ_x = 1 even ρ = 2 no longer explodes). The clip
    c = 10 leaves the vanishing cases alone. ``progress(1)`` is called after each radius.
    """
    _check(radii, units, inputs, steps, samples, input_std, clip, activation)
    begin(progress, len(radii), "spectral radii")
    drawn = draw_samples(units, inputs, steps, samples, input_std, seed)
    results = []
    for rho in radii:
        results.append(radius_gradients(drawn, float(rho), activation, input_std, clip))
        tick(progress)
    return RecurrentGradients(units, inputs, steps, samples, input_std, clip, seed, activation,
                              tuple(results))


def accepts(phi: Activation) -> bool:
    """Whether the experiment takes phi: a bounded activation, A sigma(cz) + B."""
    return phi.sigmoid_form is not None


def _check(radii: Sequence[float], units: int, inputs: int, steps: int, samples: int,
           input_std: float, clip: float, activation: Activation) -> None:
    if not isinstance(activation, Activation):
        raise ValueError(f"the recurrent activation must be an Activation, not {activation!r} "
                         "(parse a name with get_activation)")
    if not accepts(activation):
        raise ValueError(f"the recurrent activation must be bounded (sigmoid or tanh), "
                         f"got {activation.label}")
    require_count(len(radii), "the number of spectral radii", 1, 100)
    for rho in radii:
        RADIUS.check(rho)
    UNITS.check(units), INPUTS.check(inputs), STEPS.check(steps), NETWORKS.check(samples)
    INPUT_STD.check(input_std), CLIP.check(clip)
    check_memory(memory_bytes(units, inputs, steps, samples, len(radii)),
                 "the recurrent states and norms of every sample")


#: What the experiment allocates whatever its size (the quadrature's tables, LAPACK's work).
FIXED_BYTES = 16 * 2**20


def memory_bytes(units: int, inputs: int, steps: int, samples: int, radii: int) -> int:
    """An upper bound on the memory :func:`recurrent_gradients` takes at its peak.

    Per sample, five n x (n + m) arrays (G and W with U, the gradients' sums, the step's outer
    products, and G's copy while the draws are stacked) and, per step, the inputs twice (drawn,
    then stacked), U x_t, z_t and h_t, the log10 norms of every radius and three copies that
    the percentiles take; :data:`FIXED_BYTES` besides. ``tests/test_rnn.py`` measures the
    peak of a process against it.
    """
    matrices = 5 * units * (units + inputs)
    sequences = steps * (3 * units + 2 * inputs + radii + 3)
    return 8 * samples * (matrices + sequences) + FIXED_BYTES
