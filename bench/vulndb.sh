#!/usr/bin/env bash
# bench/vulndb.sh — time `bulwark db import` of the three OSV conformance datasets and the
# database's open time (docs/benchmarks.md, "Vulnerability database (issue 6)").
# Usage: bench/vulndb.sh [CONFORMANCE_DIR]   (default: ../shared/conformance)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${1:-$ROOT/../shared/conformance}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

"$ROOT/bulwark" --version >/dev/null   # builds the CLI when needed

run() {
  local label="$1"; shift
  local start end
  start=$(date +%s%N)
  "$ROOT/bulwark" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  printf '%-40s %6d ms\n' "$label" $(((end - start) / 1000000))
}

run "import AlmaLinux 10 (660 records)" db import --db "$WORK/alma" "$DATA/osv-almalinux10/advisories"
run "import Go (4,291 records)" db import --db "$WORK/go" "$DATA/osv-go-vulndb/data"
run "import PyPI (2,661 records)" db import --db "$WORK/pypi" "$DATA/osv-pypi-pypa/json"
run "import all three into one database" db import --db "$WORK/all" \
  "$DATA/osv-almalinux10/advisories" "$DATA/osv-go-vulndb/data" "$DATA/osv-pypi-pypa/json"
run "re-import all three (every record replaced)" db import --db "$WORK/all" \
  "$DATA/osv-almalinux10/advisories" "$DATA/osv-go-vulndb/data" "$DATA/osv-pypi-pypa/json"
run "bulwark db status (JVM start included)" db status --db "$WORK/all"
printf '%-40s %6d KiB\n' "database size" $(($(stat -c %s "$WORK/all/vulndb.sqlite") / 1024))
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$ROOT/cli/target/bulwark-cli.jar:$ROOT/cli/target/lib/*" \
  "$ROOT/bench/VulnDbOpen.java" "$WORK/all"
