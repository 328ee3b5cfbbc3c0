"""What a pass says about the hidden layers: per-layer measures of learning, dead and
saturated units, and PReLU's learned slopes.

The per-layer measures, each defined here once. For hidden layer l = 1..H over a batch of N
examples, delta^l_i is row i of the model's row deltas N dC/dz^l (z^l the input of phi; without
batch norm the chapter's delta^l of example i, dC_i/dz^l; see :mod:`analytic.train.model`),
and C is the batch-mean cost without weight decay:

- ``bias-gradient``, the chapter's speed of learning: ||dC/db^l|| = ||(1/N) sum_i delta^l_i||,
  the norm of the batch mean of delta^l. With batch norm, where dC/db^l = 0 (b^l cancels), it
  is ||dC/dbeta^l||, the same formula. Below a batch-norm layer it is close to 0 by
  construction: that layer's backward pass removes the batch mean of the error it passes
  down, so the mean of delta^l over the batch is what is left after the removal;
- ``delta-rms``: sqrt((1/N) sum_i ||delta^l_i||^2), the root mean square over the examples of
  the error's norm. No mean over examples is taken before the norm, so nothing cancels; it is
  the quantity mean-field theory propagates (E||delta^l||^2 = chi_1 E||delta^{l+1}||^2);
- ``weight-gradient``: ||dC/dw^l||, the Frobenius norm of the gradient of C with respect to
  the weights w^l that feed layer l (layer 1's: from the pixels the network reads, see
  :func:`analytic.train.restrict_inputs`; a blank pixel's weights get no gradient);
- ``update-ratio``: ||Delta w^l|| / ||w^l|| (Frobenius norms), Delta w^l the change that one
  step of the optimiser makes to w^l from the current parameters and velocity on the same batch:
  its learning rate, weight decay, momentum and clipping (:func:`analytic.train.step`). In
  full-batch descent it is the step taken; measured on more images than a mini-batch holds, it
  is the step on all of them, whose gradient has none of a small batch's noise, so that a
  mini-batch's own steps are larger. A rule of thumb (Karpathy's CS231n notes) aims near 1e-3.

On a test-time pass over validation images:

- a unit of a rectifier (an activation linear above 0) is *dead* when z <= 0 on every image:
  it is never active there; the fraction counts units over all hidden layers, or in each
  (``dead_fractions``, which full-batch descent records on its training images);
- an output phi(z) of a bounded activation is *saturated* when it lies outside the band the
  activation names (:data:`analytic.core.activations.SATURATION_MARGIN`); the fraction counts
  (image, unit) pairs over all hidden layers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .model import Gradients, Model, Pass
from .optimiser import SGD, step

Array = np.ndarray


def _norm(a: Array) -> float:
    # sqrt(a . a), as np.linalg.norm computes a vector's norm, without its overhead
    flat = a.ravel(order="K")
    return math.sqrt(np.dot(flat, flat))


def bias_gradient(model: Model, grads: Gradients, sgd: SGD | None = None,
                  velocity: Array | None = None) -> Array:
    """||dC/db^l|| (||dC/dbeta^l|| with batch norm) of every hidden layer, layer 1 first."""
    return np.array([_norm(mean) for mean in grads.means[:-1]])


def delta_rms(model: Model, grads: Gradients, sgd: SGD | None = None,
              velocity: Array | None = None) -> Array:
    """sqrt(mean over examples of ||delta^l_i||^2) of every hidden layer, layer 1 first."""
    return np.array([_norm(d) / math.sqrt(len(d)) for d in grads.deltas[:-1]])


def weight_gradient(model: Model, grads: Gradients, sgd: SGD | None = None,
                    velocity: Array | None = None) -> Array:
    """||dC/dw^l|| of every hidden layer, layer 1 first (needs the weights' gradients)."""
    hidden = model.architecture.hidden
    return np.array([_norm(w) for w in _nabla(grads).weights[:hidden]])


def update_ratio(model: Model, grads: Gradients, sgd: SGD | None = None,
                 velocity: Array | None = None) -> Array:
    """||Delta w^l|| / ||w^l|| of the optimiser's step ``sgd`` from here (with ``velocity``)
    on the batch the gradients come from, every hidden layer, layer 1 first."""
    if sgd is None:
        raise ValueError("the update ratio measures an optimiser step: it needs the optimiser")
    moved, _ = step(model.parameters, _nabla(grads), velocity, sgd)
    hidden = model.architecture.hidden
    before, after = model.parameters.weights[:hidden], moved.weights[:hidden]
    return np.array([_ratio(_norm(w1 - w0), _norm(w0)) for w0, w1 in zip(before, after)])


def _ratio(step_norm: float, weight_norm: float) -> float:
    # weights that are all 0 (or whose squares underflow): every step is infinitely larger
    return step_norm / weight_norm if weight_norm else math.inf


def _nabla(grads: Gradients):
    if grads.nabla is None:
        raise ValueError("this measure needs the weights' gradients (backward with "
                         "weight_gradients=True)")
    return grads.nabla


@dataclass(frozen=True)
class Measure:
    """A per-layer measure (see the module docstring): its name, what it is in one line, and
    what it needs: the weights' gradients (``weights``) and an optimiser step (``step``)."""

    name: str
    what: str
    of: Callable[..., Array]
    weights: bool = False
    step: bool = False


#: The measures by name, the chapter's first.
MEASURES: dict[str, Measure] = {m.name: m for m in (
    Measure("bias-gradient", "||dC/db^l||, the norm of the batch mean of delta^l (the "
            "chapter's speed; ||dC/dbeta^l|| with batch norm)", bias_gradient),
    Measure("delta-rms", "rms delta^l, the root mean square over the examples of ||delta^l||",
            delta_rms),
    Measure("weight-gradient", "||dC/dw^l||, the norm of the weights' gradient",
            weight_gradient, weights=True),
    Measure("update-ratio", "||Delta w^l|| / ||w^l|| of one optimiser step", update_ratio,
            weights=True, step=True),
)}
#: The chapter's measure, every experiment's default.
CHAPTER_MEASURE = "bias-gradient"


def get_measure(name: str) -> Measure:
    """The measure ``name``; ValueError, naming the choices, for any other."""
    if name not in MEASURES:
        raise ValueError(f"unknown measure {name!r}; choose from: {', '.join(MEASURES)}")
    return MEASURES[name]


def per_layer(measure: str, model: Model, grads: Gradients, sgd: SGD | None = None,
              velocity: Array | None = None) -> Array:
    """The measure ``measure`` of every hidden layer, layer 1 first, from the gradients of one
    pass (and, for the update ratio, the optimiser ``sgd`` and its ``velocity``)."""
    return get_measure(measure).of(model, grads, sgd, velocity)


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
