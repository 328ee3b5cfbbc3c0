"""The lecture's first half: the question, the chain formula and its derivation, σ′ and its
bound, the product against depth, tanh and the ReLU family, exploding gradients and the window.

Each slide is a function ``(data, text, lang) -> Slide``: its numbers from
:class:`~.data.LectureData`, every word through ``text`` (the deck's language), every table a
report's own.
"""

from __future__ import annotations

import re

import sympy as sp

from ...chain.derive import Derivation, factor_text, subscript
from ...core.activations import leaky_relu, prelu, relu, rrelu, sigmoid, tanh
from ...theory.activation_facts import TINY, facts_of
from ..table import Table, show
from .data import (
    EXPLODING_DEPTH,
    PRODUCT_ROWS,
    RUNS,
    LectureData,
    Text,
    fraction,
    g,
    network,
    notes,
    unicode,
)
from .model import Paragraph, Slide, cell_texts, cut, points


def opening(d: LectureData, text: Text, lang: str) -> Slide:
    return Slide("opening", "title", text("deck.title"),
                 points(text("deck.subtitle"), text("deck.subtitle.computed"), bullet=False),
                 notes=text("deck.title.notes"))


def question(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["init_norms"]
    tab = cut(report(r, lang).tables[0], ("layer", "median", "low", "high",
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


def bars(d: LectureData, text: Text, lang: str) -> Slide:
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


def chain(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports.chain import check_words

    der, last = d.derivation, subscript(d.derivation.depth)
    words = [check_words(c, lang) for c in d.verification.checks]
    # the report lists "product form = SymPy", "= sympy.diff", ...: a bullet repeats the subject
    subject = words[0][0].split(" = ")[0].split(": ")[-1]
    checks = [text("deck.chain.check", detail=detail,
                   name=re.sub(r"(^|: )= ", lambda m: f"{m[1]}{subject} = ", name, count=1))
              for name, detail in words]
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


def derivation(d: LectureData, text: Text, lang: str) -> Slide:
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


def sigmoid_slide(d: LectureData, text: Text, lang: str) -> Slide:
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


def product(d: LectureData, text: Text, lang: str) -> Slide:
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


def product_figure(d: LectureData, text: Text, lang: str) -> Slide:
    p = d.gallery("gradient_product")
    body = text("deck.product_figure.notes", samples=f"{p.bands[0].samples:,}",
                w=g(p.explosion_weight), factor=g(p.explosion_factor))
    return Slide("product-figure", "figure", text("deck.product_figure.title"),
                 figure="gradient_product", figure_data=p,
                 notes=notes(text, body, "analytic figures --only gradient_product"),
                 source="analytic figures --only gradient_product")


def tanh_slide(d: LectureData, text: Text, lang: str) -> Slide:
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


def relu_slide(d: LectureData, text: Text, lang: str) -> Slide:
    s = relu_slopes()
    paragraphs = points(text("deck.relu.relu", **s), text("deck.relu.leaky", **s),
                        text("deck.relu.prelu", **s), text("deck.relu.rrelu", **s),
                        text("deck.relu.side"))
    return Slide("relu", "bullets", text("deck.relu.title"), paragraphs,
                 notes=notes(text, text("deck.relu.notes", **s), "analytic table activations"),
                 source="analytic table activations")


def relu_figure(d: LectureData, text: Text, lang: str) -> Slide:
    return Slide("relu-figure", "figure", text("deck.relu_figure.title"),
                 figure="relu_family", figure_data=d.gallery("relu_family"),
                 notes=notes(text, text("deck.relu_figure.notes"),
                             "analytic figures --only relu_family"),
                 source="analytic figures --only relu_family")


def explosion(d: LectureData, text: Text, lang: str) -> Slide:
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


def window(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports.theory import window_report

    w, widest = d.window.derivation, d.window.widest
    lead = text("deck.window.lead", min_w=unicode(w.min_abs_w), width=g(widest.max_width),
                argmax=g(widest.argmax_abs_w))
    body = "\n".join(line.strip() for line in window_report(d.window, lang).heading if line)
    return Slide("window", "figure", text("deck.window.title"), points(lead, bullet=False),
                 figure="sigmoid_window", figure_data=d.gallery("sigmoid_window"),
                 notes=notes(text, body, "analytic problem sigmoid-window"),
                 source="analytic problem sigmoid-window")

