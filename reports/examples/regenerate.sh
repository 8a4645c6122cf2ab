#!/usr/bin/env bash
# Regenerates reports/examples/ from the shipped experiments, exactly as a fresh run writes them
# (each spec's own seed and samples), then takes the screenshots at 1,400 and 420 px in headless
# Chromium (ReportExamplesBrowserTest) into reports/examples/screenshots/.
# Run from anywhere: reports/examples/regenerate.sh  (needs Maven, a JDK 17 and Debian's chromium)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
for spec in experiments/*.yaml; do
  name="$(basename "$spec" .yaml)"
  status=0
  ./latentcheck run "$spec" --out "reports/examples/$name" >/dev/null || status=$?
  # 0 passed, 1 a gate failed, 4 no gates: each is a finished report; 2 or 3 is an error.
  case "$status" in
    0|1|4) echo "reports/examples/$name (exit $status)" ;;
    *) echo "regenerate: $spec failed with exit status $status" >&2; exit "$status" ;;
  esac
done
mkdir -p reports/examples/screenshots
mvn -B -q test -Pscreenshots -Dtest=ReportExamplesBrowserTest -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip \
  -Dlatentcheck.screenshots="$root/reports/examples/screenshots"
ls reports/examples/screenshots
