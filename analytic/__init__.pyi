"""What type checkers see of ``analytic``: the names ``__init__.py`` loads lazily, as the
imports they are (``tests/test_api.py`` keeps this file and its table alike)."""

from .chain.carousel import CarouselDerivation, derive_carousel
from .chain.carousel_checks import verify_carousel
from .chain.derive import MAX_DEPTH, Derivation, derive_chain
from .chain.ratios import sample_product_bands
from .chain.tied import TiedDerivation, derive_tied
from .chain.verify import CheckReport, Verification, check_chain, verify
from .core.activations import ACTIVATIONS, Activation, get_activation
from .core.allocator import keep_freed_memory
from .core.costs import COSTS, Cost, get_cost
from .core.initialisation import INITIALISATIONS, WeightScheme, get_initialisation, initial_network
from .core.network import (
    Gradients,
    Network,
    backprop,
    chain_network,
    delta_matrix_form,
    feedforward,
)
from .core.outputs import Softmax, get_output
from .core.recurrent import RecurrentUnit, bptt, recurrent_unit, unroll
from .experiments.batch_norm_scales import batch_norm_scales
from .experiments.cells import cell_gradients
from .experiments.dead_units import dead_units
from .experiments.histograms import layer_histograms
from .experiments.mnist import Digits, balanced_split, default_training_images, load_source
from .experiments.remedies import REMEDIES, Remedy, remedies, run_remedy
from .experiments.result import Result, read
from .experiments.rnn import recurrent_gradients
from .experiments.saturation import saturation
from .experiments.speeds import compare_initialisations, init_norms, neuron_bars
from .experiments.training import depth_accuracy, depth_recipes, training_speed
from .present.figures import FIGURES, figure_bytes, gallery_bytes
from .present.reports import report
from .present.table import Report, Table, render
from .theory.activation_facts import facts_of as activation_facts
from .theory.explosion import explode, explosion_ratios
from .theory.identity_neuron import derive_identity
from .theory.meanfield import MeanField, chi
from .theory.prediction import predict
from .theory.window import derive_window, widest_window
from .train.loop import Run, Watch
from .train.model import Architecture, Model, initial_model
from .train.optimiser import SGD
from .train.recipe import Recipe

__version__: str

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "COSTS",
    "Cost",
    "get_cost",
    "Softmax",
    "get_output",
    "Network",
    "Gradients",
    "backprop",
    "feedforward",
    "delta_matrix_form",
    "chain_network",
    "RecurrentUnit",
    "recurrent_unit",
    "unroll",
    "bptt",
    "keep_freed_memory",
    "INITIALISATIONS",
    "WeightScheme",
    "get_initialisation",
    "initial_network",
    "MAX_DEPTH",
    "Derivation",
    "derive_chain",
    "TiedDerivation",
    "derive_tied",
    "CarouselDerivation",
    "derive_carousel",
    "verify_carousel",
    "Verification",
    "verify",
    "CheckReport",
    "check_chain",
    "sample_product_bands",
    "derive_window",
    "widest_window",
    "derive_identity",
    "explode",
    "explosion_ratios",
    "chi",
    "MeanField",
    "predict",
    "activation_facts",
    "Digits",
    "load_source",
    "balanced_split",
    "default_training_images",
    "init_norms",
    "compare_initialisations",
    "neuron_bars",
    "training_speed",
    "depth_accuracy",
    "depth_recipes",
    "layer_histograms",
    "recurrent_gradients",
    "cell_gradients",
    "batch_norm_scales",
    "saturation",
    "dead_units",
    "REMEDIES",
    "Remedy",
    "remedies",
    "run_remedy",
    "Result",
    "read",
    "Architecture",
    "Model",
    "initial_model",
    "Recipe",
    "SGD",
    "Watch",
    "Run",
    "FIGURES",
    "figure_bytes",
    "gallery_bytes",
    "Table",
    "Report",
    "render",
    "report",
    "__version__",
]
