"""``--measure``: the per-layer measure a command reports, one vocabulary on every command
(:mod:`analytic.train.monitor` defines the measures), and the old ``--statistic``'s one line."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import choices

#: What each measure is, as the help says it (analytic.train.monitor defines them).
MEASURE_HELP = {
    "bias-gradient": "‖∂C/∂b^l‖, the norm of the batch mean of δ^l (the chapter's speed of "
                     "learning; ‖∂C/∂β^l‖ with batch norm)",
    "delta-rms": "the root mean square over the images of ‖δ^l‖",
    "weight-gradient": "‖∂C/∂W^l‖",
    "update-ratio": "‖ΔW^l‖/‖W^l‖ of one optimiser step",
}


def measure_option(*names: str, default: str = "bias-gradient") -> object:
    """``--measure NAME``: one of the per-layer measures ``names`` (all of them when none)."""
    names = names or tuple(MEASURE_HELP)
    kind = choices("Measure", *names)
    listed = "; ".join(f"{n}: {MEASURE_HELP[n]}" for n in names)
    return Annotated[kind, typer.Option(
        "--measure", help=f"The per-layer measure: {listed}. Default: {default}.")]


def _renamed_statistic(value: str | None) -> None:
    if value is not None:
        raise typer.BadParameter(
            "is now --measure: mean-gradient is --measure bias-gradient, and mean-norm (the "
            "mean of the per-image norms) is --measure delta-rms (their root mean square)")


#: The option's old spelling: one line that names the new option.
OldStatistic = Annotated[str | None, typer.Option(
    "--statistic", hidden=True, callback=_renamed_statistic)]
