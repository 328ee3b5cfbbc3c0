"""How long work reports how far it has got: an optional display, told the total, then ticked.

A display is any callable ``progress(k)`` (k units done since the last call); one that also has
``begin(total, unit)`` is told first how much there is (the command line's progress bar). The
work never needs one: ``None`` listens to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int], None] | None


def begin(progress: Progress, total: int, unit: str) -> None:
    """Tell a progress display that the work has ``total`` ``unit`` (e.g. "epochs") to do,
    if it has a ``begin(total, unit)`` to be told with; a plain callable is only ticked."""
    start = getattr(progress, "begin", None)
    if start is not None:
        start(total, unit)


def tick(progress: Progress, k: int = 1) -> None:
    """Report ``k`` units done, if anyone listens (nothing when k is 0)."""
    if progress is not None and k:
        progress(k)
