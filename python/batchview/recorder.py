"""The recorder: one HDF5 file per recorded batch, written atomically, optionally off the loop's thread."""

import os
import queue
import threading

import h5py
import numpy as np

#: File names a batch folder holds: batch_0.h5, batch_1.h5, … (natural order = recording order).
FILE_PATTERN = "batch_{}.h5"
#: Root attributes beside the arrays: the training step, the epoch and the batch's sample indices.
STEP, EPOCH, INDICES = "step", "epoch", "indices"


def as_array(value, what):
    """`value` as a NumPy array: arrays as they are, torch tensors moved to the CPU, else np.asarray."""
    if value is None:
        return None
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"batchview.Recorder: {what} have dtype {array.dtype}; record numbers (uint8, float32, …)")
    if array.ndim == 0:
        raise ValueError(f"batchview.Recorder: {what} is a scalar; record one row per sample")
    return array


class Recorder:
    """Writes the batches it is given into the folder `path`, one HDF5 file per recorded step.

    `every` records one write in `every` (by step when a step is given, else by call);
    `max_batches` stops recording after that many files. Each file holds `images` (and
    `labels`) as given, and root attributes `step`, `epoch` and `indices` when known. A file is
    written under a temporary name and renamed when complete, so a crash never leaves a half
    file. With `background=True` (the default) a thread writes while training goes on; the loop
    only pays for a copy of the arrays, and waits only when two writes are still pending.
    """

    def __init__(self, path, every=1, max_batches=None, background=True):
        if every < 1:
            raise ValueError(f"batchview.Recorder: every must be 1 or more, not {every}")
        if max_batches is not None and max_batches < 0:
            raise ValueError(f"batchview.Recorder: max_batches must be 0 or more, not {max_batches}")
        self.path = os.fspath(path)
        self.every = every
        self.max_batches = max_batches
        self.recorded = 0
        self._calls = 0
        self._error = None
        self._closed = False
        os.makedirs(self.path, exist_ok=True)
        existing = [name for name in os.listdir(self.path) if name.endswith(".h5")]
        if existing:
            raise FileExistsError(
                f"batchview.Recorder: {self.path} already holds {len(existing)} .h5 files; "
                "record into an empty folder so that batch k is file k")
        self._queue = queue.Queue(maxsize=2) if background else None
        self._spares = queue.Queue()
        self._thread = None
        if background:
            self._thread = threading.Thread(target=self._drain, name="batchview-recorder", daemon=True)
            self._thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def write(self, images, labels=None, *, step=None, epoch=None, indices=None):
        """Records the batch if this step is one to record; returns whether it was recorded."""
        if self._closed:
            raise ValueError(f"batchview.Recorder: write after close; {self.path} is finished, open a new Recorder")
        self._raise_pending()
        call = self._calls
        self._calls += 1
        if (step if step is not None else call) % self.every != 0:
            return False
        if self.max_batches is not None and self.recorded >= self.max_batches:
            return False
        images = as_array(images, "images")
        labels = as_array(labels, "labels")
        indices = as_array(indices, "indices")
        for what, array in (("labels", labels), ("indices", indices)):
            if array is not None and len(array) != len(images):
                raise ValueError(
                    f"batchview.Recorder: {len(array)} {what} for {len(images)} images; give one per sample")
        name = FILE_PATTERN.format(self.recorded)
        self.recorded += 1
        item = (name, images, labels, step if step is not None else call, epoch, indices)
        if self._queue is None:
            self._write_file(*item)
        else:
            # Copies, as the loop may reuse its buffers right away; the images go into a buffer
            # already written out, since filling fresh memory costs more than the copy itself.
            copies = tuple(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in item[2:])
            self._queue.put((name, self._copy_of(images)) + copies)
        return True

    def _copy_of(self, images):
        try:
            spare = self._spares.get_nowait()
        except queue.Empty:
            spare = None
        if spare is None or spare.shape != images.shape or spare.dtype != images.dtype:
            return np.array(images, copy=True)
        np.copyto(spare, images)
        return spare

    def close(self):
        """Waits for pending writes; raises the first error a background write met. Closing twice is harmless."""
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        self._raise_pending()

    def _drain(self):
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is None:
                try:
                    self._write_file(*item)
                except BaseException as error:  # reported on the loop's thread
                    self._error = error
            if self._spares.qsize() < 3:
                self._spares.put(item[1])

    def _raise_pending(self):
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _write_file(self, name, images, labels, step, epoch, indices):
        final = os.path.join(self.path, name)
        temporary = os.path.join(self.path, f".{name}.{os.getpid()}.tmp")  # not *.h5: never read as a batch
        # Attributes over 64 KB (the indices of a batch of more than ~8,000 samples) need the
        # HDF5 1.8 file format's dense attribute storage, which every libhdf5 since 1.8 reads.
        large = indices is not None and indices.size * 8 > 32768
        try:
            with h5py.File(temporary, "w", **({"libver": ("v108", "v108")} if large else {})) as file:
                file.create_dataset("images", data=images)
                if labels is not None:
                    file.create_dataset("labels", data=labels)
                file.attrs[STEP] = int(step)
                if epoch is not None:
                    file.attrs[EPOCH] = int(epoch)
                if indices is not None:
                    file.attrs[INDICES] = indices.astype(np.int64)
            os.replace(temporary, final)
        except BaseException:
            if os.path.exists(temporary):
                os.remove(temporary)
            raise


def split_batch(batch):
    """(images, labels) of what a loader yields: (x, y), [x, y, …], {'image': x, 'label': y} or x."""
    if isinstance(batch, (tuple, list)):
        return batch[0], (batch[1] if len(batch) > 1 else None)
    if isinstance(batch, dict):
        images = next((batch[k] for k in ("images", "image", "x", "input", "inputs") if k in batch), None)
        if images is None:
            raise KeyError(f"batchview.record: a batch dict needs an 'images' or 'image' key, not {sorted(batch)}")
        labels = next((batch[k] for k in ("labels", "label", "y", "target", "targets") if k in batch), None)
        return images, labels
    return batch, None


def record(iterable, path, *, epoch=None, **recorder_options):
    """Yields `iterable`'s batches unchanged while recording them into `path` (see Recorder).

        for x, y in batchview.record(loader, "runs/batches", every=10, epoch=epoch):
            ...
    """
    with Recorder(path, **recorder_options) as recorder:
        for step, batch in enumerate(iterable):
            images, labels = split_batch(batch)
            recorder.write(images, labels, step=step, epoch=epoch)
            yield batch
