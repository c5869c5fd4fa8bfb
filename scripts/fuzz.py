#!/usr/bin/env python3
"""Mutation fuzzer for batchview's file reading (`make fuzz`, and a short run in `make test`).

Each mutant is a copy of one of the seed files (the h5py-written fixtures in ../shared/fixtures and
the bundled Assets) with one to three mutations: bit flips, a run of overwritten bytes, a
truncation, bit flips inside the superblock and object headers, or inside a dataset's stored
bytes (its contiguous storage or one of its chunks, located with h5py on the original). Four
commands run on every mutant — `info`, `frame`, `bench`, `dump` (on the automatic read path and on
`--read-path library`) — each with a time limit, and every run is classified:

  crash   killed by a signal, or a Swift runtime trap ("Fatal error")
  hang    still running at the time limit (then killed)
  noisy   an error that is not one sentence: several lines on stderr, or libhdf5's own
          diagnostics ("HDF5-DIAG") leaking through
  error   a non-zero exit with one line on stderr (what a damaged file should get)
  ok      exit 0

Each `dump --indices 0,1` is then checked against h5py reading the same rows of the same (mutated)
file: `wrong` when both return rows and the bytes differ, or when batchview returns rows that
h5py (libhdf5) refuses to read. Finally the mutant's bytes are hashed again: a changed input is
`changed`.

Every finding keeps its mutant under OUT/failures/ with a one-line reproduction in
OUT/failures.txt. The run prints a progress line on stderr and ends with one JSON line of counts
on stdout; it exits 1 when anything but `error`/`ok` was found.

    scripts/fuzz.py --count 10000 --seed 1 --jobs 2 --bin .build/release/batchview --out /tmp/fuzz
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FINDINGS = ("crash", "hang", "noisy", "wrong", "changed")


def seed_files():
    """The files mutants are made from: the h5py-written fixtures and the bundled assets."""
    fixtures = os.path.join(ROOT, "..", "shared", "fixtures")
    names = []
    for folder in (fixtures, os.path.join(fixtures, "kaggle_dir"), os.path.join(ROOT, "Assets")):
        if os.path.isdir(folder):
            names += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".h5")]
    return [os.path.normpath(n) for n in names]


class Seed:
    """A seed file, what batchview picks in it, and where its datasets' bytes lie (from h5py)."""

    def __init__(self, path, binary):
        self.path = path
        with open(path, "rb") as f:
            self.data = f.read()
        self.images, self.labels = picked_datasets(binary, path)
        self.header_regions = []  # (start, end) of object headers
        self.data_regions = []  # (start, end) of stored dataset bytes
        try:
            import h5py

            with h5py.File(path, "r") as f:
                f.visititems(self._collect)
        except Exception:
            pass

    def _collect(self, name, obj):
        import h5py

        try:
            info = h5py.h5o.get_info(obj.id)
            self.header_regions.append((info.addr, info.addr + 512))
        except Exception:
            pass
        if not isinstance(obj, h5py.Dataset):
            return
        try:
            if obj.chunks is None:
                offset = obj.id.get_offset()
                if offset is not None:
                    self.data_regions.append((offset, offset + obj.id.get_storage_size()))
            else:
                for i in range(min(obj.id.get_num_chunks(), 64)):
                    chunk = obj.id.get_chunk_info(i)
                    self.data_regions.append((chunk.byte_offset, chunk.byte_offset + chunk.size))
        except Exception:
            pass


def picked_datasets(binary, path):
    """The image and label datasets batchview picks in the unmutated file (None when it refuses)."""
    try:
        out = subprocess.run([binary, "info", path, "--json"], capture_output=True, timeout=30, text=True)
        report = json.loads(out.stdout)
        picked = report.get("picked") or {}
        return picked.get("images"), picked.get("labels")
    except Exception:
        return None, None


def mutate(seed, rng):
    """A mutated copy of the seed's bytes and a short description of what was done."""
    data = bytearray(seed.data)
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        kind = rng.choice(("bits", "bits", "run", "truncate", "header", "header", "chunk"))
        if kind == "truncate" and len(data) > 16:
            cut = rng.randrange(8, len(data))
            del data[cut:]
            done.append("truncate@%d" % cut)
            continue
        if kind in ("header", "chunk"):
            regions = seed.header_regions if kind == "header" else seed.data_regions
            regions = [(a, min(b, len(data))) for a, b in regions if a < len(data) and b > a]
            if not regions:
                kind = "bits"
            else:
                start, end = rng.choice(regions)
                for _ in range(rng.randint(1, 4)):
                    at = rng.randrange(start, max(end, start + 1))
                    if at < len(data):
                        bit = rng.randrange(8)
                        data[at] ^= 1 << bit
                        done.append("%s-bit@%d.%d" % (kind, at, bit))
                continue
        if kind == "bits":
            for _ in range(rng.randint(1, 8)):
                if not data:
                    break
                at = rng.randrange(len(data))
                bit = rng.randrange(8)
                data[at] ^= 1 << bit
                done.append("bit@%d.%d" % (at, bit))
        elif kind == "run" and data:
            at = rng.randrange(len(data))
            length = rng.randint(1, 64)
            fill = rng.choice(("zero", "ones", "random"))
            for i in range(at, min(at + length, len(data))):
                data[i] = 0 if fill == "zero" else 0xFF if fill == "ones" else rng.randrange(256)
            done.append("run-%s@%d+%d" % (fill, at, length))
    return bytes(data), " ".join(done)


