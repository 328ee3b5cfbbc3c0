"""Depth scales as a result the command line writes: one point (activation, σ_w², σ_b²), ξ_c and
ξ_q along σ_w², and the order–chaos line, with their JSON (a depth scale that diverges is
null there, with the reason)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from ..core.activations import Activation
from ..theory.depth_scales import (
    DepthScaleCurve,
    DepthScales,
    critical_sigma_w2,
    depth_scale_curve,
    depth_scales,
)
from ..train import Progress, begin, tick
from .result import Result, array, check_experiment, listed

Array = np.ndarray
#: The σ_b² at which the order–chaos line is computed.
LINE_SIGMA_B2 = (0.0, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
#: Quantities a point holds that may be None or infinite.
_OPTIONAL = ("q_star", "c_star", "chi_c", "chi_q", "xi_q", "xi_c")


def scales_json(d: DepthScales) -> dict[str, Any]:
    """One point as JSON: an infinite or missing quantity is null, its reason beside it."""
    data = {f.name: getattr(d, f.name) for f in fields(d)}
    for name in _OPTIONAL:
        value = data[name]
        data[name] = None if value is None or not math.isfinite(value) else value
    data["phase"] = d.phase
    data["trainable_depth"] = None if data["xi_c"] is None else 6 * data["xi_c"]
    return data


def scales_from_json(data: dict[str, Any]) -> DepthScales:
    """The point :func:`scales_json` wrote (a null with a "diverges" reason read as inf)."""
    values = {f.name: data[f.name] for f in fields(DepthScales)}
    for name in _OPTIONAL:
        if values[name] is None and values["reasons"].get(name, "").startswith("diverges"):
            values[name] = math.inf
    return DepthScales(**values)


def curve_json(c: DepthScaleCurve) -> dict[str, Any]:
    return {"activation": c.activation, "sigma_b2": c.sigma_b2,
            "critical_sigma_w2": c.critical if math.isfinite(c.critical) else None,
            "points": [scales_json(p) for p in c.points]}


def curve_from_json(data: dict[str, Any]) -> DepthScaleCurve:
    critical = math.nan if data["critical_sigma_w2"] is None else data["critical_sigma_w2"]
    return DepthScaleCurve(data["activation"], data["sigma_b2"], critical,
                           tuple(scales_from_json(p) for p in data["points"]))


@dataclass(frozen=True, eq=False)
class DepthScaleRun(Result):
    """One point's depth scales, the curve of ξ_c and ξ_q along σ_w² at its σ_b², and the
    order–chaos line: ``line_sigma_w2[i]`` is the critical σ_w² at ``line_sigma_b2[i]`` (NaN
    where there is none)."""

    experiment = "depth-scale"
    figures = {"": "depth_scale"}

    point: DepthScales
    curve: DepthScaleCurve
    line_sigma_b2: Array
    line_sigma_w2: Array

    def to_json(self) -> dict[str, Any]:
        line = [None if math.isnan(x) else float(x) for x in self.line_sigma_w2]
        return {"experiment": self.experiment, **scales_json(self.point),
                "critical_sigma_w2": curve_json(self.curve)["critical_sigma_w2"],
                "curve": curve_json(self.curve),
                "line": {"sigma_b2": listed(self.line_sigma_b2), "sigma_w2": line}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DepthScaleRun:
        check_experiment(cls, data)
        return cls(scales_from_json(data), curve_from_json(data["curve"]),
                   array(data["line"]["sigma_b2"]), array(data["line"]["sigma_w2"]))


def depth_scale_run(activation: Activation, sigma_w2: float, sigma_b2: float,
                    points: int = 31, progress: Progress = None) -> DepthScaleRun:
    """The depth scales at (σ_w², σ_b²), along ``points`` σ_w² from 0.5 to 4 (and the point's
    own), and the order–chaos line at :data:`LINE_SIGMA_B2` and the point's σ_b²."""
    point = depth_scales(activation, sigma_w2, sigma_b2)
    begin(progress, 2, "curves")
    grid = np.union1d(np.linspace(0.5, max(4.0, sigma_w2), points), [sigma_w2])
    (critical,) = critical_sigma_w2(activation, [sigma_b2])
    if np.isfinite(critical):  # ξ_c diverges there: points close to it on both sides
        grid = np.union1d(grid, critical * (1 + np.array([-0.05, -0.02, -0.005, 0.005, 0.02,
                                                         0.05])))
    curve = depth_scale_curve(activation, sigma_b2, grid)
    tick(progress)
    line_b2 = np.union1d(LINE_SIGMA_B2, [sigma_b2])
    line_w2 = critical_sigma_w2(activation, line_b2)
    tick(progress)
    return DepthScaleRun(point, curve, line_b2, line_w2)
