"""What a request costs, checked before anything is allocated or run.

A request (a recipe's network, its images, how many passes or training runs) is refused with
one ``ValueError`` naming the limit when it would exceed the memory or work budget of
:mod:`analytic.core.limits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ..core.limits import check_memory, check_work
from ..train import Recipe


def _network_text(sizes: Sequence[int]) -> str:
    hidden = sizes[1:-1]
    if len(set(hidden)) == 1:
        return f"[{sizes[0]}, {hidden[0]:,} x {len(hidden)}, {sizes[-1]}]"
    return str(list(sizes))


def pass_bytes(sizes: Sequence[int], images: int, weight_gradients: bool) -> int:
    """An upper estimate of the memory one backward pass over ``images`` takes.

    Per image: the input batch (and its copy without blank pixels), and for every neuron z, a,
    delta and the temporaries of phi and phi' (eight arrays at most alive at once). Besides:
    the weights and their draw, and with weight gradients their gradients and the step's
    temporaries (five copies).
    """
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    return 8 * (images * (2 * sizes[0] + 8 * sum(sizes[1:]))
                + (5 if weight_gradients else 2) * weights)


def pass_work(sizes: Sequence[int], images: int, weight_gradients: bool) -> int:
    """The multiply-adds of one backward pass: per image, one per weight forward, one per
    weight above layer 1 for the deltas, and one per weight for the weight gradients."""
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    per_image = 2 * weights - sizes[0] * sizes[1] + (weights if weight_gradients else 0)
    return images * per_image


def check_passes(recipe: Recipe, images: int, passes: int, weight_gradients: bool) -> None:
    """Refuse ``passes`` backward passes over batches of ``images`` through the recipe's
    network if they would not fit the memory or work budget."""
    sizes = recipe.sizes
    network = f"a {_network_text(sizes)} network over {images:,} images"
    check_memory(pass_bytes(sizes, images, weight_gradients), network)
    check_work(passes * pass_work(sizes, images, weight_gradients),
               f"{passes:,} passes of {network}")


def check_training(recipe: Recipe, runs: int, measured_weights: bool = False) -> None:
    """Refuse ``runs`` training runs of the recipe that would not fit the budgets: per run,
    its steps (with weight gradients, over a batch) and its measurements, each at most a pass
    over the training images (with weight gradients when ``measured_weights``: a measure that
    needs them) and one over the validation images."""
    batch = recipe.images if recipe.full_batch else min(recipe.batch_size, recipe.images)
    steps = recipe.epochs * recipe.steps_per_epoch
    check_passes(recipe, batch, runs * steps, weight_gradients=True)
    measured = max(recipe.images, recipe.validation)
    measurements = recipe.epochs * min(recipe.records, recipe.steps_per_epoch) + 1
    check_passes(recipe, measured, 2 * runs * measurements, weight_gradients=measured_weights)
