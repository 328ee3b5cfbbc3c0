"""`python -m analytic`: the command line, or one line saying what stopped it before it began."""

import sys

try:
    from .cli.app import main
except ModuleNotFoundError as e:  # run from a source tree that was never installed
    sys.stderr.write(f"error: analytic needs the package {e.name!r}; "
                     "install it with: pip install -e .\n")
    sys.exit(2)
except KeyboardInterrupt:  # Ctrl-C while the command line was still loading
    sys.stderr.write("error: interrupted; no files were written\n")
    sys.exit(130)

main()
