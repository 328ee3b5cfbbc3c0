"""Synthetic MNIST files for the loader and CLI tests, written by independent writers.

The writers use struct, gzip, zlib, zipfile, np.savez and pickle directly, never
``analytic.experiments``; the hostile files (a gzip bomb, .npy headers that claim 10^12 rows,
pickles that ask for huge arrays) are written by hand from the formats' descriptions.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import struct
import zipfile
import zlib
from collections.abc import Callable
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
    def f(images):
        return (images.reshape(len(images), 784) / 255.0).astype(np.float32)

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


# --- hostile files: each claims far more than it holds ------------------------------------------
class Reduces:
    """Pickles as ``function(*args)``, then ``state`` if given: any call a crafted pickle makes."""

    def __init__(self, function, args, state=None) -> None:
        self.function, self.args, self.state = function, args, state

    def __reduce__(self):
        if self.state is None:
            return (self.function, self.args)
        return (self.function, self.args, self.state)


def gzip_zeros(n: int) -> bytes:
    """A gzip member holding n zero bytes, compressed 1 MiB at a time (never held whole)."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    piece = bytes(1 << 20)
    out = [deflate.compress(piece[: min(len(piece), n - start)])
           for start in range(0, n, len(piece))]
    return b"".join(out) + deflate.flush()


def npy_bytes(descr: str, shape: tuple, data: bytes = b"") -> bytes:
    """A version 1.0 .npy file written by hand from the format's description: magic, header
    length, header dict padded to a multiple of 64 bytes, then the data."""
    header = f"{{'descr': {descr!r}, 'fortran_order': False, 'shape': {shape!r}, }}"
    header += " " * ((-(10 + len(header) + 1)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + data


def write_zip(path: Path, members: dict[str, bytes], trailing_zeros: dict[str, int] | None = None):
    """A zip of deflated members; ``trailing_zeros[name]`` more zero bytes are streamed after a
    member's bytes, 1 MiB at a time."""
    trailing_zeros = trailing_zeros or {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                member.write(payload)
                extra = trailing_zeros.get(name, 0)
                for start in range(0, extra, 1 << 20):
                    member.write(bytes(min(1 << 20, extra - start)))


def keras_members(n_per_class: int = 2) -> dict[str, bytes]:
    """The four arrays of a small, valid mnist.npz, as hand-written .npy members."""
    (ti, tl), (si, sl) = synthetic(n_per_class, 0), synthetic(n_per_class, 1)
    return {
        "x_train.npy": npy_bytes("|u1", ti.shape, ti.tobytes()),
        "y_train.npy": npy_bytes("|u1", tl.shape, tl.tobytes()),
        "x_test.npy": npy_bytes("|u1", si.shape, si.tobytes()),
        "y_test.npy": npy_bytes("|u1", sl.shape, sl.tobytes()),
    }


def patched_zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_STORED,
                method: int | None = None, flags: int = 0, data: Callable | None = None) -> Path:
    """A zip of ``members`` whose every member then claims compression ``method`` and sets the
    general-purpose ``flags`` bits, both written by hand into the local headers and the central
    directory (the layout of PKWARE's APPNOTE 4.3.7 and 4.3.12); ``data(raw, start)`` may
    rewrite a member's bytes, which begin at ``start``."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    raw = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        while at >= 0:
            old_flags, old_method = struct.unpack_from("<HH", raw, at + flags_at)
            struct.pack_into("<HH", raw, at + flags_at, old_flags | flags,
                             old_method if method is None else method)
            if signature == b"PK\x03\x04" and data is not None:
                name_length, extra_length = struct.unpack_from("<HH", raw, at + 26)
                data(raw, at + 30 + name_length + extra_length)
            at = raw.find(signature, at + 4)
    path.write_bytes(bytes(raw))
    return path