def classify(returncode, stderr, timed_out):
    if timed_out:
        return "hang"
    if returncode < 0 or "Fatal error" in stderr or "Illegal instruction" in stderr:
        return "crash"
    lines = [line for line in stderr.splitlines() if line.strip()]
    noise = "HDF5-DIAG" in stderr or any(line.lstrip().startswith("#0") for line in lines)
    if returncode == 0:
        return "noisy" if noise else "ok"
    return "noisy" if noise or len(lines) > 1 else "error"


def telling_line(stderr):
    """The line of stderr that says most: a runtime trap's message, else the first error line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for marker in ("Fatal error", "Crash", "Error:", "error:"):
        for line in lines:
            if marker in line:
                return line[:240]
    return (lines[0] if lines else "")[:240]


def run(command, timeout):
    """Runs a command in its own process group; returns (returncode, stderr, timed out, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=dict(os.environ, TERM="dumb"),
    )
    try:
        _, err = process.communicate(timeout=timeout)
        return process.returncode, err.decode("utf-8", "replace"), False, time.monotonic() - started
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
        return process.returncode, err.decode("utf-8", "replace"), True, time.monotonic() - started


def commands(binary, mutant, out_dir):
    return {
        "info": [binary, "info", mutant],
        "frame": [binary, "frame", mutant, "--size", "80x24", "--keys", "n n", "--color", "none"],
        "bench": [binary, "bench", mutant, "--epochs", "1", "--batch-size", "16"],
        "dump": [binary, "dump", mutant, "--indices", "0,1", "-o", out_dir],
        "dump-library": [binary, "dump", mutant, "--indices", "0,1", "-o", out_dir + "-library", "--read-path", "library"],
    }


def h5py_rows(path, name):
    """Rows 0 and 1 of dataset `name` as libhdf5 returns them through h5py, or None if it refuses."""
    import h5py
    import numpy as np

    try:
        with h5py.File(path, "r") as f:
            dataset = f[name]
            return np.ascontiguousarray(dataset[0:2])
    except Exception:
        return None


def text_label_indices(path, name):
    """Rows 0 and 1 of text labels `name` as batchview's class indices (the sorted distinct texts,
    NumPy's unique), or None when the file lists class names (then batchview uses those)."""
    import h5py
    import numpy as np

    try:
        with h5py.File(path, "r") as f:
            keys = ("class_names", "classes", "label_names", "target_names")
            if any(key in h.attrs or key in f for h in (f, f[name], f[name].parent) for key in keys):
                return None
            texts = [t if isinstance(t, bytes) else str(t).encode() for t in f[name][:]]
            return np.unique(np.array(texts, dtype=object), return_inverse=True)[1].reshape(-1)[0:2].astype(np.int64)
    except Exception:
        return None


def present(path, name):
    """Whether h5py finds a link called `name` in the file at `path`."""
    import h5py

    try:
        with h5py.File(path, "r") as f:
            return name in f
    except Exception:
        return True  # h5py cannot open the file: the comparison says so


def compare_dump(mutant, out_dir, seed, binary):
    """None when dump agrees with h5py (or there is nothing to compare), else a sentence."""
    import numpy as np

    picked = (seed.images, seed.labels)
    if any(name is not None and not present(mutant, name) for name in picked):
        # A mutated link name: batchview picked other datasets in the mutant; compare those.
        picked = picked_datasets(binary, mutant)
    for file_name, dataset in zip(("images.npy", "labels.npy"), picked):
        written = os.path.join(out_dir, file_name)
        if dataset is None or not os.path.exists(written):
            continue
        ours = np.load(written)
        theirs = h5py_rows(mutant, dataset)
        if theirs is not None and file_name == "labels.npy" and theirs.dtype.kind in "SUO":
            theirs = text_label_indices(mutant, dataset)  # text labels are dumped as class indices
            if theirs is None:
                continue
        if theirs is None:
            return "dump wrote %s but h5py cannot read %s rows 0,1" % (file_name, dataset)
        if ours.dtype == np.float32 and theirs.dtype != np.float32 and theirs.dtype.kind == "f":
            theirs = theirs.astype(np.float32)
        if ours.tobytes() != np.ascontiguousarray(theirs).astype(ours.dtype, copy=False).tobytes() or (
            ours.shape != theirs.shape
        ):
            return "dump's %s differs from h5py's %s rows 0,1" % (file_name, dataset)
    return None


