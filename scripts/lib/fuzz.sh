# shellcheck shell=bash
# libFuzzer runs: source this file, then `fuzz_build` builds the `fuzz` preset (build/fuzz, clang-14 from
# scripts/bootstrap) and `fuzz_run_all SECONDS` runs every fuzzer for SECONDS on a copy of its seed corpus.
# Returns non-zero when a build fails or any fuzzer finds a crash, leak, timeout or OOM.

FUZZ_TARGETS=(multipart_fuzz target_fuzz sockjs_fuzz stomp_fuzz socketio_fuzz)

_fuzz_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

# fuzz_build: configures (first time) and builds only the fuzz targets.
fuzz_build() {
  local root
  root=$(_fuzz_root)
  if ! command -v clang++-14 >/dev/null; then
    echo "fuzz: clang++-14 not found; run scripts/bootstrap" >&2
    return 1
  fi
  (cd "$root" && cmake --preset fuzz >/dev/null) || { echo "fuzz: configure failed" >&2; return 1; }
  cmake --build "$root/build/fuzz" --target "${FUZZ_TARGETS[@]}" || { echo "fuzz: build failed" >&2; return 1; }
}

# fuzz_run NAME SECONDS: runs one fuzzer on a fresh copy of tests/fuzz/corpus/<NAME without _fuzz>.
fuzz_run() {
  local name=${1:?usage: fuzz_run NAME SECONDS} seconds=${2:?usage: fuzz_run NAME SECONDS}
  local root short binary run corpus artifacts dict log status
  root=$(_fuzz_root)
  short=${name%_fuzz}
  binary="$root/build/fuzz/tests/fuzz/$name"
  run="$root/build/fuzz/run/$name"
  corpus="$run/corpus"
  artifacts="$run/artifacts"
  log="$run/fuzz.log"
  dict="$root/tests/fuzz/$short.dict"

  rm -rf "$run"
  mkdir -p "$corpus" "$artifacts"
  # A copy, so that the checked-in seeds only change when someone chooses to add one.
  cp "$root/tests/fuzz/corpus/$short/"* "$corpus/"

  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192
              -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -f "$dict" ]] && args+=(-dict="$dict")

  echo "fuzz: $name for ${seconds}s (log: $log)"
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$binary" "${args[@]}" "$corpus" >"$log" 2>&1 || status=$?

  grep -E '^stat::number_of_executed_units|^stat::new_units_added|^#[0-9]+ +DONE' "$log" | sed "s/^/fuzz: $name: /"
  local found=()
  shopt -s nullglob
  found=("$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*)
  shopt -u nullglob
  if ((status != 0 || ${#found[@]} > 0)); then
    echo "fuzz: $name FAILED (exit $status); last lines of $log:" >&2
    tail -n 40 "$log" >&2
    local artifact
    for artifact in "${found[@]}"; do
      echo "fuzz: reproducer: $artifact" >&2
      echo "fuzz:   replay with: $binary $artifact" >&2
    done
    return 1
  fi
}

# fuzz_run_all SECONDS: runs every fuzzer built by fuzz_build, one after another (each is single-threaded);
# fails if any of them failed.
fuzz_run_all() {
  local seconds=${1:?usage: fuzz_run_all SECONDS}
  local name failed=()
  for name in "${FUZZ_TARGETS[@]}"; do
    fuzz_run "$name" "$seconds" || failed+=("$name")
  done
  if ((${#failed[@]})); then
    echo "fuzz: failures in ${failed[*]}" >&2
    return 1
  fi
  echo "fuzz: all fuzzers ran ${seconds}s without a finding"
}
