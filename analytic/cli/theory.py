"""``analytic theory``: the mean-field prediction of the per-layer gradient factor."""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import sub_app
from .experiment import digits, experiment_setup
from .options import ActivationName, Format, ReportFormat, Seed, SigmaB, SigmaW, floats, print_json

app = sub_app("Mean-field theory: predict the per-layer gradient factor of wide random networks.")


@app.command("chi")
def theory_chi(
    activation: ActivationName = "tanh",
    sigma_w: SigmaW = 1.0,
    sigma_b: SigmaB = 0.0,
    format: Format = ReportFormat.text,
) -> None:
    """q*, chi_1 and the predicted per-layer gradient factor sqrt(chi_1) of a wide network.

    q* is the fixed point of q -> sigma_w^2 E[phi(sqrt(q) z)^2] + sigma_b^2 and
    chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2], z ~ N(0, 1) (exact for relu-like phi).
    """
    from ..present.theory_reports import chi_json, chi_text
    from ..theory.meanfield import chi

    m = chi(activation, sigma_w, sigma_b)
    if format is ReportFormat.json:
        print_json(chi_json(m))
    else:
        typer.echo(chi_text(m))


@app.command("predict")
def theory_predict(
    hidden: Annotated[int, typer.Option(help="Hidden layers of 30 neurons (784-30-...-10).")] = 4,
    activation: ActivationName = "sigmoid",
    init: Annotated[
        str, typer.Option(help="scaled N(0,1/n_in) (the chapter's) | gaussian N(0,1) | xavier | "
                          "he N(0,2/n_in); biases N(0,1). Sets sigma_w between hidden layers.")
    ] = "scaled",
    measured: Annotated[
        str, typer.Option(help="Measured ratios ||grad b^l|| / ||grad b^(l+1)||, comma-separated "
                          "(e.g. from experiment init-norms); default: measure here.")
    ] = "",
    data: Annotated[
        str, typer.Option(help="A full MNIST (mnist.pkl.gz, IDX folder or mnist.npz); "
                          "default: the embedded digits.")
    ] = "",
    networks: Annotated[int, typer.Option(help="Random networks measured.")] = 100,
    batch: Annotated[int, typer.Option("--images", help="Training images (the chapter: 1000).")] = 1000,
    seed: Seed = 0,
    format: Format = ReportFormat.text,
) -> None:
    """The mean-field factor sqrt(chi_1) next to measured per-layer gradient ratios.

    The chapter's network is 784-30-...-30-10 with weights N(0, 1/n_in) and biases N(0, 1),
    that is sigma_w = 1, sigma_b = 1. Ratios are earlier over later layer (< 1: vanishing).
    """
    from ..present.theory_reports import prediction_json, prediction_text
    from ..theory.meanfield import CHAPTER_SIGMA_B, init_sigma_w, predict

    if hidden < 2:
        raise ValueError(f"need at least 2 hidden layers to form a ratio, got {hidden}")
    if measured:
        ratios, source = floats(measured, "--measured"), "given"
    else:
        ratios, source = _measured_ratios(hidden, activation, init, data, networks, batch, seed)
    p = predict(ratios, activation, init_sigma_w(init), CHAPTER_SIGMA_B, source)
    if format is ReportFormat.json:
        print_json(prediction_json(p))
    else:
        typer.echo(prediction_text(p))


def _measured_ratios(hidden, activation, init, data, networks, images, seed):
    # the chapter's measurement, as `analytic experiment init-norms` makes it; its ratios are
    # later over earlier layer, the prediction's earlier over later
    experiment_setup()
    from ..experiments.speeds import init_norms

    name, train, _ = digits(data or None, images, 0, 0)
    result = init_norms(train, hidden, 30, networks, activation, init, seed=seed)
    source = (
        f"experiment init-norms: median over {networks} networks ({init} init, seed {seed}), "
        f"{len(train)} images of {name}, cross-entropy cost"
    )
    return [1.0 / r for r in result.ratios], source


