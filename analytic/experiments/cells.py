"""The gradient through time in gated recurrent cells: vanilla, LSTM and GRU side by side.

The three cells read the same inputs and are read out alike, in the set-up of
:mod:`analytic.experiments.rnn` (its notation, its draws): sample s draws G, U, the inputs x_t
and the read-out v from ``default_rng([seed, s])``, exactly as the vanilla experiment does, and
the cost is C = vᵀh_T for every cell. The cells (:mod:`analytic.core.cells` states their
equations) take from these draws:

- vanilla: h_t = φ(W h_{t−1} + U x_t), W = ρ G/ρ(G);
- LSTM: the candidate g uses G and U (so its path through g is the vanilla network's); the
  gates f, i, o draw G_k ~ N(0, 1/n) and U_k ~ N(0, 1/m) from ``default_rng([seed, s, 1])``, in
  that order;
- GRU: the candidate h̃ uses G and U; the gates z and r take the first two gate draws (z the
  LSTM's f: both keep gates are drawn alike).

Every recurrent block is W_k = ρ G_k/ρ(G_k), of spectral radius ρ exactly. Biases are 0 but
the keep gate's, ``forget_bias`` (f for the LSTM, z for the GRU; Jozefowicz, Zaremba and
Sutskever 2015 recommend 1, Keras's ``unit_forget_bias`` adds it by default).

Measured per sample and step t: ‖∂C/∂h_t‖ (``log10_norms``: ‖vᵀ ∂h_T/∂h_t‖, the norm the vanilla
experiment reports), the keep path's gain ‖δ ⊙ ∏_{k>t} keep_k‖/‖δ‖ (``log10_path``: the LSTM's
carousel, from δ = δc_T; the GRU's direct path, from δ = v) and, for the LSTM, ‖δc_t‖
(``log10_cell``, the total error reaching the memory cell). All as log10.

The linearised rate. With no input the state stays 0, every gate at σ(bias), and the step
back is linear: its per-step factor is the spectral radius of s I + κ W_cand, with s = σ(b_keep)
and κ = σ(0)² = 1/4 (LSTM: i·o) or (1 − s) σ(0) (GRU); the eigenvalues are s + κ ρ μ_k with
μ_k the eigenvalues of G/ρ(G) (``linear_rate``). For the vanilla tanh network it is ρ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import cells as gated
from ..core.activations import Activation, tanh
from ..core.limits import (
    FORGET_BIAS,
    INPUT_STD,
    INPUTS,
    NETWORKS,
    RADIUS,
    STEPS,
    UNITS,
    check_memory,
    require_count,
)
from ..train import Progress, begin, tick
from ..train.recipe import named_activation
from .result import Result, array, check_experiment, listed
from .rnn import DEFAULT_RADII, Samples, accepts, backprop_through_time, draw_samples

Array = np.ndarray
#: The cells, in the order a comparison shows them.
CELLS = ("vanilla", "lstm", "gru")
#: Gate draws per sample: the LSTM's f, i, o (the GRU takes the first two as z, r).
GATE_DRAWS = 3


def sigmoid_of(x: float) -> float:
    """σ(x): the keep gate's value when its input is its bias alone, and so the carousel's
    factor per step at zero input.

    >>> sigmoid_of(0.0), round(sigmoid_of(1.0), 4)
    (0.5, 0.7311)
    """
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class GateDraws:
    """The gates' own draws of every sample: G (S, 3, n, n) with ρ(G) (S, 3), U (S, 3, n, m)."""

    G: Array
    radius_of_g: Array
    U: Array


def draw_gates(units: int, inputs: int, samples: int, seed: int) -> GateDraws:
    """G_k ~ N(0, 1/n) and U_k ~ N(0, 1/m) for k = 1..3, from ``default_rng([seed, s, 1])``."""
    Gs, Us = [], []
    for s in range(samples):
        rng = np.random.default_rng([seed, s, 1])
        pairs = [(rng.standard_normal((units, units)) / math.sqrt(units),
                  rng.standard_normal((units, inputs)) / math.sqrt(inputs))
                 for _ in range(GATE_DRAWS)]
        Gs.append([G for G, _ in pairs]), Us.append([U for _, U in pairs])
    G = np.array(Gs)
    return GateDraws(G, np.abs(np.linalg.eigvals(G)).max(axis=2), np.array(Us))


def gated_cell(kind: str, samples: Samples, gates: GateDraws, rho: float,
               forget_bias: float) -> gated.Cell:
    """The LSTM or GRU of every sample for spectral radius ρ (see the module docstring)."""
    n = samples.G.shape[1]
    candidate = (samples.G * (rho / samples.radius_of_g)[:, None, None], samples.U, np.zeros(n))
    names = gated.BLOCKS[kind][:-1]  # the gates, keep gate first; the candidate is last
    blocks = {gated.BLOCKS[kind][-1]: candidate}
    for j, k in enumerate(names):
        W = gates.G[:, j] * (rho / gates.radius_of_g[:, j])[:, None, None]
        bias = np.full(n, forget_bias if k == gated.KEEP[kind] else 0.0)
        blocks[k] = (W, gates.U[:, j], bias)
    return gated.Cell(kind, blocks)


