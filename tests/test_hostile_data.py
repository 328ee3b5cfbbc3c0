"""Hostile data files: each claims far more than it holds, and is refused before it allocates.

References: files written by hand from each format's description (gzip, zip, .npy, IDX and
pickle opcodes, in ``mnist_files``), stdlib readers as controls, the published sizes of the
MNIST files, and the memory each refusal allocates, measured by ``tracemalloc`` (NumPy reports
its array buffers to it). A refusal may allocate at most ``FEW_MB``; every claim below is
megabytes to terabytes larger.
"""

from __future__ import annotations

import codecs
import gzip
import io
import lzma
import pickle
import pickletools
import struct
import tracemalloc
import zipfile

import numpy as np
import pytest
from mnist_files import (
    Reduces,
    gzip_zeros,
    idx_bytes,
    keras_members,
    npy_bytes,
    patched_zip,
    synthetic,
    write_idx_folder,
    write_zip,
)

from analytic.core.limits import MEMORY_BUDGET
from analytic.experiments import mnist
from analytic.experiments.mnist import load_source

try:
    from numpy._core.multiarray import _reconstruct, scalar  # numpy >= 2
except ImportError:  # numpy 1.x
    from numpy.core.multiarray import _reconstruct, scalar

FEW_MB = 4 * 2**20


