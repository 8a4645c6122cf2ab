#!/usr/bin/env bash
# Cold runs of the quickstart as a new user types it: bench/quickstart-cold.sh [rounds] (default 5).
# Builds the jar once through ./latentcheck, then runs `./latentcheck run experiments/quickstart.yaml`
# rounds times, printing per round the wall time, the process CPU time (user + sys, which a loaded
# machine disturbs less), the experiment time the command reports and the load average; then the medians.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
"$here/latentcheck" --version > /dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for round in $(seq 1 "$rounds"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  out="$( { /usr/bin/time -f 'TIME %e %U %S' "$here/latentcheck" run "$here/experiments/quickstart.yaml"; } 2>&1 )"
  read -r wall user sys <<< "$(grep '^TIME' <<< "$out" | cut -d' ' -f2-)"
  experiment="$(grep -o 'failed in [0-9.]* s' <<< "$out" | cut -d' ' -f3)"
  printf 'round %d (load %s): wall %s s, cpu %.2f s, experiment %s s\n' "$round" "$load" "$wall" \
    "$(echo "$user + $sys" | bc)" "$experiment"
  echo "$wall $(echo "$user + $sys" | bc) $experiment" >> "$log"
done
for col in 1 2 3; do
  sort -n -k"$col","$col" "$log" | awk -v c="$col" '{ v[NR] = $c } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %s: %.2f s\n", (c == 1 ? "wall" : c == 2 ? "cpu" : "experiment"), m }'
done
