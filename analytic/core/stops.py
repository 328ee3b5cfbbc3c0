"""How a run is stopped: the signals that stop it, the flag they set, and the blocks they wait for.

SIGINT (Ctrl-C), SIGTERM (a process manager's stop) and SIGHUP (a closed terminal) stop a run
alike. The command line installs :func:`stop` for them before it imports anything else
(:func:`install`): the handler records the signal in :data:`STOPPED` and raises
KeyboardInterrupt. Python swallows that exception where it cannot raise it (a weakref callback,
a ``__del__``), but the flag stays: long work asks :func:`check` at every progress tick, and a
set of files is not moved into place once a stop has arrived.

A block that must finish once it has begun (moving a set of files into place) runs inside
:func:`held`: a stop signal that arrives meanwhile waits, whichever thread the system delivered
it to (Python runs every handler in the main thread), and is delivered when the block ends.
Once the block has put a run's files in place, :func:`settle` says the run can no longer be
undone: a later stop is recorded, but stops nothing.
"""

from __future__ import annotations

import atexit
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# the console script imports this module before anything else, so it imports only what a
# started Python has loaded or nearly (threading is loaded when a block is held)


class _Flag:
    """A flag that is set once and read anywhere (a signal handler runs in the main thread,
    so setting it needs no lock)."""

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def clear(self) -> None:
        self._set = False

    def is_set(self) -> bool:
        return self._set


#: The signals that stop a run (SIGHUP where the system has it).
STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
              if hasattr(signal, name))
#: What a stopped run says: it writes nothing (then exit code 128 + the signal's number).
INTERRUPTED = "interrupted; no files were written"
#: Set when a stop signal has arrived; :func:`arrived` says which.
STOPPED = _Flag()
_first: list[int] = []
_settled = _Flag()
_holding: list[None] = []  # one entry per block being held


def record(signum: int) -> None:
    """Remember that the stop signal ``signum`` arrived (the first one is kept)."""
    if not _first:
        _first.append(signum)
    STOPPED.set()


def arrived() -> int:
    """The number of the first stop signal that arrived, 0 if none has."""
    return _first[0] if _first else 0


def stop(signum: int, frame: object) -> None:
    """The handler of every stop signal: record it, then stop the run where it stands (unless
    its files are in place, :func:`settle`). Inside an import, or inside code that ``eval`` or
    ``exec`` runs from a string, the stop waits until that is done (:func:`_unsafe`)."""
    record(signum)
    if _settled.is_set():
        return
    if _unsafe(frame):
        _later()
        return
    raise KeyboardInterrupt


#: How soon a stop that waits for an import looks again (seconds).
RETRY = 0.01


def _unsafe(frame: object) -> bool:
    # Where a KeyboardInterrupt must not be raised, anywhere on the main thread's stack:
    # - the import machinery: a module interrupted while it initialises (a C extension above
    #   all) can leave the interpreter broken, down to a crash as it exits;
    # - code run by eval or exec from a string ("<string>") that a file's code called (typer
    #   evaluates every option's annotation so): CPython (3.11 at least) marks a
    #   KeyboardInterrupt that leaves such code as unhandled even when it is caught later,
    #   and `python -m` then ends the process by SIGINT instead of with the tool's exit code.
    #   A program that is itself a string (python -c, a pytest-xdist worker) is not that.
    inside_string = False
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith("<frozen importlib"):
            return True
        if name == "<string>":
            inside_string = True
        elif inside_string and not name.startswith("<"):
            return True
        frame = frame.f_back
    return False


def _later() -> None:
    # look again soon, with the system's interval timer (where there is none, the flag
    # stops the run at its next progress tick)
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _again)
        signal.setitimer(signal.ITIMER_REAL, RETRY)


def _again(signum: int, frame: object) -> None:
    if _holding:  # a held block runs: it asks the flag itself before it moves anything
        _later()
    elif STOPPED.is_set():
        stop(arrived(), frame)


def check() -> None:
    """Raise KeyboardInterrupt if a stop signal has arrived, wherever its own exception went."""
    if STOPPED.is_set() and not _settled.is_set():
        raise KeyboardInterrupt


def settle() -> None:
    """Say that the run's files are in place: from now on a stop signal is only recorded."""
    _settled.set()
    _disarm()


def _disarm() -> None:
    # a look-again still pending would outlive the handler: once Python has put the signals'
    # defaults back as it exits, SIGALRM's default kills the process
    if hasattr(signal, "setitimer") and signal.getsignal(signal.SIGALRM) is _again:
        signal.setitimer(signal.ITIMER_REAL, 0)


def unsettle() -> None:
    """Start a new run whose files are not in place yet (one process may run several)."""
    _settled.clear()


def install() -> None:
    """Handle every stop signal with :func:`stop` (a signal that is ignored, as in a background
    job started with nohup, stays ignored), and keep Python from printing the KeyboardInterrupt
    it swallows (:data:`STOPPED` carries it)."""
    for signum in STOPS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, stop)
    sys.unraisablehook = _quiet(sys.unraisablehook)
    atexit.register(_disarm)  # however the run ends


def _quiet(hook: Callable[[object], None]) -> Callable[[object], None]:
    def unraisable(report: object) -> None:
        if not isinstance(getattr(report, "exc_value", None), KeyboardInterrupt):
            hook(report)

    return unraisable


@contextmanager
def held() -> Iterator[list[int]]:
    """Run the block with the stop signals held: one that arrives meanwhile is delivered, to
    the handler it would have met, once the block has ended (with or without an error). The
    block is given the list of the signals waiting, to ask whether it should go on.

    Signals reach Python's handlers in the main thread only, so a block run in another thread
    has nothing to hold there.
    """
    import threading

    waiting: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield waiting
        return

    def wait(signum: int, frame: object) -> None:
        waiting.append(signum)

    previous = {}
    _holding.append(None)
    try:
        for signum in STOPS:
            if signal.getsignal(signum) is not None:  # None: a handler Python cannot restore
                previous[signum] = signal.signal(signum, wait)
        yield waiting
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _holding.pop()
        if waiting:
            signal.raise_signal(waiting[0])
