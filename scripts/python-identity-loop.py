#!/usr/bin/env python3
"""The hand-written baseline for `batchview bench … --preprocess python:ID.py:identity`: the same
identity function applied in a plain Python loop over shuffled batches read by h5py.

    python3 scripts/python-identity-loop.py /tmp/fx/mnistlike.h5 --batch-size 128

Each batch is read with sorted indices (h5py needs increasing ones) and put back in shuffled
order, given an rng as batchview gives one, passed through `identity`, and converted to float32
(as `bench` converts every preprocessed batch). Prints one JSON line like bench's.
"""
import argparse
import json
import time

import h5py
import numpy as np


def identity(images, labels, rng):
    return images, labels


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--seed", type=int, default=12345)
    arguments = parser.parse_args()
    with h5py.File(arguments.file, "r") as file:
        images_set, labels_set = file["images"], file["labels"]
        count = len(images_set)
        order = np.random.default_rng(arguments.seed).permutation(count)
        samples = 0
        in_function = 0.0
        start = time.perf_counter()
        for batch, first in enumerate(range(0, count, arguments.batch_size)):
            indices = order[first:first + arguments.batch_size]
            sorted_indices = np.sort(indices)
            back = np.argsort(np.argsort(indices))
            images = images_set[sorted_indices][back]
            labels = labels_set[sorted_indices][back]
            called = time.perf_counter()
            rng = np.random.Generator(np.random.Philox(np.random.SeedSequence([arguments.seed, 0, 0, batch, 0])))
            images, labels = identity(images, labels, rng)
            in_function += time.perf_counter() - called
            images.astype(np.float32)
            samples += len(images)
        seconds = time.perf_counter() - start
    print(json.dumps({
        "peer": "python-loop-h5py", "samples": samples, "seconds": round(seconds, 4),
        "samples_per_s": round(samples / seconds, 1), "function_ms_per_batch": round(in_function / (batch + 1) * 1000, 3),
    }))


if __name__ == "__main__":
    main()
