# shellcheck shell=bash
# ./run bench dashboard: server-sent event fan-out of one dashboard instance to many clients.
#
# Starts a dashboard of its own on a spare port (Redis database 6, its own Kafka consumer group
# reading only new records), opens 1,000, 5,000 and 10,000 concurrent /stream connections from a
# non-blocking client in a JVM of its own, appends 10 events/s to the dashboard's Redis stream, and
# prints delivery latency (append to arrival at each client), memory per connection and CPU time
# per delivery. Raises the open-file limit for the sockets. Stops what it started.

DASHBOARD_BENCH_PORT="${MESH_BENCH_DASHBOARD_PORT:-18080}"
DASHBOARD_BENCH_CLIENTS="${MESH_BENCH_DASHBOARD_CLIENTS:-1000,5000,10000}"
DASHBOARD_BENCH_SECONDS="${MESH_BENCH_DASHBOARD_SECONDS:-20}"
DASHBOARD_BENCH_HEAP="${MESH_BENCH_DASHBOARD_HEAP:--Xmx1g}"
DASHBOARD_BENCH_REDIS_DB=6
DASHBOARD_DIR="$MESH_ROOT/dashboard-service"
DASHBOARD_BENCH_MAIN=io.autorecovery.dashboard.bench.FanOutBenchmark

bench_dashboard() {
  local jar token pid log_file heap_options offsets topic
  require_command java "install a Java 17 runtime"
  require_command jcmd "install a Java 17 JDK (jcmd measures the dashboard's heap)"
  dashboard_bench_build_if_needed
  jar="$DASHBOARD_DIR/target/quarkus-app/quarkus-run.jar"
  log_file="$MESH_LOG_DIR/dashboard-bench.log"
  mesh_prepare_run_dir
  if port_open 127.0.0.1 "$DASHBOARD_BENCH_PORT"; then
    fail "bench dashboard: port $DASHBOARD_BENCH_PORT is taken (set MESH_BENCH_DASHBOARD_PORT)"
  fi
  dashboard_bench_raise_open_files
  token="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  read -r -a heap_options <<< "$DASHBOARD_BENCH_HEAP"
  # Every pipeline channel starts at the newest record: the bench measures fan-out, not backlog.
  offsets=()
  for topic in faults.detected incidents.created incidents.updated analysis.completed \
    patch.proposed deploy.requested deploy.completed; do
    offsets+=("-Dmp.messaging.incoming.\"$topic\".auto.offset.reset=latest")
  done

  say "bench dashboard: starting a dashboard on port $DASHBOARD_BENCH_PORT (log: ${log_file#"$MESH_ROOT"/})"
  (
    export QUARKUS_HTTP_PORT="$DASHBOARD_BENCH_PORT"
    export REDIS_URL="redis://127.0.0.1:${MESH_REDIS_PORT:-6379}/$DASHBOARD_BENCH_REDIS_DB"
    export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
    export DASHBOARD_VIEWER_TOKENS="bench:$token" DASHBOARD_OPERATOR_TOKENS="bench-operator:$token-op"
    exec java "${heap_options[@]}" -Dkafka.group.id="dashboard-bench-$$" \
      "${offsets[@]}" \
      -jar "$jar" > "$log_file" 2>&1 < /dev/null
  ) &
  pid=$!
  # shellcheck disable=SC2064 # the pid is fixed now
  trap "kill -TERM $pid 2> /dev/null || true" EXIT

  dashboard_bench_wait_ready "$pid" "$log_file"
  say "bench dashboard: clients $DASHBOARD_BENCH_CLIENTS, 10 events/s for ${DASHBOARD_BENCH_SECONDS}s each;" \
    "$(nproc) cores shared with everything else running here"
  java -Xmx1g -cp "$DASHBOARD_DIR/target/test-classes:$DASHBOARD_DIR/target/quarkus-app/lib/main/*" \
    "$DASHBOARD_BENCH_MAIN" \
    "url=http://127.0.0.1:$DASHBOARD_BENCH_PORT" "token=$token" "pid=$pid" \
    "redis=127.0.0.1:${MESH_REDIS_PORT:-6379}" "redis-db=$DASHBOARD_BENCH_REDIS_DB" \
    "clients=$DASHBOARD_BENCH_CLIENTS" rate=10 "seconds=$DASHBOARD_BENCH_SECONDS" \
    || warn "bench dashboard: the client exited with an error"

  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  trap - EXIT
  say "bench dashboard: stopped the bench dashboard (pid $pid)"
}

# Each connection is a socket in the dashboard and another in the client (separate JVMs): both
# need more open files than the most clients, plus room for jars, Kafka and Redis.
dashboard_bench_raise_open_files() {
  local most needed hard
  most="$(tr ',' '\n' <<< "$DASHBOARD_BENCH_CLIENTS" | sort -n | tail -1)"
  needed=$((most + 2048))
  hard="$(ulimit -Hn)"
  if [[ "$hard" != unlimited ]] && ((hard < needed)); then
    warn "bench dashboard: at most $hard open files allowed (ulimit -Hn), $needed wanted;" \
      "connections beyond it fail"
    needed="$hard"
  fi
  if [[ "$(ulimit -n)" == unlimited ]] || (("$(ulimit -n)" >= needed)); then
    return
  fi
  ulimit -n "$needed" || warn "bench dashboard: cannot raise the open-file limit to $needed"
}

dashboard_bench_wait_ready() {
  local pid="$1" log_file="$2" deadline=$((SECONDS + 120))
  until http_ok "http://127.0.0.1:$DASHBOARD_BENCH_PORT/q/health/ready"; do
    if ! kill -0 "$pid" 2> /dev/null || ((SECONDS >= deadline)); then
      show_log_tail "$log_file" 30
      fail "bench dashboard: the dashboard did not become ready"
    fi
    sleep 1
  done
}

# The bench client is compiled with the dashboard's tests and runs on the service's libraries.
dashboard_bench_build_if_needed() {
  local marker="$DASHBOARD_DIR/target/test-classes/io/autorecovery/dashboard/bench/FanOutBenchmark.class"
  local jar="$DASHBOARD_DIR/target/quarkus-app/quarkus-run.jar"
  if [[ -f "$marker" && -f "$jar" ]] \
    && [[ -z "$(find "$DASHBOARD_DIR/src" -newer "$jar" -print -quit)" ]]; then
    return
  fi
  require_command mvn "install Apache Maven 3.8.6 or newer"
  say "bench dashboard: building dashboard-service (mvn -B -q package -DskipTests)"
  mvn -B -q -f "$MESH_ROOT/pom.xml" package -pl dashboard-service -DskipTests \
    -Dspotless.check.skip=true || fail "bench dashboard: the build failed"
}
