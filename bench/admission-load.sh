#!/usr/bin/env bash
# Macro benchmark of the admission controller: open-loop HTTPS load on loopback.
#   bench/admission-load.sh [RATE] [SECONDS] [WARMUP] [OPTIONS...]
# Starts `bulwark admission-controller` (full built-in pack, generated CA) in a JVM of its own with
# the ./bulwark launcher's flags, ramps the load up over WARMUP seconds (default 10), sends RATE
# requests/s (default 500) for SECONDS (default 30) from a seeded mix of 20 AdmissionReviews, and
# prints one summary line: achieved throughput, latency percentiles from each request's scheduled
# send time, errors, verdicts, CPU of both processes. Exit code 1 when a request failed or got an
# unexpected verdict.
# Options (see --help): --url URL --ca FILE to load a controller that is already running (e.g.
# ./bulwark admission-controller --host 127.0.0.1 --tls-dir DIR; its CA is DIR/ca.crt);
# --server-jvm-options "FLAGS" for the controller's JVM; --max-in-flight N; --seed N.
# Client JVM flags: BENCH_JAVA_OPTS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
STAMP="$ROOT/bench/target/admission-load.stamp"
if [[ ! -f "$STAMP" || -n "$(find "$ROOT"/pom.xml "$ROOT"/{core,policy,admission,bench}/pom.xml \
    "$ROOT"/{core,policy,admission,bench}/src/main -newer "$STAMP" -print -quit)" ]]; then
  echo "admission-load: building bench (./mvnw package -pl bench -am)..." >&2
  (cd "$ROOT" && ./mvnw -q -B -pl bench -am -DskipTests -Djacoco.skip=true \
      -Dspotless.check.skip=true package) >&2
  touch "$STAMP"
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow ${BENCH_JAVA_OPTS:-} \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.bulwark.bench.admission.AdmissionLoad "$@"
