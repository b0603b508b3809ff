#!/usr/bin/env bash
# Macro benchmark of a whole `bulwark check`, as a user runs it.
#   bench/macro.sh [FILES] [OBJECTS_PER_FILE] [RUNS]
# Generates FILES manifest files (default 1000) with OBJECTS_PER_FILE objects each (default 10:
# Deployments, StatefulSets, Services, ConfigMaps, NetworkPolicies), then measures:
#   - end-to-end throughput of `./bulwark check DIR -o json` (objects/s, median of RUNS) and its
#     peak RSS (GNU time, max over runs);
#   - cold-start wall time of a one-file check (median of RUNS), through the ./bulwark launcher
#     with its AOT cache.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILES="${1:-1000}"
PER_FILE="${2:-10}"
RUNS="${3:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK/manifests" "$FILES" "$PER_FILE" <<'PY'
import os, sys
out, files, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out)
kinds = ["Deployment", "Service", "StatefulSet", "ConfigMap", "NetworkPolicy"]
def deployment(kind, i, j):
    replicas = "" if kind == "DaemonSet" else f"\n  replicas: {1 + j % 3}"
    return f"""apiVersion: apps/v1
kind: {kind}
metadata:
  name: app-{i}-{j}
  namespace: ns-{i % 100}
  labels:
    app: app-{i}-{j}
spec:{replicas}
  selector:
    matchLabels:
      app: app-{i}-{j}
  template:
    metadata:
      labels:
        app: app-{i}-{j}
    spec:
      containers:
        - name: app
          image: registry.example.com/team-{i % 7}/app:{j}.{i}
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          securityContext:
            allowPrivilegeEscalation: {"true" if j % 4 == 0 else "false"}
            privileged: {"true" if (i + j) % 50 == 0 else "false"}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
"""
def other(kind, i, j):
    if kind == "Service":
        return f"""apiVersion: v1
kind: Service
metadata:
  name: app-{i}-{j}
  namespace: ns-{i % 100}
spec:
  selector:
    app: app-{i}-{j - 1}
  ports:
    - port: 80
      targetPort: 8080
"""
    if kind == "ConfigMap":
        return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: config-{i}-{j}
  namespace: ns-{i % 100}
data:
  setting: "value-{j}"
"""
    return f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-{i}-{j}
  namespace: ns-{i % 100}
spec:
  podSelector: {{}}
  policyTypes: ["Ingress"]
"""
for i in range(files):
    docs = []
    for j in range(per):
        kind = kinds[j % len(kinds)]
        docs.append(deployment(kind, i, j) if kind in ("Deployment", "StatefulSet") else other(kind, i, j))
    with open(os.path.join(out, f"m{i:05d}.yaml"), "w") as f:
        f.write("---\n".join(docs))
PY
OBJECTS=$((FILES * PER_FILE))
"$ROOT/bulwark" --version >/dev/null  # builds and trains the AOT cache if needed

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$WORK/walls"; : >"$WORK/rss"
for _ in $(seq "$RUNS"); do
  set +e
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$ROOT/bulwark" check "$WORK/manifests" -o json >/dev/null 2>"$WORK/err"
  rc=$?
  set -e
  if [[ $rc -gt 1 ]]; then cat "$WORK/err" >&2; echo "check failed with exit code $rc" >&2; exit 1; fi
  read -r wall rss < <(tail -n 1 "$WORK/t")
  echo "$wall" >>"$WORK/walls"; echo "$rss" >>"$WORK/rss"
done
WALL="$(median <"$WORK/walls")"
RSS_KB="$(sort -n "$WORK/rss" | tail -1)"

: >"$WORK/cold"
for _ in $(seq "$RUNS"); do
  set +e
  /usr/bin/time -f '%e' -o "$WORK/t" "$ROOT/bulwark" check "$WORK/manifests/m00000.yaml" -o json >/dev/null 2>&1
  set -e
  tail -n 1 "$WORK/t" >>"$WORK/cold"
done
COLD="$(median <"$WORK/cold")"

awk -v o="$OBJECTS" -v f="$FILES" -v w="$WALL" -v r="$RSS_KB" -v c="$COLD" 'BEGIN {
  printf "objects: %d in %d files\n", o, f
  printf "check -o json: %.2f s median, %.0f objects/s, peak RSS %.0f MiB\n", w, o / w, r / 1024
  printf "one-file cold start: %.3f s median\n", c
}'
