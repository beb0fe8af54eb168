#!/bin/bash
# Installs what is missing, builds, and runs every test: once in a normal build and once
# under AddressSanitizer + UBSan, then the core and sandbox tests under valgrind memcheck
# (build-aux/memcheck.sh) and the fuzzers for a bounded time (build-aux/fuzz.sh).
# Ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
top=$(pwd)

build-aux/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

if [ -f tests/package.json ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error) || { echo "0 passed, 1 failed"; exit 1; }
fi

logs=()
rc=0
broken=0   # builds that failed: each counts as a failed test

run_suite() {
  local dir=$1; shift
  rm -f "$dir/meson-logs/testlog.json"
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" || { broken=$((broken + 1)); return 1; }
  fi
  ninja -C "$dir" || { broken=$((broken + 1)); return 1; }
  logs+=("$top/$dir/meson-logs/testlog.json")
  meson test -C "$dir" --print-errorlogs --num-processes 2 || return 1
}

run_suite build || rc=1

if [ "${PADDOCK_SKIP_ASAN:-0}" != 1 ]; then
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
  run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false || rc=1
fi

# Memcheck: the core and sandbox test programs under valgrind, in the normal build
# (build-aux/memcheck.sh, all of them: about 8 minutes); each TAP subtest counts, as in
# the suites above. PADDOCK_SKIP_MEMCHECK=1 leaves it out.
if [ "${PADDOCK_SKIP_MEMCHECK:-0}" != 1 ]; then
  build-aux/memcheck.sh || rc=1
  logs+=("$top/build/meson-logs/testlog-valgrind.json"
         "$top/build/meson-logs/memcheck-keyring.json")
fi

# The fuzzers, about 30 s each (build-aux/fuzz.sh); each target counts as one test.
if [ "${PADDOCK_SKIP_FUZZ:-0}" != 1 ]; then
  build-aux/fuzz.sh || rc=1
  logs+=("$top/build-fuzz/fuzz-log.json")
fi

python3 build-aux/meson-summary.py --failed "$broken" "${logs[@]}" || rc=1
exit $rc
