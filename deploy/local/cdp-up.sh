#!/usr/bin/env bash
# Runs the whole customer data platform on this machine without Docker: a Kafka broker
# (KRaft, from the Maven Central jars), PostgreSQL (yours, or an embedded PostgreSQL 17),
# the ingest-service, the profile-service and the api-gateway; then creates the demo's
# API keys and source and loads a demo population of people through the gateway.
#
# Needs a JDK 21+ and bash; Maven comes with the wrapper, everything else from Maven Central.
# A second run reuses what the first one left (broker data, database, keys, population).
#
#   deploy/local/cdp-up.sh [--people N] [--seed S] [--no-build] [--reset]
#   deploy/local/cdp-up.sh --only NAME
#
#   --people N   size of the demo population (default 1000; 0 loads none)
#   --seed S     its random seed (default 42): the same seed, the same people and events
#   --no-build   use the jars in */target as they are (the build is otherwise run when a jar is
#                missing or older than its sources or those of a library it is built from)
#   --reset      cdp-down.sh --purge first: start from nothing
#   --only NAME  start just this piece when it is not running (kafka, profile-service,
#                ingest-service or api-gateway) and leave the rest as it is, as a supervisor
#                restarts a process that died; no build, no demo (bench/fault.sh uses it)
#
#   deploy/local/cdp-down.sh [--purge]   stops it; --purge also deletes the run folder
#
# Settings (environment):
#   CDP_RUN_DIR            run folder: data, logs, process ids, keys (default: <repository>/.cdp-run)
#   CDP_GATEWAY_PORT 8080, CDP_INGEST_PORT 8081, CDP_PROFILE_PORT 8082,
#   CDP_KAFKA_PORT 9092, CDP_KAFKA_CONTROLLER_PORT 9093, CDP_POSTGRES_PORT 5433 (embedded PostgreSQL only)
#   CDP_JDBC_URL, CDP_JDBC_USER, CDP_JDBC_PASSWORD   use this PostgreSQL database as it is
#   CDP_DB_NAME            database on the local or embedded server (default: cdp)
#   CDP_POSTGRES           auto (default), local or embedded: which PostgreSQL to use without CDP_JDBC_URL
#   CDP_TOPICS_PREFIX      prefix of the Kafka topics (default: none)
#   CDP_JAVA_OPTS          JVM options of the three services (default: -Xms64m -Xmx512m)
#   CDP_PROFILE_JAVA_OPTS  JVM options added after them for the profile-service (default: -Xms1g -Xmx1g:
#                          its record cache and what it reads keep a larger live set, and with half
#                          that heap the garbage collector's marking took a third of its CPU)
#   CDP_START_TIMEOUT      seconds each piece may take to become ready (default: 300)
set -euo pipefail
umask 077

HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "${CDP_RUN_DIR:-$HERE/../../.cdp-run}"
# shellcheck source=common.sh
source "$HERE/common.sh"
# shellcheck source=../../tools/shell/select-jdk.sh
source "$ROOT/tools/shell/select-jdk.sh"

PEOPLE=1000
SEED=42
BUILD=yes
ONLY=""
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}
while (($#)); do
  case $1 in
    --people) PEOPLE=${2:?--people needs a number}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a number}; shift 2 ;;
    --no-build) BUILD=no; shift ;;
    --only) ONLY=${2:?--only needs kafka, profile-service, ingest-service or api-gateway}; shift 2 ;;
    --reset) "$HERE/cdp-down.sh" --purge; mkdir -p "$RUN_DIR"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done
[[ "$PEOPLE" =~ ^[0-9]+$ && "$SEED" =~ ^[0-9]+$ ]] || fail "--people and --seed take whole numbers"

START_TIMEOUT=${CDP_START_TIMEOUT:-300}
read -r -a JAVA_OPTS <<< "${CDP_JAVA_OPTS:--Xms64m -Xmx512m}"
read -r -a PROFILE_JAVA_OPTS <<< "${CDP_PROFILE_JAVA_OPTS--Xms1g -Xmx1g}"
STARTED=$SECONDS

