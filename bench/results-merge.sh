#!/usr/bin/env bash
# results-merge.sh — how long the results parser takes on 1,000 worker result files with 20 labels
# each, with a 1 GB heap (the results-parser Lambda's memory). Target: under 10 s.
#
# Builds core and results-parser (tests compiled, not run), then runs dlt.results.MergeBenchmark
# (results-parser/src/test/java), which builds the files in a temp dir first and then times one parse:
# list, read, exact merge per label/region/total, summaries, thresholds, results.json, report.html,
# junit.xml and the bounded item. Prints one line: "read+merge+summarise of N files x L labels: T s".
#
# usage: results-merge.sh [tasks=1000] [labels=20] [timeline seconds=600] [requests per label=20000]
# env: JAVA_HOME (a JDK >= 21; default: the newest under /usr/lib/jvm), BENCH_HEAP (default 1g)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME="$candidate"; break; fi
  done
fi
export JAVA_HOME
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

cd "$ROOT"
mvn -B -q -pl core,load-tester install -DskipTests >&2
mvn -B -q -pl results-parser test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
# private copies of the jars, so a concurrent `mvn install` cannot swap them under the running JVM
LIB="$(mktemp -d)"; trap 'rm -rf "$LIB"' EXIT
CP="results-parser/target/test-classes:results-parser/target/classes"
IFS=":" read -r -a JARS < results-parser/target/bench.classpath || true
for jar in "${JARS[@]}"; do cp "$jar" "$LIB/"; CP="$CP:$LIB/$(basename "$jar")"; done
"$JAVA" -Xmx"${BENCH_HEAP:-1g}" -cp "$CP" dlt.results.MergeBenchmark "$@"
