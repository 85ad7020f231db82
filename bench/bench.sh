#!/usr/bin/env bash
# bench.sh — dlt against its peers, in one run, on one machine (see bench/README.md).
#
# Starts nginx (1 worker, pinned to cpu0) on a free 127.0.0.1 port serving an 11-byte file, then:
#   a  closed model, 50 connections, 20 s: dlt, wrk, hey, autocannon, JMeter 5.6.3, Gatling
#   b  1,000 connections, 10 s: dlt, wrk, hey, autocannon (+ the same at 50 for memory/connection)
#   c  10,000 virtual users, 1 s think time, 30 s, dlt with -Xmx512m: achieved req/s vs ~10,000
#   d  open model, 5,000 req/s, 30 s: dlt's achieved rate vs 5,000
#   e  stall: nginx SIGSTOPped 1 s every 5 s during 20 s at 50 connections; dlt --rate 5000, wrk, hey
#   f  4 connections, 10 s: dlt's p50 minus wrk's p50
# Tools run pinned to the other CPUs (cpu1 on a 2-vCPU machine), one line per tool:
#   tool rps p50_ms p99_ms cpu_us/req cpu_whole maxrss_MB rps/wrk cpu/wrk note
#
# usage: bench.sh [--install] [--no-install] [--no-build] [--only "a b c d e f"] [--quick]
#   --install     reinstall every peer through peers-bench.sh --install (apt, npm, Maven Central)
#   --no-install  never install; missing tools print "not installed"
#                 (default: install only what is missing)
#   --no-build    use the dlt already built (default: ./dlt build first)
#   --only LIST   run only these scenarios
#   --quick       short runs (about a quarter of the durations) to check the script itself
# env: BENCH_HOME (default $TMPDIR/dlt-bench) work dir and logs; PEERS_HOME (default $TMPDIR/peers)
#      peer installs shared with peers-bench.sh; DLT_JAVA_OPTS extra JVM flags for every dlt run.
# Traffic goes to 127.0.0.1 only; every run is bounded by `timeout`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PEERS="$HERE/peers-bench.sh"
INSTALL=auto; BUILD=1; ONLY="a b c d e f"; QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --install) INSTALL=force; shift;;
    --no-install) INSTALL=never; shift;;
    --no-build) BUILD=0; shift;;
    --only) ONLY=$2; shift 2;;
    --quick) QUICK=1; shift;;
    -h|--help) sed -n '2,23p' "$0"; exit 0;;
    *) echo "unknown arg $1 (see --help)" >&2; exit 2;;
  esac
done

export PEERS_HOME=${PEERS_HOME:-${TMPDIR:-/tmp}/peers}
BENCH_HOME=${BENCH_HOME:-${TMPDIR:-/tmp}/dlt-bench}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUNS="$BENCH_HOME/runs-$STAMP"; NG="$BENCH_HOME/nginx"
mkdir -p "$RUNS" "$NG"/{logs,tmp,html}
LOG="$RUNS/bench.log"; OUT="$RUNS/results.txt"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Durations (s): full run, or --quick to exercise the script.
if [ "$QUICK" = 1 ]; then DA=5; DB=4; DC=8; DD=8; DE=10; DF=4; WARM=2
else DA=20; DB=10; DC=30; DD=30; DE=20; DF=10; WARM=3; fi

say() { echo "$*" | tee -a "$OUT"; }
log() { echo "[$(date -u +%T)] $*" >> "$LOG"; }

# ---------------------------------------------------------------- CPU placement (as peers-bench.sh)
NCPU=$(nproc)
if [ "$NCPU" -ge 2 ]; then
  SRV_PIN=(taskset -c 0); TOOL_CPUS="1-$((NCPU-1))"; [ "$NCPU" = 2 ] && TOOL_CPUS=1; TOOL_PIN=(taskset -c "$TOOL_CPUS")
else
  SRV_PIN=(); TOOL_CPUS="all"; TOOL_PIN=()
fi

