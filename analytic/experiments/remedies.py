"""The remedies in action: one deep network trained with each remedy for unstable gradients.

The network: 10 hidden layers of 30 units, [784, 30, ..., 30, 10], the chapter's sigmoid output
layer and cross-entropy cost; pixels blank in every training image are dropped from the first
layer (they would only ever be decayed). Each row changes one thing (or two, as the papers pair
them) from the chapter's set-up (sigmoid hidden layers, weights N(0, 1/n_in), biases N(0, 1)),
listed in :data:`REMEDIES`. The biases stay N(0, 1) in every row but one: tanh with Xavier's
weights is run twice, with the chapter's biases and with biases 0 as Glorot and Bengio start
them, because the N(0, 1) biases alone put a tenth of its units into saturation and leave its
first layer learning about 80 times slower than its last.

Training (every row alike): mini-batch SGD, batch 10, eta = 0.02, 20 epochs, on 1,000 training
digits of the embedded sample, with the chapter's weight decay at lmbda = 0.1, which with
n = 1,000 is the chapter's lmbda / n = 5 / 50,000. With eta = 0.1, the chapter's, the relu,
prelu, rrelu and elu networks of seed 0 diverged; with 0.05 the elu one still did, with 0.03
one prelu run of three; with 0.02 no run did but those of the exploding set-up. In that budget
(about a minute of one core for the whole table) the plain sigmoid stack does not learn at all:
it stays at chance (10 %), its first layer learning about 10^6 times slower than its last.

Measured per run, at initialisation and after every epoch: each hidden layer's speed of
learning on the training images (:mod:`analytic.train.monitor`: ||dC/db^l||, or ||dC/dbeta^l||
with batch norm), and on 1,000 validation digits (drawn from the rest of the sample) the
accuracy and the fractions of saturated (sigmoid, tanh) or dead (rectifiers) units. Each row
is run from ``seeds`` initial networks; network s of every row is drawn from the same stream
(seed, s), so rows that share an initialisation start from the same weights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..core.activations import get_activation
from ..core.initialisation import get_initialisation, layer_sizes
from ..core.limits import require_count
from ..train import SGD, Architecture, Progress, Run, Watch, initial_model, restrict_inputs, train
from .mnist import Digits, balanced_split, load_embedded
from .plan import MAX_HIDDEN_TRAINED, check_plan

#: The most initial networks a row may be run from.
MAX_SEEDS = 100

Array = np.ndarray


@dataclass(frozen=True)
class Remedy:
    """One row's set-up: ``name`` identifies it; the rest is what it changes."""

    name: str
    activation: str = "sigmoid"
    init: str = "scaled"
    batch_norm: bool = False
    residual: bool = False
    momentum: float = 0.0
    nesterov: bool = False
    clip: float | None = None
    zero_biases: bool = False

    def __post_init__(self) -> None:
        # an unknown name fails here, where the row is written, not minutes into a run
        get_activation(self.activation)
        get_initialisation(self.init)


#: The rows, in order: the chapter's network, then one remedy each, then an exploding set-up
#: (relu with N(0, 1) weights) without and with gradient clipping.
REMEDIES = (
    Remedy("plain"),
    Remedy("xavier", init="xavier"),
    Remedy("tanh", "tanh", "xavier"),
    Remedy("tanh_zero_biases", "tanh", "xavier", zero_biases=True),
    Remedy("relu", "relu", "he"),
    Remedy("leaky_relu", "leaky_relu", "he"),
    Remedy("prelu", "prelu", "he"),
    Remedy("rrelu", "rrelu", "he"),
    Remedy("elu", "elu", "he"),
    Remedy("batch_norm", batch_norm=True),
    Remedy("residual", residual=True),
    Remedy("momentum", momentum=0.9, nesterov=True),
    Remedy("exploding", "relu", "gaussian"),
    Remedy("clipping", "relu", "gaussian", clip=1.0),
)


@dataclass(frozen=True)
class Spread:
    """The median and the 10th and 90th percentiles (interpolated) of the runs' values."""

    median: float
    p10: float
    p90: float

    @classmethod
    def of(cls, values: Sequence[float | None]) -> Spread | None:
        """The spread of the values that exist; None when none does."""
        present = [v for v in values if v is not None]
        if not present:
            return None
        return cls(*(float(np.percentile(present, q)) for q in (50, 10, 90)))


