"""The one shape of every command: parse the options into objects (a recipe), call the library
once, emit what it returned: printed in ``--format`` and ``--lang``, and, for a command that
writes files, its csv, JSON and figures into ``--out``, named after what ran.

:func:`command` registers a plain function as a command. The function declares only its own
options; the decorator adds the recipe's options (their defaults from the command's default
recipe), ``--data``, and the output options, the same on every command (``--format``,
``--lang``; with files ``--out``, ``--figure``, ``--style``). The function receives a
:class:`Session` (its recipe, its digits' source, a progress bar) and returns an experiment's
result or a report.

File names say what ran: ``saturation-4`` for the default run, ``saturation-4-eta1`` with
``--eta 1``; every option whose value differs from its default adds a part, so two different
runs never write the same file and the same run rewrites its own.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

import typer

from ..core import stops
from ..core.activations import Activation
from ..core.costs import Cost
from ..core.initialisation import WeightScheme
from ..core.outputs import Softmax
from ..present.output import DEFAULT_FOLDER
from .options import (
    DataPath,
    FigureFile,
    FigureFormat,
    FigureStyle,
    Lang,
    Language,
    OutDir,
    Style,
    TableFormat,
    emit,
    format_option,
    refuse_unused,
)
from .recipe_options import RECIPE_OPTIONS, option_default

#: Parameters the decorator fills in; a command function does not declare them as options.
_GIVEN = ("session", "lang")
_OUTPUT = ("format", "lang", "out", "figure", "style")


@dataclass
class Session:
    """What a command's body is given: the recipe its options make (None for a command that
    has none), where its digits come from (``--data``), the chosen language, the output
    folder (None for a command that writes no files), a progress display, and the recipe
    fields given on the command line (``given``, which :meth:`over` lays over a preset)."""

    ctx: typer.Context
    recipe: Any
    data: str | None
    lang: str
    folder: Path | None
    progress: Any
    output: dict = field(default_factory=dict)
    given: dict = field(default_factory=dict)

    def over(self, base: Any) -> Any:
        """``base`` (a preset's recipe) with the recipe options given on the command line."""
        return base.but(**self.given)

    @cached_property
    def source(self):  # -> analytic.experiments.mnist.Source
        from ..experiments.mnist import load_source

        return load_source(self.data)


@dataclass(frozen=True)
class Shape:
    """What a command is: its default recipe and the fields it offers as options, the stem of
    its file names (a format of the recipe's fields), its print formats, and whether it
    writes files and reads digits."""

    recipe: Any = None
    options: Sequence[str] = ()
    stem: str = ""
    formats: type[Enum] = TableFormat
    files: bool = False
    data: bool = False
    cls: type | None = None
    format_callback: Callable | None = None
    unnamed: Sequence[str] = ()  # options that change how a run runs, not what it computes


def _parameter(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=annotation)


def _signature(fn: Callable, shape: Shape) -> inspect.Signature:
    own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
           for p in inspect.signature(fn, eval_str=True).parameters.values()
           if p.name not in _GIVEN]
    recipe = [_parameter(f, RECIPE_OPTIONS[f], option_default(f, getattr(shape.recipe, f)))
              for f in shape.options]
    data = [_parameter("data", DataPath, None)] if shape.data else []
    text = "text" if shape.format_callback else shape.formats("text")  # str or choice
    output = [_parameter("format", format_option(shape.formats, shape.format_callback), text),
              _parameter("lang", Lang, Language("en"))]
    if shape.files:
        output += [_parameter("out", OutDir, DEFAULT_FOLDER),
                   _parameter("figure", FigureFile, FigureFormat("png")),
                   _parameter("style", Style, FigureStyle("paper"))]
    ctx = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                            annotation=typer.Context)
    return inspect.Signature([ctx, *own, *recipe, *data, *output])


def command(app: typer.Typer, name: str, **shape: Any) -> Callable[[Callable], Callable]:
    """Register ``fn(session, **own options)`` as the command ``name`` of ``app`` (see the
    module docstring); ``shape`` holds :class:`Shape`'s fields. The docstring is the help."""
    spec = Shape(**shape)

    def register(fn: Callable) -> Callable:
        signature = _signature(fn, spec)
        defaults = {p.name: p.default for p in signature.parameters.values()}

        def run(ctx: typer.Context, **values: Any) -> None:
            output = {k: _plain(values.pop(k)) for k in _OUTPUT if k in values}
            fields = {f: values.pop(f) for f in spec.options}
            data = values.pop("data", None)
            if "nesterov" in fields:
                refuse_unused(ctx, "plain gradient steps (give --momentum)",
                              {"nesterov": fields.get("momentum", 0) > 0})
            folder = _checked_folder(output["out"]) if spec.files else None
            recipe = spec.recipe.but(**fields) if spec.recipe is not None else None
            given = {f: v for f, v in fields.items() if _on_command_line(ctx, f)}
            with _for_computing(), progress_bar() as bar:
                session = Session(ctx, recipe, data, output["lang"], folder, bar, output, given)
                extra = {"lang": output["lang"]} if "lang" in inspect.signature(fn).parameters \
                    else {}
                returned = fn(session, **values, **extra)
            stem = _stem(spec, recipe, values, defaults, output, data) if folder else ""
            _emit(returned, output, folder, stem)

        run.__signature__ = signature
        run.__name__, run.__doc__ = fn.__name__, fn.__doc__
        run.shape = spec  # what the command is, for the tests that compare commands
        app.command(name, **({"cls": spec.cls} if spec.cls else {}))(run)
        return fn

    return register


