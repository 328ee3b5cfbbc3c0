"""Writing output files: one policy for output folders, and all-or-nothing writes.

Every file is written to a temporary name in its folder and renamed when complete, so an
interrupted run never leaves a half-written file under the real name. A command that writes
several files renders them all in memory first and writes them together with
:func:`write_files`: Ctrl-C before the renames leaves none of them, and the renames themselves
run with Ctrl-C held back until they are done.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

#: The folder commands write into unless told otherwise.
DEFAULT_FOLDER = "analytic-output"
#: The signals that stop a run: Ctrl-C, and a terminal closed or a process manager's stop.
STOPS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
#: Set when one of them arrived. A run told to stop writes nothing, even where Python
#: swallowed the KeyboardInterrupt the signal raised (inside a weakref callback, say).
INTERRUPTED = threading.Event()


def stop_if_interrupted() -> None:
    """Raise KeyboardInterrupt if a stop signal has arrived, wherever its own went."""
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


def check_output_folder(out: str | os.PathLike) -> Path:
    """The folder to write into, checked but not created: a run can refuse a bad folder before
    it starts, and create it only when it has something to write.

    Refused: an empty path, a path that is (or runs through) a file, or one whose nearest
    existing folder cannot be written.
    """
    if not str(out).strip():
        raise ValueError("the output folder must not be empty")
    folder = Path(out)
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p == Path(p.anchor))
    if not existing.is_dir():
        raise ValueError(f"{named(existing)} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"cannot write into the folder {named(existing)} (no permission)")
    return folder


def named(path: str | os.PathLike) -> str:
    """A path as a message names it: absolute, so that "." or "" never stands for a folder.

    >>> named("/tmp/out/../x")
    '/tmp/x'
    """
    return os.path.abspath(path)


def output_folder(out: str | os.PathLike) -> Path:
    """The folder to write into, created (with its parents) if it is missing."""
    folder = check_output_folder(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ValueError(f"cannot create the folder {named(folder)} ({e.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"cannot write into the folder {named(folder)} (no permission)")
    return folder


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temporary(path: Path, payload: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; an output is not
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: str | os.PathLike, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` through a temporary file and a rename; returns the path."""
    return write_files(Path(path).parent, {Path(path).name: payload})[0]


@contextmanager
def _interrupts_held():
    # the stop signals are held back while the renames run (main thread only: signals go
    # there). One that arrived meanwhile is consumed: the files are written, so the run has
    # succeeded and must not report "no files were written".
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        for pending in STOPS & signal.sigpending():
            signal.sigwait({pending})
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_files(folder: str | os.PathLike, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file into ``folder``, all or none; returns the paths written, in order."""
    folder = Path(folder)
    temporaries: list[tuple[str, Path]] = []
    try:
        for name, payload in files.items():
            temporaries.append((_temporary(folder / name, payload), folder / name))
        with _interrupts_held():
            stop_if_interrupted()  # a stop that came before: nothing is renamed into place
            while temporaries:
                os.replace(*temporaries[0])
                temporaries.pop(0)
    finally:
        for tmp, _ in temporaries:
            os.unlink(tmp)
    return [folder / name for name in files]
