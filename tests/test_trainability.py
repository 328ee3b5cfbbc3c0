"""The trainability map: the same bits whatever the number of jobs or the engine (joblib's
processes, a local Dask cluster), each run equal to the one training loop run by hand, its JSON
read back, its refusals, and an interrupted run that writes nothing and leaves no worker."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke

from analytic.experiments.data import as_data, network
from analytic.experiments.result import read
from analytic.experiments.trainability import TRAINABILITY, cell_recipe, trainability
from analytic.train import accuracy, train

#: A small map: 4 runs of a few hundred digits.
SMALL = TRAINABILITY.but(epochs=2, images=200, validation=100, width=20)
GRID = {"depths": (2, 6), "sigma_w2s": (0.5, 2.5)}


@pytest.fixture(scope="module")
def serial():
    return trainability(SMALL, **GRID, jobs=1)


def test_two_jobs_give_the_same_bits_as_one(serial):
    parallel = trainability(SMALL, **GRID, jobs=2)
    assert json.dumps(parallel.to_json()) == json.dumps(serial.to_json())


def test_each_cell_is_the_training_loop_run_by_hand_on_its_own_network(serial):
    digits = as_data(None)(SMALL)
    recipe = cell_recipe(SMALL, 6, 2.5)
    model, rng = network(recipe, 1000 * 6, digits)  # network 1000 L + s
    run = train(model, digits.x, digits.y, recipe.sgd, recipe.epochs, recipe.batch_size, rng)
    by_hand = accuracy(run.model, digits.validation_x, digits.validation_labels)
    assert serial.accuracies[1, 1, 0] == by_hand


def test_the_map_reads_back_from_its_json_and_carries_the_theory(serial):
    again = read(json.loads(json.dumps(serial.to_json())))
    assert json.dumps(again.to_json()) == json.dumps(serial.to_json())
    assert again.theory.critical == pytest.approx(1.76095, abs=1e-5)  # tanh at σ_b² = 0.05
    assert serial.steps == 2 * math.ceil(200 / 32)


def test_a_local_dask_cluster_gives_the_same_bits(serial):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        found = trainability(SMALL, **GRID, scheduler=cluster.scheduler_address)
    assert json.dumps(found.to_json()) == json.dumps(serial.to_json())


def test_an_unreachable_scheduler_ends_in_one_line(monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr("analytic.experiments.trainability.CONNECT_TIMEOUT", "1s")
    result = invoke("experiment", "trainability", "--depth", "2", "--sigma-w2", "1",
                    "--images", "100", "--epochs", "1", "--validation", "100",
                    "--scheduler", "tcp://127.0.0.1:9")
    assert_one_line_error(result, "cannot reach the Dask scheduler")


@pytest.mark.parametrize("option, value, says", [
    ("--depth", "0", "--depth"), ("--sigma-w2", "0", "--sigma-w2"),
    ("--sigma-w2", "-1", "--sigma-w2"), ("--jobs", "0", "--jobs"), ("--depth", "51", "--depth"),
])
def test_bad_grids_and_jobs_end_in_one_line(option, value, says, tmp_path):
    result = invoke("experiment", "trainability", option, value, "--out", str(tmp_path))
    assert_one_line_error(result, says)
    assert list(tmp_path.iterdir()) == []


def test_a_grid_too_large_is_refused_before_anything_runs():
    with pytest.raises(ValueError, match="cells"):
        trainability(SMALL, depths=range(1, 51), sigma_w2s=np.linspace(0.1, 5, 60))


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_sigterm_while_training_writes_nothing_and_leaves_no_worker(tmp_path):
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "analytic", "experiment", "trainability", "--jobs", "2",
         "--depth", "30,40", "--images", "500", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)})
    deadline, workers = time.monotonic() + 60, set()
    while len(workers) < 2 and child.poll() is None and time.monotonic() < deadline:
        workers |= _children(child.pid)
        time.sleep(0.1)
    time.sleep(1.0)  # the workers are training
    workers |= _children(child.pid)
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM, stderr
    assert stderr.strip().splitlines()[-1] == "error: interrupted; no files were written"
    assert not out.exists()
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and "zombie" not in Path(f"/proc/{w}/status").read_text()]
    assert workers and alive == []
    assert list(tmp_path.iterdir()) == []  # no temporary file of joblib's either


def test_jobs_with_a_scheduler_is_refused_as_the_cluster_has_its_own_workers(tmp_path):
    result = invoke("experiment", "trainability", "--scheduler", "tcp://127.0.0.1:9", "--jobs",
                    "2", "--out", str(tmp_path))
    assert_one_line_error(result, "--jobs does not apply to a Dask cluster")
