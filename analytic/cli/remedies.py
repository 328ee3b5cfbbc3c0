"""``analytic experiment remedies``: one deep network trained with each remedy for unstable
gradients, as a table and a figure."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.output import DEFAULT_FOLDER
from .experiment import app
from .options import (
    DataPath,
    FigureFile,
    FigureFormat,
    FigureStyle,
    Lang,
    Language,
    OutDir,
    Seed,
    Style,
    TableFormat,
    TableFormatOption,
    count,
    emit,
    split_list,
)
from .runs import (
    Images,
    SplitSeed,
    Validation,
    digits,
    experiment_setup,
    out_folder,
    run,
    write_outputs,
)

RemedyNames = Annotated[
    list[str] | None,
    typer.Option("--remedy", metavar="NAME",
                 help="A row to run (repeatable, or comma-separated): plain, xavier, tanh, "
                 "tanh_zero_biases, relu, leaky_relu, prelu, rrelu, elu, batch_norm, residual, "
                 "momentum, exploding, clipping. Default: every row, in that order."),
]
Networks = count("Initial networks per row (the median and 10–90 % band are over them)", 1,
                 100, name="--networks")
RemedyEpochs = count("Epochs of training", 1, 1000, name="--epochs")


@app.command("remedies")
def experiment_remedies(
    remedy: RemedyNames = None,
    networks: Networks = 3,
    epochs: RemedyEpochs = 20,
    images: Images = 1000,
    validation: Validation = 1000,
    data: DataPath = None,
    seed: Seed = 0,
    split_seed: SplitSeed = 0,
    out: OutDir = DEFAULT_FOLDER,
    format: TableFormatOption = TableFormat.text,
    figure: FigureFile = FigureFormat.png,
    lang: Lang = Language.en,
    style: Style = FigureStyle.paper,
) -> None:
    """The remedies for unstable gradients, side by side.

    One deep network, [784, 30 × 10, 10] with the chapter's sigmoid output and cross-entropy
    cost, trained once per row and seed: the chapter's sigmoid hidden layers with weights
    N(0, 1/n_in) and biases N(0, 1), then each remedy (Xavier's weights; tanh; relu, leaky
    relu, PReLU, RReLU and ELU with He's weights; batch norm; residual connections; Nesterov
    momentum), then an exploding set-up (relu, N(0, 1) weights) without and with gradient
    clipping. Mini-batch SGD, batch 10, η = 0.02, L2 weight decay λ = 0.1, EPOCHS epochs on
    IMAGES training digits; network s of every row starts from the same draw. Prints per row,
    as a median [10 %, 90 %] over NETWORKS networks: the last hidden layer's speed of learning
    over the first's at initialisation and after training, the validation accuracy, the share
    of saturated (sigmoid, tanh) or dead (rectifier) units on VALIDATION digits, and how many
    runs diverged. Writes remedies.csv, remedies.json (with every run's per-epoch record) and
    the figure remedies (each hidden layer's speed after training, per remedy) into OUT. The
    default run takes one to two minutes. --lang sets the language of the table and the figure.
    """
    experiment_setup()
    import json

    from ..experiments.remedies import Setting, check_request, remedies, select
    from ..present.remedies_reports import remedies_report
    from ..present.table import render

    rows = select(split_list(remedy, "--remedy"))
    setting = Setting(epochs=epochs)
    check_request(setting, len(rows), networks, images, validation)
    folder = out_folder(out)
    name, train, held_out = digits(data, images, validation, split_seed)
    result = run("epochs", len(rows) * networks * epochs, lambda tick: remedies(
        train, held_out, rows, setting, networks, seed, tick))
    report = remedies_report(result, name, lang.value)
    # the figure is drawn from the JSON the command writes, so the two always agree
    drawn = json.loads(render(report, "json"))
    write_outputs(folder, "remedies", report, "remedies", drawn, lang, style, figure)
    emit(report, format)
