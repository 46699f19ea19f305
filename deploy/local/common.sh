# shellcheck shell=bash disable=SC2034  # the settings here are read by the scripts that source it
# What cdp-up.sh and cdp-down.sh share: the run folder, the settings, and how a process
# this run started is found again and stopped.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT

# Everything a run keeps: data, logs, process ids, secrets and keys (readable by the owner only).
# cdp-up.sh creates it before this file is sourced, so the path is the same physical one
# for both scripts.
RUN_DIR=${CDP_RUN_DIR:-$ROOT/.cdp-run}
if [[ -d "$RUN_DIR" ]]; then
  RUN_DIR=$(cd "$RUN_DIR" && pwd -P)
elif [[ "$RUN_DIR" != /* ]]; then
  RUN_DIR=$PWD/$RUN_DIR
fi
readonly RUN_DIR
# Written into a new run folder; --purge deletes only a folder that has it.
readonly RUN_MARKER=$RUN_DIR/.cdp-run-folder

readonly GATEWAY_PORT=${CDP_GATEWAY_PORT:-8080}
readonly INGEST_PORT=${CDP_INGEST_PORT:-8081}
readonly PROFILE_PORT=${CDP_PROFILE_PORT:-8082}
readonly KAFKA_PORT=${CDP_KAFKA_PORT:-9092}
readonly KAFKA_CONTROLLER_PORT=${CDP_KAFKA_CONTROLLER_PORT:-9093}
readonly EMBEDDED_POSTGRES_PORT=${CDP_POSTGRES_PORT:-5433}
readonly DB_NAME=${CDP_DB_NAME:-cdp}

# Started in this order, stopped in the reverse one.
readonly SERVICES=(profile-service ingest-service api-gateway)

say() {
  printf '%s\n' "$*"
}

fail() {
  printf 'cdp: %s\n' "$*" >&2
  exit 1
}

pid_file() {
  printf '%s/pids/%s.pid' "$RUN_DIR" "$1"
}

# The process id of a component this run folder started, when it is still running.
# Every process is started with -Dcdp.run.dir=<run folder> as its first argument, so a
# process id reused by the system after a reboot is never taken for ours.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f "$file" ]] || return 1
  pid=$(< "$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2> /dev/null || return 1
  ps -ww -p "$pid" -o args= 2> /dev/null | grep -qF -- "-Dcdp.run.dir=$RUN_DIR " || return 1
  printf '%s' "$pid"
}

port_answers() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

# The runtime classpath of a profile of deploy/local/pom.xml (kafka, postgres), resolved
# from Maven Central once and kept until the poms change.
infra_classpath() {
  local profile=$1 file=$RUN_DIR/classpath/$1.txt
  if [[ ! -s "$file" || "$ROOT/deploy/local/pom.xml" -nt "$file" || "$ROOT/pom.xml" -nt "$file" ]]; then
    mkdir -p "$RUN_DIR/classpath"
    say "Resolving the $profile classpath (deploy/local/pom.xml) from Maven Central" >&2
    (cd "$ROOT" && ./mvnw -q -f deploy/local/pom.xml -P"$profile" dependency:build-classpath \
      -Dmdep.outputFile="$file") > "$RUN_DIR/logs/maven-$profile.log" 2>&1 ||
      fail "could not resolve the $profile classpath from Maven Central; see $RUN_DIR/logs/maven-$profile.log"
  fi
  cat "$file"
}

# Runs deploy/local/LocalPostgres.java (check, create-database, drop-database) with the
# connection's user and password in the environment.
postgres_tool() {
  CDP_PG_USER=$PG_USER CDP_PG_PASSWORD=$PG_PASSWORD \
    "$JAVA_HOME/bin/java" -Xmx64m -cp "$(infra_classpath postgres)" "$ROOT/deploy/local/LocalPostgres.java" "$@"
}

# Sends SIGTERM to the components given, then waits up to $1 seconds for each to exit and
# kills what is left.
stop_components() {
  local grace=$1 name pid deadline
  shift
  local -a pids=() names=()
  for name in "$@"; do
    if pid=$(running_pid "$name"); then
      say "Stopping $name (pid $pid)"
      kill -TERM "$pid" 2> /dev/null || true
      pids+=("$pid") names+=("$name")
    fi
  done
  deadline=$((SECONDS + grace))
  local index
  for index in "${!pids[@]}"; do
    while kill -0 "${pids[$index]}" 2> /dev/null && ((SECONDS < deadline)); do
      sleep 0.5
    done
    if kill -0 "${pids[$index]}" 2> /dev/null; then
      say "  ${names[$index]} did not stop within $grace s; killing it"
      kill -KILL "${pids[$index]}" 2> /dev/null || true
    fi
  done
  for name in "$@"; do
    rm -f "$(pid_file "$name")"
  done
}