# ---------------------------------------------------------------- install what is missing
AUTOCANNON="$PEERS_HOME/npm/node_modules/.bin/autocannon"
JMETER_JAR="$PEERS_HOME/jmeter-home/bin/ApacheJMeter-5.6.3.jar"
GATLING_CP="$PEERS_HOME/gatling/cp.txt"
have_tool() {
  case "$1" in
    wrk|hey) command -v "$1" >/dev/null;;
    autocannon) [ -x "$AUTOCANNON" ];;
    jmeter) [ -f "$JMETER_JAR" ];;
    gatling) [ -s "$GATLING_CP" ] && [ -d "$PEERS_HOME/gatling/target/test-classes/bench" ];;
    *) return 1;;
  esac
}
missing_basics() {
  local m=""
  for c in nginx jq taskset timeout curl python3; do
    command -v "$c" >/dev/null || [ -x "/usr/sbin/$c" ] || m="$m $c"
  done
  [ -x /usr/bin/time ] || m="$m time"
  echo "$m"
}
install_missing() {
  local basics peers_missing="" t
  basics=$(missing_basics)
  for t in wrk hey autocannon jmeter gatling; do have_tool "$t" || peers_missing="$peers_missing $t"; done
  if [ "$INSTALL" = never ]; then
    [ -z "$basics$peers_missing" ] || log "not installing (--no-install); missing:$basics$peers_missing"
    return 0
  fi
  if [ -n "$basics" ]; then
    echo "bench: installing$basics with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq nginx-light jq time util-linux coreutils curl python3; } >> "$LOG" 2>&1 \
      || echo "bench: apt-get install failed (see $LOG)" >&2
  fi
  if [ "$INSTALL" = force ] || [ -n "$peers_missing" ]; then
    echo "bench: installing peers${peers_missing:+ (missing:$peers_missing)} via peers-bench.sh --install (several minutes)" >&2
    timeout 1800 bash "$PEERS" --install -t "" >> "$LOG" 2>&1 \
      || echo "bench: peers-bench.sh --install failed; tools still missing are skipped (see $LOG)" >&2
  fi
}
install_missing
for c in python3 taskset timeout curl; do
  command -v "$c" >/dev/null || { echo "bench: $c is required (run with --install)" >&2; exit 1; }
