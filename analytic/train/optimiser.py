"""Mini-batch gradient descent with the chapter's L2 weight decay, momentum and clipping.

One step takes the gradient g = dC_0/dtheta of the unregularised batch cost C_0 and

1. clips it (Pascanu, Mikolov and Bengio 2013): when ||g|| > ``clip``, the whole gradient (every
   parameter together, as one vector) is rescaled to norm ``clip``; its direction is kept;
2. adds the chapter's weight decay: C = C_0 + lmbda / (2n) sum w^2 adds (lmbda / n) w to the
   weights' gradient only; biases, gamma, beta and PReLU slopes are not decayed. Call the
   result g_hat;
3. moves the parameters, with learning rate eta and momentum mu:

   - plain (mu = 0): theta <- theta - eta g_hat, for the weights the chapter's
     w <- (1 - eta lmbda / n) w - eta g;
   - classical momentum: v <- mu v - eta g_hat(theta); theta <- theta + v;
   - Nesterov (Sutskever, Martens, Dahl and Hinton 2013): v <- mu v - eta g_hat(theta + mu v);
     theta <- theta + v. The gradient is taken at the look-ahead point theta + mu v. Holding
     phi = theta + mu v in place of theta (Bengio, Boulanger-Lewandowski and Pascanu 2013)
     makes it the gradient at the held parameters: v <- mu v - eta g_hat(phi);
     phi <- phi + mu v - eta g_hat(phi). The model holds phi, so a training loop needs one
     gradient per step, whichever momentum it uses.

Velocities start at 0. Every operation acts on the parameters' flat vector, whose leading
entries are the weights (:class:`analytic.train.model.Layout`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.limits import require_count, require_range
from .model import Parameters

Array = np.ndarray


@dataclass(frozen=True)
class SGD:
    """Learning rate eta, weight decay lmbda over n training examples, momentum mu (classical
    or ``nesterov``), and the gradient-norm threshold ``clip`` (None: no clipping)."""

    eta: float = 0.1
    lmbda: float = 0.0
    n: int = 1
    momentum: float = 0.0
    nesterov: bool = False
    clip: float | None = None

    def __post_init__(self) -> None:
        require_range(self.eta, "the learning rate eta", 0, math.inf, low_open=True)
        require_range(self.lmbda, "the weight decay lmbda", 0)
        require_count(self.n, "the number of training examples n")
        require_range(self.momentum, "the momentum mu", 0, 1, high_open=True)
        if self.clip is not None:
            require_range(self.clip, "the clipping threshold", 0, math.inf, low_open=True)


def initial_velocity(params: Parameters, sgd: SGD) -> Array | None:
    """Zero velocities for every parameter; None without momentum."""
    return None if sgd.momentum == 0 else np.zeros_like(params.vector)


def clipped(nabla: Parameters, threshold: float) -> Parameters:
    """The gradient rescaled to norm ``threshold`` if its norm is larger, else itself.

    A norm that is not finite is left alone: the step that follows is the divergence that a
    training loop detects.
    """
    norm = nabla.norm()
    if not math.isfinite(norm) or norm <= threshold:
        return nabla
    return nabla.like(nabla.vector * (threshold / norm))


def step(params: Parameters, nabla: Parameters, velocity: Array | None, sgd: SGD
         ) -> tuple[Parameters, Array | None]:
    """(parameters, velocity) after one step on the cost gradient ``nabla``."""
    if sgd.clip is not None:
        nabla = clipped(nabla, sgd.clip)
    theta, g, eta, mu = params.vector, nabla.vector, sgd.eta, sgd.momentum
    weights = slice(0, params.layout.weights_size)
    if mu == 0:  # the chapter's (1 - eta lmbda / n) w - eta g, as written
        shrunk = theta.copy()
        shrunk[weights] *= 1.0 - eta * sgd.lmbda / sgd.n
        return params.like(shrunk - eta * g), None
    if sgd.lmbda:
        g = g.copy()
        g[weights] += (sgd.lmbda / sgd.n) * theta[weights]
    velocity = mu * velocity - eta * g
    moved = theta + mu * velocity - eta * g if sgd.nesterov else theta + velocity
    return params.like(moved), velocity
