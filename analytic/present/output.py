"""Writing output files: one policy for output folders, and all-or-nothing writes.

A command renders every file it writes in memory first, then :func:`write_files` writes the
set: into a fresh staging folder inside the output folder, then moved into place file by file,
each old version kept until the whole set is in. If anything fails on the way (a folder where
a file should go, a full disk, a rename refused), the files already moved are put back as they
were; the staging folder goes in every case. The whole write runs with the stop signals held
(:func:`analytic.core.stops.held`): SIGINT, SIGTERM or SIGHUP at any point of it leaves either
the old files or the complete new set, and no temporary file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..core import stops

#: The folder commands write into unless told otherwise.
DEFAULT_FOLDER = "analytic-output"
#: The prefix of the staging folder a set of files is written into before it is moved in.
STAGING = ".analytic-"


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


def write_atomic(path: str | os.PathLike, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` all or nothing (:func:`write_files`); returns the path."""
    return write_files(Path(path).parent, {Path(path).name: payload})[0]


def write_files(folder: str | os.PathLike, files: Mapping[str, bytes],
                final: bool = False) -> list[Path]:
    """Write every file into ``folder``, all or none; returns the paths written, in order.

    ``final``: the files are the run's last act; once they are in place a stop signal stops
    nothing more (:func:`analytic.core.stops.settle`), so a run never reports "no files were
    written" after writing them.
    """
    folder = Path(folder)
    targets = [_target(folder, name) for name in files]
    with stops.held() as waiting:
        stage = _staging_folder(folder)
        try:
            staged = [_stage(stage / f"new-{i}", payload, target)
                      for i, (payload, target) in enumerate(zip(files.values(), targets))]
            if waiting:  # a stop while the files were written: nothing is moved into place
                raise KeyboardInterrupt
            stops.check()  # a stop before, whose own exception was swallowed
            _move_in(stage, staged, targets)
            if final:
                stops.settle()
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return targets


def _staging_folder(folder: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(dir=folder, prefix=STAGING))
    except OSError as e:
        raise ValueError(f"cannot write into the folder {named(folder)} ({e.strerror}); no "
                         "file was written") from None


def _cannot(target: Path, e: OSError) -> ValueError:
    where = f" ({e.strerror})" if e.strerror else ""
    return ValueError(f"cannot write {named(target)}{where}; no file was written")


def _target(folder: Path, name: str) -> Path:
    # a plain file name, and nothing in the way that a file cannot replace
    target = folder / name
    if not name or Path(name).name != name or name in (".", ".."):
        raise ValueError(f"{name!r} is not a file name")
    if target.is_dir() and not target.is_symlink():
        raise ValueError(f"{named(target)} is a folder, not a file; no file was written")
    return target


def _stage(path: Path, payload: bytes, target: Path) -> Path:
    # the staging folder is this run's own: a plain open gives the file the umask's mode
    try:
        with open(path, "xb") as f:
            f.write(payload)
    except OSError as e:
        raise _cannot(target, e) from None
    return path


def _move_in(stage: Path, staged: list[Path], targets: list[Path]) -> None:
    moved: list[tuple[Path, Path | None]] = []  # (target, its old version kept in the stage)
    target = targets[0] if targets else stage
    try:
        for i, (new, target) in enumerate(zip(staged, targets)):
            old = _keep(target, stage / f"old-{i}")
            moved.append((target, old))
            os.replace(new, target)
    except OSError as e:
        _put_back(moved)
        raise _cannot(target, e) from None
    except BaseException:
        _put_back(moved)
        raise


def _keep(target: Path, old: Path) -> Path | None:
    # the old version, kept under the stage: a second name for it (the target never goes
    # missing), or the file itself moved where links are not to be had
    if not os.path.lexists(target):
        return None
    try:
        os.link(target, old, follow_symlinks=False)
    except OSError:
        os.replace(target, old)
    return old


def _put_back(moved: list[tuple[Path, Path | None]]) -> None:
    for target, old in reversed(moved):
        try:
            if old is not None:
                os.replace(old, target)
            elif os.path.lexists(target):
                os.unlink(target)
        except OSError:
            pass  # nothing more can be done for this one; the others are still put back
