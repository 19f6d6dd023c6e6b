# shellcheck shell=bash
# ThreadSanitizer runs: source this file, then `tsan_run_all` builds only the concurrency tests in the
# `tsan` preset (build/tsan) and runs each of them. Returns non-zero when a build fails, a test fails or
# TSan reports a race (halt_on_error makes the report fail the test).

# The blocking pool, the bounded executor, the fan-out across I/O threads, pub/sub, the STOMP broker (through its
# server), SQLite writer turns, the page cache, the leaderboard (in-process and on Redis), the refreshing kv cache,
# the Redis kv backends.
TSAN_TARGETS=(blocking_pool_test bounded_executor_test coalescer_test single_flight_test messaging_test pubsub_test stomp_server_test sql_writer_turns_dbtest page_cache_test page_cache_concurrency_test leaderboard_test refreshing_cache_test redis_kv_test)

_tsan_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

tsan_build() {
  local root
  root=$(_tsan_root)
  (cd "$root" && cmake --preset tsan >/dev/null) || { echo "tsan: configure failed" >&2; return 1; }
  cmake --build "$root/build/tsan" --target "${TSAN_TARGETS[@]}" || { echo "tsan: build failed" >&2; return 1; }
}

tsan_run_all() {
  local root binary name failed=()
  root=$(_tsan_root)
  for name in "${TSAN_TARGETS[@]}"; do
    binary=$(find "$root/build/tsan/tests" -type f -name "$name" -perm -u+x | head -n 1)
    if [[ -z "$binary" ]]; then
      echo "tsan: $name not built; run tsan_build" >&2
      failed+=("$name")
      continue
    fi
    TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
      "$binary" --gtest_brief=1 || failed+=("$name")
  done
  if ((${#failed[@]})); then
    echo "tsan: failures in ${failed[*]}" >&2
    return 1
  fi
  echo "tsan: ${TSAN_TARGETS[*]} ran without a race"
}
