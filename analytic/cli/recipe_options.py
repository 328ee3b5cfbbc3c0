"""A recipe's fields as options (:data:`RECIPE_OPTIONS`, what ``@command(options=...)`` offers),
the training commands' output layer and cost (the log-likelihood needs a softmax), and
``--preset`` (a paper's set-up)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer

from ..core import limits
from ..core.activations import Activation
from ..core.costs import Cost, get_cost
from ..core.initialisation import WeightScheme
from ..core.outputs import Output, Softmax, get_output
from .options import (
    Seed,
    SplitSeed,
    _parse,
    activation_option,
    choices,
    init_option,
    limited,
    optional,
)


def _output(value: str | Output) -> Output:
    if not isinstance(value, str):
        return value
    output = _parse(get_output, value)
    if output.name not in OUTPUTS:
        raise typer.BadParameter(f"{output.label!r} is not an output layer here; choose from: "
                                 f"{', '.join(OUTPUTS)}")
    return output


def _training_cost(value: str | Cost) -> Cost:
    return value if isinstance(value, Cost) else _parse(get_cost, value)


#: The output layers a training command offers: the chapter's sigmoid, and the softmax.
OUTPUTS = ("sigmoid", "softmax")
OutputOption = Annotated[object, typer.Option(
    "--output", metavar="NAME", parser=_output,
    help="The output layer: sigmoid (the chapter's, unit by unit) or softmax (a probability "
    "over the 10 classes, e^z_j/Σ e^z_k).")]
TrainingCost = Annotated[Cost, typer.Option(
    "--cost", metavar="NAME", parser=_training_cost,
    help="The cost: cross-entropy −Σ[y ln a + (1 − y) ln(1 − a)] (the chapter's), quadratic "
    "½Σ(a − y)², or log-likelihood −ln a_y (needs --output softmax; with it δ^L = a − y).")]


def preset_option(names: Sequence[str], help: str) -> object:
    """``--preset NAME``: one of ``names`` (a paper's set-up), or none (the command's own)."""
    return Annotated[choices("Preset", *names) | None, typer.Option(
        "--preset", help=f"{help} Recipe options given with it change it; --setup replaces "
        "its set-ups.")]


#: A recipe's fields as options: field -> (its option, help). The command's default recipe
#: gives each one's default.
RECIPE_OPTIONS: dict[str, object] = {
    "hidden": limited(limits.HIDDEN, "Hidden layers", "--hidden"),
    "width": limited(limits.WIDTH, "Neurons in each hidden layer", "--width"),
    "activation": activation_option(),
    "init": init_option(),
    "output": OutputOption,
    "cost": TrainingCost,
    "bias_std": limited(limits.BIAS_STD, "Biases N(0, X²); 0 gives zero biases", "--bias-std"),
    "bias_shift": limited(limits.BIAS_SHIFT, "Hidden biases start N(−X, std²): the chapter's "
                          "moved down by X", "--bias-shift"),
    "eta": limited(limits.ETA, "Learning rate η", "--eta"),
    "lmbda": limited(limits.LMBDA, "L2 weight decay λ over n = the training images (the "
                     "chapter's 5.0 was for n = 50,000)", "--lmbda"),
    "batch_size": limited(limits.BATCH, "Mini-batch size", "--batch-size"),
    "momentum": limited(limits.MOMENTUM, "Momentum μ: v ← μv − η∇C, w ← w + v (0: the "
                        "chapter's plain step)", "--momentum"),
    "nesterov": Annotated[bool, typer.Option(
        "--nesterov", help="Nesterov's momentum: the gradient at w + μv (needs --momentum).")],
    "clip": optional(limits.CLIP, "Clip the gradient: rescale it to norm X when its norm is "
                     "larger (default: no clipping)", "--clip"),
    "epochs": limited(limits.EPOCHS, "Epochs of training", "--epochs"),
    "records": limited(limits.RECORDS, "Measurements per epoch (each on every validation "
                       "digit)", "--records"),
    "images": limited(limits.IMAGES, "Training digits, a multiple of 10", "--images"),
    "validation": limited(limits.VALIDATION, "Validation digits, a multiple of 10",
                          "--validation"),
    "split_seed": SplitSeed,
    "seed": Seed,
}


def option_default(field: str, value: Any) -> Any:
    """A recipe field's value as the signature's default (objects by their names)."""
    if isinstance(value, (Activation, WeightScheme, Softmax)):
        return value.spec
    return value.name if isinstance(value, Cost) else value