@dataclass(frozen=True)
class RemedyRun:
    """One training run: row k of each array after k epochs (row 0 at initialisation), for
    the epochs done; ``dead``, ``saturated`` and ``slopes`` (PReLU's mean slope per hidden
    layer) are None where the activation has none."""

    seed: int
    speeds: Array
    accuracies: Array
    dead: Array | None
    saturated: Array | None
    slopes: Array | None
    diverged_at: int | None

    @classmethod
    def of(cls, seed: int, run: Run) -> RemedyRun:
        snapshots = run.snapshots

        def series(name: str) -> Array | None:
            values = [getattr(s, name) for s in snapshots]
            return None if not values or values[0] is None else np.array(values)

        return cls(seed, np.array([s.speeds for s in snapshots]),
                   np.array([s.accuracy for s in snapshots]), series("dead"),
                   series("saturated"), series("slopes"), run.diverged_at)

    def ratio(self, k: int) -> float | None:
        """speed(last hidden layer) / speed(first) after k epochs (k = -1: the last done);
        None when the first layer does not learn at all (speed 0) or the row is missing."""
        if len(self.speeds) == 0 or self.speeds[k][0] == 0:
            return None
        return float(self.speeds[k][-1] / self.speeds[k][0])

    def final(self, name: str) -> float | None:
        """The last value of ``accuracies``, ``dead`` or ``saturated``; None if diverged."""
        values = getattr(self, name)
        return None if self.diverged_at is not None or values is None else float(values[-1])


#: What a row summarises over its runs: name -> the value of one run (None where it has none).
SUMMARIES: dict[str, Callable[[RemedyRun], float | None]] = {
    "ratio_init": lambda run: run.ratio(0),
    "ratio_trained": lambda run: None if run.diverged_at is not None else run.ratio(-1),
    "accuracy": lambda run: run.final("accuracies"),
    "saturated": lambda run: run.final("saturated"),
    "dead": lambda run: run.final("dead"),
}


@dataclass(frozen=True)
class RemedyRow:
    """A remedy and its runs, with the table's summaries over the runs."""

    remedy: Remedy
    runs: tuple[RemedyRun, ...]

    def values(self, name: str) -> list[float | None]:
        """One value per run of the summary ``name`` (a key of :data:`SUMMARIES`)."""
        return [SUMMARIES[name](run) for run in self.runs]

    def spread(self, name: str) -> Spread | None:
        """The spread over the runs that have a value of ``name``."""
        return Spread.of(self.values(name))

    @property
    def ratio_at_init(self) -> Spread | None:
        return self.spread("ratio_init")

    @property
    def ratio_after(self) -> Spread | None:
        """Over the runs that did not diverge."""
        return self.spread("ratio_trained")

    @property
    def accuracy(self) -> Spread | None:
        return self.spread("accuracy")

    @property
    def dead(self) -> Spread | None:
        return self.spread("dead")

    @property
    def saturated(self) -> Spread | None:
        return self.spread("saturated")

    def layer_speeds(self, k: int) -> Array:
        """speeds[run, l-1] of every hidden layer after k epochs (k = -1: after training),
        one row per run that did not diverge (after training) or has a first measurement (at
        initialisation); shape (0, 0) when none has."""
        kept = [r.speeds[k] for r in self.runs
                if (r.diverged_at is None or k == 0) and len(r.speeds)]
        return np.array(kept) if kept else np.zeros((0, 0))

    @property
    def diverged_runs(self) -> int:
        return sum(r.diverged_at is not None for r in self.runs)

    @property
    def diverged(self) -> bool:
        """Whether any run diverged."""
        return self.diverged_runs > 0


@dataclass(frozen=True)
class Setting:
    """What every row shares; the defaults are the module's."""

    hidden: int = 10
    width: int = 30
    epochs: int = 20
    batch_size: int = 10
    eta: float = 0.02
    lmbda: float = 0.1

    def __post_init__(self) -> None:
        require_count(self.hidden, "the number of hidden layers", 1, MAX_HIDDEN_TRAINED)
        require_count(self.width, "the width of the hidden layers")
        require_count(self.epochs, "the number of epochs")
        require_count(self.batch_size, "the batch size")


