"""Checks of the LSTM's carousel derivation (:mod:`.carousel`), run apart from it.

They take the shape of :mod:`.verify` (a :class:`~.verify.Verification` of
:class:`~.verify.Check` objects):

1. **Carousel factor = f_t, exactly**: SymPy's ∂c_t/∂c_{t−1} of the generic step, h_{t−1} held,
   is σ(w_f h_{t−1} + u_f x_t + b_f), instantiated at every step.
2. **Step Jacobian = the LSTM's equations, exactly**: SymPy's ∂(c_t, h_t)/∂(c_{t−1}, h_{t−1})
   equals the entries written by hand from the equations (:func:`.carousel.textbook_jacobian`).
3. **The carousel is the full derivative with the gates cut from h, exactly**: at
   w_i = w_f = w_g = w_o = 0 the Jacobian's entry ∂c_t/∂h_{t−1} is 0 and ∂c_t/∂c_{t−1} is f_t,
   so the product's (c, c) entry is ∏ f_t at every depth.
4. **Full = fully nested sympy.diff** (T ≤ 3, the cost of the exact zero test grows some
   thousandfold a step beyond): one ``diff`` of c_T written out in c_1 equals the Jacobian
   product evaluated at the nested states.
5. **Numeric, BPTT**: both values at random nets against backpropagation through time
   (:mod:`analytic.core.cells`, C = c_T, one unit).
6. **Numeric, finite differences**: the full value against mpmath central differences of c_T in
   c_1 (h_1 = o_1 tanh c_1 following it), the carousel against the same with every gate held at
   its value (the recurrence c_t = f_t c_{t−1} + i_t g_t alone); at every random net up to
   T = 50, at the first beyond.

The numeric errors are |a − b| / max(|a|, |b|, carousel): the full derivative sums paths of
either sign and can be far smaller than its parts, whose size the carousel gives.
"""

from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from ..core import cells
from . import references
from .carousel import (
    BLOCKS,
    C_PREV,
    H_PREV,
    CarouselDerivation,
    LstmParams,
    W,
    X,
    drive,
    nested_cell,
    random_lstm,
    sigmoid,
    textbook_jacobian,
)
from .verify import NUMERIC_TRIALS, Check, NotRun, Verification
from .zero_test import is_zero

#: Deepest unrolling whose nested differentiation is compared (T = 4 takes minutes).
NESTED_MAX_STEPS = 3
#: Beyond this many steps the finite differences (mpmath, at rising precision) are taken at
#: the first random net only; backpropagation through time at every one.
FD_ALL_STEPS = 50


def verify_carousel(d: CarouselDerivation, *, seed: int = 0,
                    trials: int = NUMERIC_TRIALS) -> Verification:
    """Every check of the module docstring; the nested one only up to T = 3.

    >>> from analytic.chain.carousel import derive_carousel
    >>> v = verify_carousel(derive_carousel(3))
    >>> v.verified, len(v.checks)
    (True, 6)
    """
    checks = [factor_check(d), jacobian_check(d), cut_check(d)]
    skipped = []
    if d.steps <= NESTED_MAX_STEPS:
        checks.append(nested_check(d))
    else:
        skipped.append(NotRun("nested_full", "depth", {"max_depth": NESTED_MAX_STEPS},
                              f"fully nested sympy.diff: not run (depth > {NESTED_MAX_STEPS})"))
    rng = np.random.default_rng(seed)
    nets = [random_lstm(d.steps, rng) for _ in range(trials)]
    fd_nets = nets if d.steps <= FD_ALL_STEPS else nets[:1]
    checks += [numeric_check(d, nets, "bptt"), numeric_check(d, fd_nets, "fd")]
    return Verification(tuple(checks), tuple(skipped))


# --- symbolic ------------------------------------------------------------------------------------
def factor_check(d: CarouselDerivation) -> Check:
    """SymPy's carousel factor is the forget gate f_t, at each of the T − 1 steps."""
    ok = is_zero(d.factor - sigmoid(drive("f")))
    return Check("symbolic: carousel factor ∂c_t/∂c_(t−1) = f_t (SymPy diff)", ok,
                 f"exact at each of the {d.steps - 1} steps", "carousel_factor",
                 {"factors": d.steps - 1})


def jacobian_check(d: CarouselDerivation) -> Check:
    """SymPy's step Jacobian equals the entries written from the LSTM's equations."""
    expected = textbook_jacobian()
    ok = all(is_zero(d.jacobian[i, j] - expected[i, j]) for i in range(2) for j in range(2))
    return Check("symbolic: step Jacobian = the LSTM's equations", ok,
                 "all 4 entries of ∂(c_t, h_t)/∂(c_(t−1), h_(t−1)) match exactly",
                 "carousel_jacobian", {})


def cut_check(d: CarouselDerivation) -> Check:
    """With every recurrent weight 0 the Jacobian is lower triangular with f_t first."""
    zero = {w: 0 for w in W.values()}
    cut = d.jacobian.xreplace(zero)
    ok = cut[0, 1] == 0 and is_zero(cut[0, 0] - sigmoid(drive("f")).xreplace(zero))
    return Check("symbolic: carousel = full derivative with the gates cut from h", ok,
                 "at w_i = w_f = w_g = w_o = 0, ∂c_t/∂h_(t−1) = 0 and the product is ∏ f_t, "
                 "at every depth", "carousel_cut", {})


