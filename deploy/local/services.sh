#!/usr/bin/env bash
# The six Quarkus services as background JVM processes: start, wait for readiness, stop, report.
# Sourced by ./run after common.sh, kafka.sh, postgres.sh and redis.sh.
set -euo pipefail

# In port order; this is also the order in which they start.
MESH_SERVICES=(
  dashboard-service
  detector-service
  incident-service
  rag-service
  patch-service
  deployer-service
)

declare -A SERVICE_PORTS=(
  [dashboard-service]=8080
  [detector-service]=8081
  [incident-service]=8082
  [rag-service]=8083
  [patch-service]=8084
  [deployer-service]=8085
)

# PostgreSQL services: the role they log in as, and the secrets.env variable with its password.
declare -A SERVICE_DB_ROLES=(
  [incident-service]=incident_service
  [rag-service]=rag_service
  [patch-service]=patch_service
  [deployer-service]=deployer_service
)
declare -A SERVICE_DB_PASSWORD_VARIABLES=(
  [incident-service]=INCIDENT_DB_PASSWORD
  [rag-service]=RAG_DB_PASSWORD
  [patch-service]=PATCH_DB_PASSWORD
  [deployer-service]=DEPLOYER_DB_PASSWORD
)

# Redis services.
declare -A SERVICE_USES_REDIS=(
  [dashboard-service]=yes
  [detector-service]=yes
)

SERVICE_HEAP="${MESH_SERVICE_HEAP:--Xmx384m}"
SERVICE_START_TIMEOUT="${MESH_SERVICE_START_TIMEOUT:-120}"
SERVICE_STOP_TIMEOUT=30

service_jar() {
  echo "$MESH_ROOT/$1/target/quarkus-app/quarkus-run.jar"
}

service_port() {
  echo "${SERVICE_PORTS[$1]}"
}

service_url() {
  echo "http://127.0.0.1:$(service_port "$1")"
}

service_ready() {
  http_ok "$(service_url "$1")/q/health/ready"
}

service_pid_file() {
  echo "$MESH_PID_DIR/$1.pid"
}

service_log_file() {
  echo "$MESH_LOG_DIR/$1.log"
}

service_is_ours() {
  pid_alive "$(service_pid_file "$1")" "$(service_jar "$1")"
}

# Exports what one service reads from its environment. Called in the subshell that becomes it,
# so that passwords never appear on a command line.
service_export_environment() {
  local svc="$1" password_variable
  export KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP"
  export QUARKUS_HTTP_PORT="${SERVICE_PORTS[$svc]}"
  if [[ -n "${SERVICE_DB_ROLES[$svc]:-}" ]]; then
    password_variable="${SERVICE_DB_PASSWORD_VARIABLES[$svc]}"
    export DB_HOST="$POSTGRES_HOST" DB_PORT="$POSTGRES_PORT"
    export DB_USER="${SERVICE_DB_ROLES[$svc]}" DB_PASSWORD="${!password_variable}"
  fi
  if [[ -n "${SERVICE_USES_REDIS[$svc]:-}" ]]; then
    export REDIS_URL="$REDIS_URL_LOCAL"
  fi
  if [[ "$svc" == incident-service ]]; then
    # Entries "person:token"; the tokens come from secrets.env and are never printed.
    export INCIDENT_VIEWER_TOKENS="viewer:${INCIDENT_VIEWER_TOKEN:?missing from secrets.env}"
    export INCIDENT_OPERATOR_TOKENS="operator:${INCIDENT_OPERATOR_TOKEN:?missing from secrets.env}"
    # The dashboard acts for its operators with a token of its own.
    INCIDENT_OPERATOR_TOKENS+=",dashboard:${DASHBOARD_INCIDENT_TOKEN:?missing from secrets.env}"
  fi
  if [[ "$svc" == deployer-service ]]; then
    export DEPLOYER_OPERATOR_TOKENS="dashboard:${DASHBOARD_DEPLOYER_TOKEN:?missing from secrets.env}"
  fi
  if [[ "$svc" == dashboard-service ]]; then
    export DASHBOARD_VIEWER_TOKENS="viewer:${DASHBOARD_VIEWER_TOKEN:?missing from secrets.env}"
    export DASHBOARD_OPERATOR_TOKENS="operator:${DASHBOARD_OPERATOR_TOKEN:?missing from secrets.env}"
    export DASHBOARD_INCIDENT_TOKEN DASHBOARD_DEPLOYER_TOKEN
    INCIDENT_URL="$(service_url incident-service)"
    DEPLOYER_URL="$(service_url deployer-service)"
    export INCIDENT_URL DEPLOYER_URL
  fi
}

