#!/usr/bin/env bash
# The memorization audit and PRDC, latentcheck against faiss (docs/benchmarks.md, "The audit and PRDC
# against faiss"):
#   bench/audit-vs-faiss.sh [rounds]          default 3 interleaved rounds
# Writes seeded N(0, 1) float32 data to $LATENTCHECK_BENCH_DIR (default /tmp/latentcheck-audit-bench):
# the audit's 10,000 samples (100 of them copies of training rows) + 10,000 held-out rows against
# 200,000 x 64 training rows, and PRDC's 10,000 real and 10,000 generated rows of 64 columns. Each
# round runs, one after the other, `./latentcheck audit --json`, the same searches with faiss
# (bench/audit_reference.py audit, Debian's /usr/bin/python3 with python3-faiss), `./latentcheck
# coverage --json` (PRDC k = 5, improved precision/recall and NDB) and PRDC from faiss searches, then
# PRDC alone in process (io.github.latentcheck.bench.PrdcBench on the same files), every one on 2
# threads under /usr/bin/time -v; the faiss answers are checked against latentcheck's (the script exits
# 1 when one differs). Prints one line per run and a Markdown table: median [range] of wall time, CPU
# time (user + system) and peak resident memory, the load average during the rounds, and the PRDC
# computation's own seconds, Prdc.compute against the faiss script's, with their ratio per round.
# Needs Debian's python3-numpy, python3-faiss and python3-scipy (checked first).
set -euo pipefail
if ! /usr/bin/python3 -c 'import numpy, faiss, scipy.stats' 2> /dev/null; then
  echo "bench/audit-vs-faiss.sh: /usr/bin/python3 lacks numpy, faiss or scipy:" \
    "apt-get install python3-numpy python3-faiss python3-scipy" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
dir="${LATENTCHECK_BENCH_DIR:-/tmp/latentcheck-audit-bench}"
mkdir -p "$dir"
(cd "$here" && mvn -B -q -o -Dstyle.color=never -DskipTests -Dinvoker.skip package)
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(20261207)
train = rng.standard_normal((200000, 64), dtype=np.float32)
np.save(out + "/train.npy", train)
samples = rng.standard_normal((10000, 64), dtype=np.float32)
samples[:100] = train[rng.choice(200000, 100, replace=False)]
np.save(out + "/samples.npy", samples)
np.save(out + "/holdout.npy", rng.standard_normal((10000, 64), dtype=np.float32))
np.save(out + "/real.npy", rng.standard_normal((10000, 64), dtype=np.float32))
np.save(out + "/generated.npy", rng.standard_normal((10000, 64), dtype=np.float32))
PY
export OMP_WAIT_POLICY=PASSIVE
results="$dir/runs.tsv"
: > "$results"
: > "$dir/prdc-seconds.tsv"
measure() {  # name, command...: one run under time -v, a line in runs.tsv
  local name="$1"
  shift
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -v -o "$dir/time.txt" "$@" > "$dir/$name.out" 2> "$dir/$name.err"
  local wall user sys rss
  wall="$(awk -F': ' '/Elapsed/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$dir/time.txt")"
  user="$(awk -F': ' '/User time/ {print $2}' "$dir/time.txt")"
  sys="$(awk -F': ' '/System time/ {print $2}' "$dir/time.txt")"
  rss="$(awk -F': ' '/Maximum resident/ {print $2}' "$dir/time.txt")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$load" >> "$results"
  printf '%-16s wall %6.2f s  cpu %6.2f s  rss %5d MB  load %s\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" \
    "$((rss / 1024))" "$load"
}
cd "$dir"
# One untimed audit first: the first run of a freshly built jar also records the launcher's class data
# sharing archive (docs/cli.md), which would otherwise land in round 1's time.
"$here/latentcheck" audit --samples samples.npy --train train.npy --holdout holdout.npy --threads 2 --json \
  > /dev/null 2>&1 || [ $? -le 1 ]
for round in $(seq "$rounds"); do
  echo "round $round"
  measure latentcheck-audit "$here/latentcheck" audit --samples samples.npy --train train.npy --holdout holdout.npy \
    --threads 2 --json || [ $? -le 1 ]
  measure faiss-audit /usr/bin/python3 "$here/bench/audit_reference.py" audit samples.npy train.npy holdout.npy \
    --threads 2 --check latentcheck-audit.out
  measure latentcheck-prdc "$here/latentcheck" coverage --samples generated.npy --train real.npy --threads 2 \
    --json || [ $? -le 1 ]
  measure faiss-prdc /usr/bin/python3 "$here/bench/audit_reference.py" prdc real.npy generated.npy --threads 2 \
    --check latentcheck-prdc.out
  measure latentcheck-prdc-compute java --add-modules jdk.incubator.vector \
    -cp "$here/target/latentcheck.jar:$here/target/test-classes" io.github.latentcheck.bench.PrdcBench \
    real.npy generated.npy 2 3
  printf '%s\t%s\n' "$(grep -o 'best of [0-9]*: [0-9.]*' latentcheck-prdc-compute.out | cut -d' ' -f4)" \
    "$(grep -o '"seconds": [0-9.]*' faiss-prdc.out | cut -d' ' -f2)" >> "$dir/prdc-seconds.tsv"
done
/usr/bin/python3 - "$results" "$dir/prdc-seconds.tsv" <<'PY'
import statistics
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
def cell(values, unit, fmt):
    values = sorted(values)
    return f"{fmt.format(statistics.median(values))} [{fmt.format(values[0])}–{fmt.format(values[-1])}] {unit}"
print()
print("| run | wall | CPU (user + sys) | peak RSS |")
print("| --- | --- | --- | --- |")
for name in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == name]
    print(f"| {name} | {cell([float(r[1]) for r in mine], 's', '{:.2f}')} | "
          f"{cell([float(r[2]) for r in mine], 's', '{:.2f}')} | {cell([int(r[3]) for r in mine], 'MB', '{:d}')} |")
loads = [float(r[4]) for r in rows]
print(f"\nload average (1 min) at the start of each run: {min(loads):.1f}–{max(loads):.1f}")
pairs = [line.split() for line in open(sys.argv[2]) if line.strip()]
ours = [float(p[0]) for p in pairs]
theirs = [float(p[1]) for p in pairs]
ratios = sorted(t / o for o, t in zip(ours, theirs))
print(f"\nPRDC computation alone, in process: Prdc.compute (best of 3 after a warm-up) "
      f"{cell(ours, 's', '{:.3f}')}, the faiss script's PRDC {cell(theirs, 's', '{:.3f}')}; "
      f"faiss / latentcheck per round {statistics.median(ratios):.2f} [{ratios[0]:.2f}–{ratios[-1]:.2f}]")
PY
