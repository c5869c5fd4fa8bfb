#!/usr/bin/env bash
# Memory over time: runs `batchview bench` for EPOCHS epochs over each workload with --workers 2,
# prints the resident memory after every epoch, and fails when it grows by MAX_GROWTH_PCT or more
# from the end of epoch 2 to the end of the run (epoch 1 fills the pools and caches).
#
#   scripts/soak.sh                 20 epochs of mnistlike.h5 and kaggle300 (needs: make release
#                                   bench-fixtures)
#   scripts/soak.sh --quick         3 epochs of a small generated workload (what `make test` runs)
#
# BIN picks the binary (default .build/release/batchview), FX the fixtures (default /tmp/fx).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/batchview}
FX=${FX:-/tmp/fx}
MAX_GROWTH_PCT=${MAX_GROWTH_PCT:-2}
[ -x "$BIN" ] || { echo "no batchview binary at $BIN; run: make release" >&2; exit 1; }

if [ "${1:-}" = "--quick" ]; then
  EPOCHS=3
  WORKLOADS=("generated|--generate 6000x28x28 --shuffle --batch-size 128")
else
  EPOCHS=${EPOCHS:-20}
  [ -f "$FX/mnistlike.h5" ] || { echo "no fixtures in $FX; run: make bench-fixtures" >&2; exit 1; }
  WORKLOADS=(
    "mnistlike|$FX/mnistlike.h5 --shuffle --batch-size 128"
    "kaggle300|$FX/kaggle300/contents/train --file-batches"
  )
fi

failed=0
for w in "${WORKLOADS[@]}"; do
  IFS='|' read -r name arguments <<<"$w"
  # shellcheck disable=SC2086  # the arguments are words
  record=$("$BIN" bench $arguments --epochs "$EPOCHS" --workers 2 2>/dev/null | tail -1)
  python3 - "$name" "$MAX_GROWTH_PCT" "$record" <<'EOF' || failed=1
import json, sys
name, limit, record = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
rss = record["rss_by_epoch_MB"]
print(f"{name}: {record['samples_per_s']:.0f} samples/s, peak {record['peak_rss_MB']} MiB")
for epoch, mib in enumerate(rss, 1):
    print(f"  epoch {epoch:2d}  RSS {mib:8.1f} MiB")
if len(rss) < 3:
    sys.exit(f"{name}: only {len(rss)} epochs recorded; the check needs 3 or more")
growth = (rss[-1] - rss[1]) / rss[1] * 100
verdict = "ok" if growth < limit else "FAIL"
print(f"  growth after epoch 2: {growth:+.2f} % (limit {limit:g} %) {verdict}")
sys.exit(0 if growth < limit else 1)
EOF
done
exit $failed
