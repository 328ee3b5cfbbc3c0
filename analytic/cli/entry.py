"""The ``analytic`` console script: the stop signals are handled before anything else loads.

Importing typer and the commands takes a noticeable part of a second; a Ctrl-C (or SIGTERM,
SIGHUP) in that time ends in the same one line as one during a run, because this module
installs the handlers as it is imported (:mod:`analytic.core.stops` needs only the standard
library). Only the console script and ``python -m analytic`` import it.
"""

import signal
import sys

from ..core import stops

stops.install()


def main() -> None:
    """Entry point of the ``analytic`` console script and of ``python -m analytic``."""
    try:
        from .app import app
        from .errors import run
    except (KeyboardInterrupt, ImportError) as e:
        if not (isinstance(e, KeyboardInterrupt) or stops.STOPPED.is_set()):
            _missing(e)
        stops.settle()
        sys.stderr.write(f"error: {stops.INTERRUPTED}\n")
        sys.exit(128 + (stops.arrived() or signal.SIGINT))
    run(app)


def _missing(e: ImportError) -> None:
    # run from a source tree whose dependencies are missing
    sys.stderr.write(f"error: analytic needs the package {e.name!r}; "
                     "install it with: pip install -e .\n")
    sys.exit(2)
