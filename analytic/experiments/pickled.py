"""Pickles of NumPy arrays that may be hostile, read without running their code.

:func:`unpickle_arrays` first walks the pickle's instructions without running them (a bound on
their number, on memo indices and on frame lengths), then unpickles with
:class:`NumpyOnlyUnpickler`, which hands out checked stand-ins for the few NumPy callables an
array needs, so no other code runs and no array outgrows the budget (the checks and the budget
of :mod:`analytic.experiments.datafiles`).
"""

from __future__ import annotations

import io
import pickle
import pickletools
from typing import BinaryIO

import numpy as np

from .datafiles import DataFileError, ValueBudget, checked_shape, numeric_dtype, one_line

Array = np.ndarray


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
