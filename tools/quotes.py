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
    "init-norms-4": ("experiment", "init-norms", "--hidden", "4", "--networks", "200"),
    "training-speed-4": ("experiment", "training-speed", "--hidden", "4"),
    "training-speed-2": ("experiment", "training-speed", "--hidden", "2"),
    "compare-inits": ("experiment", "compare-inits"),
    "depth-accuracy": ("experiment", "depth-accuracy", "--networks", "3"),
    "depth-accuracy-lmbda0.4": ("experiment", "depth-accuracy", "--lmbda", "0.4"),
    "depth-accuracy-lmbda0": ("experiment", "depth-accuracy", "--lmbda", "0"),
    "sigmoid-window": ("problem", "sigmoid-window"),
    "theory-predict-4": ("theory", "predict", "--hidden", "4"),
    "saturation-eta1": ("experiment", "saturation", "--eta", "1"),
    "saturation-seed1": ("experiment", "saturation", "--seed", "1", "--setup", "sigmoid/scaled"),
    "saturation-seed2": ("experiment", "saturation", "--seed", "2", "--setup", "sigmoid/scaled"),
    "saturation-bias0": ("experiment", "saturation", "--bias-std", "0", "--setup",
                         "sigmoid/scaled"),
    "saturation-glorot2010": ("experiment", "saturation", "--preset", "glorot2010"),
    "histograms": ("experiment", "histograms"),
    "histograms-200": ("experiment", "histograms", "--images", "200"),
    "histograms-glorot2010": ("experiment", "histograms", "--preset", "glorot2010"),
}


def result(data: dict) -> Any:
    """A run's JSON as its experiment's result; a JSON that is no experiment's, as it is."""
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


def power(x: float) -> str:
    """A number as a power of ten, as the text writes it: 8·10⁻⁶."""
    exponent = int(np.floor(np.log10(abs(x))))
    mantissa = x / 10.0 ** exponent
    sup = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa:.2g}·10{sup}"


def _row(r: Any, activation: str, init: str) -> Any:
    # the row of a comparison for one activation and one weight scheme
    return next(row for row in r.rows
                if row.recipe.activation.name == activation and row.recipe.init.spec == init)


def _depth(r: Any, hidden: int) -> int:
    return [rec.hidden for rec in r.recipes].index(hidden)


def _accuracy(r: Any, hidden: int) -> float:
    return float(np.nanmean(r.accuracies[_depth(r, hidden)]))


# --- the quotes ----------------------------------------------------------------------------------
Quote = tuple[str, Callable[[Any], str]]

QUOTES: dict[str, Quote] = {
    # experiment init-norms --hidden 4 --networks 200
    "init-norms.table": ("init-norms-4", table),
    "init-norms.last_over_first": ("init-norms-4", lambda r: f"{r.last_over_first:.0f}"),
    # experiment training-speed
    "training-speed-4.first_end": ("training-speed-4", lambda r: power(r.speeds[-1, 0])),
    "training-speed-4.last_end": ("training-speed-4", lambda r: power(r.speeds[-1, -1])),
    "training-speed-4.cost_end": ("training-speed-4", lambda r: f"{r.costs[-1]:.4f}"),
    "training-speed-2.cost_end": ("training-speed-2", lambda r: f"{r.costs[-1]:.2f}"),
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
    # theory predict --hidden 4
    "predict.factor": ("theory-predict-4", lambda d: f"{d['per_layer_factor']:.4f}"),
    "predict.measured": ("theory-predict-4",
                         lambda d: ", ".join(f"{row['measured']:.4f}" for row in d["rows"][:-1])
                         + " and " + f"{d['rows'][-1]['measured']:.4f}"),
    "predict.differences": ("theory-predict-4",
                            lambda d: ", ".join(f"{100 * row['relative_difference']:+.1f} %"
                                                for row in d["rows"]).replace("-", "−")),
}


# --- inside the layers: histograms at initialisation, activations during training ---------------
def signed(x: float, digits: int = 3) -> str:
    """A number to ``digits`` decimals with a true minus sign: −0.663."""
    return f"{x:.{digits}f}".replace("-", "−")


def span(values: Any, fmt: str = "{:.3f}") -> str:
    """The smallest and largest of the values, as the text writes a range: 0.012–0.024."""
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}"


def mantissa3(x: float) -> str:
    """A power of ten with three significant digits: 4.16·10⁻³."""
    exponent = int(np.floor(np.log10(abs(x))))
    sup = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{x / 10.0 ** exponent:.3g}·10{sup}"


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
    "hist.small_rms_last": ("histograms", lambda r: mantissa3(
        _layers(r, "sigmoid", "normal:0.01", "delta_rms")[-1])),
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
