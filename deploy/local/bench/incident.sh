# shellcheck shell=bash
# ./run bench incident: sustained faults per second through a faults topic into the incident
# service's PostgreSQL store, on the real broker and database. Starts the packaged service against
# a fresh database (incidents_bench) and a topic and consumer group of its own, so that a running
# mesh sees none of it, and stops what it started.

INCIDENT_BENCH_DB=incidents_bench
INCIDENT_BENCH_PORT="${MESH_INCIDENT_BENCH_PORT:-18082}"
INCIDENT_BENCH_DIR="$MESH_ROOT/incident-service"
INCIDENT_BENCH_JAR="$INCIDENT_BENCH_DIR/target/quarkus-app/quarkus-run.jar"
INCIDENT_BENCH_MAIN=io.autorecovery.incident.bench.FaultIntakeBenchmark
# A loaded machine starts a JVM slowly; the benchmark waits longer than ./run up does.
INCIDENT_BENCH_START_TIMEOUT="${MESH_SERVICE_START_TIMEOUT:-300}"

bench_incident_usage() {
  cat << 'EOF'
usage: ./run bench incident [--rate N] [--seconds N] [--fingerprints N]
  --rate N           faults sent per second (default 5000)
  --seconds N        how long to send (default 30)
  --fingerprints N   fingerprints that have an incident before sending starts; 90% of the faults
                     recur on them, the rest open new incidents (default 1000)
EOF
}

bench_incident() {
  local rate=5000 seconds=30 fingerprints=1000
  while (($# > 0)); do
    case "$1" in
      --rate | --seconds | --fingerprints)
        [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || fail "bench incident: $1 needs a positive whole number"
        case "$1" in
          --rate) rate="$2" ;;
          --seconds) seconds="$2" ;;
          --fingerprints) fingerprints="$2" ;;
        esac
        shift 2
        ;;
      -h | --help)
        bench_incident_usage
        return
        ;;
      *)
        bench_incident_usage >&2
        fail "bench incident: unknown option '$1'"
        ;;
    esac
  done

  require_command java "install a Java 17 runtime"
  require_command mvn "install Apache Maven 3.8.6 or newer"
  require_command psql "install the PostgreSQL client (Debian: apt-get install -y postgresql-client)"
  mesh_prepare_run_dir
  trap incident_bench_cleanup EXIT
  infra_up
  incident_bench_build
  incident_bench_database

  local run_id topic group
  run_id="$(date +%s)"
  topic="incident-bench-$run_id.faults.detected"
  group="incident-bench-$run_id"
  incident_bench_start "$topic" "$group"
  say "bench incident: $rate faults/s for ${seconds}s into $INCIDENT_BENCH_DB" \
    "(the machine's other load counts: note what else runs)"
  BENCH_DB_PASSWORD="$INCIDENT_DB_PASSWORD" java -cp "$(incident_bench_classpath)" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$INCIDENT_BENCH_MAIN" \
    --bootstrap-servers "$KAFKA_BOOTSTRAP" --topic "$topic" --group "$group" \
    --db-url "jdbc:postgresql://$POSTGRES_HOST:$POSTGRES_PORT/$INCIDENT_BENCH_DB" \
    --db-user incident_service --rate "$rate" --seconds "$seconds" \
    --fingerprints "$fingerprints" \
    || fail "bench incident: the benchmark failed (service log: ${INCIDENT_BENCH_LOG#"$MESH_ROOT"/})"
}

INCIDENT_BENCH_PID_FILE="$MESH_PID_DIR/incident-bench.pid"
INCIDENT_BENCH_LOG="$MESH_LOG_DIR/incident-bench.log"

