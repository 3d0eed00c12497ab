#!/usr/bin/env bash
# Creates one login role and one database per service the first time the PostgreSQL container
# starts (docker-entrypoint-initdb.d). Passwords come from the container's environment (.env).

# A subshell function: strict mode here cannot leak into the entrypoint, which may source this file.
create_mesh_stores() (
  set -euo pipefail

  create_store() {
    local database="$1" role="$2" password="$3"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
      -v database="$database" -v role="$role" -v password="$password" << 'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
SQL
    echo "created database $database owned by $role"
  }

  local missing="is not set: put it in .env"
  create_store incidents incident_service "${INCIDENT_DB_PASSWORD:?$missing}"
  create_store knowledge rag_service "${RAG_DB_PASSWORD:?$missing}"
  create_store patches patch_service "${PATCH_DB_PASSWORD:?$missing}"
  create_store deployments deployer_service "${DEPLOYER_DB_PASSWORD:?$missing}"
)

create_mesh_stores
