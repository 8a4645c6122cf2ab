#!/usr/bin/env bash
# Cold runs of the quickstart as a new user types it: bench/quickstart-cold.sh [rounds] (default 5).
# Builds the jar once through ./latentcheck (and its class data sharing archive, by one untimed run),
# then runs `./latentcheck run experiments/quickstart.yaml` rounds times with the archive and rounds
# times without it (LATENTCHECK_CDS=0), interleaved, printing per run the load average, the wall time,
# the process CPU time (user + sys, which a loaded machine disturbs less), the experiment time the
# command reports and the rest of the wall time (JVM start, spec and data, reports); then the medians.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
out="$(mktemp -d)"
log="$out/times"
trap 'rm -rf "$out"' EXIT
"$here/latentcheck" run "$here/experiments/quickstart.yaml" --out "$out/report" > /dev/null
for round in $(seq 1 "$rounds"); do
  for cds in 1 0; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    text="$( { LATENTCHECK_CDS="$cds" /usr/bin/time -f 'TIME %e %U %S' "$here/latentcheck" run \
      "$here/experiments/quickstart.yaml" --out "$out/report"; } 2>&1 )"
    read -r wall user sys <<< "$(grep '^TIME' <<< "$text" | cut -d' ' -f2-)"
    experiment="$(grep -o 'failed in [0-9.]* s' <<< "$text" | cut -d' ' -f3)"
    cpu="$(echo "$user + $sys" | bc)"
    rest="$(echo "$wall - $experiment" | bc)"
    printf 'round %d, cds %s (load %s): wall %s s, cpu %s s, experiment %s s, rest %s s\n' \
      "$round" "$cds" "$load" "$wall" "$cpu" "$experiment" "$rest"
    echo "$cds $wall $cpu $experiment $rest $load" >> "$log"
  done
done
for cds in 1 0; do
  for col in 2 3 4 5 6; do
    awk -v s="$cds" '$1 == s' "$log" | sort -n -k"$col","$col" | awk -v c="$col" -v s="$cds" '{ v[NR] = $c }
      END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        split("- wall cpu experiment rest load", name, " ")
        printf "cds %s median %s: %.2f%s\n", s, name[c], m, c == 6 ? "" : " s" }'
  done
done