# Stops the benchmark's service, then whatever infrastructure this invocation started.
incident_bench_cleanup() {
  trap - EXIT
  stop_pid incident-bench "$INCIDENT_BENCH_PID_FILE" "$INCIDENT_BENCH_JAR" 30
  if ((${#MESH_STARTED_NOW[@]} > 0)); then
    stop_started_now
  fi
}

# Packages the service and compiles its test sources (which hold the load generator) when either
# is missing or older than the sources they come from.
incident_bench_build() {
  local marker="$INCIDENT_BENCH_DIR/target/test-classes/${INCIDENT_BENCH_MAIN//.//}.class"
  if [[ -f "$INCIDENT_BENCH_JAR" && -f "$marker" && -f "$INCIDENT_BENCH_DIR/target/bench.classpath" ]] \
    && [[ -z "$(find "$INCIDENT_BENCH_DIR/src" "$INCIDENT_BENCH_DIR/pom.xml" \
      "$MESH_ROOT/outbox/src/main" "$MESH_ROOT/contracts/src/main" \
      -type f -newer "$INCIDENT_BENCH_JAR" -print -quit)" ]]; then
    return
  fi
  say "build: packaging incident-service and its load generator (mvn -B -q install -pl incident-service -am)"
  mvn -B -q -f "$MESH_ROOT/pom.xml" install -pl incident-service -am -DskipTests \
    -Dspotless.check.skip=true || fail "bench incident: the build failed (see the Maven output above)"
  mvn -B -q -f "$MESH_ROOT/pom.xml" dependency:build-classpath -pl incident-service \
    -Dmdep.includeScope=test -Dmdep.outputFile="$INCIDENT_BENCH_DIR/target/bench.classpath" \
    || fail "bench incident: could not resolve the load generator's classpath"
}

incident_bench_classpath() {
  echo "$INCIDENT_BENCH_DIR/target/test-classes:$(< "$INCIDENT_BENCH_DIR/target/bench.classpath")"
}

# A fresh database on every run, so that runs compare; owned by the service's own role.
incident_bench_database() {
  postgres_admin_psql > /dev/null << SQL || fail "bench incident: cannot create $INCIDENT_BENCH_DB"
DROP DATABASE IF EXISTS $INCIDENT_BENCH_DB WITH (FORCE);
CREATE DATABASE $INCIDENT_BENCH_DB OWNER incident_service;
SQL
}

# The packaged service on its own port, database, topic and consumer group. The outbox relay is
# off: the incidents the benchmark opens must not reach the mesh's shared incidents.* topics.
incident_bench_start() {
  local topic="$1" group="$2" heap_options deadline viewer_token operator_token
  read -r -a heap_options <<< "$SERVICE_HEAP"
  if port_open 127.0.0.1 "$INCIDENT_BENCH_PORT"; then
    fail "bench incident: port $INCIDENT_BENCH_PORT is taken (set MESH_INCIDENT_BENCH_PORT)"
  fi
  rotate_log "$INCIDENT_BENCH_LOG"
  say "incident-service (bench): starting on port $INCIDENT_BENCH_PORT" \
    "(log: ${INCIDENT_BENCH_LOG#"$MESH_ROOT"/})"
  viewer_token="$(random_secret)"
  operator_token="$(random_secret)"
  (
    export KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" KAFKA_GROUP_ID="$group"
    export KAFKA_AUTO_OFFSET_RESET=latest INCIDENT_FAULTS_TOPIC="$topic"
    export QUARKUS_HTTP_PORT="$INCIDENT_BENCH_PORT" QUARKUS_SCHEDULER_ENABLED=false
    export DB_HOST="$POSTGRES_HOST" DB_PORT="$POSTGRES_PORT" DB_NAME="$INCIDENT_BENCH_DB"
    export DB_USER=incident_service DB_PASSWORD="$INCIDENT_DB_PASSWORD"
    export INCIDENT_VIEWER_TOKENS="bench:$viewer_token"
    export INCIDENT_OPERATOR_TOKENS="bench-operator:$operator_token"
    # The subshell becomes the JVM, so its pid is the service's.
    exec java "${heap_options[@]}" -jar "$INCIDENT_BENCH_JAR" >> "$INCIDENT_BENCH_LOG" 2>&1 < /dev/null
  ) &
  echo $! > "$INCIDENT_BENCH_PID_FILE"

  # Until the subshell has become the JVM its command line is this script's: check the pid alone.
  deadline=$((SECONDS + INCIDENT_BENCH_START_TIMEOUT))
  until http_ok "http://127.0.0.1:$INCIDENT_BENCH_PORT/q/health/ready"; do
    if ! kill -0 "$(< "$INCIDENT_BENCH_PID_FILE")" 2> /dev/null || ((SECONDS >= deadline)); then
      show_log_tail "$INCIDENT_BENCH_LOG" 30
      fail "bench incident: the service did not become ready"
    fi
    sleep 1
  done
  say "incident-service (bench): ready"
}
