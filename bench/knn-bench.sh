#!/usr/bin/env bash
# Times the k-NN search: bench/knn-bench.sh [repeats] [n,m,d ...]  (see docs/benchmarks.md).
# Set LATENTCHECK_VECTOR=false to time the plain-Java kernel.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$here" && mvn -B -q test-compile)
exec java --add-modules jdk.incubator.vector -Xmx12g -Dlatentcheck.vector="${LATENTCHECK_VECTOR:-true}" \
  -cp "$here/target/classes:$here/target/test-classes" io.github.latentcheck.knn.KnnBench "$@"
