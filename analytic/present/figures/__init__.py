"""Every figure the tool draws: one registry, one signature, one style, one way to bytes.

A figure is drawn by ``draw(fig, data, text)``: ``fig`` is a matplotlib Figure, ``data`` the
plain result it shows, ``text(key, **fields)`` a string in the figure's language. The gallery's
figures also name the function that computes their data; the experiments' figures draw the
result of the run. Adding a figure is one entry in :data:`FIGURES`.

Importing this package imports matplotlib and the computations the gallery draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ...theory.identity_neuron import identity_curves
from ...theory.phase_diagram import phase_diagram
from ...theory.window import window_curve
from .. import matplotlib_home  # noqa: F401  - a folder matplotlib can write, before it loads
from . import (
    activations,
    batch_norm,
    cells,
    chain,
    edge,
    experiments,
    inside,
    remedies,
    spectra,
    theory,
)


@dataclass(frozen=True)
class FigureSpec:
    """How to draw one figure, its title (an i18n key) and, for the gallery, its data."""

    draw: Callable[..., None]
    title: str
    data: Callable[[], Any] | None = None  # computes the gallery's data; None: the caller's
    grid: tuple[int, int] = (1, 1)  # panel rows and columns, for the paper size
    size: Callable[[Any], tuple[float, float]] | None = None  # the paper size from the data
    # rcParams over the slides style's, for a figure whose many panels and legends do not fit
    # a 16:9 slide at its sizes
    slides_rc: dict[str, Any] | None = None


#: The registry: figure name (= the gallery's file name) -> spec.
FIGURES: dict[str, FigureSpec] = {
    "sigmoid_derivative": FigureSpec(activations.draw_sigmoid, "fig.sigmoid",
                                     activations.sigmoid_data),
    "tanh_derivative": FigureSpec(activations.draw_tanh, "fig.tanh", activations.tanh_data,
                                  (1, 2)),
    "relu_family": FigureSpec(activations.draw_relu, "fig.relu", activations.relu_data, (2, 2)),
    "modern_activations": FigureSpec(activations.draw_modern, "fig.modern",
                                     activations.modern_data, (2, 2)),
    "derivative_comparison": FigureSpec(activations.draw_derivatives, "fig.derivatives",
                                        activations.derivatives_data),
    "sigmoid_window": FigureSpec(chain.draw_window, "fig.window", chain.window_data),
    "gradient_product": FigureSpec(chain.draw_product, "fig.product", chain.product_data,
                                   size=chain.product_size),
    "neuron_bars": FigureSpec(experiments.draw_neuron_bars, "fig.neuron_bars",
                              experiments.neuron_bars_data, size=experiments.neuron_bars_size),
    "window_width": FigureSpec(theory.draw_window_width, "fig.window_width", window_curve),
    "identity_neuron": FigureSpec(theory.draw_identity, "fig.identity_neuron",
                                  identity_curves),
    "tanh_phase_diagram": FigureSpec(theory.draw_phase_diagram, "fig.tanh_phase_diagram",
                                     phase_diagram),
    "training_speed": FigureSpec(experiments.draw_training_speed, "exp.speed_title",
                                 size=experiments.training_speed_size),
    "layer_histograms": FigureSpec(inside.draw_activation_histograms, "fig.layer_histograms",
                                   inside.histograms_data, size=inside.histograms_size),
    "delta_histograms": FigureSpec(inside.draw_delta_histograms, "fig.delta_histograms",
                                   inside.histograms_data, size=inside.histograms_size),
    "rnn_gradients": FigureSpec(inside.draw_rnn_gradients, "fig.rnn_gradients",
                                inside.rnn_data, size=inside.rnn_size),
    "remedies": FigureSpec(remedies.draw_remedies, "remedies.fig.title",
                           size=remedies.remedies_size, slides_rc=remedies.SLIDES_RC),
    "saturation": FigureSpec(inside.draw_saturation, "fig.saturation",
                             size=inside.saturation_size),
    "saturation_dead": FigureSpec(inside.draw_saturation_dead, "fig.saturation_dead",
                                  size=inside.saturation_dead_size),
    "dead_units": FigureSpec(inside.draw_dead_units, "fig.dead_units",
                             size=inside.dead_units_size),
    "rnn_cells": FigureSpec(cells.draw_rnn_cells, "fig.rnn_cells", size=cells.rnn_cells_size),
    "bn_scales": FigureSpec(batch_norm.draw_bn_scales, "fig.bn_scales",
                            size=batch_norm.bn_scales_size),
    "bn_inputs": FigureSpec(batch_norm.draw_bn_inputs, "fig.bn_inputs",
                            size=batch_norm.bn_inputs_size),
    "jacobian_spectra": FigureSpec(spectra.draw_jacobian_spectra, "fig.jacobian_spectra",
                                   size=spectra.spectra_size),
    "jacobian_moments": FigureSpec(spectra.draw_jacobian_moments, "fig.jacobian_moments",
                                   size=spectra.moments_size),
}
FIGURES.update({
    "depth_scale": FigureSpec(edge.draw_depth_scale, "depth.fig.phases", grid=(1, 2),
                              size=edge.depth_scale_size),
    "trainability": FigureSpec(edge.draw_trainability, "train_map.fig.accuracy"),
})

#: The figures that compute their own data, in the order the gallery shows them.
GALLERY = tuple(name for name, spec in FIGURES.items() if spec.data is not None)


def in_order(names: Iterable[str] | None, known: Sequence[str], what: str) -> list[str]:
    """``names`` in the order of ``known`` (all of ``known`` when ``names`` is empty); a name
    that is not known is refused, naming the choices."""
    names = list(names or [])
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r}; choose from: {', '.join(known)}")
    return [n for n in known if n in names] if names else list(known)


def check_names(names: Iterable[str] | None) -> list[str]:
    """The gallery figures to draw, in gallery order; all of them when ``names`` is empty."""
    return in_order(names, GALLERY, "figure")


def compute(name: str) -> Any:
    """The data of a gallery figure."""
    return FIGURES[check_names([name])[0]].data()


def build_figure(name: str, data: Any = None, lang: str = "en", style: str = "paper"):
    """The matplotlib Figure ``name`` (its data computed unless passed in).

    Call it inside ``matplotlib.rc_context(style_rc(style, lang))``, as :func:`figure_bytes`
    does, so that sizes and fonts follow the style.
    """
    from matplotlib.figure import Figure

    from ..i18n import tr
    from .style import figure_size

    spec = FIGURES[name]
    data = compute(name) if data is None else data
    size = figure_size(spec.grid, style)
    if spec.size is not None and style == "paper":
        size = spec.size(data)
    fig = Figure(figsize=size, layout="constrained")
    text = lambda key, **fields: tr(key, lang, **fields)  # noqa: E731
    spec.draw(fig, data, text)
    if spec.grid != (1, 1) and not fig._suptitle:
        fig.suptitle(text(spec.title), fontsize="x-large")
    elif len(fig.axes) == 1 and not fig.axes[0].get_title():
        fig.axes[0].set_title(text(spec.title))
    return fig


def figure_bytes(name: str, data: Any = None, lang: str = "en", style: str = "paper",
                 fmt: str = "png") -> bytes:
    """Figure ``name`` drawn in a style and language, as the bytes of a ``fmt`` file."""
    import matplotlib

    from .style import check_format, to_bytes

    check_format(fmt)
    with matplotlib.rc_context(figure_rc(name, style, lang)):
        return to_bytes(build_figure(name, data, lang, style), fmt)


def figure_rc(name: str, style: str, lang: str) -> dict[str, Any]:
    """The rcParams figure ``name`` is drawn with: its style's, and its own in slide style."""
    from .style import style_rc

    rc = style_rc(style, lang)
    own = FIGURES[name].slides_rc if style == "slides" else None
    return {**rc, **(own or {})}


def gallery_bytes(names: Iterable[str] | None = None, lang: str = "en", style: str = "paper",
                  fmt: str = "png", progress: Callable[[str], None] | None = None
                  ) -> dict[str, bytes]:
    """Every gallery figure (or those in ``names``) as {file name: bytes}, in gallery order.

    ``progress(name)`` is called before each figure is drawn. Nothing is written: the caller
    writes the files all together, so an interrupted run leaves none.
    """
    from ..i18n import check_language
    from .style import check_format, check_style

    names = check_names(names)
    check_format(fmt), check_style(style), check_language(lang)
    files = {}
    for name in names:
        if progress is not None:
            progress(name)
        files[f"{name}.{fmt}"] = figure_bytes(name, lang=lang, style=style, fmt=fmt)
    return files
