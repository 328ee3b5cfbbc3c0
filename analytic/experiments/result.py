"""What every experiment returns: a result that carries its recipes, writes and reads its own
JSON, names its figures, and shows itself in a notebook.

A result class sets ``experiment`` (the name of the command that runs it, which its JSON
records) and ``figures`` (file suffix -> the name of the figure that draws it, "" for the
main one), and implements ``to_json`` and ``from_json``: ``from_json(r.to_json())`` is ``r``
again, every number as it was (JSON keeps a float to the last bit), so a committed run can be
read back and redrawn. :func:`read` reads any experiment's JSON by its ``experiment`` field.

Presentation lives above this area (:mod:`analytic.present`), which installs the function
that renders a result as markdown (:data:`MARKDOWN`): a notebook shows a result by it once
the package's presentation has been imported (``import analytic`` does it on first use).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

Array = np.ndarray
#: experiment name -> its result class, for reading JSON back.
RESULTS: dict[str, type[Result]] = {}
#: Renders a result as markdown; installed by :mod:`analytic.present.reports`.
MARKDOWN: list[Callable[[Result], str]] = []


class Result:
    """The protocol every experiment's result follows (see the module docstring)."""

    experiment: ClassVar[str] = ""
    figures: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.experiment:
            RESULTS[cls.experiment] = cls

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        raise NotImplementedError

    def figure_names(self) -> dict[str, str]:
        """The figures that draw this result: file suffix -> figure name."""
        return dict(self.figures)

    def _repr_markdown_(self) -> str | None:
        return MARKDOWN[0](self) if MARKDOWN else None


def read(data: dict[str, Any]) -> Result:
    """The result whose JSON ``data`` is (as ``json.loads`` reads it), by its ``experiment``."""
    if not isinstance(data, dict) or data.get("experiment") not in RESULTS:
        known = ", ".join(sorted(RESULTS))
        raise ValueError(f"not the JSON of an analytic experiment ({known})")
    return RESULTS[data["experiment"]].from_json(data)


def header(result: Result, data: str) -> dict[str, Any]:
    """The keys every result's JSON starts with: the experiment and the data set."""
    return {"experiment": result.experiment, "data": data}


def check_experiment(cls: type[Result], data: dict[str, Any]) -> None:
    """ValueError unless ``data`` is the JSON of ``cls``'s experiment."""
    if not isinstance(data, dict) or data.get("experiment") != cls.experiment:
        raise ValueError(f"not the JSON of analytic experiment {cls.experiment}")


# --- numbers in and out of JSON -------------------------------------------------------------------
def listed(values: Array | None) -> list | None:
    """An array as nested lists (None stays None)."""
    return None if values is None else np.asarray(values).tolist()


def array(values: Sequence | None, dtype: type = float) -> Array | None:
    """Nested lists as an array, JSON's null read back as NaN (None stays None)."""
    if values is None:
        return None
    return np.array(_nan_for_none(values), dtype=dtype)


def _nan_for_none(values: Any) -> Any:
    if isinstance(values, list):
        return [_nan_for_none(v) for v in values]
    return math.nan if values is None else values


# --- a summary over runs --------------------------------------------------------------------------
#: From this many runs on, a band is the 10th to the 90th percentile (interpolated); below it,
#: where those percentiles would be little more than the extreme runs interpolated, the band is
#: the range, min to max, and says so.
PERCENTILE_RUNS = 10
#: The two kinds of band, as results write them (JSON ``band``) and reports name them.
BANDS = ("p10-p90", "min-max")


def band_kind(runs: int) -> str:
    """The band over ``runs`` runs: "p10-p90" from :data:`PERCENTILE_RUNS` runs on, else
    "min-max".

    >>> band_kind(3), band_kind(10)
    ('min-max', 'p10-p90')
    """
    return BANDS[0] if runs >= PERCENTILE_RUNS else BANDS[1]


def band(values: Array, axis: int = 0) -> tuple[Array, Array]:
    """(low, high) over the runs along ``axis``: the 10th and 90th percentiles, or below
    :data:`PERCENTILE_RUNS` runs the minimum and the maximum (:func:`band_kind`).

    >>> [float(v) for v in band(np.array([3.0, 1.0, 2.0]))]
    [1.0, 3.0]
    """
    values = np.asarray(values, dtype=float)
    if band_kind(values.shape[axis]) == "p10-p90":
        return np.percentile(values, 10, axis=axis), np.percentile(values, 90, axis=axis)
    return values.min(axis=axis), values.max(axis=axis)


@dataclass(frozen=True)
class Spread:
    """The median of the runs' values and their band (:func:`band`): ``low`` and ``high`` are
    the 10th and 90th percentiles from :data:`PERCENTILE_RUNS` runs on, the minimum and the
    maximum below; ``runs`` counts the values."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float | None]) -> Spread | None:
        """The spread of the values that exist; None when none does."""
        present = [v for v in values if v is not None]
        if not present:
            return None
        low, high = band(np.array(present))
        return cls(float(np.percentile(present, 50)), float(low), float(high), len(present))

    @property
    def band(self) -> str:
        """"p10-p90" or "min-max" (:func:`band_kind`)."""
        return band_kind(self.runs)

    def to_json(self) -> dict[str, float | int | str]:
        return {"median": self.median, "low": self.low, "high": self.high, "band": self.band,
                "runs": self.runs}
