"""``analytic experiment batch-norm-scales``: batch normalisation against the weights' scale
(Saito 2016, section 6.3.2) and one sigmoid unit's input during training (Ioffe and Szegedy
2015, Fig. 1)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..core import limits
from ..experiments.batch_norm_scales import SCALES
from .command import Session, command
from .experiment import app
from .options import Networks, limited, numbers


def _scales(values: list[str] | None) -> list[float]:
    # checked where parsed, so that a refusal names the option
    return numbers(values, limits.WEIGHT_STD, ())  # empty, not None: typer 0.15 takes len()


Scales = Annotated[list[str] | None, typer.Option(
    "--scale", metavar="W", callback=_scales,
    help=f"Weight scales w: every layer's weights N(0, w²) ({limits.WEIGHT_STD.span}; "
    "repeatable, or comma-separated). Default: the book's 16, log-spaced from 1 to 1e-4.")]
WatchEpochs = limited(limits.EPOCHS, "Epochs of the sigmoid network whose unit is watched "
                      "(4,000 digits, batch 60: 67 steps an epoch)", "--watch-epochs")
Unit = limited(limits.Limit("the unit watched", 0, 99), "Which unit of the sigmoid network's "
               "last hidden layer is watched", "--unit")


@command(app, "batch-norm-scales", recipe=SCALES,
         options=("hidden", "width", "activation", "eta", "batch_size", "epochs", "images",
                  "validation", "split_seed", "seed"),
         stem="batch-norm-scales", files=True, data=True)
def batch_norm_scales(session: Session, scale: Scales = None, networks: Networks = 1,
                      watch_epochs: WatchEpochs = 15, unit: Unit = 0):
    """Batch norm over weight scales, and one sigmoid's input.

    The scale sweep of Saito's ゼロから作るDeep Learning (2016), section 6.3.2: a [784, WIDTH
    × HIDDEN, 10] network (ReLU hidden layers, the chapter's sigmoid output and cross-entropy
    cost, biases 0) with every weight N(0, w²), trained with and without batch normalisation
    (before φ in every hidden layer) by mini-batch SGD (batch BATCH_SIZE, η = ETA, no weight
    decay) for EPOCHS epochs on IMAGES training digits, NETWORKS networks per scale (network i
    of both arms from one draw). Prints per scale the median accuracy on the training digits
    (what the book plots) and on VALIDATION others, and the standard deviation of the last
    hidden layer's z at initialisation.

    Then Ioffe and Szegedy's Fig. 1 on a [784, 100 × 3, 10] sigmoid network (weights
    N(0, 0.1²), biases 0, batch 60, η = 0.5, 4,000 training digits, WATCH_EPOCHS epochs), with
    and without batch norm: four times an epoch the 15th, 50th and 85th percentiles of the
    input of unit UNIT of the last hidden layer over 1,000 validation digits, and the
    validation accuracy. Writes batch-norm-scales.csv, .json and two figures,
    batch-norm-scales (accuracy against w) and batch-norm-scales-inputs (the percentiles),
    into OUT. The default run takes about a minute on two cores.
    """
    from ..experiments.batch_norm_scales import (
        DEFAULT_SCALES,
        SIGMOID_INPUTS,
        batch_norm_scales,
    )

    scales = scale or DEFAULT_SCALES
    recipe = session.recipe
    watch = SIGMOID_INPUTS.but(epochs=watch_epochs, seed=recipe.seed,
                               split_seed=recipe.split_seed)
    return batch_norm_scales(recipe, scales, networks, watch, unit, session.source,
                             session.progress)
