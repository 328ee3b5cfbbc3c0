"""Training deep networks with the remedies for unstable gradients.

:mod:`.layers` (batch norm, learned and random slopes) -> :mod:`.model` (the network, its
forward and backward passes) -> :mod:`.optimiser` (SGD with weight decay, momentum, clipping)
and :mod:`.monitor` (per-layer measures, dead and saturated units) -> :mod:`.loop` (training
runs); :mod:`.recipe` describes a run once.
"""

from ..core.progress import Progress, begin, tick
from .loop import (
    Descent,
    Recording,
    Run,
    Snapshot,
    Watch,
    accuracy,
    descend,
    observe,
    record,
    sgd_epoch,
    train,
)
from .model import (
    Architecture,
    Gradients,
    Model,
    Parameters,
    Pass,
    backward,
    cost,
    forward,
    initial_model,
    predictions,
    restrict_inputs,
    used_inputs,
    with_running_averages,
)
from .monitor import (
    CHAPTER_MEASURE,
    MEASURES,
    Measure,
    dead_fraction,
    dead_fractions,
    get_measure,
    per_layer,
    saturated_fraction,
    slopes,
)
from .optimiser import SGD, clipped, initial_velocity, step
from .recipe import Recipe

__all__ = [
    "CHAPTER_MEASURE", "MEASURES", "SGD", "Architecture", "Descent", "Gradients", "Measure",
    "Model", "Parameters", "Pass", "Progress", "Recipe", "Recording", "Run", "Snapshot", "Watch",
    "accuracy", "backward", "begin", "clipped", "cost", "dead_fraction", "dead_fractions",
    "descend", "forward", "get_measure", "initial_model", "initial_velocity", "observe",
    "per_layer", "predictions", "record", "restrict_inputs", "saturated_fraction", "sgd_epoch",
    "slopes", "step", "tick", "train", "used_inputs", "with_running_averages",
]
