"""Peak memory of loading hostile MNIST files at full size, and of loading the full MNIST.

Usage: python benchmarks/bench_hostile_files.py [--repo PATH] [--cap-gb G] [--no-full]

Writes each hostile file (a 4 GiB gzip bomb as a pickle and as an IDX file, an npz that claims
10^12 images, a 77-byte pickle asking for a 1.4 GB array, ...) and a full-size synthetic MNIST
in the book's pickle and IDX forms into a temporary folder, then loads each in a fresh
process and prints the outcome (one line) and the process's peak resident memory (ru_maxrss),
next to the goal: a refusal in one line within the 2 GB budget, and for a hostile file no more
than what the full MNIST itself may take. The first line is the baseline: a process that
imports the loader and loads nothing.

``--repo`` loads with another checkout's ``analytic`` (for a before/after comparison);
``--cap-gb`` limits each child's address space (default 6 GB), so that a loader without the
checks fails with MemoryError instead of taking the machine.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from mnist_files import (  # noqa: E402 (the test writers, after the path is set)
    Reduces,
    book_pickle,
    gzip_zeros,
    idx_bytes,
    keras_members,
    npy_bytes,
    write_idx_folder,
    write_zip,
)

try:
    from numpy._core.multiarray import _reconstruct, scalar
except ImportError:
    from numpy.core.multiarray import _reconstruct, scalar

CHILD = """
import resource, sys
from analytic.experiments.mnist import load_source
try:
    if sys.argv[1] == "-":
        outcome = "imported the loader, loaded nothing"
    else:
        source = load_source(sys.argv[1])
        outcome = f"loaded {len(source.train):,} training digits"
except BaseException as e:
    text = " ".join(str(e).split())
    outcome = f"{type(e).__name__}: {text[:110]}"
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, outcome)
"""


def hostile_files(folder: Path) -> dict[str, Path]:
    files = {}

    def write(name: str, data: bytes, label: str) -> None:
        path = folder / label.replace(" ", "_") / name
        path.parent.mkdir()
        path.write_bytes(data)
        files[label] = path

    write("mnist.pkl.gz", gzip_zeros(4 << 30), "4 GiB gzip bomb pickle")
    idx = folder / "4_GiB_gzip_bomb_IDX"
    idx.mkdir()
    write_idx_folder(idx, gz=True)
    (idx / "train-images-idx3-ubyte.gz").write_bytes(gzip_zeros(4 << 30))
    files["4 GiB gzip bomb IDX"] = idx
    members = keras_members()
    members["x_train.npy"] = npy_bytes("|u1", (10**12, 28, 28), bytes(784))
    (folder / "npz").mkdir()
    write_zip(folder / "npz" / "mnist.npz", members)
    files["npz claiming 10^12 images"] = folder / "npz" / "mnist.npz"
    (folder / "npz_long").mkdir()
    write_zip(folder / "npz_long" / "mnist.npz", keras_members(),
              trailing_zeros={"x_train.npy": 1 << 30})
    files["npz member with 1 GiB more than its header"] = folder / "npz_long" / "mnist.npz"
    write("mnist.pkl", pickle.dumps(Reduces(_reconstruct, (np.ndarray, (175_000_000,), "f8")),
                                    protocol=2), "pickle _reconstruct 1.4 GB")
    write("mnist.pkl", pickle.dumps(Reduces(scalar, (np.dtype("V1400000000"),)), protocol=2),
          "pickle scalar of a 1.4 GB dtype")
    write("mnist.pkl", b"\x80\x02Nr" + struct.pack("<I", 100_000_000) + b".",
          "pickle memo index 10^8")
    write("mnist.pkl", b"\x80\x04\x8e" + struct.pack("<Q", 10**12) + b"abc.",
          "pickle BINBYTES8 of 10^12")
    write("mnist.pkl", b"\x80\x02X\x05\x00\x00\x00hello\x51.", "pickle persistent id")
    huge = folder / "IDX_header_4e9_images"
    huge.mkdir()
    write_idx_folder(huge)
    (huge / "train-images-idx3-ubyte").write_bytes(
        struct.pack(">BBBB3I", 0, 0, 8, 3, 2**32 - 1, 28, 28) + bytes(784))
    files["IDX header claiming 4e9 images"] = huge
    return files


def full_mnist(folder: Path) -> dict[str, Path]:
    """The full MNIST's sizes with random pixels: the book's pickle and the IDX folder."""
    rng = np.random.default_rng(0)
    parts = []
    for n in (50_000, 10_000, 10_000):
        images = rng.integers(0, 256, (n, 784), dtype=np.uint8).astype(np.float32) / 255
        parts.append((images, rng.integers(0, 10, n).astype(np.int64)))
    (folder / "book").mkdir()
    book = folder / "book" / "mnist.pkl.gz"
    book.write_bytes(book_pickle(tuple(parts), py2=True))  # Python 2 strings, as the book's
    del parts
    idx = folder / "idx_full"
    idx.mkdir()
    for stem, n in (("train", 60_000), ("t10k", 10_000)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = np.repeat(np.arange(10, dtype=np.uint8), n // 10)
        (idx / f"{stem}-images-idx3-ubyte").write_bytes(idx_bytes(images))
        (idx / f"{stem}-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    return {"full MNIST, book's Python 2 pickle (gz)": book, "full MNIST, IDX folder": idx}


def measure(path: Path | None, repo: str | None, cap: int, cwd: str) -> tuple[int, str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = None
    if repo:
        import os

        env = dict(os.environ, PYTHONPATH=repo)
    result = subprocess.run([sys.executable, "-c", CHILD, str(path) if path else "-"],
                            capture_output=True, text=True, preexec_fn=limit, env=env,
                            cwd=cwd)  # not this checkout: python -c puts the cwd first
    if result.returncode != 0 or not result.stdout:
        return 0, f"died (exit {result.returncode}): {result.stderr.strip()[-110:]}"
    kb, outcome = result.stdout.strip().split(" ", 1)
    return int(kb) * 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", help="load with the analytic package in this checkout")
    parser.add_argument("--cap-gb", type=float, default=6.0)
    parser.add_argument("--no-full", action="store_true", help="skip the full-size MNIST")
    args = parser.parse_args()
    cap = int(args.cap_gb * 1024**3)
    with tempfile.TemporaryDirectory() as tmp:
        files = hostile_files(Path(tmp))
        if not args.no_full:
            files.update(full_mnist(Path(tmp)))
        base, outcome = measure(None, args.repo, cap, tmp)
        print(f"{'baseline (Python, NumPy, the loader)':46s} peak {base / 1e6:7.0f} MB   {outcome}")
        print("goal: each hostile file refused in one line (ValueError), its peak within the "
              "2 GB budget, and above the baseline by no more than the full MNIST takes")
        for label, path in files.items():
            peak, outcome = measure(path, args.repo, cap, tmp)
            print(f"{label:46s} peak {peak / 1e6:7.0f} MB   (+{(peak - base) / 1e6:5.0f} MB, "
                  f"{peak / 2**31:4.2f} of the budget)   {outcome}")


if __name__ == "__main__":
    main()
