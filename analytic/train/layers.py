"""The pieces of one hidden layer, each as a forward and a backward function.

Notation for one hidden layer l over a batch of N examples, one example per row:

- u = a_prev (w^l)^T + b^l, the dense layer's output;
- with batch normalisation (Ioffe and Szegedy 2015), x_hat = (u - mu) / sqrt(var + eps) with
  mu and var the batch mean and (biased) variance of each unit in training, the running
  averages at test time, and z = gamma * x_hat + beta; without it z = u (the chapter's z^l);
- a = phi(z), plus a_prev with a residual connection, which the model adds: a one-layer
  block, a = phi(z) + a_prev, around every hidden layer of equal width. He et al.'s (2016)
  block has two weight layers, a = ReLU(x + W2 ReLU(W1 x)) (batch norm after each weight
  layer), and their pre-activation block ("Identity mappings", 2016) is
  x + W2 ReLU(BN(W1 ReLU(BN(x)))); neither is what is built here.

Backward functions take and return *row deltas*: an array D with one row per example whose
batch mean is the gradient of the batch-mean cost C, that is D = N dC/dX. Without batch norm
row i of D_z is the chapter's delta^l of example i; with it the rows are coupled through mu and
var, and only their mean (dC/dbeta) is a gradient.

Negative slopes. PReLU (He et al. 2015) and RReLU (Xu et al. 2015) change phi for z < 0 only:
phi(z) = z for z > 0 and s z below, as in the papers (a description that puts the slope on
z >= 0 has the sides swapped). PReLU learns s, one slope per unit (the papers' "channel-wise"
form: a dense layer's channel is its unit). RReLU draws s from U(lower, upper) for every unit
and example in training, and uses the band's mean at test time, as PyTorch's ``nn.RReLU``
does (Xu et al. divide by a ~ U(3, 8) instead: :func:`analytic.core.activations.rrelu`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core.activations import Activation

Array = np.ndarray

#: eps in sqrt(var + eps), and the weight of a new batch in the running averages
BN_EPS = 1e-5
BN_MOMENTUM = 0.1


# --- batch normalisation -------------------------------------------------------------------------
class Normalised(NamedTuple):
    """What the backward pass needs of one batch-norm forward: x_hat and 1/sqrt(var + eps);
    ``mean`` and ``var`` are the batch statistics."""

    x_hat: Array
    inv_std: Array
    mean: Array
    var: Array


def batch_mean(a: Array, out: Array | None = None) -> Array:
    """The mean over the batch (axis 0), into ``out`` if given: the same bits as
    ``a.mean(axis=0)``, without its Python-level overhead, which dominates for a batch of 10
    (for the model's column-major arrays, a pairwise sum down each column)."""
    mean = np.add.reduce(a, axis=0, out=out)
    mean /= len(a)
    return mean


def batch_norm(u: Array, gamma: Array, beta: Array) -> tuple[Array, Normalised]:
    """z = gamma x_hat + beta with the batch's own mean and variance (training)."""
    mean = batch_mean(u)
    centred = u - mean
    var = batch_mean(centred * centred)
    inv_std = (var + BN_EPS) ** -0.5
    x_hat = centred * inv_std
    z = x_hat * gamma
    z += beta
    return z, Normalised(x_hat, inv_std, mean, var)


def batch_norm_fixed(u: Array, gamma: Array, beta: Array, mean: Array, var: Array) -> Array:
    """z = gamma x_hat + beta with given statistics (test time: the running averages)."""
    return gamma * (u - mean) / np.sqrt(var + BN_EPS) + beta


def batch_norm_backward(delta_z: Array, gamma: Array, cache: Normalised,
                        nabla_beta: Array | None = None) -> tuple[Array, Array, Array]:
    """(D_u, dC/dgamma, dC/dbeta) from D_z, through the batch's mean and variance.

    With D_xhat = gamma D_z, D_u = (D_xhat - mean(D_xhat) - x_hat mean(D_xhat x_hat)) /
    sqrt(var + eps): the two means are what each example's u does to the batch statistics.
    They are gamma dC/dbeta and gamma dC/dgamma, so D_u = gamma / sqrt(var + eps) (D_z -
    dC/dbeta - x_hat dC/dgamma). mean(D_u) = 0: dC/db of the dense layer before batch norm
    vanishes (b cancels against the batch mean). ``nabla_beta``, mean(D_z), may be passed in
    when it is already known.
    """
    x_hat = cache.x_hat
    nabla_gamma = batch_mean(delta_z * x_hat)
    nabla_beta = batch_mean(delta_z) if nabla_beta is None else nabla_beta
    delta_u = delta_z - nabla_beta
    delta_u -= x_hat * nabla_gamma
    delta_u *= gamma * cache.inv_std
    return delta_u, nabla_gamma, nabla_beta


def running_average(old: Array, batch: Array) -> Array:
    """(1 - m) old + m batch, m = BN_MOMENTUM: an exponential average over training batches."""
    return (1.0 - BN_MOMENTUM) * old + BN_MOMENTUM * batch


def unbiased(var: Array, n: int) -> Array:
    """The batch variance times n / (n - 1), as the paper's inference statistics use."""
    return var * (n / (n - 1)) if n > 1 else var


# --- activations with a negative slope that is learned or random ----------------------------------
def slope_form(z: Array, slope: Array | float) -> tuple[Array, Array]:
    """(phi(z), phi'(z)) of phi(z) = z above 0 and slope * z below (slope broadcasts)."""
    positive = z > 0
    return np.where(positive, z, slope * z), np.where(positive, 1.0, slope)


def slope_gradient(grad_a: Array, z: Array) -> Array:
    """dC/ds for PReLU's per-unit slopes s: the batch mean of D_a * min(z, 0)."""
    return batch_mean(grad_a * np.minimum(z, 0.0))


def random_slopes(phi: Activation, shape: tuple[int, ...], rng: np.random.Generator) -> Array:
    """RReLU's training-time slopes: one U(lower, upper) draw per example and unit."""
    lower, upper = phi.slope_band
    return rng.uniform(lower, upper, size=shape)


def activate(phi: Activation, z: Array, slope: Array | None, train: bool,
             rng: np.random.Generator | None) -> tuple[Array, Array]:
    """(phi(z), phi'(z)) for a hidden layer: PReLU with its learned ``slope``, RReLU with a
    fresh draw in training, every other activation (and RReLU at test time) as registered."""
    if phi.slope_learned:
        return slope_form(z, slope)
    if phi.slope_band is not None and train:
        if rng is None:
            raise ValueError("training a network with random slopes (rrelu) needs a generator")
        return slope_form(z, random_slopes(phi, z.shape, rng))
    return phi.value_and_prime(z)