@dataclass(frozen=True)
class CellRadius:
    """One cell at one spectral radius ρ: per sample and step (S, T), log10 ‖∂C/∂h_t‖, the keep
    path's gain and (LSTM) ‖δc_t‖; per sample, the keep gate's mean over steps and units and the
    linearised rate (None where the cell has none)."""

    rho: float
    log10_norms: Array
    log10_path: Array | None = None
    log10_cell: Array | None = None
    keep_gate: Array | None = None
    linear_rate: Array | None = None

    ARRAYS = ("log10_norms", "log10_path", "log10_cell", "keep_gate", "linear_rate")

    def band(self, percent: float, name: str = "log10_norms") -> Array:
        """The ``percent`` percentile over samples of an (S, T) array, for t = 1..T."""
        return np.percentile(getattr(self, name), percent, axis=0)

    def rates(self, name: str = "log10_norms") -> Array:
        """Each sample's mean factor per step, (‖·‖ at t = 1 / ‖·‖ at T)^{1/(T−1)}."""
        values = getattr(self, name)
        steps = max(values.shape[1] - 1, 1)
        return 10.0 ** ((values[:, 0] - values[:, -1]) / steps)

    def summary(self) -> dict[str, float | None]:
        """What a table shows of this radius: medians and bands over the samples."""
        h1 = self.log10_norms[:, 0]

        def median(values: Array | None) -> float | None:
            return None if values is None else float(np.median(values))

        path = None if self.log10_path is None else self.log10_path[:, 0]
        return {"rho": self.rho, "log10_norm_h1_median": float(np.median(h1)),
                "log10_norm_h1_p10": float(np.percentile(h1, 10)),
                "log10_norm_h1_p90": float(np.percentile(h1, 90)),
                "rate_median": float(np.median(self.rates())),
                "linear_rate_median": median(self.linear_rate),
                "keep_gate_median": median(self.keep_gate),
                "log10_path_h1_median": median(path),
                "path_rate_median": None if path is None else median(self.rates("log10_path")),
                "log10_cell_h1_median": median(None if self.log10_cell is None
                                               else self.log10_cell[:, 0])}


@dataclass(frozen=True)
class CellBlock:
    """One cell ("vanilla", "lstm" or "gru") at every spectral radius."""

    cell: str
    radii: tuple[CellRadius, ...]


@dataclass(frozen=True, eq=False)
class CellGradients(Result):
    """The settings of :mod:`analytic.experiments.rnn`, the keep gate's bias and one
    :class:`CellBlock` per cell; ``activation`` is the vanilla cell's φ."""

    experiment = "rnn-cells"
    figures = {"": "rnn_cells"}

    units: int
    inputs: int
    steps: int
    samples: int
    input_std: float
    seed: int
    activation: Activation
    forget_bias: float
    cells: tuple[CellBlock, ...]

    SETTINGS = ("units", "inputs", "steps", "samples", "input_std", "seed", "forget_bias")

    @property
    def keep_factor(self) -> float:
        """σ(forget_bias): the keep gate at zero input, the carousel's factor per step there."""
        return sigmoid_of(self.forget_bias)

    def block(self, cell: str) -> CellBlock:
        """The block of one cell."""
        return next(b for b in self.cells if b.cell == cell)

    def to_json(self) -> dict[str, Any]:
        cells = [{"cell": b.cell, "radii": [
            {**r.summary(), **{k: listed(getattr(r, k)) for k in CellRadius.ARRAYS}}
            for r in b.radii]} for b in self.cells]
        return {"experiment": self.experiment, **{k: getattr(self, k) for k in self.SETTINGS},
                "activation": self.activation.spec, "keep_factor": self.keep_factor,
                "cells": cells}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CellGradients:
        check_experiment(cls, data)
        cells = tuple(CellBlock(b["cell"], tuple(
            CellRadius(r["rho"], *(array(r[k]) for k in CellRadius.ARRAYS)) for r in b["radii"]))
            for b in data["cells"])
        return cls(**{k: data[k] for k in cls.SETTINGS},
                   activation=named_activation(data["activation"]), cells=cells)


# --- one cell at one radius ----------------------------------------------------------------------
def vanilla_radius(samples: Samples, rho: float, phi: Activation) -> CellRadius:
    """The vanilla network's norms (the BPTT of :mod:`analytic.experiments.rnn`)."""
    W = samples.G * (rho / samples.radius_of_g)[:, None, None]
    norms = backprop_through_time(W, samples.U, samples.xs, samples.v, phi).log10_norms
    linear = None
    if phi.f(np.zeros(1))[0] == 0:  # h = 0 is a fixed point: the step back is φ′(0) W
        linear = np.full(len(W), rho * float(phi.prime(np.zeros(1))[0]))
    return CellRadius(rho, norms, linear_rate=linear)


