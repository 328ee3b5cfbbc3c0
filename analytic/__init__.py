"""analytic: why deep networks are hard to train, derived, checked and shown.

The public API is what this module re-exports. The names load lazily, so that the command
line (``analytic --help``) starts without importing SymPy.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analytic")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "unknown"

#: public name -> the module that defines it
_EXPORTS = {
    "ACTIVATIONS": "activations", "Activation": "activations", "get_activation": "activations",
    "COSTS": "costs", "Cost": "costs", "get_cost": "costs",
    "Network": "backprop", "Gradients": "backprop", "backprop": "backprop", "chain": "backprop",
    "feedforward": "backprop", "delta_matrix_form": "backprop",
    "MAX_DEPTH": "symbolic", "Derivation": "symbolic", "derive_chain": "symbolic",
    "CheckReport": "symbolic", "check_chain": "symbolic",
    "FIGURES": "figures", "render_figure": "figures", "render_all": "figures",
    "build_table": "tables", "render_table": "tables",

    # theory (issue 5)
    "derive_window": "window", "widest_window": "window", "derive_identity": "identity",
    "chi": "meanfield", "predict": "meanfield", "MeanField": "meanfield",

    # experiments on MNIST (issue 4)
    "Digits": "data", "load_source": "data", "balanced_split": "data",
    "default_training_images": "data",
    "INITIALISATIONS": "networks", "initial_network": "networks",
    "init_norms": "experiments", "training_speed": "experiments",
    "depth_accuracy": "experiments", "neuron_bars": "experiments",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analytic' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
