# shellcheck shell=bash
# ./run bench detector-kafka: the detector's throughput through Kafka beside the broker's raw
# consume rate. The detector is started for the run on topics, a consumer group and a Redis
# database of its own, and stopped afterwards; the topics are deleted.

bench_detector_kafka() {
  local records="${1:-${BENCH_RECORDS:-300000}}"
  local bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP}"
  local redis_url="${BENCH_REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/5}"
  local jar="${DETECTOR_JAR:-$(service_jar detector-service)}"
  local log="$MESH_LOG_DIR/bench-detector-kafka.log"
  # The detector runs with the heap ./run gives every service, plus any options to try.
  local jvm="${MESH_SERVICE_HEAP:--Xmx384m} ${BENCH_DETECTOR_JVM_OPTS:-}"
  [[ "$records" =~ ^[0-9]+$ ]] || fail "bench detector-kafka: records must be a whole number"
  require_command java "install a Java 17 runtime"
  mesh_tools_build_if_needed
  if [[ ! -f "$jar" ]]; then
    require_command mvn "install Apache Maven 3.8.6 or newer"
    say "bench detector-kafka: building the detector (mvn -B -o -q package -pl detector-service)"
    mvn -B -o -q -f "$MESH_ROOT/pom.xml" package -pl detector-service -DskipTests \
      -Dspotless.check.skip=true || fail "bench detector-kafka: the build failed"
  fi
  mkdir -p "$(dirname "$log")"
  say "bench detector-kafka: $records records on $bootstrap, Redis $redis_url, log in $log"
  local status=0
  java -jar "$MESH_TOOLS_JAR" bench-detector "$bootstrap" "$jar" "$redis_url" "$records" "$log" "$jvm" \
    || status=$?
  bench_detector_kafka_forget "$redis_url"
  ((status == 0)) || fail "bench detector-kafka: the benchmark failed (see $log)"
}

# Database 5 belongs to this benchmark alone: what the run's detector stored there is dropped.
bench_detector_kafka_forget() {
  if [[ "$1" == "redis://$REDIS_HOST:$REDIS_PORT/5" ]] && command -v redis-cli > /dev/null 2>&1; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 5 flushdb > /dev/null \
      || say "bench detector-kafka: could not empty Redis database 5"
  fi
}
