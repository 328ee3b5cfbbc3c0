"""Draw the README's figures of the recorded runs from their committed JSON, in English and
Japanese, with one manifest: figures/NAME/NAME-en.png and NAME-ja.png, figures/recorded.json.

Usage: python tools/build_recorded_figures.py [--folder FOLDER] [--check]

A recorded run (analytic.present.figures.recorded: remedies, saturation, dying-relu,
trainability, batch-norm-scales, the gated cells over 30 networks, jacobian) is an experiment
whose run takes too long to repeat in the test suite, or whose JSON is too large to commit
twice: the JSON its command wrote, `analytic experiment NAME --out figures/NAME` (or the command
line the registry names), is committed, and this tool draws each of the command's figures from
that JSON, in English and Japanese (paper style). The manifest records each run's command and
JSON checksum, and each PNG's size, sha256 and a description of the figure
(analytic.present.figures.describe); tests/test_recorded.py redraws every figure from the
committed JSON and compares. The PNGs and the manifest are written together or not at all. With
--check nothing is written: it prints how the figures the code draws now differ from the
manifest, and exits with 1 if they do. A run recorded again (another machine's BLAS rounds
differently, and training amplifies it) is judged by what its figures show, not by their
numbers; the claims the README makes about the numbers are tests of their own
(tests/test_claims.py).

After a change to one of these experiments, rerun its run and redraw (a few minutes for all),
look at the PNGs, and commit the JSON, the PNGs and the manifest:

  for name in remedies saturation dying-relu trainability batch-norm-scales jacobian; do
    analytic experiment $name --out figures/$name
  done
  analytic experiment rnn --cell vanilla,lstm,gru --networks 30 --out figures/rnn-cells-30
  analytic experiment rnn --cell lstm,gru --forget-bias 1 --networks 30 \\
    --out figures/rnn-cells-bias1-30
  python tools/build_recorded_figures.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = "recorded.json"
#: Relative tolerance of --check, the same as the test's.
RELATIVE_TOLERANCE = 1e-6


class BuildError(Exception):
    """A run that cannot be read: one line, exit code 2."""


def read_runs(folder: Path) -> dict[str, tuple[bytes, dict]]:
    """Every recorded run's JSON in ``folder``: name -> (its bytes, what it holds)."""
    from analytic.present.figures.recorded import RECORDED, arguments, experiment_of

    runs = {}
    for name, json_name in RECORDED.items():
        path = folder / name / json_name
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError) as e:
            raise BuildError(f"{path}: cannot read the run ({getattr(e, 'strerror', None) or e})")
        if not isinstance(data, dict) or data.get("experiment") != experiment_of(name):
            raise BuildError(f"{path}: not the JSON of analytic experiment "
                             f"{' '.join(arguments(name))}")
        runs[name] = raw, data
    return runs


def build(runs: dict[str, tuple[bytes, dict]]) -> tuple[dict[str, bytes], dict, dict]:
    """The PNGs (path under the folder -> bytes) and the manifest's runs and figures."""
    from analytic.present.figures import figure_bytes
    from analytic.present.figures.describe import describe_figure, manifest_entry
    from analytic.present.figures.recorded import (
        LANGUAGES,
        RECORDED,
        STYLE,
        command,
        figure_data,
        figure_name,
        figure_stems,
    )

    pngs, about, entries = {}, {}, {}
    for name, (raw, data) in runs.items():
        drawn = figure_data(name, data)
        about[name] = {"command": command(name), "json": f"{name}/{RECORDED[name]}",
                       "sha256": hashlib.sha256(raw).hexdigest(), "figure": figure_name(drawn)}
        for key, figure in figure_stems(name, drawn).items():
            for lang in LANGUAGES:
                print(f"drawing {key} ({lang})", file=sys.stderr)
                stem = f"{name}/{key}-{lang}"  # beside the run's JSON
                pngs[f"{stem}.png"] = figure_bytes(figure, drawn, lang, STYLE, "png")
                description = describe_figure(figure, drawn, lang, STYLE)
                entries[f"{key}-{lang}"] = manifest_entry(stem, description, pngs[f"{stem}.png"])
    return pngs, about, entries


