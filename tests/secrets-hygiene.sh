#!/bin/bash
# secrets-hygiene.sh [--plant]: no token or client secret anywhere the app, the CLI or the
# core tests write. Run through
#   keyring-env.sh xvfb-run secrets-hygiene.sh
# (a private bus with a real, unlocked gnome-keyring-daemon, a fresh HOME and XDG
# directories, and a real X server). Everything runs with G_MESSAGES_DEBUG=all and
# GSETTINGS_BACKEND=keyfile (the settings are a file under XDG_CONFIG_HOME, scanned too).
#
# The secrets, each known to the test:
#   - the app's demo token: the one its in-app demo brokerage issued when the test pressed
#     Try the Demo (the consent page clicked by a headless Chromium, as in app-e2e.sh), read
#     back from the keyring; and a distinctive one the test then puts in its place in the
#     keyring item, which the app hands back to its demo brokerage on the next start
#   - the CLI's client secret (of the paddock-sandbox program's demo app, stored with
#     `paddock-cli app set`, never in the CLI's environment) and the token of its
#     `login --no-browser`, read back from the keyring
#   - a distinctive token the core tests' in-process sandbox takes
#     (PADDOCK_TEST_ACCESS_TOKEN, tests/sandbox-fixture.c) for test-client, test-session,
#     test-trading and test-trade-stream
# What is scanned (tests/secrets-scan.py: each secret as is, base64 and percent-encoded):
# the app's, the CLI's and the core tests' standard output and error; every regular file
# under HOME (which holds all the XDG directories) and XDG_RUNTIME_DIR, the GSettings
# keyfile among them, except the keyring's own files (encrypted: nothing can be read from
# them, and the secrets belong there); and /proc/PID/cmdline and /proc/PID/environ of the
# app (both starts) and of `paddock-cli stream`, read while they run. The paddock-sandbox
# program's own output is not scanned: it is the test's server and prints its client secret
# by design.
#
# --plant: the scan itself is shown to catch leaks: a token planted as it is in a file under
# HOME, base64-encoded in a log, percent-encoded in the settings keyfile and in the
# environment of a running process is reported in each place, and nothing without them.
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

S=${PADDOCK_SRCDIR:?}
. "$(dirname "$0")/sandbox-program.sh"   # B, CLI, SANDBOX, start_sandbox
. "$(dirname "$0")/tap.sh"
APP=$B/src/paddock
SCAN="$S/tests/secrets-scan.py"
TAP_TAIL=30

plant=0
[ "${1:-}" = --plant ] && plant=1

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-secrets.XXXXXX")
APP_PID=
SANDBOX_PID=
STREAM_PID=
SLEEP_PID=
cleanup() {
  for pid in $APP_PID $STREAM_PID $SANDBOX_PID $SLEEP_PID; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$W"
}
trap cleanup EXIT

# logs/: what the programs under test print (scanned); proc/: their command lines and
# environments (scanned); own/: the test's own copies of the secrets (never scanned)
mkdir -p "$W/logs" "$W/proc" "$W/own"
umask 077

export G_MESSAGES_DEBUG=all
export G_DEBUG=gc-friendly
export GSETTINGS_BACKEND=keyfile
KEYFILE=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile

random_word() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

# snap PID NAME: the running process's command line and environment
snap() {
  tr '\0' '\n' <"/proc/$1/cmdline" >"$W/proc/$2.cmdline" 2>/dev/null &&
    tr '\0' '\n' <"/proc/$1/environ" >"$W/proc/$2.environ" 2>/dev/null &&
    [ -s "$W/proc/$2.cmdline" ] && [ -s "$W/proc/$2.environ" ]
}

# scan SECRETS_FILE OUT PATH…: tests/secrets-scan.py's hits in OUT; fails on any
scan() {
  local secrets=$1 out=$2; shift 2
  python3 "$SCAN" "$secrets" "$@" >"$out" 2>"$out.err"
}