def fuzz_one(job):
    """Makes mutant `number`, runs the commands on it, and returns its findings."""
    number, seed, binary, work, timeout, master_seed = job
    rng = random.Random("%d:%d" % (master_seed, number))
    data, mutation = mutate(seed, rng)
    folder = tempfile.mkdtemp(prefix="m%d-" % number, dir=work)
    mutant = os.path.join(folder, os.path.basename(seed.path))
    with open(mutant, "wb") as f:
        f.write(data)
    before = hashlib.sha256(data).hexdigest()
    out_dir = os.path.join(folder, "dump")
    results = {}
    findings = []
    for name, command in commands(binary, mutant, out_dir).items():
        code, err, timed_out, seconds = run(command, timeout)
        verdict = classify(code, err, timed_out)
        results[name] = verdict
        if verdict in FINDINGS:
            findings.append((verdict, name, "exit %s after %.1f s: %s" % (code, seconds, telling_line(err))))
        if name.startswith("dump") and verdict == "ok":
            problem = compare_dump(mutant, out_dir + name[len("dump"):], seed, binary)
            if problem:
                results[name] = "wrong"
                findings.append(("wrong", name, problem))
    with open(mutant, "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != before:
            findings.append(("changed", "all", "the mutant's bytes changed while batchview read it"))
    return number, seed.path, mutation, results, findings, folder, mutant


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10000, help="mutants to make (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="the run's seed: the same seed makes the same mutants")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants run at once (default: all cores)")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "batchview"), help="the batchview binary")
    parser.add_argument("--out", default="/tmp/batchview-fuzz", help="where findings are kept")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a command may take before it is a hang")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("fuzz: no batchview binary at %s; build it first (make release)" % binary)
    if args.count < 1:
        sys.exit("fuzz: --count must be at least 1")

    seeds = [Seed(path, binary) for path in seed_files()]
    if not seeds:
        sys.exit("fuzz: no seed files found (../shared/fixtures, Assets)")
    failures = os.path.join(args.out, "failures")
    os.makedirs(failures, exist_ok=True)
    work = tempfile.mkdtemp(prefix="work-", dir=args.out)
    report = open(os.path.join(args.out, "failures.txt"), "w")
    counts = {k: 0 for k in ("crash", "hang", "noisy", "wrong", "changed", "error", "ok")}
    started = time.monotonic()
    jobs = ((n, seeds[n % len(seeds)], binary, work, args.timeout, args.seed) for n in range(args.count))
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for number, seed_path, mutation, results, findings, folder, mutant in pool.map(fuzz_one, jobs):
            done += 1
            for verdict in results.values():
                counts[verdict] += 1
            for verdict, command, detail in findings:
                if verdict == "changed":
                    counts["changed"] += 1
                kept = os.path.join(failures, "%s-%06d-%s" % (verdict, number, os.path.basename(seed_path)))
                if not os.path.exists(kept):
                    shutil.copyfile(mutant, kept)
                report.write(
                    "%s %s: %s %s  # from %s (%s); %s\n"
                    % (verdict, command, binary, " ".join(commands(binary, kept, "/tmp/fuzz-dump")[command][1:])
                       if command != "all" else "info " + kept, seed_path, mutation, detail)
                )
                report.flush()
            shutil.rmtree(folder, ignore_errors=True)
            if sys.stderr.isatty() or done % 50 == 0 or done == args.count:
                elapsed = time.monotonic() - started
                found = sum(counts[k] for k in FINDINGS)
                sys.stderr.write(
                    "\rfuzz: %d/%d mutants, %d findings, %.0f s" % (done, args.count, found, elapsed)
                    + ("" if sys.stderr.isatty() else "\n")
                )
    sys.stderr.write("\n")
    shutil.rmtree(work, ignore_errors=True)
    report.close()
    summary = dict(counts, mutants=args.count, seed=args.seed, seconds=round(time.monotonic() - started, 1),
                   failures=os.path.join(args.out, "failures.txt"))
    print(json.dumps(summary))
    sys.exit(1 if any(counts[k] for k in FINDINGS) else 0)


if __name__ == "__main__":
    main()
