"""Write every number the README and the docs quote from a run, from the run's committed JSON.

Usage: python tools/quote_runs.py {record [NAME ...] | write | check} [--files FILE ...]

The runs the text quotes are listed in tools/quotes.py (RUNS): each is a command line whose
``--format json`` output is committed as docs/runs/NAME.json (its printed text as NAME.txt when
the command line names a format), with docs/runs/runs.json naming
each run's command and checksum and the machine it ran on (the recorded runs of
figures/NAME/ are read where tools/build_recorded_figures.py keeps them). In the text a quoted
number, sentence part or table stands between two markers,

    <!-- quote KEY -->2.465e-03<!-- /quote -->

and QUOTES in tools/quotes.py says how KEY is computed from its run's result.

  record   re-run the commands (all, or the NAMEs given) and write their JSON and the
           manifest, all together or none
  write    fill every marker of README.md and docs/*.md from the committed JSON
  check    write nothing; print every marker whose text is not what the JSON gives, every
           unknown key and every quote no text uses; exit 1 if there is any

Runs differ in their last digits between machines (BLAS kernels); ``record`` on another
machine writes that machine's numbers, and the claims the text makes about them are tested
with tolerances in tests/test_claims.py, not by these markers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import quotes

ROOT = Path(__file__).resolve().parents[1]
RUNS_FOLDER = ROOT / "docs" / "runs"
MANIFEST = "runs.json"
#: A marker and what it holds; a key starts in lower case (an all-capitals KEY is a placeholder
#: in a page that explains the markers)
MARKER = re.compile(r"<!-- quote ([a-z][\w.:+-]*) -->(.*?)<!-- /quote -->", re.S)


class QuoteError(Exception):
    """A run or a page that cannot be read, or a key that is not known: one line, exit 2."""


def shown(path: Path) -> str:
    """A path as messages name it: from the repository's root when it lies inside."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def pages() -> list[Path]:
    """The text that quotes runs: the README and every page of docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


# --- the runs ------------------------------------------------------------------------------------
def run_path(name: str) -> Path:
    """Where run ``name``'s JSON is committed."""
    if name in quotes.RECORDED:
        return ROOT / "figures" / name / quotes.RECORDED[name]
    return RUNS_FOLDER / f"{name}.{_kind(quotes.RUNS[name])}"


def _kind(args: tuple[str, ...]) -> str:
    # a run is its --format json output, unless its command line asks for text (what a page
    # shows as printed)
    return "txt" if "--format" in args else "json"


def load(name: str) -> dict | str:
    path = run_path(name)
    try:
        text = path.read_text(encoding="utf-8")
        return text if path.suffix == ".txt" else json.loads(text)
    except (OSError, ValueError) as e:
        raise QuoteError(f"{shown(path)}: cannot read the run "
                         f"({getattr(e, 'strerror', None) or e}); record it first")


def record(names: list[str]) -> list[Path]:
    """Re-run each named run (all when none) and write its JSON and the manifest."""
    from analytic.present.output import write_files

    unknown = sorted(set(names) - set(quotes.RUNS))
    if unknown:
        raise QuoteError(f"unknown run {', '.join(unknown)}; known: {', '.join(quotes.RUNS)}")
    manifest = _manifest()
    files = {}
    for name in names or list(quotes.RUNS):
        args = quotes.RUNS[name]
        print(f"running analytic {' '.join(args)}", file=sys.stderr)
        raw = _run(args)
        files[f"{name}.{_kind(args)}"] = raw
        manifest["runs"][name] = {"command": "analytic " + " ".join(args),
                                  "sha256": hashlib.sha256(raw).hexdigest()}
    manifest["machine"] = _machine()
    files[MANIFEST] = (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode()
    return write_files(RUNS_FOLDER, files)


def _run(args: tuple[str, ...]) -> bytes:
    # in a folder of its own: a command that also writes files writes them there
    asked = () if "--format" in args else ("--format", "json")
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-m", "analytic", *args, *asked],
                              cwd=folder, capture_output=True, env={**os.environ,
                                                                    "ANALYTIC_LANG": "en"})
    if done.returncode != 0:
        raise QuoteError(f"analytic {' '.join(args)} failed: "
                         f"{done.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    if not asked:
        return done.stdout
    json.loads(done.stdout)  # what is committed is JSON
    return done.stdout


def _manifest() -> dict:
    path = RUNS_FOLDER / MANIFEST
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"about": "Written by tools/quote_runs.py record: each run's command and the "
                     "checksum of its JSON, and the machine they ran on.", "runs": {}}


def _machine() -> dict:
    import numpy as np

    return {"python": platform.python_version(), "numpy": np.__version__,
            "processor": platform.processor() or platform.machine(), "system": platform.system()}


# --- the text ------------------------------------------------------------------------------------
def quoted(key: str, results: dict) -> str:
    """The text quote ``key`` stands for, from its run's result."""
    if key not in quotes.QUOTES:
        raise QuoteError(f"unknown quote {key!r} (tools/quotes.py lists them)")
    run, make = quotes.QUOTES[key]
    if run not in results:
        results[run] = quotes.result(load(run))
    return make(results[run])


def filled(text: str, results: dict) -> str:
    """``text`` with every marker's content written from the runs."""
    return MARKER.sub(lambda m: f"<!-- quote {m[1]} -->{quoted(m[1], results)}<!-- /quote -->",
                      text)


def check(files: list[Path]) -> int:
    results, found, used = {}, 0, set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for m in MARKER.finditer(text):
            used.add(m[1])
            want = quoted(m[1], results)
            if m[2] != want:
                line = text.count("\n", 0, m.start()) + 1
                print(f"{shown(path)}:{line}: {m[1]}: the text says {m[2]!r}, "
                      f"the run gives {want!r}")
                found += 1
    if files == pages():
        for key in sorted(set(quotes.QUOTES) - used):
            print(f"{key}: quoted by no page")
            found += 1
    print(f"{found} difference(s)" if found else "every quote is what its run gives")
    return 1 if found else 0


def write(files: list[Path]) -> list[Path]:
    from analytic.present.output import write_files

    results, changed = {}, {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        new = filled(text, results)
        if new != text:
            changed[path] = new
    for path, text in changed.items():
        write_files(path.parent, {path.name: text.encode("utf-8")})
    return list(changed)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="quote_runs.py", description=__doc__.splitlines()[0],
        epilog="\n".join(__doc__.splitlines()[2:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("record", "write", "check"))
    parser.add_argument("names", nargs="*", metavar="NAME", help="the runs to record")
    parser.add_argument("--files", nargs="+", type=Path, metavar="FILE",
                        help="the pages to write or check (default: README.md, docs/*.md)")
    args = parser.parse_args(argv)
    files = [p.resolve() for p in args.files] if args.files else pages()
    try:
        if args.action == "record":
            for path in record(args.names):
                print(path)
            return 0
        if args.names:
            raise QuoteError(f"{args.action} takes no run names")
        if args.action == "check":
            return check(files)
        for path in write(files):
            print(path)
        return 0
    except QuoteError as e:
        print(f"quote_runs.py: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
