"""A training run described once: the network, the optimiser, the schedule, the data, the seeds.

A :class:`Recipe` is data. Every experiment that draws or trains networks takes recipes and
every result carries the recipes it ran, so that a result says exactly what produced it and
its JSON can be read back into the same run. The defaults are the chapter's:

- the network: [784, width x hidden, 10], the hidden layers' ``activation``, weights by
  ``init``, biases ``bias_std`` x N(0, 1) (hidden ones moved down by ``bias_shift``), an
  ``output`` layer and ``cost`` (the chapter's sigmoid and cross-entropy), optional batch
  norm and residual connections (:class:`~analytic.train.model.Architecture`); the output
  may be the softmax, with the log-likelihood cost (:mod:`analytic.core.outputs`);
- the optimiser: learning rate ``eta``, the chapter's weight decay ``lmbda`` over n = the
  training images, mini-batches of ``batch_size`` (None: the whole training set, one step an
  epoch), ``momentum`` (classical or ``nesterov``), gradient-norm ``clip``
  (:class:`~analytic.train.optimiser.SGD`);
- the schedule: ``epochs``, and ``records`` measurements an epoch;
- the data: ``images`` training and ``validation`` validation digits, a class-balanced draw
  made with ``split_seed``;
- the seeds, one policy for every experiment: network i of a row is drawn from
  ``numpy.random.default_rng([seed, i])`` (:meth:`Recipe.rng`), so network i is the same
  whether 10 or 200 are drawn, and rows that share an initialisation start from the same
  weights.

Every number is checked against :mod:`analytic.core.limits` when the recipe is made.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from ..core import activations, limits
from ..core.activations import Activation, sigmoid
from ..core.costs import Cost, cross_entropy, get_cost
from ..core.initialisation import WeightScheme, get_initialisation, layer_sizes, scaled
from ..core.outputs import Output, Softmax, get_output
from .model import Architecture, Model, initial_model
from .optimiser import SGD

#: Pixels of an MNIST digit, the input layer's size, and its classes, the output layer's.
INPUTS, CLASSES = 784, 10
#: An activation read back from a result's JSON by its name.
named_activation = activations.get_activation
#: Fields that hold objects, written in JSON by their names (and read back by them).
_NAMED = {"activation": named_activation, "output": get_output,
          "init": get_initialisation, "cost": get_cost}
#: What each of those fields must hold.
_KINDS = {"activation": Activation, "output": (Activation, Softmax), "init": WeightScheme,
          "cost": Cost}


@dataclass(frozen=True)
class Recipe:
    """One training run (see the module docstring); ``Recipe()`` is the chapter's network."""

    # the network
    hidden: int = 4
    width: int = 30
    activation: Activation = sigmoid()
    init: WeightScheme = scaled()
    bias_std: float = 1.0
    bias_shift: float = 0.0
    batch_norm: bool = False
    residual: bool = False
    output: Output = sigmoid()
    cost: Cost = cross_entropy()
    # the optimiser
    eta: float = 0.1
    lmbda: float = 0.0
    batch_size: int | None = 10
    momentum: float = 0.0
    nesterov: bool = False
    clip: float | None = None
    # the schedule
    epochs: int = 30
    records: int = 1
    # the data
    images: int = 1000
    validation: int = 1000
    split_seed: int = 0
    # the seeds
    seed: int = 0

    def __post_init__(self) -> None:
        checks = {"hidden": limits.HIDDEN, "width": limits.WIDTH, "eta": limits.ETA,
                  "lmbda": limits.LMBDA, "momentum": limits.MOMENTUM, "epochs": limits.EPOCHS,
                  "records": limits.RECORDS, "bias_std": limits.BIAS_STD,
                  "bias_shift": limits.BIAS_SHIFT, "split_seed": limits.SEED,
                  "seed": limits.SEED}
        for name, limit in checks.items():
            object.__setattr__(self, name, limit.check(getattr(self, name)))
        for name, limit in (("batch_size", limits.BATCH), ("clip", limits.CLIP)):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, limit.check(getattr(self, name)))
        for name, limit in (("images", limits.IMAGES), ("validation", limits.VALIDATION)):
            count = getattr(self, name)
            if not (name == "validation" and count == 0):  # no validation digits: 0
                limit.check(count)
            if count % CLASSES:
                raise ValueError(f"{limit.what} must be a multiple of {CLASSES}, got {count:,}")
        for name, parse in _NAMED.items():  # names are parsed once, at the border
            if not isinstance(getattr(self, name), _KINDS[name]):
                raise ValueError(f"the recipe's {name} must be an object, not its name "
                                 f"{getattr(self, name)!r} (parse it with {parse.__name__})")
        self.cost.check_output(self.output)

    # --- what the recipe makes --------------------------------------------------------------------
    @property
    def sizes(self) -> tuple[int, ...]:
        """[n_0, ..., n_L]: 784 inputs, ``hidden`` layers of ``width``, 10 outputs."""
        return tuple(layer_sizes(self.hidden, self.width, INPUTS, CLASSES))

    @property
    def architecture(self) -> Architecture:
        return Architecture(self.sizes, self.activation, self.batch_norm, self.residual,
                            self.output, self.cost)

    @property
    def sgd(self) -> SGD:
        """The optimiser, its weight decay over n = the training images."""
        return SGD(self.eta, self.lmbda, self.images, self.momentum, self.nesterov, self.clip)

    @property
    def full_batch(self) -> bool:
        """Whether every step takes the whole training set (``batch_size`` None)."""
        return self.batch_size is None

    @property
    def steps_per_epoch(self) -> int:
        """ceil(images / batch size) steps make an epoch (one in full-batch descent)."""
        return 1 if self.full_batch else -(-self.images // self.batch_size)

    @property
    def every(self) -> int:
        """Steps between two measurements within an epoch: its steps over ``records``, at
        least 1.

        >>> Recipe(images=4000, records=10).every, Recipe(records=5).every
        (40, 20)
        """
        return max(1, self.steps_per_epoch // self.records)

    def initial_model(self, rng: np.random.Generator) -> Model:
        """A freshly drawn network of this recipe (weights, then biases, from ``rng``)."""
        return initial_model(self.architecture, rng, self.init, self.bias_std, self.bias_shift)

    def rng(self, index: int = 0) -> np.random.Generator:
        """The generator of network ``index`` (and of its training): the one seed policy."""
        return np.random.default_rng([self.seed, index])

    # --- comparing and writing recipes ------------------------------------------------------------
    def changes(self, base: Recipe) -> dict[str, Any]:
        """The fields that differ from ``base``, with this recipe's values.

        >>> Recipe(eta=1.0).changes(Recipe())
        {'eta': 1.0}
        """
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) != getattr(base, f.name)}

    def but(self, **changes: Any) -> Recipe:
        """This recipe with some fields changed (checked like a new one)."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """Every field, the objects by the names the command line accepts."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in _NAMED:
            value = data[name]
            data[name] = value.spec if not isinstance(value, Cost) else value.name
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recipe:
        """The recipe :meth:`to_json` wrote (names parsed back into their objects)."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"a recipe has no field {sorted(unknown)[0]!r}")
        values = dict(data)
        for name, parse in _NAMED.items():
            if name in values:
                values[name] = parse(values[name])
        return cls(**values)