if [ "$plant" = 1 ]; then
  echo "1..2"
  # with characters that percent-encoding changes
  token="plant/$(random_word)+x="
  printf 'planted token=%s\n' "$token" >"$W/own/secrets"
  scan "$W/own/secrets" "$W/clean.hits" "$W/logs" "$HOME" "$XDG_RUNTIME_DIR" "$W/proc"
  rc=$?
  # as it is in a file under HOME; base64 in a log; percent-encoded in the settings keyfile;
  # in the environment of a running process (as a form post would carry it)
  mkdir -p "$XDG_CACHE_HOME/paddock" "$(dirname "$KEYFILE")"
  printf 'debug: token %s\n' "$token" >"$XDG_CACHE_HOME/paddock/planted.log"
  printf 'Authorization: Basic %s\n' "$(printf 'user:%s' "$token" | base64 -w0)" >"$W/logs/app.log"
  printf '[io/github/paddockapp/Paddock]\nlast-url=%s\n' \
    "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote("t=" + sys.argv[1] + "&x=/", safe=""))' "$token")" \
    >"$KEYFILE"
  env "PLANTED=a b+$token" sleep 60 &
  SLEEP_PID=$!
  for _ in $(seq 50); do snap "$SLEEP_PID" planted && break; sleep 0.1; done
  if [ $rc -eq 0 ] && [ ! -s "$W/clean.hits" ]; then
    ok "without a planted token the scan finds nothing"
  else
    not_ok "without a planted token the scan finds nothing (rc $rc)" "$W/clean.hits" "$W/clean.hits.err"
  fi
  scan "$W/own/secrets" "$W/planted.hits" "$W/logs" "$HOME" "$XDG_RUNTIME_DIR" "$W/proc"
  rc=$?
  if [ $rc -eq 1 ] &&
     grep -q "(as is) in $XDG_CACHE_HOME/paddock/planted.log" "$W/planted.hits" &&
     grep -q "(base64, offset [0-2]) in $W/logs/app.log" "$W/planted.hits" &&
     grep -q "(percent-encoded) in $KEYFILE" "$W/planted.hits" &&
     grep -q "(as is) in $W/proc/planted.environ" "$W/planted.hits"; then
    ok "the scan finds a planted token in a file, a log (base64), the keyfile and an environment"
  else
    not_ok "the scan finds a planted token in a file, a log (base64), the keyfile and an environment (rc $rc)" "$W/planted.hits" "$W/planted.hits.err"
  fi
  exit $((failed > 0))
fi

if [ ! -d "$S/tests/node_modules/playwright-core" ] || [ ! -x "${PADDOCK_CHROMIUM:-/usr/bin/chromium}" ] ||
   [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP needs playwright-core (cd tests && npm ci), Chromium and an X display"
  exit 0
fi

echo "1..7"

# --- the app (the pieces of app-e2e.sh) --------------------------------------------------
export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
unset GTK_THEME
bash "$S/tests/browser/install-handler.sh" "$W/approve" approve
DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock
TOKEN_SCHEMA=io.github.paddockapp.Paddock.Token

start_app() { # start_app NAME
  rm -f "$W/report.json"
  XDG_DATA_HOME=$W/approve/data PADDOCK_TEST_REPORT=$W/report.json "$APP" \
    >"$W/logs/$1.log" 2>&1 &
  APP_PID=$!
}
stop_app() {
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    quit '[]' '{}' >/dev/null 2>&1
  for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill "$APP_PID" 2>/dev/null
  wait "$APP_PID" 2>/dev/null
  APP_PID=
}
activate() {
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    "$1" '[]' '{}' >/dev/null
}
wait_report() { # wait_report PYTHON-CONDITION [SECONDS]
  local cond=$1 limit=${2:-60}
  for _ in $(seq $((limit * 5))); do
    if [ -s "$W/report.json" ] && python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))
sys.exit(0 if ($cond) else 1)" "$W/report.json" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}
item_token() { # item_token ENVIRONMENT → the access token of Paddock's keyring item
  G_MESSAGES_DEBUG= secret-tool lookup xdg:schema $TOKEN_SCHEMA environment "$1" \
    >"$W/own/item-$1.json" 2>/dev/null
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' \
    "$W/own/item-$1.json" 2>/dev/null
}

# 1. Try the Demo: the real sign-in, through the browser
start_app app-first
wait_report 'r["page"] == "welcome"' 30
activate try-demo
if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 90 &&
   snap "$APP_PID" app-first && APP_TOKEN=$(item_token demo) && [ -n "$APP_TOKEN" ]; then
  ok "the app signs in to the demo; its token is in the keyring"
