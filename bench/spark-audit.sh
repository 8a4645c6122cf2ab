#!/usr/bin/env bash
# The sharded memorization audit on the local engine and on Spark local[2] (docs/spark.md, "Benchmark"):
#   bench/spark-audit.sh [rows] [columns] [shards]     default 10,000,000 x 128 float32 in 10 shards (5.1 GB)
# Writes seeded N(0, 1) training shards train/img_emb_NNNN.npy to $LATENTCHECK_BENCH_DIR (default
# /tmp/latentcheck-spark), 1,000 held-out rows and 1,000 samples (100 exact copies of training rows, 100
# copies with noise of sd 0.01, 800 fresh rows), then runs the same audit twice under /usr/bin/time -v:
#   local: java -Xmx2g -jar target/latentcheck.jar audit --train DIR --threads 2 ...
#   spark: java -Xmx2g -cp SPARK_JARS org.apache.spark.deploy.SparkSubmit --master local[2]
#          --class io.github.latentcheck.cli.LatentcheckCommand target/latentcheck.jar audit --engine spark ...
# (what bin/spark-submit runs; the Spark jars are the Maven ones of the pom's provided dependency), and
# prints both results.json digests (they must be equal), the times and the load average beside each.
# The data are deleted at the end unless KEEP=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
columns="${2:-128}"
shards="${3:-10}"
dir="${LATENTCHECK_BENCH_DIR:-/tmp/latentcheck-spark}"
mkdir -p "$dir/train"
cleanup() {
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$dir"/train "$dir"/holdout.npy "$dir"/samples.npy; fi
}
trap cleanup EXIT

(cd "$here" && mvn -B -q -o -Dstyle.color=never -DskipTests -Dinvoker.skip package \
  && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=provided \
     -Dmdep.outputFile=target/spark-classpath.txt)

if [ ! -e "$dir/train/img_emb_0000.npy" ]; then
python3 - "$dir" "$rows" "$columns" "$shards" <<'PY'
import sys, time
import numpy as np
from numpy.lib.format import open_memmap
out, rows, columns, shards = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t0 = time.time()
per = (rows + shards - 1) // shards
picked = np.sort(np.random.default_rng(7).choice(rows, 200, replace=False))
copies = np.empty((200, columns), dtype=np.float32)
for s in range(shards):
    first, last = s * per, min(rows, (s + 1) * per)
    shard = open_memmap(f"{out}/train/img_emb_{s:04d}.npy", mode="w+", dtype="<f4", shape=(last - first, columns))
    chunk = 500_000
    for start in range(first, last, chunk):
        end = min(last, start + chunk)
        rng = np.random.default_rng([20261207, start])
        shard[start - first:end - first] = rng.standard_normal((end - start, columns), dtype=np.float32)
    mine = (picked >= first) & (picked < last)
    copies[mine] = shard[picked[mine] - first]
    shard.flush()
    del shard
rng = np.random.default_rng(8)
copies[100:] += rng.normal(0, 0.01, copies[100:].shape).astype(np.float32)
fresh = rng.standard_normal((800, columns), dtype=np.float32)
np.save(out + "/samples.npy", np.concatenate([copies, fresh]))
np.save(out + "/holdout.npy", rng.standard_normal((1000, columns), dtype=np.float32))
print(f"wrote {rows} x {columns} float32 training rows in {shards} shards in {time.time() - t0:.0f} s",
      file=sys.stderr)
PY
fi
ls -l "$dir/train" | head -3

args=(audit --samples "$dir/samples.npy" --train "$dir/train" --holdout "$dir/holdout.npy" --seed 1)
java -version 2>&1 | head -1
run() {
  name="$1"; shift
  rm -rf "$dir/out-$name"
  echo "== $name: load before: $(uptime)"
  /usr/bin/time -v -o "$dir/time-$name.txt" "$@" --out "$dir/out-$name" > "$dir/stdout-$name.txt" \
    2> "$dir/stderr-$name.txt" || true
  echo "== $name: load after:  $(uptime)"
  grep -E "Elapsed|User time|System time|Percent of CPU|Maximum resident" "$dir/time-$name.txt"
  sha256sum "$dir/out-$name/results.json"
}
run local java -Xmx2g --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -jar "$here/target/latentcheck.jar" "${args[@]}" --threads 2
run spark java -Xmx2g --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -Dspark.ui.enabled=false -Dspark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector \
  -cp "$(cat "$here/target/spark-classpath.txt")" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
  --class io.github.latentcheck.cli.LatentcheckCommand "$here/target/latentcheck.jar" "${args[@]}" --engine spark
cmp "$dir/out-local/results.json" "$dir/out-spark/results.json" && echo "results.json identical"
grep -v "^WARNING: Using incubator modules" "$dir/stderr-spark.txt" | grep -vE " INFO | WARN " | tail -5 || true