# --- the run folder -----------------------------------------------------------------------
prepare_run_dir() {
  if [[ ! -f "$RUN_MARKER" ]]; then
    [[ -z "$(ls -A "$RUN_DIR")" ]] || fail "$RUN_DIR is not empty and is no run folder of this script; set CDP_RUN_DIR"
    echo "Run folder of deploy/local/cdp-up.sh; cdp-down.sh --purge deletes it." > "$RUN_MARKER"
  fi
  mkdir -p "$RUN_DIR"/{logs,pids,kafka,classpath}
  say "Run folder: $RUN_DIR"
}

random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# Secrets made on the first run and kept: the gateway signs its callers with the internal
# secret and the services check the signature; the bootstrap admin key is the gateway's
# first admin key; the destinations key seals the webhook destinations' signing secrets in
# PostgreSQL (added to a run folder made before destinations existed).
load_secrets() {
  local file=$RUN_DIR/secrets.env
  if [[ ! -f "$file" ]]; then
    {
      echo "CDP_INTERNAL_SECRET='$(random_hex 32)'"
      echo "CDP_BOOTSTRAP_ADMIN_KEY='cdp_$(random_hex 24)'"
    } > "$file"
  fi
  if ! grep -q '^CDP_DESTINATIONS_SECRET_KEY=' "$file"; then
    echo "CDP_DESTINATIONS_SECRET_KEY='$(head -c 32 /dev/urandom | base64 | tr -d '\n')'" >> "$file"
  fi
  # shellcheck source=/dev/null
  source "$file"
}

# --- build --------------------------------------------------------------------------------
jar_of() {
  local module=$1 pattern
  if [[ "$module" == tools/population ]]; then
    pattern="population-*-exec.jar"
  else
    pattern="$module-*.jar"
  fi
  compgen -G "$ROOT/$module/target/$pattern" | grep -v -- '-plain.jar$' | head -n 1 || true
}

