"""A trainable deep network: dense layers, optional batch norm, any hidden activation (PReLU's
slopes learned, RReLU's random), optional residual connections; the chapter's sigmoid output
layer and cross-entropy cost unless an argument says otherwise.

Notation (the chapter's, extended), stated once:

- layers l = 1..L from the first layer with weights; hidden layers l = 1..H, H = L - 1;
  layer 0 is the input. A batch holds one example per row;
- ``weights[l-1]`` is w^l, shape (n_l, n_{l-1}); ``biases[l-1]`` is b^l;
- hidden layer l: u^l = a^{l-1} (w^l)^T + b^l; z^l = gamma^l x_hat^l + beta^l with batch norm
  (x_hat^l normalises u^l, see :mod:`analytic.train.layers`), z^l = u^l without it;
  a^l = phi(z^l), plus a^{l-1} when the layer is residual (n_l = n_{l-1});
- output layer: z^L = u^L and a^L = phi_out(z^L);
- ``gammas``, ``betas`` and ``slopes`` hold gamma^l, beta^l (batch norm) and PReLU's slopes
  s^l for the hidden layers, one entry each, and are empty when unused;
- delta^l holds the row deltas N dC/dz^l (z^l the input of phi), so dC/db^l = mean(delta^l)
  without batch norm and dC/dbeta^l = mean(delta^l) with it; the speed of learning of hidden
  layer l is ||mean(delta^l)|| in both cases (with batch norm dC/db^l is 0: b^l cancels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from ..core.activations import Activation, get_activation
from ..core.costs import Cost, get_cost
from ..core.initialisation import initial_network
from ..core.limits import check_memory, require_count
from . import layers
from .layers import Normalised

Array = np.ndarray
KINDS = ("weights", "biases", "gammas", "betas", "slopes")


@dataclass(frozen=True)
class Architecture:
    """What stays fixed in training: sizes [n_0, ..., n_L], the layers' kinds and the cost."""

    sizes: tuple[int, ...]
    activation: Activation = field(default_factory=lambda: get_activation("sigmoid"))
    batch_norm: bool = False
    residual: bool = False
    output: Activation = field(default_factory=lambda: get_activation("sigmoid"))
    cost: Cost = field(default_factory=lambda: get_cost("cross-entropy"))

    def __post_init__(self) -> None:
        if len(self.sizes) < 2:
            raise ValueError(f"a network needs an input and an output size, got {self.sizes}")
        for size in self.sizes:
            require_count(size, "every layer size")
        params = sum(m * n for m, n in zip(self.sizes, self.sizes[1:]))
        check_memory(8 * 4 * params, f"a network of {params:,} weights")

    @property
    def depth(self) -> int:
        """L, the number of layers with weights."""
        return len(self.sizes) - 1

    @property
    def hidden(self) -> int:
        """H = L - 1, the number of hidden layers."""
        return self.depth - 1

    def residual_at(self, l: int) -> bool:
        """Whether hidden layer l adds its input a^{l-1} to phi(z^l)."""
        return self.residual and l <= self.hidden and self.sizes[l] == self.sizes[l - 1]


@dataclass(frozen=True)
class Parameters:
    """Everything training changes by gradient descent; also the shape of a gradient."""

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    gammas: tuple[Array, ...] = ()
    betas: tuple[Array, ...] = ()
    slopes: tuple[Array, ...] = ()

    def items(self) -> Iterator[tuple[str, Array]]:
        """(kind, array) for every array, kind one of :data:`KINDS`."""
        for kind in KINDS:
            for array in getattr(self, kind):
                yield kind, array

    def map(self, fn: Callable[..., Array], *others: Parameters) -> Parameters:
        """Parameters whose arrays are fn(kind, mine, others'...), array by array."""
        return Parameters(**{
            kind: tuple(fn(kind, *arrays) for arrays in zip(getattr(self, kind),
                                                            *(getattr(o, kind) for o in others)))
            for kind in KINDS
        })

    def norm(self) -> float:
        """The Euclidean norm of all arrays together, as one vector."""
        return float(np.sqrt(sum(np.vdot(a, a) for _, a in self.items())))


@dataclass(frozen=True)
class Model:
    """An architecture, its parameters, and batch norm's running averages (mean, variance)."""

    architecture: Architecture
    parameters: Parameters
    running_means: tuple[Array, ...] = ()
    running_vars: tuple[Array, ...] = ()


def initial_model(architecture: Architecture, rng: np.random.Generator,
                  init: str = "scaled") -> Model:
    """Weights by the scheme ``init`` and biases N(0, 1), drawn as ``initial_network`` draws
    them (the same numbers from the same generator); gamma = 1, beta = 0, PReLU slopes at the
    activation's starting value, running averages 0 and 1."""
    arch = architecture
    net = initial_network(arch.sizes, rng, init, arch.activation)
    hidden = arch.sizes[1:-1]
    norm = arch.batch_norm
    params = Parameters(
        net.weights, net.biases,
        gammas=tuple(np.ones(n) for n in hidden) if norm else (),
        betas=tuple(np.zeros(n) for n in hidden) if norm else (),
        slopes=(tuple(np.full(n, arch.activation.negative_slope) for n in hidden)
                if arch.activation.slope_learned else ()),
    )
    return Model(arch, params, tuple(np.zeros(n) for n in hidden) if norm else (),
                 tuple(np.ones(n) for n in hidden) if norm else ())


