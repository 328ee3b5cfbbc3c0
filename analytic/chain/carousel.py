"""SymPy derivation of ∂c_T/∂c_1 for a one-unit LSTM unrolled in time: the constant error
carousel, and the full derivative.

Notation, stated once (the LSTM of :mod:`analytic.core.cells` with one unit; no peepholes;
the weights w_k, u_k and biases b_k tied across steps, k = i, f, g, o):

    a_k,t = w_k h_{t−1} + u_k x_t + b_k,  i_t, f_t, o_t = σ(a_·,t),  g_t = tanh(a_g,t),
    c_t = f_t c_{t−1} + i_t g_t,   h_t = o_t tanh(c_t),   t = 1..T.

Which derivative. c_1 is the memory cell after step 1; moving it moves h_1 = o_1 tanh(c_1) too
(o_1 depends on h_0 and x_1 only), and every later step takes (c_{t−1}, h_{t−1}) to (c_t, h_t).

- **Along the carousel** (the path the output shows first): each step differentiated in
  c_{t−1} with h_{t−1} held, that is, the gates held. One ``sympy.diff`` of the generic step
  gives ∂c_t/∂c_{t−1}|_h = f_t, so

      ∂c_T/∂c_1 |carousel = f_2 · f_3 · … · f_T,

  a product of numbers in (0, 1) with no weight in it: it vanishes like ∏ f_t, never explodes,
  and stays near 1 only while the forget gates stay open (Hochreiter and Schmidhuber's constant
  error carousel, with the forget gate of Gers et al. 2000 in place of their constant 1).
- **In full**: with J_t = ∂(c_t, h_t)/∂(c_{t−1}, h_{t−1}), one ``sympy.Matrix.jacobian`` of the
  generic step, and the tangent ∂(c_1, h_1)/∂c_1 = (1, o_1 tanh′(c_1)),

      ∂c_T/∂c_1 = (1, 0) · J_T · … · J_2 · (1, o_1 tanh′(c_1))ᵀ.

  Multiplied out, this is a sum of 2^(T−1) products, one per sequence of states (c or h) the
  path visits at steps 1..T−1; the carousel is the one that stays on c. The others go through
  h_{t−1} and the gates (∂c_t/∂h_{t−1} = w_f σ′(a_f) c_{t−1} + w_i σ′(a_i) g_t +
  w_g i_t tanh′(a_g)) and vanish when the recurrent weights w_k are 0.

The derivation returns the result; :mod:`analytic.chain.carousel_checks` checks it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .derive import subscript

#: Longest unrolling :func:`derive_carousel` accepts: ∏ f_t of random gates stays in float64.
MAX_STEPS = 200
#: The blocks of the LSTM, in the order of its equations.
BLOCKS = ("i", "f", "g", "o")


def sigmoid(a: sp.Expr) -> sp.Expr:
    """σ(a) = 1/(1 + e^(−a)) as a SymPy expression."""
    return 1 / (1 + sp.exp(-a))


# --- the generic step ----------------------------------------------------------------------------
W = {k: sp.Symbol(f"w_{k}", real=True) for k in BLOCKS}
U = {k: sp.Symbol(f"u_{k}", real=True) for k in BLOCKS}
B = {k: sp.Symbol(f"b_{k}", real=True) for k in BLOCKS}
#: The generic step's inputs: h_{t−1}, c_{t−1}, x_t.
H_PREV, C_PREV, X = sp.symbols("h_prev c_prev x_t", real=True)


def drive(k: str, h: sp.Expr = H_PREV, x: sp.Expr = X) -> sp.Expr:
    """a_k = w_k h + u_k x + b_k."""
    return W[k] * h + U[k] * x + B[k]


@functools.cache
def generic_step() -> tuple[sp.Expr, sp.Expr]:
    """(c_t, h_t) of the generic step as functions of h_{t−1}, c_{t−1}, x_t.

    >>> generic_step()[0].diff(C_PREV) == sigmoid(drive("f"))
    True
    """
    c = sigmoid(drive("f")) * C_PREV + sigmoid(drive("i")) * sp.tanh(drive("g"))
    return c, sigmoid(drive("o")) * sp.tanh(c)


@functools.cache
def carousel_factor() -> sp.Expr:
    """∂c_t/∂c_{t−1} with h_{t−1} held: one ``sympy.diff`` of the generic step (it is f_t)."""
    return sp.diff(generic_step()[0], C_PREV)


@functools.cache
def step_jacobian() -> sp.Matrix:
    """J_t = ∂(c_t, h_t)/∂(c_{t−1}, h_{t−1}) of the generic step: one ``sympy.Matrix.jacobian``."""
    return sp.ImmutableMatrix(sp.Matrix(generic_step()).jacobian([C_PREV, H_PREV]))


@functools.cache
def first_tangent() -> tuple[sp.Symbol, sp.Matrix]:
    """(c_1, ∂(c_1, h_1)/∂c_1) with h_1 = o_1 tanh(c_1), o_1 = σ(w_o h_0 + u_o x_1 + b_o)."""
    c1, h0, x1 = sp.symbols("c_1 h_0 x_1", real=True)
    h1 = sigmoid(drive("o", h0, x1)) * sp.tanh(c1)
    return c1, sp.ImmutableMatrix([1, sp.diff(h1, c1)])


# --- the result ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LstmParams:
    """One one-unit LSTM: w_k, u_k, b_k (k -> value), the inputs x_1..x_T and h_0, c_0."""

    w: Mapping[str, float]
    u: Mapping[str, float]
    b: Mapping[str, float]
    xs: np.ndarray
    h0: float
    c0: float

    def values(self) -> dict[sp.Symbol, float]:
        """The tied parameters as {symbol: value}."""
        return {**{W[k]: self.w[k] for k in BLOCKS}, **{U[k]: self.u[k] for k in BLOCKS},
                **{B[k]: self.b[k] for k in BLOCKS}}


@dataclass(frozen=True, repr=False)
class CarouselDerivation:
    """∂c_T/∂c_1 of a one-unit LSTM unrolled for T steps: SymPy's carousel factor and step
    Jacobian (instantiated at each step by :meth:`evaluate`), and the first tangent."""

    steps: int
    factor: sp.Expr
    jacobian: sp.Matrix
    tangent: sp.Matrix

    @property
    def depth(self) -> int:
        return self.steps

    @property
    def paths(self) -> int:
        """How many products the full derivative is a sum of: 2^(T−1)."""
        return 2 ** (self.steps - 1)

    def lhs(self) -> str:
        return f"∂c{subscript(self.steps)}/∂c₁"

    def factor_strings(self) -> list[str]:
        """f₂, f₃, …, f_T: the carousel's factors, in order (none for T = 1)."""
        return [f"f{subscript(t)}" for t in range(2, self.steps + 1)]

    def text(self) -> str:
        """∂c_T/∂c₁ = f₂·f₃·…·f_T along the carousel (= 1 for T = 1)."""
        return f"{self.lhs()} = " + ("·".join(self.factor_strings()) or "1")

    def full_text(self) -> str:
        """The full derivative as the product of the step Jacobians."""
        if self.steps == 1:
            return f"{self.lhs()} = 1"
        js = "·".join(f"J{subscript(t)}" for t in range(self.steps, 1, -1))
        return f"{self.lhs()} = (1, 0)·{js}·(1, o₁ tanh′(c₁))ᵀ"

    def latex(self) -> str:
        """Both identities as LaTeX for a math environment (amsmath's pmatrix)."""
        T = self.steps
        lhs = rf"\frac{{\partial c_{{{T}}}}}{{\partial c_{{1}}}}"
        product = r" \, ".join(f"f_{{{t}}}" for t in range(2, T + 1)) or "1"
        js = " ".join(f"J_{{{t}}}" for t in range(T, 1, -1))
        full = (rf"\begin{{pmatrix}} 1 & 0 \end{{pmatrix}} {js} \begin{{pmatrix}} 1 \\ "
                rf"o_{{1}} \tanh'(c_{{1}}) \end{{pmatrix}}") if T > 1 else "1"
        return (rf"\left.{lhs}\right|_{{\mathrm{{carousel}}}} = {product}, \qquad "
                rf"{lhs} = {full}")

    def __repr__(self) -> str:
        return f"CarouselDerivation({self.text()})"

    # --- numbers ---------------------------------------------------------------------------------
    def states(self, p: LstmParams) -> tuple[np.ndarray, np.ndarray]:
        """c_0..c_T and h_0..h_T of the float64 forward pass (:mod:`analytic.core.cells`)."""
        from ..core import cells

        if len(p.xs) != self.steps:
            raise ValueError(f"need {self.steps} inputs x_t, got {len(p.xs)}")
        blocks = {k: (np.full((1, 1, 1), p.w[k]), np.full((1, 1, 1), p.u[k]), np.full(1, p.b[k]))
                  for k in BLOCKS}
        run = cells.forward(cells.Cell("lstm", blocks), np.reshape(p.xs, (1, -1, 1)),
                            np.full((1, 1), p.h0), np.full((1, 1), p.c0))
        return run.cs[0, :, 0], run.hs[0, :, 0]

    def evaluate(self, p: LstmParams) -> tuple[float, float]:
        """(carousel, full) at these parameters: SymPy's factor and Jacobian evaluated in
        30-digit mpmath at the states of the float64 forward pass."""
        import mpmath

        cs, hs = self.states(p)
        step, tangent = _lambdified(self.factor, self.jacobian, self.tangent)
        at = {k: mpmath.mpf(float(v)) for k, v in p.values().items()}
        with mpmath.workdps(30):
            carousel, vector = mpmath.mpf(1), mpmath.matrix(tangent(cs[1], p.h0, p.xs[0], at))
            for t in range(2, self.steps + 1):
                f_t, J_t = step(hs[t - 1], cs[t - 1], p.xs[t - 1], at)
                carousel *= f_t
                vector = mpmath.matrix(J_t) * vector
            return float(carousel), float(vector[0])


