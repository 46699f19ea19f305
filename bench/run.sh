#!/usr/bin/env bash
# Runs the benchmarks against the stack started by deploy/local/cdp-up.sh and writes
# bench/results/latest.md, latest.json and latest.png. Builds the bench module first
# (./mvnw -q -pl bench -am package -DskipTests) unless --no-build is the first option.
#
#   bench/run.sh [--no-build] [--people N] [--option value ...]    (--help lists the options)
#
# The run folder, ports and topic prefix are found as cdp-up.sh finds them (CDP_RUN_DIR,
# CDP_GATEWAY_PORT, CDP_INGEST_PORT, CDP_PROFILE_PORT, CDP_KAFKA_PORT, CDP_TOPICS_PREFIX).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=../tools/shell/select-jdk.sh
source "$ROOT/tools/shell/select-jdk.sh"
select_jdk bench || exit 1

if [[ "${1:-}" == --help || "${1:-}" == -h ]]; then
  set -- --help x
fi
if [[ "${1:-}" == --no-build ]]; then
  shift
else
  echo "Building the benchmark (./mvnw -q -pl bench -am package -DskipTests)"
  ./mvnw -q -pl bench -am package -DskipTests
fi

jar=$(compgen -G "bench/target/bench-*.jar" | head -n 1 || true)
[[ -n "$jar" ]] || { echo "bench: no bench/target/bench-*.jar; run without --no-build" >&2; exit 1; }
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx2g -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar:bench/target/lib/*" io.cdp.bench.BenchCommand "$@"
