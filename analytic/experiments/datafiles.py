"""Reading array files that may be hostile, with every size checked before it is allocated.

A data file names its own sizes: an IDX or .npy header claims a shape, a gzip stream inflates to
whatever it likes, a pickle claims shapes, dtypes, string lengths and memo indices. Each reader
here checks the claim against a limit first and allocates second, so a small crafted file ends
in one :class:`DataFileError` naming the file and the limit, not in a ``MemoryError`` or a
machine that swaps:

- :func:`read_bytes` stops inflating a gzip file at the first byte past ``limit``;
- :func:`read_npz` refuses a member it cannot open (encrypted, or compressed by a method the
  standard library lacks) before opening it, reads each ``.npy`` header inside the zip, checks
  its dtype and claimed shape against a :class:`ValueBudget`, then reads exactly the bytes the
  shape needs and no more;
- :func:`unpickle_arrays` first walks the pickle's instructions without running them (a bound on
  their number, on memo indices and on frame lengths), then unpickles with
  :class:`NumpyOnlyUnpickler`, which hands out checked stand-ins for the few NumPy callables an
  array needs, so no other code runs and no array outgrows the budget.
Nothing here knows about MNIST: the limits are the caller's.
"""

from __future__ import annotations

import io
import lzma
import math
import pickle
import pickletools
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

Array = np.ndarray

_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's code for "a gzip header and trailer around deflate"
_CHUNK = 1 << 20
# most bytes one inflate call may return: zlib gathers its output in blocks and joins them at the
# end, so a call briefly holds twice what it returns
_PIECE = 1 << 24
#: dtype kinds an array file may hold: booleans, signed and unsigned integers, floats.
NUMERIC_KINDS = "biuf"


class DataFileError(ValueError):
    """A data file that cannot be used; the message is one line and names the file."""


def one_line(error: BaseException | str, width: int = 200) -> str:
    """An error's text on one line, cut to ``width`` characters (a crafted file's own strings
    can end up in a library's message)."""
    text = " ".join(str(error).split())
    return text if len(text) <= width else text[: width - 3] + "..."


class ValueBudget:
    """The number of array values one data set may claim, counted over all its arrays."""

    def __init__(self, where: str, limit: int, meaning: str = "allowed") -> None:
        self.where, self.limit, self.meaning, self.values = where, limit, meaning, 0

    def claim(self, shape: tuple[int, ...], what: str, where: str | None = None) -> int:
        """Count the values of an array of ``shape`` (read from the file ``where``, by default
        the data set's own name); refuse once the total passes the limit."""
        count = math.prod(shape)  # Python integers: a claimed 2^32 x 2^32 does not wrap
        self.values += count
        if self.values > self.limit:
            raise DataFileError(
                f"{where or self.where}: {what} {shape} brings the data to {self.values:,} values, "
                f"more than the {self.limit:,} values {self.meaning}"
            )
        return count


def checked_shape(shape: object, where: str) -> tuple[int, ...]:
    """``shape`` if it is a tuple of at most 32 non-negative integers."""
    if (isinstance(shape, (tuple, list)) and len(shape) <= 32
            and all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)):
        return tuple(shape)
    raise DataFileError(f"{where}: {one_line(repr(shape), 80)} is not an array shape")


def numeric_dtype(dtype: np.dtype, where: str) -> np.dtype:
    """``dtype`` if it is a plain number of at most 8 bytes (no fields, objects, sub-arrays)."""
    if dtype.kind in NUMERIC_KINDS and dtype.itemsize <= 8 and dtype.fields is None \
            and dtype.subdtype is None:
        return dtype
    raise DataFileError(f"{where}: arrays of {dtype} are not numbers; refusing them")


# --- bytes, gunzipped within a limit -----------------------------------------------------------
def read_bytes(path: Path, limit: int, meaning: str = "allowed") -> bytes:
    """The file's bytes, gunzipped if it is gzip (by its magic number, not its name).

    Neither the file nor its decompressed data may exceed ``limit`` bytes: inflating stops at
    the first byte past it, so a gzip bomb costs ``limit`` bytes, not what it would inflate to.
    """
    size = path.stat().st_size
    if size > limit:
        raise DataFileError(f"{path}: {size:,} bytes, more than the {limit:,} bytes {meaning}")
    with path.open("rb") as f:
        if f.read(2) != _GZIP_MAGIC:
            f.seek(0)
            return f.read()
        f.seek(0)
        try:
            too_long = f"{path}: decompresses to more than {limit:,} bytes, the most {meaning}"
            return _gunzip(f, limit, too_long)
        except zlib.error as e:
            raise DataFileError(f"{path}: corrupt gzip data ({one_line(e)})") from None
        except EOFError:
            raise DataFileError(f"{path}: truncated gzip data (no end-of-stream marker)") from None