@functools.cache
def _lambdified(factor: sp.Expr, jacobian: sp.Matrix, tangent: sp.Matrix
                ) -> tuple[Callable, Callable]:
    # (step, tangent): the factor and the Jacobian together as one function of a step's
    # h_{t−1}, c_{t−1}, x_t and the parameters, the tangent of c_1, h_0, x_1; each lambdified
    # to mpmath once, common subexpressions (the gates) computed once
    import mpmath

    params = [*W.values(), *U.values(), *B.values()]
    both = sp.lambdify([H_PREV, C_PREV, X, *params], [factor, jacobian.tolist()], "mpmath",
                       cse=True)
    c1, h0, x1 = sp.symbols("c_1 h_0 x_1", real=True)
    first = sp.lambdify([c1, h0, x1, *params], tangent.tolist(), "mpmath", cse=True)

    def numbers(a: float, b: float, x: float, at: dict) -> list:
        return [mpmath.mpf(float(a)), mpmath.mpf(float(b)), mpmath.mpf(float(x)),
                *(at[s] for s in params)]

    return (lambda h, c, x, at: both(*numbers(h, c, x, at)),
            lambda c, h, x, at: first(*numbers(c, h, x, at)))


def derive_carousel(steps: int) -> CarouselDerivation:
    """Derive ∂c_T/∂c_1 of a one-unit LSTM unrolled for ``steps`` steps.

    >>> derive_carousel(4)
    CarouselDerivation(∂c₄/∂c₁ = f₂·f₃·f₄)
    >>> derive_carousel(4).paths
    8
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise ValueError(
            f"the number of steps of the LSTM must be an integer from 1 to {MAX_STEPS}, "
            f"got {steps}")
    return CarouselDerivation(steps, carousel_factor(), step_jacobian(), first_tangent()[1])


def nested_cell(steps: int) -> tuple[sp.Symbol, sp.Expr, list[tuple[sp.Expr, sp.Expr]]]:
    """(c_1, c_T, the nested states (c_t, h_t) for t = 1..T), every step written out in the
    previous one's expressions; the inputs are the symbols x_2..x_T."""
    c1, _ = first_tangent()
    h0, x1 = sp.symbols("h_0 x_1", real=True)
    xs = sp.symbols(f"x_1:{steps + 1}", real=True)
    state = (c1, sigmoid(drive("o", h0, x1)) * sp.tanh(c1))
    states = [state]
    c_new, h_new = generic_step()
    for x in xs[1:]:
        rep = {C_PREV: state[0], H_PREV: state[1], X: x}
        state = (c_new.xreplace(rep), h_new.xreplace(rep))
        states.append(state)
    return c1, state[0], states


