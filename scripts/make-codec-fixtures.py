#!/usr/bin/env python3
"""Writes the bench's cifarlike fixture again with the compressors h5py users add through hdf5plugin.

    python3 scripts/make-codec-fixtures.py [FOLDER]      (default /tmp/fx; needs cifarlike_gz.h5 there)

Each copy keeps cifarlike_gz.h5's datasets, chunks and attributes; only the images' filter changes:
cifarlike_lz4.h5 (hdf5plugin.LZ4()) and cifarlike_blosc.h5 (hdf5plugin.Blosc(cname='lz4'), byte
shuffle). Existing copies are kept.
"""
import os
import sys

import h5py
import hdf5plugin

FILTERS = {
    "cifarlike_lz4.h5": hdf5plugin.LZ4(),
    "cifarlike_blosc.h5": hdf5plugin.Blosc(cname="lz4", clevel=5, shuffle=hdf5plugin.Blosc.SHUFFLE),
}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/fx"
    source_path = os.path.join(folder, "cifarlike_gz.h5")
    for name, compression in FILTERS.items():
        target_path = os.path.join(folder, name)
        if os.path.exists(target_path):
            continue
        partial = target_path + ".partial"
        with h5py.File(source_path, "r") as source, h5py.File(partial, "w") as target:
            target.attrs.update(source.attrs)
            for key, dataset in source.items():
                options = dict(compression) if key == "images" else dict(
                    compression=dataset.compression, compression_opts=dataset.compression_opts,
                    shuffle=dataset.shuffle)
                copy = target.create_dataset(key, data=dataset[...], chunks=dataset.chunks, **options)
                copy.attrs.update(dataset.attrs)
        os.replace(partial, target_path)
        print("wrote", target_path)


if __name__ == "__main__":
    main()
