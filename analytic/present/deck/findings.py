"""The lecture's second half: the chapter's experiments, the remedies side by side, inside the
layers, gradients through time, mean-field theory and what the research found.

Each slide is a function ``(data, text, lang) -> Slide``, as in :mod:`.mathematics`; the
experiments are the committed runs :class:`~.data.LectureData` reads.
"""

from __future__ import annotations

from typing import Any

from ...core.activations import relu, tanh
from ...core.initialisation import he, xavier
from ...theory.phase_diagram import edge_of_chaos
from .data import RUNS, TANH_SIGMA_B, VARIANCE_WIDTH, LectureData, Text, g, network, notes
from .mathematics import relu_slopes
from .model import Slide, cell_texts, cut, points


def speed_ratios(r: Any) -> Any:
    """The last hidden layer's speed over the first's, at every epoch of a training run."""
    return r.speeds[:, -1] / r.speeds[:, 0]


def speed(d: LectureData, text: Text, lang: str) -> Slide:
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


def depth(d: LectureData, text: Text, lang: str) -> Slide:
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


def remedies(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["remedies"]
    shown = report(r, lang)
    tab = cut(shown.tables[0], ("setup", "measure", "ratio_init", "ratio_trained", "accuracy"))
    cells = dict(zip((row.remedy.name for row in r.rows), cell_texts(tab)))
    accuracy = [row.spread("accuracy") for row in r.rows]
    best = max(range(len(r.rows)), key=lambda i: accuracy[i].median if accuracy[i] else -1)
    body = text("deck.remedies.notes", column=tab.headers[2], plain=cells["plain"][2],
                relu=cells["relu"][2], residual=cells["residual"][2],
                plain_accuracy=cells["plain"][4], best_accuracy=cell_texts(tab)[best][4])
    # the training, each row's measure and what the cells hold, as the report says them
    body = "\n".join((body, *shown.heading[2:]))
    source = RUNS["remedies"][1]
    lead = points(shown.heading[1], shown.heading[-1], bullet=False)
    return Slide("remedies", "table", text("deck.remedies.title"), lead, table=tab,
                 notes=notes(text, body, source), source=source)


def remedies_figure(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["remedies"]
    shown = report(r, lang)
    tab = cut(shown.tables[0], ("setup", "ratio_trained"))
    rows = "; ".join(f"{label} {ratio}" for label, ratio in cell_texts(tab))
    body = text("deck.remedies_figure.notes", rows=rows, cells=shown.heading[-1])
    source = RUNS["remedies"][1]
    return Slide("remedies-figure", "figure", text("deck.remedies_figure.title"),
                 figure="remedies", figure_data=r, notes=notes(text, body, source),
                 source=source)


def histograms(d: LectureData, text: Text, lang: str) -> Slide:
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


def saturation(d: LectureData, text: Text, lang: str) -> Slide:
    from ..reports import report

    r = d.runs["saturation"]
    foot = report(r, lang).footer
    source = RUNS["saturation"][1]
    return Slide("saturation", "figure", text("deck.saturation.title"),
                 points(foot[0], bullet=False), figure="saturation", figure_data=r,
                 notes=notes(text, text("deck.saturation.notes", lines="\n".join(foot)), source),
                 source=source)


def dead(d: LectureData, text: Text, lang: str) -> Slide:
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


def rnn(d: LectureData, text: Text, lang: str) -> Slide:
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


def meanfield(d: LectureData, text: Text, lang: str) -> Slide:
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


def research(d: LectureData, text: Text, lang: str) -> Slide:
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

