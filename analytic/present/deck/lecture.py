"""The lecture: about twenty slides, in order, computed from the library and its recorded runs.

:class:`LectureData` computes (or reads) everything the slides show, once, when a slide asks
for it: the chain's derivation and its checks, σ′'s bound and the window (SymPy, mpmath), the
product against depth, the exploding construction, the gallery's data (neuron bars,
histograms, gradients through time, the phase diagram), and the chapter's long experiments as
their committed runs (``docs/runs/*.json``, ``figures/NAME/*.json``, read with
:func:`analytic.experiments.result.read`), so that the deck builds in seconds. :func:`lecture`
turns the data into a :class:`~.model.Deck` in one language: every word through
:func:`~analytic.present.i18n.tr`, every table a report's own
(:func:`analytic.present.reports.report`, the teaching tables), every number formatted from the
computed value, every picture the registry's figure in slide style
(:func:`~.model.with_pictures` draws them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import sympy as sp

from ...chain.derive import Derivation, derive_chain, factor_text, subscript
from ...chain.verify import Verification, verify
from ...core.activations import leaky_relu, prelu, relu, rrelu, sigmoid, tanh
from ...core.initialisation import he, xavier
from ...experiments.result import Result, read
from ...theory.activation_facts import TINY, facts_of
from ...theory.explosion import Explosion, ExplosionRatios, explode, explosion_ratios
from ...theory.meanfield import MeanField, chi, edge_of_chaos
from ...theory.window import WindowProblem, window_problem
from ..i18n import check_language, tr
from ..table import Table, show
from .model import Deck, Paragraph, Slide, cell_texts, cut, points

#: The repository's root, where the committed runs are.
ROOT = Path(__file__).resolve().parents[3]
#: The committed runs the deck draws: name -> (its file below the root, the command it ran).
RUNS = {
    "init_norms": ("docs/runs/init-norms-4.json",
                   "analytic experiment init-norms --hidden 4 --networks 200"),
    "training_speed": ("docs/runs/training-speed-4.json",
                       "analytic experiment training-speed --hidden 4"),
    "depth_accuracy": ("docs/runs/depth-accuracy.json",
                       "analytic experiment depth-accuracy --networks 3"),
    "remedies": ("figures/remedies/remedies.json", "analytic experiment remedies"),
    "saturation": ("figures/saturation/saturation-4.json", "analytic experiment saturation"),
    "dead_units": ("figures/dying-relu/dying-relu.json", "analytic experiment dying-relu"),
}
#: The chain the formula slides derive, the exploding chain's weight and depth, the rows of
#: the product table, and the mean-field examples.
CHAIN_DEPTH = 4
EXPLODING_WEIGHT, EXPLODING_DEPTH = 100.0, 8
PRODUCT_ROWS = (1, 2, 3, 5, 10, 15, 20)
TANH_SIGMA_B = 0.05
TANH_SIGMA_WS = (0.8, 1.0, 1.2, 2.0)
VARIANCE_WIDTH = 30


class LectureData:
    """Everything the slides show, each piece computed (or read) when a slide first asks for
    it and kept for the other slides and languages."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root

    @cached_property
    def runs(self) -> dict[str, Result]:
        return recorded_runs(self.root)

    @cached_property
    def derivation(self) -> Derivation:
        return derive_chain(CHAIN_DEPTH)

    @cached_property
    def verification(self) -> Verification:
        return verify(self.derivation, seed=0)

    @cached_property
    def window(self) -> WindowProblem:
        return window_problem()

    @cached_property
    def exploded(self) -> Explosion:
        return explode(EXPLODING_WEIGHT, EXPLODING_DEPTH)

    @cached_property
    def explosion(self) -> ExplosionRatios:
        return explosion_ratios(EXPLODING_WEIGHT, EXPLODING_DEPTH)

    @cached_property
    def meanfield(self) -> tuple[MeanField, ...]:
        return tuple(chi(tanh(), sw, TANH_SIGMA_B) for sw in TANH_SIGMA_WS)

    def gallery(self, name: str) -> Any:
        """The data of gallery figure ``name`` (computed once)."""
        if name not in self._gallery:
            from ..figures import compute

            self._gallery[name] = compute(name)
        return self._gallery[name]

    @cached_property
    def _gallery(self) -> dict[str, Any]:
        return {}


