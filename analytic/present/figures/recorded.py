"""Recorded runs: experiments whose default run takes too long to repeat in the test suite,
kept as the JSON their command wrote and drawn from that file.

A recorded run NAME is what ``analytic experiment NAME --out figures/NAME`` writes: among its
files the JSON that :data:`RECORDED` names, from which the command's own figure is drawn again,
in any language. Where the figure takes the experiment's result, ``read`` names the function
that reads that result back from the JSON (exactly: JSON keeps every float); the remedies
figure takes the JSON itself, as the command draws it.

``tools/build_recorded_figures.py`` draws each committed run's figure in English and Japanese
and writes one manifest; ``tests/test_recorded.py`` redraws them from the JSON and compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import FIGURES, resolve

#: The languages and the style of a recorded run's figures in the README.
LANGUAGES, STYLE = ("en", "ja"), "paper"


@dataclass(frozen=True)
class Recorded:
    """One recorded run: the JSON file its command writes, the figure drawn from it, and how
    the figure's data are read from the JSON ("module:function"; None: the JSON itself)."""

    json: str
    figure: str
    read: str | None = None

    def __post_init__(self) -> None:
        if self.figure not in FIGURES:
            raise ValueError(f"unknown figure {self.figure!r}")


#: The registry: the experiment's command name (= its JSON's "experiment") -> its run.
RECORDED: dict[str, Recorded] = {
    "remedies": Recorded("remedies.json", "remedies"),
    "saturation": Recorded("saturation-4.json", "saturation",
                           "..training_reports:saturation_from_json"),
    "dying-relu": Recorded("dying-relu.json", "dead_units",
                           "..training_reports:dead_units_from_json"),
}


def command(name: str) -> str:
    """The command line that writes recorded run ``name`` into the repository's figures/.

    >>> command("dying-relu")
    'analytic experiment dying-relu --out figures/dying-relu'
    """
    return f"analytic experiment {name} --out figures/{name}"


def figure_data(name: str, run: dict) -> Any:
    """What run ``name``'s figure draws, from the run's JSON ``run`` (as json.loads reads it)."""
    if not isinstance(run, dict) or run.get("experiment") != name:
        raise ValueError(f"not the JSON of analytic experiment {name}")
    read = RECORDED[name].read
    return run if read is None else resolve(read)(run)
