"""``analytic slides`` and ``analytic quiz``: a lecture deck in one command, and practice
questions with their answers apart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from ..core import limits
from ..present.output import DEFAULT_FOLDER
from .command import Session, command, part
from .options import Seed, _non_empty, choices, limited, split_list

DeckFormat = choices("DeckFormat", "pptx", "pdf")
QuizFormat = choices("QuizFormat", "text", "markdown", "json")
#: What the deck's file is called in a folder.
DECK_STEM = "lecture"


DeckOut = Annotated[str, typer.Option(
    "--out", metavar="PATH", callback=_non_empty,
    help="The deck's file, ending in .pptx (or .pdf with --figure pdf), or a folder to write "
    "lecture.pptx into (lecture-ja.pptx in Japanese; created, with its parents, if missing).")]
DeckFile = Annotated[DeckFormat, typer.Option(
    "--figure", help="The deck's file type: pptx (PowerPoint: editable text, native tables, "
    "speaker notes; needs python-pptx) or pdf (drawn with matplotlib; no speaker notes).")]
SlideKeys = Annotated[list[str] | None, typer.Option(
    "--only", metavar="KEY", help="Make only this slide (repeatable, or comma-separated; the "
    "keys are listed below). Default: every slide, in the lecture's order.")]
Count = limited(limits.Limit("the number of questions", 1, 100), "Questions", "--count")
Answers = Annotated[bool, typer.Option(
    "--answers", help="Print the answers and worked explanations after the questions (JSON "
    "always holds them).")]


class ListsSlides(TyperCommand):
    """The slides command's help ends with the slides' keys (read when the help is shown)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        from ..present.deck.lecture import KEYS

        formatter.write_paragraph()
        formatter.write_text("Slides: " + ", ".join(KEYS) + ".")
        super().format_epilog(ctx, formatter)


def deck_path(out: str, fmt: str, lang: str, keys: list[str]) -> Path:
    """The file the deck goes to: ``out`` itself when it names a .pptx or .pdf file, else
    lecture[-only-KEYS][-ja].FMT in the folder ``out``; checked, not created."""
    from ..present.output import check_output_folder

    path = Path(out)
    if path.suffix.lower() in (".pptx", ".pdf") and not path.is_dir():
        if path.suffix.lower() != f".{fmt}":
            raise ValueError(f"--out {out} names a {path.suffix} file but the deck is .{fmt} "
                             f"(--figure {fmt})")
        check_output_folder(path.parent)
        return path
    parts = [DECK_STEM, *([part("only", keys)] if keys else []), *(["ja"] if lang == "ja" else [])]
    return check_output_folder(path) / f"{'-'.join(parts)}.{fmt}"


def slides(session: Session, lang: str, only: SlideKeys = None, out: DeckOut = DEFAULT_FOLDER,
           figure: DeckFile = DeckFormat("pptx")):
    """Write the lecture deck, about twenty slides.

    From the question to what the research found: the question; the chain formula and its
    derivation; σ′ and its bound; tanh and the ReLU family (PReLU's learned and RReLU's random
    slope, both below 0); the product against depth; exploding gradients and the window; the
    chapter's experiments; the remedies side by side; inside the layers; mean-field theory.
    Text stays editable, tables are native tables of the same reports the commands print,
    figures are drawn in slide style, and the speaker notes give the derivation, the numbers
    and the command that prints them. The experiments are drawn from the runs committed with
    the repository, so the deck builds in seconds. The file is written only when the whole
    deck is made. Prints the slides.
    """
    from ..present.deck import deck_bytes, listing
    from ..present.deck.lecture import KEYS, LectureData, check_keys, lecture
    from ..present.deck.model import with_pictures
    from ..present.i18n import tr
    from ..present.output import output_folder, write_files

    fmt = session.output["figure"]  # the decorator keeps --out and --figure with the output
    keys = check_keys(split_list(only, "")) if only else []
    path = deck_path(session.output["out"], fmt, lang, keys)
    if fmt == "pptx":
        from ..present.deck.powerpoint import require_pptx

        require_pptx()
    deck = lecture(lang, LectureData(), keys)
    if len(deck.slides) < len(keys or KEYS):
        typer.echo(tr("deck.left_out", lang, count=len(keys or KEYS) - len(deck.slides)),
                   err=True)
    session.progress.begin(sum(bool(s.figure) for s in deck.slides), "figures")
    deck = with_pictures(deck, progress=session.progress)
    written = write_files(output_folder(path.parent), {path.name: deck_bytes(deck, fmt)},
                          final=True)  # the run's last act: a stop from here on stops nothing
    typer.echo(f"wrote {written[0]}", err=True)
    return listing(deck, str(written[0]))


def quiz(session: Session, lang: str, count: Count = 10, seed: Seed = 0,
         answers: Answers = False):
    """Practice questions with computed answers.

    Exam-style questions, every answer computed by the library. Multiple choice and numbers:
    σ′'s and tanh′'s largest values and where, the bound on the product after k layers, the
    window's width, which initialisation keeps which variance, PReLU and RReLU on x < 0,
    clipping by norm and by value, batch norm in training and at test time, an LSTM's
    cell-state path, the exploding chain and the edge of chaos. The wrong choices come from
    plausible mistakes, computed too. The same count and seed give the same questions; the
    answers and their worked explanations follow only with --answers (JSON always holds them).
    """
    from ..present.quiz import make_quiz, quiz_report

    markdown = session.output["format"] == "markdown"
    return quiz_report(make_quiz(count, seed), lang, answers, markdown)


def register(app: typer.Typer) -> None:
    """``analytic slides`` and ``analytic quiz``."""
    command(app, "slides", cls=ListsSlides)(slides)
    command(app, "quiz", formats=QuizFormat)(quiz)
