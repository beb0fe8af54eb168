#!/bin/bash
# Runs the core and sandbox test programs (tests/test-*.c but test-ui-*) under valgrind
# memcheck in the normal build (valgrind and AddressSanitizer do not mix): GLib's
# suppressions and tests/paddock.supp (third-party noise only), G_SLICE=always-malloc,
# G_DEBUG=gc-friendly; an error or a definite leak fails the test program.
#   - the core and sandbox suites through `meson test --setup=valgrind` (tests/meson.build),
#   - the keyring tests (token store, token store on the file backend, OAuth app) through
#     tests/keyring-env.sh, with valgrind around the test program only.
# Usage: build-aux/memcheck.sh [TEST…]
#   TEST…  meson test names of the core and sandbox suites (default: all of them, and the
#          keyring tests; CI runs them all: see docs/RELIABILITY.md, "Memcheck")
# Ends with one line "N passed, N failed" (TAP subtests, as build-aux/run-tests.sh counts),
# and writes build/meson-logs/memcheck-keyring.json for build-aux/meson-summary.py.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
dir=build

fail_setup() {
  echo "memcheck: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

command -v valgrind >/dev/null 2>&1 || fail_setup "valgrind is not installed (build-aux/install-deps.sh)"
if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" >/dev/null || fail_setup "meson setup $dir failed"
fi
if meson introspect "$dir" --buildoptions 2>/dev/null |
   python3 -c 'import json,sys; sys.exit(0 if any(o["name"] == "b_sanitize" and o["value"] != "none" for o in json.load(sys.stdin)) else 1)'; then
  fail_setup "$dir is a sanitizer build: valgrind needs the normal one"
fi
ninja -C "$dir" >/dev/null || { ninja -C "$dir"; fail_setup "the build failed"; }

# The same options as the valgrind test setup in tests/meson.build.
glib_supp=$(pkg-config --variable=prefix glib-2.0)/share/glib-2.0/valgrind/glib.supp
vg=(valgrind --tool=memcheck --quiet --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --error-exitcode=1 --num-callers=30 --track-origins=no
    "--suppressions=$glib_supp" "--suppressions=$top/tests/paddock.supp")

rc=0
rm -f "$dir/meson-logs/testlog-valgrind.json"
# (the setup leaves out every suite but core and sandbox)
meson test -C "$dir" --setup=valgrind --no-rebuild --print-errorlogs --num-processes 2 "$@" ||
  rc=1
logs=("$top/$dir/meson-logs/testlog-valgrind.json")

# The keyring tests, unless only some core or sandbox tests were asked for.
klog=$dir/meson-logs/memcheck-keyring.json
: > "$klog"
logs+=("$top/$klog")
if [ $# -eq 0 ]; then
  export G_SLICE=always-malloc G_DEBUG=gc-friendly,fatal-warnings GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR=$top/$dir/data NO_AT_BRIDGE=1 GTK_A11Y=none
  export PADDOCK_BUILDDIR=$top/$dir PADDOCK_SRCDIR=$top PADDOCK_MEMCHECK=1
  while read -r name mode exe arg; do
    [ "$mode" = - ] && mode=
    out=$(mktemp)
    # shellcheck disable=SC2086
    timeout 900 tests/keyring-env.sh $mode "${vg[@]}" "$dir/tests/$exe" $arg >"$out" 2>"$out.err"
    status=$?
    if [ $status -eq 0 ]; then
      result=OK
      echo "ok   memcheck $name"
    else
      result=FAIL
      rc=1
      echo "FAIL memcheck $name (exit status $status)"
      sed 's/^/     /' "$out.err" | tail -n 60
    fi
    python3 -c 'import json, sys; print(json.dumps({"name": sys.argv[1], "result": sys.argv[2], "stdout": open(sys.argv[3]).read()}))' \
      "$name" "$result" "$out" >> "$klog"
    rm -f "$out" "$out.err"
  done <<'EOF_KEYRING'
token-store - test-token-store
token-store-locked --no-display test-token-store locked
token-store-no-service --no-service test-token-store
token-store-file --no-service test-token-store-file
oauth-app - test-oauth-app
oauth-app-no-service --no-service test-oauth-app
EOF_KEYRING
fi

python3 build-aux/meson-summary.py "${logs[@]}" || rc=1
exit $rc
