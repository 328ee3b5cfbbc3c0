"""The runs the README and the docs quote, and how each quoted number is computed from them.

RUNS: run name -> the command's arguments (``analytic ARGS --format json`` is committed as
docs/runs/NAME.json by ``tools/quote_runs.py record``); RECORDED: the runs of figures/NAME/
that tools/build_recorded_figures.py keeps. QUOTES: key -> (run, function of the run's result
giving the text between the key's markers). A function returns exactly the text the page
shows: a number as it is printed, a table in markdown (:func:`table`), a code block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import analytic
from analytic.present.figures.recorded import RECORDED as _RECORDED

RECORDED = dict(_RECORDED)

RUNS: dict[str, tuple[str, ...]] = {
    "quick-start": ("derive", "--depth", "4", "--format", "text"),
    "init-norms-4": ("experiment", "init-norms", "--hidden", "4", "--networks", "200"),
    "training-speed-4": ("experiment", "training-speed", "--hidden", "4"),
    "training-speed-2": ("experiment", "training-speed", "--hidden", "2"),
    "training-speed-prelu-10": ("experiment", "training-speed", "--hidden", "10", "--activation",
                                "prelu", "--init", "he"),
    "training-speed-prelu-6-momentum": ("experiment", "training-speed", "--hidden", "6",
                                        "--activation", "prelu", "--init", "he", "--momentum",
                                        "0.5"),
    "training-speed-prelu-10-nesterov": ("experiment", "training-speed", "--hidden", "10",
                                         "--activation", "prelu", "--init", "he", "--momentum",
                                         "0.9", "--nesterov", "--clip", "1", "--epochs", "200"),
    "training-speed-relu-4": ("experiment", "training-speed", "--hidden", "4", "--activation",
                              "relu", "--init", "he", "--epochs", "200"),
    "compare-inits": ("experiment", "compare-inits"),
    "depth-accuracy": ("experiment", "depth-accuracy", "--networks", "3"),
    "depth-accuracy-lmbda0.4": ("experiment", "depth-accuracy", "--lmbda", "0.4"),
    "depth-accuracy-lmbda0": ("experiment", "depth-accuracy", "--lmbda", "0"),
    "sigmoid-window": ("problem", "sigmoid-window"),
    "larger-derivative": ("problem", "larger-derivative"),
    "theory-predict-4": ("theory", "predict", "--hidden", "4"),
    "rnn": ("experiment", "rnn"),
    "rnn-30": ("experiment", "rnn", "--networks", "30"),  # the gallery's figure
    "derive-lstm-4": ("derive", "--tied", "--cell", "lstm", "--depth", "4"),
    "activations": ("table", "activations"),
    "vanishing-20": ("table", "vanishing", "--depth", "20", "--chains", "2000", "--activation",
                     "sigmoid,tanh,relu"),  # the gallery's product figure
    "remedies-chapter-measure": ("experiment", "remedies", "--remedy", "critical,batch_norm",
                                 "--measure", "bias-gradient"),
    "remedies-weight-gradient": ("experiment", "remedies", "--remedy", "batch_norm",
                                 "--measure", "weight-gradient"),
    "dying-relu-seed1-relu": ("experiment", "dying-relu", "--seed", "1", "--activation", "relu"),
    "dying-relu-shift0-eta0.5": ("experiment", "dying-relu", "--bias-shift", "0", "--eta", "0.5"),
    "saturation-eta1": ("experiment", "saturation", "--eta", "1"),
    "saturation-seed1": ("experiment", "saturation", "--seed", "1", "--setup", "sigmoid/scaled"),
    "saturation-seed2": ("experiment", "saturation", "--seed", "2", "--setup", "sigmoid/scaled"),
    "saturation-bias0": ("experiment", "saturation", "--bias-std", "0", "--setup",
                         "sigmoid/scaled"),
    "saturation-glorot2010": ("experiment", "saturation", "--preset", "glorot2010"),
    "saturation-dead": ("experiment", "saturation", "--dead"),
    "histograms": ("experiment", "histograms"),
    "histograms-200": ("experiment", "histograms", "--images", "200"),
    "histograms-glorot2010": ("experiment", "histograms", "--preset", "glorot2010"),
    "depth-scale": ("theory", "depth-scale"),
}


def result(data: dict | str) -> Any:
    """A run's JSON as its experiment's result; a JSON that is no experiment's, or printed
    text, as it is."""
    if isinstance(data, dict) and "experiment" in data:
        return analytic.read(data)
    return data


# --- how a quote is written ----------------------------------------------------------------------
def table(r: Any, index: int = 0, lang: str = "en") -> str:
    """Table ``index`` of the run's report, in markdown, on lines of its own."""
    return block(analytic.render(analytic.report(r, lang).tables[index], "markdown"))


def block(text: str) -> str:
    """Text that stands on lines of its own between the markers."""
    return "\n" + text.strip("\n") + "\n"


def g(x: float, digits: int = 3) -> str:
    """A number to ``digits`` significant digits."""
    return f"{x:.{digits}g}"


def percent(x: float, digits: int = 1) -> str:
    """A fraction as a percentage: 0.9317 -> '93.2'."""
    return f"{100 * x:.{digits}f}"


def power(x: float, digits: int = 2) -> str:
    """A number as a power of ten, as the text writes it: 8·10⁻⁶ (1.66·10⁶ with 3 digits)."""
    exponent = int(np.floor(np.log10(abs(x))))
    mantissa = x / 10.0 ** exponent
    sup = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa:.{digits}g}·10{sup}"


def span(values: Any, fmt: Any = "{:.3f}") -> str:
    """The lowest and the highest of the values, each by ``fmt`` (a function or a format
    string): 0.27–0.30."""
    write = fmt if callable(fmt) else fmt.format
    return f"{write(min(values))}–{write(max(values))}"


