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
"""

from __future__ import annotations

import gzip
import io
import pickle
import zipfile
import zlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np

Array = np.ndarray
PIXELS = 28 * 28
CLASSES = 10
EMBEDDED = "mnist_5k.npz"


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
    """Where the digits came from: a training pool and, if the data set has one, a held-out pool."""

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
def load_embedded() -> Source:
    """The 5,000 real MNIST digits (500 per class) shipped inside the package."""
    resource = files("analytic").joinpath("data", EMBEDDED)
    with resource.open("rb") as f, np.load(f, allow_pickle=False) as npz:
        digits = as_digits(npz["images"], npz["labels"], EMBEDDED)
    return Source("embedded MNIST sample (5,000 digits)", digits)


# --- the book's pickle -------------------------------------------------------------------------
def _numpy_globals() -> dict[tuple[str, str], object]:
    try:
        from numpy._core.multiarray import _reconstruct, scalar  # numpy >= 2
    except ImportError:  # numpy 1.x
        from numpy.core.multiarray import _reconstruct, scalar

    allowed: dict[tuple[str, str], object] = {}
    for module in ("numpy.core.multiarray", "numpy._core.multiarray"):
        allowed[(module, "_reconstruct")] = _reconstruct
        allowed[(module, "scalar")] = scalar
    allowed[("numpy", "ndarray")] = np.ndarray
    allowed[("numpy", "dtype")] = np.dtype
    # a protocol-2 pickle written by Python 3 stores bytes as _codecs.encode(text, "latin1")
    allowed[("_codecs", "encode")] = _latin1_encode
    return allowed


def _latin1_encode(text: str, encoding: str = "latin1") -> bytes:
    if encoding not in ("latin1", "latin-1"):
        raise pickle.UnpicklingError(f"refusing to encode with {encoding!r}")
    return text.encode("latin1")


class NumpyOnlyUnpickler(pickle.Unpickler):
    """An unpickler that can rebuild NumPy arrays and tuples and nothing else.

    Unpickling calls whatever ``find_class`` returns; returning only the array constructors
    means a crafted pickle (say one that reduces to ``os.system``) is refused before any call.
    """

    _allowed = None

    def find_class(self, module: str, name: str) -> object:
        if NumpyOnlyUnpickler._allowed is None:
            NumpyOnlyUnpickler._allowed = _numpy_globals()
        try:
            return self._allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"refusing to load {module}.{name}: only NumPy arrays are allowed"
            ) from None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped if it is gzip (by its magic number, not its name)."""
    raw = path.read_bytes()
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as e:
        raise ValueError(f"{path}: corrupt or truncated gzip data ({e})") from None


def load_pickle(path: Path) -> Source:
    """The book's ``mnist.pkl.gz``: ((train images, labels), (validation ...), (test ...))."""
    raw = _read_bytes(path)
    try:
        parts = NumpyOnlyUnpickler(io.BytesIO(raw), encoding="latin1").load()
    except pickle.UnpicklingError as e:
        raise ValueError(f"{path}: {e}") from None
    except Exception as e:  # noqa: BLE001 (a truncated stream raises EOFError, struct.error, ...)
        raise ValueError(f"{path}: not a readable MNIST pickle ({type(e).__name__}: {e})") from None
    if not (isinstance(parts, tuple) and len(parts) in (2, 3)
            and all(isinstance(p, tuple) and len(p) == 2 for p in parts)):
        raise ValueError(f"{path}: expected a tuple of (images, labels) pairs, as in mnist.pkl.gz")
    train = as_digits(*parts[0], where=f"{path} (training set)")
    held_out = as_digits(*parts[1], where=f"{path} (validation set)")
    return Source(f"{path.name} (the book's pickle)", train, held_out)


# --- IDX files ---------------------------------------------------------------------------------
_IDX_UBYTE = 0x08


def parse_idx(raw: bytes, where: str) -> Array:
    """An IDX array of unsigned bytes: magic 0 0 8 ndim, ndim big-endian uint32 sizes, data."""
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{where}: not an IDX file (bad magic number)")
    if raw[2] != _IDX_UBYTE:
        raise ValueError(f"{where}: IDX element type 0x{raw[2]:02x}; only unsigned bytes (0x08)")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{where}: truncated IDX header")
    shape = tuple(int(d) for d in np.frombuffer(raw[4:header], dtype=">u4"))
    expected = int(np.prod(shape, dtype=np.int64))
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
    pools = []
    for stem in ("train", "t10k"):
        images_path = _idx_file(folder, f"{stem}-images", "idx3")
        labels_path = _idx_file(folder, f"{stem}-labels", "idx1")
        images = parse_idx(_read_bytes(images_path), str(images_path))
        labels = parse_idx(_read_bytes(labels_path), str(labels_path))
        if labels.ndim != 1:
            raise ValueError(f"{labels_path}: labels must be one-dimensional, got {labels.shape}")
        pools.append(as_digits(images, labels, where=str(images_path)))
    return Source(f"{folder.name}/ (IDX files)", pools[0], pools[1])


# --- mnist.npz ---------------------------------------------------------------------------------
def load_npz(path: Path) -> Source:
    """``mnist.npz`` as cached by Keras and others: x_train, y_train, x_test, y_test."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = {"x_train", "y_train", "x_test", "y_test"} - set(npz.files)
            if missing:
                raise ValueError(f"{path}: missing arrays {', '.join(sorted(missing))}")
            train = as_digits(npz["x_train"], npz["y_train"], where=f"{path} (x_train)")
            test = as_digits(npz["x_test"], npz["y_test"], where=f"{path} (x_test)")
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise ValueError(f"{path}: corrupt or truncated npz ({e})") from None
    except ValueError as e:
        if str(e).startswith(str(path)):
            raise
        raise ValueError(f"{path}: unreadable npz ({e})") from None
    return Source(f"{path.name} (npz)", train, test)


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
