"""The options the commands share, spelled, explained and checked the same way everywhere.

Each option is an ``Annotated`` type: a command declares ``seed: Seed = 0`` and gets the same
name, help and validation as every other command. Numbers are checked where they are parsed
(finite, in range); lists are repeatable options whose values may also hold commas
(``--activation relu --activation tanh`` or ``--activation relu,tanh``). :func:`emit` prints
every report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from enum import Enum
from typing import Annotated

import typer


def choices(name: str, *values: str) -> type[Enum]:
    """A str Enum of the given values, for a typer choice option.

    Each member's name is its value (``Statistic("mean-gradient")``): some typer releases
    pass an Enum default on by name, others by value, and both must be a valid choice.
    """
    return Enum(name, {v: v for v in values}, type=str)


# --- formats, languages, styles ------------------------------------------------------------------
FormulaFormat = choices("FormulaFormat", "text", "latex", "json")
ReportFormat = choices("ReportFormat", "text", "json")
TableFormat = choices("TableFormat", "text", "markdown", "csv", "latex", "json")
FigureFormat = choices("FigureFormat", "png", "svg", "pdf")
Language = choices("Language", "en", "ja")
FigureStyle = choices("FigureStyle", "paper", "slides")

_FORMAT_HELP = "What to print: text for people, json for scripts"


def _format(kind: type[Enum], extra: str = "") -> object:
    return Annotated[kind, typer.Option("--format", help=_FORMAT_HELP + extra + ".")]


FormulaFormatOption = _format(FormulaFormat, ", latex for a math environment (amsmath)")
ReportFormatOption = _format(ReportFormat)
TableFormatOption = _format(
    TableFormat, ", markdown, csv, or latex (a booktabs table: \\usepackage{booktabs})"
)
Lang = Annotated[Language, typer.Option("--lang", help="Language of titles, labels and headers.")]
Style = Annotated[
    FigureStyle, typer.Option(help="paper: compact; slides: 16:9, large fonts, thick lines.")
]
FigureFile = Annotated[FigureFormat, typer.Option("--figure", help="File type of the figure.")]


def _non_empty(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("must not be empty")
    return value


OutDir = Annotated[
    str, typer.Option("--out", metavar="DIR", callback=_non_empty,
                      help="Folder to write into (created, with its parents, if missing).")
]


# --- checks at parse time ------------------------------------------------------------------------
def _check(test: Callable[[float], bool], what: str) -> Callable:
    def callback(value: float | None) -> float | None:
        if value is not None and not (math.isfinite(value) and test(value)):
            raise typer.BadParameter(f"must be {what}, got {value:g}")
        return value

    return callback


def number(help: str, test: Callable[[float], bool] = lambda v: True, what: str = "finite",
           name: str | None = None, **kw: object) -> object:
    """A float option that must be finite and pass ``test`` (``what`` says how, for the error)."""
    names = (name,) if name else ()
    return Annotated[float, typer.Option(*names, metavar="X", help=help,
                                         callback=_check(test, what), **kw)]


def _in_range(low: int, high: int | None) -> Callable:
    def callback(value: int | None) -> int | None:
        if value is not None and (value < low or (high is not None and value > high)):
            span = f"from {low:,} to {high:,}" if high is not None else f"of at least {low:,}"
            raise typer.BadParameter(f"must be an integer {span}, got {value:,}")
        return value

    return callback


def count(help: str, low: int = 1, high: int | None = None, name: str | None = None,
          hidden_alias: str | None = None) -> object:
    """An integer option from ``low`` to ``high`` (stated in the help)."""
    names = tuple(n for n in (name, hidden_alias) if n)
    span = f"{low:,} to {high:,}" if high is not None else f"at least {low:,}"
    return Annotated[int, typer.Option(*names, metavar="N", callback=_in_range(low, high),
                                       help=f"{help} ({span}).")]


def split_list(values: list[str] | None, what: str) -> list[str]:
    """Repeated values, each possibly comma-separated, as one list; refuses empty items."""
    items = []
    for value in values or []:
        parts = [p.strip() for p in value.split(",")]
        if any(not p for p in parts):
            raise ValueError(f"{what}: empty item in {value!r}")
        items += parts
    return items


_PARAMETER = re.compile(r"^(\w+=)?[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def activation_list(values: list[str] | None, default: list[str]) -> list[str]:
    """Repeated or comma-separated activation names; a piece that is only a number (or
    ``key=number``) continues the parameters of the one before: rrelu:0.125,0.333 is one."""
    names: list[str] = []
    for item in split_list(values, "--activation"):
        if names and ":" in names[-1] and _PARAMETER.match(item):
            names[-1] += "," + item
        else:
            names.append(item)
    return names or default


def numbers(values: list[str] | None, what: str, default: list[float]) -> list[float]:
    """Repeated or comma-separated numbers; each must be a finite number."""
    items = split_list(values, what)
    try:
        out = [float(v) for v in items]
    except ValueError:
        raise ValueError(f"{what} takes numbers, got {values!r}") from None
    bad = [v for v in out if not math.isfinite(v)]
    if bad:
        raise ValueError(f"{what} must be finite numbers, got {bad[0]:g}")
    return out or default


# --- the vocabulary ------------------------------------------------------------------------------
ACTIVATION_HELP = (
    "sigmoid, tanh, relu, leaky_relu, prelu, rrelu, elu, gelu, silu (swish) or softplus; a "
    "parameter follows a colon: leaky_relu:0.2, prelu:0.25, rrelu:0.125,0.333, elu:1."
)
ActivationName = Annotated[str, typer.Option(metavar="NAME", help=ACTIVATION_HELP)]
Activations = Annotated[
    list[str] | None,
    typer.Option("--activation", metavar="NAME",
                 help="Activation (repeatable, or comma-separated): " + ACTIVATION_HELP),
]
CostName = Annotated[
    str, typer.Option(metavar="NAME", help="quadratic ½(a − y)² or cross-entropy.")
]
Seed = Annotated[int, typer.Option(metavar="N", callback=_in_range(0, 2**63 - 1),
                                   help="Seed of the random numbers (0 or more).")]
Depth = count("Layers in the chain", 1, 2000)
Layer = Annotated[
    int, typer.Option(metavar="K", callback=_in_range(1, None),
                      help="Which bias: ∂C/∂b_K (1 = first layer, up to the depth).")
]
INIT_HELP = (
    "Weight initialisation: gaussian N(0, 1), scaled N(0, 1/n_in) (the chapter's), "
    "xavier U(±√(6/(n_in + n_out))) or he N(0, 2/n_in); biases N(0, 1)."
)
InitName = Annotated[str, typer.Option("--init", metavar="NAME", help=INIT_HELP)]
SigmaW = number("σ_w: weights ~ N(0, σ_w²/n_in), σ_w > 0.", lambda v: 0 < v <= 1e3,
                "in (0, 1000]", name="--sigma-w")
SigmaB = number("σ_b: biases ~ N(0, σ_b²), σ_b ≥ 0.", lambda v: 0 <= v <= 1e3,
                "in [0, 1000]", name="--sigma-b")
Networks = count("Random networks to measure (their median and 10–90 % band)", 1, 100_000,
                 name="--networks", hidden_alias="--seeds")
DataPath = Annotated[
    str | None,
    typer.Option(
        "--data", metavar="PATH",
        help="Your full MNIST: the book's mnist.pkl.gz, mnist.npz, or a folder of the four "
        "IDX *-ubyte files (plain or .gz). Default: the embedded 5,000-digit sample.",
    ),
]


def emit(report: object, format: Enum) -> None:
    """Print a report in the chosen format (one function for every command)."""
    from ..present.table import render

    typer.echo(render(report, format.value), nl=False)


def stderr_console():  # -> rich.console.Console, imported lazily
    from rich.console import Console

    return Console(stderr=True)


def refuse_unused(ctx: typer.Context, mode: str, applies: dict[str, bool]) -> None:
    """Refuse an option given on the command line that the chosen ``mode`` does not use.

    ``applies`` maps a parameter name to whether it is used; a given-but-unused option ends in
    one line rather than being silently ignored.
    """
    for name, used in applies.items():
        source = ctx.get_parameter_source(name)  # compared by name: typer may vendor click
        if not used and source is not None and source.name == "COMMANDLINE":
            raise ValueError(f"--{name.replace('_', '-')} does not apply to {mode}")
