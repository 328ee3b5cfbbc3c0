"""The options the commands share, spelled, explained and checked the same way everywhere.

Each option is an ``Annotated`` type: a command declares ``seed: Seed = 0`` and gets the same
name, help and validation as every other command. Numbers are checked where they are parsed,
against the one limits table (:mod:`analytic.core.limits`), whose ranges the help states.
Names are parsed where they are read: ``--activation relu`` arrives in the command as the
:class:`~analytic.core.activations.Activation` itself, ``--init normal:0.1`` as the
:class:`~analytic.core.initialisation.WeightScheme`; an option's help lists exactly the values
the command accepts. Lists are repeatable options whose values may also hold commas
(``--activation relu --activation tanh`` or ``--activation relu,tanh``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer

from ..core import activations, limits
from ..core.activations import ACTIVATIONS, Activation
from ..core.costs import COSTS, Cost, get_cost
from ..core.initialisation import FORMS, WeightScheme, get_initialisation
from ..core.limits import Limit
from ..experiments.result import PERCENTILE_RUNS
from .errors import printed


def choices(name: str, *values: str) -> type[Enum]:
    """A str Enum of the given values, for a typer choice option.

    Each member's name is its value (``Statistic("mean-gradient")``): some typer releases
    pass an Enum default on by name, others by value, and both must be a valid choice.
    """
    return Enum(name, {v: v for v in values}, type=str)


# --- what is printed, and the files written ------------------------------------------------------
FormulaFormat = choices("FormulaFormat", "text", "latex", "json")
ReportFormat = choices("ReportFormat", "text", "json")
TableFormat = choices("TableFormat", "text", "markdown", "csv", "latex", "json")
FigureFormat = choices("FigureFormat", "png", "svg", "pdf")
Language = choices("Language", "en", "ja")
FigureStyle = choices("FigureStyle", "paper", "slides")

_FORMAT_HELP = {
    "text": "text for people", "json": "json for scripts", "markdown": "markdown",
    "csv": "csv", "latex": "latex (a booktabs table, or a formula for a math environment)",
}


def format_option(kind: type[Enum], callback: Callable | None = None) -> object:
    """``--format``: what the command prints, one of ``kind``'s values; ``callback`` sees a
    value first (to say where a value that once was a format went)."""
    listed = ", ".join(_FORMAT_HELP[v.value] for v in kind)

    def checked(value: Any) -> Any:
        text = getattr(value, "value", value)
        if callback is not None:
            callback(text)
        if text not in {v.value for v in kind}:
            raise typer.BadParameter(f"{text!r} is not one of {', '.join(v.value for v in kind)}")
        return kind(text)

    if callback is None:
        return Annotated[kind, typer.Option("--format", help=f"What to print: {listed}.")]
    return Annotated[str, typer.Option("--format", metavar="[" + "|".join(v.value for v in kind)
                                       + "]", callback=checked, help=f"What to print: {listed}.")]


Lang = Annotated[Language, typer.Option(
    "--lang", envvar="ANALYTIC_LANG",
    help="Language of every word printed or drawn: en or ja (default: en, or the environment "
    "variable ANALYTIC_LANG).")]
Style = Annotated[FigureStyle, typer.Option(
    "--style", help="paper: compact; slides: 16:9, large fonts, thick lines.")]
FigureFile = Annotated[FigureFormat, typer.Option("--figure", help="File type of the figures.")]


def _non_empty(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("must not be empty")
    return value


OutDir = Annotated[str, typer.Option(
    "--out", metavar="DIR", callback=_non_empty,
    help="Folder to write into (created, with its parents, if missing).")]


# --- numbers, checked against the limits table ---------------------------------------------------
def _checked(limit: Limit) -> Callable:
    def callback(value: float | None) -> float | None:
        if value is None:
            return value
        if isinstance(value, float) and not math.isfinite(value):
            raise typer.BadParameter(f"must be a finite number, got {value:g}")
        try:
            limit.check(value)
        except ValueError as e:  # "the number of ... must be ...": the option names itself
            raise typer.BadParameter("must " + str(e).split(" must ", 1)[-1]) from None
        return value

    return callback


def limited(limit: Limit, help: str, name: str | None = None, *aliases: str) -> object:
    """An option whose value must lie in ``limit``'s range (stated in the help)."""
    kind = int if limit.integer else float
    names = tuple(n for n in (name, *aliases) if n)
    metavar = "N" if limit.integer else "X"
    return Annotated[kind, typer.Option(*names, metavar=metavar, callback=_checked(limit),
                                        help=f"{help} ({limit.span}).")]


def optional(limit: Limit, help: str, name: str) -> object:
    """A float option in ``limit``'s range whose default is None (the feature is off)."""
    return Annotated[float | None, typer.Option(name, metavar="X", callback=_checked(limit),
                                                help=f"{help} ({limit.span}).")]


