#!/usr/bin/env bash
# peers-bench.sh — run peer HTTP load generators side by side against one loopback nginx.
#
# Every tool drives the same target (nginx, 1 worker, tiny static file) with the same number of
# keep-alive connections for the same number of seconds, closed loop, and prints one line:
#   tool  rps  p50_ms  p99_ms  cpu_us/req  maxrss_MB  requests  srv_cpu%
# rps/p50/p99 are what the tool itself reports (or computed from its raw output); cpu_us/req is the
# tool process tree's user+sys CPU divided by the requests it completed (lower = more efficient
# engine; independent of whether the server or the generator is the bottleneck); srv_cpu% is the
# nginx worker's CPU over the run (>= ~90% means the server, not the tool, capped the rps).
#
# Traffic goes to 127.0.0.1 only. Each run is bounded by `timeout`.
#
# usage: peers-bench.sh [-d SECS] [-c CONNS] [-r REPS] [-t "wrk hey autocannon jmeter gatling"]
#                       [-p PORT] [-u /path] [--no-pin] [--install]
#   tools: wrk hey autocannon jmeter gatling ab locust artillery custom
#   env:   PEERS_HOME (default $TMPDIR/peers)  NGINX_WORKERS (default 1)
#          CUSTOM_NAME/CUSTOM_CMD: CUSTOM_CMD runs with PEER_URL PEER_HOST PEER_PORT PEER_PATH
#          PEER_CONNS PEER_SECS set and must print "rps=N p50_ms=N p99_ms=N requests=N" on a line.
#          NGINX_PID_FILE (dlt's bench.sh): an nginx already listening on 127.0.0.1:PORT (-p) is used
#          as the target and left running; its workers are found from this pid file.
#   --install: apt/npm/Maven installs of the peers (needs the Debian, npm and Maven Central registries).
set -euo pipefail

SECS=5; CONNS=50; REPS=1; PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'); URLPATH=/; PIN=1; INSTALL=0
TOOLS="wrk hey autocannon jmeter gatling"
PEERS_HOME=${PEERS_HOME:-${TMPDIR:-/tmp}/peers}
NGINX_WORKERS=${NGINX_WORKERS:-1}
while [ $# -gt 0 ]; do
  case "$1" in
    -d) SECS=$2; shift 2;;
    -c) CONNS=$2; shift 2;;
    -r) REPS=$2; shift 2;;
    -t) TOOLS=$2; shift 2;;
    -p) PORT=$2; shift 2;;
    -u) URLPATH=$2; shift 2;;
    --no-pin) PIN=0; shift;;
    --install) INSTALL=1; shift;;
    -h|--help) sed -n '2,24p' "$0"; exit 0;;
    *) echo "unknown arg $1" >&2; exit 2;;
  esac
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
HOST=127.0.0.1
URL="http://$HOST:$PORT$URLPATH"
RUNS="$PEERS_HOME/runs"; NG="$PEERS_HOME/nginx"; ASSETS="$PEERS_HOME/assets"
MVN39="$PEERS_HOME/apache-maven-3.9.11/bin/mvn"
mkdir -p "$RUNS" "$NG"/{logs,tmp,html} "$ASSETS"

# ---------------------------------------------------------------- CPU placement
NCPU=$(nproc)
if [ "$PIN" = 1 ] && [ "$NCPU" -ge 2 ]; then
  SRV_CPUS=0; TOOL_CPUS="1-$((NCPU-1))"; TOOL_NCPU=$((NCPU-1))
  SRV_PIN=(taskset -c "$SRV_CPUS"); TOOL_PIN=(taskset -c "$TOOL_CPUS")
else
  TOOL_NCPU=$NCPU; SRV_PIN=(); TOOL_PIN=()
fi

