"""MNIST digits: the embedded 5,000-image sample, loaders for a user's full MNIST, the split.

Every loader returns :class:`Digits`: ``images`` of shape (n, 784) with pixels scaled to
[0, 1] (row-major 28 x 28) and integer ``labels`` 0..9. A loaded data set is a
:class:`Source`: a pool of training digits and, for the full MNIST, a separate pool of held-out
digits (the book's validation set, or the 10,000 test digits of the IDX / npz forms).

Supported forms of ``--data PATH``:

- the book's ``mnist.pkl.gz`` (or ``.pkl``): a Python 2 pickle of three (images, labels)
  pairs, read with :class:`NumpyOnlyUnpickler`, which admits only the NumPy callables an array
  needs, so a crafted file cannot run code;
- a folder with the four IDX files ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
  ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte`` (plain or ``.gz``; ``.`` or ``-``
  before ``idx``);
- ``mnist.npz`` with arrays ``x_train``, ``y_train``, ``x_test``, ``y_test`` (read without
  pickle).

Any truncated, corrupt or mis-shaped file raises ``ValueError`` with one line naming the file.
So does a file that claims more than the full MNIST can need (:data:`MAX_VALUES` values, or
their bytes once decompressed): every claim is checked before it is allocated
(``analytic.experiments.datafiles`` and ``.pickled``), so a small crafted file cannot exhaust
the memory.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from .datafiles import ValueBudget, read_bytes, read_npz
from .pickled import NumpyOnlyUnpickler as NumpyOnlyUnpickler  # the book's pickle's reader
from .pickled import unpickle_arrays

Array = np.ndarray
PIXELS = 28 * 28
CLASSES = 10
EMBEDDED = "mnist_5k.npz"
#: The embedded sample's name, as results record it (reports word it in the reader's language;
#: a user's data set is named by its file or folder).
EMBEDDED_NAME = "embedded MNIST sample (5,000 digits)"

# --- what a full MNIST can need: the limits every file is checked against ----------------------
#: All of MNIST: 70,000 digits (60,000 training and 10,000 test; the book's pickle splits the
#: same digits 50,000 / 10,000 / 10,000).
MNIST_IMAGES = 70_000
#: The most values one data set (a pickle, an npz, an IDX folder) may claim over all its arrays:
#: every pixel and every label of the full MNIST. As float64 they take 440 MB.
MAX_VALUES = MNIST_IMAGES * (PIXELS + 1)
#: Decompressed, an IDX file holds one byte per value after a header of at most 16 bytes; a
#: pickle or an npz at most 8 bytes per value and its framing (1 MiB: the book's pickle uses
#: a few hundred bytes).
IDX_HEADER = 16
FRAMING = 2**20
#: A pickle of a few arrays runs a few hundred instructions; each can push one object.
MAX_PICKLE_INSTRUCTIONS = 1_000_000
_FULL_MNIST = "the full MNIST can need (70,000 digits)"


def _budget(where: str) -> ValueBudget:
    return ValueBudget(where, MAX_VALUES, _FULL_MNIST)


def _max_bytes() -> int:
    return 8 * MAX_VALUES + FRAMING


@dataclass(frozen=True)
class Digits:
    """Images (n, 784) in [0, 1] and labels (n,) in 0..9."""

    images: Array
    labels: Array

    def __len__(self) -> int:
        return len(self.labels)

    def one_hot(self) -> Array:
        """The targets y: row i is the unit vector e_{labels[i]} of length 10."""
        return np.eye(CLASSES)[self.labels]

    def take(self, index: Array) -> Digits:
        return Digits(self.images[index], self.labels[index])


@dataclass(frozen=True)
class Source:
    """Where the digits came from (``name``: the embedded sample's, or the file's or folder's),
    a training pool and, if the data set has one, a held-out pool."""

    name: str
    train: Digits
    held_out: Digits | None = None


# --- validation of what a file held ------------------------------------------------------------
def as_digits(images: Array, labels: Array, where: str) -> Digits:
    """Check shapes, dtypes and ranges; scale uint8 pixels to [0, 1]."""
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim == 3 and images.shape[1:] == (28, 28):
        images = images.reshape(len(images), PIXELS)
    if images.ndim != 2 or images.shape[1] != PIXELS:
        raise ValueError(
            f"{where}: images have shape {images.shape}; expected (n, 784) or (n, 28, 28)"
        )
    if labels.shape != (len(images),):
        raise ValueError(f"{where}: {labels.shape} labels for {len(images)} images")
    if images.dtype.kind not in "uif" or labels.dtype.kind not in "ui":
        raise ValueError(f"{where}: images {images.dtype} / labels {labels.dtype} are not numeric")
    if len(labels) == 0:
        raise ValueError(f"{where}: no images")
    if labels.min() < 0 or labels.max() >= CLASSES:
        raise ValueError(f"{where}: labels must lie in 0..9")
    if images.dtype == np.uint8:
        pixels = images / 255.0
    else:
        pixels = images.astype(float)
        if not (np.isfinite(pixels).all() and pixels.min() >= 0 and pixels.max() <= 1):
            raise ValueError(f"{where}: floating-point pixels must lie in [0, 1]")
    return Digits(pixels, labels.astype(np.int64))


# --- the embedded sample -----------------------------------------------------------------------
@cache
def load_embedded() -> Source:
    """The 5,000 real MNIST digits (500 per class) shipped inside the package (read once; the
    arrays are shared, and no caller changes them)."""
    resource = files("analytic").joinpath("data", EMBEDDED)
    with resource.open("rb") as f:
        arrays = read_npz(f, ("images", "labels"), EMBEDDED, _budget(EMBEDDED))
    digits = as_digits(arrays["images"], arrays["labels"], EMBEDDED)
    return Source(EMBEDDED_NAME, digits)


# --- the book's pickle -------------------------------------------------------------------------
def load_pickle(path: Path) -> Source:
    """The book's ``mnist.pkl.gz``: ((train images, labels), (validation ...), (test ...))."""
    raw = read_bytes(path, _max_bytes(), _FULL_MNIST)
    parts = unpickle_arrays(raw, str(path), _budget(str(path)), MAX_PICKLE_INSTRUCTIONS)
    del raw  # the decompressed stream is no longer needed once the arrays are built
    if not (isinstance(parts, tuple) and len(parts) in (2, 3)
            and all(isinstance(p, tuple) and len(p) == 2 for p in parts)):
        raise ValueError(f"{path}: expected a tuple of (images, labels) pairs, as in mnist.pkl.gz")
    train = as_digits(*parts[0], where=f"{path} (training set)")
    held_out = as_digits(*parts[1], where=f"{path} (validation set)")
    return Source(path.name, train, held_out)


# --- IDX files ---------------------------------------------------------------------------------
_IDX_UBYTE = 0x08


def parse_idx(raw: bytes, where: str, budget: ValueBudget | None = None) -> Array:
    """An IDX array of unsigned bytes: magic 0 0 8 ndim, ndim big-endian uint32 sizes, data.

    The sizes the header claims are checked (against ``budget``, by default the full MNIST's
    values, and against the data present) before the array is made; it is a view of ``raw``.
    """
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{where}: not an IDX file (bad magic number)")
    if raw[2] != _IDX_UBYTE:
        raise ValueError(f"{where}: IDX element type 0x{raw[2]:02x}; only unsigned bytes (0x08)")
    ndim = raw[3]
    if not 1 <= ndim <= 3:
        raise ValueError(f"{where}: an IDX array of {ndim} dimensions; MNIST's have 1 or 3")
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{where}: truncated IDX header")
    shape = struct.unpack(f">{ndim}I", raw[4:header])
    expected = (budget or _budget(where)).claim(shape, "the IDX header's shape", where)
    if len(raw) - header != expected:
        raise ValueError(
            f"{where}: IDX header promises {expected:,} bytes of data {shape}, "
            f"file holds {len(raw) - header:,} (truncated or corrupt)"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def _idx_file(folder: Path, stem: str, kind: str) -> Path:
    for sep in ("-", "."):
        for suffix in ("", ".gz"):
            candidate = folder / f"{stem}{sep}{kind}-ubyte{suffix}"
            if candidate.is_file():
                return candidate
    raise ValueError(f"{folder}: no {stem}-{kind}-ubyte[.gz] (an MNIST IDX folder holds 4 files)")


def load_idx_folder(folder: Path) -> Source:
    """The four IDX files of the original MNIST distribution, plain or gzipped."""
    budget = _budget(f"{folder}/")  # the four files together hold at most the full MNIST
    limit = MAX_VALUES + IDX_HEADER  # one byte per value
    pools = []
    for stem in ("train", "t10k"):
        images_path = _idx_file(folder, f"{stem}-images", "idx3")
        labels_path = _idx_file(folder, f"{stem}-labels", "idx1")
        images = parse_idx(read_bytes(images_path, limit, _FULL_MNIST), str(images_path), budget)
        labels = parse_idx(read_bytes(labels_path, limit, _FULL_MNIST), str(labels_path), budget)
        if labels.ndim != 1:
            raise ValueError(f"{labels_path}: labels must be one-dimensional, got {labels.shape}")
        pools.append(as_digits(images, labels, where=str(images_path)))
    return Source(f"{folder.name}/", pools[0], pools[1])


# --- mnist.npz ---------------------------------------------------------------------------------
def load_npz(path: Path) -> Source:
    """``mnist.npz`` as cached by Keras and others: x_train, y_train, x_test, y_test."""
    size = path.stat().st_size
    if size > _max_bytes():
        raise ValueError(f"{path}: {size:,} bytes, more than the {_max_bytes():,} {_FULL_MNIST}")
    names = ("x_train", "y_train", "x_test", "y_test")
    arrays = read_npz(path, names, str(path), _budget(str(path)))
    train = as_digits(arrays["x_train"], arrays["y_train"], where=f"{path} (x_train)")
    test = as_digits(arrays["x_test"], arrays["y_test"], where=f"{path} (x_test)")
    return Source(path.name, train, test)


# --- dispatch ----------------------------------------------------------------------------------
def load_source(path: str | Path | None = None) -> Source:
    """The embedded sample (``None``) or the user's MNIST at ``path``, whichever form it has."""
    if path is None:
        return load_embedded()
    path = Path(path)
    if path.is_dir():
        return load_idx_folder(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file or folder")
    name = path.name.lower()
    if name.endswith((".pkl", ".pkl.gz", ".pickle")):
        return load_pickle(path)
    if name.endswith(".npz"):
        return load_npz(path)
    raise ValueError(
        f"{path}: unknown MNIST form; give mnist.pkl.gz, mnist.npz or a folder of IDX files"
    )


# --- the class-balanced split ------------------------------------------------------------------
def balanced_indices(labels: Array, per_class: int, rng: np.random.Generator,
                     exclude: Array | None = None) -> Array:
    """``per_class`` indices of each digit drawn without replacement, then shuffled together."""
    available = np.ones(len(labels), dtype=bool)
    if exclude is not None:
        available[exclude] = False
    chosen = []
    for digit in range(CLASSES):
        pool = np.flatnonzero((labels == digit) & available)
        if len(pool) < per_class:
            raise ValueError(f"only {len(pool)} images of digit {digit}; {per_class} needed")
        chosen.append(rng.permutation(pool)[:per_class])
    return rng.permutation(np.concatenate(chosen))


def balanced_split(source: Source, n_train: int, n_validation: int = 0,
                   seed: int = 0) -> tuple[Digits, Digits | None]:
    """Training and validation digits, ``n / 10`` of each class, drawn with ``seed``.

    Training digits come from the training pool. Validation digits come from the held-out pool
    when the source has one (the full MNIST), otherwise from the training pool's remaining
    digits (the embedded sample), so the two never overlap.
    """
    for n, what in ((n_train, "training"), (n_validation, "validation")):
        if n < 0 or n % CLASSES:
            raise ValueError(f"the number of {what} images must be a multiple of 10, got {n}")
    if n_train == 0:
        raise ValueError("at least 10 training images are needed")
    rng = np.random.default_rng(seed)
    train_index = balanced_indices(source.train.labels, n_train // CLASSES, rng)
    train = source.train.take(train_index)
    if n_validation == 0:
        return train, None
    if source.held_out is not None:
        index = balanced_indices(source.held_out.labels, n_validation // CLASSES, rng)
        return train, source.held_out.take(index)
    index = balanced_indices(source.train.labels, n_validation // CLASSES, rng, train_index)
    return train, source.train.take(index)


def default_training_images(n: int = 1000, split_seed: int = 0) -> Digits:
    """The embedded training images the experiments use by default (1,000, split seed 0).

    >>> images = default_training_images(100)
    >>> images.images.shape, sorted(set(np.bincount(images.labels).tolist()))
    ((100, 784), [10])
    """
    return balanced_split(load_embedded(), n, 0, split_seed)[0]
