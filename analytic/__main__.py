"""`python -m analytic`: the command line, or one line saying what stopped it before it began."""

import sys

try:
    from .cli.entry import main
except KeyboardInterrupt:  # Ctrl-C before even the entry point was loaded
    sys.stderr.write("error: interrupted; no files were written\n")
    sys.exit(130)

main()