# ---------------------------------------------------------------- assets (always regenerated)
write_assets() {
  echo -n "hello world" > "$NG/html/index.html"
  mkdir -p "$PEERS_HOME/jmeter/src/test/jmeter" "$PEERS_HOME/gatling/src/test/java/bench" \
           "$PEERS_HOME/gatling/src/test/resources" "$PEERS_HOME/locust" "$PEERS_HOME/artillery"
  cat > "$PEERS_HOME/jmeter/src/test/jmeter/bench.jmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
  <hashTree>
    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="bench">
      <elementProp name="TestPlan.user_defined_variables" elementType="Arguments" guiclass="ArgumentsPanel" testclass="Arguments">
        <collectionProp name="Arguments.arguments"/>
      </elementProp>
      <boolProp name="TestPlan.functional_mode">false</boolProp>
      <boolProp name="TestPlan.serialize_threadgroups">false</boolProp>
    </TestPlan>
    <hashTree>
      <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="tg">
        <stringProp name="ThreadGroup.num_threads">${__P(threads,50)}</stringProp>
        <stringProp name="ThreadGroup.ramp_time">0</stringProp>
        <boolProp name="ThreadGroup.same_user_on_next_iteration">true</boolProp>
        <stringProp name="ThreadGroup.on_sample_error">continue</stringProp>
        <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController">
          <stringProp name="LoopController.loops">-1</stringProp>
          <boolProp name="LoopController.continue_forever">false</boolProp>
        </elementProp>
        <boolProp name="ThreadGroup.scheduler">true</boolProp>
        <stringProp name="ThreadGroup.duration">${__P(duration,5)}</stringProp>
        <stringProp name="ThreadGroup.delay">0</stringProp>
      </ThreadGroup>
      <hashTree>
        <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="get">
          <stringProp name="HTTPSampler.domain">${__P(host,127.0.0.1)}</stringProp>
          <stringProp name="HTTPSampler.port">${__P(port,18080)}</stringProp>
          <stringProp name="HTTPSampler.protocol">http</stringProp>
          <stringProp name="HTTPSampler.path">${__P(path,/)}</stringProp>
          <stringProp name="HTTPSampler.method">GET</stringProp>
          <boolProp name="HTTPSampler.follow_redirects">false</boolProp>
          <boolProp name="HTTPSampler.auto_redirects">false</boolProp>
          <boolProp name="HTTPSampler.use_keepalive">true</boolProp>
          <stringProp name="HTTPSampler.implementation">HttpClient4</stringProp>
          <elementProp name="HTTPsampler.Arguments" elementType="Arguments" guiclass="HTTPArgumentsPanel" testclass="Arguments">
            <collectionProp name="Arguments.arguments"/>
          </elementProp>
        </HTTPSamplerProxy>
        <hashTree/>
      </hashTree>
    </hashTree>
  </hashTree>
</jmeterTestPlan>
EOF
  cat > "$PEERS_HOME/jmeter/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>peers</groupId><artifactId>jmeter-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>com.lazerycode.jmeter</groupId><artifactId>jmeter-maven-plugin</artifactId><version>3.8.0</version>
    <configuration>
      <jmeterVersion>5.6.3</jmeterVersion>
      <testFilesIncluded><jMeterTestFile>bench.jmx</jMeterTestFile></testFilesIncluded>
      <generateReports>false</generateReports>
    </configuration>
  </plugin></plugins></build>
</project>
EOF
  cat > "$PEERS_HOME/gatling/pom.xml" <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>peers</groupId><artifactId>gatling-bench</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>io.gatling.highcharts</groupId><artifactId>gatling-charts-highcharts</artifactId><version>3.15.1</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    <plugin><groupId>io.gatling</groupId><artifactId>gatling-maven-plugin</artifactId><version>4.21.12</version>
      <configuration><simulationClass>bench.BenchSimulation</simulationClass></configuration></plugin>
  </plugins></build>
</project>
EOF
  cat > "$PEERS_HOME/gatling/src/test/java/bench/BenchSimulation.java" <<'EOF'
package bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;

/** Closed loop: CONNS virtual users (one keep-alive connection each) loop GET for SECS seconds. */
public class BenchSimulation extends Simulation {
  static final int CONNS = Integer.getInteger("conns", 50);
  static final int SECS = Integer.getInteger("secs", 5);
  static final String BASE = System.getProperty("base", "http://127.0.0.1:18080");
  static final String PATH = System.getProperty("path", "/");

  HttpProtocolBuilder proto = http.baseUrl(BASE).disableWarmUp().disableCaching();
  ScenarioBuilder scn = scenario("bench").during(Duration.ofSeconds(SECS)).on(exec(http("get").get(PATH)));

  {
    setUp(scn.injectOpen(atOnceUsers(CONNS))).protocols(proto);
  }
}
EOF
  cat > "$PEERS_HOME/gatling/src/test/resources/logback-test.xml" <<'EOF'
<configuration>
  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{15} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="CONSOLE"/></root>
</configuration>
EOF
  cat > "$PEERS_HOME/locust/locustfile.py" <<'EOF'
import os
from locust import FastHttpUser, task, constant

PATH = os.environ.get("URLPATH", "/")

class Bench(FastHttpUser):
    wait_time = constant(0)
    @task
    def get(self):
        self.client.get(PATH)
EOF
  cat > "$PEERS_HOME/artillery/bench.yml" <<'EOF'
config:
  target: "http://127.0.0.1:{{ $processEnvironment.PORT }}"
  processor: "./proc.js"
  phases:
    - duration: 1
      arrivalCount: "{{ $processEnvironment.CONNS }}"
  http:
    timeout: 10
scenarios:
  - flow:
      - loop:
          - get:
              url: "{{ $processEnvironment.URLPATH }}"
        whileTrue: "notDone"
EOF
  cat > "$PEERS_HOME/artillery/proc.js" <<'EOF'
const end = Date.now() + 1000 * Number(process.env.SECS || 5);
module.exports = { notDone(ctx, next) { return next(Date.now() < end); } };
EOF
}