def _gunzip(f: BinaryIO, limit: int, too_long: str) -> bytes:
    # the pieces are kept apart until the end: a refusal never holds more than `limit` bytes
    pieces, size = [], 0
    inflate = zlib.decompressobj(_GZIP_WBITS)
    for chunk in iter(lambda: f.read(_CHUNK), b""):
        while chunk:
            if inflate.eof:
                # gzip allows further members after the first, and zero padding between them
                chunk = chunk.lstrip(b"\0")
                if not chunk:
                    break
                inflate = zlib.decompressobj(_GZIP_WBITS)
            pieces.append(inflate.decompress(chunk, min(_PIECE, limit + 1 - size)))
            size += len(pieces[-1])
            if size > limit:
                raise DataFileError(too_long)
            chunk = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
    if not inflate.eof:
        raise EOFError
    return b"".join(pieces)


# --- .npy arrays inside a zip ------------------------------------------------------------------
#: The compression methods a member may use: NumPy writes stored (savez) or deflate
#: (savez_compressed); bzip2 and LZMA are the others the standard library reads.
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate",
                    zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
#: General-purpose flag bits of a member that cannot be read without more than the archive:
#: encryption (traditional and strong) and compressed patch data.
_UNREADABLE_FLAGS = {0x1: "encrypted", 0x40: "strongly encrypted", 0x20: "a compressed patch"}
#: What a member's own bytes can make the standard library raise while it inflates them.
_MEMBER_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, ValueError, OSError,
                  NotImplementedError, RuntimeError)


def readable_member(info: zipfile.ZipInfo, where: str) -> zipfile.ZipInfo:
    """``info`` if its member can be read with no password and a compression the standard
    library inflates; DataFileError naming what it is otherwise (before anything is read)."""
    for bit, what in _UNREADABLE_FLAGS.items():
        if info.flag_bits & bit:
            raise DataFileError(f"{where}: the member is {what}; an npz of arrays is not")
    if info.compress_type not in READABLE_METHODS:
        raise DataFileError(
            f"{where}: compressed with zip method {info.compress_type}, which cannot be read "
            f"here (readable: {', '.join(READABLE_METHODS.values())})")
    return info


def read_npz(file: Path | BinaryIO, names: Iterable[str], where: str,
             budget: ValueBudget) -> dict[str, Array]:
    """The arrays ``names`` of an ``.npz`` archive, each member's flags and compression checked
    before it is opened and each header before its data is read."""
    arrays, part = {}, where  # part: the archive, then the member being read
    try:
        with zipfile.ZipFile(file) as archive:
            members = set(archive.namelist())
            missing = sorted(n for n in names if f"{n}.npy" not in members)
            if missing:
                raise DataFileError(f"{where}: missing arrays {', '.join(missing)}")
            for name in names:
                part = f"{where} ({name})"
                with archive.open(readable_member(archive.getinfo(f"{name}.npy"), part)) as member:
                    arrays[name] = _read_npy(member, part, budget)
    except DataFileError:
        raise
    except _MEMBER_ERRORS as e:
        raise DataFileError(f"{part}: corrupt or truncated npz ({one_line(e)})") from None
    return arrays


def _read_npy(member: BinaryIO, where: str, budget: ValueBudget) -> Array:
    version = np.lib.format.read_magic(member)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(member)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(member)
    else:
        raise DataFileError(f"{where}: .npy format version {version} is not supported")
    dtype = numeric_dtype(dtype, where)
    count = budget.claim(checked_shape(shape, where), "the .npy header's shape", where)
    nbytes = count * dtype.itemsize
    # one byte more than the shape needs: a longer member is refused, and an exact one is read
    # to its end, where the zip checks its CRC
    data = member.read(nbytes + 1)
    if len(data) != nbytes:
        relation = "more" if len(data) > nbytes else f"only {len(data):,}"
        raise DataFileError(f"{where}: {relation} bytes of data where the header's shape "
                            f"{shape} of {dtype} needs {nbytes:,}")
    array = np.frombuffer(data, dtype)
    return array.reshape(shape[::-1]).T if fortran else array.reshape(shape)


# --- pickles of NumPy arrays -------------------------------------------------------------------
_MEMO_OPS = {"PUT", "BINPUT", "LONG_BINPUT", "GET", "BINGET", "LONG_BINGET"}


