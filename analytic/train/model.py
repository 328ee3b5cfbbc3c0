"""A trainable deep network: dense layers, optional batch norm, any hidden activation (PReLU's
slopes learned, RReLU's random), optional residual connections; the chapter's sigmoid output
layer and cross-entropy cost unless an argument says otherwise (the softmax output with the
log-likelihood cost, :mod:`analytic.core.outputs`, is the other pair).

Notation (the chapter's, extended), stated once:

- layers l = 1..L from the first layer with weights; hidden layers l = 1..H, H = L - 1;
  layer 0 is the input. A batch holds one example per row;
- ``weights[l-1]`` is w^l, shape (n_l, n_{l-1}); ``biases[l-1]`` is b^l;
- hidden layer l: u^l = a^{l-1} (w^l)^T + b^l; z^l = gamma^l x_hat^l + beta^l with batch norm
  (x_hat^l normalises u^l, see :mod:`analytic.train.layers`), z^l = u^l without it;
  a^l = phi(z^l), plus a^{l-1} when the layer is residual (n_l = n_{l-1}): a one-layer block,
  not He et al.'s (2016) two-layer one (see :mod:`analytic.train.layers`);
- output layer: z^L = u^L and a^L = phi_out(z^L), unit by unit, or softmax(z^L) over the
  units of each example;
- ``gammas``, ``betas`` and ``slopes`` hold gamma^l, beta^l (batch norm) and PReLU's slopes
  s^l for the hidden layers, one entry each, and are empty when unused;
- delta^l holds the row deltas N dC/dz^l (z^l the input of phi), so dC/db^l = mean(delta^l)
  without batch norm and dC/dbeta^l = mean(delta^l) with it; the speed of learning of hidden
  layer l is ||mean(delta^l)|| in both cases (with batch norm dC/db^l is 0: b^l cancels).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise

import numpy as np

from ..core.activations import Activation, sigmoid
from ..core.costs import Cost, cross_entropy
from ..core.initialisation import WeightScheme, initial_network
from ..core.limits import check_memory, require_count
from ..core.outputs import Output
from . import layers
from .layers import Normalised

Array = np.ndarray
KINDS = ("weights", "biases", "gammas", "betas", "slopes")


@dataclass(frozen=True)
class Architecture:
    """What stays fixed in training: sizes [n_0, ..., n_L], the layers' kinds and the cost."""

    sizes: tuple[int, ...]
    activation: Activation = sigmoid()
    batch_norm: bool = False
    residual: bool = False
    output: Output = sigmoid()
    cost: Cost = cross_entropy()

    def __post_init__(self) -> None:
        self.cost.check_output(self.output)
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
class Layout:
    """Where every array lives in one flat parameter vector: ``shapes[k]`` lists the shapes of
    kind KINDS[k], layer 1 first, stored in that order with the weights first."""

    shapes: tuple[tuple[tuple[int, ...], ...], ...]

    @cached_property
    def spans(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """(start, stop) of every array, kind by kind."""
        spans, start = [], 0
        for shapes in self.shapes:
            kind = []
            for shape in shapes:
                stop = start + math.prod(shape)
                kind.append((start, stop))
                start = stop
            spans.append(tuple(kind))
        return tuple(spans)

    @cached_property
    def size(self) -> int:
        stops = [stop for spans in self.spans for _, stop in spans]
        return stops[-1] if stops else 0

    @cached_property
    def weights_size(self) -> int:
        """The weights are entries [0, weights_size) of the vector: the ones that decay."""
        return self.spans[0][-1][1] if self.spans[0] else 0

    def views(self, vector: Array) -> tuple[tuple[Array, ...], ...]:
        """The arrays, kind by kind, as views into ``vector``."""
        return tuple(tuple(vector[a:b].reshape(shape) for (a, b), shape in zip(spans, shapes))
                     for spans, shapes in zip(self.spans, self.shapes))


@dataclass(frozen=True)
class Parameters:
    """Everything training changes by gradient descent, in one flat ``vector``, each layer's
    arrays views into it (so that an optimiser step is a few whole-vector operations); also the
    shape of a gradient."""

    vector: Array
    layout: Layout

    @classmethod
    def of(cls, weights: Sequence[Array], biases: Sequence[Array], gammas: Sequence[Array] = (),
           betas: Sequence[Array] = (), slopes: Sequence[Array] = ()) -> Parameters:
        """The parameters holding copies of the given arrays."""
        kinds = (weights, biases, gammas, betas, slopes)
        layout = Layout(tuple(tuple(np.shape(a) for a in arrays) for arrays in kinds))
        arrays = [np.ravel(a) for kind in kinds for a in kind]
        vector = np.concatenate(arrays).astype(float) if arrays else np.zeros(0)
        return cls(vector, layout)

    def like(self, vector: Array) -> Parameters:
        """Parameters of the same layout holding ``vector``."""
        return Parameters(vector, self.layout)

    @cached_property
    def _views(self) -> tuple[tuple[Array, ...], ...]:
        return self.layout.views(self.vector)

    weights = property(lambda self: self._views[0], doc="w^1..w^L")
    biases = property(lambda self: self._views[1], doc="b^1..b^L")
    gammas = property(lambda self: self._views[2], doc="gamma^1..gamma^H (batch norm)")
    betas = property(lambda self: self._views[3], doc="beta^1..beta^H (batch norm)")
    slopes = property(lambda self: self._views[4], doc="PReLU's slopes s^1..s^H")

    def arrays(self) -> dict[str, tuple[Array, ...]]:
        """kind -> its arrays, for every kind in :data:`KINDS`."""
        return dict(zip(KINDS, self._views))

    def items(self) -> Iterator[tuple[str, Array]]:
        """(kind, array) for every array."""
        for kind, arrays in self.arrays().items():
            for array in arrays:
                yield kind, array

    def norm(self) -> float:
        """The Euclidean norm of all parameters together, as one vector."""
        return float(np.sqrt(np.vdot(self.vector, self.vector)))


@dataclass(frozen=True)
class Model:
    """An architecture, its parameters, and batch norm's running averages: ``running`` holds
    the means of every hidden unit, layer 1 first, then their variances (empty without batch
    norm)."""

    architecture: Architecture
    parameters: Parameters
    running: Array = field(default_factory=lambda: np.zeros(0))

    @cached_property
    def running_means(self) -> tuple[Array, ...]:
        return self._running_views(0)

    @cached_property
    def running_vars(self) -> tuple[Array, ...]:
        return self._running_views(len(self.running) // 2)

    def _running_views(self, start: int) -> tuple[Array, ...]:
        ends = start + np.cumsum((0, *self.architecture.sizes[1:-1]))
        return tuple(self.running[a:b] for a, b in pairwise(ends))


def initial_model(architecture: Architecture, rng: np.random.Generator,
                  init: WeightScheme | None = None, bias_std: float = 1.0,
                  bias_shift: float = 0.0) -> Model:
    """Weights by the scheme ``init`` (the chapter's N(0, 1/n_in) unless given) and biases
    ``bias_std`` x N(0, 1), drawn as ``initial_network`` draws them (the same numbers from the
    same generator; biases 0 when ``bias_std`` is 0, as Glorot and Bengio, and He et al. start
    them), the hidden layers' biases then lowered by ``bias_shift``; gamma = 1, beta = 0,
    PReLU slopes at the activation's starting value, running averages 0 and 1."""
    arch = architecture
    net = initial_network(arch.sizes, rng, init, arch.activation, bias_std)
    biases = [b - bias_shift for b in net.biases[:-1]] + [net.biases[-1]] if bias_shift \
        else net.biases
    hidden = arch.sizes[1:-1]
    norm = arch.batch_norm
    params = Parameters.of(
        net.weights, biases,
        gammas=[np.ones(n) for n in hidden] if norm else (),
        betas=[np.zeros(n) for n in hidden] if norm else (),
        slopes=([np.full(n, arch.activation.negative_slope) for n in hidden]
                if arch.activation.slope_learned else ()),
    )
    units = sum(hidden) if norm else 0
    return Model(arch, params, np.concatenate([np.zeros(units), np.ones(units)]))


def used_inputs(x: Array) -> Array:
    """Indices of the input components that are non-zero in at least one example of x."""
    return np.flatnonzero(np.asarray(x).any(axis=0))


def restrict_inputs(model: Model, used: Array) -> Model:
    """The model that reads only the input components ``used`` (columns of w^1).

    On inputs that are 0 outside ``used`` every output and every other gradient is unchanged;
    on MNIST, pixels blank in every training image go, and with them a fifth of the work.
    """
    arrays = model.parameters.arrays()
    weights = arrays["weights"]
    arrays["weights"] = (weights[0][:, used], *weights[1:])
    arch = replace(model.architecture, sizes=(len(used), *model.architecture.sizes[1:]))
    return replace(model, architecture=arch, parameters=Parameters.of(**arrays))


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


def _dense(p: Parameters, l: int, a_prev: Array) -> Array:
    # u^l = a^{l-1} (w^l)^T + b^l, computed as its transpose w^l (a^{l-1})^T + b^l, one unit per
    # row: the product BLAS runs fastest at these shapes, and the bias added along contiguous
    # rows. The (N, n_l) array returned is that transpose's view, column-major, and so is every
    # array the layer's elementwise steps make from it (NumPy keeps the order of its inputs):
    # the batch means below run down contiguous columns.
    u = p.weights[l - 1] @ a_prev.T
    u += p.biases[l - 1][:, None]
    return u.T


def forward(model: Model, x: Array, train: bool = False,
            rng: np.random.Generator | None = None) -> Pass:
    """The pass over the batch x: batch statistics and random slopes in training (``train``),
    running averages and mean slopes at test time."""
    arch, p = model.architecture, model.parameters
    activations, zs, primes, norms = [np.asarray(x, dtype=float)], [], [], []
    for l in range(1, arch.hidden + 1):
        a_prev = activations[-1]
        z, norm = _normalise(model, l, _dense(p, l, a_prev), train)
        slope = p.slopes[l - 1] if p.slopes else None
        a, prime = layers.activate(arch.activation, z, slope, train, rng)
        activations.append(a + a_prev if arch.residual_at(l) else a)
        zs.append(z), primes.append(prime), norms.append(norm)
    zs.append(_dense(p, arch.depth, activations[-1]))
    activations.append(arch.output.f(zs[-1]))
    return Pass(activations, zs, primes, norms, train)


def with_running_averages(model: Model, batch: Pass) -> Model:
    """The model after one training batch has moved batch norm's running averages."""
    if not model.architecture.batch_norm:
        return model
    n = len(batch.activations[0])
    stats = np.concatenate([c.mean for c in batch.norms]
                           + [layers.unbiased(c.var, n) for c in batch.norms])
    return replace(model, running=layers.running_average(model.running, stats))


# --- backward pass -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gradients:
    """dC/d(every parameter) (None when not asked for), the row deltas delta^1..delta^L, and
    their batch means: ``means[l-1]`` is dC/db^l, or dC/dbeta^l with batch norm."""

    nabla: Parameters | None
    deltas: list[Array]
    means: list[Array]


def backward(model: Model, batch: Pass, y: Array, weight_gradients: bool = True) -> Gradients:
    """The gradient of the batch-mean cost C by backpropagation through ``batch``.

    With ``weight_gradients=False`` only the deltas and their means are computed (the speeds
    need nothing else), which skips the costliest products.
    """
    arch, p, n = model.architecture, model.parameters, len(y)
    nabla = p.like(np.empty_like(p.vector)) if weight_gradients else None
    delta = arch.cost.output_delta(batch.zs[-1], batch.activations[-1], y, arch.output)
    deltas, means, grad_a = [delta], [], None
    for l in range(arch.depth, 0, -1):
        delta_u, mean = _through_norm(model, batch, l, delta, nabla)  # delta_u = N dC/du^l
        means.append(mean)
        if nabla is not None:
            nabla_w = nabla.weights[l - 1]
            np.matmul(delta_u.T, batch.activations[l - 1], out=nabla_w)
            nabla_w /= n
        if l == 1:
            break
        # N dC/da^{l-1}: through w^l, plus the residual connection's direct path around layer l
        grad_prev = (p.weights[l - 1].T @ delta_u.T).T
        if arch.residual_at(l):
            grad_prev = grad_prev + grad_a
        if p.slopes and nabla is not None:
            nabla.slopes[l - 2][...] = layers.slope_gradient(grad_prev, batch.zs[l - 2])
        # delta^{l-1} = N dC/da^{l-1} * phi'(z^{l-1}), over grad_prev unless a residual
        # connection around layer l-1 still needs it
        keep = arch.residual_at(l - 1)
        delta = np.multiply(grad_prev, batch.primes[l - 2], out=None if keep else grad_prev)
        grad_a = grad_prev if keep else None
        deltas.append(delta)
    return Gradients(nabla, deltas[::-1], means[::-1])


def _through_norm(model: Model, batch: Pass, l: int, delta: Array, nabla: Parameters | None
                  ) -> tuple[Array, Array]:
    # (N dC/du^l, mean(delta^l)), writing dC/db^l, dC/dgamma^l and dC/dbeta^l into nabla
    if not (model.architecture.batch_norm and l <= model.architecture.hidden):
        # dC/db^l = mean(delta^l), computed where the gradient keeps it
        out = None if nabla is None else nabla.biases[l - 1]
        return delta, layers.batch_mean(delta, out)
    mean = layers.batch_mean(delta)
    delta_u, gamma, beta = layers.batch_norm_backward(
        delta, model.parameters.gammas[l - 1], batch.norms[l - 1], mean)
    if nabla is not None:
        # dC/db^l = mean(N dC/du^l) = 0: batch norm subtracts the batch mean, and b^l with it
        nabla.gammas[l - 1][...], nabla.betas[l - 1][...] = gamma, beta
        nabla.biases[l - 1][...] = 0.0
    return delta_u, mean


# --- what a pass tells ---------------------------------------------------------------------------
def cost(model: Model, batch: Pass, y: Array) -> float:
    """C, the batch mean of the per-example cost (written from z^L where that is exact)."""
    arch = model.architecture
    value = arch.cost.output_value(batch.zs[-1], batch.activations[-1], y, arch.output)
    return float(value.sum() / len(value))  # the mean of the per-example sums


def predictions(model: Model, x: Array) -> Array:
    """The most active output neuron for each example, at test time."""
    return np.argmax(forward(model, x).activations[-1], axis=1)
