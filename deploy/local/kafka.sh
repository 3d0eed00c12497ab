#!/usr/bin/env bash
# A single-node Apache Kafka broker in KRaft mode, run from the jars that the Maven module
# deploy/local/kafka-broker copies to its target/lib. Sourced by ./run after common.sh.
set -euo pipefail

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${MESH_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${MESH_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
KAFKA_HEAP="${MESH_KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${MESH_KAFKA_START_TIMEOUT:-90}"

KAFKA_CONFIG_DIR="$MESH_ROOT/deploy/local/kafka"
KAFKA_LIB_DIR="$MESH_ROOT/deploy/local/kafka-broker/target/lib"
KAFKA_RUN_DIR="$MESH_RUN_DIR/kafka"
KAFKA_DATA_DIR="$KAFKA_RUN_DIR/data"
KAFKA_PROPERTIES="$KAFKA_RUN_DIR/server.properties"
KAFKA_PID_FILE="$MESH_PID_DIR/kafka.pid"
KAFKA_LOG_FILE="$MESH_LOG_DIR/kafka.log"
# Found in the broker's command line; tells our broker apart from any other java process.
KAFKA_MARKER="kafka.Kafka $KAFKA_PROPERTIES"

kafka_ensure() {
  if kafka_is_ours && ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    say "Kafka: broker (pid $(pid_of "$KAFKA_PID_FILE")) is still starting; waiting"
    kafka_wait_ready
    return
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    kafka_report_running
    return
  fi

  kafka_require_broker_jars
  kafka_write_config
  kafka_format_storage
  kafka_start
  kafka_wait_ready
  mesh_started_now kafka
}

kafka_is_ours() {
  pid_alive "$KAFKA_PID_FILE" "$KAFKA_MARKER"
}

kafka_report_running() {
  if kafka_is_ours; then
    say "Kafka: running on $KAFKA_BOOTSTRAP (started by ./run, pid $(pid_of "$KAFKA_PID_FILE"))"
  else
    say "Kafka: using the broker already listening on $KAFKA_BOOTSTRAP"
  fi
}

kafka_require_broker_jars() {
  if compgen -G "$KAFKA_LIB_DIR/kafka_2.13-*.jar" > /dev/null; then
    return
  fi
  require_command mvn "install Apache Maven 3.8.6 or newer"
  say "Kafka: fetching the broker jars (mvn package -pl deploy/local/kafka-broker)"
  (cd "$MESH_ROOT" && mvn -q -B package -pl deploy/local/kafka-broker) \
    || fail "Kafka: could not build deploy/local/kafka-broker (see the Maven output above)"
}

# The committed server.properties, plus this checkout's data directory (and other ports if asked).
kafka_write_config() {
  mkdir -p "$KAFKA_DATA_DIR"
  sed -e "s/:9092/:$KAFKA_PORT/g" -e "s/:9093/:$KAFKA_CONTROLLER_PORT/g" \
    "$KAFKA_CONFIG_DIR/server.properties" > "$KAFKA_PROPERTIES"
  printf '\n# Written by deploy/local/kafka.sh for this checkout.\nlog.dirs=%s\n' \
    "$KAFKA_DATA_DIR" >> "$KAFKA_PROPERTIES"
}

kafka_java() {
  java "-Dlog4j2.configurationFile=$KAFKA_CONFIG_DIR/log4j2.yaml" -cp "$KAFKA_LIB_DIR/*" "$@"
}

kafka_format_storage() {
  local cluster_id
  if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
    return
  fi

  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid)"
  say "Kafka: formatting $KAFKA_DATA_DIR (cluster id $cluster_id)"
  kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_PROPERTIES" \
    >> "$KAFKA_LOG_FILE" 2>&1 || {
    show_log_tail "$KAFKA_LOG_FILE"
    fail "Kafka: formatting the storage failed"
  }
}

kafka_start() {
  local heap_options
  read -r -a heap_options <<< "$KAFKA_HEAP"
  say "Kafka: starting the broker on $KAFKA_BOOTSTRAP (log: ${KAFKA_LOG_FILE#"$MESH_ROOT"/})"
  # setsid: the broker outlives this script and ignores a Ctrl-C typed at it.
  setsid java "${heap_options[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$KAFKA_CONFIG_DIR/log4j2.yaml" \
    -cp "$KAFKA_LIB_DIR/*" kafka.Kafka "$KAFKA_PROPERTIES" \
    >> "$KAFKA_LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$KAFKA_PID_FILE"
}

kafka_wait_ready() {
  if wait_for_port "$KAFKA_HOST" "$KAFKA_PORT" "$KAFKA_START_TIMEOUT" "$KAFKA_PID_FILE" \
    "$KAFKA_MARKER"; then
    say "Kafka: ready on $KAFKA_BOOTSTRAP"
    return
  fi
  show_log_tail "$KAFKA_LOG_FILE"
  fail "Kafka: the broker did not accept connections on $KAFKA_BOOTSTRAP"
}

kafka_stop() {
  stop_pid Kafka "$KAFKA_PID_FILE" "$KAFKA_MARKER" 60
}

kafka_status() {
  local where="$KAFKA_BOOTSTRAP"
  if ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    status_line Kafka "$where" down
    return 1
  fi
  if kafka_is_ours; then
    status_line Kafka "$where" "up (started by ./run, pid $(pid_of "$KAFKA_PID_FILE"))"
  else
    status_line Kafka "$where" "up (not started by ./run)"
  fi
}