else
  not_ok "the app signs in to the demo; its token is in the keyring" "$W/report.json" "$W/logs/app-first.log" "$W/approve/browser.log"
  APP_TOKEN=
fi
stop_app

# 2. the next start with a distinctive token in the keyring item: the app hands it to its
#    demo brokerage, and every request carries it
KNOWN_APP_TOKEN="hygiene-app-$(random_word)"
if [ -n "$APP_TOKEN" ] &&
   python3 - "$W/own/item-demo.json" "$KNOWN_APP_TOKEN" >"$W/own/item-known.json" <<'PY' &&
import json, sys
item = json.load(open(sys.argv[1]))
item["access_token"] = sys.argv[2]
sys.stdout.write(json.dumps(item))
PY
   G_MESSAGES_DEBUG= secret-tool search --all xdg:schema $TOKEN_SCHEMA environment demo \
     >"$W/own/item-attributes.txt" 2>&1; then
  # the same item, with every attribute it had
  attrs=()
  while IFS= read -r line; do
    case $line in
      "attribute."*) name=${line#attribute.}; attrs+=("${name%% = *}" "${name#* = }") ;;
    esac
  done <"$W/own/item-attributes.txt"
  case " ${attrs[*]} " in
    *" xdg:schema "*) ;;
    *) attrs+=(xdg:schema "$TOKEN_SCHEMA") ;;
  esac
  label=$(sed -n 's/^label = //p' "$W/own/item-attributes.txt" | head -n 1)
  G_MESSAGES_DEBUG= secret-tool store --label="$label" "${attrs[@]}" <"$W/own/item-known.json"
fi
start_app app-known
if [ "$(item_token demo)" = "$KNOWN_APP_TOKEN" ] &&
   wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 60 &&
   snap "$APP_PID" app-known; then
  ok "the app starts again on the distinctive token it finds in the keyring"
else
  not_ok "the app starts again on the distinctive token it finds in the keyring" "$W/report.json" "$W/logs/app-known.log" "$W/own/item-attributes.txt"
fi
stop_app

# --- the CLI ------------------------------------------------------------------------------
if ! start_sandbox "$W" --seed 17; then
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
CLIENT_SECRET=$PADDOCK_CLIENT_SECRET
CLIENT_ID=$PADDOCK_CLIENT_ID
# the CLI gets the addresses of the sandbox, never a secret, in its environment
unset PADDOCK_CLIENT_SECRET PADDOCK_CLIENT_ID

# 3. app set (the secret on standard input, into the keyring), then login --no-browser: the
#    consent page approved by a script, the address it led to pasted on standard input
printf '%s\n' "$CLIENT_SECRET" | "$CLI" app set --client-id "$CLIENT_ID" \
  >"$W/logs/app-set.out" 2>"$W/logs/app-set.err"
cat >"$W/consent.py" <<'PY'
import re, sys, urllib.parse, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
url = sys.argv[1]
page = urllib.request.urlopen(url, timeout=20).read().decode()
request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
parts = urllib.parse.urlsplit(url)
action = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/oauth/authorize", "", ""))
body = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
try:
    urllib.request.build_opener(NoRedirect).open(urllib.request.Request(action, data=body),
                                                 timeout=20)
    sys.exit("no redirect")
except urllib.error.HTTPError as e:
    print(e.headers["Location"], flush=True)
PY
mkfifo "$W/paste.fifo"
(
  for _ in $(seq 100); do grep -q "response_type=code" "$W/logs/login.out" 2>/dev/null && break; sleep 0.1; done
  url=$(grep -o "$PADDOCK_AUTHORIZE_URL?[^ ]*" "$W/logs/login.out" | head -n 1)
  python3 "$W/consent.py" "$url" 2>"$W/consent.err"
  sleep 5
) >"$W/paste.fifo" &
paste_pid=$!
timeout 60 "$CLI" login --paper --no-browser >"$W/logs/login.out" 2>"$W/logs/login.err" \
  <"$W/paste.fifo"
rc=$?
kill $paste_pid 2>/dev/null; wait $paste_pid 2>/dev/null
CLI_TOKEN=$(item_token paper)
if [ $rc -eq 0 ] && [ -n "$CLI_TOKEN" ]; then
  ok "the CLI keeps the client secret and signs in with it; the token is in the keyring"
