"""``analytic theory``: mean-field theory's prediction of the per-layer gradient factor."""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import sub_app
from .options import (
    ActivationName,
    DataPath,
    InitName,
    Networks,
    ReportFormat,
    ReportFormatOption,
    Seed,
    SigmaB,
    SigmaW,
    TableFormat,
    TableFormatOption,
    count,
    emit,
    numbers,
    refuse_unused,
)

app = sub_app(
    "Mean-field theory of the per-layer gradient factor.\n\nPredicts how much the gradient "
    "shrinks or grows per layer in wide random networks, and compares it with the chapter's "
    "network."
)

Measured = Annotated[
    list[str] | None,
    typer.Option("--measured", metavar="R",
                 help="Measured ratios ‖∇b^l‖ / ‖∇b^(l+1)‖, one per pair of consecutive hidden "
                 "layers (repeatable, or comma-separated; e.g. from experiment init-norms). "
                 "Default: measure them here."),
]
Hidden = count("Hidden layers of 30 neurons (784-30-...-30-10)", 2, 50)
Images = count("Training images, a multiple of 10 (the chapter: 1000)", 10, 5000)


@app.command("chi")
def theory_chi(
    activation: ActivationName = "tanh",
    sigma_w: SigmaW = 1.0,
    sigma_b: SigmaB = 0.0,
    format: ReportFormatOption = ReportFormat.text,
) -> None:
    """q*, χ₁ and the gradient factor √χ₁ of a wide random network.

    In a wide network with weights N(0, σ_w²/n_in) and biases N(0, σ_b²), the mean squared
    weighted input q of a layer settles at q*, the fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²
    (z ~ N(0, 1)). Going back one layer multiplies the mean squared gradient by
    χ₁ = σ_w² E[φ′(√q* z)²], so the gradient shrinks (χ₁ < 1) or grows (χ₁ > 1) by √χ₁ per
    layer. Exact closed forms for the relu family.
    """
    from ..present.theory_reports import chi_report
    from ..theory.meanfield import chi

    emit(chi_report(chi(activation, sigma_w, sigma_b)), format)


@app.command("predict")
def theory_predict(
    ctx: typer.Context,
    hidden: Hidden = 4,
    activation: ActivationName = "sigmoid",
    init: InitName = "scaled",
    measured: Measured = None,
    data: DataPath = None,
    networks: Networks = 100,
    images: Images = 1000,
    seed: Seed = 0,
    format: TableFormatOption = TableFormat.text,
) -> None:
    """√χ₁ next to the measured per-layer gradient ratios.

    The chapter's network is 784-30-...-30-10 with weights N(0, 1/n_in) and biases N(0, 1),
    that is σ_w = 1, σ_b = 1 (--init sets σ_w between hidden layers). Ratios are earlier over
    later layer (< 1: vanishing). Without --measured they are measured here as
    `analytic experiment init-norms` measures them.
    """
    from ..present.theory_reports import prediction_report

    given = numbers(measured, "--measured", [])
    refuse_unused(ctx, "ratios given with --measured",
                  {k: not given for k in ("data", "networks", "images", "seed")})
    if given:
        from ..theory.prediction import CHAPTER_SIGMA_B, init_sigma_w, predict

        if len(given) != hidden - 1:
            raise ValueError(f"--measured needs {hidden - 1} ratios for {hidden} hidden layers, "
                             f"got {len(given)}")
        p = predict(given, activation, init_sigma_w(init), CHAPTER_SIGMA_B, "given")
    else:
        from ..experiments.prediction import chapter_prediction
        from .runs import digits, experiment_setup

        experiment_setup()
        name, train, _ = digits(data, images, 0, 0)
        p = chapter_prediction(train, hidden, activation, init, networks, seed, name)
    emit(prediction_report(p), format)