def shares(xs: Any) -> str:
    """Fractions as the text lists percentages: '13.3 %, 23.3 % and 33.3 %'."""
    return listing([f"{percent(x)} %" for x in xs])


def listing(texts: list[str]) -> str:
    """a, b, c and d."""
    return ", ".join(texts[:-1]) + " and " + texts[-1] if len(texts) > 1 else texts[0]


def _radius(r: Any, rho: float) -> dict:
    # the table row of a recurrent run for spectral radius rho
    return next(g.summary(r.gamma) for g in r.radii if g.rho == rho)


def _widest(d: dict, activation: str) -> float:
    # the widest window of an activation in the larger-derivative exercise
    return next(row["widest_window"] for row in d["rows"] if row["activation"] == activation)


def _norm_h1(r: Any, rho: float) -> float:
    # the median norm of dC/dh_1 at spectral radius rho
    return 10 ** _radius(r, rho)["log10_norm_h1_median"]


def _peak(d: dict, name: str) -> str:
    # an activation's largest derivative, as the activations table gives it
    rows = d["blocks"][0]["rows"]
    return f"{next(row['max_prime'] for row in rows if row['activation'] == name):.3f}"


def _zero_share(d: dict, activation: str, k: int) -> str:
    # the share of sampled chains whose ratio is exactly 0 after k layers, in per cent
    block = next(b for b in d["blocks"] if b["name"] == activation)
    return f"{100 * block['rows'][k - 1]['zero']:.0f}"


def _row(r: Any, activation: str, init: str) -> Any:
    # the row of a comparison for one activation and one weight scheme
    return next(row for row in r.rows
                if row.recipe.activation.name == activation and row.recipe.init.spec == init)


def _depth(r: Any, hidden: int) -> int:
    return [rec.hidden for rec in r.recipes].index(hidden)


def _accuracy(r: Any, hidden: int) -> float:
    return float(np.nanmean(r.accuracies[_depth(r, hidden)]))


# --- the remedies and the dying ReLUs -------------------------------------------------------------
def _remedy(r: Any, name: str) -> Any:
    return next(row for row in r.rows if row.remedy.name == name)


def _median(r: Any, name: str, summary: str) -> float:
    return _remedy(r, name).spread(summary).median


#: The rows of the remedies table the text quotes a summary of, as (row, summary).
REMEDY_CELLS = (
    ("plain", "accuracy"), ("plain", "saturated"), ("critical", "ratio_init"),
    ("critical", "ratio_trained"), ("critical", "accuracy"), ("critical", "saturated"),
    ("tanh", "ratio_init"), ("tanh", "accuracy"), ("tanh", "saturated"),
    ("tanh_zero_biases", "ratio_init"), ("tanh_zero_biases", "accuracy"),
    ("tanh_zero_biases", "saturated"), ("relu", "ratio_init"), ("relu", "ratio_trained"),
    ("relu", "accuracy"),
    *((name, summary) for name in ("relu", "leaky_relu", "leaky_relu_0.25", "prelu", "rrelu",
                                   "elu") for summary in ("dead", "accuracy") if
      (name, summary) != ("relu", "accuracy")),
    ("batch_norm", "ratio_init"), ("batch_norm", "ratio_trained"), ("batch_norm", "accuracy"),
    ("batch_norm", "saturated"), ("residual", "ratio_init"), ("residual", "ratio_trained"),
    ("residual", "accuracy"), ("residual", "saturated"), ("momentum", "accuracy"),
    ("clipping", "accuracy"),
)
#: The rectifier rows, and the rows that learn (the text compares the critical row with them).
RECTIFIER_ROWS = ("relu", "leaky_relu", "leaky_relu_0.25", "prelu", "rrelu", "elu")
LEARNING_ROWS = ("tanh_zero_biases", *RECTIFIER_ROWS, "batch_norm")


def _cell(name: str, summary: str) -> Callable[[Any], str]:
    if summary.startswith("ratio"):
        return lambda r: g(_median(r, name, summary))
    return lambda r: percent(_median(r, name, summary))


def _binomial(p: float, recipe: Any) -> float:
    # the binomial standard error of an accuracy p on the recipe's validation digits
    return (p * (1 - p) / recipe.validation) ** 0.5


def _first_network(r: Any, name: str, layers: slice, fmt) -> str:
    # the row's network 0 at initialisation: the span of its measure over some layers
    return span(_remedy(r, name).runs[0].speeds[0][layers], fmt)


def _prelu_slopes(runs: Any) -> str:
    # each hidden layer's mean learned slope at the end of the runs that did not diverge
    ends = [run.slopes[-1] for run in runs if run.diverged_at is None]
    return span(np.ravel(ends), lambda x: f"{x:.2f}")


def _dead_row(d: Any, label: str) -> Any:
    return next(row for row in d.rows if row.recipe.activation.label == label)


def _stuck(row: Any) -> list[Any]:
    # the runs that end at chance
    return [run for run in row.runs if run.accuracies[-1] == 0.1]


def _revived(row: Any) -> Any:
    return next(run for run in row.runs if run.accuracies[-1] > 0.1)


#: The dying-relu rows the text quotes, by key: the activation's label.
DEAD_ROWS = {"relu": "relu", "leaky_relu_0.25": "leaky_relu:slope=0.25", "prelu": "prelu",
             "rrelu": "rrelu", "elu": "elu"}


def _pct0(x: float) -> str:
    return f"{100 * x:.0f}"


def _dead_end(d: Any, label: str) -> str:
    row = _dead_row(d, label)
    return percent(row.dead_at(row.recipe.epochs).median)


def _accuracy_end(d: Any, label: str) -> str:
    row = _dead_row(d, label)
    return percent(row.accuracy_at(row.recipe.epochs).median)


def _survivors(d: Any) -> list[Any]:
    return [run for run in _dead_row(d, "relu").runs if run.diverged_at is None]


