#!/usr/bin/env python3
"""Drives DeepTrain 0.6.0's real DataGenerator and TimeseriesPreprocessor the way its
TrainGenerator does, and prints what each claim about DeepTrain in docs/pipeline.md shows.

Usage: scripts/deeptrain-reproduce.py [DIR]
  DIR holds the unpacked deeptrain-0.6.0 wheel (the folder that contains `deeptrain/`); without
  it the wheel is fetched with `pip download --no-deps deeptrain==0.6.0` into a temporary folder.

DeepTrain's data_generator.py, util/preprocessors.py, util/data_loaders.py, util/configs.py and
util/algorithms.py run unchanged. Only what they import and do not use here is stubbed:
TensorFlow (util/_backend.py imports Keras's backend), pandas (data_loaders.py's CSV labels) and
termcolor (coloured warnings); the package __init__ files, which import the training code, are
bypassed by registering the two packages by path.

TrainGenerator loads the first batch when it is made (advance_batch()), then every iteration
(train_generator.py, _get_data and _train_postiter_processing): if the batch is exhausted,
advance_batch(); get(); update_state(); if all data is exhausted, on_epoch_end().
"""
import contextlib
import importlib
import io
import os
import random
import subprocess
import sys
import tempfile
import types
import zipfile

import numpy as np


def load_deeptrain(root):
    for name in ("tensorflow", "tensorflow.keras", "tensorflow.keras.backend", "keras", "keras.backend", "pandas"):
        sys.modules[name] = types.ModuleType(name)
    termcolor = types.ModuleType("termcolor")
    termcolor.colored = lambda text, *args, **kwargs: text
    sys.modules["termcolor"] = termcolor
    for name, path in (("deeptrain", "deeptrain"), ("deeptrain.util", "deeptrain/util")):
        package = types.ModuleType(name)
        package.__path__ = [os.path.join(root, path)]
        sys.modules[name] = package
    preprocessors = importlib.import_module("deeptrain.util.preprocessors")
    util = sys.modules["deeptrain.util"]
    for name in ("Preprocessor", "GenericPreprocessor", "TimeseriesPreprocessor"):
        setattr(util, name, getattr(preprocessors, name))
    return importlib.import_module("deeptrain.data_generator").DataGenerator


def write_sets(folder, count=3, batch=2, steps=10):
    """data1.npy … dataN.npy: set k holds the value k everywhere, so a window names its set."""
    for k in range(1, count + 1):
        np.save(os.path.join(folder, f"data{k}.npy"), np.full((batch, steps, 1), k, dtype=np.float32))


def drive(DataGenerator, folder, epochs, shuffle, seed):
    """Runs `epochs` epochs as TrainGenerator does; returns, per epoch, the (set, slice) steps."""
    random.seed(seed)
    with contextlib.redirect_stdout(io.StringIO()):
        generator = DataGenerator(
            folder, batch_size=2, shuffle=shuffle, preprocessor="timeseries",
            preprocessor_configs=dict(window_size=4, slide_size=2))
        generator.advance_batch()  # TrainGenerator.__init__ (_init_and_validate) loads the first batch
        done, steps = [], []
        while len(done) < epochs:
            if generator.batch_exhausted:
                generator.advance_batch()
            window, _ = generator.get()
            steps.append((int(window[0, 0, 0]), generator.slice_idx))
            generator.update_state()
            if generator.all_data_exhausted:
                generator.on_epoch_end()
                done.append(steps)
                steps = []
    return done


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as temp:
        if root is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "deeptrain==0.6.0", "-d", temp],
                           check=True)
            wheel = next(f for f in os.listdir(temp) if f.endswith(".whl"))
            zipfile.ZipFile(os.path.join(temp, wheel)).extractall(temp)
            root = temp
        DataGenerator = load_deeptrain(root)
        data = os.path.join(temp, "sets")
        os.makedirs(data)
        write_sets(data)
        # 3 sets of 10 steps, windows of 4 sliding by 2: 1 + (10 - 4) // 2 = 4 slices per set.
        epochs = drive(DataGenerator, data, epochs=3, shuffle=False, seed=0)
        print("epoch_steps", [len(e) for e in epochs])
        print("epoch0_last_steps", epochs[0][-5:])
        print("claim_epoch_ends_after_first_slice_of_last_set",
              all(e[-1][1] == 0 and len(e) == 9 for e in epochs))
        print("epoch_ends_after_last_slice_of_last_set", all(e[-1] == (3, 3) and len(e) == 12 for e in epochs))
        shuffled = [drive(DataGenerator, data, epochs=2, shuffle=True, seed=seed) for seed in range(20)]
        firsts = {tuple(s for s, i in run[0] if i == 0) for run in shuffled}
        seconds = {tuple(s for s, i in run[1] if i == 0) for run in shuffled}
        print("shuffle_true_epoch0_set_orders", sorted(firsts))
        print("shuffle_true_epoch1_set_orders_differ", len(seconds) > 1)
        unshuffled = [drive(DataGenerator, data, epochs=3, shuffle=False, seed=seed) for seed in range(5)]
        print("shuffle_false_set_orders",
              sorted({tuple(s for s, i in e if i == 0) for run in unshuffled for e in run}))
        # TrainGenerator.reset_validation calls val_datagen.reset_state(shuffle=False).
        with contextlib.redirect_stdout(io.StringIO()):
            orders = set()
            for seed in range(20):
                random.seed(seed)
                generator = DataGenerator(data, batch_size=2, shuffle=True)
                generator.reset_state(shuffle=False)
                orders.add(tuple(generator.set_nums_to_process))
        print("reset_state_shuffle_false_orders_on_a_shuffling_generator", sorted(orders))


if __name__ == "__main__":
    main()
