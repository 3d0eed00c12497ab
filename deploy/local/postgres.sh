#!/usr/bin/env bash
# PostgreSQL from the machine's packages: started when installed but stopped, installed on Debian
# when absent (as root), then given one role and database per service plus the test databases.
# Sourced by ./run after common.sh.
set -euo pipefail

POSTGRES_HOST=127.0.0.1
POSTGRES_PORT="${MESH_POSTGRES_PORT:-5432}"
POSTGRES_MARKER_FILE="$MESH_STARTED_DIR/postgres"
POSTGRES_START_TIMEOUT=30
MESH_SECRETS_FILE="$MESH_RUN_DIR/secrets.env"

# database, owning role, and the variable in secrets.env that holds the role's password
POSTGRES_STORES=(
  "incidents incident_service INCIDENT_DB_PASSWORD"
  "knowledge rag_service RAG_DB_PASSWORD"
  "patches patch_service PATCH_DB_PASSWORD"
  "deployments deployer_service DEPLOYER_DB_PASSWORD"
)

# How this machine lets us in as the superuser: tcp (trust or .pgpass), runuser or sudo.
POSTGRES_ADMIN_ACCESS=""

postgres_ensure() {
  if postgres_ready; then
    say "PostgreSQL: running on $POSTGRES_HOST:$POSTGRES_PORT"
  else
    postgres_start
  fi
  mesh_secrets_ensure
  postgres_provision
}

postgres_ready() {
  if command -v pg_isready > /dev/null 2>&1; then
    pg_isready -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT"
  else
    port_open "$POSTGRES_HOST" "$POSTGRES_PORT"
  fi
}

# Prints "<version> <cluster>" of the local Debian cluster on our port, or nothing.
postgres_local_cluster() {
  if ! command -v pg_lsclusters > /dev/null 2>&1; then
    return 0
  fi
  pg_lsclusters --no-header 2> /dev/null \
    | awk -v port="$POSTGRES_PORT" '$3 == port { print $1, $2; exit }'
}

postgres_start() {
  local cluster
  cluster="$(postgres_local_cluster)"
  if [[ -z "$cluster" ]]; then
    postgres_install
    cluster="$(postgres_local_cluster)"
  fi
  [[ -n "$cluster" ]] || fail "PostgreSQL: installed, but no cluster listens on port $POSTGRES_PORT"

  if ! postgres_ready; then
    say "PostgreSQL: starting cluster $cluster"
    # shellcheck disable=SC2086 # "<version> <cluster>" is meant to split into two arguments
    as_root pg_ctlcluster --skip-systemctl-redirect $cluster start \
      || fail "PostgreSQL: could not start cluster $cluster (see /var/log/postgresql/)"
  fi
  echo "$cluster" > "$POSTGRES_MARKER_FILE"
  mesh_started_now postgres
  postgres_wait_ready
}

postgres_install() {
  if is_debian_root; then
    apt_install postgresql
    return
  fi
  fail "PostgreSQL is neither running on $POSTGRES_HOST:$POSTGRES_PORT nor installed here.
  Install it, then run this command again:
    Debian or Ubuntu: sudo apt-get install -y postgresql
    elsewhere:        PostgreSQL 15 or newer listening on $POSTGRES_HOST:$POSTGRES_PORT"
}

postgres_wait_ready() {
  local deadline=$((SECONDS + POSTGRES_START_TIMEOUT))
  until postgres_ready; do
    ((SECONDS < deadline)) || fail "PostgreSQL: not ready after ${POSTGRES_START_TIMEOUT}s"
    sleep 1
  done
  say "PostgreSQL: ready on $POSTGRES_HOST:$POSTGRES_PORT"
}

random_secret() {
  od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
}

# Generates each service's database password and the incident API's tokens once, into a file
# only the owner can read.
mesh_secrets_ensure() {
  local entry database role variable
  (umask 077 && touch "$MESH_SECRETS_FILE")
  chmod 600 "$MESH_SECRETS_FILE"
  for entry in "${POSTGRES_STORES[@]}"; do
    read -r database role variable <<< "$entry"
    mesh_secret_ensure "$variable"
  done
  mesh_secret_ensure INCIDENT_VIEWER_TOKEN
  mesh_secret_ensure INCIDENT_OPERATOR_TOKEN
  # Dashboard logins, and the dashboard's own operator tokens for the incident and deployer APIs.
  mesh_secret_ensure DASHBOARD_VIEWER_TOKEN
  mesh_secret_ensure DASHBOARD_OPERATOR_TOKEN
  mesh_secret_ensure DASHBOARD_INCIDENT_TOKEN
  mesh_secret_ensure DASHBOARD_DEPLOYER_TOKEN
  mesh_secrets_load
}