def failure_range(r: Any, chaotic: bool) -> tuple[float, float]:
    """The first depth that fails, over ξ_c, across the ordered (or chaotic) columns."""
    found = [r.first_failure(s) for s in r.sigma_w2s if (s > r.theory.critical) == chaotic]
    found = [f for f in found if f is not None]
    return min(found), max(found)


def _agreement(r: Any, inside: bool) -> str:
    a = r.agreement()
    return (f"{a['inside_trained']} of {a['inside']}" if inside
            else f"{a['outside_trained']} of {a['outside']}")


# --- the gated cells and batch norm over weight scales ------------------------------------------
def _cell_row(r: Any, cell: str, rho: float) -> dict:
    # the table row of one gated-cell comparison's cell at spectral radius rho
    return next(x.summary() for x in r.block(cell).radii if x.rho == rho)


def _ten_to(r: Any, cell: str, rho: float, key: str = "log10_norm_h1_median") -> str:
    # a median log10 norm of the cells' table as the power of ten it stands for
    return power(10 ** _cell_row(r, cell, rho)[key])


def _cells_range(r: Any, cell: str) -> str:
    return f"{_ten_to(r, cell, 0.9)} to {_ten_to(r, cell, 1.1)}"


def _bn_train(r: Any) -> np.ndarray:
    # (arm, scale) median training accuracy of the scale sweep
    return r.runs.median("train_accuracy")


def _bn_table(r: Any) -> str:
    # the sweep's training accuracies, one column a scale, as the text shows them
    acc = _bn_train(r)
    cell = lambda x: "—" if not np.isfinite(x) else f"{100 * x:.0f}"  # noqa: E731
    head = "| w | " + " | ".join(f"{w:.2g}" for w in r.scales) + " |"
    rule = "|---|" + "---:|" * len(r.scales)
    rows = [f"| {arm} | " + " | ".join(cell(x) for x in acc[a]) + " |"
            for a, arm in enumerate(("without", "with"))]
    return block("\n".join([head, rule, *rows]))


def _bn_epoch(r: Any, arm: int, epoch: int) -> float:
    # the sigmoid network's validation accuracy at the end of an epoch
    s = r.inputs
    return float(s.accuracies[arm][list(s.steps).index(epoch * s.recipe.steps_per_epoch)])


def _bn_count(r: Any, arm: int) -> str:
    return f"{int(np.sum(_bn_train(r)[arm] > 0.5))}"


def _bn_first(r: Any, arm: int, test) -> str:
    # the largest scale at which the arm's accuracy meets ``test``, as the text writes it
    acc = _bn_train(r)[arm]
    return next(f"{w:.2g}" for j, w in enumerate(r.scales) if test(acc[j]))


def _bn_last(r: Any, arm: int, test) -> str:
    acc = _bn_train(r)[arm]
    return next(f"{w:.2g}" for j, w in reversed(list(enumerate(r.scales))) if test(acc[j]))


def _bn_ahead(r: Any) -> np.ndarray:
    # per scale: batch norm's training accuracy above the plain network's (a diverged run: 0)
    acc = np.nan_to_num(_bn_train(r), nan=0.0)
    return acc[1] > acc[0]


# --- the quotes ----------------------------------------------------------------------------------
Quote = tuple[str, Callable[[Any], str]]

