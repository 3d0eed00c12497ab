#!/usr/bin/env bash
# Shared paths, messages and process handling for the local mesh scripts. Sourced by ./run.
set -euo pipefail

MESH_ROOT="${MESH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# Everything a run creates (data, logs, pids, generated secrets) lives here; it is git-ignored.
MESH_RUN_DIR="${MESH_RUN_DIR:-$MESH_ROOT/.run}"
MESH_LOG_DIR="$MESH_RUN_DIR/logs"
MESH_PID_DIR="$MESH_RUN_DIR/pids"
# One marker file per system service (PostgreSQL, Redis) that these scripts started themselves.
MESH_STARTED_DIR="$MESH_RUN_DIR/started"

# Names of the parts started by this invocation, so that a caller can stop exactly those.
MESH_STARTED_NOW=()

say() {
  printf '[mesh] %s\n' "$*"
}

warn() {
  printf '[mesh] warning: %s\n' "$*" >&2
}

fail() {
  printf '[mesh] error: %s\n' "$*" >&2
  exit 1
}

mesh_prepare_run_dir() {
  mkdir -p "$MESH_LOG_DIR" "$MESH_PID_DIR" "$MESH_STARTED_DIR"
}

mesh_started_now() {
  MESH_STARTED_NOW+=("$1")
}

require_command() {
  local command_name="$1" hint="$2"
  command -v "$command_name" > /dev/null 2>&1 || fail "'$command_name' is not installed: $hint"
}

is_debian_root() {
  [[ -f /etc/debian_version && "$(id -u)" -eq 0 ]]
}

# Runs a command as root: directly when we are root, through password-less sudo otherwise.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
    sudo -n "$@"
  else
    fail "'$*' needs root; run it with sudo yourself, then run this command again"
  fi
}

apt_install() {
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" > /dev/null
}

port_open() {
  local host="$1" port="$2"
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2> /dev/null
}

http_ok() {
  curl -fsS -o /dev/null --max-time 3 "$1" 2> /dev/null
}

# Waits until host:port accepts connections; gives up early when the process behind pid_file dies.
wait_for_port() {
  local host="$1" port="$2" timeout_s="$3" pid_file="$4" marker="$5"
  local deadline=$((SECONDS + timeout_s))

  until port_open "$host" "$port"; do
    if ! pid_alive "$pid_file" "$marker"; then
      return 1
    fi
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 1
  done
}

# True when pid_file names a live process whose command line contains marker (guards against
# a recycled pid belonging to someone else).
pid_alive() {
  local pid_file="$1" marker="$2" pid
  [[ -s "$pid_file" ]] || return 1
  pid="$(< "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$marker"
}

pid_of() {
  cat "$1"
}

# Stops the processes named by "name|pid_file|marker" arguments: TERM to all of them at once,
# then a wait for all together, KILL for any still running after timeout_s. Removes the pid files.
stop_processes() {
  local timeout_s="$1" entry name pid_file marker pid i deadline
  local names=() pids=() pid_files=()
  shift

  for entry in "$@"; do
    IFS='|' read -r name pid_file marker <<< "$entry"
    [[ -e "$pid_file" ]] || continue
    if ! pid_alive "$pid_file" "$marker"; then
      say "$name: not running (removing stale pid file)"
      rm -f "$pid_file"
      continue
    fi
    pid="$(pid_of "$pid_file")"
    kill -TERM "$pid" 2> /dev/null || true
    names+=("$name") pids+=("$pid") pid_files+=("$pid_file")
  done

  deadline=$((SECONDS + timeout_s))
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[i]}" 2> /dev/null && ((SECONDS < deadline)); do
      sleep 0.5
    done
    if kill -0 "${pids[i]}" 2> /dev/null; then
      warn "${names[i]} (pid ${pids[i]}) did not stop within ${timeout_s}s; killing it"
      kill -KILL "${pids[i]}" 2> /dev/null || true
    fi
    rm -f "${pid_files[i]}"
    say "${names[i]}: stopped (pid ${pids[i]})"
  done
}

stop_pid() {
  local name="$1" pid_file="$2" marker="$3" timeout_s="$4"
  stop_processes "$timeout_s" "$name|$pid_file|$marker"
}

# Keeps the previous run's log as <name>.log.1 so that a restart does not erase the evidence.
rotate_log() {
  local log_file="$1"
  if [[ -s "$log_file" ]]; then
    mv -f "$log_file" "$log_file.1"
  fi
  : > "$log_file"
}

show_log_tail() {
  local log_file="$1" lines="${2:-40}"
  if [[ -s "$log_file" ]]; then
    printf '[mesh] ---- last %s lines of %s ----\n' "$lines" "$log_file" >&2
    tail -n "$lines" "$log_file" >&2
    printf '[mesh] ---- end of %s ----\n' "$log_file" >&2
  fi
}

format_duration() {
  local total="$1"
  printf '%dm %02ds' $((total / 60)) $((total % 60))
}

status_line() {
  printf '  %-18s %-16s %s\n' "$1" "$2" "$3"
}
