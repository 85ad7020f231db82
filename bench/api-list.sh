#!/usr/bin/env bash
# api-list.sh — how fast `GET /scenarios` answers on the local platform with many scenarios stored.
# Target (issue 8): p99 under 50 ms with 1,000 scenarios.
#
# Starts `dlt up` on free ports with a throw-away data dir, stores N scenarios (saveOnly, so nothing
# runs), then times R sequential GET /api/scenarios calls from python3 and prints p50/p90/p99/max.
# usage: api-list.sh [scenarios=1000] [requests=300]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
N=${1:-1000}; R=${2:-300}
DATA="$(mktemp -d)"
"$ROOT/dlt" build >&2
"$ROOT/dlt" up --port 0 --data "$DATA" >"$DATA/up.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do [ -f "$DATA/local.json" ] && break; sleep 1; done
[ -f "$DATA/local.json" ] || { cat "$DATA/up.log" >&2; echo "platform did not start" >&2; exit 1; }
python3 - "$DATA/local.json" "$N" "$R" <<'PY'
import json, sys, time, urllib.request
cfg = json.load(open(sys.argv[1])); n = int(sys.argv[2]); r = int(sys.argv[3])
api, token = cfg["url"], cfg["token"]
def call(method, path, body=None):
    req = urllib.request.Request(api + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        return resp.read()
t0 = time.time()
for i in range(n):
    call("POST", "/scenarios", {"testName": "bench scenario %04d" % i, "testDescription": "list benchmark",
        "testType": "simple", "saveOnly": True, "tags": ["bench", "t%d" % (i % 5)],
        "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 1}],
        "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "10s", "scenario": "main"}],
                         "scenarios": {"main": {"requests": [{"url": "http://127.0.0.1:8401/fast", "method": "GET"}]}}}})
print("stored %d scenarios in %.1f s" % (n, time.time() - t0))
for _ in range(20): call("GET", "/scenarios")            # warm-up
times = []
for _ in range(r):
    s = time.perf_counter(); body = call("GET", "/scenarios"); times.append((time.perf_counter() - s) * 1000)
items = len(json.loads(body)["Items"]); times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print("GET /scenarios with %d scenarios, %d calls: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 < 50 ms)"
      % (items, r, pick(0.5), pick(0.9), pick(0.99), times[-1]))
PY
