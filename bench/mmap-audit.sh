#!/usr/bin/env bash
# The memory-mapped memorization audit at scale (docs/benchmarks.md, "Memory-mapped audit"):
#   bench/mmap-audit.sh [rows] [columns]        default 10,000,000 x 128 float32 (5.1 GB)
# Writes seeded N(0, 1) training rows to $LATENTCHECK_BENCH_DIR (default /tmp/latentcheck-mmap) in
# chunks, 1,000 held-out rows and 1,000 samples (100 exact copies of training rows, 100 copies with
# noise of sd 0.01, 800 fresh rows), runs `audit` with -Xmx2g and the launcher's serial collector under
# /usr/bin/time -v, samples the
# process's anonymous and file-backed resident memory every second, and prints the JSON result, the
# time and the memory peaks. The data files are deleted at the end unless KEEP=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
columns="${2:-128}"
dir="${LATENTCHECK_BENCH_DIR:-/tmp/latentcheck-mmap}"
mkdir -p "$dir"
cleanup() {
  if [ "${KEEP:-0}" != 1 ]; then rm -f "$dir"/train.npy "$dir"/holdout.npy "$dir"/samples.npy; fi
}
trap cleanup EXIT

(cd "$here" && mvn -B -q -o -Dstyle.color=never -DskipTests package)

python3 - "$dir" "$rows" "$columns" <<'PY'
import sys, time
import numpy as np
from numpy.lib.format import open_memmap
out, rows, columns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0 = time.time()
train = open_memmap(out + "/train.npy", mode="w+", dtype="<f4", shape=(rows, columns))
chunk = 500_000
for start in range(0, rows, chunk):
    end = min(rows, start + chunk)
    rng = np.random.default_rng([20261123, start])
    train[start:end] = rng.standard_normal((end - start, columns), dtype=np.float32)
train.flush()
rng = np.random.default_rng(7)
picked = np.sort(rng.choice(rows, 200, replace=False))
copies = np.array(train[picked])
copies[100:] += rng.normal(0, 0.01, copies[100:].shape).astype(np.float32)
fresh = rng.standard_normal((800, columns), dtype=np.float32)
np.save(out + "/samples.npy", np.concatenate([copies, fresh]))
np.save(out + "/holdout.npy", rng.standard_normal((1000, columns), dtype=np.float32))
del train
print(f"wrote {rows} x {columns} float32 training rows in {time.time() - t0:.0f} s", file=sys.stderr)
PY
ls -l "$dir"

java -version 2>&1 | head -1
# The launcher's options (./latentcheck: the serial collector), java run directly so that its memory is sampled.
/usr/bin/time -v -o "$dir/time.txt" java -Xmx2g -XX:+UseSerialGC --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -jar "$here/target/latentcheck.jar" audit --samples "$dir/samples.npy" --train "$dir/train.npy" \
  --holdout "$dir/holdout.npy" --json > "$dir/result.json" 2> "$dir/stderr.txt" &
timer=$!
anon=0
file=0
while kill -0 "$timer" 2> /dev/null; do
  pid="$(pgrep -P "$timer" java || true)"
  if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    a="$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2> /dev/null || echo 0)"
    f="$(awk '/RssFile/ {print $2}' "/proc/$pid/status" 2> /dev/null || echo 0)"
    [ "${a:-0}" -gt "$anon" ] && anon="$a"
    [ "${f:-0}" -gt "$file" ] && file="$f"
  fi
  sleep 1
done
# Status 1 is the expected verdict (the samples hold copies); 2 or more is a failure of the run.
status=0
wait "$timer" || status=$?
if [ "$status" -gt 1 ]; then
  cat "$dir/stderr.txt" >&2
  exit "$status"
fi
cat "$dir/result.json"
grep -v "^WARNING: Using incubator modules" "$dir/stderr.txt" || true
grep -E "Elapsed|Maximum resident|User time|System time|Percent of CPU" "$dir/time.txt"
echo "peak RssAnon (heap, native, JIT): $((anon / 1024)) MB; peak RssFile (mapped training pages, shared page cache): $((file / 1024)) MB"