def _on_command_line(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)  # compared by name: typer may vendor click
    return source is not None and source.name == "COMMANDLINE"


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _checked_folder(out: str) -> Path:
    from ..present.output import check_output_folder

    return check_output_folder(out)


@contextmanager
def _for_computing():
    # the networks here are thin (30 units a layer): one BLAS thread is faster than two, and
    # much faster on a shared machine; threadpoolctl sets it whenever NumPy was loaded. Freed
    # arrays stay in the heap for the next pass (analytic.core.allocator says why)
    from threadpoolctl import threadpool_limits

    from ..core.allocator import keep_freed_memory

    keep_freed_memory()
    with threadpool_limits(1, user_api="blas"):
        yield


# --- what is emitted -----------------------------------------------------------------------------
def _emit(returned: Any, output: dict, folder: Path | None, stem: str) -> None:
    # printed first: a standard output that cannot take it stops the run before a file is
    # written, and the files are then the run's last act
    from ..experiments.result import Result
    from ..present.reports import report

    code = 0
    if isinstance(returned, tuple):
        returned, code = returned
    shown = report(returned, output["lang"]) if isinstance(returned, Result) else returned
    files = (result_files(stem, returned, shown, output)
             if folder is not None and isinstance(returned, Result) else {})
    emit(shown, output["format"])
    if files:
        write_result(folder, files)
    if code:
        raise typer.Exit(code)


def result_files(stem: str, result: Any, shown: Any, output: dict) -> dict[str, bytes]:
    """STEM.csv, STEM.json and each of the result's figures, rendered."""
    from ..present.figures import figure_bytes
    from ..present.table import render

    files = {f"{stem}.csv": render(shown, "csv").encode(),
             f"{stem}.json": render(shown, "json").encode()}
    for suffix, figure in result.figure_names().items():
        name = f"{stem}-{suffix}" if suffix else stem
        files[f"{name}.{output['figure']}"] = figure_bytes(
            figure, result, output["lang"], output["style"], output["figure"])
    return files


def write_result(folder: Path, files: dict[str, bytes]) -> None:
    """The files, all together or none, as the run's last act; says which on stderr."""
    from ..present.output import output_folder, write_files

    paths = write_files(output_folder(folder), files, final=True)
    typer.echo("wrote " + ", ".join(map(str, paths)), err=True)


# --- file names that say what ran ----------------------------------------------------------------
_FIELDS = re.compile(r"{(\w+)}")
#: The longest stem before it is shortened with a digest of the whole.
LONGEST_STEM = 160


def token(value: Any) -> str:
    """A value as a file name reads it: numbers short, objects by their names, lists joined.

    >>> token(0.5), token([1.0, 2.0]), token(None)
    ('0.5', '1+2', 'none')
    """
    if value is None:
        return "none"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (Activation, Softmax)):
        return value.label
    if isinstance(value, WeightScheme):
        return value.spec
    if isinstance(value, Cost):
        return value.name
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "+".join(token(v) for v in value)
    return str(value)


def part(name: str, value: Any) -> str:
    """One option's part of a file name: ``eta1``, ``init-he``, ``dead``, ``no-dead``.

    >>> part("eta", 1.0), part("init", "normal:0.1"), part("bias_shift", -1.0)
    ('eta1', 'init-normal_0.1', 'bias-shift-1')
    """
    option = name.replace("_", "-")
    if isinstance(value, bool):
        return option if value else f"no-{option}"
    text = re.sub(r"[^A-Za-z0-9.+-]", "_", token(value).replace("=", ""))
    return f"{option}{text}" if re.match(r"[-\d.]", text) else f"{option}-{text}"


def default_stem(spec: Shape) -> str:
    """The stem of the files a command's default run writes."""
    return spec.stem.format(**{f: getattr(spec.recipe, f) for f in _FIELDS.findall(spec.stem)})


def _stem(spec: Shape, recipe: Any, values: dict, defaults: dict, output: dict,
          data: str | None) -> str:
    used = set(_FIELDS.findall(spec.stem))
    stem = spec.stem.format(**{f: getattr(recipe, f) for f in used})
    parts = []
    if recipe is not None:
        changed = recipe.changes(spec.recipe)
        parts += [part(f, changed[f]) for f in spec.options if f in changed and f not in used]
    parts += [part(k, v) for k, v in values.items()
              if token(v) != token(defaults[k]) and k not in spec.unnamed]
    if data is not None:
        parts.append(part("data", Path(data).name or data))
    parts += [output[k] for k, default in (("lang", "en"), ("style", "paper"))
              if output.get(k, default) != default]  # "ja", "slides" say it alone
    name = "-".join([stem, *parts])
    if len(name) > LONGEST_STEM:
        name = name[:LONGEST_STEM - 11] + "-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return name


# --- progress ------------------------------------------------------------------------------------
class _Bar:
    """A progress bar on stderr that starts when the work says how much there is
    (``begin(total, unit)``) and advances by ``bar(k)``; nothing off a terminal."""

    def __init__(self, progress: Any) -> None:
        self._progress, self._task = progress, None

    def begin(self, total: int, unit: str) -> None:
        if self._progress is not None:
            self._task = self._progress.add_task(unit, total=total)

    def __call__(self, k: int = 1) -> None:
        stops.check()
        if self._task is not None:
            self._progress.advance(self._task, k)


@contextmanager
def progress_bar():
    """A :class:`_Bar` for the duration of the work."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:  # no bar at all: some rich releases print a blank line
        yield _Bar(None)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True) as progress:
        yield _Bar(progress)
