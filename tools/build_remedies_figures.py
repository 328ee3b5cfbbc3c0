"""Draw the README's remedies figures from the committed run: figures/remedies/remedies-en.png,
remedies-ja.png and their manifest figures.json.

Usage: python tools/build_remedies_figures.py [--run FILE] [--out FOLDER] [--check]

The run is the JSON that ``analytic experiment remedies --out figures/remedies`` writes
(figures/remedies/remedies.json): the default run takes about a minute, too long to redraw from
scratch in the test suite, so its JSON is committed and the figures are drawn from it, in
English and in Japanese (paper style), exactly as the command draws its own figure. The
manifest records each PNG's size and sha256 and a description of the figure
(``analytic.present.figures.describe``); ``tests/test_remedies_cli.py`` redraws both figures from
the committed JSON and compares. With ``--check`` nothing is written: it prints how the figures
the code draws now differ from the manifest, and exits with 1 if they do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib
import numpy as np

from analytic.present.figures import figure_bytes
from analytic.present.figures.describe import describe_figure, differences, manifest_entry
from analytic.present.output import output_folder, write_files

FOLDER = Path(__file__).resolve().parents[1] / "figures" / "remedies"
MANIFEST = "figures.json"
LANGUAGES = ("en", "ja")
STYLE = "paper"


def build(data: dict) -> tuple[dict[str, bytes], dict[str, dict]]:
    """Each language's PNG bytes and manifest entry."""
    pngs, entries = {}, {}
    for lang in LANGUAGES:
        name = f"remedies-{lang}"
        pngs[f"{name}.png"] = figure_bytes("remedies", data, lang, STYLE, "png")
        description = describe_figure("remedies", data, lang, STYLE)
        entries[name] = manifest_entry(name, description, pngs[f"{name}.png"])
    return pngs, entries


def manifest_bytes(entries: dict[str, dict], run: str) -> bytes:
    manifest = {"about": "Written with the PNGs beside it by tools/build_remedies_figures.py "
                         f"from {run}; tests/test_remedies_cli.py redraws each figure and "
                         "compares.",
                "style": STYLE,
                "drawn_with": {"matplotlib": matplotlib.__version__, "numpy": np.__version__},
                "figures": entries}
    return (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()


def check(folder: Path, data: dict) -> int:
    """Print where the code's figures differ from the manifest in ``folder``; 1 if they do."""
    expected = json.loads((folder / MANIFEST).read_text())["figures"]
    found = 0
    for lang in LANGUAGES:
        fresh = describe_figure("remedies", data, lang, STYLE)
        for line in differences(expected[f"remedies-{lang}"]["description"], fresh, 1e-6):
            print(f"remedies-{lang}: {line}")
            found += 1
    print(f"{found} difference(s)" if found else "the manifest matches the code's figures")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="\n".join(__doc__.splitlines()[2:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--run", default=str(FOLDER / "remedies.json"), metavar="FILE",
                        help="the run's JSON (default: figures/remedies/remedies.json)")
    parser.add_argument("--out", default=str(FOLDER), metavar="FOLDER",
                        help="where the PNGs and figures.json go (default: figures/remedies)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; compare the code's figures with the manifest")
    args = parser.parse_args()
    try:
        data = json.loads(Path(args.run).read_text())
    except (OSError, ValueError) as e:
        parser.error(f"cannot read the run {args.run}: {e}")
    if data.get("experiment") != "remedies":
        parser.error(f"{args.run} is not the JSON of analytic experiment remedies")
    if args.check:
        return check(Path(args.out), data)
    pngs, entries = build(data)
    files = {**pngs, MANIFEST: manifest_bytes(entries, Path(args.run).name)}
    for path in write_files(output_folder(args.out), files):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
