"""Exam-style questions, each computed by the library: the right answer and the wrong choices
(from plausible mistakes) alike, in plain data without words.

A question generator takes a ``numpy.random.Generator``, draws its parameters, computes the
answer with the library's own functions (the activations' facts, the window's width, the
weight schemes' variances, PReLU and RReLU, gradient clipping, batch normalisation, the
exploding chain, mean-field theory) and returns a :class:`Question`: its topic, its
parameters (``given``, as numbers; ``fields``, as the text shows them), its choices, the
index of the right one (or the number to give) and the fields of its worked explanation.
:mod:`analytic.present.quiz` puts the words around them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ...core.activations import prelu, relu, rrelu, sigmoid, tanh
from ...core.initialisation import gaussian, he, scaled, xavier
from ...theory.explosion import explosion_ratios
from ...theory.phase_diagram import edge_of_chaos
from ...theory.window import window_width
from ...train.layers import BN_EPS, batch_norm, batch_norm_fixed
from ...train.model import Parameters
from ...train.optimiser import clipped

#: Significant digits of a number the text shows, and the relative error a numeric answer
#: may have.
DIGITS, TOLERANCE = 4, 0.01
#: How far apart (relatively) a wrong choice's number must be from the right one's.
SEPARATION = 0.05


class TooFewChoices(Exception):
    """The parameters drawn give fewer than three wrong choices apart from the right one: the
    question is drawn again."""


@dataclass(frozen=True)
class Choice:
    """One choice: its string (``quiz.<topic>.choice.<name>``; ``number`` for a bare number),
    the fields that fill it, and the value it stands for (a number, a vector, a pair)."""

    name: str
    fields: Mapping[str, str]
    value: Any


@dataclass(frozen=True)
class Question:
    """One question: ``kind`` is ``choice`` (``right`` indexes ``choices``) or ``number``
    (``answer`` is the number as the answers show it, ``value`` its full value)."""

    topic: str
    variant: str
    kind: str
    given: Mapping[str, Any]
    fields: Mapping[str, str]
    value: Any
    answer: str
    explanation: Mapping[str, str]
    choices: tuple[Choice, ...] = ()
    right: int | None = None
    tolerance: float = field(default=TOLERANCE)


# --- numbers as the text writes them -------------------------------------------------------------
def num(x: float, digits: int = DIGITS) -> str:
    """A number to ``digits`` significant digits, with a true minus sign.

    >>> num(-0.6875), num(2 ** -10), num(25.0)
    ('−0.6875', '0.0009766', '25')
    """
    return f"{float(x):.{digits}g}".replace("-", "−")


def frac(x: float) -> str:
    """A number as a simple fraction where it is one (1/4, 11/48), else as :func:`num`.

    >>> frac(0.25), frac(1.0), frac(0.2291666666666667), frac(math.sqrt(2))
    ('1/4', '1', '11/48', '1.414')
    """
    q = Fraction(float(x)).limit_denominator(100)
    if abs(float(q) - float(x)) > 1e-12 * max(1.0, abs(float(x))):
        return num(x)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def vector(v: Sequence[float]) -> str:
    """(0.6, −0.8): a vector as the text writes it."""
    return "(" + ", ".join(num(x) for x in v) + ")"


def number_choice(value: float) -> Choice:
    return Choice("number", {"value": num(value)}, float(value))


def _choice_question(topic: str, variant: str, rng: np.random.Generator, right: Choice,
                     wrong: Sequence[Choice], given: Mapping[str, Any],
                     fields: Mapping[str, str], explanation: Mapping[str, str]) -> Question:
    # the first three wrong choices that read differently from the right one and each other,
    # and whose numbers are at least SEPARATION apart from the right one's
    seen, picked = {(right.name, tuple(right.fields.items()))}, []
    for c in wrong:
        key = (c.name, tuple(c.fields.items()))
        if key not in seen and (c.name != right.name or _apart(c.value, right.value)):
            seen.add(key)
            picked.append(c)
    if len(picked) < 3:
        raise TooFewChoices(topic)
    choices = [right, *picked[:3]]
    order = rng.permutation(len(choices))
    shuffled = tuple(choices[i] for i in order)
    return Question(topic, variant, "choice", dict(given), dict(fields), right.value,
                    _shown(right), dict(explanation), shuffled, int(np.flatnonzero(order == 0)[0]))


def _apart(a: Any, b: Any) -> bool:
    a, b = np.ravel(np.asarray(a, dtype=float)), np.ravel(np.asarray(b, dtype=float))
    return a.shape != b.shape or not np.allclose(a, b, rtol=SEPARATION, atol=1e-12)


def _shown(c: Choice) -> str:
    return c.fields.get("value", "")


def _pick(rng: np.random.Generator, values: Sequence[Any]) -> Any:
    return values[int(rng.integers(len(values)))]


# --- the questions -------------------------------------------------------------------------------
def sigmoid_peak(rng: np.random.Generator) -> Question:
    """Where σ′ is largest, and its value there."""
    phi = sigmoid()
    peak, z = phi.peak_prime, float(phi.steepest_point)
    half = float(phi.f(np.array([z]))[0])  # σ(0): the value of σ, not of σ′

    def at(value: float, where: float) -> Choice:
        return Choice("at", {"value": frac(value), "z": frac(where)}, (value, where))

    wrong = [at(half, z), at(tanh().peak_prime, z), at(peak, half), at(peak ** 2, z)]
    return _choice_question("sigmoid-peak", "", rng, at(peak, z), wrong, {}, {},
                            {"peak": frac(peak), "z": frac(z), "half": frac(half)})


def tanh_peak(rng: np.random.Generator) -> Question:
    """Where tanh′ is largest, from tanh z = a σ(cz) − 1."""
    phi, s = tanh(), sigmoid()
    a, c = phi.sigmoid_form
    peak, z = phi.peak_prime, float(phi.steepest_point)

    def at(value: float) -> Choice:
        return Choice("at", {"value": frac(value), "z": frac(z)}, (value, z))

    wrong = [at(a * s.peak_prime), at(s.peak_prime), at(a * c)]  # no c, σ′'s own, no σ′
    fields = {"a": frac(a), "c": frac(c), "sigma": frac(s.peak_prime)}
    return _choice_question("tanh-peak", "", rng, at(peak), wrong, {}, fields,
                            {**fields, "peak": frac(peak), "z": frac(z)})


def product_bound(rng: np.random.Generator) -> Question:
    """The bound (max σ′)^k on k sigmoid factors with |w| ≤ 1."""
    k = int(rng.integers(3, 9))
    peak = sigmoid().peak_prime
    bound = peak ** k
    wrong = [number_choice(k * peak), number_choice(peak ** (k + 1)), number_choice(0.5 ** k),
             number_choice(peak / k)]
    return _choice_question("product-bound", "", rng, number_choice(bound), wrong, {"k": k},
                            {"k": str(k)}, {"k": str(k), "peak": frac(peak),
                                            "value": num(bound)})


def window(rng: np.random.Generator) -> Question:
    """The width of the window |w σ′(wa + b)| ≥ 1 at one |w|."""
    w = float(_pick(rng, (5, 6, 8, 10, 12, 20)))
    width = window_width(w)
    least = 1 / sigmoid().peak_prime
    r = math.sqrt(1 - least / w)
    return Question("window-width", "", "number", {"w": w}, {"w": num(w)}, width,
                    num(width, 3), {"w": num(w), "least": frac(least), "r": num(r),
                                    "value": num(width, 3)})


SCHEMES = {"he": he, "xavier": xavier, "scaled": scaled, "gaussian": gaussian}
#: The layer sizes a question draws (n_in, n_out), never equal: Xavier would then be 1/n_in.
LAYERS = ((784, 30), (100, 50), (256, 128), (512, 256), (30, 10), (50, 200))


def initialisation(rng: np.random.Generator) -> Question:
    """Which scheme keeps the variance for a ReLU (He) or a tanh (Xavier) layer, and its Var(w)."""
    n_in, n_out = _pick(rng, LAYERS)
    activation = _pick(rng, ("relu", "tanh"))
    kept = "he" if activation == "relu" else "xavier"
    choices = {name: Choice(name, {"value": num(make().variance(n_in, n_out))},
                            make().variance(n_in, n_out)) for name, make in SCHEMES.items()}
    wrong = [c for name, c in choices.items() if name != kept]
    fields = {"n_in": str(n_in), "n_out": str(n_out), "activation": activation}
    return _choice_question("initialisation", activation, rng, choices[kept], wrong,
                            {"n_in": n_in, "n_out": n_out, "activation": activation}, fields,
                            {**fields, "value": _shown(choices[kept])})


def negative_slope(rng: np.random.Generator) -> Question:
    """PReLU's learned slope, or RReLU's mean slope at test time, acting on an x < 0."""
    x = float(_pick(rng, (-4.0, -3.0, -2.0, -1.5, -0.5)))
    if rng.integers(2) == 0:
        a = float(_pick(rng, (0.1, 0.2, 0.25, 0.3)))
        value = float(prelu(a).f(np.array([x]))[0])
        wrong = [number_choice(x), number_choice(0.0), number_choice(-value), number_choice(a)]
        fields = {"a": num(a), "x": num(x)}
        return _choice_question("negative-slope", "prelu", rng, number_choice(value), wrong,
                                {"a": a, "x": x}, fields, {**fields, "value": num(value)})
    phi = rrelu()
    lower, upper = phi.slope_band
    value = float(phi.f(np.array([x]))[0])  # rrelu's registered form is its test-time form
    wrong = [number_choice(x), number_choice(lower * x), number_choice(upper * x),
             number_choice(0.0)]
    fields = {"lower": frac(lower), "upper": frac(upper), "x": num(x)}
    return _choice_question("negative-slope", "rrelu", rng, number_choice(value), wrong,
                            {"lower": lower, "upper": upper, "x": x}, fields,
                            {**fields, "mean": frac(phi.negative_slope), "value": num(value)})


#: Gradients a clipping question draws (then doubled or not), and thresholds.
GRADIENTS = ((3.0, -4.0), (6.0, 8.0), (-5.0, 12.0), (2.0, -2.0, 1.0), (4.0, 4.0, -2.0),
             (-1.0, 2.0, 2.0))
THRESHOLDS = (1.0, 2.0, 5.0)


def by_norm(g: np.ndarray, c: float) -> np.ndarray:
    """Clipping by norm, as the optimiser does it: g·c/‖g‖ when ‖g‖ > c."""
    return clipped(Parameters.of([g], []), c).vector


def by_value(g: np.ndarray, c: float) -> np.ndarray:
    """Clipping by value: every component into [−c, c]."""
    return np.clip(g, -c, c)


def clipping(rng: np.random.Generator) -> Question:
    """Gradient clipping by norm or by value of one gradient."""
    g = np.array(_pick(rng, GRADIENTS)) * float(_pick(rng, (1.0, 2.0)))
    c = float(_pick(rng, [t for t in THRESHOLDS if t < np.abs(g).max()]))
    norm_c, value_c = by_norm(g, c), by_value(g, c)

    def vec(v: np.ndarray) -> Choice:
        return Choice("number", {"value": vector(v)}, tuple(float(x) for x in v))

    variant = _pick(rng, ("norm", "value"))
    if variant == "norm":
        right, wrong = vec(norm_c), [vec(value_c), vec(g / np.linalg.norm(g)), vec(g),
                                     vec(g * c / np.abs(g).max())]
    else:
        right, wrong = vec(value_c), [vec(norm_c), vec(g * c / np.abs(g).max()), vec(g),
                                      vec(g / np.linalg.norm(g))]
    fields = {"g": vector(g), "c": num(c)}
    return _choice_question("clipping", variant, rng, right, wrong, {"g": g.tolist(), "c": c},
                            fields, {**fields, "norm": num(float(np.linalg.norm(g))),
                                     "by_norm": vector(norm_c), "by_value": vector(value_c)})


def batch_norm_question(rng: np.random.Generator) -> Question:
    """z of one example with batch norm, in training (the batch's statistics) or at test time
    (the running averages)."""
    u = rng.integers(-4, 5, size=4).astype(float)
    while np.ptp(u) == 0:
        u = rng.integers(-4, 5, size=4).astype(float)
    gamma, beta = float(_pick(rng, (0.5, 1.0, 2.0))), float(_pick(rng, (-1.0, 0.0, 0.5, 1.0)))
    mean, var = float(_pick(rng, (-1.0, 0.0, 1.0, 2.0))), float(_pick(rng, (1.0, 4.0, 9.0)))
    g, b = np.array([gamma]), np.array([beta])
    z_train, stats = batch_norm(u[:, None], g, b)
    train = float(z_train[0, 0])
    infer = float(batch_norm_fixed(u[:1, None], g, b, np.array([mean]), np.array([var]))[0, 0])
    unbiased = float(batch_norm_fixed(u[:1, None], g, b, stats.mean,
                                      stats.var * len(u) / (len(u) - 1))[0, 0])
    variant = _pick(rng, ("training", "inference"))
    right, other = (train, infer) if variant == "training" else (infer, train)
    x_hat = (right - beta) / gamma  # the normalised value without γ and β
    wrong = [number_choice(other), number_choice(x_hat), number_choice(unbiased),
             number_choice(gamma * (u[0] - mean) + beta), number_choice(right - beta)]
    fields = {"u": vector(u), "gamma": num(gamma), "beta": num(beta), "mean": num(mean),
              "var": num(var), "first": num(u[0])}
    explanation = {**fields, "batch_mean": num(float(stats.mean[0])),
                   "batch_var": num(float(stats.var[0])), "value": num(right),
                   "eps": num(BN_EPS)}
    return _choice_question("batch-norm", variant, rng, number_choice(right), wrong,
                            {"u": u.tolist(), "gamma": gamma, "beta": beta, "mean": mean,
                             "var": var}, fields, explanation)


def cell_state_gradient(forget_gates: Sequence[float]) -> float:
    """∂c_T/∂c_0 along an LSTM's cell state c_t = f_t c_(t−1) + i_t g_t, the gates held fixed:
    the product of the forget gates."""
    return float(np.prod(np.asarray(forget_gates, dtype=float)))


def lstm(rng: np.random.Generator) -> Question:
    """The gradient along an LSTM's cell state over T steps with forget gate f."""
    f = float(_pick(rng, (0.9, 0.95, 0.98, 0.99)))
    steps = int(_pick(rng, (10, 20, 50, 100)))
    value = cell_state_gradient([f] * steps)
    bound = sigmoid().peak_prime ** steps  # a sigmoid RNN's bound with |w| <= 1
    wrong = [number_choice(bound), number_choice(f * steps), number_choice(1 - value),
             number_choice(f)]
    fields = {"f": num(f), "steps": str(steps)}
    return _choice_question("lstm", "", rng, number_choice(value), wrong,
                            {"f": f, "steps": steps}, fields,
                            {**fields, "value": num(value), "bound": num(bound),
                             "peak": frac(sigmoid().peak_prime)})


def explosion(rng: np.random.Generator) -> Question:
    """The exploding chain: every w = W and every z = 0, k layers back."""
    w = float(_pick(rng, (8, 10, 20, 40, 100)))
    k = int(rng.integers(2, 7))
    ratios = explosion_ratios(w, k)
    value = float(ratios.closed_form[-1])
    s = sigmoid()
    half = float(s.f(np.array([0.0]))[0])
    wrong = [number_choice((w * half) ** k), number_choice(w ** k),
             number_choice(k * w * s.peak_prime), number_choice(w * s.peak_prime ** k)]
    fields = {"w": num(w), "k": str(k)}
    return _choice_question("explosion", "", rng, number_choice(value), wrong,
                            {"w": w, "k": k}, fields,
                            {**fields, "factor": num(float(ratios.factor)),
                             "peak": frac(s.peak_prime), "value": num(value),
                             "backprop": num(float(ratios.backprop[-1]))})


def edge(rng: np.random.Generator) -> Question:
    """σ_w at the edge of chaos (χ₁ = 1) with σ_b = 0, for ReLU or tanh."""
    name = _pick(rng, ("relu", "tanh"))
    phi = relu() if name == "relu" else tanh()
    q = 1.0 if name == "relu" else 1e-12  # ReLU's edge holds at every q*; tanh's σ_b = 0 at q* → 0
    sigma_w = float(edge_of_chaos(phi, [q])[0][0])
    other = float(edge_of_chaos(tanh() if name == "relu" else relu(), [1.0 if name == "tanh"
                                                                      else 1e-12])[0][0])
    # the other activation's edge, σ_w² for σ_w, E[φ′²] = 1/σ_w² for σ_w, halved, doubled
    wrong = [number_choice(other), number_choice(sigma_w ** 2), number_choice(1 / sigma_w ** 2),
             number_choice(sigma_w / 2), number_choice(2 * sigma_w)]
    return _choice_question("edge-of-chaos", name, rng, number_choice(sigma_w), wrong,
                            {"activation": name}, {"activation": name},
                            {"activation": name, "value": num(sigma_w),
                             "square": num(sigma_w ** 2)})


#: Every topic and its generator, in the order a quiz without shuffling would ask them.
TOPICS: dict[str, Callable[[np.random.Generator], Question]] = {
    "sigmoid-peak": sigmoid_peak, "tanh-peak": tanh_peak, "product-bound": product_bound,
    "window-width": window, "initialisation": initialisation,
    "negative-slope": negative_slope, "clipping": clipping, "batch-norm": batch_norm_question,
    "lstm": lstm, "explosion": explosion, "edge-of-chaos": edge,
}


def questions(count: int, seed: int) -> tuple[Question, ...]:
    """``count`` questions drawn with ``seed``: the topics in a shuffled order, again and again
    (each time newly shuffled, with new parameters) until there are enough."""
    rng = np.random.default_rng(seed)
    names = list(TOPICS)
    drawn: list[Question] = []
    while len(drawn) < count:
        for i in rng.permutation(len(names)):
            if len(drawn) == count:
                break
            drawn.append(_draw(TOPICS[names[i]], rng))
    return tuple(drawn)


def _draw(make: Callable[[np.random.Generator], Question], rng: np.random.Generator,
          tries: int = 50) -> Question:
    for _ in range(tries - 1):
        try:
            return make(rng)
        except TooFewChoices:
            continue  # the generator has moved on: the next draw has other parameters
    return make(rng)
