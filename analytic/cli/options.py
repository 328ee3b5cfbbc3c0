"""The options the commands share: formats, languages, activations, seeds and paths.

Each is an ``Annotated`` type, so a command declares ``format: ReportFormat = ...`` and gets the
same spelling, help and validation everywhere.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer


class DeriveFormat(str, Enum):
    text = "text"
    latex = "latex"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


Depth = Annotated[int, typer.Option(help="Layers in the chain (1 to 2000).")]
Layer = Annotated[int, typer.Option(help="Which bias: dC/db_LAYER (1 = first layer).")]
ActivationName = Annotated[
    str,
    typer.Option(
        help="sigmoid, tanh, relu, leaky_relu, prelu, rrelu, elu, gelu, silu (swish) or "
        "softplus; a parameter follows a colon: leaky_relu:0.2."
    ),
]
CostName = Annotated[str, typer.Option(help="quadratic or cross-entropy.")]
Seed = Annotated[int, typer.Option(help="Seed of the random chains.")]


def print_json(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


class FigureFormat(str, Enum):
    png = "png"
    svg = "svg"
    pdf = "pdf"


class Language(str, Enum):
    en = "en"
    ja = "ja"


class FigureStyle(str, Enum):
    paper = "paper"
    slides = "slides"


class TableName(str, Enum):
    vanishing = "vanishing"
    explosion = "explosion"
    activations = "activations"


class TableFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    latex = "latex"
    json = "json"


Lang = Annotated[Language, typer.Option("--lang", help="Language of titles, labels and headers.")]


SigmaW = Annotated[float, typer.Option("--sigma-w", help="Weights ~ N(0, SIGMA_W^2 / n_in).")]
SigmaB = Annotated[float, typer.Option("--sigma-b", help="Biases ~ N(0, SIGMA_B^2).")]
Format = Annotated[ReportFormat, typer.Option(help="Output format.")]

def floats(text: str, option: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"{option} takes comma-separated numbers, got {text!r}") from None
    if not values:
        raise ValueError(f"{option} needs at least one number")
    return values


class ExperimentFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class Statistic(str, Enum):
    mean_gradient = "mean-gradient"
    mean_norm = "mean-norm"


Hidden = Annotated[int, typer.Option(help="Number of hidden layers.")]
Width = Annotated[int, typer.Option(help="Neurons in each hidden layer.")]
Images = Annotated[int, typer.Option(help="Training images (a multiple of 10).")]
DataPath = Annotated[
    str | None,
    typer.Option(
        "--data",
        help="Your full MNIST: the book's mnist.pkl.gz, mnist.npz, or a folder of the four "
        "IDX *-ubyte files (plain or .gz). Default: the embedded 5,000-digit sample.",
    ),
]
SplitSeed = Annotated[int, typer.Option(help="Seed of the class-balanced draw of images.")]
NetSeed = Annotated[int, typer.Option(help="Seed of the random initialisations.")]
ExpFormat = Annotated[ExperimentFormat, typer.Option(help="Output format.")]
OutDir = Annotated[str, typer.Option(help="Folder to write the figure and data to.")]
FigFormat = Annotated[FigureFormat, typer.Option(help="Figure file format.")]
HiddenActivation = Annotated[
    str, typer.Option(help="Hidden-layer activation: sigmoid, tanh, relu, leaky_relu[:slope].")
]
Init = Annotated[
    str,
    typer.Option(
        help="gaussian N(0,1) | scaled N(0,1/n_in) (the chapter's) | "
        "xavier U(±√(6/(n_in+n_out))) | he N(0,2/n_in)."
    ),
]
SpeedStatistic = Annotated[
    Statistic,
    typer.Option(
        help="mean-gradient: ‖mean of ∂C/∂b‖ (the chapter's); "
        "mean-norm: mean of per-image ‖∂C/∂b‖."
    ),
]




def stderr_console():  # -> rich.console.Console, imported lazily
    from rich.console import Console

    return Console(stderr=True)

