"""The singular values of deep random networks' input–output Jacobians, measured beside free
probability's prediction (dynamical isometry: Saxe et al. 2013, Pennington et al. 2017).

Notation as in :mod:`analytic.theory.spectrum`: h^l = W^l x^(l−1) + b^l, x^l = φ(h^l) for
l = 1..L, every layer N units wide, and J = ∂x^L/∂x^0 = D^L W^L ⋯ D^1 W^1 with D^l = diag φ′(h^l).

The networks are the ensembles of :mod:`analytic.experiments.ensemble`; network i of every
ensemble draws from ``default_rng([seed, i])``.

The Jacobian is the running product J_l = D^l W^l J_(l−1), J_0 = I, kept at every requested
depth: one pass gives every depth. A row of J_l is exactly zero where φ′(h^l) = 0 (a ReLU unit
that is off, a saturated hard-tanh unit), so only the others are kept, and the next product
uses only the matching columns of W^(l+1): ReLU layers cost a quarter of a full product. The
singular values come from LAPACK's SVD of the kept rows; the removed rows are exact zeros, and
so are the singular values beyond the rank, which is at most the fewest units kept in any layer
(generic matrices have exactly that rank). A singular value below N·ε·σ_max (ε = 2.2·10⁻¹⁶)
is at the SVD's rounding level: it is kept in the JSON but counted apart as not resolved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.activations import Activation, get_activation
from ..core.limits import (
    JACOBIAN_DEPTH,
    NETWORKS,
    SEED,
    WIDTH,
    check_memory,
    check_work,
    require_count,
)
from ..theory import spectrum
from ..train import Progress, begin, tick
from .ensemble import Q_STAR_DEFAULT, Ensemble, critical_ensemble, layers, network_input
from .result import Result, array, check_experiment, listed

Array = np.ndarray
DEPTHS = (1, 2, 4, 8, 16, 32, 64)
#: A measured mean agrees with the prediction within this many standard errors, plus the
#: finite-width allowance L/N (relative) and float64 rounding.
STANDARD_ERRORS = 3.0
ROUNDING = 1e-12
#: log₁₀ of the largest moment a float64 run can hold with room to spare.
LOG10_RANGE = 250.0


# --- one network's Jacobian ----------------------------------------------------------------------
@dataclass(frozen=True)
class Product:
    """J_l at depth l, as its rows that are not exactly zero (``rows``, the units with
    φ′(h^l) ≠ 0) and the rank bound: the fewest such units in any layer up to l."""

    depth: int
    rows: Array
    jacobian: Array
    rank: int


def jacobian_products(weights_and_biases: Iterable[tuple[Array, Array]], x0: Array,
                      phi: Activation, depths: Sequence[int]) -> Iterator[Product]:
    """J_l = D^l W^l J_(l−1) for l = 1..max(depths), yielded at each of ``depths``.

    Only the rows of J_(l−1) that are not zero enter the next product, with the matching
    columns of W^l; the rows of J_l where φ′(h^l) = 0 are left out (they are zero).
    """
    width = len(x0)
    x, rows, jac, rank = x0, np.arange(width), np.eye(width), width
    wanted = set(depths)
    for depth, (w, b) in enumerate(weights_and_biases, start=1):
        if depth > max(wanted):
            return
        h = w @ x + b
        x, d = phi.value_and_prime(h)
        kept = np.flatnonzero(d)
        jac = d[kept, None] * (w[np.ix_(kept, rows)] @ jac)
        rows, rank = kept, min(rank, len(kept))
        if depth in wanted:
            yield Product(depth, rows, jac, rank)


def singular_values(p: Product, width: int) -> Array:
    """All ``width`` singular values of J_l, descending: the SVD's for the kept rows up to
    the rank, exact zeros beyond it and for the removed rows."""
    values = np.zeros(width)
    if p.rank:
        values[: p.rank] = np.linalg.svd(p.jacobian, compute_uv=False)[: p.rank]
    return values


# --- what is measured ----------------------------------------------------------------------------
#: Why a summary's numbers are null (the JSON's "missing").
NO_NETWORK = ("no network has J ≠ 0 here (each has a layer with every unit off), so no moment "
              "ratio is measured")
ONE_NETWORK = "one network measured: no standard error, so no tolerance and no verdict"
NO_NONZERO = "every singular value is 0 here: there is no median of the others"


@dataclass(frozen=True)
class Summary:
    """The mean over networks of a per-network moment, its standard error (None for one
    network), the prediction, and whether they agree within the stated tolerance."""

    mean: float | None
    se: float | None
    predicted: float
    tolerance: float | None

    @property
    def agrees(self) -> bool | None:
        if self.tolerance is None or self.mean is None:
            return None
        return abs(self.mean - self.predicted) <= self.tolerance

    @property
    def missing(self) -> str | None:
        """Why a number is null, or None when every one is there."""
        if self.mean is None:
            return NO_NETWORK
        return ONE_NETWORK if self.se is None else None

    def to_json(self) -> dict[str, Any]:
        out = {"mean": self.mean, "se": self.se, "predicted": self.predicted,
               "tolerance": self.tolerance, "agrees": self.agrees}
        return {**out, "missing": self.missing} if self.missing else out


def summary(values: Array, predicted: float, depth: int, width: int) -> Summary:
    """Mean and standard error of ``values``; tolerance 3 SE + (L/N)|prediction| + rounding.

    A network whose J is 0 (a layer with every unit off) has no σ²/m₁²: it is left out, and
    with no network left the mean is None.
    """
    values = values[np.isfinite(values)]
    if not len(values):
        return Summary(None, None, predicted, None)
    mean = float(np.mean(values))
    if len(values) < 2:
        return Summary(mean, None, predicted, None)
    se = float(np.std(values, ddof=1) / math.sqrt(len(values)))
    tolerance = (STANDARD_ERRORS * se + depth / width * abs(predicted)
                 + ROUNDING * max(1.0, abs(predicted)))
    return Summary(mean, se, predicted, tolerance)


@dataclass(frozen=True)
class DepthSpectra:
    """Every network's singular values at one depth: ``values[i]`` of network i, descending."""

    depth: int
    values: Array

    @property
    def width(self) -> int:
        return self.values.shape[1]

    def moments(self, k: int) -> Array:
        """m_k = (1/N) Σ σ_i^(2k) of each network."""
        return np.mean(self.values ** (2 * k), axis=1)

    @property
    def normalised_variances(self) -> Array:
        """σ²/m₁² = m₂/m₁² − 1 of each network (NaN where J = 0)."""
        m1, m2 = self.moments(1), self.moments(2)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(m1 > 0, m2 / np.where(m1 > 0, m1, 1.0) ** 2 - 1, np.nan)

    @property
    def resolved(self) -> Array:
        """Per value, whether it is above the SVD's rounding level N·ε·σ_max (zeros are not)."""
        floor = self.width * np.finfo(float).eps * self.values[:, :1]
        return self.values > floor

    @property
    def zero_share(self) -> float:
        """The share of singular values that are exactly 0 (removed rows, beyond the rank)."""
        return float(np.mean(self.values == 0))

    @property
    def unresolved_share(self) -> float:
        """The share that are not 0 but below the rounding level."""
        return float(np.mean((self.values > 0) & ~self.resolved))

    @property
    def median_nonzero(self) -> float | None:
        """The median of the singular values that are not 0, over every network."""
        nonzero = self.values[self.values > 0]
        return float(np.median(nonzero)) if nonzero.size else None