done
TIMEBIN=/usr/bin/time; [ -x "$TIMEBIN" ] || { echo "bench: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }

# JSON: jq when present, else python3.
jfield() {  # jfield FILE FILTER (a jq path like .responseTimeMs.p99) -> value or "-"
  local v
  if command -v jq >/dev/null; then
    v=$(jq -r "$2 // \"-\"" "$1" 2>/dev/null) || v="-"
  else
    v=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
for k in sys.argv[2].lstrip(".").split("."): d=d.get(k) if isinstance(d,dict) else None
print("-" if d is None else d)' "$1" "$2" 2>/dev/null) || v="-"
  fi
  echo "${v:--}"
}

# ---------------------------------------------------------------- build dlt
DLT_STATUS="ok"
if [ "$BUILD" = 1 ]; then
  echo "bench: building dlt (./dlt build)" >&2
  (cd "$ROOT" && timeout 1200 ./dlt build) >> "$LOG" 2>&1 || DLT_STATUS="not built (./dlt build failed, see $LOG)"
fi
if [ "$DLT_STATUS" = ok ] && [ ! -f "$ROOT/cli/target/dlt-cli.jar" ]; then DLT_STATUS="not built"; fi
# Every dlt run uses a frozen copy of the launcher and the jar just built: the launcher rebuilds
# when a source is newer than its jar, and a rebuild (or a broken build) inside a measured run
# would spoil it. The copy has no sources, so it never rebuilds; it is still `./dlt run`.
DLT_HOME="$RUNS/dlt"
if [ "$DLT_STATUS" = ok ]; then
  mkdir -p "$DLT_HOME/cli/target"
  cp "$ROOT/dlt" "$DLT_HOME/dlt"; cp "$ROOT/cli/target/dlt-cli.jar" "$DLT_HOME/cli/target/dlt-cli.jar"
  (cd "$DLT_HOME" && timeout 120 ./dlt run --help) >> "$LOG" 2>&1 || DLT_STATUS="not built (./dlt run --help fails, see $LOG)"
fi
log "dlt: $DLT_STATUS"

# ---------------------------------------------------------------- nginx target (as peers-bench.sh)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT/"
echo -n "hello world" > "$NG/html/index.html"
cat > "$NG/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 65536;
pid $NG/nginx.pid;
error_log $NG/logs/error.log warn;
events { worker_connections 32768; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $NG/tmp; proxy_temp_path $NG/tmp; fastcgi_temp_path $NG/tmp;
  uwsgi_temp_path $NG/tmp; scgi_temp_path $NG/tmp;
  keepalive_requests 100000000;
  keepalive_timeout 65;
  server {
    listen 127.0.0.1:$PORT reuseport backlog=4096;
    root $NG/html;
    location = /ok { default_type text/plain; return 200 "ok"; }
    location / { }
  }
}
EOF
NGX_WORKERS=""
STALLER=""
cleanup() {
  if [ -n "$STALLER" ]; then kill "$STALLER" 2>/dev/null || true; fi
  # shellcheck disable=SC2086
  [ -z "$NGX_WORKERS" ] || kill -CONT $NGX_WORKERS 2>/dev/null || true
  if [ -f "$NG/nginx.pid" ] && kill -0 "$(cat "$NG/nginx.pid")" 2>/dev/null; then
    kill -QUIT "$(cat "$NG/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$(cat "$NG/nginx.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "bench: nginx is not installed (run with --install)" >&2; exit 1; }
"${SRV_PIN[@]}" "$NGINX" -c "$NG/nginx.conf" -p "$NG"
for _ in $(seq 50); do curl -sf -m 2 -o /dev/null "$URL" && break; sleep 0.1; done
curl -sf -m 2 -o /dev/null "$URL" || { echo "bench: nginx did not come up on $URL" >&2; exit 1; }
NGX_WORKERS=$(pgrep -P "$(cat "$NG/nginx.pid")" | tr '\n' ' ')

# ---------------------------------------------------------------- runners
# peers-bench.sh against our nginx; prints its summary rows "tool rps p50 p99 cpu rss req srv%".
# With DLT_ARGS (dlt's load flags, without --duration) dlt runs as peers-bench's custom tool; its
# JSON and rusage are kept as $RUNS/TAG.dlt.json and $RUNS/TAG.dlt.time.
peers() {  # peers TAG SECS CONNS "TOOLS" [DLT_ARGS]
  local tag=$1 secs=$2 conns=$3 tools=$4 dlt_args=${5:-} cmd="" json="$RUNS/$1.dlt.json"
  if [ -n "$dlt_args" ]; then
    cmd="cd '$DLT_HOME' && JAVA_OPTS='${DLT_JAVA_OPTS:-}' ./dlt run --url \"\$PEER_URL\" $dlt_args --duration \${PEER_SECS}s --warm-up ${WARM}s --json > '$json' && $(dlt_kv_cmd "$json")"
    tools="$tools custom"
  fi
  [ -n "${tools// /}" ] || return 0
  log "$tag: peers-bench -d $secs -c $conns -t '$tools' ${dlt_args:+(dlt: $dlt_args)}"
  rm -f "$PEERS_HOME"/runs/summary.txt "$PEERS_HOME"/runs/*.1.out "$PEERS_HOME"/runs/*.1.out.time
  NGINX_PID_FILE="$NG/nginx.pid" CUSTOM_NAME=dlt CUSTOM_CMD="$cmd" \
    bash "$PEERS" -p "$PORT" -d "$secs" -c "$conns" -t "$tools" >> "$LOG" 2>&1 || log "$tag: peers-bench exited $?"
  mkdir -p "$RUNS/$tag"
  cp "$PEERS_HOME"/runs/*.1.out "$PEERS_HOME"/runs/*.1.out.time "$RUNS/$tag/" 2>/dev/null || true
  [ -f "$PEERS_HOME/runs/custom.1.out.time" ] && cp "$PEERS_HOME/runs/custom.1.out.time" "$RUNS/$tag.dlt.time"
  [ -f "$PEERS_HOME/runs/summary.txt" ] && tee "$RUNS/$tag.summary" < "$PEERS_HOME/runs/summary.txt"
  return 0
}
dlt_kv_cmd() {  # shell text printing peers-bench's "rps= p50_ms= p99_ms= requests=" line from dlt's JSON
  if command -v jq >/dev/null; then
    echo "jq -r '\"rps=\\(.rps) p50_ms=\\(.responseTimeMs.p50) p99_ms=\\(.responseTimeMs.p99) requests=\\(.requests)\"' '$1'"
  else
    echo "python3 -c 'import json,sys;d=json.load(open(sys.argv[1]));r=d[\"responseTimeMs\"];print(\"rps=%s p50_ms=%s p99_ms=%s requests=%s\"%(d[\"rps\"],r[\"p50\"],r[\"p99\"],d[\"requests\"]))' '$1'"
  fi
}

# One dlt run outside peers-bench: pinned, timed, JSON kept. Sets R_* (rps p50 p99 req cpu_s rss_mb).
dlt_run() {  # dlt_run NAME SECS JAVA_OPTS ARGS...
  local name=$1 secs=$2 jopts=$3 e u s m; shift 3
  local json="$RUNS/$name.json"
  log "dlt $name: JAVA_OPTS='$jopts' ./dlt run --url $URL $* --duration ${secs}s --warm-up ${WARM}s --json"
  (cd "$DLT_HOME" && JAVA_OPTS="$jopts" "$TIMEBIN" -o "$RUNS/$name.time" -f '%e %U %S %M' \
    timeout -k 5 $((secs + WARM + 180)) "${TOOL_PIN[@]}" ./dlt run --url "$URL" "$@" \
    --duration "${secs}s" --warm-up "${WARM}s" --json > "$json" 2> "$RUNS/$name.err") || log "dlt $name exited $?"
  R_RPS=$(jfield "$json" .rps); R_P50=$(jfield "$json" .responseTimeMs.p50)
  R_P99=$(jfield "$json" .responseTimeMs.p99); R_REQ=$(jfield "$json" .requests)
  read -r e u s m < <(tail -n 1 "$RUNS/$name.time" 2>/dev/null || echo "- - - -") || true
  if [[ "${u:-}" =~ ^[0-9.]+$ ]]; then R_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.3f",u+s}'); R_RSS=$((m / 1024))
  else R_CPU="-"; R_RSS="-"; fi
}
time_cpu() {  # time_cpu FILE -> user+sys seconds of a "%e %U %S %M" line
  awk 'END{ if ($2 ~ /^[0-9.]+$/) printf "%.3f", $2+$3; else print "-" }' "$1" 2>/dev/null || echo "-"
}

# Steady-state CPU per request: (CPU of the run - CPU of the same run with --duration 1s) over the
# difference in requests; JVM start-up, JIT and the warm-up cost the same in both and cancel out.
cpu_diff() {  # cpu_diff CPU_S REQ CPU1_S REQ1 -> µs/request or "-"
  awk -v c="$1" -v n="$2" -v c1="$3" -v n1="$4" 'BEGIN{
    if (c ~ /^[0-9.]+$/ && c1 ~ /^[0-9.]+$/ && n ~ /^[0-9]+$/ && n1 ~ /^[0-9]+$/ && n - n1 > 0 && c - c1 > 0)
      printf "%.1f", (c - c1) * 1e6 / (n - n1); else print "-" }'
}
window_cpu() {  # window_cpu CPU_S REQ NAME JAVA_OPTS ARGS... : baseline through dlt_run
  local cpu=$1 req=$2 name=$3 jopts=$4; shift 4
  dlt_run "$name-1s" 1 "$jopts" "$@"
  cpu_diff "$cpu" "$req" "$R_CPU" "$R_REQ"
}
peers_window_cpu() {  # peers_window_cpu TAG CONNS "DLT_ARGS" : baseline through peers-bench, like the run
  local cpu req
  cpu=$(time_cpu "$RUNS/$1.dlt.time"); req=$(jfield "$RUNS/$1.dlt.json" .requests)
  peers "$1-1s" 1 "$2" "" "$3" > /dev/null
  cpu_diff "$cpu" "$req" "$(time_cpu "$RUNS/$1-1s.dlt.time")" "$(jfield "$RUNS/$1-1s.dlt.json" .requests)"
}

# ---------------------------------------------------------------- output
HDR=$(printf "%-11s %9s %8s %8s %10s %9s %9s %7s %7s  %s" tool rps p50_ms p99_ms cpu_us/req cpu_whole maxrss_MB rps/wrk cpu/wrk note)
row() {  # row tool rps p50 p99 cpu whole rss ratio_rps ratio_cpu note
  say "$(printf "%-11s %9s %8s %8s %10s %9s %9s %7s %7s  %s" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10:-}")"
}
int() { awk -v v="$1" 'BEGIN{ if (v ~ /^[0-9.]+$/) printf "%.0f", v; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }
num() { awk -v v="$1" 'BEGIN{ if (v ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) printf "%.3f", v; else print "-" }'; }
# Rows of one peers() call: wrk first (the reference), then the others; dlt's CPU is its window CPU.
declare -A RPS P50 P99 CPU RSS REQ
collect() {  # collect < summary ; fills the maps by tool
  local t r p5 p9 c m q s
  RPS=(); P50=(); P99=(); CPU=(); RSS=(); REQ=()
  while read -r t r p5 p9 c m q s; do
    [ -n "$t" ] || continue
    RPS[$t]=$r; P50[$t]=$p5; P99[$t]=$p9; CPU[$t]=$c; RSS[$t]=$m; REQ[$t]=$q
  done
}
TAG=""
print_rows() {  # print_rows "TOOLS" DLT_WINDOW_CPU [NOTE_FN] ; TAG names the peers() run dlt was in
  local tools=$1 dltcpu=$2 note_fn=${3:-} t cmp note
  for t in $tools; do
    note=""; [ -n "$note_fn" ] && note=$($note_fn "$t")
    if [ "$t" = dlt ]; then
      if [ "$DLT_STATUS" != ok ]; then say "dlt: $DLT_STATUS"; continue; fi
      if [ -z "${RPS[dlt]:-}" ] || [ "${RPS[dlt]}" = "-" ]; then say "dlt: run failed (see $RUNS/$TAG/custom.1.out)"; continue; fi
      cmp=$dltcpu
    else
      if ! have_tool "$t"; then say "$t: not installed"; continue; fi
      if [ -z "${RPS[$t]:-}" ]; then say "$t: no result (see $LOG)"; continue; fi
      cmp=${CPU[$t]}
    fi
    row "$t" "$(int "${RPS[$t]}")" "$(num "${P50[$t]}")" "$(num "${P99[$t]}")" "$cmp" "${CPU[$t]}" "${RSS[$t]}" \
      "$(ratio "${RPS[$t]}" "${RPS[wrk]:-}")" "$(ratio "$cmp" "${CPU[wrk]:-}")" "$note"
  done
}
installed() { local t out=""; for t in $1; do have_tool "$t" && out="$out $t"; done; echo "$out"; }
dlt_ok() { [ "$DLT_STATUS" = ok ]; }

say "# dlt bench $STAMP  target $URL (nginx 1 worker on cpu0)  tools on cpu $TOOL_CPUS  $(nproc) CPUs  $(uname -r)"
say "# logs and raw outputs: $RUNS   (cpu_us/req: dlt = measured window, others = whole process; cpu_whole = whole process)"

# ---------------------------------------------------------------- a. closed model, 50 connections
if [[ " $ONLY " == *" a "* ]]; then
  say ""; say "== a. closed model, 50 connections, ${DA} s"; say "$HDR"
  dlt_args=""; dlt_ok && dlt_args="--vus 50"
  TAG=a; collect < <(peers a "$DA" 50 "$(installed "wrk hey autocannon jmeter gatling")" "$dlt_args")
  wcpu="-"; [ -n "${RPS[dlt]:-}" ] && [ "${RPS[dlt]}" != "-" ] && wcpu=$(peers_window_cpu a 50 "$dlt_args")
  print_rows "dlt wrk hey autocannon jmeter gatling" "$wcpu"
fi

# ---------------------------------------------------------------- b. 1,000 connections (+50 for memory)
if [[ " $ONLY " == *" b "* ]]; then
  say ""; say "== b. 1,000 connections, ${DB} s (memory/connection = (RSS at 1000 - RSS at 50) / 950)"; say "$HDR"
  tools_b=$(installed "wrk hey autocannon")
  dlt_args=""; dlt_ok && dlt_args="--vus 50"
  collect < <(peers b50 "$DB" 50 "$tools_b" "$dlt_args")
  declare -A RSS50=(); for t in "${!RSS[@]}"; do RSS50[$t]=${RSS[$t]}; done
  dlt_args=""; dlt_ok && dlt_args="--vus 1000"
  TAG=b1000; collect < <(peers b1000 "$DB" 1000 "$tools_b" "$dlt_args")
  wcpu="-"; [ -n "${RPS[dlt]:-}" ] && [ "${RPS[dlt]}" != "-" ] && wcpu=$(peers_window_cpu b1000 1000 "$dlt_args")
  mem_note() {
    local a=${RSS50[$1]:-} b=${RSS[$1]:-}
    awk -v a="$a" -v b="$b" 'BEGIN{ if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "RSS %s -> %s MB, %.1f KB/connection", a, b, (b - a) * 1024 / 950; }'
  }
  print_rows "dlt wrk hey autocannon" "$wcpu" mem_note
fi

# ---------------------------------------------------------------- c. 10,000 VUs with think time
if [[ " $ONLY " == *" c "* ]]; then
  say ""; say "== c. 10,000 virtual users, 1 s think time, ${DC} s, -Xmx512m (target ~10,000 req/s)"; say "$HDR"
  if dlt_ok; then
    jo="-Xmx512m ${DLT_JAVA_OPTS:-}"
    dlt_run c-dlt "$DC" "$jo" --vus 10000 --think-time 1s
    rps=$R_RPS p50=$R_P50 p99=$R_P99 cpu=$R_CPU rss=$R_RSS req=$R_REQ
    if [ "$rps" = "-" ]; then say "dlt: run failed (see $RUNS/c-dlt.err)"
    else
      wcpu=$(window_cpu "$cpu" "$req" c-dlt "$jo" --vus 10000 --think-time 1s)
      whole=$(awk -v c="$cpu" -v n="$req" 'BEGIN{ if (c ~ /^[0-9.]+$/ && n > 0) printf "%.1f", c * 1e6 / n; else print "-" }')
      row dlt "$(printf %.0f "$rps")" "$(num "$p50")" "$(num "$p99")" "$wcpu" "$whole" "$rss" - - \
        "$(awk -v r="$rps" 'BEGIN{printf "%.1f%% of 10,000 req/s", r / 100}')"
    fi
  else say "dlt: $DLT_STATUS"; fi
fi

# ---------------------------------------------------------------- d. open model 5,000 req/s
if [[ " $ONLY " == *" d "* ]]; then
  say ""; say "== d. open model, 5,000 req/s, ${DD} s"; say "$HDR"
  if dlt_ok; then
    dlt_run d-dlt "$DD" "${DLT_JAVA_OPTS:-}" --rate 5000
    rps=$R_RPS p50=$R_P50 p99=$R_P99 cpu=$R_CPU rss=$R_RSS req=$R_REQ
    if [ "$rps" = "-" ]; then say "dlt: run failed (see $RUNS/d-dlt.err)"
    else
      wcpu=$(window_cpu "$cpu" "$req" d-dlt "${DLT_JAVA_OPTS:-}" --rate 5000)
      whole=$(awk -v c="$cpu" -v n="$req" 'BEGIN{ if (c ~ /^[0-9.]+$/ && n > 0) printf "%.1f", c * 1e6 / n; else print "-" }')
      row dlt "$(printf %.0f "$rps")" "$(num "$p50")" "$(num "$p99")" "$wcpu" "$whole" "$rss" - - \
        "$(awk -v r="$rps" 'BEGIN{printf "%.1f%% of 5,000 req/s", r / 50}')"
    fi
  else say "dlt: $DLT_STATUS"; fi
fi

# ---------------------------------------------------------------- e. stall test
# A background loop stops the nginx worker for 1 s every 5 s (at 4-5 s, 9-10 s, ... after the
# tool starts) while one tool runs.
start_staller() {
  # shellcheck disable=SC2086
  ( trap 'kill -CONT $NGX_WORKERS 2>/dev/null; exit 0' TERM
    while :; do
      sleep 4 & wait $!
      kill -STOP $NGX_WORKERS 2>/dev/null
      sleep 1 & wait $!
      kill -CONT $NGX_WORKERS 2>/dev/null
    done ) &
  STALLER=$!
}
stop_staller() {
  [ -n "$STALLER" ] || return 0
  kill "$STALLER" 2>/dev/null || true; wait "$STALLER" 2>/dev/null || true; STALLER=""
  # shellcheck disable=SC2086
  kill -CONT $NGX_WORKERS 2>/dev/null || true
}
if [[ " $ONLY " == *" e "* ]]; then
  say ""; say "== e. stall: nginx stopped 1 s every 5 s, ${DE} s, 50 connections (dlt open model --rate 5000; wrk, hey closed)"
  say "$HDR"
  declare -A E_RPS E_P50 E_P99 E_CPU E_RSS
  for t in wrk hey dlt; do
    if [ "$t" = dlt ]; then dlt_ok || continue; tools=""; dargs="--rate 5000"
    else have_tool "$t" || continue; tools=$t; dargs=""; fi
    start_staller
    collect < <(peers "e-$t" "$DE" 50 "$tools" "$dargs")
    stop_staller
    E_RPS[$t]=${RPS[$t]:-}; E_P50[$t]=${P50[$t]:-}; E_P99[$t]=${P99[$t]:-}; E_CPU[$t]=${CPU[$t]:-}; E_RSS[$t]=${RSS[$t]:-}
  done
  RPS=(); P50=(); P99=(); CPU=(); RSS=()
  for t in "${!E_RPS[@]}"; do
    [ -n "${E_RPS[$t]}" ] || continue
    RPS[$t]=${E_RPS[$t]}; P50[$t]=${E_P50[$t]}; P99[$t]=${E_P99[$t]}; CPU[$t]=${E_CPU[$t]}; RSS[$t]=${E_RSS[$t]}
  done
  stall_note() {
    local p=${P99[$1]:-}
    awk -v p="$p" -v t="$1" 'BEGIN{ if (p !~ /^[0-9.]+$/) exit;
      v = (p >= 900) ? "stall shown" : "stall hidden";
      if (t == "dlt") v = v ((p >= 900) ? " (p99 >= 900 ms: PASS)" : " (p99 >= 900 ms: FAIL)");
      print v }'
  }
  TAG=e-dlt; print_rows "dlt wrk hey" "-" stall_note
fi

# ---------------------------------------------------------------- f. 4 connections: latency floor
if [[ " $ONLY " == *" f "* ]]; then
  say ""; say "== f. 4 connections, ${DF} s: p50 of dlt minus p50 of wrk"; say "$HDR"
  dlt_args=""; dlt_ok && dlt_args="--vus 4"
  TAG=f; collect < <(peers f "$DF" 4 "$(installed wrk)" "$dlt_args")
  p50_note() {
    [ "$1" = dlt ] || return 0
    awk -v a="${P50[dlt]:-}" -v b="${P50[wrk]:-}" \
      'BEGIN{ if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/) printf "p50 dlt - wrk = %+.3f ms", a - b }'
  }
  print_rows "dlt wrk" "-" p50_note
fi

say ""
say "# done $(date -u +%FT%TZ); results also in $OUT"