QUOTES: dict[str, Quote] = {
    # the quick start: what analytic derive --depth 4 prints
    "quick-start.output": ("quick-start", lambda text: block(f"```\n{text.strip()}\n```")),
    # experiment init-norms --hidden 4 --networks 200
    "init-norms.table": ("init-norms-4", table),
    "init-norms.last_over_first": ("init-norms-4", lambda r: f"{r.last_over_first:.0f}"),
    # experiment training-speed
    "training-speed-4.first_end": ("training-speed-4", lambda r: power(r.speeds[-1, 0])),
    "training-speed-4.last_end": ("training-speed-4", lambda r: power(r.speeds[-1, -1])),
    "training-speed-4.cost_end": ("training-speed-4", lambda r: f"{r.costs[-1]:.4f}"),
    "training-speed-2.cost_end": ("training-speed-2", lambda r: f"{r.costs[-1]:.2f}"),
    "training-speed-prelu-10.diverged": ("training-speed-prelu-10", lambda r: f"{r.diverged_at}"),
    "training-speed-prelu-6-momentum.diverged": ("training-speed-prelu-6-momentum",
                                                 lambda r: f"{r.diverged_at}"),
    "training-speed-prelu-10-nesterov.cost_end": ("training-speed-prelu-10-nesterov",
                                                  lambda r: f"{r.costs[-1]:.3f}"),
    "training-speed-prelu-10-nesterov.slopes": ("training-speed-prelu-10-nesterov",
                                                lambda r: f"{r.slopes[-1].min():.2f}–"
                                                          f"{r.slopes[-1].max():.2f}"),
    "training-speed-relu-4.dead_start": ("training-speed-relu-4", lambda r: shares(r.dead[0])),
    "training-speed-relu-4.dead_end": ("training-speed-relu-4", lambda r: shares(r.dead[-1])),
    # experiment compare-inits
    "compare-inits.table": ("compare-inits", table),
    "compare-inits.relu_gaussian": (
        "compare-inits", lambda r: f"{1 / _row(r, 'relu', 'gaussian').last_over_first:.0f}"),
    # experiment depth-accuracy
    "depth-accuracy.table": ("depth-accuracy", table),
    "depth-accuracy-lmbda0.4.four": ("depth-accuracy-lmbda0.4", lambda r: percent(_accuracy(r, 4))),
    "depth-accuracy-lmbda0.four": ("depth-accuracy-lmbda0", lambda r: percent(_accuracy(r, 4))),
    **{f"{run}.shallow": (run, lambda r: span([_accuracy(r, h) for h in (1, 2, 3)], percent))
       for run in ("depth-accuracy-lmbda0.4", "depth-accuracy-lmbda0")},
    # problem sigmoid-window
    "window.argmax": ("sigmoid-window", lambda d: f"{d['argmax_abs_w']:.5g}"),
    "window.max": ("sigmoid-window", lambda d: f"{d['max_width']:.5g}"),
    "window.argmax_short": ("sigmoid-window", lambda d: f"{d['argmax_abs_w']:.4g}"),
    "window.max_short": ("sigmoid-window", lambda d: f"{d['max_width']:.4g}"),
    # problem larger-derivative
    "larger.sigmoid_window": ("larger-derivative", lambda d: f"{_widest(d, 'sigmoid'):.4f}"),
    "larger.tanh_window": ("larger-derivative", lambda d: f"{_widest(d, 'tanh'):.3f}"),
    # experiment remedies (recorded in figures/remedies/)
    "remedies.table": ("remedies", table),
    **{f"remedies.{name}.{summary}": ("remedies", _cell(name, summary))
       for name, summary in REMEDY_CELLS},
    "remedies.plain.init": ("remedies", lambda r: power(_median(r, "plain", "ratio_init"), 3)),
    "remedies.plain.after": ("remedies",
                             lambda r: power(_median(r, "plain", "ratio_trained"), 3)),
    "remedies.xavier.init": ("remedies",
                             lambda r: power(_median(r, "xavier", "ratio_init"), 3)),
    "remedies.critical.sigma_w": (
        "remedies", lambda r: f"{_remedy(r, 'critical').recipe.init.variance(1, 1) ** 0.5:.2f}"),
    "remedies.learners.accuracy": (
        "remedies", lambda r: span([_median(r, n, "accuracy") for n in LEARNING_ROWS], percent)),
    "remedies.relu.accuracy_range": (
        "remedies", lambda r: span([_remedy(r, "relu").spread("accuracy").low,
                                    _remedy(r, "relu").spread("accuracy").high], percent)),
    "remedies.relu.standard_error": (
        "remedies", lambda r: f"{100 * _binomial(_median(r, 'relu', 'accuracy'), r.base):.1f}"),
    "remedies.rectifiers.after": (
        "remedies", lambda r: span([_median(r, n, "ratio_trained") for n in RECTIFIER_ROWS], g)),
    "remedies.rectifiers.faster": (
        "remedies", lambda r: span([1 / _median(r, n, "ratio_trained") for n in RECTIFIER_ROWS],
                                   lambda x: f"{x:.0f}")),
    "remedies.prelu.slopes": ("remedies", lambda r: _prelu_slopes(_remedy(r, "prelu").runs)),
    "remedies.batch_norm.layers_init": (
        "remedies", lambda r: _first_network(r, "batch_norm", slice(0, -1), lambda x: f"{x:.2f}")),
    "remedies.batch_norm.last_init": (
        "remedies", lambda r: f"{_remedy(r, 'batch_norm').runs[0].speeds[0][-1]:.2f}"),
    "remedies.momentum.after": (
        "remedies", lambda r: power(_median(r, "momentum", "ratio_trained"), 3)),
    "remedies.exploding.init": (
        "remedies", lambda r: power(_median(r, "exploding", "ratio_init"), 3)),
    "remedies.exploding.factor": (
        "remedies", lambda r: power(1 / _median(r, "exploding", "ratio_init"), 3)),
    "remedies.exploding.diverged": (
        "remedies", lambda r: f"{_remedy(r, 'exploding').diverged_runs} of "
                              f"{len(_remedy(r, 'exploding').runs)}"),
    "remedies.exploding.dead": ("remedies", lambda r: _pct0(_median(r, "exploding", "dead"))),
    # experiment remedies --remedy critical,batch_norm --measure bias-gradient
    "chapter-measure.critical.init": (
        "remedies-chapter-measure", lambda r: g(_median(r, "critical", "ratio_init"))),
    "chapter-measure.batch_norm.init": (
        "remedies-chapter-measure", lambda r: g(_median(r, "batch_norm", "ratio_init"))),
    "chapter-measure.batch_norm.layers": (
        "remedies-chapter-measure",
        lambda r: _first_network(r, "batch_norm", slice(0, -1), lambda x: f"{x:.2g}")),
    "chapter-measure.batch_norm.last": (
        "remedies-chapter-measure",
        lambda r: f"{_remedy(r, 'batch_norm').runs[0].speeds[0][-1]:.2f}"),
    # experiment remedies --remedy batch_norm --measure weight-gradient
    "weight-gradient.batch_norm.layers": (
        "remedies-weight-gradient",
        lambda r: _first_network(r, "batch_norm", slice(1, None), lambda x: f"{x:.2f}")),
    "weight-gradient.batch_norm.first": (
        "remedies-weight-gradient",
        lambda r: f"{_remedy(r, 'batch_norm').runs[0].speeds[0][0]:.2f}"),
    # experiment dying-relu (recorded in figures/dying-relu/)
    "dying-relu.table": ("dying-relu", table),
    "dying-relu.relu.start": (
        "dying-relu", lambda d: span([run.dead[0] for run in _dead_row(d, "relu").runs], _pct0)),
    "dying-relu.stuck": ("dying-relu", lambda d: str(len(_stuck(_dead_row(d, "relu"))))),
    "dying-relu.stuck.dead": (
        "dying-relu", lambda d: span([run.dead[-1] for label in ("relu", "leaky_relu")
                                      for run in _stuck(_dead_row(d, label))], _pct0)),
    **{f"dying-relu.{label}.revived.{what}": (
        "dying-relu", lambda d, label=label, what=what: percent(
            getattr(_revived(_dead_row(d, label)), what)[-1]))
       for label in ("relu", "leaky_relu") for what in ("dead", "accuracies")},
    **{f"dying-relu.{key}.dead": ("dying-relu", lambda d, label=label: _dead_end(d, label))
       for key, label in DEAD_ROWS.items()},
    **{f"dying-relu.{key}.accuracy": (
        "dying-relu", lambda d, label=DEAD_ROWS[key]: _accuracy_end(d, label))
       for key in ("leaky_relu_0.25", "prelu")},
    "dying-relu.variants.accuracy": (
        "dying-relu", lambda d: span(
            [_dead_row(d, label).accuracy_at(10).median
             for label in ("leaky_relu:slope=0.25", "prelu", "rrelu", "elu")], percent)),
    "dying-relu.prelu.slopes": ("dying-relu", lambda d: _prelu_slopes(_dead_row(d, "prelu").runs)),
    # experiment dying-relu --seed 1 --activation relu
    "dying-relu-seed1.dead": (
        "dying-relu-seed1-relu",
        lambda d: span([run.dead[-1] for run in d.rows[0].runs], _pct0)),
    "dying-relu-seed1.stuck": ("dying-relu-seed1-relu",
                               lambda d: str(len(_stuck(d.rows[0])))),
    # experiment dying-relu --bias-shift 0 --eta 0.5
    "dying-relu-shift0.start": (
        "dying-relu-shift0-eta0.5", lambda d: percent(_dead_row(d, "relu").dead_at(0).median)),
    "dying-relu-shift0.epoch1": (
        "dying-relu-shift0-eta0.5", lambda d: percent(_dead_row(d, "relu").dead_at(1).median)),
    "dying-relu-shift0.first_steps": (
        "dying-relu-shift0-eta0.5", lambda d: span([run.dead[1] for run in _survivors(d)], _pct0)),
    "dying-relu-shift0.survivors": ("dying-relu-shift0-eta0.5",
                                    lambda d: str(len(_survivors(d)))),
    # theory predict --hidden 4
    "predict.factor": ("theory-predict-4", lambda d: f"{d['per_layer_factor']:.4f}"),
    "predict.measured": ("theory-predict-4",
                         lambda d: ", ".join(f"{row['measured']:.4f}" for row in d["rows"][:-1])
                         + " and " + f"{d['rows'][-1]['measured']:.4f}"),
    # experiment rnn
    "rnn.table": ("rnn", table),
    "rnn.back_at_0.5": ("rnn", lambda r: power(_norm_h1(r, 0.5))),
    "rnn.forward_at_2": ("rnn", lambda r: f"{float(g(_norm_h1(r, 2.0), 2)):,.0f}"),
    "rnn.pascanu_at_0.5": ("rnn", lambda r: percent(_radius(r, 0.5)["pascanu_fraction"], 0)),
    "rnn.lambda_over_rho": ("rnn", lambda r: g(float(np.median(
        [_radius(r, rho)["lambda1_median"] / rho for rho in (0.9, 1.0, 1.1, 2.0)])), 2)),
    "rnn.rate_gap": ("rnn", lambda r: g(100 * max(
        abs(_radius(r, g_.rho)["rate_median"] / g_.meanfield_factor - 1)
        for g_ in r.radii if g_.rho <= 1.1), 2)),
    "rnn.rate_at_2": ("rnn", lambda r: f"{_radius(r, 2.0)['rate_median']:.3f}"),
    "rnn.theory_at_2": ("rnn", lambda r: f"{_radius(r, 2.0)['meanfield_factor']:.3f}"),
    "rnn.clipped_at_2": ("rnn", lambda r: percent(_radius(r, 2.0)["clipped_fraction"], 0)),
    "rnn-30.back_at_0.5": ("rnn-30", lambda r: power(_norm_h1(r, 0.5))),
    # experiment rnn --cell: the gated cells
    "rnn-cells.table": ("rnn-cells-30", table),
    "rnn-cells.path_at_1": ("rnn-cells-30",
                            lambda r: _ten_to(r, "lstm", 1.0, "log10_path_h1_median")),
    "rnn-cells.lstm_range": ("rnn-cells-30", lambda r: _cells_range(r, "lstm")),
    "rnn-cells.vanilla_range": ("rnn-cells-30", lambda r: _cells_range(r, "vanilla")),
    "rnn-cells.cell_at_1": ("rnn-cells-30",
                            lambda r: _ten_to(r, "lstm", 1.0, "log10_cell_h1_median")),
    "rnn-cells.lstm_at_1": ("rnn-cells-30", lambda r: _ten_to(r, "lstm", 1.0)),
    "rnn-cells.gru_at_1": ("rnn-cells-30", lambda r: _ten_to(r, "gru", 1.0)),
    "rnn-cells-bias1.path_at_1": ("rnn-cells-bias1-30",
                                  lambda r: _ten_to(r, "lstm", 1.0, "log10_path_h1_median")),
    "rnn-cells-bias1.lstm_at_1": ("rnn-cells-bias1-30", lambda r: _ten_to(r, "lstm", 1.0)),
    "rnn-cells-bias1.gru_at_1": ("rnn-cells-bias1-30", lambda r: _ten_to(r, "gru", 1.0)),
    "rnn-cells-bias1.linear_at_2": (
        "rnn-cells-bias1-30", lambda r: f"{_cell_row(r, 'lstm', 2.0)['linear_rate_median']:.3f}"),
    "rnn-cells-bias1.rate_at_2": ("rnn-cells-bias1-30",
                                  lambda r: f"{_cell_row(r, 'lstm', 2.0)['rate_median']:.3f}"),
    # experiment batch-norm-scales
    "bn.train_accuracies": ("batch-norm-scales", _bn_table),
    "bn.plain_learns": ("batch-norm-scales", lambda r: _bn_count(r, 0)),
    "bn.bn_learns": ("batch-norm-scales", lambda r: _bn_count(r, 1)),
    "bn.plain_chance_from": ("batch-norm-scales",
                             lambda r: _bn_first(r, 0, lambda x: x <= 0.1 + 1e-12)),
    "bn.bn_best": ("batch-norm-scales", lambda r: _bn_first(r, 1, lambda x: x >= 0.99)),
    "bn.bn_best_to": ("batch-norm-scales", lambda r: _bn_last(r, 1, lambda x: x >= 0.99)),
    "bn.bn_ahead": ("batch-norm-scales", lambda r: f"{int(np.sum(_bn_ahead(r)))}"),
    "bn.bn_smallest": ("batch-norm-scales", lambda r: percent(_bn_train(r)[1, -1], 0)),
    "bn.z_std_tiny": ("batch-norm-scales",
                      lambda r: power(float(r.runs.median("z_std")[1, -1]))),
    "bn.drift_plain": ("batch-norm-scales", lambda r: f"{r.inputs.drift(0):.2f}"),
    "bn.drift_bn": ("batch-norm-scales", lambda r: f"{r.inputs.drift(1):.2f}"),
    "bn.one_epoch_plain": ("batch-norm-scales", lambda r: percent(_bn_epoch(r, 0, 1), 0)),
    "bn.one_epoch_bn": ("batch-norm-scales", lambda r: percent(_bn_epoch(r, 1, 1), 0)),
    # derive --tied --cell lstm
    "derive-lstm-4.carousel": ("derive-lstm-4", lambda d: f"{d['example']['carousel']:.3g}"),
    "derive-lstm-4.full": ("derive-lstm-4", lambda d: f"{d['example']['full']:.3g}"),
    # the gallery
    "activations.gelu_peak": ("activations", lambda d: _peak(d, "gelu")),
    "activations.silu_peak": ("activations", lambda d: _peak(d, "silu")),
    "vanishing-20.relu_zero": ("vanishing-20", lambda d: _zero_share(d, "relu", 1)),
    # theory depth-scale
    "depth-scale.critical": ("depth-scale", lambda r: f"{r.curve.critical:.4g}"),
    "depth-scale.xi_c_at_4": ("depth-scale", lambda r: f"{r.curve.values('xi_c')[-1]:.3g}"),
    "depth-scale.xi_c_at_2": ("depth-scale", lambda r: f"{r.point.xi_c:.3g}"),
    # experiment trainability
    "trainability.steps": ("trainability", lambda r: f"{r.steps}"),
    "trainability.runs": ("trainability", lambda r: f"{r.mean.size}"),
    "trainability.inside": ("trainability", lambda r: _agreement(r, True)),
    "trainability.outside": ("trainability", lambda r: _agreement(r, False)),
    "trainability.ordered_range": ("trainability", lambda r: "{:.1f}–{:.1f}".format(
        *failure_range(r, chaotic=False))),
    "trainability.chaotic_range": ("trainability", lambda r: "{:.1f}–{:.1f}".format(
        *failure_range(r, chaotic=True))),
    "trainability.deepest_0.5": ("trainability", lambda r: f"{r.deepest_trained(0.5)}"),
    "trainability.deepest_1": ("trainability", lambda r: f"{r.deepest_trained(1.0)}"),
    "trainability.deepest_1.75": ("trainability", lambda r: f"{r.deepest_trained(1.75)}"),
    "trainability.deepest_4": ("trainability", lambda r: f"{r.deepest_trained(4.0)}"),
    "predict.differences": ("theory-predict-4",
                            lambda d: ", ".join(f"{100 * row['relative_difference']:+.1f} %"
                                                for row in d["rows"]).replace("-", "−")),
}


