"""Text, CSV and JSON renderings of the experiments' results (``analytic.experiments``).

Renderers take the result dataclass and the name of the data set, and return a string (text,
CSV) or plain JSON-ready data. They compute nothing new beyond formatting and the binomial
standard error quoted next to an accuracy.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence

from ..experiments.speeds import STATISTICS, DepthAccuracy, InitNorms, NeuronBars, TrainingSpeed
from ..core.initialisation import INITIALISATIONS

INIT_DESCRIPTIONS = {
    "gaussian": "weights N(0, 1)",
    "scaled": "weights N(0, 1/n_in)",
    "xavier": "weights U(±sqrt(6/(n_in + n_out)))",
    "he": "weights N(0, 2/n_in)",
}
assert set(INIT_DESCRIPTIONS) == set(INITIALISATIONS)


def _e(x: float) -> str:
    return f"{x:.3e}"


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (it reads as plain text too)."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def network_description(sizes: Sequence[int], activation: str, init: str) -> str:
    return (f"{list(sizes)}, {activation} hidden layers, sigmoid output, cross-entropy cost, "
            f"{init} initialisation ({INIT_DESCRIPTIONS[init]}, biases N(0, 1))")


# --- init-norms --------------------------------------------------------------------------------
def init_norms_json(r: InitNorms, data: str) -> dict:
    ratios = [None, *map(float, r.ratios)]
    return {
        "experiment": "init-norms",
        "sizes": r.sizes,
        "activation": r.activation,
        "init": r.init,
        "statistic": r.statistic,
        "statistic_meaning": STATISTICS[r.statistic],
        "images": r.images,
        "initialisations": int(r.speeds.shape[0]),
        "seed": r.seed,
        "data": data,
        "layers": [
            {"layer": l + 1, "median": float(m), "p10": float(lo), "p90": float(hi),
             "median_ratio_to_previous": q}
            for l, (m, lo, hi, q) in enumerate(zip(r.median, r.p10, r.p90, ratios))
        ],
        "median_last_over_first": r.last_over_first,
    }


def init_norms_csv(r: InitNorms, data: str) -> str:
    ratios = ["", *(f"{q:.6g}" for q in r.ratios)]
    rows = [[l + 1, repr(float(m)), repr(float(lo)), repr(float(hi)), q]
            for l, (m, lo, hi, q) in enumerate(zip(r.median, r.p10, r.p90, ratios))]
    return _csv(["layer", "median", "p10", "p90", "median_ratio_to_previous"], rows)


def init_norms_text(r: InitNorms, data: str) -> str:
    ratios = ["", *(f"{q:.2f}x" for q in r.ratios)]
    rows = [[str(l + 1), _e(m), _e(lo), _e(hi), q]
            for l, (m, lo, hi, q) in enumerate(zip(r.median, r.p10, r.p90, ratios))]
    header = ["hidden layer", "median", "10th pct", "90th pct", "median ratio to layer before"]
    return "\n".join([
        "Speed of learning of each hidden layer at initialisation",
        f"network: {network_description(r.sizes, r.activation, r.init)}",
        f"speed: {STATISTICS[r.statistic]}, over {r.images} training images ({data})",
        f"spread over {r.speeds.shape[0]} random initialisations (seed {r.seed})",
        "",
        _table(header, rows),
        "",
        f"last hidden layer / first (median over initialisations): {r.last_over_first:.3g}x",
    ])


# --- the comparison of activations and initialisations ----------------------------------------
def compare_json(results: Sequence[InitNorms], data: str) -> dict:
    return {"experiment": "compare-inits", "data": data,
            "results": [init_norms_json(r, data) for r in results]}


def _compare_rows(results: Sequence[InitNorms], fmt) -> list[list[str]]:
    return [[r.activation, r.init, *(fmt(m) for m in r.median), fmt(r.last_over_first)]
            for r in results]


def compare_csv(results: Sequence[InitNorms], data: str) -> str:
    hidden = len(results[0].median)
    header = ["activation", "init", *(f"median_layer_{l}" for l in range(1, hidden + 1)),
              "median_last_over_first"]
    return _csv(header, _compare_rows(results, lambda x: repr(float(x))))


def compare_text(results: Sequence[InitNorms], data: str) -> str:
    r0 = results[0]
    hidden = len(r0.median)
    header = ["activation", "init", *(f"layer {l}" for l in range(1, hidden + 1)), "last/first"]
    return "\n".join([
        "Median speed of learning of each hidden layer at initialisation",
        f"network: {r0.sizes}, sigmoid output, cross-entropy cost, biases N(0, 1)",
        (f"speed: {STATISTICS[r0.statistic]}, over {r0.images} training images ({data}); "
        f"median over {r0.speeds.shape[0]} initialisations (seed {r0.seed})"),
        "inits: " + "; ".join(f"{k}: {v}" for k, v in INIT_DESCRIPTIONS.items()),
        "last/first near 1 means the layers learn at the same pace",
        "",
        _table(header, _compare_rows(results, lambda x: f"{x:.3g}")),
    ])


# --- training-speed ----------------------------------------------------------------------------
def training_speed_json(r: TrainingSpeed, data: str) -> dict:
    return {
        "experiment": "training-speed",
        "sizes": r.sizes,
        "eta": r.eta,
        "lmbda": r.lmbda,
        "images": r.images,
        "seed": r.seed,
        "data": data,
        "epochs": int(r.speeds.shape[0]),
        "layers": [{"layer": l + 1, "speeds": r.speeds[:, l].tolist()} for l in range(r.hidden)],
        "cost": r.costs.tolist(),
    }


def training_speed_csv(r: TrainingSpeed, data: str) -> str:
    header = ["epoch", *(f"layer_{l}" for l in range(1, r.hidden + 1)), "cost"]
    rows = [[e, *map(repr, map(float, s)), repr(float(c))]
            for e, (s, c) in enumerate(zip(r.speeds, r.costs))]
    return _csv(header, rows)


def training_speed_text(r: TrainingSpeed, data: str) -> str:
    marks = sorted({0, len(r.speeds) // 10, len(r.speeds) // 2, len(r.speeds) - 1})
    header = ["epoch", *(f"layer {l}" for l in range(1, r.hidden + 1)), "cost"]
    rows = [[str(e), *map(_e, r.speeds[e]), f"{r.costs[e]:.4f}"] for e in marks]
    return "\n".join([
        f"Speed of learning during training: {r.hidden} hidden layers",
        f"network: {network_description(r.sizes, 'sigmoid', 'scaled')} (seed {r.seed})",
        (f"full-batch gradient descent on {r.images} images ({data}), eta = {r.eta:g}, "
        f"lambda = {r.lmbda:g}, {len(r.speeds)} epochs"),
        "",
        _table(header, rows),
    ])


# --- depth-accuracy ----------------------------------------------------------------------------
def _standard_error(p: float, n: int) -> float:
    # binomial standard error of an accuracy measured on n images
    return math.sqrt(p * (1 - p) / n)


def depth_accuracy_json(r: DepthAccuracy, data: str) -> dict:
    return {
        "experiment": "depth-accuracy",
        "epochs": r.epochs, "batch_size": r.batch_size, "eta": r.eta, "lmbda": r.lmbda,
        "train_images": r.train_images, "validation_images": r.validation_images,
        "seed": r.seed, "data": data,
        "rows": [{"hidden": h, "accuracies": r.accuracies[h - 1].tolist(),
                  "mean": float(r.accuracies[h - 1].mean())} for h in r.hidden],
    }


def depth_accuracy_csv(r: DepthAccuracy, data: str) -> str:
    rows = [[h, run + 1, repr(float(a))] for h in r.hidden
            for run, a in enumerate(r.accuracies[h - 1])]
    return _csv(["hidden", "run", "accuracy"], rows)


def depth_accuracy_text(r: DepthAccuracy, data: str) -> str:
    runs = r.accuracies.shape[1]
    header = ["hidden layers", "network", "accuracy", "± 1 s.e. (binomial)"]
    if runs > 1:
        header += ["min", "max"]
    rows = []
    for h in r.hidden:
        acc = r.accuracies[h - 1]
        row = [str(h), str([784] + [30] * h + [10]), f"{100 * acc.mean():.2f}%",
               f"{100 * _standard_error(acc.mean(), r.validation_images):.2f}%"]
        if runs > 1:
            row += [f"{100 * acc.min():.2f}%", f"{100 * acc.max():.2f}%"]
        rows.append(row)
    return "\n".join([
        "Validation accuracy against depth",
        (f"sigmoid networks, cross-entropy, scaled initialisation; mini-batch SGD, batch "
        f"{r.batch_size}, eta = {r.eta:g}, lambda = {r.lmbda:g}, {r.epochs} epochs"),
        (f"{r.train_images} training and {r.validation_images} validation images ({data}); "
        f"{runs} run(s) per depth, seed {r.seed}"),
        "",
        _table(header, rows),
    ])


# --- neuron bars -------------------------------------------------------------------------------
def neuron_bars_json(r: NeuronBars, data: str) -> dict:
    return {"experiment": "neuron-bars", "sizes": r.sizes, "images": r.images, "seed": r.seed,
            "data": data,
            "layers": [{"layer": l + 1, "abs_dC_db": b.tolist()} for l, b in enumerate(r.bars)]}


def neuron_bars_text(r: NeuronBars, data: str) -> str:
    header = ["hidden layer", *(f"neuron {j + 1}" for j in range(len(r.bars[0])))]
    rows = [[str(l + 1), *map(_e, b)] for l, b in enumerate(r.bars)]
    return "\n".join([
        f"|dC/db| at initialisation, first {len(r.bars[0])} neurons of each hidden layer",
        (f"network: {network_description(r.sizes, 'sigmoid', 'scaled')} (seed {r.seed}), "
        f"mean over {r.images} images ({data})"),
        "",
        _table(header, rows),
    ])

