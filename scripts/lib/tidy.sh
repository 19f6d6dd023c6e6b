# shellcheck shell=bash
# clang-tidy: source this file, then `tidy_run BUILD_DIR JOBS` checks every platform/ and apps/ source of
# BUILD_DIR's compile_commands.json with clang-tidy-14 and the root .clang-tidy (warnings are errors).
# Prints the findings and returns non-zero when there are any. The tests are not checked: gtest's macros
# add a third to the run's time and little the compiler's warnings do not already catch.

tidy_run() {
  local build=${1:?usage: tidy_run BUILD_DIR JOBS} jobs=${2:?usage: tidy_run BUILD_DIR JOBS}
  local root log status=0 started
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  log="$build/clang-tidy.log"
  if ! command -v run-clang-tidy-14 >/dev/null; then
    echo "tidy: run-clang-tidy-14 not found; run scripts/bootstrap" >&2
    return 1
  fi
  started=$SECONDS
  # The compile commands are GCC's: clang does not know -Wno-restrict, which is not a finding.
  run-clang-tidy-14 -p "$build" -j "$jobs" -quiet -extra-arg=-Wno-unknown-warning-option \
    -header-filter="^$root/(platform|apps)/" "^$root/(platform|apps)/.*\.cpp$" >"$log" 2>&1 || status=$?
  if ((status != 0)); then
    echo "tidy: findings (full log: $log):" >&2
    grep -E -A3 '(warning|error): ' "$log" >&2
    return 1
  fi
  echo "tidy: platform/ and apps/ clean ($((SECONDS - started))s)"
}
