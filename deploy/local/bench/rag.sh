# shellcheck shell=bash
# ./run bench rag: retrieval quality of the rag service (lexical, semantic, hybrid) on labelled
# incident descriptions, and the latency of a top-5 search over 10,000 synthetic documents.

bench_rag() {
  require_command java "install a Java 17 runtime"
  require_command mvn "install Apache Maven 3.8.6 or newer"
  local module="$MESH_ROOT/rag-service"
  local classpath_file="$module/target/bench-classpath.txt"
  say "bench rag: compiling rag-service with its test sources (mvn -B -q test-compile -pl rag-service)"
  mvn -B -q -f "$MESH_ROOT/pom.xml" test-compile dependency:build-classpath -pl rag-service \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test -Dspotless.check.skip=true >&2 \
    || fail "bench rag: the build of rag-service failed (see the Maven output above)"
  say "bench rag: embedding with all-MiniLM-L6-v2 on the CPU; this takes a minute or two"
  java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")" \
    io.autorecovery.rag.search.RetrievalBenchmark "$@" \
    || fail "bench rag: the benchmark failed"
}
