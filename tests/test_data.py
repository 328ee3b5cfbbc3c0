"""The embedded MNIST sample, the loaders of a user's MNIST, and the class-balanced split.

References: the shared CSV the sample was built from (when present), synthetic arrays written
in each file format by independent writers (struct / gzip / np.savez / pickle), and the
filesystem (a crafted pickle must not create its file).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import pickle
from pathlib import Path

import numpy as np
import pytest
from mnist_files import CreatesAFile, book_parts, book_pickle, synthetic, write_idx_folder

from analytic.experiments.mnist import (
    Source,
    balanced_split,
    load_embedded,
    load_source,
    parse_idx,
)

SHARED_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist_5k.csv.gz"


# --- the embedded sample -----------------------------------------------------------------------
def test_embedded_sample_holds_500_digits_of_each_class_scaled_to_the_unit_interval():
    source = load_embedded()
    assert source.train.images.shape == (5000, 784)
    assert np.bincount(source.train.labels).tolist() == [500] * 10
    assert source.train.images.min() == 0.0 and source.train.images.max() == 1.0
    assert source.held_out is None


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="the shared source CSV is not on this machine")
def test_embedded_sample_equals_the_shared_csv_it_was_built_from():
    raw = SHARED_CSV.read_bytes()
    assert hashlib.sha256(raw).hexdigest().startswith("846f6cad587fea38")
    table = np.loadtxt(io.StringIO(gzip.decompress(raw).decode()), delimiter=",", dtype=np.int64)
    digits = load_embedded().train
    np.testing.assert_array_equal(digits.labels, table[:, 784])
    np.testing.assert_allclose(digits.images, table[:, :784] / 255.0, rtol=0, atol=1e-15)


# --- the split ---------------------------------------------------------------------------------
def test_balanced_split_draws_a_tenth_of_each_class_without_overlap():
    source = load_embedded()
    train, validation = balanced_split(source, 1000, 500, seed=3)
    assert np.bincount(train.labels, minlength=10).tolist() == [100] * 10
    assert np.bincount(validation.labels, minlength=10).tolist() == [50] * 10
    # no image is in both sets: compare the raw pixel rows
    seen = {row.tobytes() for row in train.images}
    assert not any(row.tobytes() in seen for row in validation.images)


def test_balanced_split_is_reproducible_and_changes_with_the_seed():
    source = load_embedded()
    a, _ = balanced_split(source, 100, 0, seed=1)
    b, _ = balanced_split(source, 100, 0, seed=1)
    c, _ = balanced_split(source, 100, 0, seed=2)
    np.testing.assert_array_equal(a.images, b.images)
    assert not np.array_equal(a.images, c.images)
    # the first images are not all zeros, although the raw rows are sorted by label
    assert len(set(a.labels[:20].tolist())) > 3


def test_balanced_split_refuses_counts_that_are_not_multiples_of_ten():
    with pytest.raises(ValueError, match="multiple of 10"):
        balanced_split(load_embedded(), 1005)


def test_balanced_split_uses_the_held_out_pool_when_the_data_set_has_one(tmp_path):
    _, test_pool = write_idx_folder(tmp_path)
    source = load_source(tmp_path)
    _, validation = balanced_split(source, 60, 30, seed=0)
    test_rows = {row.tobytes() for row in (test_pool[0].reshape(-1, 784) / 255.0)}
    assert all(row.tobytes() in test_rows for row in validation.images)


# --- round trips -------------------------------------------------------------------------------
@pytest.mark.parametrize("sep", ["-", "."])
@pytest.mark.parametrize("gz", [False, True])
def test_idx_folder_round_trips_plain_and_gzipped_with_either_name_style(tmp_path, sep, gz):
    (ti, tl), (si, sl) = write_idx_folder(tmp_path, sep, gz)
    source = load_source(tmp_path)
    np.testing.assert_array_equal(source.train.labels, tl)
    np.testing.assert_allclose(source.train.images, ti.reshape(-1, 784) / 255.0, atol=0)
    np.testing.assert_allclose(source.held_out.images, si.reshape(-1, 784) / 255.0, atol=0)
    np.testing.assert_array_equal(source.held_out.labels, sl)


def test_npz_round_trips_keras_style_arrays(tmp_path):
    (ti, tl), (si, sl) = synthetic(4, 0), synthetic(2, 1)
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=ti, y_train=tl, x_test=si, y_test=sl)
    source = load_source(path)
    np.testing.assert_allclose(source.train.images, ti.reshape(-1, 784) / 255.0, atol=0)
    np.testing.assert_array_equal(source.held_out.labels, sl)


@pytest.mark.parametrize("style", ["python2", "protocol2", "protocol4"])
def test_book_pickle_round_trips_in_python2_and_python3_encodings(tmp_path, style):
    parts = book_parts()
    path = tmp_path / "mnist.pkl.gz"
    if style == "python2":
        path.write_bytes(book_pickle(parts, py2=True))
    else:
        path.write_bytes(book_pickle(parts, protocol=int(style[-1])))
    source = load_source(path)
    np.testing.assert_allclose(source.train.images, parts[0][0], rtol=0, atol=1e-7)
    np.testing.assert_array_equal(source.train.labels, parts[0][1])
    np.testing.assert_array_equal(source.held_out.labels, parts[1][1])


# --- refusals ----------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["system", "open"])
def test_a_crafted_pickle_that_would_create_a_file_is_refused_and_creates_nothing(tmp_path, how):
    target = tmp_path / "pwned"
    payload = ((np.zeros((10, 784), np.float32), CreatesAFile(target, how)), None)
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(payload, protocol=2)))
    with pytest.raises(ValueError, match="refusing to load"):
        load_source(path)
    assert not target.exists()
    # control: the payload is live, an ordinary unpickler does create the file
    control = tmp_path / "control"
    live = ((np.zeros((10, 784), np.float32), CreatesAFile(control, how)), None)
    pickle.loads(pickle.dumps(live, protocol=2))
    assert control.exists()


def test_truncated_idx_data_is_refused_with_one_line(tmp_path):
    write_idx_folder(tmp_path)
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ValueError, match="truncated") as info:
        load_source(tmp_path)
    assert "\n" not in str(info.value)


def test_truncated_idx_header_and_bad_magic_are_refused():
    with pytest.raises(ValueError, match="truncated IDX header"):
        parse_idx(bytes([0, 0, 8, 3, 0, 0]), "x")
    with pytest.raises(ValueError, match="magic"):
        parse_idx(b"PK\x03\x04rest", "x")


def test_truncated_gzip_is_refused(tmp_path):
    write_idx_folder(tmp_path, gz=True)
    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:15])
    with pytest.raises(ValueError, match="gzip"):
        load_source(tmp_path)


def test_truncated_npz_and_truncated_pickle_are_refused(tmp_path):
    (ti, tl), (si, sl) = synthetic(4, 0), synthetic(2, 1)
    npz = tmp_path / "mnist.npz"
    np.savez(npz, x_train=ti, y_train=tl, x_test=si, y_test=sl)
    npz.write_bytes(npz.read_bytes()[:2000])
    with pytest.raises(ValueError, match="mnist.npz"):
        load_source(npz)
    pkl = tmp_path / "mnist.pkl"
    pkl.write_bytes(pickle.dumps(book_parts(), protocol=2)[:3000])
    with pytest.raises(ValueError, match="mnist.pkl"):
        load_source(pkl)


@pytest.mark.parametrize(
    "x_train, y_train, message",
    [
        (np.zeros((20, 27, 27), np.uint8), np.zeros(20, np.uint8), "shape"),
        (np.zeros((20, 28, 28), np.uint8), np.zeros(19, np.uint8), "labels for 20 images"),
        (np.zeros((20, 28, 28), np.uint8), np.full(20, 12, np.uint8), "0..9"),
        (np.full((20, 28, 28), 3.0), np.zeros(20, np.uint8), r"\[0, 1\]"),
    ],
)
def test_mis_shaped_arrays_are_refused(tmp_path, x_train, y_train, message):
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_train, y_test=y_train)
    with pytest.raises(ValueError, match=message):
        load_source(path)


def test_unknown_paths_and_forms_name_the_valid_choices(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        load_source(tmp_path / "missing.npz")
    other = tmp_path / "digits.txt"
    other.write_text("1,2,3")
    with pytest.raises(ValueError, match="mnist.pkl.gz, mnist.npz or a folder"):
        load_source(other)
    with pytest.raises(ValueError, match="4 files"):
        load_source(tmp_path)


def test_a_source_needs_enough_images_of_each_class(tmp_path):
    write_idx_folder(tmp_path)
    with pytest.raises(ValueError, match="digit"):
        balanced_split(load_source(tmp_path), 1000)
    assert isinstance(load_source(tmp_path), Source)
