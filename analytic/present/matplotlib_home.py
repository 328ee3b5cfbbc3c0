"""Where matplotlib keeps its configuration and font cache: a folder it can write, chosen
before matplotlib is imported, so that a run never prints matplotlib's warnings about it.

matplotlib writes into ``MPLCONFIGDIR``, or else ``$XDG_CONFIG_HOME/matplotlib`` (default
``~/.config/matplotlib``) and ``$XDG_CACHE_HOME/matplotlib`` (``~/.cache/matplotlib``). When
the folder it would use cannot be made or written (a read-only or missing home, a bad
``MPLCONFIGDIR``), it makes a temporary one and says so on stderr at every start. Here such a
folder is replaced, silently, by one of this user's own beside the system's temporary files
(kept, so that the font cache is built once), or by a fresh temporary folder removed at exit
when that one is not safely ours.
"""

from __future__ import annotations

import atexit
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path


def _writable(folder: Path) -> bool:
    # what matplotlib asks of a folder before it uses it: it can be made, and written
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return folder.is_dir() and os.access(folder, os.W_OK)


def _home() -> Path | None:
    try:
        return Path.home()
    except (KeyError, RuntimeError):  # no HOME and no entry in the password database
        return None


def _defaults() -> list[Path]:
    # the folders matplotlib writes when MPLCONFIGDIR is not set
    home = _home()
    folders = []
    for variable, below_home in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
        base = os.environ.get(variable) or (str(home / below_home) if home else "")
        if not base:
            return []
        folders.append(Path(base) / "matplotlib")
    return folders


def _own(folder: Path) -> bool:
    # a folder in a shared place is used only if it is this user's alone (not a link that
    # someone else planted)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & 0o077 and os.access(folder, os.W_OK))


def usable_folder() -> Path | None:
    """The folder matplotlib should be told to use, or None when its own choice is usable."""
    given = os.environ.get("MPLCONFIGDIR")
    if given and _writable(Path(given)):
        return None
    defaults = _defaults()
    if not given and defaults and all(_writable(f) for f in defaults):
        return None
    if hasattr(os, "getuid"):
        shared = Path(tempfile.gettempdir()) / f"analytic-matplotlib-{os.getuid()}"
        if _own(shared):
            return shared
    fresh = Path(tempfile.mkdtemp(prefix="analytic-matplotlib-"))
    atexit.register(shutil.rmtree, fresh, ignore_errors=True)
    return fresh


def choose() -> None:
    """Point matplotlib at a folder it can write, if it is not imported yet and its own choice
    would not do."""
    if "matplotlib" in sys.modules:
        return
    folder = usable_folder()
    if folder is not None:
        os.environ["MPLCONFIGDIR"] = str(folder)


choose()
