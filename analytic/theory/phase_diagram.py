"""The phase diagram of mean-field theory: χ_1 over a grid of (σ_w, σ_b) and the edge of chaos,
the χ_1 = 1 curve that separates vanishing from exploding gradients (notation of
:mod:`analytic.theory.meanfield`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import Activation, tanh
from .meanfield import chi1_at, fixed_points, mean_phi_prime_squared, mean_phi_squared

Array = np.ndarray


def edge_of_chaos(activation: Activation, q_stars: Sequence[float]) -> tuple[Array, Array]:
    """The χ_1 = 1 curve, parametrised by q*: σ_w² = 1/E[φ′²], σ_b² = q* − σ_w² E[φ²].

    Returns (σ_w, σ_b) at the q* where σ_b² >= 0.
    """
    phi, q_stars = activation, np.asarray(q_stars, dtype=float)
    sw2 = 1 / mean_phi_prime_squared(phi, q_stars)
    sb2 = q_stars - sw2 * mean_phi_squared(phi, q_stars)
    keep = sb2 >= -1e-15
    return np.sqrt(sw2[keep]), np.sqrt(np.clip(sb2[keep], 0, None))


@dataclass(frozen=True)
class PhaseDiagram:
    """χ_1 and q* on a (σ_w, σ_b) grid, and the χ_1 = 1 curve."""

    activation: str
    sigma_ws: Array
    sigma_bs: Array
    chi1: Array  # shape (len(sigma_bs), len(sigma_ws))
    q_star: Array  # the same shape
    edge_sigma_w: Array
    edge_sigma_b: Array


def phase_diagram(
    activation: Activation = tanh(), sigma_ws: Sequence[float] | None = None,
    sigma_bs: Sequence[float] | None = None,
) -> PhaseDiagram:
    """χ_1 over a grid of (σ_w, σ_b), with the edge of chaos traced exactly by q*.

    Every fixed point of the grid is found at once (:func:`fixed_points`).
    """
    phi = activation
    sigma_ws = np.linspace(0.5, 4.0, 36) if sigma_ws is None else np.asarray(sigma_ws, float)
    sigma_bs = np.linspace(0.0, 2.0, 21) if sigma_bs is None else np.asarray(sigma_bs, float)
    sw, sb = np.meshgrid(sigma_ws, sigma_bs)  # rows: σ_b, columns: σ_w
    q_star = fixed_points(phi, sw, sb)
    edge_w, edge_b = edge_of_chaos(phi, np.geomspace(1e-6, 50.0, 200))
    inside = (edge_w <= sigma_ws.max()) & (edge_b <= sigma_bs.max())
    return PhaseDiagram(phi.spec, sigma_ws, sigma_bs, chi1_at(phi, sw, q_star), q_star,
                        edge_w[inside], edge_b[inside])


