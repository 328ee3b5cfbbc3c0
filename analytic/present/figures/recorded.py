"""Recorded runs: experiments whose default run takes too long to repeat in the test suite,
kept as the JSON their command wrote and drawn from that file.

A recorded run NAME is what ``analytic experiment NAME --out figures/NAME`` writes: among its
files the JSON that :data:`RECORDED` names, which reads back into the experiment's result
(:func:`analytic.experiments.result.read`: exactly, JSON keeps every float), from which the
command's own figure is drawn again, in any language.

``tools/build_recorded_figures.py`` draws each committed run's figure in English and Japanese
and writes one manifest; ``tests/test_recorded.py`` redraws them from the JSON and compares.
"""

from __future__ import annotations

from ...experiments.result import Result, read

#: The languages and the style of a recorded run's figures in the README.
LANGUAGES, STYLE = ("en", "ja"), "paper"

#: The registry: the experiment's command name (= its JSON's "experiment") -> the JSON file
#: its default run writes.
RECORDED: dict[str, str] = {
    "remedies": "remedies.json",
    "saturation": "saturation-4.json",
    "dying-relu": "dying-relu.json",
    "trainability": "trainability.json",
}


def command(name: str) -> str:
    """The command line that writes recorded run ``name`` into the repository's figures/.

    >>> command("dying-relu")
    'analytic experiment dying-relu --out figures/dying-relu'
    """
    return f"analytic experiment {name} --out figures/{name}"


def figure_data(name: str, run: dict) -> Result:
    """The result run ``name``'s figure draws, from the run's JSON ``run`` (as json.loads
    reads it)."""
    if not isinstance(run, dict) or run.get("experiment") != name:
        raise ValueError(f"not the JSON of analytic experiment {name}")
    return read(run)


def figure_name(result: Result) -> str:
    """The figure the experiment's command draws from its result (its main one)."""
    return result.figure_names()[""]
