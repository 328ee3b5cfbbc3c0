"""Stop signals (SIGINT, SIGTERM, SIGHUP) and failing writes, as they really come: one line,
exit code 128 + the signal, and files all or nothing (a failing standard output is in
tests/test_hostile.py).

References: the files' bytes as written before and as asked for, the signal's number, and the
exit statuses of a shell (128 + the signal).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from analytic.core import stops
from analytic.present import output
from analytic.present.output import write_files

STOPS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
OLD = {"run.csv": b"old csv", "run.json": b"old json", "run.png": b"old png"}
NEW = {"run.csv": b"new csv", "run.json": b"new json", "run.png": b"new png",
       "run-extra.png": b"new extra"}


@pytest.fixture
def handled():
    """The command line's stop handlers, as the console script installs them; restored after."""
    previous = {s: signal.getsignal(s) for s in STOPS}
    hook = sys.unraisablehook
    _fresh()  # a command run earlier in this process has settled its run
    stops.install()
    yield
    for s, handler in previous.items():
        signal.signal(s, handler)
    sys.unraisablehook = hook
    _fresh()


def _fresh() -> None:
    # no stop has arrived, and the run's files are not in place yet
    stops.STOPPED.clear()
    stops._first.clear()
    stops.unsettle()


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _old_set(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in OLD.items():
        (folder / name).write_bytes(payload)
    return folder


#: Every call the write phase makes to the file system, by where write_files finds it.
POINTS = [(tempfile, "mkdtemp"), (output, "_stage"), (os, "link"), (os, "replace"),
          (shutil, "rmtree")]


def _calls(folder: Path) -> int:
    count = [0]
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in POINTS:
            real = getattr(owner, name)
            patch.setattr(owner, name, lambda *a, real=real, **k: (
                count.__setitem__(0, count[0] + 1), real(*a, **k))[1])
        write_files(folder, NEW)
    return count[0]


@pytest.mark.parametrize("final", [True, False], ids=["the run's last act", "a library call"])
@pytest.mark.parametrize("signum", STOPS, ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_at_every_point_of_the_write_phase_leaves_the_old_set_or_the_new_one(
        signum, final, tmp_path, handled):
    calls = _calls(_old_set(tmp_path / "dry"))
    assert calls >= 2 * len(NEW)
    for point in range(calls):
        for before in (True, False):
            folder = _old_set(tmp_path / f"at-{point}-{before}")
            count = [0]

            def hooked(*args, real, **kwargs):
                count[0] += 1
                if count[0] == point + 1 and before:
                    signal.raise_signal(signum)
                done = real(*args, **kwargs)
                if count[0] == point + 1 and not before:
                    signal.raise_signal(signum)
                return done

            stopped = False
            with pytest.MonkeyPatch.context() as patch:
                for owner, name in POINTS:
                    patch.setattr(owner, name, lambda *a, real=getattr(owner, name), **k:
                                  hooked(*a, real=real, **k))
                try:
                    write_files(folder, NEW, final=final)
                except KeyboardInterrupt:
                    stopped = True
            found = _contents(folder)
            assert found in (OLD, {**OLD, **NEW}), (point, before, found)
            # complete: stopped only where no run is left to stop; old: always stopped
            assert stopped == (found == OLD or not final), (point, before)
            _fresh()


def test_a_folder_where_a_later_file_goes_leaves_every_earlier_file_as_it_was(tmp_path):
    _old_set(tmp_path)
    (tmp_path / "run-extra.png").mkdir()
    with pytest.raises(ValueError, match="run-extra.png is a folder, not a file"):
        write_files(tmp_path, NEW)
    assert sorted(os.listdir(tmp_path)) == sorted([*OLD, "run-extra.png"])
    assert {n: (tmp_path / n).read_bytes() for n in OLD} == OLD


@pytest.mark.parametrize("failing", range(4))
def test_a_rename_that_fails_puts_every_file_moved_before_it_back(tmp_path, monkeypatch, failing):
    _old_set(tmp_path)
    real, count = os.replace, [0]

    def replace(src, dst):
        count[0] += 1
        if count[0] == failing + 1:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ValueError, match=r"\(No space left on device\); no file was written"):
        write_files(tmp_path, NEW)
    assert _contents(tmp_path) == OLD


def test_a_signal_sent_from_another_thread_waits_until_the_files_are_in_place(tmp_path, handled,
                                                                             monkeypatch):
    # the system may deliver a process's signal to any thread that does not block it; Python
    # runs the handler in the main thread, where the write holds it
    _old_set(tmp_path)
    real = os.replace

    def replace(src, dst):
        sender = threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGTERM))
        sender.start()
        sender.join()
        time.sleep(0.01)  # time for the handler to run, were it not held
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    write_files(tmp_path, NEW, final=True)
    assert _contents(tmp_path) == {**OLD, **NEW} and stops.arrived() == signal.SIGTERM