# ---------------------------------------------------------------- install (optional)
do_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx-light wrk hey apache2-utils time python3-locust >/dev/null
  mkdir -p "$PEERS_HOME/npm"
  ( cd "$PEERS_HOME/npm" && [ -f package.json ] || npm init -y >/dev/null
    cd "$PEERS_HOME/npm" && npm install --no-audit --no-fund --ignore-scripts autocannon artillery >/dev/null )
  if [ ! -x "$MVN39" ]; then   # jmeter-maven-plugin 3.8.0 needs Maven >= 3.9; Debian ships 3.8.7
    mvn -B -q dependency:copy -Dartifact=org.apache.maven:apache-maven:3.9.11:tar.gz:bin -DoutputDirectory="$PEERS_HOME/dl"
    tar xzf "$PEERS_HOME/dl/apache-maven-3.9.11-bin.tar.gz" -C "$PEERS_HOME"
  fi
  ( cd "$PEERS_HOME/jmeter" && "$MVN39" -B -q jmeter:configure )
  ln -sfn "$(ls -d "$PEERS_HOME"/jmeter/target/*/jmeter | grep -v '/target/jmeter$' | head -1)" "$PEERS_HOME/jmeter-home"
  ( cd "$PEERS_HOME/gatling" && "$MVN39" -B -q test-compile \
      && "$MVN39" -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test )
}

write_assets
[ "$INSTALL" = 1 ] && do_install

# ---------------------------------------------------------------- nginx target
if [ -n "${NGINX_PID_FILE:-}" ]; then   # started by dlt's bench.sh, which also stops it
  NGX_PID_FILE=$NGINX_PID_FILE
