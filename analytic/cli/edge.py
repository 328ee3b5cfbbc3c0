"""``analytic theory depth-scale`` and ``analytic experiment trainability``: the depth scales of
Schoenholz et al. (2017) and the map of which depths and weight scales train."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from ..core import limits
from ..experiments.trainability import DEPTHS, SIGMA_W2S, TRAINABILITY
from .command import Session, command
from .experiment import app as experiment_app
from .options import Networks, activation_option, limited, numbers, split_list
from .theory import app as theory_app

SigmaW2 = limited(limits.SIGMA_W2, "σ_w²: weights ~ N(0, σ_w²/n_in)", "--sigma-w2")
SigmaB2 = limited(limits.SIGMA_B2, "σ_b²: biases ~ N(0, σ_b²) (the paper's 0.05)",
                  "--sigma-b2")
Points = limited(limits.Limit("the number of points", 2, 400), "σ_w² values of the curve, "
                 "from 0.5 to 4", "--points")


@command(theory_app, "depth-scale", stem="depth-scale", files=True)
def depth_scale(session: Session,
                activation: activation_option("The activation") = "tanh",
                sigma_w2: SigmaW2 = 2.0, sigma_b2: SigmaB2 = 0.05, points: Points = 31):
    """Depth scales and the order–chaos line.

    The depth scales ξ_q and ξ_c of wide random networks (Schoenholz, Gilmer, Ganguli and
    Sohl-Dickstein 2017): with weights N(0, σ_w²/n_in) and
    biases N(0, σ_b²), a layer's mean squared weighted input settles at q* and the correlation
    of two inputs at c*, the fixed point of the correlation map (a bivariate Gaussian
    integral). χ₁ = σ_w² E[φ′(√q* z)²] < 1 is the ordered phase (c* = 1), > 1 the chaotic one
    (c* < 1); χ_c is the correlation map's slope at c* (= χ₁ where c* = 1). Depth scales:
    ξ_q = −1/ln χ_q (χ_q the variance map's slope at q*) and ξ_c = −1/ln χ_c, which diverges on
    the order–chaos line χ₁ = 1; the paper finds networks trainable to a depth of about 6ξ_c.
    Prints the point's q*, c*, χ₁, χ_c, ξ_q, ξ_c and 6ξ_c, the critical σ_w² at its σ_b², a
    table of them along POINTS σ_w² from 0.5 to 4 and the order–chaos line for several σ_b²;
    writes depth-scale.csv, .json (a diverging scale is null, with the reason) and the figure
    (ξ_c and ξ_q against σ_w², and the line) into OUT.
    """
    from ..experiments.depth_scale import depth_scale_run

    return depth_scale_run(activation, sigma_w2, sigma_b2, points, session.progress)


Depths = Annotated[list[str] | None, typer.Option(
    "--depth", metavar="L",
    help=f"Hidden layers of a row of the map ({limits.HIDDEN.span}; repeatable, or "
    f"comma-separated). Default: {', '.join(map(str, DEPTHS))}.")]
SigmaW2s = Annotated[list[str] | None, typer.Option(
    "--sigma-w2", metavar="X",
    help=f"σ_w² of a column of the map: weights ~ N(0, σ_w²/n_in) ({limits.SIGMA_W2.span}; "
    f"repeatable, or comma-separated). Default: {', '.join(f'{s:g}' for s in SIGMA_W2S)}.")]
Jobs = limited(limits.JOBS, "Worker processes that train the runs (default: every core)",
               "--jobs")
Scheduler = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786) instead of "
    "on this machine's cores (needs the cluster extra: pip install 'analytic[cluster]').")]


@command(experiment_app, "trainability", recipe=TRAINABILITY,
         options=("width", "activation", "eta", "batch_size", "epochs", "images", "validation",
                  "split_seed", "seed"),
         stem="trainability", files=True, data=True, unnamed=("jobs", "scheduler"))
def trainability(session: Session, depth: Depths = None, sigma_w2: SigmaW2s = None,
                 sigma_b2: SigmaB2 = 0.05, networks: Networks = 1, jobs: Jobs = None,
                 scheduler: Scheduler = None):
    """Accuracy over depth × σ_w², beside 6ξ_c.

    Trains a [784, WIDTH × L, 10] network (tanh hidden layers unless --activation says
    otherwise, the chapter's sigmoid output and cross-entropy cost, weights N(0, σ_w²/n_in),
    biases N(0, σ_b²)) for every depth L and σ_w² of the grid, NETWORKS networks a cell, by
    mini-batch SGD (batch BATCH_SIZE, η = ETA, no weight decay) for EPOCHS epochs of IMAGES
    digits, the same number of steps for every run, and measures the accuracy on VALIDATION
    other digits. Prints the mean accuracy per cell with ξ_c and 6ξ_c of mean-field theory
    below each column, and how many cells train inside and beyond depth 6ξ_c (Schoenholz et
    al. 2017); writes trainability.csv, .json and the figure (the map, with the ξ_c and 6ξ_c
    lines) into OUT. The runs go to JOBS worker processes (or a Dask cluster with --scheduler);
    the result is the same whatever their number. The default grid (99 runs) takes one to
    three minutes on two cores.
    """
    from ..experiments.trainability import cpu_count
    from ..experiments.trainability import trainability as run_map
    from ..present.i18n import tr
    from .options import refuse_unused

    refuse_unused(session.ctx, "a Dask cluster (its workers are the cluster's)",
                  {"jobs": scheduler is None})
    depths = _depths(depth)
    try:
        sigma_w2s = numbers(sigma_w2, limits.SIGMA_W2, SIGMA_W2S)
    except typer.BadParameter as e:  # raised in the body, where click cannot name the option
        raise ValueError(f"--sigma-w2: {e.message}") from None
    recipe = session.recipe.but(bias_std=sigma_b2 ** 0.5)
    start = time.perf_counter()
    result = run_map(recipe, depths, sigma_w2s, networks, session.source,
                     jobs, scheduler, session.progress)
    seconds = time.perf_counter() - start
    full = seconds * _full_grid_share(result)
    typer.echo(tr("train_map.timing", session.lang, seconds=f"{seconds:.0f}",
                  jobs=jobs or cpu_count(), columns=len(result.sigma_w2s),
                  full=f"{full / 60:.0f}"), err=True)
    return result


def _depths(values: list[str] | None) -> list[int]:
    # whole numbers in the range of hidden layers, each refused as --depth
    depths = []
    for item in split_list(values, "--depth"):
        if not item.isdigit() or not limits.HIDDEN.admits(int(item)):
            raise ValueError(f"--depth: must be a whole number from {limits.HIDDEN.span}, "
                             f"got {item!r}")
        depths.append(int(item))
    return depths or list(DEPTHS)


def _full_grid_share(result) -> float:
    # a run's time grows with its hidden layers: every depth 1..50 over this run's depths
    return sum(range(1, limits.HIDDEN.high + 1)) / sum(result.depths)