def restrict_inputs(model: Model, used: Array) -> Model:
    """The model that reads only the input components ``used`` (columns of w^1).

    On inputs that are 0 outside ``used`` every output and every other gradient is unchanged;
    on MNIST, pixels blank in every training image go, and with them a fifth of the work.
    """
    p = model.parameters
    params = replace(p, weights=(p.weights[0][:, used], *p.weights[1:]))
    arch = replace(model.architecture, sizes=(len(used), *model.architecture.sizes[1:]))
    return replace(model, architecture=arch, parameters=params)


# --- forward pass --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pass:
    """One forward pass: a^0..a^L, z^1..z^L, phi'(z^l) and batch-norm caches per hidden layer."""

    activations: list[Array]
    zs: list[Array]
    primes: list[Array]
    norms: list[Normalised | None]
    train: bool


def _normalise(model: Model, l: int, u: Array, train: bool) -> tuple[Array, Normalised | None]:
    p = model.parameters
    if not model.architecture.batch_norm:
        return u, None
    if train:
        return layers.batch_norm(u, p.gammas[l - 1], p.betas[l - 1])
    z = layers.batch_norm_fixed(u, p.gammas[l - 1], p.betas[l - 1],
                                model.running_means[l - 1], model.running_vars[l - 1])
    return z, None


def forward(model: Model, x: Array, train: bool = False,
            rng: np.random.Generator | None = None) -> Pass:
    """The pass over the batch x: batch statistics and random slopes in training (``train``),
    running averages and mean slopes at test time."""
    arch, p = model.architecture, model.parameters
    activations, zs, primes, norms = [np.asarray(x, dtype=float)], [], [], []
    for l in range(1, arch.hidden + 1):
        a_prev = activations[-1]
        z, norm = _normalise(model, l, a_prev @ p.weights[l - 1].T + p.biases[l - 1], train)
        slope = p.slopes[l - 1] if p.slopes else None
        a, prime = layers.activate(arch.activation, z, slope, train, rng)
        activations.append(a + a_prev if arch.residual_at(l) else a)
        zs.append(z), primes.append(prime), norms.append(norm)
    zs.append(activations[-1] @ p.weights[-1].T + p.biases[-1])
    activations.append(arch.output.f(zs[-1]))
    return Pass(activations, zs, primes, norms, train)


def with_running_averages(model: Model, batch: Pass) -> Model:
    """The model after one training batch has moved batch norm's running averages."""
    if not model.architecture.batch_norm:
        return model
    n = len(batch.activations[0])
    means = tuple(layers.running_average(m, c.mean)
                  for m, c in zip(model.running_means, batch.norms))
    variances = tuple(layers.running_average(v, layers.unbiased(c.var, n))
                      for v, c in zip(model.running_vars, batch.norms))
    return replace(model, running_means=means, running_vars=variances)


# --- backward pass -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gradients:
    """dC/d(every parameter), as :class:`Parameters`, and the row deltas delta^1..delta^L."""

    nabla: Parameters
    deltas: list[Array]


def backward(model: Model, batch: Pass, y: Array, weight_gradients: bool = True) -> Gradients:
    """The gradient of the batch-mean cost C by backpropagation through ``batch``.

    With ``weight_gradients=False`` nabla.weights is left empty (the speeds need none of them).
    """
    arch, p, n = model.architecture, model.parameters, len(y)
    delta = arch.cost.output_delta(batch.zs[-1], batch.activations[-1], y, arch.output)
    deltas, grad_a = [delta], None
    nabla = {kind: [] for kind in KINDS}
    for l in range(arch.depth, 0, -1):
        delta_u = delta  # N dC/du^l
        if arch.batch_norm and l <= arch.hidden:
            delta_u, gamma, beta = layers.batch_norm_backward(delta, p.gammas[l - 1],
                                                              batch.norms[l - 1])
            nabla["gammas"].append(gamma), nabla["betas"].append(beta)
        nabla["biases"].append(delta_u.mean(axis=0))
        if weight_gradients:
            nabla["weights"].append(delta_u.T @ batch.activations[l - 1] / n)
        if l == 1:
            break
        # N dC/da^{l-1}: through w^l, plus the residual connection's direct path around layer l
        grad_prev = delta_u @ p.weights[l - 1]
        if arch.residual_at(l):
            grad_prev = grad_prev + grad_a
        if p.slopes:
            nabla["slopes"].append(layers.slope_gradient(grad_prev, batch.zs[l - 2]))
        delta, grad_a = grad_prev * batch.primes[l - 2], grad_prev
        deltas.append(delta)
    params = Parameters(**{kind: tuple(reversed(arrays)) for kind, arrays in nabla.items()})
    return Gradients(params, deltas[::-1])


# --- what a pass tells ---------------------------------------------------------------------------
def cost(model: Model, batch: Pass, y: Array) -> float:
    """C, the batch mean of the per-example cost (written from z^L where that is exact)."""
    arch = model.architecture
    value = arch.cost.output_value(batch.zs[-1], batch.activations[-1], y, arch.output)
    return float(value.sum(axis=1).mean())


def predictions(model: Model, x: Array) -> Array:
    """The most active output neuron for each example, at test time."""
    return np.argmax(forward(model, x).activations[-1], axis=1)
