"""``analytic experiment jacobian``: the singular values of deep random networks' input–output
Jacobians beside free probability's prediction (dynamical isometry)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from .command import Session, command
from .experiment import app
from .options import (
    Seed,
    activations_option,
    limited,
    numbers,
    optional,
    split_list,
)

WEIGHTS = ("gaussian", "orthogonal")
DEFAULT_DEPTHS = "1, 2, 4, 8, 16, 32, 64"


def _weights(values: list[str] | None) -> list[str]:
    out = []
    for item in split_list(values, "--weights"):
        name = item.lower()
        if name not in WEIGHTS:
            raise typer.BadParameter(f"{item!r} is not one of {', '.join(WEIGHTS)}")
        out.append(name)
    return out


Depths = Annotated[list[str] | None, typer.Option(
    "--depth", metavar="L", callback=lambda v: numbers(v, limits.JACOBIAN_DEPTH, []),
    help=f"Depths L at which J is measured ({limits.JACOBIAN_DEPTH.span}; repeatable, or "
    f"comma-separated): one pass to the deepest gives them all. Default: {DEFAULT_DEPTHS}.")]
Weights = Annotated[list[str] | None, typer.Option(
    "--weights", metavar="NAME", callback=_weights,
    help="Weight ensembles (repeatable, or comma-separated): gaussian, entries N(0, σ_w²/N); "
    "orthogonal, σ_w times a Haar-random orthogonal matrix. Default: gaussian, orthogonal.")]
QStar = limited(limits.Q_STAR, "The fixed point q* at which each ensemble's critical point "
                "(χ₁ = 1) is computed", "--q-star")
SigmaW2 = optional(limits.SIGMA_W2, "σ_w²: put every ensemble at this weight variance "
                   "(Gaussian N(0, σ_w²/N), orthogonal σ_w·O(N)) instead of its critical one "
                   "(default: critical)", "--sigma-w2")
SigmaB2 = limited(limits.SIGMA_B2, "σ_b²: biases ~ N(0, σ_b²), with --sigma-w2", "--sigma-b2")
Networks = limited(limits.NETWORKS, "Random networks per ensemble (the moments are their mean "
                   "± standard error; at least 2 for a verdict)", "--networks", "--seeds")
Width = limited(limits.WIDTH, "Units N in every layer", "--width")


@command(app, "jacobian", stem="jacobian", files=True)
def jacobian(session: Session,
             activation: activations_option("Activations",
                                            default="linear, relu, hard_tanh, tanh") = None,
             weights: Weights = None, q_star: QStar = 0.25, sigma_w2: SigmaW2 = None,
             sigma_b2: SigmaB2 = 0.0, width: Width = 400, depth: Depths = None,
             networks: Networks = 4, seed: Seed = 0):
    """Singular values of random networks' Jacobians.

    For networks h^l = W^l x^(l−1) + b^l, x^l = φ(h^l) of width N at initialisation, the
    singular values σ_i of J = ∂x^L/∂x^0 = D^L W^L ⋯ D^1 W^1 (D^l = diag φ′(h^l)), computed as
    the running product of D^l W^l and measured at every depth L, for NETWORKS networks of each
    ensemble: an activation with Gaussian (N(0, σ_w²/N)) or orthogonal (σ_w·O(N)) weights and
    biases N(0, σ_b²). By default (σ_w, σ_b) lie on the critical line χ₁ = 1 at the fixed point
    q*, computed by mean-field theory; --sigma-w2 and --sigma-b2 put every ensemble off it.
    Prints per ensemble and depth the moments m₁ and σ²/m₁² of JJᵀ's spectrum (mean ±
    standard error over the networks) beside Pennington, Schoenholz and Ganguli's (2017)
    prediction m₁ = (σ_w² μ₁)^L, σ²/m₁² = L (μ₂/μ₁² − 1 − s₁), and whether they agree, the
    median of the σ that are not 0 and the shares of σ = 0 and of σ below the SVD's rounding.
    Writes jacobian.csv, .json (every singular value) and the figures jacobian (the spectra)
    and jacobian-moments into OUT. The default run takes about 20 s of CPU.
    """
    from ..core.activations import get_activation
    from ..experiments.ensemble import ACTIVATIONS, default_ensembles
    from ..experiments.jacobian import DEPTHS, jacobian_spectra
    from .options import refuse_unused

    off = sigma_w2 is not None
    refuse_unused(session.ctx, "the critical point (give --sigma-w2)", {"sigma_b2": off})
    refuse_unused(session.ctx, "a given --sigma-w2", {"q_star": not off})
    phis = activation or [get_activation(name) for name in ACTIVATIONS]
    ensembles = default_ensembles(phis, weights or WEIGHTS, q_star, sigma_w2, sigma_b2)
    return jacobian_spectra(ensembles, width, depth or DEPTHS, networks, seed,
                            session.progress)
