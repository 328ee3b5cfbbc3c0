"""The ``analytic`` command line: every command and group, registered in one place.

Each command is a plain function in its own module (``derive.py``, ``figures.py``, ...),
registered with one shape (:mod:`.command`): parse, call the library once, emit. Heavy
libraries are imported inside the commands, so that ``analytic --help`` starts fast. Errors,
Ctrl-C included, end as one line (:mod:`.errors`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from . import (
    batch_norm,  # noqa: F401  - registers its command on experiment.app
    derive,
    edge,  # noqa: F401  - registers its commands on theory.app and experiment.app
    experiment,
    figures,
    inside,  # noqa: F401  - registers its commands on experiment.app
    jacobian,  # noqa: F401  - registers its command on experiment.app
    problem,
    reproduce,
    table,
    teaching,
    theory,
)
from .errors import OneLineErrors, run


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"analytic {__version__}")
        raise typer.Exit()


# rich_markup_mode=None: plain help that re-wraps each docstring paragraph to the terminal
app = typer.Typer(
    cls=OneLineErrors,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Why deep networks are hard to train: derive, check and show unstable gradients.",
)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Why deep networks are hard to train: derive, check and show unstable gradients.

    Chapter 5 of Nielsen's Neural Networks and Deep Learning, computed: SymPy derives the
    gradient of a chain network, a NumPy backprop and finite differences check it, figures and
    tables (English and Japanese) show it, and experiments on real MNIST digits measure it.
    Every command has --help; every command that prints results has --format json and --lang
    (en or ja; the environment variable ANALYTIC_LANG sets the default).
    """


derive.register(app)
figures.register(app)
table.register(app)
reproduce.register(app)
teaching.register(app)
app.add_typer(problem.app, name="problem")
app.add_typer(theory.app, name="theory")
app.add_typer(experiment.app, name="experiment")


def main() -> None:
    """Run the command line (the console script's entry point is :mod:`.entry`, which handles
    the stop signals before this module loads)."""
    run(app)