# --- inside the layers: histograms at initialisation, activations during training ---------------
def signed(x: float, digits: int = 3) -> str:
    """A number to ``digits`` decimals with a true minus sign: −0.663."""
    return f"{x:.{digits}f}".replace("-", "−")


def _setup(r: Any, activation: str, init: str) -> Any:
    # a set-up of a histograms run
    return next(s for s in r.setups
                if s.recipe.activation.name == activation and s.recipe.init.spec == init)


def _layers(r: Any, activation: str, init: str, key: str) -> list[float]:
    return [getattr(layer, key) for layer in _setup(r, activation, init).layers]


def _growth(r: Any, activation: str, init: str) -> list[float]:
    # how many times rms delta grows from each layer to the next, towards the output
    rms = _layers(r, activation, init, "delta_rms")
    return [b / a for a, b in zip(rms, rms[1:])]


def _worst(r: Any, measured: str, predicted: str) -> float:
    # the largest relative difference between a measured statistic and its prediction
    return max(abs(getattr(layer, measured) / getattr(layer, predicted) - 1)
               for s in r.setups for layer in s.layers)


def _trace(r: Any, activation: str = "sigmoid", init: str = "scaled") -> Any:
    # a set-up of a saturation run
    return next(t for t in r.traces
                if t.recipe.activation.name == activation and t.recipe.init.spec == init)


