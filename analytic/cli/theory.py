"""``analytic theory``: mean-field theory's prediction of the per-layer gradient factor."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from ..train import Recipe
from .command import Session, command
from .errors import sub_app
from .options import Networks, ReportFormat, activation_option, limited, numbers, refuse_unused

app = sub_app(
    "Mean-field theory of the per-layer gradient factor.\n\nPredicts how much the gradient "
    "shrinks or grows per layer in wide random networks, and compares it with the chapter's "
    "network."
)

SigmaW = limited(limits.Limit("σ_w", 0, 1000, integer=False, low_open=True),
                 "σ_w: weights ~ N(0, σ_w²/n_in)", "--sigma-w")
SigmaB = limited(limits.Limit("σ_b", 0, 1000, integer=False), "σ_b: biases ~ N(0, σ_b²)",
                 "--sigma-b")
Ratio = limits.Limit("a measured ratio", 0, 1e6, integer=False, low_open=True)
Measured = Annotated[list[str] | None, typer.Option(
    "--measured", metavar="R",
    help="Measured ratios ‖∇b^l‖ / ‖∇b^(l+1)‖, one per pair of consecutive hidden layers "
    f"({Ratio.span}; repeatable, or comma-separated; e.g. from experiment init-norms). "
    "Default: measure them here.")]


def chi(session: Session, lang: str,
        activation: activation_option("The activation") = "tanh",
        sigma_w: SigmaW = 1.0, sigma_b: SigmaB = 0.0):
    """q*, χ₁ and the gradient factor √χ₁ of a wide random network.

    In a wide network with weights N(0, σ_w²/n_in) and biases N(0, σ_b²), the mean squared
    weighted input q of a layer settles at q*, the fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²
    (z ~ N(0, 1)). Going back one layer multiplies the mean squared gradient by
    χ₁ = σ_w² E[φ′(√q* z)²], so the gradient shrinks (χ₁ < 1) or grows (χ₁ > 1) by √χ₁ per
    layer. Exact closed forms for the relu family.
    """
    from ..present.reports.theory import chi_report
    from ..theory.meanfield import chi

    return chi_report(chi(activation, sigma_w, sigma_b), lang)


def predict(session: Session, lang: str, measured: Measured = None,
            networks: Networks = 100):
    """√χ₁ next to the measured per-layer gradient ratios.

    The chapter's network is 784-30-...-30-10 with weights N(0, 1/n_in) and biases N(0, 1),
    that is σ_w = 1, σ_b = 1 (--init sets σ_w between hidden layers). Ratios are earlier over
    later layer (< 1: vanishing). Without --measured they are measured here as
    `analytic experiment init-norms` measures them.
    """
    from ..present.reports.theory import prediction_report

    given = numbers(measured, Ratio, [])
    refuse_unused(session.ctx, "ratios given with --measured",
                  {k: not given for k in ("data", "networks", "images", "seed", "split_seed")})
    recipe = session.recipe
    if not given:
        from ..experiments.prediction import chapter_prediction

        result = chapter_prediction(recipe, networks, session.source, session.progress)
        return prediction_report(result, lang)
    from ..theory.prediction import CHAPTER_SIGMA_B, init_sigma_w
    from ..theory.prediction import predict as put_beside

    if len(given) != recipe.hidden - 1:
        raise ValueError(f"--measured needs {recipe.hidden - 1} ratios for {recipe.hidden} "
                         f"hidden layers, got {len(given)}")
    p = put_beside(given, recipe.activation, init_sigma_w(recipe.init, recipe.width),
                   CHAPTER_SIGMA_B, "given")
    return prediction_report(p, lang)


command(app, "chi", formats=ReportFormat)(chi)
command(app, "predict", recipe=Recipe(validation=0),
        options=("hidden", "activation", "init", "images", "split_seed", "seed"),
        data=True)(predict)
