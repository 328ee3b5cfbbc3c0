"""The dynamical-isometry references of ``analytic reproduce``: Pennington, Schoenholz and
Ganguli's moments of JJᵀ's spectrum and Saxe, McClelland and Ganguli's products of Gaussian
and orthogonal matrices, measured on the random networks of :mod:`.jacobian`.

Each published value here is the paper's formula evaluated for our networks (its N → ∞
limit); ours are the mean over networks of finite width N, judged within three standard errors
plus (L/N)·|value|, the order of the finite-width corrections (:func:`.jacobian.summary`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..core.activations import get_activation
from . import jacobian
from .ensemble import Q_STAR_DEFAULT, Ensemble, critical_ensemble
from .jacobian import EnsembleSpectra, Summary, jacobian_spectra, summary
from .reproduction import Line, Plan, Run, line_of

#: Pennington, Schoenholz and Ganguli (2017), "Resurrecting the sigmoid in deep learning through
#: dynamical isometry: theory and practice", NeurIPS 30 (arXiv:1711.04735): at the critical
#: point χ₁ = 1 the mean of JJᵀ's spectrum is m₁ = (σ_w² p)^L = 1 at every depth and its
#: variance is σ²_JJᵀ = L/p with Gaussian weights and L(1 − p)/p with orthogonal ones, p the
#: share of units in their linear regime: 1/2 for ReLU, erf(1/√(2q*)) for hard tanh. So ReLU
#: networks cannot be isometric, and orthogonal hard-tanh networks nearly are as q* → 0.
PENNINGTON = (("relu", "gaussian"), ("relu", "orthogonal"), ("hard_tanh", "orthogonal"))
#: Saxe, McClelland and Ganguli (2013), "Exact solutions to the nonlinear dynamics of learning in
#: deep linear neural networks" (arXiv:1312.6120, ICLR 2014): the singular values of a product
#: of random Gaussian matrices spread ever wider with depth, most of them towards 0, while a
#: product of orthogonal matrices keeps every one at 1. The spread is the Fuss–Catalan law's:
#: a product of L square Gaussian matrices N(0, 1/N) has m₁ = 1 and m₂ = L + 1 as N → ∞.
SAXE = (("linear", "gaussian"), ("linear", "orthogonal"))
#: The depths judged, and how close to 1 a product of orthogonal matrices keeps every σ in float64.
DEPTHS = (8, 16, 32)
ORTHOGONAL_ROUNDING = 1e-9
ROUNDING_TEXT = "10⁻⁹"
SEED = 0


def hard_tanh_p(q_star: float) -> float:
    """The paper's p for hard tanh: the share of h ~ N(0, q*) with |h| < 1."""
    return math.erf(1 / math.sqrt(2 * q_star))


def pennington_variance(depth: int, p: float, weights: str) -> float:
    """σ²_JJᵀ at χ₁ = 1: L/p for Gaussian weights, L(1 − p)/p for orthogonal ones."""
    return depth / p if weights == "gaussian" else depth * (1 - p) / p


def _ensembles(cases: tuple[tuple[str, str], ...]) -> list[Ensemble]:
    return [critical_ensemble(get_activation(a), w, Q_STAR_DEFAULT) for a, w in cases]


def check(plan: Plan) -> None:
    """Refuse, before anything runs, Jacobians the plan's width and count cannot hold."""
    jacobian.check(_ensembles(PENNINGTON + SAXE), plan.jacobian_width, DEPTHS,
                   plan.networks["jacobian"], SEED)


def _measured(run: Run, cases: tuple[tuple[str, str], ...]) -> tuple[EnsembleSpectra, ...]:
    result = jacobian_spectra(_ensembles(cases), run.plan.jacobian_width, DEPTHS,
                              run.plan.networks["jacobian"], SEED, run.tick)
    return result.ensembles


def _line(key: str, s: EnsembleSpectra, depth: int, moment: str, m: Summary,
          fields: dict[str, Any]) -> Line:
    e = s.ensemble
    interval = None if m.tolerance is None else (m.predicted - m.tolerance,
                                                  m.predicted + m.tolerance)
    return line_of(key, "jacobian_moment", {"act": e.activation.label, "law": e.scheme.law,
                                            "L": depth, "moment": moment, **fields},
                   m.predicted, m.mean, interval, "computed", "width", len(s.at(depth).values))


def pennington(run: Run, ref: Any) -> tuple[Line, ...]:
    """m₁ and σ²/m₁² of the paper's three cases at each depth, beside its formulas."""
    width, lines = run.plan.jacobian_width, []
    p_hard = hard_tanh_p(Q_STAR_DEFAULT)
    fields = {"width": width, "q": f"{Q_STAR_DEFAULT:g}", "p": f"{p_hard:.4f}"}
    for s in _measured(run, PENNINGTON):
        p = 0.5 if s.ensemble.activation.name == "relu" else p_hard
        for depth in DEPTHS:
            d = s.at(depth)
            published = {"m₁": 1.0, "σ²/m₁²": pennington_variance(depth, p, s.ensemble.weights)}
            measured = {"m₁": d.moments(1), "σ²/m₁²": d.normalised_variances}
            lines += [_line(ref.key, s, depth, k, summary(measured[k], v, depth, width), fields)
                      for k, v in published.items()]
    return tuple(lines)


def orthogonal_share(s: EnsembleSpectra, depth: int) -> float:
    """The share of every network's singular values within :data:`ORTHOGONAL_ROUNDING` of 1."""
    return float(np.mean(np.abs(s.at(depth).values - 1) <= ORTHOGONAL_ROUNDING))


def saxe(run: Run, ref: Any) -> tuple[Line, ...]:
    """m₂ of the Gaussian linear network beside L + 1 at each depth; the share of the
    orthogonal product's σ at 1 at the deepest."""
    width = run.plan.jacobian_width
    gaussian, orthogonal = _measured(run, SAXE)
    fields = {"width": width, "rounding": ROUNDING_TEXT}
    lines = [_line(ref.key, gaussian, depth, "m₂",
                   summary(gaussian.at(depth).moments(2), depth + 1.0, depth, width), fields)
             for depth in DEPTHS]
    deepest = max(DEPTHS)
    e = orthogonal.ensemble
    lines.append(line_of(ref.key, "isometry", {"act": e.activation.label, "law": e.scheme.law,
                                               "L": deepest, **fields},
                         1.0, orthogonal_share(orthogonal, deepest), (1.0, 1.0), "computed",
                         "all", len(orthogonal.at(deepest).values)))
    return tuple(lines)
