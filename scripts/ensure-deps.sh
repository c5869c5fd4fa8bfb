#!/usr/bin/env bash
# Installs the system packages batchview builds and tests with, when they are missing.
# As root it runs apt-get; otherwise it prints the command to run and fails.
set -euo pipefail

missing=()
pkg-config --exists hdf5-serial 2>/dev/null || missing+=(libhdf5-dev)
[ -f /usr/include/ncursesw/curses.h ] || missing+=(libncursesw5-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ -f /usr/include/zstd.h ] || missing+=(libzstd-dev)
[ -f /usr/include/lz4.h ] || missing+=(liblz4-dev)
[ -f /usr/include/blosc.h ] || missing+=(libblosc-dev)
[ -f /usr/include/liblzf/lzf.h ] || missing+=(liblzf-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-numpy)
# The filter plugins libhdf5 loads for LZF, LZ4, BZip2, Bitshuffle and Blosc datasets (docs/hdf5.md); Debian's
# LZF plugin needs liblzf1 without depending on it.
plugins=/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins
[ -f "$plugins/liblzf_filter.so" ] || missing+=(hdf5-plugin-lzf)
[ -f "$plugins/libh5lz4.so" ] || missing+=(hdf5-filter-plugin)
[ -f "$plugins/libH5Zblosc.so" ] || missing+=(hdf5-filter-plugin-blosc-serial)
[ -f "$plugins/libh5bshuf.so" ] || missing+=(bitshuffle)
[ -f /usr/lib/x86_64-linux-gnu/liblzf.so.1 ] || missing+=(liblzf1)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} …" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "batchview needs these Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# The tests compare our output with NumPy's, h5py's and BatchUp's reading of it
# (scripts/test-requirements.txt).
if ! python3 -c 'import numpy, h5py, scipy, tables, batchup, pytest, albumentations, hdf5plugin' >/dev/null 2>&1; then
  echo "installing the Python packages the tests compare against …" >&2
  python3 -m pip install -q -r "$(dirname "$0")/test-requirements.txt" >/dev/null 2>&1 || {
    echo "the tests need these Python packages; install them with: python3 -m pip install -r scripts/test-requirements.txt" >&2
    exit 1
  }
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "batchview needs the Swift 6 toolchain (swift) on PATH; see https://www.swift.org/install/linux/" >&2
  exit 1
fi
