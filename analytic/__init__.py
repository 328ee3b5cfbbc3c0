"""analytic: why deep networks are hard to train, derived, checked and shown.

The public API is what this module re-exports. The names load lazily, so that the command
line (``analytic --help``) starts without importing SymPy.
"""

from importlib import import_module

#: public name -> the module that defines it
_EXPORTS = {
    "ACTIVATIONS": "core.activations", "Activation": "core.activations", "get_activation": "core.activations",
    "COSTS": "core.costs", "Cost": "core.costs", "get_cost": "core.costs",
    "Network": "core.network", "Gradients": "core.network", "backprop": "core.network", "chain": "core.network",
    "feedforward": "core.network", "delta_matrix_form": "core.network",
    "MAX_DEPTH": "chain.derive", "Derivation": "chain.derive", "derive_chain": "chain.derive",
    "TiedDerivation": "chain.tied", "derive_tied": "chain.tied",
    "Verification": "chain.verify", "verify": "chain.verify",
    "CheckReport": "chain.verify", "check_chain": "chain.verify",
    "RecurrentUnit": "core.recurrent", "recurrent_unit": "core.recurrent", "unroll": "core.recurrent",
    "bptt": "core.recurrent",
    "FIGURES": "present.figures.gallery", "render_figure": "present.figures.gallery", "render_all": "present.figures.gallery",
    "build_table": "present.tables", "render_table": "present.tables",

    # theory (issue 5)
    "derive_window": "theory.window", "widest_window": "theory.window", "derive_identity": "theory.identity_neuron",
    "chi": "theory.meanfield", "predict": "theory.meanfield", "MeanField": "theory.meanfield",

    # experiments on MNIST (issue 4)
    "Digits": "experiments.mnist", "load_source": "experiments.mnist", "balanced_split": "experiments.mnist",
    "default_training_images": "experiments.mnist",
    "INITIALISATIONS": "core.initialisation", "initial_network": "core.initialisation",
    "init_norms": "experiments.speeds", "training_speed": "experiments.speeds",
    "depth_accuracy": "experiments.speeds", "neuron_bars": "experiments.speeds",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> object:
    if name == "__version__":  # looked up on demand: importlib.metadata costs every command ~40 ms
        return _version()
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analytic' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("analytic")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"