service_start() {
  local svc="$1" jar log_file heap_options
  jar="$(service_jar "$svc")"
  log_file="$(service_log_file "$svc")"
  read -r -a heap_options <<< "$SERVICE_HEAP"

  rotate_log "$log_file"
  say "$svc: starting on port $(service_port "$svc") (log: ${log_file#"$MESH_ROOT"/})"
  (
    service_export_environment "$svc"
    # setsid: the service outlives this script and ignores a Ctrl-C typed at it.
    exec setsid java "${heap_options[@]}" -jar "$jar" >> "$log_file" 2>&1 < /dev/null
  ) &
  echo $! > "$(service_pid_file "$svc")"
}

# Checks before starting anything, so that a missing jar leaves no half-started mesh behind.
services_require_jars() {
  local svc jar missing=()
  for svc in "${MESH_SERVICES[@]}"; do
    jar="$(service_jar "$svc")"
    [[ -f "$jar" ]] || missing+=("${jar#"$MESH_ROOT"/}")
  done
  if ((${#missing[@]} > 0)); then
    fail "missing, build them with ./run up: ${missing[*]}"
  fi
}

# Starts every service that is not running yet, then waits until all of them are ready.
services_ensure() {
  local svc to_wait=()
  services_require_jars
  for svc in "${MESH_SERVICES[@]}"; do
    if service_is_ours "$svc"; then
      say "$svc: already running (pid $(pid_of "$(service_pid_file "$svc")"))"
      to_wait+=("$svc")
    elif service_ready "$svc"; then
      say "$svc: already served on port $(service_port "$svc") by a process not started by ./run"
    elif port_open 127.0.0.1 "$(service_port "$svc")"; then
      fail "$svc: port $(service_port "$svc") is taken by a process that is not $svc"
    else
      service_start "$svc"
      mesh_started_now "$svc"
      to_wait+=("$svc")
    fi
  done
  services_wait_ready "${to_wait[@]}"
}

services_wait_ready() {
  local pending=("$@") waiting svc failed=() started_at=$SECONDS
  local deadline=$((SECONDS + SERVICE_START_TIMEOUT))

  while ((${#pending[@]} > 0)); do
    waiting=()
    for svc in "${pending[@]}"; do
      if service_ready "$svc"; then
        say "$svc: ready at $(service_url "$svc") ($((SECONDS - started_at))s)"
      elif ! service_is_ours "$svc"; then
        warn "$svc: the process exited before it became ready"
        failed+=("$svc")
      else
        waiting+=("$svc")
      fi
    done
    pending=("${waiting[@]}")
    if ((${#failed[@]} > 0)) || ((SECONDS >= deadline)); then
      break
    fi
    if ((${#pending[@]} > 0)); then
      sleep 1
    fi
  done

  failed+=("${pending[@]}")
  if ((${#failed[@]} > 0)); then
    services_report_failure "${failed[@]}"
  fi
}

services_report_failure() {
  local svc
  for svc in "$@"; do
    show_log_tail "$(service_log_file "$svc")" 30
  done
  fail "did not become ready (exited, or not ready after ${SERVICE_START_TIMEOUT}s): $*
  Logs are in ${MESH_LOG_DIR#"$MESH_ROOT"/}/; stop what is running with ./run down"
}

# Stops the given services together: each one takes a few seconds to drain its consumers.
services_stop() {
  local svc entries=()
  for svc in "$@"; do
    entries+=("$svc|$(service_pid_file "$svc")|$(service_jar "$svc")")
  done
  if ((${#entries[@]} > 0)); then
    stop_processes "$SERVICE_STOP_TIMEOUT" "${entries[@]}"
  fi
}

services_stop_all() {
  services_stop "${MESH_SERVICES[@]}"
}

service_status() {
  local svc="$1" port pid_note=""
  port="$(service_port "$svc")"
  if service_is_ours "$svc"; then
    pid_note="started by ./run, pid $(pid_of "$(service_pid_file "$svc")")"
  fi

  if service_ready "$svc"; then
    status_line "$svc" ":$port" "ready (${pid_note:-not started by ./run})"
  elif [[ -n "$pid_note" ]]; then
    status_line "$svc" ":$port" "running, not ready ($pid_note)"
    return 1
  elif port_open 127.0.0.1 "$port"; then
    status_line "$svc" ":$port" "not ready (port held by a process not started by ./run)"
    return 1
  else
    status_line "$svc" ":$port" down
    return 1
  fi
}
