"""Synthetic MNIST files for the loader and CLI tests, written by independent writers.

The writers use struct, gzip, np.savez and pickle directly, never ``analytic.experiments.mnist``.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import struct
from pathlib import Path

import numpy as np


# --- synthetic digits and independent writers --------------------------------------------------
def synthetic(n_per_class: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(10, dtype=np.uint8), n_per_class)
    rng.shuffle(labels)
    images = rng.integers(0, 256, size=(len(labels), 28, 28), dtype=np.uint8)
    return images, labels


def idx_bytes(array: np.ndarray) -> bytes:
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    header += b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx_folder(folder: Path, sep: str = "-", gz: bool = False, seed: int = 0):
    train = synthetic(6, seed)
    test = synthetic(3, seed + 1)
    for stem, (images, labels) in (("train", train), ("t10k", test)):
        for kind, ext, array in (("images", "idx3", images), ("labels", "idx1", labels)):
            path = folder / f"{stem}-{kind}{sep}{ext}-ubyte{'.gz' if gz else ''}"
            data = idx_bytes(array)
            path.write_bytes(gzip.compress(data) if gz else data)
    return train, test


class _Py2Pickler(pickle._Pickler):
    """Writes bytes as Python 2 str opcodes (SHORT_BINSTRING/BINSTRING), as the book's file has."""

    dispatch = dict(pickle._Pickler.dispatch)  # noqa: RUF012 (the pickler's own convention)

    def save_py2_str(self, obj: bytes) -> None:
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str


def book_pickle(parts, protocol: int = 2, py2: bool = False) -> bytes:
    if py2:
        buffer = io.BytesIO()
        _Py2Pickler(buffer, protocol=2).dump(parts)
        # NumPy of the Python 2 era named its module numpy.core (GLOBAL opcodes are plain text)
        raw = buffer.getvalue().replace(b"numpy._core.multiarray", b"numpy.core.multiarray")
        assert b"numpy.core.multiarray\n_reconstruct" in raw
        return gzip.compress(raw)
    return gzip.compress(pickle.dumps(parts, protocol=protocol))


def book_parts(seed: int = 0):
    (ti, tl), (vi, vl), (si, sl) = (
        synthetic(5, seed),
        synthetic(2, seed + 1),
        synthetic(2, seed + 2),
    )
    f = lambda im: (im.reshape(len(im), 784) / 255.0).astype(np.float32)
    return (
        (f(ti), tl.astype(np.int64)),
        (f(vi), vl.astype(np.int64)),
        (f(si), sl.astype(np.int64)),
    )


class CreatesAFile:
    def __init__(self, target: Path, how: str) -> None:
        self.target, self.how = target, how

    def __reduce__(self):
        if self.how == "system":
            return (os.system, (f"touch {self.target}",))
        return (open, (str(self.target), "w"))
