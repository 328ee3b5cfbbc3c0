"""``analytic figures``: the teaching figures, one file each."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import FigureFormat, FigureStyle, Lang, Language, stderr_console


def figures(
    out: Annotated[
        str, typer.Option(help="Directory to write into (created if only it is missing).")
    ] = "figures",
    format: Annotated[FigureFormat, typer.Option(help="File format.")] = FigureFormat.png,
    lang: Lang = Language.en,
    only: Annotated[
        list[str] | None,
        typer.Option(help="Render only this figure (repeatable). Default: every figure."),
    ] = None,
    style: Annotated[
        FigureStyle, typer.Option(help="paper: compact; slides: 16:9, large fonts, thick lines.")
    ] = FigureStyle.paper,
) -> None:
    """Draw the teaching figures, one file per figure named after it.

    Figures: sigmoid_derivative, tanh_derivative, relu_family, modern_activations,
    derivative_comparison, sigmoid_window, gradient_product. Every curve is computed from the
    registered activations and the backprop; the same command writes identical files.
    """
    from rich.progress import Progress

    from ..present.figures.gallery import check_names, render_all

    names = check_names(only)
    console = stderr_console()
    with Progress(transient=True, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("drawing", total=len(names))

        def advance(name: str) -> None:  # called before each figure is drawn
            progress.update(task, description=name, completed=names.index(name))

        paths = render_all(out, format.value, lang.value, style.value, names, advance)
    for path in paths:
        typer.echo(str(path))


