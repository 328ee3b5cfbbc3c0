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
- :func:`analytic.experiments.pickled.unpickle_arrays` does the same for a pickle.
Nothing here knows about MNIST: the limits are the caller's.
"""

from __future__ import annotations

import lzma
import math
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