# The directory of the reactor module (a <module> of the root pom) with this artifactId.
module_of_artifact() {
  local artifact=$1 dir
  for dir in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$ROOT/pom.xml"); do
    if [[ "$(awk '/<parent>/, /<\/parent>/ { next }
        /<artifactId>/ { gsub(/.*<artifactId>|<\/artifactId>.*/, ""); print; exit }' "$ROOT/$dir/pom.xml")" == "$artifact" ]]; then
      printf '%s\n' "$dir"
      return
    fi
  done
}

# The io.cdp artifacts a module's pom depends on outside the test scope: what goes into its jar.
direct_module_dependencies() {
  awk '/<exclusions>/ { excluded = 1 } /<\/exclusions>/ { excluded = 0; next } excluded { next }
    /<dependency>/ { group = ""; artifact = ""; scope = "" }
    /<groupId>/ && group == "" { group = $0; gsub(/.*<groupId>|<\/groupId>.*/, "", group) }
    /<artifactId>/ && artifact == "" { artifact = $0; gsub(/.*<artifactId>|<\/artifactId>.*/, "", artifact) }
    /<scope>/ { scope = $0; gsub(/.*<scope>|<\/scope>.*/, "", scope) }
    /<\/dependency>/ && group == "io.cdp" && scope != "test" { print artifact }' "$ROOT/$1/pom.xml"
}

# The reactor modules a module's jar is built from: the module itself and, transitively, every
# module of the reactor it depends on (libs/event-contract, libs/service-web, ...), read from
# the poms so that a new library dependency is never missed.
modules_built_into() {
  local -a pending=("$1") seen=()
  local module artifact dependency
  while ((${#pending[@]})); do
    module=${pending[0]}
    pending=("${pending[@]:1}")
    [[ " ${seen[*]} " == *" $module "* ]] && continue
    seen+=("$module")
    for artifact in $(direct_module_dependencies "$module"); do
      dependency=$(module_of_artifact "$artifact")
      [[ -n "$dependency" ]] && pending+=("$dependency")
    done
  done
  printf '%s\n' "${seen[@]}"
}

# A jar is stale when any source, resource or pom of a module it is built from is newer, or
# the parent pom is.
is_stale() {
  local module=$1 jar part
  local -a inputs=("$ROOT/pom.xml")
  jar=$(jar_of "$module")
  [[ -z "$jar" ]] && return 0
  for part in $(modules_built_into "$module"); do
    inputs+=("$ROOT/$part/src/main" "$ROOT/$part/pom.xml")
  done
  [[ -n "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit 2> /dev/null)" ]]
}

build() {
  local modules=(ingest-service profile-service api-gateway tools/population) module stale=()
  if [[ "$BUILD" == no ]]; then
    for module in "${modules[@]}"; do
      [[ -n "$(jar_of "$module")" ]] || fail "no $module jar; run without --no-build or build with ./mvnw -DskipTests package"
    done
    say "Build: skipped (--no-build), using the jars in */target"
    return
  fi
  for module in "${modules[@]}"; do
    if is_stale "$module"; then
      stale+=("$module")
    fi
  done
  if ((${#stale[@]} == 0)); then
    say "Build: the jars are up to date"
    return
  fi
  say "Build: ${stale[*]} (./mvnw -q -DskipTests package; a first build downloads the dependencies)"
  local began=$SECONDS
  (cd "$ROOT" && ./mvnw -q -DskipTests package -pl "$(IFS=,; echo "${modules[*]}")" -am) \
    > "$RUN_DIR/logs/build.log" 2>&1 || {
    tail -n 30 "$RUN_DIR/logs/build.log" >&2
    fail "the build failed; see $RUN_DIR/logs/build.log"
  }
  # Maven leaves a jar untouched when its classes did not change: mark it as checked
  # against the sources, or it would look stale for ever.
  for module in "${stale[@]}"; do
    touch "$(jar_of "$module")"
  done
  say "  built in $((SECONDS - began)) s"
}

# --- processes ----------------------------------------------------------------------------
require_free_port() {
  ! port_answers "$1" || fail "port $1 ($2) is taken by another program; stop it or set $3"
}

# Starts a JVM in the background with its output in logs/<name>.log. The run folder goes
# first on the command line: cdp-down.sh recognises its processes by it.
launch() {
  local name=$1
  shift
  nohup "$JAVA_HOME/bin/java" "-Dcdp.run.dir=$RUN_DIR" "$@" > "$RUN_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

# Waits until the check passes, while the process keeps running.
await_ready() {
  local name=$1 began=$2 check=$3 pid
  pid=$(< "$(pid_file "$name")")
  until $check; do
    if ! kill -0 "$pid" 2> /dev/null; then
      tail -n 40 "$RUN_DIR/logs/$name.log" >&2
      fail "$name stopped while starting; see $RUN_DIR/logs/$name.log"
    fi
    if ((SECONDS - began > START_TIMEOUT)); then
      tail -n 40 "$RUN_DIR/logs/$name.log" >&2
      fail "$name was not ready within $START_TIMEOUT s; see $RUN_DIR/logs/$name.log"
    fi
    sleep 0.5
  done
  say "  $name ready in $((SECONDS - began)) s"
}

# --- Kafka --------------------------------------------------------------------------------
kafka_answers() {
  port_answers "$KAFKA_PORT"
}

write_kafka_properties() {
  cat > "$RUN_DIR/kafka/server.properties" << EOF
# Written by cdp-up.sh on every start. One node that is both broker and KRaft controller.
node.id=1
process.roles=broker,controller
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$RUN_DIR/kafka/data
# One broker: every internal topic has one replica. The profile-service's exactly-once
# processing needs the transaction state log.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The services create their topics; a forgotten one fails loudly instead of appearing.
auto.create.topics.enable=false
EOF
}

start_kafka() {
  local pid
  if pid=$(running_pid kafka); then
    say "Kafka: already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
    return
  fi
  require_free_port "$KAFKA_PORT" Kafka CDP_KAFKA_PORT
  require_free_port "$KAFKA_CONTROLLER_PORT" "the Kafka controller" CDP_KAFKA_CONTROLLER_PORT
  local began=$SECONDS classpath
  classpath=$(infra_classpath kafka)
  write_kafka_properties
  if [[ ! -f "$RUN_DIR/kafka/data/meta.properties" ]]; then
    # A cluster id is 16 random bytes in URL-safe base64 without padding. It may start
    # with "-", so it is passed as --cluster-id=…, never as a separate argument.
    local cluster_id
    cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
    "$JAVA_HOME/bin/java" -Xmx256m -cp "$classpath" kafka.tools.StorageTool format \
      --cluster-id="$cluster_id" -c "$RUN_DIR/kafka/server.properties" > "$RUN_DIR/logs/kafka-format.log" 2>&1 ||
      fail "could not format the Kafka storage; see $RUN_DIR/logs/kafka-format.log"
  fi
  say "Kafka: starting a KRaft broker (org.apache.kafka:kafka_2.13, the services' Kafka version) on 127.0.0.1:$KAFKA_PORT, data in $RUN_DIR/kafka/data"
  launch kafka -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-log4j2.properties" \
    -cp "$classpath" kafka.Kafka "$RUN_DIR/kafka/server.properties"
  await_ready kafka "$began" kafka_answers
}

# --- PostgreSQL ---------------------------------------------------------------------------
# The choice made on the first run is kept in postgres.env and used again.
choose_postgres() {
  local file=$RUN_DIR/postgres.env
  if [[ -f "$file" ]]; then
    # shellcheck source=/dev/null
    source "$file"
    return
  fi
  PG_CREATED=no
  local mode=${CDP_POSTGRES:-auto}
  if [[ -n "${CDP_JDBC_URL:-}" ]]; then
    PG_MODE=external PG_URL=$CDP_JDBC_URL PG_SERVER_URL="" PG_USER=${CDP_JDBC_USER:-postgres} PG_PASSWORD=${CDP_JDBC_PASSWORD:-}
  elif [[ "$mode" != embedded ]] && port_answers 5432 && PG_USER=postgres PG_PASSWORD="" &&
    postgres_tool check "jdbc:postgresql://127.0.0.1:5432/postgres" > "$RUN_DIR/logs/postgres-check.log" 2>&1; then
    PG_MODE=local PG_SERVER_URL="jdbc:postgresql://127.0.0.1:5432/postgres" PG_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
  elif [[ "$mode" == local ]]; then
    fail "no PostgreSQL on 127.0.0.1:5432 accepts user postgres without a password (CDP_POSTGRES=local)"
  else
    PG_MODE=embedded PG_USER=postgres PG_PASSWORD=""
    PG_SERVER_URL="jdbc:postgresql://127.0.0.1:$EMBEDDED_POSTGRES_PORT/postgres"
    PG_URL="jdbc:postgresql://127.0.0.1:$EMBEDDED_POSTGRES_PORT/$DB_NAME"
  fi
}

save_postgres_choice() {
  {
    echo "PG_MODE='$PG_MODE'"
    echo "PG_URL='$PG_URL'"
    echo "PG_SERVER_URL='$PG_SERVER_URL'"
    echo "PG_USER='$PG_USER'"
    echo "PG_PASSWORD='$PG_PASSWORD'"
    echo "PG_CREATED='$PG_CREATED'"
    echo "PG_DB_NAME='$DB_NAME'"
  } > "$RUN_DIR/postgres.env"
}

# The launcher prints this line once the server accepts connections.
embedded_postgres_answers() {
  grep -q '^PostgreSQL 17 ready' "$RUN_DIR/logs/postgres.log" 2> /dev/null
}

start_embedded_postgres() {
  local pid began=$SECONDS
  if pid=$(running_pid postgres); then
    say "PostgreSQL: embedded server already running (pid $pid)"
    return
  fi
  require_free_port "$EMBEDDED_POSTGRES_PORT" "the embedded PostgreSQL" CDP_POSTGRES_PORT
  say "PostgreSQL: starting an embedded PostgreSQL 17 (Maven Central binaries) on 127.0.0.1:$EMBEDDED_POSTGRES_PORT, data in $RUN_DIR/postgres"
  local classpath
  classpath=$(infra_classpath postgres)
  # The first start unpacks the binaries (xz, with a 64 MB dictionary): 64 MB of heap is too little.
  launch postgres -Xmx256m -cp "$classpath" "$ROOT/deploy/local/LocalPostgres.java" run \
    "$RUN_DIR/postgres" "$EMBEDDED_POSTGRES_PORT"
  await_ready postgres "$began" embedded_postgres_answers
}

setup_postgres() {
  choose_postgres
  case $PG_MODE in
    external)
      say "PostgreSQL: $PG_URL (CDP_JDBC_URL, used as it is)"
      postgres_tool check "$PG_URL" > "$RUN_DIR/logs/postgres-check.log" 2>&1 ||
        fail "cannot connect to $PG_URL as $PG_USER: $(tail -n 1 "$RUN_DIR/logs/postgres-check.log")"
      ;;
    local) say "PostgreSQL: the local server on 127.0.0.1:5432, database $DB_NAME" ;;
    embedded) start_embedded_postgres ;;
  esac
  if [[ "$PG_MODE" != external && ! -f "$RUN_DIR/postgres.env" ]]; then
    local outcome
    outcome=$(postgres_tool create-database "$PG_SERVER_URL" "$DB_NAME") ||
      fail "could not create database $DB_NAME at $PG_SERVER_URL"
    [[ "$outcome" == created ]] && PG_CREATED=yes
    say "  database $DB_NAME $outcome"
  fi
  save_postgres_choice
}

# --- the services -------------------------------------------------------------------------
service_port() {
  case $1 in
    api-gateway) echo "$GATEWAY_PORT" ;;
    ingest-service) echo "$INGEST_PORT" ;;
    profile-service) echo "$PROFILE_PORT" ;;
  esac
}

# The settings docker-compose.yml gives each service, for this machine.
service_environment() {
  local -a shared=(
    "SERVER_PORT=$(service_port "$1")"
    "SPRING_DATASOURCE_URL=$PG_URL" "SPRING_DATASOURCE_USERNAME=$PG_USER" "SPRING_DATASOURCE_PASSWORD=$PG_PASSWORD"
    "CDP_INTERNAL_SECRET=$CDP_INTERNAL_SECRET"
  )
  printf '%s\n' "${shared[@]}"
  case $1 in
    ingest-service)
      echo "SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
      echo "CDP_TOPICS_PREFIX=${CDP_TOPICS_PREFIX:-}"
      # The gateway in front forwards the client's address.
      echo "CDP_INGEST_CLIENT_ADDRESS_TRUSTED_PROXIES=127.0.0.1,::1"
      ;;
    profile-service)
      echo "SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
      echo "CDP_TOPICS_PREFIX=${CDP_TOPICS_PREFIX:-}"
      # The Kafka Streams stores belong with the broker data they were built from.
      echo "CDP_IDENTITY_STATE_DIR=$RUN_DIR/profile-state"
      echo "CDP_DESTINATIONS_SECRET_KEY=$CDP_DESTINATIONS_SECRET_KEY"
      ;;
    api-gateway)
      echo "CDP_BOOTSTRAP_ADMIN_KEY=$CDP_BOOTSTRAP_ADMIN_KEY"
      echo "CDP_GATEWAY_ROUTES_INGEST_URI=http://127.0.0.1:$INGEST_PORT"
      echo "CDP_GATEWAY_ROUTES_PROFILE_URI=http://127.0.0.1:$PROFILE_PORT"
      ;;
  esac
}

