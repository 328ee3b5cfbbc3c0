"""What an experiment's sizes cost, checked before anything is allocated or run; and the
random stream of each of its networks.

A request (hidden layers, width, images, passes) is refused with one ``ValueError`` naming the
limit when it would exceed the memory or work budget of :mod:`analytic.core.limits`.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from ..core.initialisation import layer_sizes
from ..core.limits import check_memory, check_work, require_count, require_range
from ..train import Progress

#: The deepest network the experiments train.
MAX_HIDDEN_TRAINED = 20
#: The deepest network measured at initialisation: 25 times the chapter's deepest, enough to
#: watch the gradient vanish for good.
MAX_HIDDEN = 100
MAX_SEEDS = 100_000
MAX_EPOCHS = 1_000_000
MAX_RUNS = 1_000


def _network_text(sizes: list[int]) -> str:
    hidden = sizes[1:-1]
    if len(set(hidden)) == 1:
        return f"[{sizes[0]}, {hidden[0]:,} x {len(hidden)}, {sizes[-1]}]"
    return str(sizes)


def pass_bytes(sizes: list[int], images: int, weight_gradients: bool) -> int:
    """An upper estimate of the memory one backward pass over ``images`` takes.

    Per image: the input batch (and its copy without blank pixels), and for every neuron z, a,
    delta and the temporaries of phi and phi' (eight arrays at most alive at once). Besides:
    the weights and their draw, and with weight gradients their gradients and the step's
    temporaries (five copies).
    """
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    return 8 * (images * (2 * sizes[0] + 8 * sum(sizes[1:]))
                + (5 if weight_gradients else 2) * weights)


def pass_work(sizes: list[int], images: int, weight_gradients: bool) -> int:
    """The multiply-adds of one backward pass: per image, one per weight forward, one per
    weight above layer 1 for the deltas, and one per weight for the weight gradients."""
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    per_image = 2 * weights - sizes[0] * sizes[1] + (weights if weight_gradients else 0)
    return images * per_image


def check_plan(hidden: int, width: int, images: int, passes: int,
                weight_gradients: bool) -> None:
    """Refuse ``passes`` backward passes over batches of ``images`` through a network of
    ``hidden`` layers of ``width`` neurons if they would not fit the memory or work budget."""
    require_count(hidden, "the number of hidden layers", 1, MAX_HIDDEN)
    require_count(width, "the width of the hidden layers", 1)
    require_count(images, "the number of images", 1)
    sizes = layer_sizes(hidden, width)
    network = f"a {_network_text(sizes)} network over {images:,} images"
    check_memory(pass_bytes(sizes, images, weight_gradients), network)
    work = passes * pass_work(sizes, images, weight_gradients)
    check_work(work, f"{passes:,} passes of {network}")


def check_learning(eta: float, lmbda: float) -> None:
    require_range(eta, "the learning rate eta", 0, low_open=True)
    require_range(lmbda, "the weight decay lambda", 0)


def network_rng(seed: int, index: int) -> np.random.Generator:
    # one independent stream per (experiment seed, network index): network i is the same
    # whether 10 or 200 networks are drawn
    return np.random.default_rng([seed, index])



def tick(progress: Progress, k: int = 1) -> None:
    """Report ``k`` units of progress, if anyone listens."""
    if progress is not None:
        progress(k)