else
NGX_PID_FILE=$NG/nginx.pid
cat > "$NG/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
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
    listen $HOST:$PORT reuseport backlog=4096;
    root $NG/html;
    location = /ok { default_type text/plain; return 200 "ok"; }
    location / { }
  }
}
EOF
stop_nginx() {
  if [ -f "$NG/nginx.pid" ] && kill -0 "$(cat "$NG/nginx.pid")" 2>/dev/null; then
    kill -QUIT "$(cat "$NG/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$(cat "$NG/nginx.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  fi
}
stop_nginx
trap stop_nginx EXIT
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"${SRV_PIN[@]}" "$NGINX" -c "$NG/nginx.conf" -p "$NG"
fi
for _ in $(seq 50); do curl -sf -m 2 -o /dev/null "$URL" && break; sleep 0.1; done
curl -sf -m 2 -o /dev/null "$URL" || { echo "nginx did not come up on $URL" >&2; exit 1; }
NGX_WORKERS=$(pgrep -P "$(cat "$NGX_PID_FILE")" | tr '\n' ' ')
srv_ticks() { local t=0 p; for p in $NGX_WORKERS; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo $t; }
CLK=$(getconf CLK_TCK)

# ---------------------------------------------------------------- helpers
TIMEBIN=/usr/bin/time; [ -x "$TIMEBIN" ] || TIMEBIN=""
run_timed() {  # run_timed OUTFILE LIMIT cmd... ; rusage -> $OUTFILE.time
  local out=$1 limit=$2; shift 2
  if [ -n "$TIMEBIN" ]; then
    "$TIMEBIN" -o "$out.time" -f '%e %U %S %M' timeout -k 5 "$limit" "${TOOL_PIN[@]}" "$@" > "$out" 2>&1 || true
  else
    timeout -k 5 "$limit" "${TOOL_PIN[@]}" "$@" > "$out" 2>&1 || true; echo "- - - -" > "$out.time"
  fi
}
to_ms() { awk -v v="$1" 'BEGIN{ n=v; u=v; sub(/[a-z]+$/,"",n); sub(/^[0-9.]+/,"",u);
  if(u=="us")n/=1000; else if(u=="s")n*=1000; else if(u=="m")n*=60000; printf "%.3f", n }'; }
SUMMARY="$RUNS/summary.txt"; : > "$SUMMARY"
emit() {  # emit tool rps p50 p99 requests outfile srvticks
  local tool=$1 rps=$2 p50=$3 p99=$4 req=$5 out=$6 st=$7 e u s m cpu rss srv
  read -r e u s m < <(tail -n 1 "$out.time") || true
  if [ "${u:--}" != "-" ] && [ "${req:-0}" != "-" ] && [ "${req:-0}" -gt 0 ] 2>/dev/null; then
    cpu=$(awk -v u="$u" -v s="$s" -v n="$req" 'BEGIN{printf "%.1f",(u+s)*1e6/n}'); rss=$((m/1024))
  else cpu="-"; rss="-"; fi
  srv=$(awk -v t="$st" -v c="$CLK" -v d="$SECS" 'BEGIN{printf "%.0f", 100*t/c/d}')
  printf "%-12s %10s %8s %8s %10s %9s %10s %8s\n" "$tool" "$rps" "$p50" "$p99" "$cpu" "$rss" "$req" "$srv" | tee -a "$SUMMARY"
}

# ---------------------------------------------------------------- tools
run_tool() {
  local tool=$1 rep=$2 out="$RUNS/$1.$2.out" rps="-" p50="-" p99="-" req="-" s0 s1
  local lim=$((SECS + 60)) jvmlim=$((SECS + 180))
  s0=$(srv_ticks)
  case "$tool" in
    wrk)
      run_timed "$out" $lim wrk -t"$TOOL_NCPU" -c"$CONNS" -d"${SECS}s" --latency "$URL"
      rps=$(awk '/^Requests\/sec/{printf "%.0f",$2}' "$out")
      p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$out")"); p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$out")")
      req=$(awk '/requests in/{print $1}' "$out");;
    hey)
      run_timed "$out" $lim hey -z "${SECS}s" -c "$CONNS" "$URL"
      rps=$(awk '/Requests\/sec:/{printf "%.0f",$2}' "$out")
      p50=$(awk '/ 50% in/{printf "%.3f",$3*1000}' "$out"); p99=$(awk '/ 99% in/{printf "%.3f",$3*1000}' "$out")
      req=$(awk '/^ *\[[0-9]+\]/{n+=$2} END{print n+0}' "$out");;
    ab)
      run_timed "$out" $lim ab -k -q -c "$CONNS" -t "$SECS" -n 100000000 "$URL"
      rps=$(awk '/^Requests per second/{printf "%.0f",$4}' "$out")
      p50=$(awk '$1=="50%"{print $2}' "$out"); p99=$(awk '$1=="99%"{print $2}' "$out")
      req=$(awk '/^Complete requests/{print $3}' "$out");;
    autocannon)
      local ac="$PEERS_HOME/npm/node_modules/.bin/autocannon"
      run_timed "$out" $lim "$ac" -j -c "$CONNS" -d "$SECS" "$URL"
      read -r rps p50 p99 req < <(python3 -c '
import json,sys
t=open(sys.argv[1]).read(); d=json.JSONDecoder().raw_decode(t[t.index("{"):])[0]
print(round(d["requests"]["total"]/d["duration"]), d["latency"]["p50"], d["latency"]["p99"], d["requests"]["total"])' "$out" 2>/dev/null || echo "- - - -");;
    jmeter)
      local jtl="$RUNS/jmeter.$rep.jtl"; rm -f "$jtl"
      run_timed "$out" $jvmlim java -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=100 \
        -jar "$PEERS_HOME"/jmeter-home/bin/ApacheJMeter-5.6.3.jar -n \
        -t "$PEERS_HOME/jmeter/src/test/jmeter/bench.jmx" -l "$jtl" -j "$RUNS/jmeter.$rep.log" \
        -Jthreads="$CONNS" -Jduration="$SECS" -Jhost="$HOST" -Jport="$PORT" -Jpath="$URLPATH"
      read -r rps p50 p99 req < <(python3 -c '
import csv,sys
r=list(csv.DictReader(open(sys.argv[1])))
el=sorted(int(x["elapsed"]) for x in r); n=len(el)
t0=min(int(x["timeStamp"]) for x in r); t1=max(int(x["timeStamp"])+int(x["elapsed"]) for x in r)
q=lambda p: el[min(n-1,max(0,int(round(p*n+0.5))-1))]
print(round(n/((t1-t0)/1000)), q(.5), q(.99), n)' "$jtl" 2>/dev/null || echo "- - - -");;
    gatling)
      local g="$PEERS_HOME/gatling"
      rm -rf "$RUNS/gatling-results"
      run_timed "$out" $jvmlim java -server -Xmx1G -XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 \
        -XX:MaxTrivialSize=12 --add-opens=java.base/java.lang=ALL-UNNAMED \
        --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -Dgatling.data.enableAnalytics=false \
        -Dconns="$CONNS" -Dsecs="$SECS" -Dbase="http://$HOST:$PORT" -Dpath="$URLPATH" \
        -cp "$g/target/test-classes:$(cat "$g/cp.txt")" io.gatling.app.Gatling \
        --simulation bench.BenchSimulation --results-folder "$RUNS/gatling-results" \
        --launcher maven --build-tool-version 3.9.11
      rps=$(awk -F'|' '/mean throughput|mean requests\/sec/{gsub(/[ ,]/,"",$2); printf "%.0f",$2}' "$out")
      p50=$(awk -F'|' '/50th percentile/{gsub(/[ ,]/,"",$2); print $2}' "$out")
      p99=$(awk -F'|' '/99th percentile/{gsub(/[ ,]/,"",$2); print $2}' "$out")
      req=$(awk -F'|' '/> request count/{gsub(/[ ,]/,"",$2); print $2}' "$out");;
    locust)
      rm -f "$RUNS"/locust_*.csv
      URLPATH="$URLPATH" run_timed "$out" $lim locust -f "$PEERS_HOME/locust/locustfile.py" --headless \
        -u "$CONNS" -r "$CONNS" -t "${SECS}s" -H "http://$HOST:$PORT" --only-summary \
        --csv "$RUNS/locust" --loglevel WARNING
      read -r rps p50 p99 req < <(python3 -c '
import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["Name"]=="Aggregated": print(round(float(r["Requests/s"])), r["50%"], r["99%"], r["Request Count"])' \
        "$RUNS/locust_stats.csv" 2>/dev/null || echo "- - - -");;
    artillery)
      local js="$RUNS/artillery.$rep.json"; rm -f "$js"
      ( cd "$PEERS_HOME/artillery" && ARTILLERY_DISABLE_TELEMETRY=true PORT="$PORT" CONNS="$CONNS" SECS="$SECS" \
        URLPATH="$URLPATH" run_timed "$out" $((SECS + 120)) "$PEERS_HOME/npm/node_modules/.bin/artillery" \
        run --output "$js" bench.yml )
      read -r rps p50 p99 req < <(python3 -c '
import json,sys
a=json.load(open(sys.argv[1]))["aggregate"]; n=a["counters"]["http.requests"]; s=a["summaries"]["http.response_time"]
print(round(n/((a["lastCounterAt"]-a["firstCounterAt"])/1000)), s["median"], s["p99"], n)' "$js" 2>/dev/null || echo "- - - -");;
    custom)
      [ -n "${CUSTOM_CMD:-}" ] || { echo "custom: set CUSTOM_CMD"; return; }
      PEER_URL="$URL" PEER_HOST="$HOST" PEER_PORT="$PORT" PEER_PATH="$URLPATH" PEER_CONNS="$CONNS" PEER_SECS="$SECS" \
        run_timed "$out" $jvmlim bash -c "$CUSTOM_CMD"
      local line; line=$(grep -E 'rps=' "$out" | tail -1)
      kv() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
      rps=$(kv rps); p50=$(kv p50_ms); p99=$(kv p99_ms); req=$(kv requests); tool=${CUSTOM_NAME:-custom};;
    *) echo "unknown tool $tool" >&2; return;;
  esac
  s1=$(srv_ticks)
  emit "$tool" "${rps:--}" "${p50:--}" "${p99:--}" "${req:--}" "$out" $((s1 - s0))
}

