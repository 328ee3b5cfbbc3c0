"""What every report shares: a recipe in words, a column in the reader's language, the epochs
a table shows, a median and band in one cell, a per-layer measure in words, and the data set's
name.

A report speaks through ``text = words(lang)``: ``text(key, **fields)`` is the string ``key``
of :mod:`analytic.present.strings` in the reader's language. Numbers and formulas read the
same in both languages; the objects (activations, weight schemes) name themselves
(``Activation.label``, ``WeightScheme.law``), except a scheme whose label is a word
(:func:`scheme_label`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ...core.initialisation import WeightScheme
from ...experiments.mnist import EMBEDDED_NAME
from ...experiments.result import Spread, band_kind
from ...train import Recipe
from ..i18n import STRINGS, tr
from ..table import MISSING, Column

Text = Callable[..., str]


def words(lang: str) -> Text:
    """``text(key, **fields)``: the string ``key`` in ``lang``."""
    return lambda key, **fields: tr(key, lang, **fields)


def column(key: str, text: Text, fmt: str = "{:.4g}", **fields: object) -> Column:
    """A column whose header is the string ``key``; its csv and JSON key is the last part."""
    return Column(key.rpartition(".")[2], text(key, **fields), fmt)


def data_name(name: str, text: Text) -> str:
    """The data set as people read it: the embedded sample in their language, a user's file
    by its name."""
    return text("data.embedded") if name == EMBEDDED_NAME else name


def number(x: float, text: Text, fmt: str = "{:.3f}") -> str:
    """A number in a sentence: in ``fmt`` when it is finite, in words when it is not; a fixed
    point format gives way to three significant digits from a billion on (a diverging run's
    1e305 is not three hundred digits).

    >>> number(0.25, words("en")), number(float("nan"), words("en")), number(-math.inf, words("ja"))
    ('0.250', 'undefined', '負の無限大')
    >>> number(3.357e305, words("en"), "{:.2f}"), number(-79707083.3, words("en"))
    ('3.36e305', '-79707083.300')
    """
    if math.isnan(x):
        return text("number.undefined")
    if math.isinf(x):
        return text("number.infinite" if x > 0 else "number.negative_infinite")
    if abs(x) >= 1e9 and fmt.endswith("f}"):
        return compact(x)
    return fmt.format(x)


def compact(x: float) -> str:
    """Three significant digits, the exponent without padding.

    >>> compact(1.6612e6), compact(9.93e-6), compact(0.384), compact(78.9)
    ('1.66e6', '9.93e-6', '0.384', '78.9')
    """
    text = f"{x:.3g}"
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def shown_epochs(epochs: int) -> list[int]:
    """The epochs a text table shows: 0, 1, 2, 5, 10, 20, 50, ... up to ``epochs``, and it.

    >>> shown_epochs(20), shown_epochs(7)
    ([0, 1, 2, 5, 10, 20], [0, 1, 2, 5, 7])
    """
    shown, scale = [0], 1
    while scale <= epochs:
        shown += [k * scale for k in (1, 2, 5) if k * scale <= epochs]
        scale *= 10
    return shown if shown[-1] == epochs else [*shown, epochs]


# --- a recipe in words ---------------------------------------------------------------------------
def scheme_label(scheme: WeightScheme, text: Text) -> str:
    """A weight scheme's short name in the reader's language: a law or a person's name as the
    scheme gives it, a word ("standard") from the string table.

    >>> from analytic.core.initialisation import he, standard
    >>> scheme_label(standard(), words("ja")), scheme_label(he(), words("ja"))
    ('標準', 'He')
    """
    key = f"init.label.{scheme.name}"
    return text(key) if key in STRINGS else scheme.label


def sizes_text(recipe: Recipe) -> str:
    """[784, 30 × 4, 10]."""
    return f"[{recipe.sizes[0]}, {recipe.width} × {recipe.hidden}, {recipe.sizes[-1]}]"


def biases_text(recipe: Recipe, text: Text) -> str:
    """How the recipe's biases start."""
    std = f"{recipe.bias_std:g}"
    if recipe.bias_shift:
        return text("recipe.biases_shifted", shift=f"{recipe.bias_shift:g}", std=std)
    if recipe.bias_std == 0:
        return text("recipe.biases_zero")
    return text("recipe.biases_chapter") if recipe.bias_std == 1 else text("recipe.biases",
                                                                           std=std)


