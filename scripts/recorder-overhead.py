#!/usr/bin/env python3
"""What batchview.Recorder costs a training loop per recorded batch, for kaggle-sized batches.

    PYTHONPATH=python python3 scripts/recorder-overhead.py [--batches 8] [--folder /tmp]

Times `rec.write` as the loop sees it (background writing, the default, and synchronous), with
192 x 300 x 300 x 3 uint8 images (52 MB, a kaggle300 file batch) and int64 labels, and prints
one JSON line per mode. The disk is the folder's (tmpfs for /dev/shm, page cache elsewhere).
"""
import argparse
import json
import shutil
import tempfile
import time

import numpy as np

import batchview


def measure(batches, folder, background):
    images = np.random.default_rng(0).integers(0, 256, size=(192, 300, 300, 3), dtype=np.uint8)
    labels = np.arange(192, dtype=np.int64)
    path = tempfile.mkdtemp(prefix="recorder-overhead-", dir=folder)
    try:
        writes = []
        start = time.perf_counter()
        with batchview.Recorder(path, background=background) as rec:
            for step in range(batches):
                before = time.perf_counter()
                rec.write(images, labels, step=step, epoch=0, indices=labels)
                writes.append(time.perf_counter() - before)
                time.sleep(0.2)  # a training step between writes
            closing = time.perf_counter()
        close = time.perf_counter() - closing
        total = time.perf_counter() - start - 0.2 * batches
    finally:
        shutil.rmtree(path)
    return {
        "mode": "background" if background else "synchronous", "batches": batches,
        "batch_MB": round(images.nbytes / 1e6, 1),
        "write_ms_median": round(float(np.median(writes)) * 1000, 1),
        "write_ms_max": round(max(writes) * 1000, 1),
        "close_ms": round(close * 1000, 1),
        "recorder_ms_per_batch": round(total / batches * 1000, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--folder", default=None, help="where to write (default: the temporary folder)")
    arguments = parser.parse_args()
    for background in (True, False):
        print(json.dumps(measure(arguments.batches, arguments.folder, background)))


if __name__ == "__main__":
    main()
