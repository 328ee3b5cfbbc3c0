"""How the command line fails: usage and domain errors become one line and exit code 2."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

# typer may vendor click; its ClickException is the base of typer.BadParameter either way
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class OneLineErrors(TyperGroup):
    """Report usage errors and domain errors as one line and exit code 2, never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `analytic` alone: show the help
                typer.echo(e.format_message())
                sys.exit(0)
            fail(e.format_message())
        except ModuleNotFoundError as e:  # a command's lazily imported dependency is missing
            fail(f"analytic needs the package {e.name!r}; install it with: pip install -e .")
        except (ValueError, OSError) as e:
            fail(str(e))
        except typer.Abort:
            fail("interrupted", code=130)
        sys.exit(code if isinstance(code, int) else 0)


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)




def sub_app(help: str) -> typer.Typer:
    """A command group (``analytic problem``, ...) with the same error handling and help style."""
    return typer.Typer(cls=OneLineErrors, no_args_is_help=True, rich_markup_mode=None, help=help)