def network_text(recipe: Recipe, text: Text, varies: tuple[str, ...] = (),
                 sizes: str | None = None) -> str:
    """The recipe's network in one line; where its rows differ (``varies``: "activation",
    "init") the line says that each row says, and ``sizes`` stands in place of its sizes."""
    extras = (text("recipe.batch_norm") if recipe.batch_norm else "") + (
        text("recipe.residual") if recipe.residual else "")
    hidden = text("recipe.hidden_of", act=recipe.activation.label)
    return text("recipe.network", sizes=sizes or sizes_text(recipe),
                hidden=text("recipe.hidden_by_row") if "activation" in varies else hidden,
                law=text("recipe.by_row") if "init" in varies else recipe.init.law,
                biases=biases_text(recipe, text), output=recipe.output.label,
                cost=text(f"recipe.cost.{recipe.cost.name}"), extras=extras)


def optimiser_text(recipe: Recipe, text: Text) -> str:
    """What the optimiser adds to the chapter's plain steps, as ", ..." (empty: nothing).

    >>> en = words("en")
    >>> optimiser_text(Recipe(momentum=0.9, nesterov=True, clip=1.0), en)
    ', Nesterov momentum μ = 0.9, gradient norm clipped at 1'
    """
    parts = ""
    if recipe.momentum:
        kind = "recipe.nesterov" if recipe.nesterov else "recipe.momentum"
        parts += text(kind, mu=f"{recipe.momentum:g}")
    if recipe.clip is not None:
        parts += text("recipe.clip", clip=f"{recipe.clip:g}")
    return parts


def training_text(recipe: Recipe, data: str, text: Text) -> str:
    """How the recipe trains, in one line."""
    fields = {"eta": f"{recipe.eta:g}", "lmbda": f"{recipe.lmbda:g}",
              "optimiser": optimiser_text(recipe, text), "epochs": recipe.epochs,
              "images": f"{recipe.images:,}", "data": data_name(data, text)}
    if recipe.full_batch:
        return text("recipe.full_batch", **fields)
    return text("recipe.sgd", batch=recipe.batch_size, **fields)


def digits_text(recipe: Recipe, data: str, text: Text) -> str:
    return text("recipe.digits", images=f"{recipe.images:,}", data=data_name(data, text))


def diverged_line(epoch: int | None, text: Text) -> tuple[str, ...]:
    """The line that says a run diverged, or none."""
    return () if epoch is None else (text("diverged.run", epoch=epoch),)


def shared(recipes: Sequence[Recipe]) -> tuple[Recipe, tuple[str, ...]]:
    """The first recipe and the fields in which the others differ from it, after checking
    that they differ only where a table's rows say (the hidden activation and weights)."""
    first, varies = recipes[0], set()
    for r in recipes[1:]:
        varies |= set(r.changes(first))
    rest = varies - {"activation", "init"}
    if rest:
        raise ValueError(f"the rows of one table differ in {sorted(rest)[0]}")
    return first, tuple(sorted(varies))


# --- a median and its band in one cell -----------------------------------------------------------
def _shown(x: float, kind: str, band: bool = False) -> str:
    if kind == "ratio":
        return compact(x)
    return f"{100 * x:.1f}" if band else f"{100 * x:.1f}%"


def spread_cell(values: list[float | None], kind: str, text: Text) -> str:
    """median [low, high] of the values present (the band: 10th and 90th percentiles from ten
    runs on, min and max below; :class:`~analytic.experiments.result.Spread`), with how many
    runs gave one when some did not; "—" when none did. ``kind`` is "ratio" (three digits) or
    "percent"."""
    present = [v for v in values if v is not None]
    spread = Spread.of(present)
    if spread is None:
        return MISSING
    cell = _shown(spread.median, kind)
    if len(present) > 1:
        cell += f" [{_shown(spread.low, kind, True)}, {_shown(spread.high, kind, True)}]"
    if len(present) < len(values):
        cell += " " + text("remedies.of_runs", n=len(present), total=len(values))
    return cell


# --- a per-layer measure in words ----------------------------------------------------------------
def measure_text(measure: str, text: Text) -> str:
    """The measure (:data:`analytic.train.MEASURES`) as one line says it.

    >>> measure_text("delta-rms", words("en")).split(",")[0]
    'rms δ^l'
    """
    return text(f"measure.{measure}")


def band_text(runs: int, text: Text, form: str = "") -> str:
    """The band over ``runs`` runs in words: "10–90 %" or "min–max" (``form`` "cell": the two
    ends, "10 %, 90 %" or "min, max")."""
    return text(f"band.{form + '.' if form else ''}{band_kind(runs)}")
