#!/usr/bin/env bash
# Macro benchmark of central's alerts (issue 7).
#   bench/alerts.sh [DEPLOYMENTS] [TOTAL] [REQUESTS]      (defaults 2000 100000 2000)
# Starts an embedded PostgreSQL in a temporary directory and central on it, in one JVM; drives the
# alert reconciler (DEPLOYMENTS x 5 violations opened, updated, resolved; one transaction per
# deployment, then 500 deployments per transaction) and prints alerts/s per phase; fills the table
# to TOTAL alerts and times REQUESTS filtered pages of GET /v1/alerts over HTTPS (p50/p90/p99).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
STAMP="$ROOT/bench/target/alerts.stamp"
if [[ ! -f "$STAMP" || -n "$(find "$ROOT"/pom.xml "$ROOT"/{core,policy,server,central,bench}/pom.xml \
    "$ROOT"/{core,policy,server,central,bench}/src/main -newer "$STAMP" -print -quit)" ]]; then
  echo "alerts: building bench (./mvnw package -pl bench -am)..." >&2
  (cd "$ROOT" && ./mvnw -q -B -pl bench -am -DskipTests -DskipITs -Djacoco.skip=true \
      -Dspotless.check.skip=true package) >&2
  touch "$STAMP"
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow ${BENCH_JAVA_OPTS:-} \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.bulwark.bench.alerts.AlertBenchmark "$@"