port_variable() {
  case $1 in
    api-gateway) echo CDP_GATEWAY_PORT ;;
    ingest-service) echo CDP_INGEST_PORT ;;
    profile-service) echo CDP_PROFILE_PORT ;;
  esac
}

readiness_of() {
  curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$(service_port "$1")/actuator/health/readiness" 2> /dev/null
}

# Starts the services named, in the order given, and waits until each is ready.
start_services() {
  local name pid port began=$SECONDS
  local -a waiting=()
  for name in "$@"; do
    port=$(service_port "$name")
    if pid=$(running_pid "$name"); then
      say "$name: already running (pid $pid) on port $port"
      readiness_of "$name" || fail "$name runs (pid $pid) but is not ready on port $port; run cdp-down.sh and try again"
      continue
    fi
    require_free_port "$port" "$name" "$(port_variable "$name")"
    say "$name: starting on port $port"
    # Secrets go through the environment, never the command line.
    local -a environment=()
    mapfile -t environment < <(service_environment "$name")
    local -a options=("${JAVA_OPTS[@]}")
    [[ "$name" == profile-service ]] && options+=("${PROFILE_JAVA_OPTS[@]}")
    (export "${environment[@]}" && launch "$name" "${options[@]}" -jar "$(jar_of "$name")")
    waiting+=("$name")
  done
  for name in "${waiting[@]}"; do
    await_ready "$name" "$began" "readiness_of $name"
  done
}