mesh_secret_ensure() {
  local variable="$1"
  if ! grep -q "^$variable=" "$MESH_SECRETS_FILE"; then
    printf '%s=%s\n' "$variable" "$(random_secret)" >> "$MESH_SECRETS_FILE"
  fi
}

mesh_secrets_load() {
  [[ -r "$MESH_SECRETS_FILE" ]] || fail "no $MESH_SECRETS_FILE yet: run ./run up first"
  # shellcheck source=/dev/null
  source "$MESH_SECRETS_FILE"
}

postgres_detect_admin_access() {
  if psql -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -w -d postgres -Xqtc 'SELECT 1' \
    > /dev/null 2>&1; then
    POSTGRES_ADMIN_ACCESS=tcp
  elif [[ "$(id -u)" -eq 0 ]] && command -v runuser > /dev/null 2>&1; then
    POSTGRES_ADMIN_ACCESS=runuser
  elif command -v sudo > /dev/null 2>&1 && sudo -n -u postgres true 2> /dev/null; then
    POSTGRES_ADMIN_ACCESS=sudo
  else
    fail "PostgreSQL: cannot connect as the superuser 'postgres' (tried
  psql -h $POSTGRES_HOST -U postgres without a password, and sudo -u postgres).
  Allow one of them, e.g. 'host all all 127.0.0.1/32 trust' in pg_hba.conf for a development box."
  fi
}

# psql as the superuser, reading SQL from standard input (so that no password shows in ps).
postgres_admin_psql() {
  local options=(-X -q -v ON_ERROR_STOP=1 -d postgres -p "$POSTGRES_PORT")
  [[ -n "$POSTGRES_ADMIN_ACCESS" ]] || postgres_detect_admin_access
  case "$POSTGRES_ADMIN_ACCESS" in
    tcp) psql -h "$POSTGRES_HOST" -U postgres -w "${options[@]}" ;;
    runuser) (cd / && runuser -u postgres -- psql "${options[@]}") ;;
    sudo) (cd / && sudo -n -u postgres psql "${options[@]}") ;;
  esac
}

# Idempotent: creates what is missing, and sets passwords and owners on what exists.
postgres_provision_sql() {
  local entry database role variable password name
  for entry in "${POSTGRES_STORES[@]}"; do
    read -r database role variable <<< "$entry"
    password="${!variable}"
    cat << SQL
SELECT 'CREATE ROLE $role LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')
\gexec
ALTER ROLE $role WITH LOGIN PASSWORD '$password';
SQL
    for name in "$database" "${database}_test"; do
      cat << SQL
SELECT 'CREATE DATABASE $name OWNER $role'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$name')
\gexec
ALTER DATABASE $name OWNER TO $role;
SQL
    done
  done
}

postgres_provision() {
  [[ -n "$POSTGRES_ADMIN_ACCESS" ]] || postgres_detect_admin_access
  postgres_provision_sql | postgres_admin_psql > /dev/null \
    || fail "PostgreSQL: creating the mesh's roles and databases failed"
  say "PostgreSQL: roles and databases ready (incidents, knowledge, patches, deployments, *_test)"
}

postgres_stop() {
  local cluster
  [[ -f "$POSTGRES_MARKER_FILE" ]] || return 0
  cluster="$(< "$POSTGRES_MARKER_FILE")"
  if postgres_ready; then
    # shellcheck disable=SC2086 # "<version> <cluster>" is meant to split into two arguments
    as_root pg_ctlcluster --skip-systemctl-redirect $cluster stop \
      || fail "PostgreSQL: could not stop cluster $cluster"
    say "PostgreSQL: stopped cluster $cluster"
  fi
  rm -f "$POSTGRES_MARKER_FILE"
}

postgres_status() {
  local where="$POSTGRES_HOST:$POSTGRES_PORT" origin="not started by ./run"
  if [[ -f "$POSTGRES_MARKER_FILE" ]]; then
    origin="started by ./run"
  fi
  if postgres_ready; then
    status_line PostgreSQL "$where" "up ($origin)"
  else
    status_line PostgreSQL "$where" down
    return 1
  fi
}
