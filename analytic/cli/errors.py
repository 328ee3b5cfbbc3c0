"""How the command line fails: one line on stderr, exit code 2 (130 for Ctrl-C), no traceback.

Usage errors (a bad option or value) and domain errors (a ``ValueError`` from the library, an
unreadable file) end the same way. Click's messages are reworded into the tool's own: ``--format:
'xml' is not one of text, latex, json`` rather than ``Invalid value for '--format': Value
error, ...``. Numerical warnings are errors here: a result computed through an overflow or a
0/0 is not printed.
"""

from __future__ import annotations

import re
import signal
import sys
import warnings
from typing import Any

import typer
from typer.core import TyperGroup

# typer may vendor click; its ClickException is the base of typer.BadParameter either way
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

_REWORDINGS = (
    (r"^Invalid value for '([^']+)' \(env var: '([^']+)'\): (?:Value error, )?",
     r"\1 (or \2): "),
    (r"^Invalid value for '([^']+)': (?:Value error, )?", r"\1: "),
    (r"^Invalid value for '([^']+)' / '[^']+': (?:Value error, )?", r"\1: "),
    (r"'([^']*)' is not one of (.*)\.$", lambda m: f"{m[1]!r} is not one of "
     + ", ".join(re.findall(r"'([^']*)'", m[2]))),
    (r"(-?[\d.]+) is not in the range (-?[\d.]+)<=x<=(-?[\d.]+)\.?$",
     r"must be from \2 to \3, got \1"),
    (r"(-?[\d.]+) is not in the range x>=(-?[\d.]+)\.?$", r"must be at least \2, got \1"),
    (r"(-?[\d.]+) is not in the range x<=(-?[\d.]+)\.?$", r"must be at most \2, got \1"),
    (r"'([^']*)' is not a valid (integer|float)( range)?\.?$", r"\1 is not a valid \2"),
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
    """
    message = first_line(message)
    for pattern, replacement in _REWORDINGS:
        message = re.sub(pattern, replacement, message)
    return message.removesuffix(".")


def fail(message: str, code: int = 2) -> None:
    """Print ``error: message`` on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)


class Interrupted(Exception):
    """Ctrl-C while a command ran, carried past click (which would print a blank line)."""


INTERRUPTED = "interrupted; no files were written"


class OneLineErrors(TyperGroup):
    """Report usage errors and domain errors as one line and exit code 2, never a traceback;
    Ctrl-C as one line and exit code 130. Every error the command line reports ends here."""

    def invoke(self, ctx: Any) -> Any:
        # below typer and click, which would turn Ctrl-C into a silent exit code 130 (recent
        # releases) or "Aborted!" (older ones); main() reports it
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)
                code = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `analytic` alone: show the help
                typer.echo(e.format_message())
                sys.exit(0)
            fail(own_words(e.format_message()))
        except ModuleNotFoundError as e:  # a command's lazily imported dependency is missing
            fail(f"analytic needs the package {e.name!r}; install it with: pip install -e .")
        except (ValueError, OSError) as e:
            fail(first_line(str(e)))
        except RuntimeWarning as e:
            fail(f"a numerical problem stopped the computation ({e}); try smaller values")
        except (MemoryError, OverflowError, RecursionError) as e:
            fail(f"the request is too large for this machine ({type(e).__name__}); "
                 "try smaller values")
        except (Interrupted, KeyboardInterrupt, typer.Abort):
            fail(INTERRUPTED, code=130)
        sys.exit(code if isinstance(code, int) else 0)


def _stop(signum: int, frame: Any) -> None:
    # SIGTERM and SIGHUP stop a run as Ctrl-C does; the flag outlives a KeyboardInterrupt
    # that Python swallows where it cannot raise (a weakref callback, a __del__)
    from ..present.output import INTERRUPTED as flag

    flag.set()
    raise KeyboardInterrupt


def _unraisable(hook: Any) -> Any:
    # the swallowed KeyboardInterrupt is the stop the flag carries: not a second line
    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            hook(unraisable)

    return quiet


def run(app: typer.Typer) -> None:
    """Run the command line: typer builds it (Ctrl-C there ends in one line too), then
    :class:`OneLineErrors` runs the command. SIGINT, SIGTERM and SIGHUP stop it alike, and
    a stopped run writes nothing (:data:`analytic.present.output.INTERRUPTED`)."""
    from ..present.output import STOPS

    for stop in STOPS:
        if signal.getsignal(stop) is not signal.SIG_IGN:  # a background job keeps ignoring
            signal.signal(stop, _stop)
    sys.unraisablehook = _unraisable(sys.unraisablehook)
    try:
        app()
    except KeyboardInterrupt:
        fail(INTERRUPTED, code=130)


def sub_app(help: str) -> typer.Typer:
    """A command group (``analytic problem``, ...) with the same error handling and help style."""
    return typer.Typer(cls=OneLineErrors, no_args_is_help=True, rich_markup_mode=None, help=help)