# --- the demo -----------------------------------------------------------------------------
population() {
  "$JAVA_HOME/bin/java" -Xmx512m -jar "$(jar_of tools/population)" "$@"
}

setup_demo() {
  local keys=$RUN_DIR/demo-keys.env
  if [[ ! -f "$keys" ]]; then
    say "Demo: creating an admin API key, a read-only API key and a source, through the gateway"
    CDP_BOOTSTRAP_ADMIN_KEY=$CDP_BOOTSTRAP_ADMIN_KEY \
      population setup --gateway "http://127.0.0.1:$GATEWAY_PORT" --out "$keys" | sed 's/^/  /'
    [[ ${PIPESTATUS[0]} -eq 0 && -f "$keys" ]] || fail "the demo set-up failed"
  fi
  # shellcheck source=/dev/null
  source "$keys"
}

# Two audiences over the demo population, made before it is loaded so that the events it
# brings count for them as they arrive (an audience counts the events performed from its
# creation on). A name that exists already (409) is kept as it is.
DEMO_AUDIENCES=(
  '{"name": "repeat_buyers_30d", "condition": {"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}}'
  '{"name": "customers_drifting_away", "condition": {"all": [{"cx": "value.orders", "op": "gte", "value": 1}, {"journey": {"status": ["at-risk", "churned"]}}]}}'
)