def refusal(path) -> tuple[str, int]:
    """The ValueError loading ``path`` ends in, and the peak memory allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as info:
            load_source(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message, peak


@pytest.fixture
def small_limits(monkeypatch):
    """Limits for a data set of 10,000 values (80,000 bytes decompressed, 10,016 for an IDX
    file), so that a test file can overshoot them by megabytes instead of gigabytes."""
    monkeypatch.setattr(mnist, "MAX_VALUES", 10_000)
    monkeypatch.setattr(mnist, "FRAMING", 0)


def write_pickle(tmp_path, obj, protocol: int = 2):
    path = tmp_path / "mnist.pkl"
    path.write_bytes(pickle.dumps(obj, protocol=protocol))
    return path


# --- the limits ----------------------------------------------------------------------------------
def test_the_limits_admit_the_full_mnist_in_each_published_form():
    # LeCun's IDX files: train-images-idx3-ubyte is 47,040,016 bytes; the four hold 70,000
    # images of 784 pixels and their labels. The book's pickle: float32 pixels, int64 labels.
    assert mnist.MAX_VALUES >= 70_000 * (784 + 1)
    assert 47_040_016 <= mnist.MAX_VALUES + mnist.IDX_HEADER
    assert 70_000 * (784 * 4 + 8) <= 8 * mnist.MAX_VALUES + mnist.FRAMING
    # and a load, with its few copies of the data, stays well within the memory budget
    assert 8 * mnist.MAX_VALUES + mnist.FRAMING <= MEMORY_BUDGET / 4


# --- gzip ----------------------------------------------------------------------------------------
def test_a_gzip_bomb_pickle_is_refused_once_it_inflates_past_the_limit(tmp_path, small_limits):
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip_zeros(16 << 20))  # 16 MiB of zeros in about 16 kB
    assert path.stat().st_size < 40_000
    message, peak = refusal(path)
    assert "decompresses to more than 80,000 bytes" in message
    assert peak < FEW_MB


def test_a_gzip_bomb_idx_file_is_refused_once_it_inflates_past_the_limit(tmp_path, small_limits):
    write_idx_folder(tmp_path, gz=True)
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip_zeros(4 << 20))  # 4 MiB in about 4 kB
    assert path.stat().st_size < 10_016
    message, peak = refusal(tmp_path)
    assert str(path) in message and "decompresses to more than 10,016 bytes" in message
    assert peak < FEW_MB


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, small_limits):
    write_idx_folder(tmp_path)  # 60 images: 47,056 bytes, more than 10,016
    message, peak = refusal(tmp_path)
    assert "47,056 bytes, more than the 10,016 bytes" in message
    assert peak < FEW_MB


def test_gzip_members_one_after_another_read_as_their_concatenation(tmp_path):
    (ti, tl), _ = write_idx_folder(tmp_path, gz=True)
    data = idx_bytes(ti)
    path = tmp_path / "train-images-idx3-ubyte.gz"
    two_members = gzip.compress(data[:5000]) + gzip.compress(data[5000:]) + bytes(10)
    assert gzip.decompress(two_members) == data  # the stdlib reads it so, the reference
    path.write_bytes(two_members)
    np.testing.assert_array_equal(load_source(tmp_path).train.images, ti.reshape(-1, 784) / 255)
    path.write_bytes(gzip.compress(data) + b"not gzip")
    with pytest.raises(ValueError, match="corrupt gzip"):
        load_source(tmp_path)


# --- npz -----------------------------------------------------------------------------------------
def test_a_hand_written_npz_reads_as_numpy_reads_it(tmp_path):
    path = tmp_path / "mnist.npz"
    write_zip(path, keras_members())
    (ti, _), (_, sl) = synthetic(2, 0), synthetic(2, 1)
    with np.load(path) as reference:
        np.testing.assert_array_equal(reference["x_train"], ti)
    source = load_source(path)
    np.testing.assert_array_equal(source.train.images, ti.reshape(-1, 784) / 255)
    np.testing.assert_array_equal(source.held_out.labels, sl)


def test_a_fortran_ordered_npz_array_reads_in_its_own_order(tmp_path):
    (ti, tl), (si, sl) = synthetic(2, 0), synthetic(2, 1)
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=np.asfortranarray(ti), y_train=tl, x_test=si, y_test=sl)
    np.testing.assert_array_equal(load_source(path).train.images, ti.reshape(-1, 784) / 255)


def test_an_npz_header_claiming_a_trillion_images_is_refused_before_allocating(tmp_path):
    members = keras_members()
    members["x_train.npy"] = npy_bytes("|u1", (10**12, 28, 28), bytes(784))
    path = tmp_path / "mnist.npz"
    write_zip(path, members)
    message, peak = refusal(path)
    assert "(x_train)" in message and "(1000000000000, 28, 28)" in message
    assert "more than the 54,950,000 values" in message
    assert peak < FEW_MB


def test_an_npz_member_longer_than_its_header_claims_is_not_inflated_past_the_claim(tmp_path):
    path = tmp_path / "mnist.npz"
    write_zip(path, keras_members(), trailing_zeros={"x_train.npy": 16 << 20})
    assert path.stat().st_size < 50_000  # 16 MiB of zeros, deflated
    message, peak = refusal(path)
    assert "(x_train): more bytes of data" in message
    assert peak < FEW_MB


@pytest.mark.parametrize(
    "descr, shape",
    [("|O", (20, 28, 28)), ("|V1400000000", (1,)), ("<c16", (20, 28, 28)),
     ([("a", "<f8")], (20,))],
    ids=["object", "void of 1.4 GB", "complex", "structured"],
)
def test_npz_arrays_of_anything_but_plain_numbers_are_refused(tmp_path, descr, shape):
    members = keras_members()
    members["x_train.npy"] = npy_bytes(descr, shape)
    path = tmp_path / "mnist.npz"
    write_zip(path, members)
    message, peak = refusal(path)
    assert "(x_train): arrays of" in message and "are not numbers" in message
    assert peak < FEW_MB


def _bad_lzma_properties(raw: bytearray, start: int) -> None:
    # a zip LZMA member starts with 2 version bytes, a 2-byte length and the 5 property bytes,
    # lc/lp/pb first (APPNOTE 5.8.8): 0xff is more than the 224 liblzma allows
    raw[start + 4] = 0xFF


#: Members the standard library cannot read, as (compression written, method claimed, flag
#: bits, a rewrite of the member's bytes), and what zipfile itself raises on them.
UNREADABLE = {
    "encrypted": (zipfile.ZIP_STORED, None, 0x1, None, RuntimeError),
    "AES (method 99)": (zipfile.ZIP_STORED, 99, 0x1, None, RuntimeError),
    "strongly encrypted": (zipfile.ZIP_STORED, None, 0x40, None, NotImplementedError),
    "PPMd (method 98)": (zipfile.ZIP_STORED, 98, 0, None, NotImplementedError),
    "zstd (method 93)": (zipfile.ZIP_STORED, 93, 0, None, NotImplementedError),
    "deflate64 (method 9)": (zipfile.ZIP_STORED, 9, 0, None, NotImplementedError),
    "implode (method 6)": (zipfile.ZIP_STORED, 6, 0, None, NotImplementedError),
    "bad LZMA properties": (zipfile.ZIP_LZMA, None, 0, _bad_lzma_properties, lzma.LZMAError),
    "bzip2 claimed, stored written": (zipfile.ZIP_STORED, 12, 0, None, OSError),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_an_npz_whose_members_zipfile_cannot_open_is_refused_in_one_line(tmp_path, case):
    compression, method, flags, rewrite, raised = UNREADABLE[case]
    path = patched_zip(tmp_path / "mnist.npz", keras_members(), compression, method, flags,
                       rewrite)
    with zipfile.ZipFile(path) as archive, pytest.raises(raised):  # the control: zipfile fails
        archive.read("x_train.npy")
    message, peak = refusal(path)
    assert "x_train" in message and peak < FEW_MB


# --- pickle --------------------------------------------------------------------------------------
def test_a_77_byte_pickle_asking_reconstruct_for_1_4_gb_is_refused(tmp_path):
    path = write_pickle(tmp_path, Reduces(_reconstruct, (np.ndarray, (175_000_000,), "f8")))
    assert path.stat().st_size < 100
    message, peak = refusal(path)
    assert "(175000000,) brings the data to 175,000,000 values" in message
    assert peak < FEW_MB


def test_a_scalar_of_a_1_4_gb_void_dtype_is_refused(tmp_path):
    path = write_pickle(tmp_path, Reduces(scalar, (np.dtype("V1400000000"),)))
    message, peak = refusal(path)
    assert "refusing" in message and "V1400000000" in message
    assert peak < FEW_MB


@pytest.mark.parametrize(
    "shape, dtype, data, expected",
    [
        ((10**12,), "u1", b"abc", "brings the data to 1,000,000,000,000 values"),
        ((1000,), "u1", b"abc", "needs 1,000 bytes of data, the pickle gives 3 bytes"),
        ((3,), "O", [1, 2, 3], "refusing arrays of object"),
        ((3,), "V8", b"a" * 24, "refusing arrays of |V8"),
    ],
    ids=["a trillion values", "short data", "object", "void"],
)
def test_an_array_state_that_claims_what_it_does_not_hold_is_refused(tmp_path, shape, dtype,
                                                                     data, expected):
    state = (1, shape, np.dtype(dtype), False, data)
    path = write_pickle(tmp_path, Reduces(_reconstruct, (np.ndarray, (0,), b"b"), state))
    message, peak = refusal(path)
    assert expected in message
    assert peak < FEW_MB


def test_a_dtype_state_that_adds_fields_is_refused(tmp_path):
    fields = (3, "<", None, ("a",), {"a": (np.dtype("f8"), 0)}, 8, 1, 16)
    path = write_pickle(tmp_path, Reduces(np.dtype, ("f8", False, True), fields))
    message, _ = refusal(path)
    assert "only a byte order" in message


@pytest.mark.parametrize("name", [b"_codecs\nencode", b"numpy._core.multiarray\n_reconstruct"])
def test_setting_the_state_of_an_allowed_numpy_name_is_refused(tmp_path, name):
    # BUILD with (None, {}) on the name: it could empty the encoder's cache or swap the budget
    raw = b"\x80\x02c" + name + b"\nN}\x86b."
    assert [op.name for op, _, _ in pickletools.genops(raw)] == [
        "PROTO", "GLOBAL", "NONE", "EMPTY_DICT", "TUPLE2", "BUILD", "STOP"]
    path = tmp_path / "mnist.pkl"
    path.write_bytes(raw)
    message, _ = refusal(path)
    assert "refusing to set the state of" in message


def test_calling_numpy_ndarray_directly_is_refused(tmp_path):
    path = write_pickle(tmp_path, Reduces(np.ndarray, ((10**6, 10**6), "f8")))
    message, peak = refusal(path)
    assert "refusing to call numpy.ndarray directly" in message
    assert peak < FEW_MB


def test_arrays_rebuilt_from_one_memoised_string_count_against_one_budget(tmp_path,
                                                                          small_limits):
    shared = bytes(4_000)
    state = (1, (4_000,), np.dtype("u1"), False, shared)
    three = tuple(Reduces(_reconstruct, (np.ndarray, (0,), b"b"), state) for _ in range(3))
    path = write_pickle(tmp_path, three)
    assert path.stat().st_size < 6_000  # the pickle holds the 4,000 bytes once
    message, _ = refusal(path)
    assert "brings the data to 12,000 values, more than the 10,000 values" in message


def test_encoding_one_memoised_string_fifty_times_allocates_it_once(tmp_path):
    # fifty encodings of a 1 MB text would allocate 50 MB; once is about 1 MB, and the refusal
    # comes later, when the result turns out not to be (images, labels) pairs
    text = "a" * 1_000_000
    path = write_pickle(tmp_path, tuple(Reduces(codecs.encode, (text, "latin1"))
                                        for _ in range(50)))
    assert path.stat().st_size < 1_100_000
    message, peak = refusal(path)
    assert "(images, labels) pairs" in message
    assert peak < 8 * 2**20


def test_a_memo_index_of_a_hundred_million_is_refused_before_the_memo_grows(tmp_path):
    raw = b"\x80\x02N" + b"r" + struct.pack("<I", 100_000_000) + b"."
    assert [op.name for op, _, _ in pickletools.genops(raw)] == [
        "PROTO", "NONE", "LONG_BINPUT", "STOP"]
    path = tmp_path / "mnist.pkl"
    path.write_bytes(raw)
    message, peak = refusal(path)
    assert "memo index 100,000,000" in message
    assert peak < FEW_MB


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"\x80\x04\x8e" + struct.pack("<Q", 10**12) + b"abc.", "truncated"),
        (b"\x80\x04\x95" + struct.pack("<Q", 10**12) + b"N.", "runs past the end"),
    ],
    ids=["BINBYTES8", "FRAME"],
)
def test_a_length_prefix_past_the_end_of_the_data_is_refused(tmp_path, raw, expected):
    path = tmp_path / "mnist.pkl"
    path.write_bytes(raw)
    message, peak = refusal(path)
    assert expected in message
    assert peak < FEW_MB


class _WithPersistentIds(pickle.Pickler):
    def persistent_id(self, obj):
        return "outside\nthe file" if isinstance(obj, str) else None


@pytest.mark.parametrize("protocol", [0, 2])
def test_a_persistent_id_is_refused_in_one_line(tmp_path, protocol):
    buffer = io.BytesIO()
    _WithPersistentIds(buffer, protocol=protocol).dump(("x", "y"))
    with pytest.raises(pickle.UnpicklingError):  # the stdlib refuses it too, in its own words
        pickle.loads(buffer.getvalue())
    path = tmp_path / "mnist.pkl"
    path.write_bytes(buffer.getvalue())
    message, _ = refusal(path)
    assert "refusing a persistent id" in message


def test_a_pickle_of_more_instructions_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(mnist, "MAX_PICKLE_INSTRUCTIONS", 1000)
    path = write_pickle(tmp_path, list(range(2000)))
    message, _ = refusal(path)
    assert "more than 1,000 pickle instructions" in message


# --- IDX -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "shape",
    [(2**32 - 1, 28, 28), (2**22, 2**21, 2**21)],
    ids=["four billion images", "a product that wraps to 0 in int64"],
)
def test_an_idx_header_claiming_a_huge_shape_is_refused_naming_the_file(tmp_path, shape):
    write_idx_folder(tmp_path)
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(struct.pack(">BBBB3I", 0, 0, 8, 3, *shape) + bytes(784))
    message, peak = refusal(tmp_path)
    assert str(path) in message and f"{shape} brings the data to" in message
    assert peak < FEW_MB


@pytest.mark.parametrize("ndim", [0, 4])
def test_idx_arrays_of_other_than_one_or_three_dimensions_are_refused(tmp_path, ndim):
    write_idx_folder(tmp_path)
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(struct.pack(f">BBBB{ndim}I", 0, 0, 8, ndim, *[1] * ndim) + b"\0")
    message, _ = refusal(tmp_path)
    assert f"an IDX array of {ndim} dimensions" in message


def test_an_idx_folder_holding_more_values_in_total_than_the_limit_is_refused(tmp_path,
                                                                             monkeypatch):
    # the training files hold 60 x 785 = 47,100 values, the test files 30 x 785 = 23,550
    monkeypatch.setattr(mnist, "MAX_VALUES", 60_000)
    write_idx_folder(tmp_path)
    message, _ = refusal(tmp_path)
    assert "t10k-images" in message and "70,620 values, more than the 60,000" in message
