#!/bin/bash
# cli-stream.sh: `paddock-cli stream` end to end, run inside keyring-env.sh (a private bus
# with a real, unlocked gnome-keyring-daemon): the real paddock-sandbox program, a sign-in
# with `login --no-browser` whose consent page is answered by a small script, then the
# stream's JSON lines for an order placed through the sandbox's API, and a clean end on
# SIGINT and SIGTERM. Everything runs with G_MESSAGES_DEBUG=all; the last check reads every
# output for the token. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/sandbox-program.sh"

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-stream.XXXXXX")
SANDBOX_PID=
STREAM_PID=
cleanup() {
  [ -n "$STREAM_PID" ] && kill "$STREAM_PID" 2>/dev/null && wait "$STREAM_PID" 2>/dev/null
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  for f in "$@"; do [ -f "$f" ] && sed 's/^/# /' "$f" | tail -n 20; done
}
json_get() { # json_get FILE KEY → value of a top-level string member
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}
wait_grep() { # wait_grep PATTERN FILE: up to 30 s
  for _ in $(seq 300); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

export G_MESSAGES_DEBUG=all
export G_DEBUG=gc-friendly

echo "1..5"

# --- the sandbox -----------------------------------------------------------------------
if ! start_sandbox "$W" --seed 13; then
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi

# --- 1. sign in: login --no-browser, the consent page approved by a script, the address it
#        was redirected to pasted on the CLI's standard input --------------------------------
cat >"$W/consent.py" <<'PY'
import re, sys, urllib.parse, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
opener = urllib.request.build_opener(NoRedirect)
url = sys.argv[1]
page = urllib.request.urlopen(url, timeout=20).read().decode()
request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
parts = urllib.parse.urlsplit(url)
action = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/oauth/authorize", "", ""))
body = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
try:
    opener.open(urllib.request.Request(action, data=body), timeout=20)
    sys.exit("no redirect")
except urllib.error.HTTPError as e:
    assert e.code == 302, e.code
    print(e.headers["Location"], flush=True)
PY
mkfifo "$W/paste.fifo"
(
  for _ in $(seq 100); do grep -q "response_type=code" "$W/login.out" 2>/dev/null && break; sleep 0.1; done
  url=$(grep -o "$PADDOCK_AUTHORIZE_URL?[^ ]*" "$W/login.out" | head -n 1)
  python3 "$W/consent.py" "$url" 2>"$W/consent.err"
  sleep 5
) >"$W/paste.fifo" &
paste_pid=$!
timeout 60 "$CLI" login --paper --no-browser >"$W/login.out" 2>"$W/login.err" <"$W/paste.fifo"
rc=$?
kill $paste_pid 2>/dev/null; wait $paste_pid 2>/dev/null
G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment paper >"$W/item.secret" 2>/dev/null
TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$W/item.secret" 2>/dev/null)
if [ $rc -eq 0 ] && [ -n "$TOKEN" ]; then
  ok "login --no-browser signs in to the sandbox's paper account"
else
  not_ok "login --no-browser signs in to the sandbox's paper account (rc $rc)" "$W/login.out" "$W/login.err" "$W/consent.err"
  exit 1
fi

# --- 2. stream: a market order's new and fill events, one JSON line each ---------------------
"$CLI" stream >"$W/stream.out" 2>"$W/stream.err" &
STREAM_PID=$!
if wait_grep "live" "$W/stream.err"; then
  curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d '{"symbol":"MSFT","qty":"2","side":"buy","type":"market","time_in_force":"day"}' \
    "$PADDOCK_PAPER_URL/v2/orders" >"$W/order.json"
fi
ORDER_ID=$(json_get "$W/order.json" id 2>/dev/null)
wait_grep '"event":"fill"' "$W/stream.out"
if [ -n "$ORDER_ID" ] && python3 - "$W/stream.out" "$ORDER_ID" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
updates = [json.loads(line) for line in lines]          # every line is one JSON object
events = [u["event"] for u in updates if u["order"]["id"] == sys.argv[2]]
assert events[:1] == ["new"] and "fill" in events, events
fill = next(u for u in updates if u["event"] == "fill")
assert fill["order"]["status"] == "filled" and fill["qty"] == "2", fill
PY
then
  ok "stream prints the order's new and fill events as JSON lines"
else
  not_ok "stream prints the order's new and fill events as JSON lines" "$W/stream.out" "$W/stream.err" "$W/order.json"
fi

# --- 3. SIGINT ends it cleanly ------------------------------------------------------------
kill -INT "$STREAM_PID"
wait "$STREAM_PID"
rc=$?
STREAM_PID=
if [ $rc -eq 0 ]; then
  ok "SIGINT ends stream with status 0"
else
  not_ok "SIGINT ends stream with status 0 (rc $rc)" "$W/stream.err"
fi

# --- 4. SIGTERM too, and a revoked token ends a new stream with status 3 -----------------------
"$CLI" stream >"$W/stream2.out" 2>"$W/stream2.err" &
STREAM_PID=$!
wait_grep "live" "$W/stream2.err"
kill -TERM "$STREAM_PID"
wait "$STREAM_PID"
rc_term=$?
STREAM_PID=
curl -s -X POST -d '{}' "${PADDOCK_AUTHORIZE_URL%/oauth/authorize}/_sandbox/revoke" >/dev/null
timeout 60 "$CLI" stream >"$W/stream3.out" 2>"$W/stream3.err"
rc_revoked=$?
if [ $rc_term -eq 0 ] && [ $rc_revoked -eq 3 ] && grep -q "sign in again" "$W/stream3.err"; then
  ok "SIGTERM ends stream with status 0; a revoked token ends it with status 3"
else
  not_ok "SIGTERM ends stream with status 0; a revoked token ends it with status 3 (rc $rc_term, $rc_revoked)" "$W/stream2.err" "$W/stream3.err"
fi

# --- 5. the token never reached any output --------------------------------------------------
if ! grep -q -F "$TOKEN" "$W"/stream*.out "$W"/stream*.err "$W"/login.* "$W/sandbox.err"; then
  ok "no output holds the access token"
else
  not_ok "no output holds the access token"
fi

[ $failed -eq 0 ]