create_demo_audiences() {
  local audience status
  for audience in "${DEMO_AUDIENCES[@]}"; do
    status=$(curl -s -o "$RUN_DIR/logs/demo-audience.json" -w '%{http_code}' --max-time 30 \
      -X POST "http://127.0.0.1:$GATEWAY_PORT/v1/admin/audiences" \
      -H "Authorization: Bearer $CDP_ADMIN_API_KEY" -H 'Content-Type: application/json' -d "$audience")
    [[ "$status" == 201 || "$status" == 409 ]] ||
      fail "creating a demo audience answered $status: $(head -c 500 "$RUN_DIR/logs/demo-audience.json")"
  done
  say "Demo: audiences repeat_buyers_30d and customers_drifting_away"
}

load_demo() {
  local loaded=$RUN_DIR/demo-population.env
  if [[ -f "$loaded" ]]; then
    # shellcheck source=/dev/null
    source "$loaded"
    say "Demo: the population is loaded already ($CDP_DEMO_PEOPLE people, $CDP_DEMO_EVENTS events)"
    return
  fi
  if ((PEOPLE == 0)); then
    say "Demo: no population (--people 0)"
    return
  fi
  create_demo_audiences
  say "Demo: loading $PEOPLE people through the gateway's /v1/batch"
  CDP_DEMO_WRITE_KEY=$CDP_DEMO_WRITE_KEY CDP_READ_API_KEY=$CDP_READ_API_KEY \
    population load --gateway "http://127.0.0.1:$GATEWAY_PORT" --people "$PEOPLE" --seed "$SEED" \
    --out "$loaded" | sed 's/^/  /'
  [[ ${PIPESTATUS[0]} -eq 0 && -f "$loaded" ]] || fail "loading the demo population failed"
  # shellcheck source=/dev/null
  source "$loaded"
}