def recorded_runs(root: Path = ROOT) -> dict[str, Result]:
    """The committed runs the deck draws, read back into their results."""
    missing = [path for path, _ in RUNS.values() if not (root / path).is_file()]
    if missing:
        raise ValueError(f"the lecture deck draws the runs committed with the repository and "
                         f"{missing[0]} is missing under {root}: build it in a checkout")
    return {name: read(json.loads((root / path).read_text(encoding="utf-8")))
            for name, (path, _) in RUNS.items()}


# --- formatting ----------------------------------------------------------------------------------
def g(x: float, digits: int = 3) -> str:
    """A number to ``digits`` significant digits, as the slides write it.

    >>> g(0.2291666), g(25.0), g(1.5e-10)
    ('0.229', '25', '1.5e-10')
    """
    return f"{x:.{digits}g}"


def fraction(x: float | sp.Expr) -> str:
    """A simple fraction as people write it: 1/4, 11/48, 0.

    >>> fraction(0.25), fraction(1 / 3), fraction(sp.Rational(11, 48))
    ('1/4', '1/3', '11/48')
    """
    q = Fraction(float(x)).limit_denominator(1000)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def unicode(expr: sp.Expr) -> str:
    """A SymPy number or short expression in the slides' notation (− for minus).

    >>> unicode(sp.Integer(-50))
    '−50'
    """
    return str(expr).replace("**", "^").replace("*", " ").replace("-", "−")


def network(recipe: Any) -> str:
    """[784, 30, 30, 10]: a recipe's layer sizes."""
    return "[" + ", ".join(str(n) for n in recipe.sizes) + "]"


def notes(text: Callable[..., str], body: str, source: str) -> str:
    """A slide's speaker notes: their text, then the command that prints the numbers."""
    return "\n".join(p for p in (body, text("deck.reproduce", command=source) if source else "")
                     if p)


# --- the slides ----------------------------------------------------------------------------------
Text = Callable[..., str]


def _opening(d: LectureData, text: Text, lang: str) -> Slide:
    return Slide("opening", "title", text("deck.title"),
                 points(text("deck.subtitle"), text("deck.subtitle.computed"), bullet=False),
                 notes=text("deck.title.notes"))


