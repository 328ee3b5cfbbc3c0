"""How the command line fails: one line on stderr, exit code 2, no traceback.

Usage errors (a bad option or value) and domain errors (a ``ValueError`` from the library, an
unreadable file) end the same way. Click's messages are reworded into the tool's own: ``--format:
'xml' is not one of text, latex, json`` rather than ``Invalid value for '--format': Value
error, ...``. Numerical warnings are errors here: a result computed through an overflow or a
0/0 is not printed.

A stop signal ends a run with ``error: interrupted; no files were written`` and exit code
128 + the signal's number: 130 for Ctrl-C (SIGINT), 143 for SIGTERM, 129 for SIGHUP. When the
reader of standard output goes away (``analytic derive | head -1``) the run ends quietly, with
nothing on stderr and exit code 141 (128 + SIGPIPE), as a command the pipe killed would; a
standard output that cannot be written (``> /dev/full``) is one error line, before any file is
written.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import warnings
from typing import Any

import typer
from typer.core import TyperGroup

from ..core import stops
from ..core.stops import INTERRUPTED

# typer may vendor click; its ClickException is the base of typer.BadParameter either way
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

_REWORDINGS = (
    (r"^Invalid value for '([^']+)' \(env var: '([^']+)'\): (?:Value error, )?",
     r"\1 (or \2): "),
    (r"^Invalid value for '([^']+)': (?:Value error, )?", r"\1: "),
    (r"^Invalid value for '([^']+)' / '[^']+': (?:Value error, )?", r"\1: "),
    (r"'([^']*)' is not one of (.*)\.$", lambda m: f"{m[1]!r} is not one of "
     + ", ".join(re.findall(r"'([^']*)'", m[2]))),
    (r"'([^']*)' is not '([^']*)'\.?$", r"'\1' is not one of \2"),  # a single choice, click < 8.2
    (r"(-?[\d.]+) is not in the range (-?[\d.]+)<=x<=(-?[\d.]+)\.?$",
     r"must be from \2 to \3, got \1"),
    (r"(-?[\d.]+) is not in the range x>=(-?[\d.]+)\.?$", r"must be at least \2, got \1"),
    (r"(-?[\d.]+) is not in the range x<=(-?[\d.]+)\.?$", r"must be at most \2, got \1"),
    # click < 8.2 and >= 8.2 word a number they cannot read apart: one wording for both
    (r"'([^']*)' is not a valid float( range)?\.?$", r"must be a number, got '\1'"),
    (r"'([^']*)' is not a valid integer( range)?\.?$", r"must be a whole number, got '\1'"),
    (r"Input should be a valid integer.*$", "must be a whole number"),
    (r"Input should be a valid number.*$", "must be a number"),
    (r"Input should be (greater|less) than or equal to (\S+)$", r"must be \1 than or equal to \2"),
)


def first_line(message: str) -> str:
    """A message's first line, as written: the tool's own messages may end in a path or a
    name ("cannot write into the folder /data/."), which no rewording may cut.

    >>> first_line("cannot write into the folder /data/.\\n(details)")
    'cannot write into the folder /data/.'
    """
    return message.strip().splitlines()[0] if message.strip() else "invalid input"


def own_words(message: str) -> str:
    """A click message as this tool says it (first line only, without click's final period).

    >>> own_words("Invalid value for '--format': Value error, 'xml' is not one of 'text', 'json'.")
    "--format: 'xml' is not one of text, json"
    >>> own_words("Invalid value for '--preset': 'glorot2011' is not 'glorot2010'.")
    "--preset: 'glorot2011' is not one of glorot2010"
    """
    message = first_line(message)
    for pattern, replacement in _REWORDINGS:
        message = re.sub(pattern, replacement, message)
    return message.removesuffix(".")


def fail(message: str, code: int = 2) -> None:
    """Print ``error: message`` on stderr and exit with ``code`` (a stop signal from here on is
    only recorded: the run has ended)."""
    stops.settle()
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)


class Interrupted(Exception):
    """Ctrl-C while a command ran, carried past click (which would print a blank line)."""


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a closed file); the message says so."""


class _PipeClosed(Exception):
    """The reader of standard output went away, carried past typer (which would exit 1)."""


#: The exit status when standard output's reader has gone: 128 + SIGPIPE.
BROKEN_PIPE = 128 + 13


def interrupted() -> None:
    """End a stopped run: one line, exit code 128 + the signal (130 for Ctrl-C); a second
    signal is only recorded, so the line is never cut by a traceback."""
    fail(INTERRUPTED, code=128 + (stops.arrived() or signal.SIGINT))


def _drop_stdout() -> None:
    # what is still buffered for a stdout that failed goes nowhere, so that Python's flush at
    # exit does not fail a second time
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # a stdout without a file descriptor (a test's capture)
        pass


def printed(text: str) -> None:
    """Write ``text`` to standard output now: a reader that has gone or a stdout that cannot
    be written stops the run here, before any file is written."""
    try:
        typer.echo(text, nl=False)
    except BrokenPipeError:
        raise _PipeClosed from None
    except OSError as e:
        raise OutputFailed(_cannot_print(e)) from None


class OneLineErrors(TyperGroup):
    """Report usage errors and domain errors as one line and exit code 2, never a traceback;
    Ctrl-C as one line and exit code 130. Every error the command line reports ends here."""

    def invoke(self, ctx: Any) -> Any:
        # below typer and click, which would turn Ctrl-C into a silent exit code 130 (recent
        # releases) or "Aborted!" (older ones), and a closed pipe into a silent exit code 1
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None
        except BrokenPipeError:
            raise _PipeClosed from None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # every summary whole, wrapped beside its command rather than cut with "...": one long
        # command name must not cut the other commands' sentences
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        stops.unsettle()  # a new run (a test runs many in one process)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)
                code = super().main(*args, standalone_mode=False, **kwargs)
            if code == 130:  # typer's word for Ctrl-C while the options were read
                raise KeyboardInterrupt
            stops.check()  # a stop whose exception Python swallowed, that nothing asked about
            _flush()
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `analytic` alone: show the help
                _help(e.format_message())
            fail(own_words(e.format_message()))
        except (_PipeClosed, BrokenPipeError, OutputFailed) as e:
            _output_ended(e)
        except SystemExit as e:
            # typer met the closed pipe itself (printing --help, say): quiet, as everywhere
            if e.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
                _output_ended(_PipeClosed())
            raise
        except ImportError as e:
            if stops.STOPPED.is_set():  # a module stopped while it initialised
                interrupted()
            # a command's lazily imported dependency is missing
            fail(f"analytic needs the package {e.name!r}; install it with: pip install -e .")
        except (ValueError, OSError) as e:
            if isinstance(e, OSError) and _on_stdout(e):
                _output_ended(OutputFailed(_cannot_print(e)))
            fail(first_line(str(e)))
        except RuntimeWarning as e:
            fail(f"a numerical problem stopped the computation ({e}); try smaller values")
        except (MemoryError, OverflowError, RecursionError) as e:
            fail(f"the request is too large for this machine ({type(e).__name__}); "
                 "try smaller values")
        except ArithmeticError as e:  # a division by zero that no check foresaw
            fail(f"a numerical problem stopped the computation ({type(e).__name__}: {e})")
        except (Interrupted, KeyboardInterrupt, typer.Abort):
            interrupted()
        stops.settle()  # done: a stop from here on changes nothing
        sys.exit(code if isinstance(code, int) else 0)


def _output_ended(e: Exception) -> None:
    # standard output failed: one line if it is full or closed, nothing if its reader has gone
    _drop_stdout()
    if isinstance(e, OutputFailed):
        fail(str(e))
    sys.exit(BROKEN_PIPE)


def _help(text: str) -> None:
    try:
        printed(text + "\n")
        _flush()
    except (_PipeClosed, OutputFailed) as e:
        _output_ended(e)
    sys.exit(0)


def _cannot_print(e: OSError) -> str:
    return f"cannot write to standard output ({e.strerror or e})"


def _on_stdout(e: OSError) -> bool:
    # click printed (the help, say) and its write failed: the stream click's echo wrote to,
    # in the innermost frame, is standard output's file descriptor
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    stream = tb.tb_frame.f_locals.get("file") if tb is not None else None
    try:
        return stream is not None and stream.fileno() == sys.__stdout__.fileno()
    except (AttributeError, OSError, ValueError):  # a stream without a descriptor
        return False


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise _PipeClosed from None
    except OSError as e:
        raise OutputFailed(_cannot_print(e)) from None


def run(app: typer.Typer) -> None:
    """Run the command line: typer builds it (a stop signal there ends in one line too), then
    :class:`OneLineErrors` runs the command. The stop signals' handlers are installed by the
    entry point before anything is imported (:mod:`analytic.cli.entry`)."""
    try:
        app()
    except KeyboardInterrupt:
        interrupted()


def sub_app(help: str) -> typer.Typer:
    """A command group (``analytic problem``, ...) with the same error handling and help style."""
    return typer.Typer(cls=OneLineErrors, no_args_is_help=True, rich_markup_mode=None, help=help)