def _lowest(r: Any, activation: str = "sigmoid", init: str = "scaled") -> tuple[float, float]:
    t = _trace(r, activation, init)
    return t.lowest_mean(t.hidden)


def _top(t: Any, epoch: float, q: int | None = None) -> float:
    # the top hidden layer's mean (q None) or percentile q (0: 2nd, 1: median, 2: 98th)
    k = t.row_at(epoch)
    return float(t.means[k, -1] if q is None else t.percentiles[k, -1, q])


def _accuracy_at(t: Any, epoch: float) -> float:
    return float(t.accuracies[t.row_at(epoch)])


def _plateau(t: Any, epochs: float = 10) -> Any:
    # the accuracies measured in the first ``epochs`` epochs
    return t.accuracies[t.epochs <= epochs]


def _plateau_steps(r: Any) -> float:
    # the steps until the chapter's set-up's top layer was lowest, where learning starts
    return _lowest(r)[0] * _trace(r).recipe.steps_per_epoch


def _fig2(r: Any) -> Any:
    # the set-up of Glorot and Bengio's Fig. 2 in a run of the preset
    return _trace(r, init="standard")


def _below(t: Any, level: float) -> float:
    # the first time the top hidden layer's mean is below ``level``, in epochs
    return float(t.epochs[np.argmax(t.means[:, -1] < level)])


