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


def span(values, fmt) -> str:
    """The lowest and the highest of the values, each by ``fmt``: 0.27–0.30."""
    return f"{fmt(min(values))}–{fmt(max(values))}"


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
    "predict.differences": ("theory-predict-4",
                            lambda d: ", ".join(f"{100 * row['relative_difference']:+.1f} %"
                                                for row in d["rows"]).replace("-", "−")),
}
