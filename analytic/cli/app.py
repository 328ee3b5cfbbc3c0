"""The ``analytic`` command line: every command and group, registered in one place.

Each command is a plain function in its own module (``derive.py``, ``figures.py``, ...): parse,
call the library once, render. Heavy libraries are imported inside the commands, so that
``analytic --help`` starts fast. Errors end as one line and exit code 2 (:mod:`.errors`).
"""

from __future__ import annotations

import typer

from . import derive, experiment, figures, problem, table, theory
from .errors import OneLineErrors

# rich_markup_mode=None: plain help that re-wraps each docstring paragraph to the terminal
app = typer.Typer(
    cls=OneLineErrors,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    help="Why deep networks are hard to train: derive, check and show unstable gradients.",
)
app.command()(derive.derive)
app.command()(derive.check)
app.command()(figures.figures)
app.command()(table.table)
app.add_typer(problem.app, name="problem")
app.add_typer(theory.app, name="theory")
app.add_typer(experiment.app, name="experiment")


def main() -> None:
    """Entry point of the ``analytic`` console script."""
    app()
