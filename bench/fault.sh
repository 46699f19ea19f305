#!/usr/bin/env bash
# The fault test. Under a steady load through the gateway (300 events/s of /v1/batch, sent
# and retried as a Segment SDK does), one after the other with recovery in between: kill -9
# of the ingest-service, of the profile-service, of the api-gateway and of the Kafka broker,
# each started again; then PostgreSQL stopped for 60 s (a real fast shutdown with pg_ctl) and
# started again. Afterwards every messageId that got a 200 must be in the store exactly once.
# Prints and writes bench/results/fault-latest.md and fault-latest.json: events sent,
# accepted, retried, stored, missing, duplicates, and each fault's time to recover.
#
#   bench/fault.sh [--quick] [--keep] [--no-build] [--option value ...]    (--help: every option)
#
#   --quick      shorter waits and a 15 s PostgreSQL outage (about 8 minutes instead of 15,
#                plus the stack's start)
#   --keep       leave the stack running afterwards; without it the stack is stopped and its
#                run folder deleted, its logs kept in bench/target/fault-logs
#   --no-build   use the jars in */target as they are
#
# Exit status: 0 when nothing accepted is missing or duplicated, 1 when something is, 2 when
# the test could not run.
#
# The test kills processes and stops PostgreSQL for real, so it runs a stack of its own with
# deploy/local/cdp-up.sh --people 0, never the one CDP_RUN_DIR or the default ports name:
#   CDP_FAULT_RUN_DIR               run folder (default: ${TMPDIR:-/tmp}/cdp-fault-run)
#   CDP_FAULT_GATEWAY_PORT 18080, CDP_FAULT_INGEST_PORT 18081, CDP_FAULT_PROFILE_PORT 18082,
#   CDP_FAULT_KAFKA_PORT 19092, CDP_FAULT_KAFKA_CONTROLLER_PORT 19093,
#   CDP_FAULT_POSTGRES_PORT 15433  (an embedded PostgreSQL 17, always: CDP_POSTGRES=embedded)
# A stack already running in that run folder is used as it is and left running.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/.."

export CDP_RUN_DIR=${CDP_FAULT_RUN_DIR:-${TMPDIR:-/tmp}/cdp-fault-run}
export CDP_GATEWAY_PORT=${CDP_FAULT_GATEWAY_PORT:-18080}
export CDP_INGEST_PORT=${CDP_FAULT_INGEST_PORT:-18081}
export CDP_PROFILE_PORT=${CDP_FAULT_PROFILE_PORT:-18082}
export CDP_KAFKA_PORT=${CDP_FAULT_KAFKA_PORT:-19092}
export CDP_KAFKA_CONTROLLER_PORT=${CDP_FAULT_KAFKA_CONTROLLER_PORT:-19093}
export CDP_POSTGRES_PORT=${CDP_FAULT_POSTGRES_PORT:-15433}
export CDP_POSTGRES=embedded
unset CDP_JDBC_URL CDP_JDBC_USER CDP_JDBC_PASSWORD CDP_TOPICS_PREFIX CDP_DB_NAME

# shellcheck source=../deploy/local/common.sh
source deploy/local/common.sh
# shellcheck source=../tools/shell/select-jdk.sh
source tools/shell/select-jdk.sh

KEEP=no
BUILD=yes
declare -a OPTIONS=()
while (($#)); do
  case $1 in
    --keep) KEEP=yes; shift ;;
    --no-build) BUILD=no; shift ;;
    -h | --help) BUILD=help; shift ;;
    *) OPTIONS+=("$1"); shift ;;
  esac
done

select_jdk fault || exit 2

fault_command() {
  local jar
  jar=$(compgen -G "bench/target/bench-*.jar" | head -n 1 || true)
  [[ -n "$jar" ]] || { echo "fault: no bench/target/bench-*.jar; run without --no-build" >&2; return 2; }
  "$JAVA_HOME/bin/java" -Xms64m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$jar:bench/target/lib/*" io.cdp.bench.FaultCommand "$@"
}
if [[ "$BUILD" == help ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  echo
  fault_command --help 2> /dev/null || echo "(build the bench module for the list of options)"
  exit 0
fi
if [[ "$BUILD" == yes ]]; then
  echo "Building the benchmark module (./mvnw -q -pl bench -am package -DskipTests)"
  ./mvnw -q -pl bench -am package -DskipTests || exit 2
fi

# Stops the stack this script started, keeping its logs, unless --keep.
STARTED=no
finish() {
  local status=$?
  if [[ "$STARTED" == yes && "$KEEP" == no ]]; then
    echo "Stopping the fault test's stack; its logs go to bench/target/fault-logs"
    rm -rf bench/target/fault-logs
    mkdir -p bench/target
    cp -r "$RUN_DIR/logs" bench/target/fault-logs 2> /dev/null || true
    deploy/local/cdp-down.sh --purge > /dev/null || echo "fault: cdp-down.sh --purge failed; stop it yourself (CDP_RUN_DIR=$RUN_DIR)" >&2
  elif [[ "$STARTED" == yes ]]; then
    echo "The stack keeps running (--keep); stop it with: CDP_RUN_DIR=$RUN_DIR deploy/local/cdp-down.sh --purge"
  fi
  exit "$status"
}
trap finish EXIT

if ! running_pid api-gateway > /dev/null; then
  STARTED=yes
fi
build_option=()
[[ "$BUILD" == no ]] && build_option=(--no-build)
echo "Starting the fault test's stack in $RUN_DIR (gateway $GATEWAY_PORT, ingest $INGEST_PORT, profile $PROFILE_PORT, Kafka $KAFKA_PORT, PostgreSQL $EMBEDDED_POSTGRES_PORT)"
if ! deploy/local/cdp-up.sh --people 0 "${build_option[@]}" | sed 's/^/  /'; then
  exit 2
fi
if [[ -f "$RUN_DIR/postgres.env" ]] && ! grep -q "^PG_MODE='embedded'" "$RUN_DIR/postgres.env"; then
  echo "fault: the stack in $RUN_DIR does not use its own embedded PostgreSQL; choose another CDP_FAULT_RUN_DIR" >&2
  exit 2
fi

fault_command --run-dir "$RUN_DIR" "${OPTIONS[@]}"