QUOTES.update({
    # experiment histograms (1,000 digits)
    "hist.gaussian_first": ("histograms",
                            lambda r: percent(_layers(r, "sigmoid", "gaussian", "saturated")[0])),
    "hist.gaussian_later": ("histograms", lambda r: span(
        [100 * v for v in _layers(r, "sigmoid", "gaussian", "saturated")[1:]], "{:.1f}")),
    "hist.gaussian_zvar_first": ("histograms",
                                 lambda r: f"{_layers(r, 'sigmoid', 'gaussian', 'z_var')[0]:.0f}"),
    "hist.gaussian_zvar_later": ("histograms", lambda r: span(
        _layers(r, "sigmoid", "gaussian", "z_var")[1:], "{:.0f}")),
    "hist.small_std": ("histograms", lambda r: span(_layers(r, "sigmoid", "normal:0.01", "std"))),
    "hist.small_rms_first": ("histograms", lambda r: power(
        _layers(r, "sigmoid", "normal:0.01", "delta_rms")[0])),
    "hist.small_rms_last": ("histograms", lambda r: power(
        _layers(r, "sigmoid", "normal:0.01", "delta_rms")[-1], 3)),
    "hist.small_growth": ("histograms",
                          lambda r: span(_growth(r, "sigmoid", "normal:0.01"), "{:.0f}")),
    "hist.relu_inactive": ("histograms", lambda r: span(
        [100 * v for init in ("xavier", "he") for v in _layers(r, "relu", init, "saturated")],
        "{:.0f}")),
    "hist.relu_xavier_zvar": ("histograms", lambda r: ", ".join(
        f"{v:.3f}" for v in _layers(r, "relu", "xavier", "z_var"))),
    "hist.relu_he_zvar": ("histograms", lambda r: span(_layers(r, "relu", "he", "z_var"),
                                                       "{:.2f}")),
    "hist.zvar_worst": ("histograms", lambda r: percent(_worst(r, "z_var", "z_var_predicted"))),
    "hist.rms_worst": ("histograms",
                       lambda r: percent(_worst(r, "delta_rms", "delta_rms_predicted"))),
    "hist.layers": ("histograms", lambda r: f"{sum(len(s.layers) for s in r.setups)}"),
    # experiment histograms --images 200: the gallery's figures
    "hist200.gaussian_saturated": ("histograms-200", lambda r: span(
        [100 * v for v in _layers(r, "sigmoid", "gaussian", "saturated")], "{:.0f}")),
    "hist200.small_rms_last": ("histograms-200", lambda r: power(
        _layers(r, "sigmoid", "normal:0.01", "delta_rms")[-1])),
    "hist200.small_rms_first": ("histograms-200", lambda r: power(
        _layers(r, "sigmoid", "normal:0.01", "delta_rms")[0])),
    # experiment histograms --preset glorot2010: Glorot and Bengio's Figs. 6-7
    "hist-gb.standard_std": ("histograms-glorot2010", lambda r: " → ".join(
        f"{v:.3f}" for v in _layers(r, "tanh", "standard", "std"))),
    "hist-gb.standard_rms": ("histograms-glorot2010", lambda r: " → ".join(
        f"{v:#.2g}" for v in _layers(r, "tanh", "standard", "delta_rms"))),
    "hist-gb.xavier_std": ("histograms-glorot2010", lambda r: " → ".join(
        f"{v:.3f}" for v in _layers(r, "tanh", "xavier", "std"))),
    "hist-gb.xavier_rms": ("histograms-glorot2010", lambda r: " → ".join(
        f"{v:#.2g}" for v in _layers(r, "tanh", "xavier", "delta_rms"))),
    # experiment saturation: the recorded default run
    "sat.table": ("saturation", table),
    "sat.chance_count": ("saturation",
                         lambda r: f"{int(np.sum(_plateau(_trace(r)) == 0.1))}"),
    "sat.plateau_count": ("saturation", lambda r: f"{len(_plateau(_trace(r)))}"),
    "sat.plateau_best": ("saturation", lambda r: percent(max(_plateau(_trace(r))))),
    "sat.top_start": ("saturation", lambda r: f"{_top(_trace(r), 0):.3f}"),
    "sat.top_low": ("saturation", lambda r: f"{_lowest(r)[1]:.3f}"),
    "sat.top_low_epoch": ("saturation", lambda r: f"{_lowest(r)[0]:g}"),
    "sat.median_start": ("saturation", lambda r: f"{_top(_trace(r), 0, 1):.2f}"),
    "sat.median_low": ("saturation", lambda r: f"{_top(_trace(r), _lowest(r)[0], 1):.2f}"),
    "sat.acc_low": ("saturation", lambda r: percent(_accuracy_at(_trace(r), _lowest(r)[0]))),
    "sat.acc_end": ("saturation", lambda r: percent(_accuracy_at(_trace(r), 20))),
    "sat.band_end": ("saturation", lambda r: f"{_top(_trace(r), 20, 0):.3f}–"
                                             f"{_top(_trace(r), 20, 2):.3f}"),
    "sat.mean_end": ("saturation", lambda r: f"{_top(_trace(r), 20):.3f}"),
    "sat.plateau_steps": ("saturation", lambda r: f"{round(_plateau_steps(r), -3):,.0f}"),
    "sat.xavier_start": ("saturation", lambda r: f"{_top(_trace(r, init='xavier'), 0):.3f}"),
    "sat.xavier_low": ("saturation", lambda r: f"{_lowest(r, init='xavier')[1]:.3f}"),
    "sat.xavier_low_epoch": ("saturation", lambda r: f"{_lowest(r, init='xavier')[0]:g}"),
    "sat.xavier_acc_end": ("saturation",
                           lambda r: percent(_accuracy_at(_trace(r, init="xavier"), 20))),
    "sat.tanh_acc1": ("saturation", lambda r: percent(_accuracy_at(_trace(r, "tanh", "xavier"),
                                                                   1))),
    "sat.tanh_acc_end": ("saturation",
                         lambda r: percent(_accuracy_at(_trace(r, "tanh", "xavier"), 20))),
    "sat.tanh_median_start": ("saturation",
                              lambda r: signed(_top(_trace(r, "tanh", "xavier"), 0, 1))),
    "sat.tanh_median_end": ("saturation",
                            lambda r: signed(_top(_trace(r, "tanh", "xavier"), 20, 1))),
    "sat.tanh_band_end": ("saturation", lambda r: " to ".join(
        signed(_top(_trace(r, "tanh", "xavier"), 20, q), 2) for q in (0, 2))),
    # other networks of the chapter's set-up, and a tenfold learning rate: its lowest mean
    **{f"sat-{run}.{key}": (f"saturation-{run}", make)
       for run in ("seed1", "seed2", "bias0", "eta1")
       for key, make in (("low", lambda r: f"{_lowest(r)[1]:.3f}"),
                         ("low_epoch", lambda r: f"{_lowest(r)[0]:g}"))},
})