# --- names, parsed into their objects ------------------------------------------------------------
def split_list(values: Sequence[str] | None, what: str) -> list[str]:
    """Repeated values, each possibly comma-separated, as one list; refuses empty items."""
    items = []
    for value in values or []:
        parts = [p.strip() for p in value.split(",")]
        if any(not p for p in parts):
            raise typer.BadParameter(f"empty item in {value!r}")
        items += parts
    return items


_PARAMETER = re.compile(r"^(\w+=)?[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def _joined_parameters(items: list[str]) -> list[str]:
    # a piece that is only a number (or key=number) continues the parameters of the one
    # before: rrelu:0.125,0.333 is one activation
    names: list[str] = []
    for item in items:
        if names and ":" in names[-1] and _PARAMETER.match(item):
            names[-1] += "," + item
        else:
            names.append(item)
    return names


def _parse(read: Callable[[str], Any], value: str) -> Any:
    try:
        return read(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


Accepts = Callable[[Activation], bool]


def activation_names(accepts: Accepts | None = None) -> list[str]:
    """The registered activations a command accepts (every one without ``accepts``)."""
    return [name for name, factory in ACTIVATIONS.items()
            if accepts is None or accepts(factory())]


def activation_parser(accepts: Accepts | None = None, what: str = "") -> Callable:
    """Turns "relu,leaky_relu:0.2" into the activations, refusing those ``accepts`` does not."""
    def parse(value: str | Activation | tuple) -> tuple[Activation, ...]:
        if not isinstance(value, str):
            return value if isinstance(value, tuple) else (value,)
        phis = tuple(_parse(activations.get_activation, item)
                     for item in _joined_parameters(split_list([value], "")))
        for phi in phis:
            if accepts is not None and not accepts(phi):
                raise typer.BadParameter(f"{phi.label!r} is not {what}; choose from: "
                                         f"{', '.join(activation_names(accepts))}")
        return phis

    return parse


def _activation_help(accepts: Accepts | None) -> str:
    names = activation_names(accepts)
    parameters = [f"{n}:{p}" for n, p in (("leaky_relu", "0.2"), ("prelu", "0.25"),
                                          ("rrelu", "0.125,0.333"), ("elu", "1")) if n in names]
    tail = f"; a parameter follows a colon: {', '.join(parameters)}" if parameters else ""
    return ", ".join(names) + tail + "."


def activation_option(help: str = "The hidden layers' activation", accepts: Accepts | None = None,
                      what: str = "") -> object:
    """``--activation NAME``: one activation, parsed."""
    parse = activation_parser(accepts, what)
    return Annotated[Activation, typer.Option(
        "--activation", metavar="NAME", parser=lambda v: _one(parse(v), "--activation"),
        help=f"{help}: {_activation_help(accepts)}")]


def _one(values: tuple, option: str) -> Any:
    if len(values) != 1:
        raise typer.BadParameter("takes one value")
    return values[0]


def _flat(values: list | None) -> list:
    # a repeated option whose values each parse into a tuple: one list (typer reads [] as None)
    return [item for group in values or () for item in group]


def activations_option(help: str = "Activations", accepts: Accepts | None = None,
                       what: str = "", default: str = "") -> object:
    """``--activation NAME`` repeatable (or comma-separated), parsed."""
    return Annotated[list[Activation] | None, typer.Option(
        "--activation", metavar="NAME", parser=activation_parser(accepts, what), callback=_flat,
        help=f"{help} (repeatable, or comma-separated): {_activation_help(accepts)}"
        + (f" Default: {default}." if default else ""))]


def names_option(name: str, read: Callable[[str], Any], help: str) -> object:
    """``--NAME`` repeatable (or comma-separated), each item parsed by ``read``."""
    def parse(value: Any) -> tuple:
        if not isinstance(value, str):
            return value if isinstance(value, tuple) else (value,)
        return tuple(_parse(read, item) for item in _joined_parameters(split_list([value], "")))

    return Annotated[list[object] | None, typer.Option(
        f"--{name}", metavar="NAME", parser=parse, callback=_flat, help=help)]


def _schemes(value: str | WeightScheme | tuple) -> tuple[WeightScheme, ...]:
    if not isinstance(value, str):
        return value if isinstance(value, tuple) else (value,)
    return tuple(_parse(get_initialisation, item) for item in split_list([value], ""))


INIT_HELP = (f"{FORMS}: gaussian N(0, 1), scaled N(0, 1/n_in) (the chapter's), scaled:G "
             "N(0, G²/n_in), standard U(±1/√n_in) (Glorot and Bengio's standard "
             "initialisation), xavier U(±√(6/(n_in + n_out))) (their normalised one), he "
             "N(0, 2/n_in), normal:S N(0, S²), orthogonal a Haar-random orthogonal matrix O(n) "
             "(semi-orthogonal when n_in ≠ n_out), orthogonal:G the same times G")


def init_option(help: str = "Weight initialisation") -> object:
    """``--init NAME``: one weight scheme, parsed."""
    return Annotated[WeightScheme, typer.Option(
        "--init", metavar="NAME", parser=lambda v: _one(_schemes(v), "--init"),
        help=f"{help}: {INIT_HELP}.")]


def inits_option(default: str) -> object:
    """``--init NAME`` repeatable (or comma-separated), parsed."""
    return Annotated[list[WeightScheme] | None, typer.Option(
        "--init", metavar="NAME", parser=_schemes, callback=_flat,
        help=f"Weight initialisations (repeatable, or comma-separated): {INIT_HELP}. "
        f"Default: {default}.")]


def _setups(value: str | tuple) -> tuple[tuple[Activation, WeightScheme], ...]:
    # a comma separates set-ups, but an activation's own parameters may hold commas
    # (rrelu:0.125,0.333/he): a piece without "/" belongs to the set-up that follows it
    if not isinstance(value, str):
        return value
    specs, pending = [], []
    for piece in split_list([value], ""):
        pending.append(piece)
        if "/" in piece:
            specs.append(",".join(pending))
            pending = []
    pairs = [spec.split("/") for spec in specs]
    if pending or any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        bad = pending[0] if pending else next(s for s, p in zip(specs, pairs) if len(p) != 2
                                                or not p[0].strip() or not p[1].strip())
        raise typer.BadParameter(f"takes ACTIVATION/INIT such as relu/he, got {bad!r}")
    phi = activation_parser()
    return tuple((_one(phi(a), "--setup"), _one(_schemes(i), "--setup")) for a, i in pairs)


def setups_option(default: str, extra: str = "") -> object:
    """``--setup ACTIVATION/INIT`` (repeatable, or comma-separated), parsed into pairs."""
    return Annotated[list[object] | None, typer.Option(
        "--setup", metavar="ACTIVATION/INIT", parser=_setups, callback=_flat,
        help="A set-up: the hidden layers' activation and weight initialisation, e.g. "
        "relu/he, sigmoid/normal:0.01, leaky_relu:0.2/xavier (repeatable, or "
        f"comma-separated). Activations: {_activation_help(None)} Initialisations: {FORMS}. "
        f"Default: {default}.{extra}")]


#: The costs of one output neuron, the chain's: the log-likelihood needs a softmax over classes.
UNIT_COSTS = tuple(name for name, make in COSTS.items() if not make().softmax_pair)


def _cost(value: str | Cost) -> Cost:
    if isinstance(value, Cost):
        return value
    cost = _parse(get_cost, value)
    if cost.softmax_pair:
        raise typer.BadParameter(f"the {cost.name} cost needs a softmax over several outputs "
                                 f"and the chain has one; choose from: {', '.join(UNIT_COSTS)}")
    return cost


CostOption = Annotated[Cost, typer.Option(
    "--cost", metavar="NAME", parser=_cost,
    help=f"The cost: {' or '.join(UNIT_COSTS)} (quadratic ½(a − y)², cross-entropy "
    "−[y ln a + (1 − y) ln(1 − a)]).")]


def numbers(values: Sequence[str] | None, limit: Limit, default: Sequence[float]) -> list[float]:
    """Repeated or comma-separated numbers, each finite and in ``limit``'s range (whole
    numbers for an integer limit)."""
    out = []
    for item in split_list(values, ""):
        try:
            value = int(item) if limit.integer else float(item)
        except ValueError:
            kind = "whole numbers" if limit.integer else "numbers"
            raise typer.BadParameter(f"takes {kind}, got {item!r}") from None
        if not math.isfinite(value):
            raise typer.BadParameter(f"must be finite numbers, got {value:g}")
        if not limit.admits(value):
            raise typer.BadParameter(f"must be {limit.span}, got {value:g}")
        out.append(value)
    return out or list(default)


# --- the vocabulary ------------------------------------------------------------------------------
Seed = limited(limits.SEED, "Seed of the random numbers", "--seed")
SplitSeed = limited(limits.SEED, "Seed of the class-balanced draw of digits", "--split-seed")
Networks = limited(limits.NETWORKS, "Random networks per row (their median and band: 10–90 % "
                   f"from {PERCENTILE_RUNS} networks on, min–max below)", "--networks",
                   "--seeds")
DataPath = Annotated[str | None, typer.Option(
    "--data", metavar="PATH",
    help="Your full MNIST: the book's mnist.pkl.gz, mnist.npz, or a folder of the four IDX "
    "*-ubyte files (plain or .gz). Default: the embedded 5,000-digit sample.")]

def emit(report: object, format: Enum | str) -> None:
    """Print a report in the chosen format (one function for every command)."""
    from ..present.table import render

    printed(render(report, getattr(format, "value", format)))


def refuse_unused(ctx: typer.Context, mode: str, applies: dict[str, bool]) -> None:
    """Refuse an option given on the command line that the chosen ``mode`` does not use.

    ``applies`` maps a parameter name to whether it is used; a given-but-unused option ends in
    one line rather than being silently ignored.
    """
    for name, used in applies.items():
        source = ctx.get_parameter_source(name)  # compared by name: typer may vendor click
        if not used and source is not None and source.name == "COMMANDLINE":
            raise ValueError(f"--{name.replace('_', '-')} does not apply to {mode}")