def check_instructions(raw: bytes, max_instructions: int) -> None:
    """Walk the pickle's instructions without running any, and refuse what could allocate
    beyond the data: more than ``max_instructions`` of them (each may push an object), a memo
    index above that count (the unpickler sizes its memo to the largest index), a frame longer
    than the data, a persistent id. Truncated or unknown instructions raise UnpicklingError.
    """
    try:
        for count, (op, arg, position) in enumerate(pickletools.genops(raw), start=1):
            if count > max_instructions:
                raise pickle.UnpicklingError(
                    f"more than {max_instructions:,} pickle instructions; a pickle of a few "
                    f"arrays has a few hundred")
            if op.name in _MEMO_OPS and arg > max_instructions:
                raise pickle.UnpicklingError(f"memo index {arg:,} at byte {position:,}")
            if op.name == "FRAME" and arg > len(raw) - position:
                raise pickle.UnpicklingError(f"a frame of {arg:,} bytes at byte {position:,} "
                                             f"runs past the end of the data")
            if op.name in ("PERSID", "BINPERSID"):
                _refuse_persistent_id()
    except ValueError as e:  # genops: truncated argument, unknown opcode, missing STOP
        raise pickle.UnpicklingError(f"corrupt or truncated pickle ({one_line(e)})") from None


def _refuse_persistent_id() -> None:
    raise pickle.UnpicklingError(
        "refusing a persistent id: a pickle of NumPy arrays refers to nothing outside itself")


class _StandIn:
    """Base of what the unpickler hands out for a NumPy name. A stand-in takes no state: a
    pickle's BUILD on it (which could swap its budget or empty its cache) is refused. It holds
    no reference to the unpickler, so the unpickler and its memo go as soon as loading ends."""

    __slots__ = ()

    def __setstate__(self, state: object) -> None:
        raise pickle.UnpicklingError(f"refusing to set the state of {type(self).__name__}")


class _NdarrayName(_StandIn):
    """What ``numpy.ndarray`` unpickles to: a name that ``_reconstruct`` accepts as the array
    type, and that refuses to be called (the constructor would allocate any shape)."""

    __slots__ = ()

    def __call__(self, *args: object) -> None:
        raise pickle.UnpicklingError("refusing to call numpy.ndarray directly")


_NDARRAY = _NdarrayName()


def _type_code(code: object) -> np.dtype:
    # the dtype a pickle names by a short type code: "f8", "<f4", b"b", ...
    if isinstance(code, bytes):
        code = code.decode("latin1")
    if not isinstance(code, str) or len(code) > 4:
        raise pickle.UnpicklingError(f"refusing the dtype {one_line(repr(code), 40)}")
    try:
        dtype = np.dtype(code)
    except TypeError:
        raise pickle.UnpicklingError(f"refusing the dtype {code!r}") from None
    return _numeric(dtype)


def _numeric(dtype: np.dtype) -> np.dtype:
    try:
        return numeric_dtype(dtype, "pickle")
    except DataFileError:
        raise pickle.UnpicklingError(f"refusing arrays of {dtype}: only numbers") from None


class _PickledDtype:
    """``numpy.dtype`` as a pickle rebuilds it (``dtype(code, align, copy)`` then its state),
    limited to plain numbers: the state may set the byte order and nothing else (no fields,
    no sub-array, no item size)."""

    __slots__ = ("dtype",)

    def __init__(self, code: object, align: object = False, copy: object = False) -> None:
        self.dtype = _type_code(code)

    def __setstate__(self, state: object) -> None:
        if not (isinstance(state, tuple) and len(state) >= 5 and state[1] in ("<", ">", "|", "=")
                and state[2:5] == (None, None, None)):
            raise pickle.UnpicklingError(
                f"refusing the dtype state {one_line(repr(state), 80)}: only a byte order")
        if state[1] in "<>":
            self.dtype = self.dtype.newbyteorder(state[1])


def _dtype_of(spec: object) -> np.dtype:
    if isinstance(spec, _PickledDtype):
        if not hasattr(spec, "dtype"):  # made by NEWOBJ, which skips __init__
            raise pickle.UnpicklingError("refusing a dtype built without its type code")
        return spec.dtype
    return _type_code(spec)


class _PickledArray(np.ndarray):
    """An array as a pickle rebuilds it: ``_reconstruct`` makes an empty one, then its state
    brings shape, dtype and data. Here the state is checked (the shape against the budget, the
    data's length against the shape) before NumPy sees it."""

    def __setstate__(self, state: object) -> None:
        budget = self.__dict__.pop("budget", None)
        if budget is None or not isinstance(state, tuple) or len(state) not in (4, 5):
            raise pickle.UnpicklingError("refusing an array state it was not built for")
        shape, spec, fortran, data = state[-4:]
        shape, dtype = checked_shape(shape, budget.where), _dtype_of(spec)
        nbytes = budget.claim(shape, "an array of shape") * dtype.itemsize
        if not isinstance(data, (bytes, str)) or len(data) != nbytes:
            size = f"{len(data):,} bytes" if isinstance(data, (bytes, str)) else type(data).__name__
            raise pickle.UnpicklingError(f"an array of shape {shape} and {dtype} needs "
                                         f"{nbytes:,} bytes of data, the pickle gives {size}")
        super().__setstate__((1, shape, dtype, bool(fortran), data))