def test_a_stop_whose_exception_python_swallowed_still_keeps_the_files_out(tmp_path, handled):
    # as inside a weakref callback: the handler ran, its KeyboardInterrupt went nowhere
    stops.record(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        write_files(_old_set(tmp_path), NEW)
    assert _contents(tmp_path) == OLD


def test_a_stop_inside_code_evaluated_from_a_string_waits_until_that_code_has_returned(handled):
    # CPython marks a KeyboardInterrupt that leaves eval'd source as unhandled, and `python -m`
    # then ends by SIGINT whatever exit code the tool chose; typer evaluates annotations so
    finished = []

    def inside():
        signal.raise_signal(signal.SIGINT)  # its handler runs here, inside the eval
        finished.append("inside")

    with pytest.raises(KeyboardInterrupt):
        eval("inside()", {"inside": inside})
        finished.append("eval returned")
        time.sleep(10 * stops.RETRY + 1)  # the stop comes back by the interval timer
    assert finished == ["inside", "eval returned"] and stops.arrived() == signal.SIGINT


# --- real processes -------------------------------------------------------------------------------
PROC = Path("/proc/self/status").exists()
ANALYTIC = [sys.executable, "-m", "analytic"]
#: A short run that loads the command line, computes, draws a figure and writes three files.
RUN = ["experiment", "rnn", "--networks", "2", "--steps", "5", "--radius", "1"]
WRITTEN = ["rnn-steps5-networks2-radius1.csv", "rnn-steps5-networks2-radius1.json",
           "rnn-steps5-networks2-radius1.png"]


def _caught(pid: int) -> set[int]:
    # the signals a process has handlers for, from the kernel's own account (SigCgt, a mask)
    status = Path(f"/proc/{pid}/status").read_text()
    mask = int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("SigCgt:")), 16)
    return {n for n in range(1, 64) if mask >> (n - 1) & 1}


def _started(child: subprocess.Popen) -> None:
    # until its stop handlers are in: before, Python itself is still starting (its SIGTERM is
    # the system's default, and no code of the tool has run)
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline:
        try:
            if signal.SIGTERM in _caught(child.pid):
                return
        except FileNotFoundError:
            return
        time.sleep(0.002)


def _drawing(pid: int) -> bool:
    # the figure is being drawn once matplotlib's font library is loaded
    maps = Path(f"/proc/{pid}/maps")
    return maps.exists() and "ft2font" in maps.read_text()


def _stopped_cleanly(child: subprocess.Popen, signum: int, out: Path) -> None:
    stdout, stderr = child.communicate(timeout=60)
    written = sorted(os.listdir(out)) if out.exists() else []
    if child.returncode == 0:  # the run was over before the signal came
        assert written == WRITTEN and stderr.startswith("wrote "), stderr
        assert len(stderr.splitlines()) == 1
    else:
        assert child.returncode == 128 + signum, stderr
        assert stderr.splitlines() == ["error: interrupted; no files were written"]
        assert written == []


@pytest.mark.skipif(not PROC, reason="needs /proc to see the child's handlers")
@pytest.mark.parametrize("signum, delay", [
    (signal.SIGINT, 0.0), (signal.SIGINT, 0.15), (signal.SIGINT, 0.6), (signal.SIGTERM, 0.3),
    (signal.SIGHUP, 0.3)], ids=lambda v: signal.Signals(v).name if v in STOPS else f"{v}s")
def test_a_stop_signal_at_any_moment_of_a_run_ends_in_one_line_or_in_the_whole_run(
        signum, delay, tmp_path):
    # 0 s: while typer and the commands load; later: reading the options, computing, drawing
    out = tmp_path / "out"
    child = subprocess.Popen([*ANALYTIC, *RUN, "--out", str(out)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    _started(child)
    time.sleep(delay)
    child.send_signal(signum)
    _stopped_cleanly(child, signum, out)


@pytest.mark.skipif(not PROC, reason="needs /proc to see the child")
def test_ctrl_c_while_a_figure_is_drawn_ends_in_one_line_and_writes_no_file(tmp_path):
    # inside matplotlib, Python may swallow the KeyboardInterrupt (a weakref callback): the run
    # must still stop, not go on to write its files
    out = tmp_path / "out"
    child = subprocess.Popen([*ANALYTIC, *RUN, "--out", str(out)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _drawing(child.pid) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    child.send_signal(signal.SIGINT)
    _stopped_cleanly(child, signal.SIGINT, out)