QUOTES.update({
    # experiment saturation --eta 1
    "sat-eta1.median1": ("saturation-eta1", lambda r: f"{_top(_trace(r), 1, 1):.3f}"),
    "sat-eta1.mean_end": ("saturation-eta1", lambda r: f"{_top(_trace(r), 20):.3f}"),
    "sat-eta1.median_end": ("saturation-eta1", lambda r: f"{_top(_trace(r), 20, 1):.3f}"),
    "sat-eta1.p98_end": ("saturation-eta1", lambda r: f"{_top(_trace(r), 20, 2):.3f}"),
    "sat-eta1.acc_end": ("saturation-eta1", lambda r: percent(_accuracy_at(_trace(r), 20))),
    "sat-eta1.tanh_median1": ("saturation-eta1",
                              lambda r: signed(_top(_trace(r, "tanh", "xavier"), 1, 1))),
    "sat-eta1.tanh_median_end": ("saturation-eta1",
                                 lambda r: signed(_top(_trace(r, "tanh", "xavier"), 20, 1))),
    "sat-eta1.tanh_acc_best": ("saturation-eta1",
                               lambda r: percent(max(_trace(r, "tanh", "xavier").accuracies))),
    # experiment saturation --preset glorot2010: Glorot and Bengio's Fig. 2
    "sat-gb.start": ("saturation-glorot2010", lambda r: f"{_top(_fig2(r), 0):.3f}"),
    "sat-gb.below": ("saturation-glorot2010", lambda r: f"{_below(_fig2(r), 0.1):g}"),
    "sat-gb.mean1": ("saturation-glorot2010", lambda r: f"{_top(_fig2(r), 1):.3f}"),
    "sat-gb.p98_1": ("saturation-glorot2010",
                     lambda r: f"{_top(_fig2(r), 1, 2):.3f}"),
    "sat-gb.mean_end": ("saturation-glorot2010",
                        lambda r: f"{_top(_fig2(r), 10):.3f}"),
    "sat-gb.p98_end": ("saturation-glorot2010",
                       lambda r: f"{_top(_fig2(r), 10, 2):.3f}"),
    "sat-gb.measurements": ("saturation-glorot2010",
                            lambda r: f"{len(_fig2(r).accuracies)}"),
    "sat-gb.layers_end": ("saturation-glorot2010", lambda r: ", ".join(
        f"{v:.3f}" for v in _fig2(r).means[-1, :-2]) + " and "
        + f"{_fig2(r).means[-1, -2]:.3f}"),
})


# --- experiment saturation --dead: the dead units of four rectifier set-ups ---------------------
def _dead(r: Any, activation: str, init: str = "he") -> np.ndarray:
    # (measurements, layers): the share of each hidden layer's units dead at each measurement
    return np.asarray(next(t for t in r.traces if t.recipe.activation.name == activation
                           and t.recipe.init.spec == init).dead)


def _all_dead(r: Any, at: int) -> np.ndarray:
    return np.concatenate([np.asarray(t.dead)[at] for t in r.traces])


QUOTES.update({
    "dead.start_range": ("saturation-dead", lambda r: span(_all_dead(r, 0), _pct0)),
    "dead.start.relu_xavier": ("saturation-dead", lambda r: shares(_dead(r, "relu", "xavier")[0])),
    "dead.start.relu_he": ("saturation-dead", lambda r: shares(_dead(r, "relu")[0])),
    "dead.upper_end_max": ("saturation-dead", lambda r: percent(max(
        np.asarray(t.dead)[-1][1:].max() for t in r.traces))),
    "dead.first_end.relu_xavier": ("saturation-dead",
                                   lambda r: percent(_dead(r, "relu", "xavier")[-1][0])),
    "dead.first_end.relu_he": ("saturation-dead", lambda r: percent(_dead(r, "relu")[-1][0])),
    "dead.first_end.leaky": ("saturation-dead",
                             lambda r: percent(_dead(r, "leaky_relu")[-1][0])),
    "dead.first_end.elu": ("saturation-dead", lambda r: percent(_dead(r, "elu")[-1][0])),
    "dead.accuracy": ("saturation-dead", lambda r: span(
        [t.accuracies[-1] for t in r.traces], _pct0)),
})
