"""The teaching tables, built from computed data: vanishing, explosion and the activation facts.

- ``vanishing``: for k = 1..N, the bound (max φ′)^k that holds when |w| ≤ 1 (for the sigmoid,
  (1/4)^k) and, over many random chains, quantiles of |∂C/∂b₁| / |∂C/∂b_(k+1)| measured with
  the backprop (:func:`analytic.chain.ratios.sample_product_bands`);
- ``explosion``: the chapter's exploding chain (all w_j = w, every z_j = 0), the backprop ratio
  next to the closed form (w/4)^k (:func:`analytic.theory.explosion.explosion_ratios`);
- ``activations``: per registered activation, its range, its largest derivative and where, where
  the derivative is below 1e-3, and on which side it saturates
  (:mod:`analytic.theory.activation_facts`);
- ``inits``: the weight initialisations learners meet, their laws, what each keeps (with
  mean-field theory's χ₁ computed for the activation it was derived for) and the names each
  goes by in the papers, the frameworks and the textbooks (:mod:`analytic.theory.initialisations`).

Each builder takes the computed data and a language and returns a :class:`~.table.Table`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..chain.ratios import ProductBands
from ..theory.activation_facts import ActivationFacts, Interval
from ..theory.explosion import ExplosionRatios
from ..theory.initialisations import Scheme, tanh_chi1_with_torch_gain
from .i18n import tr
from .table import Block, Column, Table, table

TABLES = ("vanishing", "explosion", "activations", "inits")


def _column(key: str, lang: str, fmt: str = "{:.4g}") -> Column:
    return Column(key, tr(f"col.{key}", lang), fmt)


# --- vanishing -----------------------------------------------------------------------------------
def vanishing_table(
    bands: Sequence[ProductBands], peaks: Sequence[float], lang: str = "en"
) -> Table:
    """One block per activation: k, the bound peak^k, the sampled 10/50/90 % and the zero share."""
    columns = (*(_column(k, lang) for k in ("k", "bound", "p10", "median", "p90")),
               _column("zero", lang, "{:.1%}"))
    blocks = []
    for b, peak in zip(bands, peaks):
        cols = (b.k, peak ** b.k.astype(float), b.p10, b.median, b.p90, b.zero_fraction)
        rows = tuple((int(r[0]), *map(float, r[1:])) for r in zip(*cols))
        blocks.append(Block(b.activation, rows))
    samples, seed = bands[0].samples, bands[0].seed
    return Table(
        "vanishing", tr("table.vanishing", lang), columns, tuple(blocks),
        tr("table.vanishing.note", lang, samples=samples, seed=seed),
        {"samples": samples, "seed": seed}, block_key="activation",
        block_header=tr("col.activation", lang),
    )


# --- explosion -----------------------------------------------------------------------------------
def explosion_table(e: ExplosionRatios, lang: str = "en") -> Table:
    columns = (_column("k", lang), _column("backprop", lang), _column("closed_form", lang),
               _column("relative_difference", lang, "{:.1e}"))
    rows = [(int(k), float(b), float(c), float(d))
            for k, b, c, d in zip(e.k, e.backprop, e.closed_form, e.relative_difference)]
    return table("explosion", tr("table.explosion", lang, w=f"{e.weight:g}"), columns, rows,
                 tr("table.explosion.note", lang), {"weight": e.weight})


# --- activations ---------------------------------------------------------------------------------
def _number(x: float) -> str:
    return f"{x:.4g}" if x != 0 else "0"


def interval_text(i: Interval) -> str:
    """[0, ∞), (−1, 1), ...: ends at ±∞ are always open."""
    lo = "(-∞" if math.isinf(i.lo) else ("[" if i.lo_closed else "(") + _number(i.lo)
    hi = "∞)" if math.isinf(i.hi) else _number(i.hi) + ("]" if i.hi_closed else ")")
    return f"{lo}, {hi}"


def _where(i: Interval | None, lang: str) -> str:
    if i is None:
        return tr("word.right", lang)
    if i.lo == i.hi:
        return f"z = {_number(i.lo)}"
    return f"z {'≥' if i.lo_closed else '>'} {_number(i.lo)}"


def _region(i: Interval) -> str:
    if math.isinf(i.lo) and math.isinf(i.hi):
        return "all z"
    if math.isinf(i.lo):
        return f"z < {i.hi:.3g}"
    if math.isinf(i.hi):
        return f"z > {i.lo:.3g}"
    return f"{i.lo:.3g} < z < {i.hi:.3g}"


def _sides(saturates: tuple[bool, bool], lang: str) -> str:
    key = {(True, True): "both", (True, False): "left", (False, True): "right"}
    return tr(f"word.{key.get(saturates, 'no')}", lang)


def display_name(f: ActivationFacts) -> str:
    """relu, or leaky_relu (slope=0.01): readable, and breakable in a narrow column."""
    params = ", ".join(f"{k}={v:.4g}" for k, v in f.params)
    return f"{f.name} ({params})" if params else f.name


def activation_row(f: ActivationFacts, lang: str = "en") -> tuple[str, str, float, str, str, str]:
    """One activation's facts as the table shows them."""
    tiny = ", ".join(map(_region, f.tiny)) or tr("word.nowhere", lang)
    return (display_name(f), interval_text(f.range), f.max_prime, _where(f.steepest, lang),
            tiny, _sides(f.saturates, lang))


def activations_table(facts: Sequence[ActivationFacts], lang: str = "en") -> Table:
    keys = ("activation", "range", "max_prime", "argmax", "tiny", "saturates")
    rows = [activation_row(f, lang) for f in facts]
    return table("activations", tr("table.activations", lang), [_column(k, lang) for k in keys],
                 rows, tr("table.activations.note", lang))


# --- weight initialisations ----------------------------------------------------------------------
def _for(scheme: Scheme) -> str:
    # the activation a scheme was derived for, by its source
    return "glorot" if scheme.key.startswith("glorot") else scheme.activation


def inits_tables(schemes: Sequence[Scheme], lang: str = "en") -> tuple[Table, Table]:
    """The laws and what each keeps (χ₁ computed), then the names each goes by."""
    keys = ("scheme", "law", "gain_square", "gain_first", "keeps", "derived_for", "chi1")
    rows = [(tr(f"init.name.{s.key}", lang), s.law, s.sigma_w2(100, 100), s.sigma_w2(784, 30),
             tr(f"init.keeps.{s.keeps}", lang), tr(f"init.for.{_for(s)}", lang), s.chi1())
            for s in schemes]
    laws = table("inits", tr("table.inits", lang), [_column(k, lang) for k in keys], rows,
                 tr("table.inits.note", lang))
    names = [(tr(f"init.name.{s.key}", lang), tr(f"init.names.{s.key}", lang), s.init or None)
             for s in schemes]
    gain = f"{tanh_chi1_with_torch_gain():.3f}"
    return laws, table("init-names", tr("table.init_names", lang),
                       [_column(k, lang) for k in ("scheme", "names", "init")], names,
                       tr("table.init_names.note", lang, tanh_chi1=gain))
