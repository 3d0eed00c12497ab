#!/usr/bin/env bash
# Redis from the machine's packages, started without persistence when nothing answers on its port.
# Sourced by ./run after common.sh.
set -euo pipefail

REDIS_HOST=127.0.0.1
REDIS_PORT="${MESH_REDIS_PORT:-6379}"
# shellcheck disable=SC2034 # handed to the services by services.sh
REDIS_URL_LOCAL="redis://$REDIS_HOST:$REDIS_PORT"
REDIS_MARKER_FILE="$MESH_STARTED_DIR/redis"
REDIS_PID_FILE="$MESH_PID_DIR/redis.pid"
REDIS_LOG_FILE="$MESH_LOG_DIR/redis.log"
REDIS_START_TIMEOUT=20

redis_ensure() {
  if redis_ready; then
    say "Redis: running on $REDIS_HOST:$REDIS_PORT"
    return
  fi
  redis_start
}

redis_ready() {
  if command -v redis-cli > /dev/null 2>&1; then
    [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2> /dev/null)" == PONG ]]
  else
    port_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

redis_start() {
  command -v redis-server > /dev/null 2>&1 || redis_install
  mkdir -p "$MESH_RUN_DIR/redis"
  say "Redis: starting redis-server on $REDIS_HOST:$REDIS_PORT (no persistence)"
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
    --save "" --appendonly no --dir "$MESH_RUN_DIR/redis" \
    --pidfile "$REDIS_PID_FILE" --logfile "$REDIS_LOG_FILE" \
    || fail "Redis: redis-server did not start (see ${REDIS_LOG_FILE#"$MESH_ROOT"/})"
  touch "$REDIS_MARKER_FILE"
  mesh_started_now redis
  redis_wait_ready
}

redis_install() {
  if is_debian_root; then
    apt_install redis-server
    return
  fi
  fail "Redis is neither running on $REDIS_HOST:$REDIS_PORT nor installed here.
  Install it, then run this command again:
    Debian or Ubuntu: sudo apt-get install -y redis-server
    elsewhere:        Redis 6.2 or newer listening on $REDIS_HOST:$REDIS_PORT"
}

redis_wait_ready() {
  local deadline=$((SECONDS + REDIS_START_TIMEOUT))
  until redis_ready; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$REDIS_LOG_FILE"
      fail "Redis: not answering on $REDIS_HOST:$REDIS_PORT after ${REDIS_START_TIMEOUT}s"
    fi
    sleep 1
  done
  say "Redis: ready on $REDIS_HOST:$REDIS_PORT"
}

redis_stop() {
  [[ -f "$REDIS_MARKER_FILE" ]] || return 0
  stop_pid Redis "$REDIS_PID_FILE" redis-server 20
  rm -f "$REDIS_MARKER_FILE"
}

redis_status() {
  local where="$REDIS_HOST:$REDIS_PORT" origin="not started by ./run"
  if [[ -f "$REDIS_MARKER_FILE" ]]; then
    origin="started by ./run"
  fi
  if redis_ready; then
    status_line Redis "$where" "up ($origin)"
  else
    status_line Redis "$where" down
    return 1
  fi
}
