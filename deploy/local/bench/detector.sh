# shellcheck shell=bash
# ./run bench detector: grouping accuracy and throughput of the detector's template miner.

bench_detector() {
  local dir="${LOGHUB_2K_DIR:-$MESH_ROOT/../shared/loghub-2k}"
  if [[ ! -d "$dir" ]]; then
    say "bench detector: skipped, the Loghub-2k samples are not at $dir"
    return
  fi
  require_command java "install a Java 17 runtime"
  detector_classes_build_if_needed
  say "bench detector: miner on the Loghub-2k samples in $dir (single thread)"
  java -cp "$DETECTOR_CLASSES" io.autorecovery.detector.grouping.GroupingBenchmark "$dir" \
    || fail "bench detector: the benchmark failed"
}
