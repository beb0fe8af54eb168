# sandbox-program.sh: the paddock-sandbox program for a shell test. Sourcing it sets B (the
# build directory), CLI and SANDBOX (the programs); then
#
#   sandbox_test_setup NAME    skips the test (TAP) unless it runs through keyring-env.sh,
#                              makes the work directory W (removed at exit) and stops the
#                              sandbox at exit
#   start_sandbox DIR [ARG…]   starts "$SANDBOX" --port 0 ARG… in the background (its pid in
#                              SANDBOX_PID, its output in DIR/sandbox.out and .err), waits up
#                              to 10 s for its JSON line (DIR/sandbox.json) and exports the
#                              PADDOCK_* variables that point paddock-cli at it (loopback
#                              addresses, the demo OAuth app); returns 1 when it did not start.
#
# SPDX-License-Identifier: GPL-3.0-or-later

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox

sandbox_test_setup() {
  if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
    echo "1..0 # SKIP run me through keyring-env.sh"
    exit 0
  fi
  W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-$1.XXXXXX")
  SANDBOX_PID=
  trap sandbox_test_cleanup EXIT
}

sandbox_test_cleanup() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$W"
}

start_sandbox() {
  local dir=$1 vars
  shift
  "${SANDBOX:?}" --port 0 "$@" >"$dir/sandbox.out" 2>"$dir/sandbox.err" &
  SANDBOX_PID=$!
  for _ in $(seq 100); do
    [ -s "$dir/sandbox.out" ] && break
    sleep 0.1
  done
  head -n 1 "$dir/sandbox.out" >"$dir/sandbox.json"
  vars=$(python3 - "$dir/sandbox.json" 2>/dev/null <<'PY'
import json, shlex, sys
conf = json.load(open(sys.argv[1]))
for key in ("authorize_url", "live_url", "paper_url", "data_url", "polygon_url", "client_id",
            "client_secret"):
    print("export PADDOCK_%s=%s" % (key.upper(), shlex.quote(conf[key])))
PY
  ) || return 1
  eval "$vars"
}
