#!/usr/bin/env bash
# Scale benchmark of the sensor (issue 8): the local control plane (e2e/cluster) with kwok nodes
# loaded by e2e/cluster/load (default 1,000 namespaces, 2,500 Deployments of 4 pods = 10,000 pods,
# a Service each), central on the embedded PostgreSQL and the sensor, each in its own JVM as
# `./bulwark` runs them. Prints:
#   - the sensor's initial sync: from its start until central acknowledged its first resync
#     (listing the cluster, building the inventory, sending it, central storing and evaluating it);
#   - central's ingestion time of that resync (central's own log line);
#   - the sensor's steady-state CPU over STEADY seconds after the sync, with no cluster changes;
#   - the sensor's peak RSS (VmHWM).
#   bench/sensor-scale.sh [NAMESPACES DEPLOYMENTS REPLICAS NODES]   (default 1000 2500 4 100)
# Environment: STEADY (default 60), BULWARK_KUBE_STATE as for e2e/cluster/up, SENSOR_JAVA_OPTS
# (default -Xmx358m: the heap deploy/sensor/sensor.yaml gives it, 70 % of its 512 MiB limit) and
# CENTRAL_JAVA_OPTS (default none), e.g. to record a flight recording. The load stays in the
# cluster for the next run (remove it with e2e/cluster/load --delete; stop with e2e/cluster/down).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEADY="${STEADY:-60}"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  mkdir -p "$ROOT/bench/target"
  cp "$WORK/sensor.log" "$ROOT/bench/target/sensor-scale-sensor.log" 2>/dev/null || true
  cp "$WORK/central.log" "$ROOT/bench/target/sensor-scale-central.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "sensor-scale: $*" >&2; }

KUBECONFIG="$("$ROOT/e2e/cluster/up" | tail -n 1)"
KUBECONFIG="${KUBECONFIG#KUBECONFIG=}"
export KUBECONFIG
BIN="$("$ROOT/e2e/cluster/build" | tail -n 1)"
if [[ "$("$BIN/kubectl" get namespaces -l bulwark.dev/load=true --no-headers 2>/dev/null | wc -l)" \
    -lt "${1:-1000}" ]]; then
  "$ROOT/e2e/cluster/load" "$@" >&2
fi
# Build both jars now, so that no build is timed.
"$ROOT/bulwark" central --help >/dev/null
"$ROOT/bulwark" sensor --help >/dev/null

# Central, with room for a resync of this size (about 30 MB of JSON).
SENSOR_JAVA_OPTS="${SENSOR_JAVA_OPTS--Xmx358m}"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BULWARK_JAVA_OPTS="${CENTRAL_JAVA_OPTS:-}" \
  "$ROOT/bulwark" central --host 127.0.0.1 --port "$PORT" --data-dir "$WORK/central" \
  --max-request-bytes 268435456 --no-inventory-scans >"$WORK/central.log" 2>&1 &
PIDS+=($!)
URL="https://localhost:$PORT"
for _ in $(seq 1 600); do
  curl -fsS --cacert "$WORK/central/tls.crt" "$URL/v1/health" >/dev/null 2>&1 && break
  sleep 0.5
done
ADMIN="$(cat "$WORK/central/admin-token")"
REGISTERED="$(curl -fsS --cacert "$WORK/central/tls.crt" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name": "scale"}' "$URL/v1/clusters")"
CLUSTER="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' <<<"$REGISTERED")"
python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' <<<"$REGISTERED" >"$WORK/token"

started_ns=$(date +%s%N)
BULWARK_JAVA_OPTS="$SENSOR_JAVA_OPTS" \
  "$ROOT/bulwark" sensor --central "$URL" --token-file "$WORK/token" --cluster-id "$CLUSTER" \
  --ca-file "$WORK/central/tls.crt" --kubeconfig "$KUBECONFIG" --state-dir "$WORK/sensor" \
  >"$WORK/sensor.log" 2>&1 &
SENSOR=$!
PIDS+=("$SENSOR")
state() {
  curl -fsS --cacert "$WORK/central/tls.crt" -H "Authorization: Bearer $(cat "$WORK/token")" \
    "$URL/v1/clusters/$CLUSTER/inventory/state"
}
until [[ "$(state 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["acknowledged"])' 2>/dev/null || echo 0)" -gt 0 ]]; do
  kill -0 "$SENSOR" 2>/dev/null || { tail -n 30 "$WORK/sensor.log" >&2; exit 1; }
  sleep 0.2
done
synced_ns=$(date +%s%N)
stored="$(state | python3 -c 'import json, sys; print(json.load(sys.stdin)["objects"])')"
log "initial sync: $(( (synced_ns - started_ns) / 1000000 )) ms for $stored objects stored by central"
grep -o 'resynced [0-9]* objects (sequence [0-9]*) in [0-9]* ms' "$WORK/central.log" \
  | sed 's/^/sensor-scale: central /' >&2 || true

# Steady state: CPU ticks of the sensor's JVM over STEADY seconds.
JAVA_PID="$SENSOR"
ticks() { awk '{print $14 + $15}' "/proc/$JAVA_PID/stat"; }
before=$(ticks)
sleep "$STEADY"
after=$(ticks)
hz=$(getconf CLK_TCK)
log "steady-state CPU: $(python3 -c "print(f'{($after - $before) / $hz / $STEADY * 100:.2f}')") % of one core over $STEADY s"
log "peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$JAVA_PID/status")"
log "logs: bench/target/sensor-scale-{sensor,central}.log"
