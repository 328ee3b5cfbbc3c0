"""Gated recurrent cells, the LSTM and the GRU, and backpropagation through time, in NumPy.

Notation, stated once. A cell of n units reads inputs x_1..x_T (m features each); every block
k has a recurrent matrix W_k (n × n), an input matrix U_k (n × m) and a bias b_k, and
a_k,t = W_k h_{t−1} + U_k x_t + b_k. σ is the logistic sigmoid, ⊙ the product by entries.

The LSTM (Hochreiter and Schmidhuber 1997, with the forget gate of Gers, Schmidhuber and
Cummins 2000; no peephole connections, as in most libraries):

    i_t = σ(a_i,t),  f_t = σ(a_f,t),  o_t = σ(a_o,t),  g_t = tanh(a_g,t),
    c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t,    h_t = o_t ⊙ tanh(c_t).

The GRU of Cho et al. (2014, eqs. 5–8; their W is our U and their U our W), with the reset
gate applied to the state before the recurrent product (cuDNN and PyTorch apply it after:
r ⊙ (W h + b), a different cell):

    r_t = σ(a_r,t),  z_t = σ(a_z,t),  h̃_t = tanh(W_h (r_t ⊙ h_{t−1}) + U_h x_t + b_h),
    h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t.

The *keep gate* is the gate that multiplies the old state: f for the LSTM, z for the GRU
(its update gate, in Cho et al.'s convention z keeps the past).

Backpropagation through time. The state step t passes on is h_t for the GRU and (h_t, c_t) for
the LSTM; ∂C/∂h_t and ∂C/∂c_t are partial derivatives in it, the other held (the next step
takes h_t and c_t as two inputs). Within step t, h_t = o_t ⊙ tanh(c_t) follows c_t, so the
error that reaches the memory cell, δc_t = ∂C/∂c_t + ∂C/∂h_t ⊙ o_t ⊙ tanh′(c_t), is the
total derivative in c_t with h_t following it. One LSTM step back:

    δa_o = ∂C/∂h_t ⊙ tanh(c_t) ⊙ σ′,  δa_f = δc_t ⊙ c_{t−1} ⊙ σ′,  δa_i = δc_t ⊙ g_t ⊙ σ′,
    δa_g = δc_t ⊙ i_t ⊙ tanh′,  ∂C/∂h_{t−1} = Σ_k W_kᵀ δa_k,  ∂C/∂c_{t−1} = f_t ⊙ δc_t.

The last term is the *constant error carousel*: along c alone the error is multiplied by f_t
at every step, an entrywise product with no matrix in it, so the carousel's gain from step T
back to step t is ∏_{k=t+1}^{T} f_k. The GRU's direct path is its analogue: ∂h_t/∂h_{t−1}
holds the term diag(z_t). One GRU step back, with e = W_hᵀ (δh̃ ⊙ tanh′) the error reaching
r_t ⊙ h_{t−1}:

    ∂C/∂h_{t−1} = z_t ⊙ ∂C/∂h_t + r_t ⊙ e + W_zᵀ (∂C/∂h_t ⊙ (h_{t−1} − h̃_t) ⊙ σ′)
                  + W_rᵀ (e ⊙ h_{t−1} ⊙ σ′),   δh̃ = (1 − z_t) ⊙ ∂C/∂h_t.

Every array is batched over S samples (axis 0). The backward passes carry the error as a unit
vector and the log10 of its norm, as :mod:`analytic.experiments.rnn` does, so that norms of
10^±1000 neither overflow nor underflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .safe_forms import sigmoid

Array = np.ndarray
#: The blocks of each cell, the keep gate first.
BLOCKS = {"lstm": ("f", "i", "o", "g"), "gru": ("z", "r", "h")}
KEEP = {"lstm": "f", "gru": "z"}
_TINY = np.finfo(float).tiny


@dataclass(frozen=True)
class Cell:
    """A gated cell's parameters for S samples: block k -> (W_k (S, n, n), U_k (S, n, m),
    b_k (n,) or (S, n)); ``kind`` is "lstm" or "gru"."""

    kind: str
    blocks: Mapping[str, tuple[Array, Array, Array]]

    def __post_init__(self) -> None:
        if self.kind not in BLOCKS:
            raise ValueError(f"unknown cell {self.kind!r}; choose from: {', '.join(BLOCKS)}")
        if set(self.blocks) != set(BLOCKS[self.kind]):
            raise ValueError(f"an {self.kind} has the blocks {', '.join(BLOCKS[self.kind])}")

    def drive(self, k: str, h: Array, x: Array) -> Array:
        """a_k = W_k h + U_k x + b_k for a batch of states h (S, n) and inputs x (S, m)."""
        W, U, b = self.blocks[k]
        return (W @ h[..., None])[..., 0] + (U @ x[..., None])[..., 0] + b


@dataclass(frozen=True)
class Forward:
    """One pass over T steps: ``gates[k]`` (S, T, n) for each gate (g and h̃ included),
    ``hs`` and, for the LSTM, ``cs`` (S, T + 1, n) with the given initial states first, and the
    natural log of the keep gate at every step, ``log_keep`` (S, T, n), exact where σ is tiny."""

    kind: str
    gates: Mapping[str, Array]
    hs: Array
    cs: Array | None
    log_keep: Array


def _log_sigmoid(a: Array) -> Array:
    # log σ(a) = −log(1 + e^(−a)), without overflow in either tail
    return -np.logaddexp(0.0, -a)


def forward(cell: Cell, xs: Array, h0: Array | None = None, c0: Array | None = None) -> Forward:
    """Run the cell over the inputs xs (S, T, m) from h_0 and c_0 (zero unless given)."""
    S, T, _ = xs.shape
    n = cell.blocks[KEEP[cell.kind]][0].shape[-1]
    hs = np.zeros((S, T + 1, n))
    hs[:, 0] = 0.0 if h0 is None else h0
    gates = {k: np.empty((S, T, n)) for k in BLOCKS[cell.kind]}
    log_keep = np.empty((S, T, n))
    cs = None
    if cell.kind == "lstm":
        cs = np.zeros((S, T + 1, n))
        cs[:, 0] = 0.0 if c0 is None else c0
    for t in range(1, T + 1):
        h, x = hs[:, t - 1], xs[:, t - 1]
        step = _lstm_step if cell.kind == "lstm" else _gru_step
        keep_drive = step(cell, t, h, x, gates, hs, cs)
        log_keep[:, t - 1] = _log_sigmoid(keep_drive)
    return Forward(cell.kind, gates, hs, cs, log_keep)


def _lstm_step(cell: Cell, t: int, h: Array, x: Array, gates: dict, hs: Array,
               cs: Array) -> Array:
    a_f = cell.drive("f", h, x)
    f, i, o = sigmoid(a_f), sigmoid(cell.drive("i", h, x)), sigmoid(cell.drive("o", h, x))
    g = np.tanh(cell.drive("g", h, x))
    cs[:, t] = f * cs[:, t - 1] + i * g
    hs[:, t] = o * np.tanh(cs[:, t])
    for k, value in zip("fiog", (f, i, o, g)):
        gates[k][:, t - 1] = value
    return a_f


def _gru_step(cell: Cell, t: int, h: Array, x: Array, gates: dict, hs: Array,
              cs: None) -> Array:
    a_z = cell.drive("z", h, x)
    z, r = sigmoid(a_z), sigmoid(cell.drive("r", h, x))
    candidate = np.tanh(cell.drive("h", r * h, x))
    hs[:, t] = z * h + (1.0 - z) * candidate
    gates["z"][:, t - 1], gates["r"][:, t - 1], gates["h"][:, t - 1] = z, r, candidate
    return a_z


# --- backward through time -----------------------------------------------------------------------
def _back_lstm(cell: Cell, p: Forward, t: int, gh: Array, gc: Array
               ) -> tuple[Array, Array, Array]:
    # (∂C/∂h_{t−1}, ∂C/∂c_{t−1}, δc_t) from (∂C/∂h_t, ∂C/∂c_t): the step back of the docstring
    f, i, o, g = (p.gates[k][:, t - 1] for k in "fiog")
    tanh_c = np.tanh(p.cs[:, t])
    dc = gc + gh * o * (1.0 - tanh_c**2)
    deltas = {"o": gh * tanh_c * o * (1.0 - o), "f": dc * p.cs[:, t - 1] * f * (1.0 - f),
              "i": dc * g * i * (1.0 - i), "g": dc * i * (1.0 - g**2)}
    gh_prev = sum(_transposed(cell, k, d) for k, d in deltas.items())
    return gh_prev, f * dc, dc


def _back_gru(cell: Cell, p: Forward, t: int, gh: Array) -> Array:
    # ∂C/∂h_{t−1} from ∂C/∂h_t
    z, r, candidate = (p.gates[k][:, t - 1] for k in "zrh")
    h_prev = p.hs[:, t - 1]
    e = _transposed(cell, "h", gh * (1.0 - z) * (1.0 - candidate**2))
    through_z = _transposed(cell, "z", gh * (h_prev - candidate) * z * (1.0 - z))
    through_r = _transposed(cell, "r", e * h_prev * r * (1.0 - r))
    return z * gh + r * e + through_z + through_r


def _transposed(cell: Cell, k: str, delta: Array) -> Array:
    # W_kᵀ δ for a batch
    return (np.swapaxes(cell.blocks[k][0], 1, 2) @ delta[..., None])[..., 0]


@dataclass(frozen=True)
class Backward:
    """log10 ‖∂C/∂h_t‖ (S, T), column t−1 for step t, and for the LSTM log10 ‖δc_t‖; at t = 1
    the errors themselves, 10^``log10_scale`` times ``h_first`` and ``c_first`` (S, n), so a
    one-unit cell gives its signed derivatives (``c_first``: δc_1)."""

    log10_h: Array
    log10_c: Array | None
    log10_scale: Array
    h_first: Array
    c_first: Array | None


def backward(cell: Cell, p: Forward, dC_dh: Array, dC_dc: Array | None = None) -> Backward:
    """Backpropagation through time from ∂C/∂h_T (S, n) and, for the LSTM, ∂C/∂c_T with h_T
    held (zero unless given: C = vᵀh_T reaches c_T only through h_T)."""
    S, T, n = p.log_keep.shape
    lstm = cell.kind == "lstm"
    gh = np.asarray(dC_dh, dtype=float)
    gc = np.zeros((S, n)) if dC_dc is None else np.asarray(dC_dc, dtype=float)
    scale = np.zeros(S)
    gh, gc, scale = _renormalised(gh, gc if lstm else None, scale)
    log10_h, log10_c = np.empty((S, T)), np.empty((S, T)) if lstm else None
    dc = None
    for t in range(T, 0, -1):
        log10_h[:, t - 1] = scale + _log10_norm(gh)
        if lstm:
            gh_prev, gc_prev, dc = _back_lstm(cell, p, t, gh, gc)
            log10_c[:, t - 1] = scale + _log10_norm(dc)
            if t > 1:
                gh, gc, scale = _renormalised(gh_prev, gc_prev, scale)
        elif t > 1:
            gh, _, scale = _renormalised(_back_gru(cell, p, t, gh), None, scale)
    return Backward(log10_h, log10_c, scale, gh, dc)


def _log10_norm(g: Array) -> Array:
    return np.log10(np.maximum(np.linalg.norm(g, axis=1), _TINY))


def _renormalised(gh: Array, gc: Array | None, scale: Array
                  ) -> tuple[Array, Array | None, Array]:
    # the errors divided by their joint norm, whose log10 joins the scale; a norm that
    # underflowed to 0 is carried as 10^-308 per step, never log(0)
    squares = np.sum(gh**2, axis=1) + (0.0 if gc is None else np.sum(gc**2, axis=1))
    size = np.maximum(np.sqrt(squares), _TINY)
    gc = None if gc is None else gc / size[:, None]
    return gh / size[:, None], gc, scale + np.log10(size)


# --- the keep gate's path ------------------------------------------------------------------------
def keep_path(p: Forward, start: Array) -> Array:
    """log10 of the keep path's gain from step T back to step t, for t = 1..T (S, T):
    ‖start ⊙ ∏_{k=t+1}^{T} keep_k‖ / ‖start‖, the error ``start`` at step T carried back by
    the keep gate alone (the LSTM's carousel with start = δc_T; the GRU's direct path)."""
    suffix = np.flip(np.cumsum(np.flip(p.log_keep, axis=1), axis=1), axis=1)
    later = np.concatenate([suffix[:, 1:], np.zeros_like(suffix[:, :1])], axis=1)  # k > t
    with np.errstate(divide="ignore"):
        log_start = np.log(np.abs(start))[:, None, :]
    log_norm = 0.5 * _logsumexp(2.0 * (later + log_start), axis=2)
    return (log_norm - 0.5 * _logsumexp(2.0 * log_start[:, 0], axis=1)[:, None]) / np.log(10)


def _logsumexp(a: Array, axis: int) -> Array:
    # log Σ e^a along an axis, every entry −inf allowed (it gives −inf)
    top = np.max(a, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.squeeze(top, axis) + np.log(np.sum(np.exp(a - top), axis=axis))
