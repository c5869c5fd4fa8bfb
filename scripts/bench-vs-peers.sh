#!/usr/bin/env bash
# Runs each `batchview bench` workload beside its peer from ../shared/bench, interleaved, REPS
# times, and prints one line per run, then per workload the medians: the ratio to the peer, the
# share of this machine's limit (`peers.py limit`, measured first), peak memory against the
# peer's, and the speed-up of --workers 2 over --workers 0. Figures drift with the machine's
# load; ratios taken in the same run hold.
#
#   scripts/bench-vs-peers.sh [REPS]        (default 3; needs: make release bench-fixtures, and
#                                             python3 -m pip install numpy h5py batchup)
#
# Limits (samples/s; one core for --workers 0, two cores for --workers 2 and --workers auto, which
# on two cores is one worker and bench's main thread preparing batches too):
#   memory, mnistlike   cores / (1/gather784 + 1/f32_inplace_784)     (gather, then convert)
#   cifarlike_gz        cores × inflate_chunk_MBps_out × 10^6 / 3072  (inflating is the work)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
FX=${FX:-/tmp/fx}
BIN=${BIN:-.build/release/batchview}
PEERS=../shared/bench/peers.py
[ -x "$BIN" ] || { echo "no release build at $BIN; run: make release" >&2; exit 1; }
[ -f "$FX/mnistlike.h5" ] || { echo "no fixtures in $FX; run: make bench-fixtures" >&2; exit 1; }
[ -f "$FX/cifarlike_blosc.h5" ] || python3 scripts/make-codec-fixtures.py "$FX"   # LZ4 and Blosc copies
cat "$FX"/*.h5 "$FX"/kaggle300/contents/train/*.h5 > /dev/null   # warm the page cache
RUNS=$(mktemp)
trap 'rm -f "$RUNS"' EXIT

echo "machine limits: python3 $PEERS limit"
python3 "$PEERS" limit --fixtures "$FX" | tail -1 | sed 's/^/limit|/' >> "$RUNS"

# name | limit (kind:cores) | batchview arguments | peer arguments
MEM="--generate 60000x28x28 --shuffle --batch-size 128 --epochs 10"
MNIST="$FX/mnistlike.h5 --shuffle --batch-size 128 --epochs 10"
CIFAR="$FX/cifarlike_gz.h5 --shuffle --batch-size 128"
KAGGLE="$FX/kaggle300/contents/train --file-batches"
# The cifarlike images rewritten with hdf5plugin's LZ4 and Blosc (lz4 inside); peers.py imports hdf5plugin.
LZ4="$FX/cifarlike_lz4.h5 --shuffle --batch-size 128 --cache-mb 256"
BLOSC="$FX/cifarlike_blosc.h5 --shuffle --batch-size 128 --cache-mb 256"
WORKLOADS=(
  "memory|gather:1|bench $MEM --workers 0|batchup-mem --dataset mnistlike --epochs 3"
  "memory-w2|gather:2|bench $MEM --workers 2|batchup-mem --dataset mnistlike --epochs 3"
  "memory-auto|gather:2|bench $MEM --workers auto|batchup-mem --dataset mnistlike --epochs 3"
  "mnistlike|gather:1|bench $MNIST --workers 0|batchup-h5 --dataset mnistlike"
  "mnistlike-w2|gather:2|bench $MNIST --workers 2|batchup-h5 --dataset mnistlike"
  "mnistlike-auto|gather:2|bench $MNIST --workers auto|batchup-h5 --dataset mnistlike"
  "cifarlike_gz|inflate:1|bench $CIFAR --workers 0|batchup-h5 --dataset cifarlike_gz"
  "cifarlike_gz-w2|inflate:2|bench $CIFAR --workers 2|batchup-h5 --dataset cifarlike_gz"
  "kaggle300|-|bench $KAGGLE --workers 0|feeder"
  "kaggle300-w2|-|bench $KAGGLE --workers 2|feeder"
  "cifarlike_lz4|-|bench $LZ4|batchup-h5 --dataset $FX/cifarlike_lz4.h5 --cache-mb 256"
  "cifarlike_blosc|-|bench $BLOSC|batchup-h5 --dataset $FX/cifarlike_blosc.h5 --cache-mb 256"
)
for _ in $(seq 1 "$REPS"); do
  for w in "${WORKLOADS[@]}"; do
    IFS='|' read -r name limit ours peer <<<"$w"
    # shellcheck disable=SC2086  # the arguments are words
    o=$($BIN $ours 2>/dev/null | tail -1)
    # shellcheck disable=SC2086
    p=$(python3 "$PEERS" $peer --fixtures "$FX" | tail -1)
    echo "$name|$limit|$ours|$peer|$o|$p" >> "$RUNS"
    python3 -c "import json,sys; o,p=json.loads(sys.argv[1]),json.loads(sys.argv[2]); print(f\"{sys.argv[3]:16s} batchview {o['samples_per_s']:>11.0f}/s {o['peak_rss_MB']:>7} MiB   peer {p['samples_per_s']:>11.0f}/s {p['peak_rss_MB']:>7} MiB\")" "$o" "$p" "$name"
  done
done
python3 - "$RUNS" <<'EOF'
import json, statistics, sys
limit, runs = None, {}
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("|")
    if parts[0] == "limit":
        limit = json.loads(parts[1])
        continue
    name, kind, ours, peer, o, p = parts
    runs.setdefault(name, dict(kind=kind, ours=ours, peer=peer, rows=[]))["rows"].append((json.loads(o), json.loads(p)))

def limit_rate(kind):
    if kind == "-":
        return None
    what, cores = kind.split(":")
    cores = int(cores)
    if what == "gather":
        return cores / (1 / limit["gather784_samples_per_s"] + 1 / limit["f32_inplace_784_samples_per_s"])
    return cores * limit["inflate_chunk_MBps_out"] * 1e6 / 3072

med = statistics.median
print()
print(f"{'workload':16s} {'batchview/s':>12s} {'peer/s':>12s} {'x peer':>7s} {'limit/s':>11s} {'of limit':>8s} {'MiB':>7s} {'x peer MiB':>10s}")
for name, r in runs.items():
    ours = med(o["samples_per_s"] for o, _ in r["rows"])
    peer = med(p["samples_per_s"] for _, p in r["rows"])
    ratio = med(o["samples_per_s"] / p["samples_per_s"] for o, p in r["rows"])
    mem = med(o["peak_rss_MB"] for o, _ in r["rows"])
    mem_ratio = med(o["peak_rss_MB"] / p["peak_rss_MB"] for o, p in r["rows"])
    lim = limit_rate(r["kind"])
    share = f"{ours / lim:8.2f}" if lim else f"{'-':>8s}"
    lim_text = f"{lim:11.0f}" if lim else f"{'-':>11s}"
    print(f"{name:16s} {ours:12.0f} {peer:12.0f} {ratio:7.2f} {lim_text} {share} {mem:7.1f} {mem_ratio:10.2f}")
print()
for name, r in runs.items():
    for variant in ("w2", "auto"):
        if f"{name}-{variant}" in runs:
            pairs = zip(r["rows"], runs[f"{name}-{variant}"]["rows"])
            flag = "2" if variant == "w2" else "auto"
            print(f"{name}: --workers {flag} / --workers 0 = {med(w[0]['samples_per_s'] / w0[0]['samples_per_s'] for w0, w in pairs):.2f} (median of runs)")
print()
for name, r in runs.items():
    print(f"{name}: batchview {r['ours']} | peers.py {r['peer']}")
EOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
