"""``analytic figures``: the teaching figures, one file each, written all together."""

from __future__ import annotations

from typing import Annotated

import typer

from ..present.figures import GALLERY
from ..present.output import DEFAULT_FOLDER
from .options import FigureFormat, FigureStyle, Lang, Language, OutDir, Style, stderr_console

FigureName = Annotated[
    list[str] | None,
    typer.Option("--only", metavar="NAME",
                 help="Draw only this figure (repeatable). Default: every figure."),
]


def figures(
    out: OutDir = DEFAULT_FOLDER,
    format: Annotated[FigureFormat, typer.Option(help="File type.")] = FigureFormat.png,
    lang: Lang = Language.en,
    only: FigureName = None,
    style: Style = FigureStyle.paper,
) -> None:
    """Draw the teaching figures, one file per figure.

    Every curve is computed from the registered activations, the backprop and the theory; the
    same command writes identical files. The files are written only when every figure is drawn,
    so an interrupted run writes none.
    """
    from rich.progress import Progress

    from ..present.figures import check_names, gallery_bytes
    from ..present.output import check_output_folder, output_folder, write_files

    names = check_names(only)
    folder = check_output_folder(out)
    console = stderr_console()
    with Progress(transient=True, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("drawing", total=len(names))

        def advance(name: str) -> None:  # called before each figure is drawn
            progress.update(task, description=name, completed=names.index(name))

        files = gallery_bytes(names, lang.value, style.value, format.value, advance)
    for path in write_files(output_folder(folder), files):
        typer.echo(str(path))


figures.__doc__ += "\n\nFigures: " + ", ".join(GALLERY) + "."