def _question(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["init_norms"]
    tab = cut(report(r, lang).tables[0], ("layer", "median", "p10", "p90",
                                          "median_ratio_to_previous"))
    steps = ", ".join(row[-1] for row in cell_texts(tab)[1:])
    fields = {"network": network(r.recipe), "networks": r.networks}
    lead = points(text("deck.question.deeper"),
                  text("deck.question.speeds", ratio=f"{r.last_over_first:.3g}", **fields))
    body = text("deck.question.notes", law=r.recipe.init.law, images=f"{r.recipe.images:,}",
                steps=steps, **fields)
    source = RUNS["init_norms"][1]
    return Slide("question", "table", text("deck.question.title"), lead, table=tab,
                 notes=notes(text, body, source), source=source)


def _bars(d: LectureData, text: Text, lang: str) -> Slide:
    r = d.gallery("neuron_bars")
    shown = [", ".join(show(float(v), "{:.2e}") for v in bars) for bars in r.bars]
    body = text("deck.bars.notes", network=network(r.recipe), images=f"{r.recipe.images:,}",
                neurons=len(r.bars[0]), first=shown[0], second=shown[1])
    return Slide("neuron-bars", "figure", text("deck.bars.title"),
                 figure="neuron_bars", figure_data=r,
                 notes=notes(text, body, "analytic experiment neuron-bars"),
                 source="analytic experiment neuron-bars")


def formula(d: Derivation) -> str:
    """The derived identity with spaced factors, so that a line may break between them."""
    return f"{d.lhs} = " + " · ".join(d.factor_strings())


def _chain(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports.chain import check_words

    der, last = d.derivation, subscript(d.derivation.depth)
    checks = [text("deck.chain.check", name=name, detail=detail)
              for name, detail in (check_words(c, lang) for c in d.verification.checks)]
    paragraphs = (Paragraph(text("deck.chain.network", depth=der.depth, last=last)),
                  Paragraph(formula(der), bullet=False),
                  Paragraph(text("deck.chain.factors", depth=der.depth, pairs=der.depth - 1)),
                  *points(*checks))
    body = text("deck.chain.notes", chain=" · ".join(_steps(der)), last=last)
    source = f"analytic derive --depth {der.depth}"
    return Slide("chain", "bullets", text("deck.chain.title"), paragraphs,
                 notes=notes(text, body, source), source=source)


def _step_names(der: Derivation) -> list[str]:
    # ∂z₁/∂b₁, ∂z₂/∂z₁, ..., ∂C/∂z_L: the chain rule's steps, input side first
    z = [f"z{subscript(j)}" for j in range(1, der.depth + 1)]
    return [f"∂{z[0]}/∂b₁", *(f"∂{b}/∂{a}" for a, b in zip(z, z[1:])), f"∂C/∂{z[-1]}"]


def _step_values(der: Derivation) -> list[str]:
    # each step's value, the book's factors grouped as the chain rule groups them
    return [" ".join(factor_text(f) for f in group) or unicode(der.chain_factors[0])
            for group in der.groups]


def _steps(der: Derivation) -> list[str]:
    return [f"{n} = {v}" for n, v in zip(_step_names(der), _step_values(der))]


def _derivation(d: LectureData, text: Text, lang: str) -> Slide:
    der, last = d.derivation, subscript(d.derivation.depth)
    steps = _steps(der)
    a, y = sp.symbols(f"a{last} y", real=True)
    dC = unicode(sp.diff(der.cost.sympy(a, y), a))
    paragraphs = (
        Paragraph(text("deck.derive.rule", last=last)),
        Paragraph(f"{der.lhs} = " + " · ".join(_step_names(der)), bullet=False),
        Paragraph(text("deck.derive.bias", factor=steps[0])),
        Paragraph(text("deck.derive.layer", factors=", ".join(steps[1:-1]))),
        Paragraph(text("deck.derive.cost", factor=steps[-1], last=last, dC=dC)),
        Paragraph(text("deck.derive.product")),
    )
    source = f"analytic check --depth {der.depth}"
    return Slide("derivation", "bullets", text("deck.derive.title"), paragraphs,
                 notes=notes(text, text("deck.derive.notes"), source), source=source)


def _sigmoid(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports.theory import window_report

    w = d.window.derivation
    peak, z = fraction(w.max_sigma_prime), unicode(w.steepest_z)
    k = PRODUCT_ROWS[4]
    step1 = window_report(d.window, lang).heading[2:4]
    body = text("deck.sigmoid.notes", steps=" ".join(s.strip() for s in step1), peak=peak,
                bound=g(float(w.max_sigma_prime) ** k), k=k)
    return Slide("sigmoid", "figure", text("deck.sigmoid.title", peak=peak),
                 points(text("deck.sigmoid.lead", z=z, peak=peak), bullet=False),
                 figure="sigmoid_derivative", figure_data=d.gallery("sigmoid_derivative"),
                 notes=notes(text, body, "analytic problem sigmoid-window"),
                 source="analytic problem sigmoid-window")


def product_table(d: LectureData, lang: str) -> Table:
    """The sigmoid block of ``analytic table vanishing``, at the deck's rows."""
    from ..teaching_tables import vanishing_table

    peaks = [phi.peak_prime for phi in (sigmoid(), tanh(), relu())]
    full = vanishing_table(d.gallery("gradient_product").bands, peaks, lang)
    return cut(full, ("k", "bound", "p10", "median", "p90"), [k - 1 for k in PRODUCT_ROWS])


def _product(d: LectureData, text: Text, lang: str) -> Slide:
    peak = fraction(sigmoid().peak_prime)
    band = d.gallery("gradient_product").bands[0]
    k = PRODUCT_ROWS
    fall = (float(band.median[k[-1] - 1]) / float(band.median[k[0] - 1])) ** (1 / (k[-1] - k[0]))
    source = (f"analytic table vanishing --depth {len(band.k)} --chains {band.samples} "
              f"--activation sigmoid")
    return Slide("product", "table", text("deck.product.title"),
                 points(text("deck.product.lead", peak=peak, samples=f"{band.samples:,}"),
                        bullet=False),
                 table=product_table(d, lang),
                 notes=notes(text, text("deck.product.notes", fall=g(fall, 2)), source),
                 source=source)


def _product_figure(d: LectureData, text: Text, lang: str) -> Slide:
    p = d.gallery("gradient_product")
    body = text("deck.product_figure.notes", samples=f"{p.bands[0].samples:,}",
                w=g(p.explosion_weight), factor=g(p.explosion_factor))
    return Slide("product-figure", "figure", text("deck.product_figure.title"),
                 figure="gradient_product", figure_data=p,
                 notes=notes(text, body, "analytic figures --only gradient_product"),
                 source="analytic figures --only gradient_product")


def _tanh(d: LectureData, text: Text, lang: str) -> Slide:
    phi, facts = tanh(), facts_of(tanh())
    a, c = phi.sigmoid_form
    ratio = phi.peak_prime / sigmoid().peak_prime
    fields = {"peak": g(phi.peak_prime), "z": g(float(phi.steepest_point)), "ratio": g(ratio),
              "a": g(a), "c": g(c), "tiny": g(TINY), "cut": g(facts.tiny[-1].lo)}
    body = text("deck.tanh.notes", peak=fields["peak"], inverse=g(1 / sigmoid().peak_prime))
    return Slide("tanh", "figure", text("deck.tanh.title"),
                 points(text("deck.tanh.lead", **fields), bullet=False),
                 figure="tanh_derivative", figure_data=d.gallery("tanh_derivative"),
                 notes=notes(text, body, "analytic table activations"),
                 source="analytic table activations")


def relu_slopes() -> dict[str, str]:
    """The ReLU family's slopes below 0, as the slides write them."""
    import numpy as np

    above, below = relu().prime(np.array([1.0, -1.0]))
    band, mean = rrelu().slope_band, rrelu().negative_slope
    return {"above": g(above), "below": g(below), "slope": g(leaky_relu().negative_slope),
            "a": g(prelu().negative_slope), "lower": fraction(band[0]),
            "upper": fraction(band[1]), "mean": fraction(mean), "decimal": g(mean)}


def _relu(d: LectureData, text: Text, lang: str) -> Slide:
    s = relu_slopes()
    paragraphs = points(text("deck.relu.relu", **s), text("deck.relu.leaky", **s),
                        text("deck.relu.prelu", **s), text("deck.relu.rrelu", **s),
                        text("deck.relu.side"))
    return Slide("relu", "bullets", text("deck.relu.title"), paragraphs,
                 notes=notes(text, text("deck.relu.notes", **s), "analytic table activations"),
                 source="analytic table activations")


def _relu_figure(d: LectureData, text: Text, lang: str) -> Slide:
    return Slide("relu-figure", "figure", text("deck.relu_figure.title"),
                 figure="relu_family", figure_data=d.gallery("relu_family"),
                 notes=notes(text, text("deck.relu_figure.notes"),
                             "analytic figures --only relu_family"),
                 source="analytic figures --only relu_family")


def _explosion(d: LectureData, text: Text, lang: str) -> Slide:
    from ..teaching_tables import explosion_table

    e = d.exploded
    z, factor = unicode(e.z_star), g(e.factor_value)
    values = {s: e.weight for s in e.bias.free_symbols | e.first_bias.free_symbols}
    lead = text("deck.explode.lead", w=g(e.weight), z=z, factor=factor,
                b1=unicode(sp.nsimplify(e.first_bias.subs(values))),
                b=unicode(sp.nsimplify(e.bias.subs(values))))
    body = text("deck.explode.notes", z=z, x=g(e.x), factor=factor)
    source = f"analytic table explosion --weight {g(e.weight)} --depth {EXPLODING_DEPTH}"
    return Slide("explosion", "table", text("deck.explode.title"), points(lead, bullet=False),
                 table=explosion_table(d.explosion, lang), notes=notes(text, body, source),
                 source=source)


def _window(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports.theory import window_report

    w, widest = d.window.derivation, d.window.widest
    lead = text("deck.window.lead", min_w=unicode(w.min_abs_w), width=g(widest.max_width),
                argmax=g(widest.argmax_abs_w))
    body = "\n".join(line.strip() for line in window_report(d.window, lang).heading if line)
    return Slide("window", "figure", text("deck.window.title"), points(lead, bullet=False),
                 figure="sigmoid_window", figure_data=d.gallery("sigmoid_window"),
                 notes=notes(text, body, "analytic problem sigmoid-window"),
                 source="analytic problem sigmoid-window")


def speed_ratios(r: Any) -> Any:
    """The last hidden layer's speed over the first's, at every epoch of a training run."""
    return r.speeds[:, -1] / r.speeds[:, 0]


def _speed(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report
    from ..reports.words import training_text, words

    r = d.runs["training_speed"]
    ratios = speed_ratios(r)
    tab = report(r, lang).tables[0]
    rows = "; ".join(", ".join(f"{h} {c}" for h, c in zip(tab.headers, row))
                     for row in cell_texts(tab))
    last_epoch = len(ratios) - 1
    lead = text("deck.speed.lead", network=network(r.recipe), last=r.hidden,
                training=training_text(r.recipe, r.data, words(lang)), start=g(ratios[0]),
                end=g(ratios[-1]), epoch=last_epoch)
    body = text("deck.speed.notes", epoch=last_epoch, last=r.hidden, low=g(ratios.min()),
                high=g(ratios.max()), rows=rows)
    source = RUNS["training_speed"][1]
    return Slide("training-speed", "figure", text("deck.speed.title"), points(lead, bullet=False),
                 figure="training_speed", figure_data=r,
                 notes=notes(text, body, source), source=source)


def _depth(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["depth_accuracy"]
    shown = report(r, lang)
    tab = cut(shown.tables[0], ("hidden", "network", "accuracy", "standard_error"))
    cells = cell_texts(tab)
    accuracy = [row[2] for row in tab.blocks[0].rows]
    best = max(range(len(accuracy)), key=accuracy.__getitem__)
    body = text("deck.depth.notes", best=cells[best][2], hidden=cells[best][0],
                deepest=cells[-1][0], last=cells[-1][2])
    source = RUNS["depth_accuracy"][1]
    return Slide("depth-accuracy", "table", text("deck.depth.title"),
                 points(*shown.heading[1:], bullet=False), table=tab,
                 notes=notes(text, body, source), source=source)


def _remedies(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["remedies"]
    shown = report(r, lang)
    tab = cut(shown.tables[0], ("setup", "ratio_init", "ratio_trained", "accuracy"))
    cells = dict(zip((row.remedy.name for row in r.rows), cell_texts(tab)))
    accuracy = [row.spread("accuracy") for row in r.rows]
    best = max(range(len(r.rows)), key=lambda i: accuracy[i].median if accuracy[i] else -1)
    body = text("deck.remedies.notes", plain=cells["plain"][1], relu=cells["relu"][1],
                residual=cells["residual"][1], plain_accuracy=cells["plain"][3],
                best_accuracy=cell_texts(tab)[best][3])
    source = RUNS["remedies"][1]
    lead = points(shown.heading[1], shown.heading[-1], bullet=False)
    return Slide("remedies", "table", text("deck.remedies.title"), lead, table=tab,
                 notes=notes(text, body, source), source=source)


def _remedies_figure(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["remedies"]
    tab = cut(report(r, lang).tables[0], ("setup", "ratio_trained"))
    rows = "; ".join(f"{label} {ratio}" for label, ratio in cell_texts(tab))
    source = RUNS["remedies"][1]
    return Slide("remedies-figure", "figure", text("deck.remedies_figure.title"),
                 figure="remedies", figure_data=r,
                 notes=notes(text, text("deck.remedies_figure.notes", rows=rows), source),
                 source=source)


def _histograms(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    h = d.gallery("layer_histograms")
    recipe = h.setups[0].recipe
    setups = "; ".join(t.title for t in report(h, lang).tables)
    body = text("deck.histograms.notes", hidden=recipe.hidden, width=recipe.width,
                images=recipe.images, setups=setups)
    source = "analytic figures --only layer_histograms"
    return Slide("histograms", "figure", text("deck.histograms.title"),
                 figure="layer_histograms", figure_data=h,
                 notes=notes(text, body, source), source=source)


def _saturation(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["saturation"]
    foot = report(r, lang).footer
    source = RUNS["saturation"][1]
    return Slide("saturation", "figure", text("deck.saturation.title"),
                 points(foot[0], bullet=False), figure="saturation", figure_data=r,
                 notes=notes(text, text("deck.saturation.notes", lines="\n".join(foot)), source),
                 source=source)


def _dead(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["dead_units"]
    recipe = r.rows[0].recipe
    full = report(r, lang).tables[0]
    last = [c.key for c in full.columns if c.key.startswith("dead_epoch_")][-1]
    tab = cut(full, ("activation", "dead_epoch_0", last, "accuracy"))
    cells = cell_texts(tab)
    lead = text("deck.dead.lead", shift=g(recipe.bias_shift), std=g(recipe.bias_std),
                networks=r.networks)
    shares = ", ".join(f"{row[0]} {row[2]}" for row in cells)
    body = text("deck.dead.notes", epochs=last.rsplit("_", 1)[1], shares=shares,
                slope=relu_slopes()["slope"], mean=relu_slopes()["decimal"])
    source = RUNS["dead_units"][1]
    return Slide("dying-relu", "table", text("deck.dead.title"), points(lead, bullet=False),
                 table=tab, notes=notes(text, body, source), source=source)


def rnn_rows(r: Any, lang: str) -> dict[str, tuple[str, ...]]:
    """The rows of the gradients-through-time report that the slide quotes, by ρ."""
    from ..reports import report

    tab = cut(report(r, lang).tables[0], ("rho", "rate_median", "meanfield_factor",
                                          "log10_norm_h1_median",
                                          "log10_clipped_norm_h1_median"))
    return {row[0]: row for row in cell_texts(tab)}


def _rnn(d: LectureData, text: Text, lang: str) -> Slide:
    r = d.gallery("rnn_gradients")
    rows = rnn_rows(r, lang)
    near, big = g(1.0), g(max(float(k) for k in rows))
    lead = text("deck.rnn.lead", units=r.units, steps=r.steps, rho=near, rate=rows[near][1],
                factor=rows[near][2], clip=g(r.clip), big=big, before=rows[big][3],
                after=rows[big][4])
    source = f"analytic experiment rnn --networks {r.samples}"
    return Slide("rnn", "figure", text("deck.rnn.title"), points(lead, bullet=False),
                 figure="rnn_gradients", figure_data=r,
                 notes=notes(text, text("deck.rnn.notes", steps=r.steps), source),
                 source=source)


def _meanfield(d: LectureData, text: Text, lang: str) -> Slide:
    examples = "; ".join(text("deck.meanfield.example", sw=g(m.sigma_w), chi=g(m.chi1),
                              xi=g(m.depth_scale)) for m in d.meanfield)
    body = text("deck.meanfield.notes", sb=g(TANH_SIGMA_B), examples=examples)
    source = f"analytic theory chi --activation tanh --sigma-b {g(TANH_SIGMA_B)}"
    return Slide("mean-field", "figure", text("deck.meanfield.title"),
                 points(text("deck.meanfield.lead"), bullet=False),
                 figure="tanh_phase_diagram", figure_data=d.gallery("tanh_phase_diagram"),
                 notes=notes(text, body, source), source=source)


def edges() -> dict[str, str]:
    """The edge of chaos for ReLU (σ_b = 0) and for tanh at the deck's σ_b, as σ_w."""
    import numpy as np

    relu_edge = edge_of_chaos(relu(), [1.0])[0][0]
    qs = np.linspace(1e-4, 0.05, 2001)  # σ_b grows with q* along the edge: read it at TANH_SIGMA_B
    sw, sb = edge_of_chaos(tanh(), qs)
    return {"relu_edge": g(relu_edge, 4), "tanh_edge": g(float(np.interp(TANH_SIGMA_B, sb, sw)),
                                                         4),
            "sb": g(TANH_SIGMA_B)}


def _research(d: LectureData, text: Text, lang: str) -> Slide:
    n = VARIANCE_WIDTH
    init = {"xavier": xavier().law, "he": he().law, "n": n,
            "xavier_var": g(xavier().variance(n, n), 4), "he_var": g(he().variance(n, n), 4)}
    paragraphs = points(text("deck.research.xavier", **init),
                        text("deck.research.edge", **edges()),
                        text("deck.research.batch_norm"), text("deck.research.residual"),
                        text("deck.research.clipping"), text("deck.research.lstm"))
    return Slide("research", "bullets", text("deck.research.title"), paragraphs,
                 notes=notes(text, text("deck.research.notes", code=lang),
                             "analytic theory chi --activation relu --sigma-w 1.4142135623730951"),
                 source="analytic theory chi --activation relu --sigma-w 1.4142135623730951")


#: The lecture, in order: each slide's key (what ``analytic slides --only`` takes) and the
#: function that makes it.
SLIDES: dict[str, Callable[[LectureData, Text, str], Slide]] = {
    "opening": _opening, "question": _question, "neuron-bars": _bars, "chain": _chain,
    "derivation": _derivation, "sigmoid": _sigmoid, "product": _product,
    "product-figure": _product_figure, "tanh": _tanh, "relu": _relu,
    "relu-figure": _relu_figure, "explosion": _explosion, "window": _window,
    "training-speed": _speed, "depth-accuracy": _depth, "remedies": _remedies,
    "remedies-figure": _remedies_figure, "histograms": _histograms, "saturation": _saturation,
    "dying-relu": _dead, "rnn": _rnn, "mean-field": _meanfield, "research": _research,
}
KEYS = tuple(SLIDES)


def check_keys(keys: Sequence[str] | None) -> list[str]:
    """The slides to make, in the lecture's order; all of them when ``keys`` is empty."""
    from ..figures import in_order

    return in_order(keys, KEYS, "slide")


def lecture(lang: str = "en", data: LectureData | None = None,
            only: Sequence[str] | None = None) -> Deck:
    """The lecture deck in ``lang`` (the slides ``only`` names, or all), its pictures not yet
    drawn (:func:`~.model.with_pictures`); ``data`` is computed when not given.

    >>> [s.title for s in lecture("ja", only=["relu"]).slides]
    ['ReLU の仲間']
    """
    check_language(lang)
    keys = check_keys(only)
    data = LectureData() if data is None else data
    text = partial(_text, lang=lang)
    slides = tuple(SLIDES[key](data, text, lang) for key in keys)
    assert [s.key for s in slides] == keys, "a slide's key is its key in SLIDES"
    return Deck(lang, slides)


def _text(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, **fields)