def manifest_bytes(about: dict, entries: dict) -> bytes:
    import matplotlib
    import numpy as np

    from analytic.present.figures.recorded import STYLE

    manifest = {"about": "Written with the PNGs by tools/build_recorded_figures.py from each "
                         "run's JSON; tests/test_recorded.py redraws each figure and compares.",
                "style": STYLE,
                "drawn_with": {"matplotlib": matplotlib.__version__, "numpy": np.__version__},
                "runs": about, "figures": entries}
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()


def check(folder: Path, runs: dict[str, tuple[bytes, dict]]) -> int:
    """Print where the code's figures differ from the manifest in ``folder``; 1 if they do."""
    from analytic.present.figures.describe import describe_figure, differences
    from analytic.present.figures.recorded import (
        LANGUAGES,
        RECORDED,
        STYLE,
        figure_data,
        figure_stems,
    )

    expected = json.loads((folder / MANIFEST).read_text())
    found = 0
    for name, (raw, data) in runs.items():
        # a run recorded again (on this machine, whose BLAS rounds differently) is not the run
        # the manifest describes: its figure can still be judged, by what it shows (titles,
        # labels, legends, how many curves and bars), not by its numbers
        rerun = expected["runs"].get(name, {}).get("sha256") != hashlib.sha256(raw).hexdigest()
        if rerun:
            print(f"{name}: {RECORDED[name]} is not the run the manifest was drawn from (run "
                  "again?): its figures are compared by what they show, not by their numbers")
        drawn = figure_data(name, data)
        for stem, figure in figure_stems(name, drawn).items():
            for lang in LANGUAGES:
                key = f"{stem}-{lang}"
                if key not in expected["figures"]:
                    print(f"{key}: not in {MANIFEST}")
                    found += 1
                    continue
                fresh = describe_figure(figure, drawn, lang, STYLE)
                recorded = expected["figures"][key]["description"]
                if rerun:
                    recorded, fresh = without_numbers(recorded), without_numbers(fresh)
                tolerance = math.inf if rerun else RELATIVE_TOLERANCE
                for line in differences(recorded, fresh, tolerance):
                    print(f"{key}: {line}")
                    found += 1
    print(f"{found} difference(s)" if found else "the manifest matches the code's figures")
    return 1 if found else 0


def without_numbers(description: object) -> object:
    """A figure's description with every digit in its texts replaced: what a run shows, apart
    from the numbers it shows."""
    if isinstance(description, dict):
        return {k: without_numbers(v) for k, v in description.items()}
    if isinstance(description, list):
        return [without_numbers(v) for v in description]
    if isinstance(description, str):
        return re.sub(r"[-+]?\d[\d.,]*(e[-+]?\d+)?", "#", description)
    return description


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_recorded_figures.py",
        description=__doc__.splitlines()[0] + " " + __doc__.splitlines()[1],
        epilog="\n".join(__doc__.splitlines()[3:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--folder", default=str(ROOT / "figures"), metavar="FOLDER",
                        help="holds each run's folder NAME/ and the manifest "
                             "(default: the repo's figures/)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; compare the code's figures with the manifest")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    folder = Path(args.folder)
    try:
        runs = read_runs(folder)
    except BuildError as e:
        print(f"build_recorded_figures.py: error: {e}", file=sys.stderr)
        return 2
    if args.check:
        return check(folder, runs)
    from analytic.present.output import write_files

    pngs, about, entries = build(runs)
    # each run's folder all or nothing (write_files takes plain names), the manifest last: a
    # failure on the way leaves the old manifest, which --check then finds out of date
    by_folder: dict[Path, dict[str, bytes]] = {}
    for name, payload in pngs.items():
        by_folder.setdefault(folder / Path(name).parent, {})[Path(name).name] = payload
    written = [path for sub, files in by_folder.items() for path in write_files(sub, files)]
    written += write_files(folder, {MANIFEST: manifest_bytes(about, entries)})
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
