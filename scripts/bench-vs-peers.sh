#!/usr/bin/env bash
# Runs each `batchview bench` workload beside its peer from ../shared/bench, interleaved, REPS
# times, and prints one line per run plus the median ratio. Figures drift with the machine's load;
# ratios taken in the same run hold.
#
#   scripts/bench-vs-peers.sh [REPS]        (default 3; needs: make release bench-fixtures, and
#                                             python3 -m pip install numpy h5py batchup)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
FX=${FX:-/tmp/fx}
BIN=${BIN:-.build/release/batchview}
PEERS=../shared/bench/peers.py
[ -x "$BIN" ] || { echo "no release build at $BIN; run: make release" >&2; exit 1; }
[ -f "$FX/mnistlike.h5" ] || { echo "no fixtures in $FX; run: make bench-fixtures" >&2; exit 1; }
cat "$FX"/*.h5 "$FX"/kaggle300/contents/train/*.h5 > /dev/null   # warm the page cache

# name | batchview arguments | peer arguments
WORKLOADS=(
  "memory|bench --generate 60000x28x28 --shuffle --batch-size 128|batchup-mem --dataset mnistlike"
  "memory-w2|bench --generate 60000x28x28 --shuffle --batch-size 128 --workers 2|batchup-mem --dataset mnistlike"
  "mnistlike|bench $FX/mnistlike.h5 --shuffle --batch-size 128|batchup-h5 --dataset mnistlike"
  "mnistlike-w2|bench $FX/mnistlike.h5 --shuffle --batch-size 128 --workers 2|batchup-h5 --dataset mnistlike"
  "cifarlike_gz|bench $FX/cifarlike_gz.h5 --shuffle --batch-size 128|batchup-h5 --dataset cifarlike_gz"
  "cifarlike_gz-w2|bench $FX/cifarlike_gz.h5 --shuffle --batch-size 128 --workers 2|batchup-h5 --dataset cifarlike_gz"
  "kaggle300|bench $FX/kaggle300/contents/train --file-batches|feeder"
  "kaggle300-w2|bench $FX/kaggle300/contents/train --file-batches --workers 2|feeder"
)
field() { python3 -c "import json,sys; r=json.loads(sys.stdin.read()); print(r.get('$1'))"; }
printf '%-16s %14s %14s %8s %10s %10s\n' workload batchview/s peer/s ratio ours_MB peer_MB
for w in "${WORKLOADS[@]}"; do
  IFS='|' read -r name ours peer <<<"$w"
  ratios=()
  for _ in $(seq 1 "$REPS"); do
    o=$($BIN $ours 2>/dev/null | tail -1)
    p=$(python3 "$PEERS" $peer --fixtures "$FX" | tail -1)
    os=$(field samples_per_s <<<"$o"); ps=$(field samples_per_s <<<"$p")
    r=$(python3 -c "print(round($os/$ps, 2))")
    ratios+=("$r")
    printf '%-16s %14s %14s %8s %10s %10s\n' "$name" "$os" "$ps" "$r" "$(field peak_rss_MB <<<"$o")" "$(field peak_rss_MB <<<"$p")"
  done
  echo "$name median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")   (batchview $ours | peers.py $peer)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
