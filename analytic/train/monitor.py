"""What a pass says about the hidden layers: speeds of learning, dead and saturated units, and
PReLU's learned slopes.

The speed of learning of hidden layer l over a batch of N images (the chapter's) is
||(1/N) sum_i delta^l_i||, the norm of dC/db^l; with batch norm, where dC/db^l = 0, it is
||dC/dbeta^l||, the same formula with delta^l = N dC/dz^l (see :mod:`analytic.train.model`).
``mean-norm`` is (1/N) sum_i ||delta^l_i|| instead.

On a test-time pass over validation images:

- a unit of a rectifier (an activation linear above 0) is *dead* when z <= 0 on every image:
  it is never active there; the fraction counts units over all hidden layers, or in each
  (``dead_fractions``, which full-batch descent records on its training images);
- an output phi(z) of a bounded activation is *saturated* when it lies outside the band the
  activation names (sigmoid: a < 0.02 or a > 0.98; tanh: |a| > 0.97); the fraction counts
  (image, unit) pairs over all hidden layers.
"""

from __future__ import annotations

import math

import numpy as np

from .model import Gradients, Model, Pass

Array = np.ndarray
STATISTICS = {
    "mean-gradient": "norm of the mean over images of dC/db (the chapter's)",
    "mean-norm": "mean over images of the norm of dC/db",
}


def check_statistic(statistic: str) -> None:
    """ValueError unless ``statistic`` is one of :data:`STATISTICS`."""
    if statistic not in STATISTICS:
        raise ValueError(f"unknown statistic {statistic!r}; choose from: {', '.join(STATISTICS)}")


def speeds(grads: Gradients, statistic: str = "mean-gradient") -> Array:
    """Every hidden layer's speed of learning, layer 1 first."""
    check_statistic(statistic)
    if statistic == "mean-gradient":
        # sqrt(m . m), as np.linalg.norm computes a vector's norm, without its overhead
        return np.array([math.sqrt(np.dot(mean, mean)) for mean in grads.means[:-1]])
    return np.array([np.linalg.norm(d, axis=1).mean() for d in grads.deltas[:-1]])


def dead_fraction(model: Model, batch: Pass) -> float | None:
    """The fraction of hidden units never active (z <= 0) on the batch; None unless the hidden
    activation is a rectifier."""
    if not model.architecture.activation.linear_above_zero:
        return None
    zs = batch.zs[:-1]
    dead = sum(int(np.count_nonzero(np.all(z <= 0, axis=0))) for z in zs)
    return dead / sum(z.shape[1] for z in zs)


def dead_fractions(model: Model, batch: Pass) -> Array | None:
    """Each hidden layer's fraction of units never active (z <= 0) on the batch, layer 1
    first; None unless the hidden activation is a rectifier."""
    if not model.architecture.activation.linear_above_zero:
        return None
    return np.array([np.count_nonzero(np.all(z <= 0, axis=0)) / z.shape[1]
                     for z in batch.zs[:-1]])


def saturated_fraction(model: Model, batch: Pass) -> float | None:
    """The fraction of hidden outputs phi(z) outside the activation's unsaturated band; None
    for an activation that names none."""
    phi = model.architecture.activation
    if phi.saturation is None:
        return None
    low, high = phi.saturation
    outputs = [phi.f(z) for z in batch.zs[:-1]]
    outside = sum(int(np.count_nonzero((a < low) | (a > high))) for a in outputs)
    return outside / sum(a.size for a in outputs)


def slopes(model: Model) -> Array | None:
    """Each hidden layer's mean PReLU slope; None when the slopes are not learned."""
    if not model.parameters.slopes:
        return None
    return np.array([s.mean() for s in model.parameters.slopes])
