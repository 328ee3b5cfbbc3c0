"""analytic: why deep networks are hard to train, derived, checked and shown.

The public API is exactly what this module lists in ``__all__``. The names load lazily, so
that the command line (``analytic --help``) starts without importing SymPy. The areas are
subpackages: ``core`` (activations, costs, the backprop), ``chain`` (the chain network's
derivation), ``theory``, ``experiments`` (real MNIST digits), ``present`` (tables and
figures) and ``cli``.
"""

from importlib import import_module

#: public name -> (module, name there)
_EXPORTS = {
    **{n: ("core.activations", n) for n in ("ACTIVATIONS", "Activation", "get_activation")},
    **{n: ("core.costs", n) for n in ("COSTS", "Cost", "get_cost")},
    **{n: ("core.outputs", n) for n in ("Softmax", "get_output")},
    **{n: ("core.network", n) for n in ("Network", "Gradients", "backprop", "feedforward",
                                        "delta_matrix_form")},
    "chain_network": ("core.network", "chain_network"),
    **{n: ("core.recurrent", n) for n in ("RecurrentUnit", "recurrent_unit", "unroll", "bptt")},
    "keep_freed_memory": ("core.allocator", "keep_freed_memory"),
    **{n: ("core.initialisation", n) for n in ("INITIALISATIONS", "WeightScheme",
                                               "get_initialisation", "initial_network")},
    **{n: ("chain.derive", n) for n in ("MAX_DEPTH", "Derivation", "derive_chain")},
    **{n: ("chain.tied", n) for n in ("TiedDerivation", "derive_tied")},
    **{n: ("chain.carousel", n) for n in ("CarouselDerivation", "derive_carousel")},
    "verify_carousel": ("chain.carousel_checks", "verify_carousel"),
    **{n: ("chain.verify", n) for n in ("Verification", "verify", "CheckReport", "check_chain")},
    "sample_product_bands": ("chain.ratios", "sample_product_bands"),
    **{n: ("theory.window", n) for n in ("derive_window", "widest_window")},
    "derive_identity": ("theory.identity_neuron", "derive_identity"),
    **{n: ("theory.explosion", n) for n in ("explode", "explosion_ratios")},
    **{n: ("theory.meanfield", n) for n in ("chi", "MeanField")},
    "predict": ("theory.prediction", "predict"),
    "activation_facts": ("theory.activation_facts", "facts_of"),
    **{n: ("experiments.mnist", n) for n in ("Digits", "load_source", "balanced_split",
                                             "default_training_images")},
    **{n: ("experiments.speeds", n) for n in ("init_norms", "compare_initialisations",
                                              "neuron_bars")},
    **{n: ("experiments.training", n) for n in ("training_speed", "depth_accuracy",
                                                "depth_recipes")},
    "layer_histograms": ("experiments.histograms", "layer_histograms"),
    "recurrent_gradients": ("experiments.rnn", "recurrent_gradients"),
    "cell_gradients": ("experiments.cells", "cell_gradients"),
    "batch_norm_scales": ("experiments.batch_norm_scales", "batch_norm_scales"),
    "saturation": ("experiments.saturation", "saturation"),
    "dead_units": ("experiments.dead_units", "dead_units"),
    **{n: ("experiments.remedies", n) for n in ("REMEDIES", "Remedy", "remedies", "run_remedy")},
    **{n: ("experiments.result", n) for n in ("Result", "read")},
    **{n: ("train.model", n) for n in ("Architecture", "Model", "initial_model")},
    "Recipe": ("train.recipe", "Recipe"),
    "SGD": ("train.optimiser", "SGD"),
    **{n: ("train.loop", n) for n in ("Watch", "Run")},
    **{n: ("present.figures", n) for n in ("FIGURES", "figure_bytes", "gallery_bytes")},
    **{n: ("present.table", n) for n in ("Table", "Report", "render")},
    "report": ("present.reports", "report"),
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> object:
    if name == "__version__":  # looked up on demand: importlib.metadata costs every command ~40 ms
        return _version()
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analytic' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    if module.startswith("experiments."):  # a result it returns can then show itself
        import_module(".present.reports", __name__)
    return getattr(import_module(f".{module}", __name__), attribute)


def __dir__() -> list[str]:
    return sorted(__all__)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("analytic-gradients")  # the distribution's name (pyproject.toml)
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"
