#!/usr/bin/env bash
# Stops what deploy/local/cdp-up.sh started: the api-gateway, the ingest-service and the
# profile-service, then the Kafka broker, then the embedded PostgreSQL. The data stays in
# the run folder, and cdp-up.sh starts from it again.
#
#   deploy/local/cdp-down.sh [--purge]
#
#   --purge   also delete the run folder (broker data, embedded database, logs, keys) and the
#             database cdp-up.sh created on the local PostgreSQL server. A database given with
#             CDP_JDBC_URL is left alone.
#
# CDP_RUN_DIR names the run folder, as for cdp-up.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
source "$HERE/common.sh"

PURGE=no
case ${1:-} in
  "") ;;
  --purge) PURGE=yes ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) fail "unknown option $1 (--purge or nothing)" ;;
esac

if [[ ! -d "$RUN_DIR" ]]; then
  say "Nothing to stop: no run folder at $RUN_DIR"
  exit 0
fi

# The services first (Spring waits for requests in flight, up to 30 s a phase), then the
# broker they use, then the database.
stop_components 90 api-gateway ingest-service profile-service
stop_components 60 kafka

# The embedded PostgreSQL: its launcher stops the server on SIGTERM. Should the launcher
# have been killed, the server it started is stopped by its own pid file.
POSTMASTER_PID_FILE=$RUN_DIR/postgres/postmaster.pid
postmaster_before=""
if [[ -f "$POSTMASTER_PID_FILE" ]]; then
  postmaster_before=$(head -n 1 "$POSTMASTER_PID_FILE")
fi
stop_components 60 postgres
if [[ -n "$postmaster_before" ]] && kill -0 "$postmaster_before" 2> /dev/null &&
  ps -ww -p "$postmaster_before" -o args= | grep -qF -- "$RUN_DIR/postgres"; then
  say "Stopping the embedded PostgreSQL server (pid $postmaster_before)"
  kill -INT "$postmaster_before" 2> /dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$postmaster_before" 2> /dev/null || break
    sleep 0.5
  done
fi
say "Stopped. The data stays in $RUN_DIR."

[[ "$PURGE" == yes ]] || exit 0

[[ -f "$RUN_MARKER" ]] || fail "$RUN_DIR has no $(basename "$RUN_MARKER"); not deleting a folder cdp-up.sh did not make"
if [[ -f "$RUN_DIR/postgres.env" ]]; then
  # shellcheck source=/dev/null
  source "$RUN_DIR/postgres.env"
  if [[ "${PG_MODE:-}" == local && "${PG_CREATED:-}" == yes ]]; then
    # shellcheck source=../../tools/shell/select-jdk.sh
    source "$ROOT/tools/shell/select-jdk.sh"
    select_jdk cdp-down || exit 1
    mkdir -p "$RUN_DIR/logs"
    if postgres_tool drop-database "$PG_SERVER_URL" "$PG_DB_NAME"; then
      say "Dropped database $PG_DB_NAME on the local PostgreSQL server"
    else
      say "Could not drop database $PG_DB_NAME on the local PostgreSQL server; drop it yourself"
    fi
  elif [[ "${PG_MODE:-}" == external ]]; then
    say "Left the database at $PG_URL as it is (CDP_JDBC_URL)"
  fi
fi
rm -rf -- "$RUN_DIR"
say "Deleted $RUN_DIR"
