"""``analytic reproduce``: the published numbers this tool claims to reproduce, re-run and
judged line by line."""

from __future__ import annotations

from typing import Annotated

import typer

from ..experiments.references import REFERENCES
from .command import Session, command

Quick = Annotated[bool, typer.Option(
    "--quick", help="Fewer trained networks and none of the chapter's 50,000-digit runs: under "
    "a minute.")]
ReferenceNames = Annotated[list[str] | None, typer.Option(
    "--reference", metavar="NAME",
    help="A reference to run (repeatable, or comma-separated): "
    f"{', '.join(REFERENCES)}. Default: every one, in that order.")]


def reproduce(session: Session, quick: Quick = False, reference: ReferenceNames = None):
    """Re-run the published numbers and judge each one.

    Prints, one table per reference (the claim and its source: authors, year, chapter,
    figure, section or equation), one line per published value: the published value (or the
    theory's), the value computed now, the interval the tested one of the two must lie in, the
    kind of tolerance, and pass or fail. Each table's note says what its tolerance means and
    what differs between the paper's set-up and ours. The references: the chapter's speeds of
    learning at initialisation and after 500 epochs, its accuracies against depth (judged only
    on a full MNIST given with --data, without --quick: otherwise a smaller stand-in run is
    shown and not judged), mean field's √χ₁ against the measured decay per layer, the variance
    kept by He's and by Glorot and Bengio's initialisations, and Pascanu et al.'s bound through
    time. Exit code 1 when a line fails, 0 when none does. The full run takes a few minutes
    (and several more with a full MNIST); the summary line states its time.
    """
    from ..experiments.reproduce import reproduce as run
    from ..experiments.reproduction import FULL, QUICK
    from .options import split_list

    result = run(QUICK if quick else FULL, session.source, session.progress,
                 split_list(reference, "--reference"))
    return result, 1 if result.failed else 0


def register(app: typer.Typer) -> None:
    """``analytic reproduce``."""
    command(app, "reproduce", data=True)(reproduce)