summary() {
  local gateway="http://localhost:$GATEWAY_PORT"
  cat << EOF

The customer data platform is running ($((SECONDS - STARTED)) s).

  API gateway       $gateway   (the public entry point)
  Console           $gateway/console   (sign in with the read-only API key below; the admin key adds the data sources)
  ingest-service    http://localhost:$INGEST_PORT    profile-service  http://localhost:$PROFILE_PORT
  Kafka             127.0.0.1:$KAFKA_PORT    PostgreSQL  $PG_URL
  Logs              $RUN_DIR/logs/

Keys (kept in $RUN_DIR, readable only by you):
  read-only API key   $CDP_READ_API_KEY   (profiles:read, events:read)
  admin API key       $CDP_ADMIN_API_KEY   (admin)
  demo write key      $CDP_DEMO_WRITE_KEY   (source $CDP_DEMO_SOURCE_ID)
EOF
  if [[ -n "${CDP_DEMO_EMAIL:-}" ]]; then
    cat << EOF

Demo population: $CDP_DEMO_PEOPLE people, $CDP_DEMO_EVENTS events on the web, in the app, by email and at the help desk.
$CDP_DEMO_PERSON met the shop on every channel. Their unified profile, found by the email as they typed it,
by the phone number as the help desk wrote it, and their history, newest first:

  export CDP_API_KEY=$CDP_READ_API_KEY
  curl -sG $gateway/v1/profiles/lookup -H "Authorization: Bearer \$CDP_API_KEY" --data-urlencode 'identifier=email:$CDP_DEMO_EMAIL_AS_WRITTEN'
  curl -sG $gateway/v1/profiles/lookup -H "Authorization: Bearer \$CDP_API_KEY" --data-urlencode 'identifier=phone:$CDP_DEMO_PHONE_AS_WRITTEN'
  curl -s '$gateway/v1/profiles/${CDP_DEMO_PROFILE_ID:-<profileId>}/events?limit=20' -H "Authorization: Bearer \$CDP_API_KEY"

Who bought twice in the last 30 days, and which customers are drifting away, kept live:

  curl -s $gateway/v1/audiences -H "Authorization: Bearer \$CDP_API_KEY"
  curl -s '$gateway/v1/audiences/customers_drifting_away/members?limit=5&identifiers=email' -H "Authorization: Bearer \$CDP_API_KEY"
EOF
  fi
  cat << EOF

Stop:  deploy/local/cdp-down.sh    (keeps the data; cdp-up.sh starts it again)
Reset: deploy/local/cdp-down.sh --purge, or cdp-up.sh --reset
EOF
}

# --- one piece ------------------------------------------------------------------------------
# Starts one piece that stopped while the others keep running. The others are not checked:
# they may well be unready while the piece they depend on is away.
start_only() {
  [[ -f "$RUN_MARKER" && -f "$RUN_DIR/postgres.env" ]] ||
    fail "$RUN_DIR holds no stack yet; start the whole stack with cdp-up.sh first"
  load_secrets
  case $1 in
    kafka) start_kafka ;;
    profile-service | ingest-service | api-gateway)
      [[ -n "$(jar_of "$1")" ]] || fail "no $1 jar; build with ./mvnw -DskipTests package"
      choose_postgres
      start_services "$1"
      ;;
    *) fail "--only takes kafka, profile-service, ingest-service or api-gateway, not $1" ;;
  esac
}

select_jdk cdp-up || exit 1
command -v curl > /dev/null || fail "curl is needed"
if [[ -n "$ONLY" ]]; then
  start_only "$ONLY"
  exit 0
fi
prepare_run_dir
say "Java: $JAVA_HOME"
load_secrets
build
start_kafka
setup_postgres
start_services "${SERVICES[@]}"
setup_demo
load_demo
summary
