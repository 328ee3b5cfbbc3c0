"""Recorded runs: experiments whose run takes too long to repeat in the test suite (or whose
JSON is too large to write twice), kept as the JSON their command wrote and drawn from that file.

A recorded run NAME is what ``analytic experiment NAME --out figures/NAME`` writes (or, for the
runs of :data:`ARGUMENTS`, the command line named there): among its files the JSON that
:data:`RECORDED` names, which reads back into the experiment's result
(:func:`analytic.experiments.result.read`: exactly, JSON keeps every float), from which the
command's own figures are drawn again, in any language.

``tools/build_recorded_figures.py`` draws each committed run's figure in English and Japanese
and writes one manifest; ``tests/test_recorded.py`` redraws them from the JSON and compares.
"""

from __future__ import annotations

from typing import NamedTuple

from ...experiments.result import Result, read

#: The languages and the style of a recorded run's figures in the README.
LANGUAGES, STYLE = ("en", "ja"), "paper"

#: The registry: a run's name -> the JSON file its command writes into figures/NAME/. The name
#: of a default run is the experiment's command name (= its JSON's "experiment").
RECORDED: dict[str, str] = {
    "remedies": "remedies.json",
    "saturation": "saturation-4.json",
    "dying-relu": "dying-relu.json",
    "trainability": "trainability.json",
    "batch-norm-scales": "batch-norm-scales.json",
    "rnn-cells-30": "rnn-networks30-cell-vanilla+lstm+gru.json",
    "rnn-cells-bias1-30": "rnn-networks30-cell-lstm+gru-forget-bias1.json",
}


class Arguments(NamedTuple):
    """A recorded run that is not its command's default run: the JSON's "experiment" and the
    arguments of ``analytic experiment`` that write it."""

    experiment: str
    arguments: tuple[str, ...]


#: The recorded runs that are not a command's default run (the gated cells over 30 networks,
#: the runs the README quotes).
ARGUMENTS: dict[str, Arguments] = {
    "rnn-cells-30": Arguments("rnn-cells", ("rnn", "--cell", "vanilla,lstm,gru", "--networks",
                                            "30")),
    "rnn-cells-bias1-30": Arguments("rnn-cells", ("rnn", "--cell", "lstm,gru", "--forget-bias",
                                                  "1", "--networks", "30")),
}


def arguments(name: str) -> tuple[str, ...]:
    """The arguments of ``analytic experiment`` that write recorded run ``name``."""
    return ARGUMENTS[name].arguments if name in ARGUMENTS else (name,)


def experiment_of(name: str) -> str:
    """The "experiment" the JSON of recorded run ``name`` names."""
    return ARGUMENTS[name].experiment if name in ARGUMENTS else name


def command(name: str) -> str:
    """The command line that writes recorded run ``name`` into the repository's figures/.

    >>> command("dying-relu")
    'analytic experiment dying-relu --out figures/dying-relu'
    >>> command("rnn-cells-30")
    'analytic experiment rnn --cell vanilla,lstm,gru --networks 30 --out figures/rnn-cells-30'
    """
    return f"analytic experiment {' '.join(arguments(name))} --out figures/{name}"


def figure_data(name: str, run: dict) -> Result:
    """The result run ``name``'s figures draw, from the run's JSON ``run`` (as json.loads
    reads it)."""
    if not isinstance(run, dict) or run.get("experiment") != experiment_of(name):
        raise ValueError(f"not the JSON of analytic experiment {' '.join(arguments(name))}")
    return read(run)


def figure_name(result: Result) -> str:
    """The figure the experiment's command draws from its result (its main one)."""
    return result.figure_names()[""]


def figure_stems(name: str, result: Result) -> dict[str, str]:
    """Every figure the command draws from its result: the key of its PNG (figures/NAME/KEY.png
    per language) -> the figure's name; the main figure's key is the run's name.

    >>> from analytic.experiments.batch_norm_scales import BatchNormScales
    >>> figure_stems("batch-norm-scales", BatchNormScales.__new__(BatchNormScales))
    {'batch-norm-scales': 'bn_scales', 'batch-norm-scales-inputs': 'bn_inputs'}
    """
    return {name + (f"-{key}" if key else ""): figure
            for key, figure in result.figure_names().items()}
