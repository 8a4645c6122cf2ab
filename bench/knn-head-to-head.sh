#!/usr/bin/env bash
# Paired head-to-head of the k-NN search against faiss (IndexFlatL2), numpy (blocked GEMM) and the
# scikit-learn kd-tree (up to 3 dimensions), every cell of issue #21's table:
#   bench/knn-head-to-head.sh [rounds] [n,m,d ...]   (default: 3 rounds of the five shapes below)
# LIBS overrides the peers (default "numpy sklearn-kd faiss"; knn_reference.py also knows sklearn-brute
# and torch). Each round runs, shape after shape, latentcheck with the Vector API kernel (KnnBench, best
# of 3), the plain-Java kernel (best of 1) and the Python libraries (best of 2, 2 threads, each answer
# checked against an exact float64 search on its first 200 queries: queries that differ beyond exact
# ties are printed when any), with the 1-minute load before each. Pairing the runs in time cancels most of
# a shared host's drift, which moves single timings on this machine by up to 2× (see docs/benchmarks.md).
# At the end it prints a Markdown table: per shape and k, the fastest peer's time divided by
# latentcheck's (above 1 = latentcheck faster), median [range] over the rounds, for the Vector API
# kernel and for the plain-Java one, and the load range during the rounds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
shift || true
if [ "$#" -gt 0 ]; then
  shapes=("$@")
else
  shapes=(10000,100000,2 10000,100000,16 10000,100000,64 400,100000,512 2000,1000000,128)
fi
read -r -a libs <<< "${LIBS:-numpy sklearn-kd faiss}"
(cd "$here" && mvn -B -q -Dstyle.color=never test-compile)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cp="$here/target/classes:$here/target/test-classes"
load() { cut -d' ' -f1 /proc/loadavg; }
for round in $(seq 1 "$rounds"); do
  for shape in "${shapes[@]}"; do
    echo "load $round $shape $(load)" >> "$log"
    java --add-modules jdk.incubator.vector -Xmx12g -cp "$cp" io.github.latentcheck.knn.KnnBench 3 "$shape" \
      2>/dev/null | awk -v r="$round" -v s="$shape" '/^[0-9]/ {print "time", r, s, "latentcheck", $6, $7}' >> "$log"
    java -Dlatentcheck.vector=false -Xmx12g -cp "$cp" io.github.latentcheck.knn.KnnBench 1 "$shape" \
      2>/dev/null | awk -v r="$round" -v s="$shape" '/^[0-9]/ {print "time", r, s, "plain-java", $6, $7}' >> "$log"
    env -u OPENBLAS_CORETYPE /usr/bin/python3 "$here/bench/knn_reference.py" --repeats 2 --threads 2 \
      --shapes "$shape" --libs "${libs[@]}" 2>/dev/null \
      | awk -v r="$round" -v s="$shape" '/^(numpy|sklearn|torch|faiss)/ {
          print "time", r, s, $1, $7, $8
          if ($10 != "0" && $10 != "-") print "  round " r " " s " " $1 " k=" $7 ": " $10 " queries differ beyond exact ties" > "/dev/stderr" }' >> "$log"
    awk -v r="$round" -v s="$shape" '
      $1 == "load" && $2 == r && $3 == s { load = $4 }
      $1 == "time" && $2 == r && $3 == s {
        if ($4 == "latentcheck") lc[$5] = $6
        else if ($4 == "plain-java") plain[$5] = $6
        else if (!($5 in best) || $6 < best[$5]) { best[$5] = $6; who[$5] = $4 } }
      END { printf "round %d %s (load %s):", r, s, load
            for (k = 1; k <= 5; k += 4) printf "  k=%d latentcheck %.3f s (plain Java %.3f s), %s %.3f s, %.2fx", k, lc[k], plain[k], who[k], best[k], best[k] / lc[k]
            printf "\n" }' "$log"
  done
done
awk -v shapes="${shapes[*]}" '
  function summary(kind, s, k,    n, r, i, j, t, v, median) {
    n = 0
    for (r = 1; r <= rounds; r++) if ((r, s, kind, k) in time && (r, s, k) in best) v[++n] = best[r, s, k] / time[r, s, kind, k]
    if (n == 0) return "–"
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    median = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    return sprintf("%.2f [%.2f–%.2f]", median, v[1], v[n])
  }
  function peer(s, k,    r, c, name, top) {
    for (r = 1; r <= rounds; r++) if ((r, s, k) in who) c[who[r, s, k]]++
    top = ""
    for (name in c) if (top == "" || c[name] > c[top]) top = name
    return top
  }
  $1 == "load" { if (minLoad == "" || $4 < minLoad) minLoad = $4; if ($4 > maxLoad) maxLoad = $4 }
  $1 == "time" {
    if ($2 > rounds) rounds = $2
    if ($4 == "latentcheck" || $4 == "plain-java") time[$2, $3, $4, $5] = $6
    else if (!(($2, $3, $5) in best) || $6 < best[$2, $3, $5]) { best[$2, $3, $5] = $6; who[$2, $3, $5] = $4 }
  }
  END {
    printf "\n%d interleaved rounds, load %s–%s; fastest peer time / latentcheck time, median [range]:\n\n", rounds, minLoad, maxLoad
    print "| queries × rows × dims | k = 1 | k = 1, plain Java | k = 5 | k = 5, plain Java |"
    print "| --- | --- | --- | --- | --- |"
    split(shapes, list, " ")
    for (i = 1; i in list; i++) {
      s = list[i]; split(s, p, ",")
      printf "| %s × %s × %s |", p[1], p[2], p[3]
      for (k = 1; k <= 5; k += 4) printf " %s vs %s | %s |", summary("latentcheck", s, k), peer(s, k), summary("plain-java", s, k)
      printf "\n"
    }
  }' "$log"
