"""File names say what ran: the parts an option adds, the default run's names, and the gallery's
names kept apart from the experiments'.

References: names written out here for a few runs, and the gallery's registry."""

from __future__ import annotations

import pytest
from helpers import command as analytic
from helpers import invoke

from analytic.cli.command import default_stem, part
from analytic.present.figures import GALLERY


def _experiments():
    for name, sub in analytic.commands["experiment"].commands.items():
        shape = getattr(sub.callback, "shape", None)
        if shape is not None and shape.files:
            yield name, shape


def test_the_default_runs_keep_the_names_the_recorded_runs_are_committed_under():
    stems = {name: default_stem(shape) for name, shape in _experiments()}
    assert stems == {"training-speed": "training-speed-2", "neuron-bars": "neuron-bars-2",
                     "histograms": "histograms-5", "rnn": "rnn", "saturation": "saturation-4",
                     "dying-relu": "dying-relu", "remedies": "remedies",
                     "batch-norm-scales": "batch-norm-scales", "trainability": "trainability"}


def test_no_experiment_writes_a_file_named_like_a_gallery_figure():
    # the gallery writes NAME.png for every figure of its registry into the same default folder
    gallery = {name.replace("_", "-") for name in GALLERY}
    for name, shape in _experiments():
        stem = default_stem(shape)
        written = {stem, *(f"{stem}-{suffix}" for suffix in ("delta", "dead"))}
        assert not written & gallery, name


@pytest.mark.parametrize("name, value, expected", [
    ("eta", 1.0, "eta1"), ("eta", 0.05, "eta0.05"), ("bias_shift", -1.0, "bias-shift-1"),
    ("init", "normal:0.1", "init-normal_0.1"), ("dead", True, "dead"),
    ("nesterov", False, "no-nesterov"), ("remedy", ["plain,relu"], "remedy-plain_relu"),
])
def test_an_option_adds_its_name_and_its_value_to_a_file_name(name, value, expected):
    assert part(name, value) == expected


def test_two_runs_that_differ_write_different_files_and_a_rerun_rewrites_its_own(tmp_path):
    args = ("experiment", "training-speed", "--epochs", "2", "--images", "20", "--hidden", "1",
            "--out", str(tmp_path))
    for extra in ((), ("--eta", "0.5"), ("--lang", "ja"), (), ("--eta", "0.1")):
        assert invoke(*args, *extra).exit_code == 0
    stems = sorted({p.stem for p in tmp_path.iterdir()})
    # --eta 0.1 is the default: the same run as the first, so the same files
    assert stems == ["training-speed-1-images20-epochs2",
                     "training-speed-1-images20-epochs2-ja",
                     "training-speed-1-images20-eta0.5-epochs2"]


def test_the_readmes_example_of_a_name_is_what_the_command_writes(tmp_path):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    options, name = re.search(r"\(`(--hidden[^`]*)` writes `(training-speed[^`]*)\.\*`\)",
                              readme).groups()
    small = ["--epochs", "2", "--images", "20"]  # the parts these add are taken out below
    done = invoke("experiment", "training-speed", *options.split(), *small,
                  "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    (stem,) = {p.stem for p in tmp_path.iterdir()}
    assert stem.replace("-images20", "").replace("-epochs2", "") == name