@dataclass(frozen=True)
class EnsembleSpectra:
    """One ensemble's singular values at every depth."""

    ensemble: Ensemble
    depths: tuple[DepthSpectra, ...]

    def at(self, depth: int) -> DepthSpectra:
        return next(d for d in self.depths if d.depth == depth)

    def summaries(self, d: DepthSpectra) -> dict[str, Summary]:
        """m₁, m₂ and σ²/m₁² at one depth, each beside the paper's prediction."""
        p = self.ensemble.predicted(d.depth)
        return {"m1": summary(d.moments(1), p.m1, d.depth, d.width),
                "m2": summary(d.moments(2), p.m2, d.depth, d.width),
                "normalised_variance": summary(d.normalised_variances, p.normalised_variance,
                                               d.depth, d.width)}

    def row(self, d: DepthSpectra) -> dict[str, Any]:
        """What a table shows of one depth (and the JSON holds beside the values)."""
        out = {"depth": d.depth, **{k: s.to_json() for k, s in self.summaries(d).items()},
               "median_nonzero": d.median_nonzero, "zero_share": d.zero_share,
               "unresolved_share": d.unresolved_share}
        return out if d.median_nonzero is not None else {**out, "median_missing": NO_NONZERO}


@dataclass(frozen=True, eq=False)
class JacobianSpectra(Result):
    """The singular values of ``networks`` networks of every ensemble at every depth."""

    experiment = "jacobian"
    figures = {"": "jacobian_spectra", "moments": "jacobian_moments"}

    width: int
    networks: int
    seed: int
    ensembles: tuple[EnsembleSpectra, ...]

    @property
    def depths(self) -> tuple[int, ...]:
        return tuple(d.depth for d in self.ensembles[0].depths)

    def to_json(self) -> dict[str, Any]:
        return {"experiment": self.experiment, "width": self.width, "networks": self.networks,
                "seed": self.seed, "depths": list(self.depths),
                "ensembles": [{**e.ensemble.to_json(),
                               "depths": [{**e.row(d), "singular_values": listed(d.values)}
                                          for d in e.depths]} for e in self.ensembles]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JacobianSpectra:
        check_experiment(cls, data)
        ensembles = tuple(EnsembleSpectra(
            Ensemble.from_json(e),
            tuple(DepthSpectra(d["depth"], array(d["singular_values"])) for d in e["depths"]))
            for e in data["ensembles"])
        return cls(data["width"], data["networks"], data["seed"], ensembles)


# --- the experiment ------------------------------------------------------------------------------
def measure(e: Ensemble, width: int, depths: Sequence[int], networks: int, seed: int,
            progress: Progress = None) -> EnsembleSpectra:
    """The singular values of network 0..networks−1 of one ensemble at every depth."""
    values = {depth: [] for depth in depths}
    for i in range(networks):
        rng = np.random.default_rng([seed, i])
        x0 = network_input(e, width, rng)
        for p in jacobian_products(layers(e, width, rng), x0, e.activation, depths):
            values[p.depth].append(singular_values(p, width))
        tick(progress)
    return EnsembleSpectra(e, tuple(DepthSpectra(d, np.array(values[d])) for d in depths))


def jacobian_spectra(ensembles: Sequence[Ensemble], width: int = 400,
                     depths: Sequence[int] = DEPTHS, networks: int = 4, seed: int = 0,
                     progress: Progress = None) -> JacobianSpectra:
    """The Jacobian's singular values of each ensemble's networks at every depth.

    ``progress(1)`` is called after each network.
    """
    depths = tuple(sorted(set(depths)))
    check(ensembles, width, depths, networks, seed)
    begin(progress, len(ensembles) * networks, "networks")
    measured = tuple(measure(e, width, depths, networks, seed, progress) for e in ensembles)
    return JacobianSpectra(width, networks, seed, measured)


def check(ensembles: Sequence[Ensemble], width: int, depths: Sequence[int], networks: int,
          seed: int) -> None:
    """Refuse, before anything is drawn, what the run cannot do or hold."""
    require_count(len(ensembles), "the number of ensembles", 1, 100)
    require_count(len(depths), "the number of depths", 1, 100)
    for depth in depths:
        JACOBIAN_DEPTH.check(depth)
    WIDTH.check(width), NETWORKS.check(networks), SEED.check(seed)
    for e in ensembles:
        if not isinstance(e, Ensemble):
            raise ValueError(f"an ensemble must be an Ensemble, not {e!r}")
        exponent = spectrum.log10_moments(max(depths), e.sigma_w, *e.d_moments, e.s1)
        if exponent > LOG10_RANGE:
            raise ValueError(
                f"{e.activation.label} with σ_w = {e.sigma_w:g}: the Jacobian's moments would "
                f"reach 10^±{exponent:.0f} at depth {max(depths)}, beyond float64's range; "
                "choose a smaller depth or a σ_w nearer the critical one")
    # the running product, one layer's weights and its QR, and every kept singular value
    check_memory(8 * (4 * width**2 + len(ensembles) * len(depths) * networks * width),
                 "the Jacobians and their singular values")
    # per layer: the product (N³) and an orthogonal draw's QR (~3N³); per depth an SVD (~10N³)
    check_work(len(ensembles) * networks * (4 * max(depths) + 10 * len(depths)) * width**3,
               "the Jacobians' products and SVDs")


# --- what published papers report, computed here for a given size -------------------------------
def published_moments(width: int = 400, depths: Sequence[int] = (8, 16, 32), networks: int = 8,
                      seed: int = 0, q_star: float = Q_STAR_DEFAULT) -> dict[str, dict]:
    """The measured σ²/m₁² and m₁ of the paper's three cases, for ``reproduce``: Gaussian and
    orthogonal ReLU and orthogonal hard tanh at criticality, depth -> (measured, predicted).

    Pennington et al. (2017) publish the formulas σ²_JJᵀ = L/p (Gaussian) and L(1 − p)/p
    (orthogonal) at χ₁ = 1; the values are checked against them.
    """
    cases = {"relu-gaussian": critical_ensemble(get_activation("relu"), "gaussian", q_star),
             "relu-orthogonal": critical_ensemble(get_activation("relu"), "orthogonal", q_star),
             "hard_tanh-orthogonal": critical_ensemble(get_activation("hard_tanh"),
                                                       "orthogonal", q_star)}
    run = jacobian_spectra(tuple(cases.values()), width, depths, networks, seed)
    out = {}
    for name, measured in zip(cases, run.ensembles):
        out[name] = {d.depth: {k: (s.mean, s.predicted, s.tolerance)
                               for k, s in measured.summaries(d).items()}
                     for d in measured.depths}
    return out

