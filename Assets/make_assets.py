#!/usr/bin/env python3
"""Makes the demo datasets in Assets/ with batchview's own HDF5 writer.

Python only extracts or generates arrays and saves them as .npy; every .h5 file is written by
`batchview import npy` (Sources/batchview/ImportNpyCommand.swift → BatchingHDF5.HDF5Writer).

    swift build --product batchview
    python3 Assets/make_assets.py [--batchview .build/debug/batchview]

Deterministic: the same script and the same scikit-learn give byte-identical arrays.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def digits():
    """scikit-learn's copy of the UCI handwritten digits test set: 1,797 images of 8×8, 10 classes.

    Pixels are counts 0…16; they are stored as uint8 scaled to 0…255 (round(v * 255 / 16)), which
    is one-to-one, so round(x.astype(float) * 16 / 255) gives back the original counts.
    """
    from sklearn.datasets import load_digits
    bunch = load_digits()
    counts = bunch.images.astype(np.int64)
    assert counts.min() >= 0 and counts.max() <= 16 and (counts == bunch.images).all()
    images = np.rint(counts * 255.0 / 16.0).astype(np.uint8)
    labels = bunch.target.astype(np.int64)
    names = [str(n) for n in bunch.target_names]
    return images, labels, names


def shapes(rng):
    """Generated 16×16 RGB pictures of six shapes with strongly imbalanced classes.

    Class counts 400, 200, 100, 40, 16, 8 (a 50:1 ratio), shuffled; each picture is one coloured
    shape, randomly placed and sized, on a dim noisy background.
    """
    names = ["circle", "square", "triangle", "cross", "ring", "diamond"]
    counts = [400, 200, 100, 40, 16, 8]
    labels = np.concatenate([np.full(n, k, dtype=np.int64) for k, n in enumerate(counts)])
    rng.shuffle(labels)
    size = 16
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
    images = np.empty((len(labels), size, size, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        background = rng.integers(0, 40, size=(size, size, 3))
        cy, cx = rng.uniform(5.5, 9.5, size=2)
        r = rng.uniform(3.5, 6.0)
        dy, dx = yy - cy, xx - cx
        if label == 0:
            mask = dy ** 2 + dx ** 2 <= r ** 2
        elif label == 1:
            mask = (np.abs(dy) <= r * 0.8) & (np.abs(dx) <= r * 0.8)
        elif label == 2:
            mask = (dy <= r * 0.7) & (dy >= -r) & (np.abs(dx) <= (dy + r) * 0.6)
        elif label == 3:
            mask = ((np.abs(dy) <= 1.2) & (np.abs(dx) <= r)) | ((np.abs(dx) <= 1.2) & (np.abs(dy) <= r))
        elif label == 4:
            d2 = dy ** 2 + dx ** 2
            mask = (d2 <= r ** 2) & (d2 >= (r - 1.8) ** 2)
        else:
            mask = np.abs(dy) + np.abs(dx) <= r
        colour = rng.integers(120, 256, size=3)
        picture = background.copy()
        picture[mask] = colour
        images[i] = picture.astype(np.uint8)
    return images, labels, names


def timeseries(rng):
    """Generated multichannel time series: 240 samples × 128 steps × 3 channels (float32).

    Class 0 sine, 1 square wave, 2 sawtooth, 3 noise bursts; each channel has its own phase and
    amplitude, with Gaussian noise (σ 0.1).
    """
    names = ["sine", "square", "sawtooth", "bursts"]
    n, steps, channels = 240, 128, 3
    labels = np.arange(n, dtype=np.int64) % len(names)
    rng.shuffle(labels)
    t = np.arange(steps, dtype=np.float64)
    x = np.empty((n, steps, channels), dtype=np.float32)
    for i, label in enumerate(labels):
        period = rng.uniform(12, 40)
        for ch in range(channels):
            phase = rng.uniform(0, 2 * np.pi)
            amplitude = rng.uniform(0.5, 1.5)
            angle = 2 * np.pi * t / period + phase
            if label == 0:
                wave = np.sin(angle)
            elif label == 1:
                wave = np.sign(np.sin(angle))
            elif label == 2:
                wave = 2 * ((angle / (2 * np.pi)) % 1.0) - 1
            else:
                wave = np.zeros(steps)
                for start in rng.integers(0, steps - 10, size=3):
                    wave[start:start + 10] = rng.normal(0, 1, size=10)
            x[i, :, ch] = amplitude * wave + rng.normal(0, 0.1, size=steps)
    return x, labels, names


def write(batchview, name, images, labels, names, description, scratch):
    images_path = os.path.join(scratch, name + "_images.npy")
    labels_path = os.path.join(scratch, name + "_labels.npy")
    np.save(images_path, images)
    np.save(labels_path, labels)
    out = os.path.join(HERE, name + ".h5")
    subprocess.run([batchview, "import", "npy", images_path, labels_path, "-o", out,
                    "--class-names", ",".join(names), "--description", description], check=True)
    print(f"{out}: {os.path.getsize(out)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batchview", default=os.path.join(HERE, "..", ".build", "debug", "batchview"))
    args = parser.parse_args()
    rng = np.random.default_rng(20261122)
    with tempfile.TemporaryDirectory() as scratch:
        write(args.batchview, "digits", *digits(),
              "scikit-learn digits (UCI Optical Recognition of Handwritten Digits, test set); pixels 0-16 scaled to 0-255",
              scratch)
        write(args.batchview, "shapes_imbalanced", *shapes(rng),
              "generated 16x16 RGB shapes; class counts 400/200/100/40/16/8", scratch)
        write(args.batchview, "timeseries", *timeseries(rng),
              "generated 3-channel time series, 128 steps; sine/square/sawtooth/bursts", scratch)


if __name__ == "__main__":
    sys.exit(main())
