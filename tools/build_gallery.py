"""Draw the README's gallery: figures/NAME.png for every gallery figure, and figures/gallery.json.

Usage: python tools/build_gallery.py [--out FOLDER] [--check]

The PNGs are what ``analytic figures`` writes (paper style, English). The manifest
``gallery.json`` holds, for each figure, its PNG's pixel size and sha256 and a description of
what the figure shows (``analytic.present.figures.describe``: size, titles, labels, scales,
limits, legends, chosen ticks, texts, and a summary of every plotted line, area, mesh and bar).
The PNGs and the manifest are written together or not at all. ``tests/test_figures.py`` redraws
every figure, compares its description with the manifest, and checks each PNG against it.

Run it after a change to a figure, look at the PNGs, and commit them with the manifest. With
``--check`` nothing is written: it prints how the figures the code draws now differ from the
manifest, and exits with 1 if they do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib
import numpy as np

from analytic.present.figures import GALLERY, compute, figure_bytes
from analytic.present.figures.describe import (
    GALLERY_LANG,
    GALLERY_STYLE,
    MANIFEST,
    describe_figure,
    differences,
    manifest_bytes,
    manifest_entry,
)
from analytic.present.output import output_folder, write_files

ROOT = Path(__file__).resolve().parents[1]
#: Relative tolerance of --check, the same as the test's.
RELATIVE_TOLERANCE = 1e-6


def build(names: list[str]) -> tuple[dict[str, bytes], dict[str, dict]]:
    """Every figure's PNG bytes and manifest entry, each figure's data computed once."""
    pngs, entries = {}, {}
    for name in names:
        print(f"drawing {name}", file=sys.stderr)
        data = compute(name)
        pngs[f"{name}.png"] = figure_bytes(name, data, GALLERY_LANG, GALLERY_STYLE, "png")
        entries[name] = manifest_entry(name, describe_figure(name, data), pngs[f"{name}.png"])
    return pngs, entries


def check(folder: Path) -> int:
    """Print where the code's figures differ from the manifest in ``folder``; 1 if they do."""
    expected = json.loads((folder / MANIFEST).read_text())["figures"]
    found = 0
    for name in GALLERY:
        if name not in expected:
            print(f"{name}: not in {MANIFEST}")
            found += 1
            continue
        fresh = describe_figure(name, compute(name))
        for line in differences(expected[name]["description"], fresh, RELATIVE_TOLERANCE):
            print(f"{name}: {line}")
            found += 1
    print(f"{found} difference(s)" if found else "the manifest matches the code's figures")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="\n".join(__doc__.splitlines()[2:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", default=str(ROOT / "figures"), metavar="FOLDER",
                        help="where the PNGs and gallery.json go (default: the repo's figures/)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; compare the code's figures with the manifest")
    args = parser.parse_args()
    if args.check:
        return check(Path(args.out))
    pngs, entries = build(list(GALLERY))
    drawn_with = {"matplotlib": matplotlib.__version__, "numpy": np.__version__}
    files = {**pngs, MANIFEST: manifest_bytes(entries, drawn_with)}
    for path in write_files(output_folder(args.out), files):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
