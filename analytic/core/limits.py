"""Limits on what a computation may be asked: finite numbers in range, a memory and a work budget.

Every size a user can choose is checked here before anything is allocated or run, so a request
too large for the machine ends in one ``ValueError`` naming the limit instead of a
``MemoryError``, a machine that swaps, or a run that would not end today. The messages name
the quantity, never a command-line flag: the command line adds its own wording.
"""

from __future__ import annotations

import math

#: Largest allocation (bytes) one computation may plan for.
MEMORY_BUDGET = 2 * 1024**3


def require_finite(value: float, what: str) -> float:
    """``value`` as a float if it is a finite number; ValueError otherwise.

    >>> require_finite(2, "the weight")
    2.0
    """
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value:g}")
    return value


def require_range(
    value: float, what: str, low: float = -math.inf, high: float = math.inf, *,
    low_open: bool = False, high_open: bool = False,
) -> float:
    """``value`` if it is finite and lies in [low, high] (an end is excluded when ``*_open``).

    >>> require_range(0.5, "the momentum", 0, 1, high_open=True)
    0.5
    """
    value = require_finite(value, what)
    below = value <= low if low_open else value < low
    above = value >= high if high_open else value > high
    if below or above:
        left, right = "(" if low_open else "[", ")" if high_open else "]"
        raise ValueError(f"{what} must lie in {left}{low:g}, {high:g}{right}, got {value:g}")
    return value


def require_count(value: int, what: str, low: int = 1, high: int | None = None) -> int:
    """``value`` if it is an integer from ``low`` to ``high``.

    >>> require_count(3, "the depth", 1, 10)
    3
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be an integer, got {value!r}")
    if value < low or (high is not None and value > high):
        span = f"from {low:,} to {high:,}" if high is not None else f"at least {low:,}"
        raise ValueError(f"{what} must be an integer {span}, got {value:,}")
    return value


def check_memory(nbytes: float, what: str) -> None:
    """Refuse a plan that would allocate more than :data:`MEMORY_BUDGET` bytes.

    >>> check_memory(8 * 10**12, "10^12 float64 numbers")
    Traceback (most recent call last):
    ...
    ValueError: 10^12 float64 numbers would need about 7451 GB, more than the 2 GB budget
    """
    if nbytes > MEMORY_BUDGET:
        raise ValueError(
            f"{what} would need about {nbytes / 1024**3:.0f} GB, "
            f"more than the {MEMORY_BUDGET / 1024**3:g} GB budget"
        )


#: Most multiply-adds one computation may plan for: hours of one core at some 10^10 a second.
WORK_BUDGET = 10**14


def check_work(multiply_adds: float, what: str) -> None:
    """Refuse a plan of more than :data:`WORK_BUDGET` multiply-adds.

    >>> check_work(3 * 10**16, "10^9 passes")
    Traceback (most recent call last):
    ...
    ValueError: 10^9 passes would take about 3e+16 multiply-adds, more than the 1e+14 budget
    """
    if multiply_adds > WORK_BUDGET:
        raise ValueError(
            f"{what} would take about {multiply_adds:.0e} multiply-adds, "
            f"more than the {WORK_BUDGET:.0e} budget"
        )
