"""Every result as a report, in English or Japanese: one path, :func:`report`.

Each experiment's result has one report function, registered here by the result's type;
:func:`report` renders any of them (:mod:`analytic.present.table` turns the report into
text, markdown, csv, LaTeX or JSON). Importing this package also lets a notebook show a
result (:data:`analytic.experiments.result.MARKDOWN`).
"""

from __future__ import annotations

from collections.abc import Callable

from ...experiments import result as results
from ...experiments.batch_norm_scales import BatchNormScales
from ...experiments.cells import CellGradients
from ...experiments.dead_units import DeadUnits
from ...experiments.depth_scale import DepthScaleRun
from ...experiments.histograms import Histograms
from ...experiments.remedies import Remedies
from ...experiments.reproduce import Reproduction
from ...experiments.rnn import RecurrentGradients
from ...experiments.saturation import Saturation
from ...experiments.speeds import Comparison, InitNorms, NeuronBars
from ...experiments.trainability import Trainability
from ...experiments.training import DepthAccuracy, TrainingSpeed
from ..i18n import check_language
from ..table import Report, render
from .batch_norm import batch_norm_scales_report
from .cells import cells_report
from .edge import depth_scale_report, trainability_report
from .inside import histograms_report, rnn_report
from .remedies import remedies_report
from .reproduce import reproduce_report
from .speeds import (
    compare_report,
    depth_accuracy_report,
    init_norms_report,
    neuron_bars_report,
    training_speed_report,
)
from .training import dead_units_report, saturation_report

#: result type -> its report, ``report(result, lang)``.
REPORTS: dict[type, Callable[..., Report]] = {
    InitNorms: init_norms_report, Comparison: compare_report, NeuronBars: neuron_bars_report,
    TrainingSpeed: training_speed_report, DepthAccuracy: depth_accuracy_report,
    Remedies: remedies_report, Saturation: saturation_report, DeadUnits: dead_units_report,
    Histograms: histograms_report, RecurrentGradients: rnn_report,
    CellGradients: cells_report, BatchNormScales: batch_norm_scales_report,
    Reproduction: reproduce_report,
}
REPORTS.update({DepthScaleRun: depth_scale_report, Trainability: trainability_report})


def report(result: results.Result, lang: str = "en") -> Report:
    """The report of any experiment's result, in ``lang``."""
    check_language(lang)
    kind = type(result)
    if kind not in REPORTS:
        raise ValueError(f"no report for {kind.__name__}")
    return REPORTS[kind](result, lang)


def markdown(result: results.Result) -> str:
    """A result as a notebook shows it: its report in markdown (English)."""
    return render(report(result), "markdown")


results.MARKDOWN[:] = [markdown]