if [ ${#TOOL_PIN[@]} -gt 0 ]; then PIN_DESC="nginx on cpu $SRV_CPUS, tools on cpu $TOOL_CPUS"; else PIN_DESC="unpinned"; fi
echo "# target $URL  nginx workers=$NGINX_WORKERS  $PIN_DESC  conns=$CONNS  secs=$SECS  reps=$REPS  ($(date -u +%FT%TZ))"
printf "%-12s %10s %8s %8s %10s %9s %10s %8s\n" tool rps p50_ms p99_ms cpu_us/req maxrss_MB requests srv_cpu%
for rep in $(seq "$REPS"); do
  for t in $TOOLS; do run_tool "$t" "$rep"; sleep 1; done
done
if [ "$REPS" -gt 1 ]; then
  echo "# median over $REPS reps"
  python3 - "$SUMMARY" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 8: rows.setdefault(f[0], []).append(f[1:])
def med(vals):
    nums = sorted(float(v) for v in vals if v != "-")
    if not nums: return "-"
    v = nums[(len(nums) - 1) // 2]
    return str(int(v)) if v.is_integer() else "%.3f" % v
for k, rs in rows.items():
    print("%-12s %10s %8s %8s %10s %9s %10s %8s" % ((k,) + tuple(med(c) for c in zip(*rs))))
PY
fi
