"""The experiments' results as reports (text, markdown, csv, LaTeX, JSON).

Each ``*_report(result, data)`` takes an experiment's result and the name of the data set it
ran on. Nothing is computed here beyond formatting and the binomial standard error quoted next
to an accuracy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..experiments.speeds import STATISTICS, InitNorms, NeuronBars
from ..experiments.training import DepthAccuracy, TrainingSpeed
from .table import Column, Report, Table, table

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


def optimiser_description(momentum: float, nesterov: bool, clip: float | None) -> str:
    """What the optimiser adds to the chapter's plain steps, as ", ..." (empty: nothing).

    >>> optimiser_description(0.9, True, 1.0)
    ', Nesterov momentum mu = 0.9, gradient norm clipped at 1'
    """
    parts = []
    if momentum:
        parts.append(f"{'Nesterov' if nesterov else 'classical'} momentum mu = {momentum:g}")
    if clip is not None:
        parts.append(f"gradient norm clipped at {clip:g}")
    return "".join(", " + p for p in parts)


def diverged_line(epoch: int | None) -> tuple[str, ...]:
    """The line that says a run diverged, or none."""
    if epoch is None:
        return ()
    return (f"diverged in epoch {epoch}: the run met a NaN or an infinity and stopped; the "
            f"epochs before it are shown",)


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
def _speed_table(r: TrainingSpeed, epochs: Sequence[int], dead: bool = False) -> Table:
    # the csv (dead=True) also holds each layer's dead share, for rectifiers
    dead = dead and r.dead is not None
    columns = (Column("epoch", "epoch"),
               *(Column(f"layer_{l}", f"layer {l}", SPEED) for l in range(1, r.hidden + 1)),
               Column("cost", "cost", "{:.5g}"),
               *(Column(f"dead_layer_{l}", f"dead in layer {l}", "{:.1%}")
                 for l in range(1, r.hidden + 1) if dead))
    rows = [(e, *map(float, r.speeds[e]), float(r.costs[e]),
             *(map(float, r.dead[e]) if dead else ())) for e in epochs]
    return table("training-speed", "", columns, rows)


def training_speed_data(r: TrainingSpeed, data: str) -> dict:
    slopes = None if r.slopes is None else [
        {"layer": l + 1, "slopes": r.slopes[:, l].tolist()} for l in range(r.hidden)]
    dead = None if r.dead is None else [
        {"layer": l + 1, "dead": r.dead[:, l].tolist()} for l in range(r.hidden)]
    return {
        "experiment": "training-speed", "sizes": r.sizes, "activation": r.activation,
        "init": r.init, "eta": r.eta, "lmbda": r.lmbda, "momentum": r.momentum,
        "nesterov": r.nesterov, "clip": r.clip, "images": r.images, "seed": r.seed,
        "data": data, "epochs": int(r.speeds.shape[0]), "diverged": r.diverged_at is not None,
        "diverged_at": r.diverged_at,
        "layers": [{"layer": l + 1, "speeds": r.speeds[:, l].tolist()} for l in range(r.hidden)],
        "cost": r.costs.tolist(), "prelu_slopes": slopes, "dead_units": dead,
    }


def _slope_lines(r: TrainingSpeed) -> tuple[str, ...]:
    if r.slopes is None or len(r.slopes) == 0:
        return ()
    first, last = (", ".join(f"{v:.3g}" for v in r.slopes[e]) for e in (0, -1))
    return (f"PReLU's mean learned slope per hidden layer: {first} before epoch 0, {last} "
            f"before epoch {len(r.slopes) - 1} (every epoch in the JSON)",)


def _dead_lines(r: TrainingSpeed) -> tuple[str, ...]:
    if r.dead is None or len(r.dead) == 0:
        return ()
    first, last = (", ".join(f"{v:.1%}" for v in r.dead[e]) for e in (0, -1))
    return (f"dead units per hidden layer (z <= 0 on every one of the {r.images} training "
            f"images; the run has no validation set): {first} before epoch 0, {last} before "
            f"epoch {len(r.dead) - 1} (every epoch in the csv and JSON)",)


def training_speed_report(r: TrainingSpeed, data: str) -> Report:
    """A summary at a few epochs for people; every epoch in csv and JSON."""
    n = len(r.speeds)
    marks = sorted({0, n // 10, n // 2, n - 1} & set(range(n)))
    head = (
        f"Speed of learning during training: {r.hidden} hidden layers",
        f"network: {network_description(r.sizes, r.activation, r.init)} (seed {r.seed})",
        f"full-batch gradient descent on {r.images} images ({data}), eta = {r.eta:g}, "
        f"lambda = {r.lmbda:g}{optimiser_description(r.momentum, r.nesterov, r.clip)}, "
        f"{n} epochs",
    )
    return Report(head, (_speed_table(r, marks),), diverged_line(r.diverged_at)
                  + _slope_lines(r) + _dead_lines(r), data=training_speed_data(r, data),
                  data_tables=(_speed_table(r, range(n), dead=True),))


# --- depth-accuracy ----------------------------------------------------------------------------
def standard_error(p: float, n: int) -> float:
    """The binomial standard error of an accuracy p measured on n images."""
    return math.sqrt(p * (1 - p) / n)


DIVERGED = "diverged"


def _accuracy_row(r: DepthAccuracy, h: int) -> tuple:
    """(accuracy, its standard error, min, max, runs diverged) over the runs that did not."""
    acc = r.accuracies[h - 1][~r.diverged[h - 1]]
    gone = int(r.diverged[h - 1].sum())
    if len(acc) == 0:
        return DIVERGED, None, None, None, gone
    mean = float(acc.mean())
    return mean, standard_error(mean, r.validation_images), float(acc.min()), float(acc.max()), gone


def _depth_rows(r: DepthAccuracy) -> list[dict]:
    rows = []
    for h in r.hidden:
        mean, _, _, _, gone = _accuracy_row(r, h)
        row = {"hidden": h, "accuracies": r.accuracies[h - 1].tolist(),
               "diverged": r.diverged[h - 1].tolist(), "runs_diverged": gone,
               "mean": None if mean == DIVERGED else mean}
        if r.slopes is not None:
            row["prelu_slopes"] = [None if s is None else s.tolist() for s in r.slopes[h - 1]]
        rows.append(row)
    return rows


def depth_accuracy_report(r: DepthAccuracy, data: str) -> Report:
    """One row per depth: the mean accuracy of the runs that did not diverge, or "diverged"."""
    runs = r.accuracies.shape[1]
    columns = [Column("hidden", "hidden layers"), Column("network", "network"),
               Column("accuracy", "accuracy", "{:.2%}"),
               Column("standard_error", "± 1 s.e. (binomial)", "{:.2%}")]
    if runs > 1:
        columns += [Column("min", "min", "{:.2%}"), Column("max", "max", "{:.2%}")]
    any_diverged = bool(r.diverged.any())
    if any_diverged:
        columns.append(Column("runs_diverged", f"runs diverged (of {runs})"))
    rows = []
    for h in r.hidden:
        mean, se, low, high, gone = _accuracy_row(r, h)
        row = [h, str([784] + [r.width] * h + [10]), mean, se]
        row += [low, high] if runs > 1 else []
        rows.append(tuple(row + ([gone] if any_diverged else [])))
    head = (
        "Validation accuracy against depth",
        f"{r.activation} hidden layers of {r.width}, sigmoid output, cross-entropy, {r.init} "
        f"initialisation ({INIT_DESCRIPTIONS[r.init]}, biases N(0, 1)); mini-batch SGD, batch "
        f"{r.batch_size}, eta = {r.eta:g}, lambda = {r.lmbda:g}"
        f"{optimiser_description(r.momentum, r.nesterov, r.clip)}, {r.epochs} epochs",
        f"{r.train_images} training and {r.validation_images} validation images ({data}); "
        f"{runs} run(s) per depth, seed {r.seed}",
    )
    foot = (("diverged: the run met a NaN or an infinity; its accuracy is left out (null in "
             "the JSON)",) if any_diverged else ())
    json = {
        "experiment": "depth-accuracy", "activation": r.activation, "init": r.init,
        "width": r.width, "epochs": r.epochs, "batch_size": r.batch_size, "eta": r.eta,
        "lmbda": r.lmbda, "momentum": r.momentum, "nesterov": r.nesterov, "clip": r.clip,
        "train_images": r.train_images, "validation_images": r.validation_images,
        "seed": r.seed, "data": data, "rows": _depth_rows(r),
    }
    return Report(head, (table("depth-accuracy", "", columns, rows),), foot, data=json)


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