def textbook_jacobian() -> sp.Matrix:
    """J_t written from the LSTM's equations by hand, with f, i, g, o and the derivatives
    σ′ = σ(1 − σ), tanh′ = 1 − tanh² (what SymPy's Jacobian must equal)."""
    f, i, o = (sigmoid(drive(k)) for k in "fio")
    g = sp.tanh(drive("g"))
    c = f * C_PREV + i * g
    dc_dh = W["f"] * f * (1 - f) * C_PREV + W["i"] * i * (1 - i) * g + W["g"] * i * (1 - g**2)
    out = o * (1 - sp.tanh(c) ** 2)
    return sp.Matrix([[f, dc_dh], [out * f, out * dc_dh + sp.tanh(c) * o * (1 - o) * W["o"]]])


def random_lstm(steps: int, rng: np.random.Generator) -> LstmParams:
    """A random one-unit LSTM whose forget gates stay open enough for ∏ f_t to stay in float64
    over :data:`MAX_STEPS` steps: |w_k| ≤ 1, |u_k| ≤ 1/2, b_f in [0.5, 2], the other biases
    and the inputs N(0, 1/4) and N(0, 1)."""
    w = {k: float(rng.uniform(-1, 1)) for k in BLOCKS}
    u = {k: float(rng.uniform(-0.5, 0.5)) for k in BLOCKS}
    b = {k: float(rng.normal(0, 0.5)) for k in BLOCKS}
    b["f"] = float(rng.uniform(0.5, 2.0))
    return LstmParams(w, u, b, rng.standard_normal(steps), float(rng.uniform(-0.5, 0.5)),
                      float(rng.normal()))
