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
# The top of one report, which docs/reports.md shows.
profile="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" --window-size=1400,1800 \
  --screenshot="$root/reports/examples/gaussian-vs-uniform.png" \
  "file://$root/reports/examples/gaussian-vs-uniform/index.html" >/dev/null 2>&1
rm -rf "$profile"
ls reports/examples/screenshots reports/examples/gaussian-vs-uniform.png
