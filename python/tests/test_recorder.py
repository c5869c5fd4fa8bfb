import os

import h5py
import numpy as np
import pytest

import batchview
from batchview import recorder as recorder_module


def batch(step, n=4):
    images = (np.arange(n * 6 * 5 * 3, dtype=np.int64).reshape(n, 6, 5, 3) + 7 * step) % 256
    return images.astype(np.uint8), np.arange(n, dtype=np.int64) + 100 * step


def files(path):
    return sorted(os.listdir(path))


@pytest.mark.parametrize("background", [True, False])
def test_one_file_per_recorded_step_with_arrays_and_attributes(tmp_path, background):
    with batchview.Recorder(tmp_path, every=2, max_batches=3, background=background) as rec:
        written = [rec.write(*batch(step), step=step, epoch=1, indices=np.arange(4) * 10 + step)
                   for step in range(10)]
    assert written == [True, False, True, False, True, False, False, False, False, False]
    assert files(tmp_path) == ["batch_0.h5", "batch_1.h5", "batch_2.h5"]
    for k, step in enumerate([0, 2, 4]):
        with h5py.File(tmp_path / f"batch_{k}.h5", "r") as file:
            images, labels = batch(step)
            assert file["images"].dtype == np.uint8 and np.array_equal(file["images"][()], images)
            assert np.array_equal(file["labels"][()], labels)
            assert file.attrs["step"] == step and file.attrs["epoch"] == 1
            assert file.attrs["indices"].tolist() == (np.arange(4) * 10 + step).tolist()


def test_without_a_step_calls_are_counted_and_labels_and_epoch_are_optional(tmp_path):
    with batchview.Recorder(tmp_path, every=3) as rec:
        for call in range(7):
            rec.write(batch(call)[0])
    assert files(tmp_path) == ["batch_0.h5", "batch_1.h5", "batch_2.h5"]
    with h5py.File(tmp_path / "batch_2.h5", "r") as file:
        assert sorted(file.keys()) == ["images"]
        assert file.attrs["step"] == 6 and "epoch" not in file.attrs and "indices" not in file.attrs


def test_record_yields_the_batches_unchanged(tmp_path):
    loader = [batch(step) for step in range(3)]
    seen = list(batchview.record(iter(loader), tmp_path, epoch=2))
    assert all(a is b for a, b in zip(seen, loader))
    assert files(tmp_path) == ["batch_0.h5", "batch_1.h5", "batch_2.h5"]
    with h5py.File(tmp_path / "batch_1.h5", "r") as file:
        assert np.array_equal(file["images"][()], loader[1][0]) and file.attrs["epoch"] == 2


def test_dict_batches_and_array_likes_are_recorded(tmp_path):
    class TensorLike:  # what a CPU torch tensor offers: detach().cpu().numpy()
        def __init__(self, array):
            self.array = array

        def detach(self):
            return self

        def cpu(self):
            return self

        def numpy(self):
            return self.array

    images, labels = batch(0)
    list(batchview.record([{"image": TensorLike(images), "label": labels}], tmp_path))
    with h5py.File(tmp_path / "batch_0.h5", "r") as file:
        assert np.array_equal(file["images"][()], images) and np.array_equal(file["labels"][()], labels)


def test_the_loop_may_reuse_its_buffer_after_write(tmp_path):
    images, labels = batch(0)
    with batchview.Recorder(tmp_path) as rec:
        rec.write(images, labels)
        images[...] = 0
    with h5py.File(tmp_path / "batch_0.h5", "r") as file:
        assert np.array_equal(file["images"][()], batch(0)[0])


@pytest.mark.parametrize("background", [True, False])
def test_a_failed_write_leaves_no_batch_file(tmp_path, monkeypatch, background):
    real = h5py.File

    class Failing:
        def __init__(self, path, mode):
            self.file = real(path, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def create_dataset(self, name, data):
            self.file.create_dataset(name, data=data)
            raise OSError("disk full")

    monkeypatch.setattr(recorder_module.h5py, "File", Failing)
    with pytest.raises(OSError, match="disk full"):
        with batchview.Recorder(tmp_path, background=background) as rec:
            rec.write(*batch(0))
    assert files(tmp_path) == []


def test_the_indices_of_a_large_batch_are_kept(tmp_path):
    with batchview.Recorder(tmp_path) as rec:
        rec.write(np.zeros((20000, 2), np.uint8), indices=np.arange(20000) * 3)
    with h5py.File(tmp_path / "batch_0.h5", "r") as file:
        assert np.array_equal(file.attrs["indices"], np.arange(20000) * 3)


def test_bad_input_is_a_sentence(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "batch_0.h5").write_bytes(b"")
    with pytest.raises(FileExistsError, match="already holds 1 .h5 files"):
        batchview.Recorder(tmp_path / "old")
    with batchview.Recorder(tmp_path / "new") as rec:
        with pytest.raises(ValueError, match="3 labels for 4 images"):
            rec.write(batch(0)[0], np.arange(3))
        with pytest.raises(TypeError, match="dtype <U1"):
            rec.write(np.array([["a"]]))
    with pytest.raises(ValueError, match="every must be 1 or more"):
        batchview.Recorder(tmp_path / "x", every=0)


@pytest.mark.parametrize("background", [True, False])
def test_a_write_after_close_is_refused_and_closing_twice_is_harmless(tmp_path, background):
    rec = batchview.Recorder(tmp_path / "run", background=background)
    assert rec.write(*batch(0))
    rec.close()
    for _ in range(3):  # used to queue into a thread that had ended, and then block forever
        with pytest.raises(ValueError, match="write after close"):
            rec.write(*batch(1))
    rec.close()
    assert files(tmp_path / "run") == ["batch_0.h5"]