def nested_check(d: CarouselDerivation) -> Check:
    """One diff of the nested c_T in c_1 = the Jacobian product at the nested states."""
    c1, c_T, states = nested_cell(d.steps)
    xs = sp.symbols(f"x_1:{d.steps + 1}", real=True)
    vector = d.tangent
    for t in range(2, d.steps + 1):
        c_prev, h_prev = states[t - 2]
        vector = d.jacobian.xreplace({C_PREV: c_prev, H_PREV: h_prev, X: xs[t - 1]}) * vector
    ok = is_zero(sp.diff(c_T, c1) - vector[0])
    return Check("symbolic: full derivative = fully nested sympy.diff", ok,
                 f"difference simplifies to 0 (checked for depth <= {NESTED_MAX_STEPS})",
                 "nested_full", {"max_depth": NESTED_MAX_STEPS})


# --- numeric -------------------------------------------------------------------------------------
def bptt_values(d: CarouselDerivation, p: LstmParams) -> tuple[float, float]:
    """(carousel, full) by backpropagation through time with C = c_T: δc_1 is the full
    derivative, the keep path from δc_T = 1 the carousel."""
    blocks = {k: (np.full((1, 1, 1), p.w[k]), np.full((1, 1, 1), p.u[k]), np.full(1, p.b[k]))
              for k in BLOCKS}
    cell = cells.Cell("lstm", blocks)
    run = cells.forward(cell, np.reshape(p.xs, (1, -1, 1)), np.full((1, 1), p.h0),
                        np.full((1, 1), p.c0))
    back = cells.backward(cell, run, np.zeros((1, 1)), np.ones((1, 1)))
    carousel = 10.0 ** cells.keep_path(run, np.ones((1, 1)))[0, 0]
    return float(carousel), float(10.0 ** back.log10_scale[0] * back.c_first[0, 0])


def _mp_step(p: LstmParams, c: object, h: object, x: float, held: dict | None = None
             ) -> tuple[object, object, dict]:
    # one LSTM step in mpmath; ``held`` gates (f, i, g) replace the ones h would give
    gate = {k: mpmath.mpf(p.w[k]) * h + mpmath.mpf(p.u[k]) * mpmath.mpf(float(x))
            + mpmath.mpf(p.b[k]) for k in BLOCKS}
    values = {"f": 1 / (1 + mpmath.exp(-gate["f"])), "i": 1 / (1 + mpmath.exp(-gate["i"])),
              "g": mpmath.tanh(gate["g"]), "o": 1 / (1 + mpmath.exp(-gate["o"]))}
    if held is not None:
        values.update(held)
    c = values["f"] * c + values["i"] * values["g"]
    return c, values["o"] * mpmath.tanh(c), values


def finite_difference_values(p: LstmParams) -> tuple[float, float]:
    """(carousel, full) by mpmath central differences of c_T in c_1 (see the docstring)."""
    def run(s: object, frozen: bool) -> object:
        # step 1, then c_1 moved by s with h_1 = o_1 tanh(c_1) following it; steps 2..T with
        # the gates h gives them, or (frozen) those of the unmoved run
        c, h, gates = _mp_step(p, mpmath.mpf(p.c0), mpmath.mpf(p.h0), p.xs[0])
        moved = (c + s, gates["o"] * mpmath.tanh(c + s))
        for x in p.xs[1:]:
            c, h, gates = _mp_step(p, c, h, x)
            held = {k: gates[k] for k in "fig"} if frozen else None
            moved = _mp_step(p, *moved, x, held)[:2]
        return moved[0]

    return (references.central_difference(lambda s: run(s, True)),
            references.central_difference(lambda s: run(s, False)))


def error(a: float, b: float, carousel: float) -> float:
    """|a − b| relative to the larger of |a|, |b| and the carousel (module docstring)."""
    if not (np.isfinite(a) and np.isfinite(b)):
        return float("inf")
    scale = max(abs(a), abs(b), abs(carousel))
    return 0.0 if scale == 0 else abs(a - b) / scale


def numeric_check(d: CarouselDerivation, nets: list[LstmParams], against: str) -> Check:
    """Both values of the derivation at each net against BPTT or finite differences; the
    facts hold the worst error and the derivation's two values at the first net."""
    reference = bptt_values if against == "bptt" else (
        lambda _, p: finite_difference_values(p))
    worst, first = 0.0, None
    for p in nets:
        carousel, full = d.evaluate(p)
        ref_carousel, ref_full = reference(d, p)
        worst = max(worst, error(carousel, ref_carousel, carousel),
                    error(full, ref_full, carousel))
        first = first or {"carousel": carousel, "full": full}
    name = {"bptt": "backpropagation through time (NumPy)",
            "fd": "mpmath finite differences"}[against]
    return Check(f"numeric: carousel and full = {name}", worst <= references.RTOL,
                 f"max relative error {worst:.1e} over {len(nets)} random LSTMs "
                 f"(tolerance {references.RTOL:g})", f"carousel_{against}",
                 {"error": worst, "trials": len(nets), "tolerance": references.RTOL, **first})
