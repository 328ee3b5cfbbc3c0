"""``analytic figures``: the teaching figures, one file each, written all together."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from .command import Session, command
from .options import ReportFormat

FigureNames = Annotated[list[str] | None, typer.Option(
    "--only", metavar="NAME",
    help="Draw only this figure (repeatable; the names are listed below). Default: every "
    "figure.")]


class ListsFigures(TyperCommand):
    """The figures command's help ends with the gallery's names, read from the registry only
    when the help is shown (the registry imports matplotlib)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        from ..present.figures import GALLERY

        formatter.write_paragraph()
        formatter.write_text("Figures: " + ", ".join(GALLERY) + ".")
        super().format_epilog(ctx, formatter)


def _format(value: Any) -> Any:
    # the file type was once --format: say where it went
    if getattr(value, "value", value) in ("png", "svg", "pdf"):
        raise typer.BadParameter(f"{getattr(value, 'value', value)!r} is a file type: give it "
                                 "as --figure")
    return value


def figures(session: Session, only: FigureNames = None):
    """Draw the teaching figures, one file per figure.

    Every curve is computed from the registered activations, the backprop and the theory; the
    same command writes identical files. The files are written only when every figure is drawn,
    so an interrupted run writes none. Prints the files written.
    """
    from ..present.figures import check_names, gallery_bytes
    from ..present.output import output_folder, write_files
    from ..present.table import Column, Report, table

    names = check_names(only)
    output = session.output
    session.progress.begin(len(names), "figures")
    files = gallery_bytes(names, session.lang, output["style"], output["figure"],
                          lambda name: session.progress(1))
    paths = write_files(output_folder(session.folder), files, final=True)
    rows = [(name, str(path)) for name, path in zip(names, paths)]
    listing = table("figures", "", (Column("figure", "figure"), Column("file", "file")), rows)
    return Report(tuple(str(p) for p in paths), data={"files": [str(p) for p in paths]},
                  data_tables=(listing,))


def register(app: typer.Typer) -> None:
    """``analytic figures``."""
    command(app, "figures", files=True, formats=ReportFormat, cls=ListsFigures,
            format_callback=_format)(figures)