class _Reconstruct(_StandIn):
    """``_reconstruct(ndarray, shape, dtype)``: an empty array of ``shape`` (a pickle asks for
    (0,) and sends the real shape with the state), counted against the budget first."""

    __slots__ = ("budget",)

    def __init__(self, budget: ValueBudget) -> None:
        self.budget = budget

    def __call__(self, subtype: object, shape: object, spec: object) -> Array:
        if subtype is not _NDARRAY:
            raise pickle.UnpicklingError("refusing to reconstruct anything but numpy.ndarray")
        shape, dtype = checked_shape(shape, self.budget.where), _dtype_of(spec)
        self.budget.claim(shape, "an array of shape")
        array = np.ndarray.__new__(_PickledArray, shape, dtype)
        array.budget = self.budget
        return array


class _Scalar(_StandIn):
    """``scalar(dtype, data)``: one number, of a plain numeric dtype and exactly its bytes."""

    __slots__ = ("scalar",)

    def __init__(self) -> None:
        try:
            from numpy._core.multiarray import scalar  # numpy >= 2
        except ImportError:  # numpy 1.x
            from numpy.core.multiarray import scalar
        self.scalar = scalar

    def __call__(self, spec: object, data: object = None) -> object:
        dtype = _dtype_of(spec)
        if not isinstance(data, (bytes, str)) or len(data) != dtype.itemsize:
            raise pickle.UnpicklingError(f"a {dtype} scalar needs {dtype.itemsize} bytes of data")
        return self.scalar(dtype, data)


class _Latin1Encode(_StandIn):
    """``_codecs.encode(text, "latin1")``, with which a Python 3 protocol-2 pickle writes bytes.
    Each text is encoded once, however often the pickle's memo repeats the call."""

    __slots__ = ("encoded",)

    def __init__(self) -> None:
        self.encoded: dict[int, tuple[str, bytes]] = {}

    def __call__(self, text: object, encoding: object = "latin1") -> bytes:
        if encoding not in ("latin1", "latin-1") or not isinstance(text, str):
            raise pickle.UnpicklingError(f"refusing to encode with {one_line(repr(encoding), 40)}")
        if id(text) not in self.encoded:  # the text is kept with it, so its id stays its own
            self.encoded[id(text)] = (text, text.encode("latin1"))
        return self.encoded[id(text)][1]


class NumpyOnlyUnpickler(pickle.Unpickler):
    """An unpickler that can rebuild NumPy arrays of numbers, and tuples, and nothing else.

    Unpickling calls whatever ``find_class`` returns. Here it returns checked stand-ins for
    the array machinery (``_reconstruct``, ``scalar``, ``dtype``, the ``ndarray`` type and the
    ``_codecs.encode`` a Python 3 protocol-2 pickle writes bytes with), so a crafted pickle
    (one that reduces to ``os.system``, say) is refused before any call, and an array that
    claims more values than ``budget`` allows is refused before NumPy allocates it.
    """

    def __init__(self, file: BinaryIO, budget: ValueBudget, **kwargs: object) -> None:
        super().__init__(file, **kwargs)
        reconstruct, scalar = _Reconstruct(budget), _Scalar()
        self._allowed = {("numpy", "ndarray"): _NDARRAY, ("numpy", "dtype"): _PickledDtype,
                         ("_codecs", "encode"): _Latin1Encode()}
        for module in ("numpy.core.multiarray", "numpy._core.multiarray"):
            self._allowed[(module, "_reconstruct")] = reconstruct
            self._allowed[(module, "scalar")] = scalar

    def find_class(self, module: str, name: str) -> object:
        try:
            return self._allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"refusing to load {one_line(module, 60)}.{one_line(name, 60)}: "
                f"only NumPy arrays are allowed") from None

    def persistent_load(self, pid: object) -> object:
        _refuse_persistent_id()


def unpickle_arrays(raw: bytes, where: str, budget: ValueBudget, max_instructions: int) -> object:
    """The object a pickle of NumPy arrays and tuples holds, every claim checked first."""
    try:
        check_instructions(raw, max_instructions)
        return NumpyOnlyUnpickler(io.BytesIO(raw), budget, encoding="latin1").load()
    except DataFileError:
        raise
    except pickle.UnpicklingError as e:
        raise DataFileError(f"{where}: {one_line(e)}") from None
    except Exception as e:  # noqa: BLE001 (a crafted stream raises TypeError, struct.error, ...)
        raise DataFileError(
            f"{where}: not a readable pickle of arrays ({type(e).__name__}: {one_line(e)})"
        ) from None