def gated_radius(kind: str, samples: Samples, gates: GateDraws, rho: float,
                 forget_bias: float) -> CellRadius:
    """BPTT through the LSTM or GRU of every sample, C = vᵀh_T."""
    cell = gated_cell(kind, samples, gates, rho, forget_bias)
    p = gated.forward(cell, samples.xs)
    back = gated.backward(cell, p, samples.v)
    if kind == "lstm":  # the carousel starts from δc_T = v ⊙ o_T ⊙ tanh′(c_T)
        start = samples.v * p.gates["o"][:, -1] * (1.0 - np.tanh(p.cs[:, -1]) ** 2)
    else:
        start = samples.v
    keep = p.gates[gated.KEEP[kind]].mean(axis=(1, 2))
    return CellRadius(rho, back.log10_h, gated.keep_path(p, start), back.log10_c, keep,
                      linear_rates(kind, samples, rho, forget_bias))


def linear_rates(kind: str, samples: Samples, rho: float, forget_bias: float) -> Array:
    """Per sample, the spectral radius of the step back at zero state: max_k |s + κ ρ μ_k|."""
    s = sigmoid_of(forget_bias)
    kappa = 0.25 if kind == "lstm" else (1.0 - s) * 0.5
    mu = np.linalg.eigvals(samples.G) / samples.radius_of_g[:, None]
    return np.abs(s + kappa * rho * mu).max(axis=1)


# --- every cell at every radius ------------------------------------------------------------------
def cell_gradients(
    cells: Sequence[str] = CELLS,
    radii: Sequence[float] = DEFAULT_RADII,
    units: int = 32,
    inputs: int = 32,
    steps: int = 100,
    samples: int = 100,
    input_std: float = 0.1,
    forget_bias: float = 0.0,
    activation: Activation = tanh(),
    seed: int = 0,
    progress: Progress = None,
) -> CellGradients:
    """‖∂C/∂h_t‖ for t = T..1 in every cell, for each spectral radius, on the same draws.

    The defaults are the vanilla experiment's. ``progress(1)`` is called after each cell at
    each radius.
    """
    cells = _checked_cells(cells)
    _check(radii, units, inputs, steps, samples, input_std, forget_bias, activation, cells)
    begin(progress, len(cells) * len(radii), "cells × spectral radii")
    drawn = draw_samples(units, inputs, steps, samples, input_std, seed)
    gates = draw_gates(units, inputs, samples, seed) if set(cells) - {"vanilla"} else None
    blocks = []
    for kind in cells:
        rows = []
        for rho in radii:
            rows.append(vanilla_radius(drawn, float(rho), activation) if kind == "vanilla"
                        else gated_radius(kind, drawn, gates, float(rho), forget_bias))
            tick(progress)
        blocks.append(CellBlock(kind, tuple(rows)))
    return CellGradients(units, inputs, steps, samples, input_std, seed, activation,
                         float(forget_bias), tuple(blocks))


def _checked_cells(cells: Sequence[str]) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(c.strip().lower() for c in cells))
    unknown = [c for c in names if c not in CELLS]
    if unknown or not names:
        raise ValueError(f"unknown cell {unknown[0] if unknown else ''!r}; choose from: "
                         f"{', '.join(CELLS)}")
    return names


def memory_bytes(cells: Sequence[str], radii: int, units: int, inputs: int, steps: int,
                 samples: int) -> int:
    """An upper estimate of the peak memory of :func:`cell_gradients`.

    The draws (xs, G, U and the three gate pairs), the kept per-step arrays of every cell and
    radius (three (S, T) arrays each), and the largest single pass: the vanilla BPTT's zs, hs,
    input drive and gradient sums, or a gated forward's gates, states and log keep gate (seven
    (S, T + 1, n) arrays, the LSTM's) with the keep path's temporaries (seven more) and the
    eigenvalues' copies of the matrices.
    """
    S, T, n, m = samples, steps, units, inputs
    draws = S * (T * m + 5 * n * (n + m) + 4 * n)
    kept = 3 * S * T * radii * len(cells)
    vanilla = S * (T * (4 * n + m) + 10 * n * (n + m))
    gated_pass = S * (14 * (T + 1) * n + 12 * n * n + 40 * n)
    return 8 * (draws + kept + max(vanilla, gated_pass))


def _check(radii: Sequence[float], units: int, inputs: int, steps: int, samples: int,
           input_std: float, forget_bias: float, activation: Activation,
           cells: Sequence[str]) -> None:
    if not isinstance(activation, Activation) or not accepts(activation):
        raise ValueError("the vanilla cell's activation must be bounded (sigmoid or tanh)")
    require_count(len(radii), "the number of spectral radii", 1, 100)
    for rho in radii:
        RADIUS.check(rho)
    UNITS.check(units), INPUTS.check(inputs), STEPS.check(steps), NETWORKS.check(samples)
    INPUT_STD.check(input_std), FORGET_BIAS.check(forget_bias)
    check_memory(memory_bytes(cells, len(radii), units, inputs, steps, samples),
                 "the recurrent states and norms of every cell and sample")