@dataclass(frozen=True)
class Remedies:
    """The table: one row per remedy, the setting every row shares, and the data."""

    rows: tuple[RemedyRow, ...]
    setting: Setting
    train_images: int
    validation_images: int
    seed: int

    @property
    def sizes(self) -> list[int]:
        return layer_sizes(self.setting.hidden, self.setting.width)

    @property
    def seeds(self) -> int:
        return len(self.rows[0].runs) if self.rows else 0


def select(names: Sequence[str] | None) -> tuple[Remedy, ...]:
    """The rows of :data:`REMEDIES` with these names, in the order given (each once); all of
    them when ``names`` is empty."""
    known = {r.name: r for r in REMEDIES}
    unknown = [n for n in names or () if n not in known]
    if unknown:
        raise ValueError(f"unknown remedy {unknown[0]!r}; choose from: {', '.join(known)}")
    return tuple(known[n] for n in dict.fromkeys(names)) if names else REMEDIES


def check_request(setting: Setting, rows: int, seeds: int, train_images: int,
                  validation_images: int) -> None:
    """Refuse a table whose memory or work would pass the budgets, before anything runs:
    per run, ``epochs`` epochs of mini-batch steps and ``epochs + 1`` measurements over the
    training images (backward, no weight gradients) and the validation images (forward)."""
    require_count(seeds, "the number of seeds", 1, MAX_SEEDS)
    require_count(rows, "the number of rows", 1)
    require_count(train_images, "the number of training images")
    require_count(validation_images, "the number of validation images")
    s, runs = setting, rows * seeds
    batch = min(s.batch_size, train_images)
    check_plan(s.hidden, s.width, batch, runs * s.epochs * -(-train_images // batch),
               weight_gradients=True)
    check_plan(s.hidden, s.width, max(train_images, validation_images),
               2 * runs * (s.epochs + 1), weight_gradients=False)


def run_remedy(remedy: Remedy, train_digits: Digits, validation: Digits, setting: Setting,
               seeds: int = 3, seed: int = 0, progress: Progress = None) -> RemedyRow:
    """One row: ``seeds`` networks with the remedy, trained and measured."""
    require_count(seeds, "the number of seeds")
    used = np.flatnonzero(train_digits.images.any(axis=0))
    x, y = train_digits.images[:, used], train_digits.one_hot()
    watch = Watch(x, y, validation.images[:, used], validation.labels, seed=seed)
    arch = Architecture(tuple(layer_sizes(setting.hidden, setting.width)),
                        get_activation(remedy.activation), remedy.batch_norm, remedy.residual)
    sgd = SGD(setting.eta, setting.lmbda, len(x), remedy.momentum, remedy.nesterov, remedy.clip)
    runs = []
    for s in range(seeds):
        rng = np.random.default_rng([seed, s])
        model = restrict_inputs(initial_model(arch, rng, remedy.init, remedy.zero_biases), used)
        run = train(model, x, y, sgd, setting.epochs, setting.batch_size, rng, watch, progress)
        if progress is not None and run.epochs < setting.epochs:
            progress(setting.epochs - run.epochs)  # a diverged run's remaining epochs
        runs.append(RemedyRun.of(s, run))
    return RemedyRow(remedy, tuple(runs))


def remedies(train_digits: Digits | None = None, validation: Digits | None = None,
             rows: Sequence[Remedy] = REMEDIES, setting: Setting = Setting(), seeds: int = 3,
             seed: int = 0, progress: Progress = None) -> Remedies:
    """Every row of :data:`REMEDIES` (or ``rows``), on the embedded sample's default split
    (1,000 training and 1,000 validation digits, split seed 0) unless digits are given.

    ``progress`` is called once per epoch of each run (rows * seeds * epochs in all).
    """
    if train_digits is None or validation is None:
        train_digits, validation = balanced_split(load_embedded(), 1000, 1000, seed=0)
    check_request(setting, len(rows), seeds, len(train_digits), len(validation))
    table = tuple(run_remedy(r, train_digits, validation, setting, seeds, seed, progress)
                  for r in rows)
    return Remedies(table, setting, len(train_digits), len(validation), seed)
