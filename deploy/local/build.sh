#!/usr/bin/env bash
# Builds the runnable artifacts when one is missing or older than the sources it comes from.
# Sourced by ./run after common.sh and services.sh.
set -euo pipefail

MESH_TOOLS_JAR="$MESH_ROOT/deploy/tools/target/mesh-tools.jar"

# Artifacts whose age is compared with the sources. The broker's jars keep Maven Central's
# timestamps when copied, so for them only presence counts.
mesh_dated_artifacts() {
  local svc
  for svc in "${MESH_SERVICES[@]}"; do
    service_jar "$svc"
  done
  echo "$MESH_TOOLS_JAR"
}

# Prints why a build is needed, or nothing when every artifact is present and current.
mesh_build_reason() {
  local artifact oldest="" changed
  if ! compgen -G "$KAFKA_LIB_DIR/kafka_2.13-*.jar" > /dev/null; then
    echo "the Kafka broker jars are missing"
    return
  fi
  while read -r artifact; do
    if [[ ! -f "$artifact" ]]; then
      echo "${artifact#"$MESH_ROOT"/} is missing"
      return
    fi
    if [[ -z "$oldest" || "$artifact" -ot "$oldest" ]]; then
      oldest="$artifact"
    fi
  done < <(mesh_dated_artifacts)

  changed="$(mesh_sources_newer_than "$oldest")"
  if [[ -n "$changed" ]]; then
    echo "${changed#"$MESH_ROOT"/} changed since the last build"
  fi
}

# The first main source or pom.xml newer than the given file (the end-to-end tests are no input).
mesh_sources_newer_than() {
  find "$MESH_ROOT" \
    \( -path "$MESH_ROOT/.git" -o -path "$MESH_ROOT/.run" -o -path "$MESH_ROOT/deploy/e2e" \
    -o -name target -o -name node_modules \) -prune \
    -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit
}

mesh_build_if_needed() {
  local reason
  reason="$(mesh_build_reason)"
  if [[ -z "$reason" ]]; then
    say "build: up to date"
    return
  fi
  say "build: $reason; running mvn -B -q install -DskipTests"
  require_command mvn "install Apache Maven 3.8.6 or newer"
  mvn -B -q -f "$MESH_ROOT/pom.xml" install -DskipTests -Dspotless.check.skip=true \
    || fail "build failed (see the Maven output above)"
  say "build: done"
}

# Prints why the tools jar needs a build, or nothing.
mesh_tools_build_reason() {
  local changed
  if [[ ! -f "$MESH_TOOLS_JAR" ]]; then
    echo "${MESH_TOOLS_JAR#"$MESH_ROOT"/} is missing"
    return
  fi
  changed="$(find "$MESH_ROOT/pom.xml" \
    "$MESH_ROOT/contracts/pom.xml" "$MESH_ROOT/contracts/src/main" \
    "$MESH_ROOT/deploy/tools/pom.xml" "$MESH_ROOT/deploy/tools/src/main" \
    -type f -newer "$MESH_TOOLS_JAR" -print -quit 2> /dev/null || true)"
  if [[ -n "$changed" ]]; then
    echo "${changed#"$MESH_ROOT"/} changed since the last build"
  fi
}

mesh_tools_build_if_needed() {
  local reason
  reason="$(mesh_tools_build_reason)"
  [[ -n "$reason" ]] || return 0
  say "build: $reason; building deploy/tools"
  require_command mvn "install Apache Maven 3.8.6 or newer"
  mvn -B -q -f "$MESH_ROOT/pom.xml" install -pl deploy/tools -am -DskipTests \
    -Dspotless.check.skip=true || fail "building deploy/tools failed (see the Maven output above)"
}
