"""The experiments' results as reports (text, markdown, csv, LaTeX, JSON).

Each ``*_report(result, data)`` takes an experiment's result and the name of the data set it
ran on. Nothing is computed here beyond formatting and the binomial standard error quoted next
to an accuracy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..experiments.speeds import STATISTICS, DepthAccuracy, InitNorms, NeuronBars, TrainingSpeed
from .table import Column, Report, table

INIT_DESCRIPTIONS = {
    "gaussian": "weights N(0, 1)",
    "scaled": "weights N(0, 1/n_in)",
    "xavier": "weights U(±sqrt(6/(n_in + n_out)))",
    "he": "weights N(0, 2/n_in)",
}
SPEED = "{:.3e}"


def network_description(sizes: Sequence[int], activation: str, init: str) -> str:
    return (f"{list(sizes)}, {activation} hidden layers, sigmoid output, cross-entropy cost, "
            f"{init} initialisation ({INIT_DESCRIPTIONS[init]}, biases N(0, 1))")


# --- init-norms --------------------------------------------------------------------------------
INIT_NORMS_COLUMNS = (
    Column("layer", "hidden layer"), Column("median", "median", SPEED),
    Column("p10", "10th pct", SPEED), Column("p90", "90th pct", SPEED),
    Column("median_ratio_to_previous", "median ratio to layer before", "{:.2f}x"),
)


def _init_norms_rows(r: InitNorms) -> list[dict]:
    ratios = [None, *map(float, r.ratios)]
    return [{"layer": l + 1, "median": float(m), "p10": float(lo), "p90": float(hi),
             "median_ratio_to_previous": q}
            for l, (m, lo, hi, q) in enumerate(zip(r.median, r.p10, r.p90, ratios))]


def init_norms_data(r: InitNorms, data: str) -> dict:
    return {
        "experiment": "init-norms", "sizes": r.sizes, "activation": r.activation,
        "init": r.init, "statistic": r.statistic, "statistic_meaning": STATISTICS[r.statistic],
        "images": r.images, "initialisations": int(r.speeds.shape[0]), "seed": r.seed,
        "data": data, "layers": _init_norms_rows(r),
        "median_last_over_first": r.last_over_first,
    }


def init_norms_report(r: InitNorms, data: str) -> Report:
    head = (
        "Speed of learning of each hidden layer at initialisation",
        f"network: {network_description(r.sizes, r.activation, r.init)}",
        f"speed: {STATISTICS[r.statistic]}, over {r.images} training images ({data})",
        f"spread over {r.speeds.shape[0]} random initialisations (seed {r.seed})",
    )
    rows = [tuple(row.values()) for row in _init_norms_rows(r)]
    foot = (f"last hidden layer / first (median over initialisations): {r.last_over_first:.3g}x",)
    return Report(head, (table("init-norms", "", INIT_NORMS_COLUMNS, rows),), foot,
                  init_norms_data(r, data))


# --- the comparison of activations and initialisations ----------------------------------------
def compare_report(results: Sequence[InitNorms], data: str) -> Report:
    r0 = results[0]
    hidden = len(r0.median)
    columns = (Column("activation", "activation"), Column("init", "init"),
               *(Column(f"median_layer_{l}", f"layer {l}", "{:.3g}") for l in range(1, hidden + 1)),
               Column("median_last_over_first", "last/first", "{:.3g}"))
    rows = [(r.activation, r.init, *map(float, r.median), r.last_over_first) for r in results]
    head = (
        "Median speed of learning of each hidden layer at initialisation",
        f"network: {r0.sizes}, sigmoid output, cross-entropy cost, biases N(0, 1)",
        f"speed: {STATISTICS[r0.statistic]}, over {r0.images} training images ({data}); "
        f"median over {r0.speeds.shape[0]} initialisations (seed {r0.seed})",
        "inits: " + "; ".join(f"{k}: {v}" for k, v in INIT_DESCRIPTIONS.items()),
        "last/first near 1 means the layers learn at the same pace",
    )
    json = {"experiment": "compare-inits", "data": data,
            "results": [init_norms_data(r, data) for r in results]}
    return Report(head, (table("compare-inits", "", columns, rows),), data=json)


# --- training-speed ----------------------------------------------------------------------------
def _speed_table(r: TrainingSpeed, epochs: Sequence[int]) -> tuple[Column, ...]:
    columns = (Column("epoch", "epoch"),
               *(Column(f"layer_{l}", f"layer {l}", SPEED) for l in range(1, r.hidden + 1)),
               Column("cost", "cost", "{:.4f}"))
    rows = [(e, *map(float, r.speeds[e]), float(r.costs[e])) for e in epochs]
    return table("training-speed", "", columns, rows)


def training_speed_data(r: TrainingSpeed, data: str) -> dict:
    return {
        "experiment": "training-speed", "sizes": r.sizes, "eta": r.eta, "lmbda": r.lmbda,
        "images": r.images, "seed": r.seed, "data": data, "epochs": int(r.speeds.shape[0]),
        "layers": [{"layer": l + 1, "speeds": r.speeds[:, l].tolist()} for l in range(r.hidden)],
        "cost": r.costs.tolist(),
    }


def training_speed_report(r: TrainingSpeed, data: str) -> Report:
    """A summary at a few epochs for people; every epoch in csv and JSON."""
    n = len(r.speeds)
    marks = sorted({0, n // 10, n // 2, n - 1})
    head = (
        f"Speed of learning during training: {r.hidden} hidden layers",
        f"network: {network_description(r.sizes, 'sigmoid', 'scaled')} (seed {r.seed})",
        f"full-batch gradient descent on {r.images} images ({data}), eta = {r.eta:g}, "
        f"lambda = {r.lmbda:g}, {n} epochs",
    )
    return Report(head, (_speed_table(r, marks),), data=training_speed_data(r, data),
                  data_tables=(_speed_table(r, range(n)),))


# --- depth-accuracy ----------------------------------------------------------------------------
def standard_error(p: float, n: int) -> float:
    """The binomial standard error of an accuracy p measured on n images."""
    return math.sqrt(p * (1 - p) / n)


def depth_accuracy_report(r: DepthAccuracy, data: str) -> Report:
    runs = r.accuracies.shape[1]
    columns = [Column("hidden", "hidden layers"), Column("network", "network"),
               Column("accuracy", "accuracy", "{:.2%}"),
               Column("standard_error", "± 1 s.e. (binomial)", "{:.2%}")]
    if runs > 1:
        columns += [Column("min", "min", "{:.2%}"), Column("max", "max", "{:.2%}")]
    rows = []
    for h in r.hidden:
        acc = r.accuracies[h - 1]
        row = [h, str([784] + [30] * h + [10]), float(acc.mean()),
               standard_error(float(acc.mean()), r.validation_images)]
        rows.append(tuple(row + ([float(acc.min()), float(acc.max())] if runs > 1 else [])))
    head = (
        "Validation accuracy against depth",
        f"sigmoid networks, cross-entropy, scaled initialisation; mini-batch SGD, batch "
        f"{r.batch_size}, eta = {r.eta:g}, lambda = {r.lmbda:g}, {r.epochs} epochs",
        f"{r.train_images} training and {r.validation_images} validation images ({data}); "
        f"{runs} run(s) per depth, seed {r.seed}",
    )
    json = {
        "experiment": "depth-accuracy", "epochs": r.epochs, "batch_size": r.batch_size,
        "eta": r.eta, "lmbda": r.lmbda, "train_images": r.train_images,
        "validation_images": r.validation_images, "seed": r.seed, "data": data,
        "rows": [{"hidden": h, "accuracies": r.accuracies[h - 1].tolist(),
                  "mean": float(r.accuracies[h - 1].mean())} for h in r.hidden],
    }
    return Report(head, (table("depth-accuracy", "", columns, rows),), data=json)


# --- neuron bars -------------------------------------------------------------------------------
def neuron_bars_report(r: NeuronBars, data: str) -> Report:
    neurons = len(r.bars[0])
    columns = (Column("layer", "hidden layer"),
               *(Column(f"neuron_{j + 1}", f"neuron {j + 1}", SPEED) for j in range(neurons)))
    rows = [(l + 1, *map(float, b)) for l, b in enumerate(r.bars)]
    head = (
        f"|dC/db| at initialisation, first {neurons} neurons of each hidden layer",
        f"network: {network_description(r.sizes, 'sigmoid', 'scaled')} (seed {r.seed}), "
        f"mean over {r.images} images ({data})",
    )
    json = {"experiment": "neuron-bars", "sizes": r.sizes, "images": r.images, "seed": r.seed,
            "data": data,
            "layers": [{"layer": l + 1, "abs_dC_db": b.tolist()} for l, b in enumerate(r.bars)]}
    return Report(head, (table("neuron-bars", "", columns, rows),), data=json)
