#!/usr/bin/env bash
# Each Lambda function's shaded jar size, and its handler's init (the no-argument constructor, as the
# runtime calls it) and first invocation (its SnapStart priming pass) in a fresh JVM, without SnapStart.
# AWS is a local stub (answers "not found"), so network time is near zero: this is class loading, Jackson
# and SDK set-up, what a cold start pays and what SnapStart's snapshot saves.
# Usage: bench/lambda-init.sh [runs per function, default 5]   (prints the table; builds first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
"$ROOT/dlt" build
cd "$ROOT"
# the launcher found the JDK; reuse its choice for Maven
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
mvn -B -q -Dstyle.color=never ${MVN_ARGS:-} -pl infrastructure surefire:test -Dtest=SnapshotSafetyTest \
  -Ddlt.init.runs="$RUNS" >&2
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
cat infrastructure/target/handler-init.txt
