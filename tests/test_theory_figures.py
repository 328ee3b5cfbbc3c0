"""The theory figures draw the data they are given."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analytic.core.activations import tanh  # noqa: E402
from analytic.present.figures.theory import (  # noqa: E402
    draw_identity,
    draw_phase_diagram,
    draw_window_width,
)
from analytic.present.i18n import tr  # noqa: E402
from analytic.theory.identity_neuron import identity_curves  # noqa: E402
from analytic.theory.phase_diagram import phase_diagram  # noqa: E402
from analytic.theory.window import window_curve  # noqa: E402


def text(lang="en"):
    return lambda key, **fields: tr(key, lang, **fields)


def test_window_figure_plots_the_width_and_marks_its_maximum():
    data = window_curve(points=50)
    fig = Figure()
    draw_window_width(fig, data, text())
    line, mark = fig.axes[0].lines[:2]
    assert np.array_equal(line.get_ydata(), data.widths)
    assert mark.get_ydata()[0] == data.widest.max_width


def test_identity_figure_has_one_curve_per_w1_and_the_diagonal():
    data = identity_curves((2.0, 1.0), points=11)
    fig = Figure()
    draw_identity(fig, data, text("ja"))
    assert len(fig.axes[0].lines) == 3 and len(fig.axes[1].lines) == 2 + 1  # + the zero line


def test_phase_diagram_draws_the_edge_of_chaos_curve():
    data = phase_diagram(tanh(), np.linspace(0.5, 3, 6), np.linspace(0, 1, 4))
    fig = Figure()
    draw_phase_diagram(fig, data, text())
    edge = fig.axes[0].lines[0]
    assert np.array_equal(edge.get_xdata(), data.edge_sigma_w)


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        draw_window_width(Figure(), window_curve(points=5), text("fr"))
