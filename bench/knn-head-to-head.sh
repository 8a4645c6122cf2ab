#!/usr/bin/env bash
# Paired head-to-head of the k-NN search against numpy, scikit-learn (brute force, and the kd-tree up to
# 3 dimensions), torch and faiss (IndexFlatL2):
#   bench/knn-head-to-head.sh [rounds] [n,m,d]      (default: 6 rounds of 400,100000,512)
# Each round runs latentcheck (KnnBench, best of 3; the Vector API kernel, then the plain-Java one,
# whose time is printed beside it) and then the Python libraries (best of 2, 2 threads, each answer
# checked against an exact float64 search: "differ" queries beyond exact ties are printed when any)
# back to back, and prints the load and latentcheck's speed-up over the fastest of them for k = 1 and
# k = 5; the summary is the median speed-up over the rounds. Pairing the runs in time cancels most of a shared host's
# drift, which moves single timings on this machine by up to 2× (see docs/benchmarks.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-6}"
shape="${2:-400,100000,512}"
(cd "$here" && mvn -B -q test-compile)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for round in $(seq 1 "$rounds"); do
  java --add-modules jdk.incubator.vector -Xmx12g -cp "$here/target/classes:$here/target/test-classes" \
    io.github.latentcheck.knn.KnnBench 3 "$shape" 2>/dev/null | awk -v r="$round" '/^[0-9]/ {print r, "latentcheck", $6, $7}' >> "$log"
  java -Dlatentcheck.vector=false -Xmx12g -cp "$here/target/classes:$here/target/test-classes" \
    io.github.latentcheck.knn.KnnBench 1 "$shape" 2>/dev/null | awk -v r="$round" '/^[0-9]/ {print r, "plain-java", $6, $7}' >> "$log"
  env -u OPENBLAS_CORETYPE /usr/bin/python3 "$here/bench/knn_reference.py" --repeats 2 --threads 2 --shapes "$shape" \
    --libs numpy sklearn-brute sklearn-kd torch faiss 2>/dev/null \
    | awk -v r="$round" '/^(numpy|sklearn|torch|faiss)/ { print r, $1, $7, $8; if ($10 != "0" && $10 != "-") print "  " $1 " k=" $7 ": " $10 " queries differ beyond exact ties" > "/dev/stderr" }' >> "$log"
  awk -v r="$round" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    $1 == r && $2 == "latentcheck" { lc[$3] = $4 }
    $1 == r && $2 == "plain-java" { plain[$3] = $4 }
    $1 == r && $2 != "latentcheck" && $2 != "plain-java" { if (!($3 in best) || $4 < best[$3]) { best[$3] = $4; who[$3] = $2 } }
    END { printf "round %d (load %s):", r, load
          for (k = 1; k <= 5; k += 4) printf "  k=%d latentcheck %.3f s (plain Java %.3f s), %s %.3f s, %.2fx", k, lc[k], plain[k], who[k], best[k], best[k] / lc[k]
          printf "\n" }' "$log"
done
awk '
  $2 == "latentcheck" { lc[$1, $3] = $4; rounds[$1] = 1 }
  $2 != "latentcheck" && $2 != "plain-java" { key = $1 SUBSEP $3; if (!(key in best) || $4 < best[key]) best[key] = $4 }
  END {
    for (k = 1; k <= 5; k += 4) {
      n = 0
      for (r in rounds) ratio[++n] = best[r, k] / lc[r, k]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
      median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
      printf "k=%d: median speed-up over the fastest other library %.2fx (range %.2f-%.2fx, %d rounds)\n", k, median, ratio[1], ratio[n], n
    }
  }' "$log"