else
  not_ok "the CLI keeps the client secret and signs in with it; the token is in the keyring (rc $rc)" "$W/logs/app-set.err" "$W/logs/login.out" "$W/logs/login.err" "$W/consent.err"
fi

# 4. commands with the stored token, and a stream that runs while its /proc is read
rc=0
for cmd in accounts account whoami positions orders activity; do
  "$CLI" $cmd >"$W/logs/$cmd.out" 2>"$W/logs/$cmd.err" || rc=$((rc + 1))
  "$CLI" $cmd --json >"$W/logs/$cmd-json.out" 2>"$W/logs/$cmd-json.err" || rc=$((rc + 1))
done
"$CLI" stream >"$W/logs/stream.out" 2>"$W/logs/stream.err" &
STREAM_PID=$!
for _ in $(seq 300); do grep -q live "$W/logs/stream.err" 2>/dev/null && break; sleep 0.1; done
snap "$STREAM_PID" cli-stream || rc=$((rc + 1))
kill -INT "$STREAM_PID" 2>/dev/null
wait "$STREAM_PID" 2>/dev/null
STREAM_PID=
if [ $rc -eq 0 ] && grep -q "live" "$W/logs/stream.err"; then
  ok "accounts, account, whoami, positions, orders, activity (also --json) and stream run"
else
  not_ok "accounts, account, whoami, positions, orders, activity (also --json) and stream run ($rc failed)" "$W/logs/account.err" "$W/logs/whoami.err" "$W/logs/stream.err"
fi

# --- the core tests -----------------------------------------------------------------------
# 5. test programs of core that send the fixture's token through PaddockClient, the session,
#    trading and the trade stream, with a distinctive token
CORE_TOKEN="hygiene-core-$(random_word)"
rc=0
for t in client session trading trade-stream; do
  PADDOCK_TEST_ACCESS_TOKEN=$CORE_TOKEN G_DEBUG=gc-friendly,fatal-warnings GSETTINGS_BACKEND=memory \
    "$B/tests/test-$t" >"$W/logs/test-$t.out" 2>"$W/logs/test-$t.err" || rc=$((rc + 1))
done
if [ $rc -eq 0 ]; then
  ok "test-client, test-session, test-trading and test-trade-stream pass with a known token"
else
  not_ok "test-client, test-session, test-trading and test-trade-stream pass with a known token ($rc failed)" "$W/logs/test-client.out" "$W/logs/test-session.out"
fi

# --- the scan -----------------------------------------------------------------------------
{
  echo "app demo token (issued)=$APP_TOKEN"
  echo "app demo token (distinctive)=$KNOWN_APP_TOKEN"
  echo "CLI token=$CLI_TOKEN"
  echo "CLI client secret=$CLIENT_SECRET"
  echo "core tests token=$CORE_TOKEN"
} >"$W/own/secrets"

# 6. the places scanned are there: the settings keyfile, the logs, the /proc snapshots
if [ -s "$KEYFILE" ] && [ -s "$W/logs/app-first.log" ] && [ -s "$W/logs/test-client.out" ] &&
   [ "$(ls "$W/proc" | wc -l)" -eq 6 ] && grep -q "^PADDOCK_PAPER_URL=" "$W/proc/cli-stream.environ"; then
  ok "the settings keyfile, the logs and the /proc snapshots of the app and the CLI are there"
else
  not_ok "the settings keyfile, the logs and the /proc snapshots of the app and the CLI are there" "$KEYFILE"
  ls -la "$W/proc" "$(dirname "$KEYFILE")" 2>&1 | sed 's/^/# /'
fi

# 7. no secret anywhere
scan "$W/own/secrets" "$W/hits" "$W/logs" "$W/proc" "$HOME" "$XDG_RUNTIME_DIR"
rc=$?
if [ $rc -eq 0 ]; then
  ok "no token or client secret in any log, file, settings, command line or environment ($(cat "$W/hits.err"))"
else
  not_ok "no token or client secret in any log, file, settings, command line or environment (rc $rc)" "$W/hits" "$W/hits.err"
fi

exit $((failed > 0))
