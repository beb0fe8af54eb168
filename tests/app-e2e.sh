#!/bin/bash
# app-e2e.sh: the real app, end to end. Run through
#   keyring-env.sh xvfb-env.sh app-e2e.sh
# (a private bus with a real, unlocked gnome-keyring-daemon, and a real X server). The app
# starts fresh; the test presses "Try the Demo" the way a click does (the app's exported
# `try-demo` action, over D-Bus); the app opens the sandbox's consent page through its
# normal URI launcher, which reaches the default http handler this test registered: a
# headless Chromium that clicks Approve (or Deny). The app describes what its window shows
# into PADDOCK_TEST_REPORT (read back from its widgets) and saves a screenshot. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
S=${PADDOCK_SRCDIR:?}
APP=$B/src/paddock

if [ ! -d "$S/tests/node_modules/playwright-core" ]; then
  echo "1..0 # SKIP playwright-core is not installed (run: cd tests && npm ci)"
  exit 0
fi
if [ ! -x "${PADDOCK_CHROMIUM:-/usr/bin/chromium}" ] || [ -z "${DISPLAY:-}" ] ||
   [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP needs Chromium, an X display and keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-app-e2e.XXXXXX")
APP_PID=
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
TAP_TAIL=25

export GSETTINGS_BACKEND=keyfile   # the last account shown survives a restart
export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
export G_DEBUG=gc-friendly
export G_MESSAGES_DEBUG=all
unset GTK_THEME

bash "$S/tests/browser/install-handler.sh" "$W/approve" approve
bash "$S/tests/browser/install-handler.sh" "$W/deny" deny

DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock

start_app() { # start_app approve|deny NAME [ARGS…]
  local browser=$1 name=$2; shift 2
  rm -f "$W/report.json"
  XDG_DATA_HOME=$W/$browser/data PADDOCK_TEST_REPORT=$W/report.json \
    PADDOCK_TEST_SCREENSHOT=$W/$name.png "$APP" "$@" >"$W/$name.log" 2>&1 &
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

activate() { # activate ACTION
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    "$1" '[]' '{}' >/dev/null
}

# wait_report PYTHON-CONDITION [SECONDS]: until the report's JSON `r` satisfies it
wait_report() {
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

report_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' "$W/report.json" "$1"; }

# The browser was opened on the receiver's start address, so no state was on its command
# line; that address led to the authorize address (the one printed in FILE, if given).
opened_start_address() { # opened_start_address BROWSER_DIR [FILE]
  python3 - "$1/redirects.txt.opened" "$1/redirects.txt.authorize" "${2:-}" <<'PY'
import re, sys, urllib.parse
opened = open(sys.argv[1]).readline().strip()
landed = urllib.parse.urlsplit(open(sys.argv[2]).readline().strip())
assert re.fullmatch(r"http://127\.0\.0\.1:[0-9]+/start", opened), "opened another address"
assert "state" not in opened
query = urllib.parse.parse_qs(landed.query)
assert landed.path == "/oauth/authorize" and len(query["state"][0]) == 43, "no authorize page"
if sys.argv[3]:
    printed = re.search(r"http://127\.0\.0\.1:[0-9]+/oauth/authorize\?\S+", open(sys.argv[3]).read())
    printed = urllib.parse.urlsplit(printed.group(0))
    assert printed[:3] == landed[:3] and urllib.parse.parse_qs(printed.query) == query, "elsewhere"
PY
}

echo "1..15"

# 1. a fresh start shows the welcome page
start_app approve first
if wait_report 'r["page"] == "welcome"' 30; then
  ok "a fresh start shows the welcome page"
else
  not_ok "a fresh start shows the welcome page" "$W/report.json" "$W/first.log"
fi

# 2. Try the Demo: the real OAuth flow through the browser, to the overview
activate try-demo
if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 90; then
  ok "Try the Demo signs in through the browser and shows the account"
else
  not_ok "Try the Demo signs in through the browser and shows the account" "$W/report.json" "$W/first.log" "$W/approve/browser.log" "$W/approve/browser.out"
fi
cp "$W/report.json" "$W/first.json" 2>/dev/null

# 3. the browser was the one GIO launched, and the redirect reached the app's receiver
#    (the browser notes the redirect once the page has loaded: a moment after the app)
for _ in $(seq 150); do [ -s "$W/approve/redirects.txt" ] && break; sleep 0.1; done
if grep -q "opening the authorize page of http://127.0.0.1:" "$W/approve/browser.log" &&
   grep -q "redirected; result page title" "$W/approve/browser.log" &&
   grep -q "^http://127.0.0.1:4872[1-5]/callback?" "$W/approve/redirects.txt" &&
   opened_start_address "$W/approve"; then
  ok "the app opened the consent page through the desktop's handler; the redirect came back"
else
  not_ok "the app opened the consent page through the desktop's handler; the redirect came back" "$W/approve/browser.log"
fi

# 4. the keyring holds the demo token, and the window shows that account's figures
G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment demo \
  >"$W/item.secret" 2>/dev/null
sandbox=$(grep -o "opening the authorize page of http://127.0.0.1:[0-9]*" "$W/approve/browser.log" | head -n 1 | sed 's/.* of //')
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$W/item.secret" 2>/dev/null)
# The demo holds positions and its market walks every second, so the account's equity moves
# between the app's fetch and ours. Stop the market: from then on the account has one
# equity, and the window must show exactly it once its next refresh (every 30 s) came in.
curl -s -X POST -d '{"milliseconds":0}' "$sandbox/_sandbox/tick_interval" >/dev/null
curl -s -H "Authorization: Bearer $token" "$sandbox/paper/v2/account" >"$W/account.json"
shows_account() { # the report at FILE shows the account at $W/account.json, to the cent
  python3 - "$1" "$W/account.json" <<'PY'
import json, sys
shown = json.load(open(sys.argv[1])); account = json.load(open(sys.argv[2]))
digits = lambda s: "".join(c for c in s if c.isdigit())
assert shown["badge"] == "Demo", shown
assert shown["account-number-value"] == account["account_number"], (shown, account)
# the label is the locale's format of the same decimal: the same digits, to the cent
eq = "%.2f" % float(account["equity"])
assert digits(shown["equity-value"]) == digits(eq), (shown["equity-value"], account["equity"])
cash = "%.2f" % float(account["cash"])
assert digits(shown["cash-value"]) == digits(cash), (shown["cash-value"], account["cash"])
PY
}
for _ in $(seq 300); do
  cp "$W/report.json" "$W/still.json" 2>/dev/null
  shows_account "$W/still.json" 2>/dev/null && break
  sleep 0.2
done
if [ -s "$W/item.secret" ] && shows_account "$W/still.json"; then
  ok "the keyring holds the token; the window shows that account's equity and cash"
else
  not_ok "the keyring holds the token; the window shows that account's equity and cash" "$W/still.json" "$W/account.json"
fi
curl -s -X POST -d '{"milliseconds":1000}' "$sandbox/_sandbox/tick_interval" >/dev/null

# 5. the screenshot is the overview, a real picture (the hooks take it once the portfolio
#    chart has come too, which may be after the figures)
for _ in $(seq 150); do [ -s "$W/first.png" ] && break; sleep 0.2; done
if [ -s "$W/first.png" ] && [ "$(identify -format '%k' "$W/first.png" 2>/dev/null || echo 0)" -gt 50 ]; then
  ok "a screenshot of the overview was taken ($(identify -format '%wx%h, %k colours' "$W/first.png"))"
else
  not_ok "a screenshot of the overview was taken" "$W/first.log"
fi
[ -n "${PADDOCK_E2E_KEEP:-}" ] && cp "$W/first.png" "$PADDOCK_E2E_KEEP/app-e2e-overview.png"
stop_app

# 6. the second start shows the account with no sign-in
before=$(wc -l <"$W/approve/redirects.txt")
start_app approve second
if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 60 &&
   [ "$(wc -l <"$W/approve/redirects.txt")" = "$before" ] &&
   [ "$(report_get account-number-value)" = "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["account-number-value"])' "$W/first.json")" ]; then
  ok "the second start shows the same account without signing in"
else
  not_ok "the second start shows the same account without signing in" "$W/report.json" "$W/second.log"
fi

# 6b. the trading pages show the session's stores: the demo's history has positions
if wait_report 'r["page"] == "account" and r["rows"]["positions"] > 0' 60; then
  ok "the Positions page shows the demo’s positions"
else
  not_ok "the Positions page shows the demo’s positions" "$W/report.json" "$W/second.log"
fi

# 7. revoked access: "Your access was revoked or has expired", in place
# (the app says at debug level where its in-app demo brokerage listens)
sandbox2=$(grep -o "the demo brokerage serves http://127.0.0.1:[0-9]*" "$W/second.log" | head -n 1 | sed 's|.* serves ||')
curl -s -X POST -d '{}' "$sandbox2/_sandbox/revoke" >/dev/null
activate refresh
if wait_report 'r["page"] == "problem" and r.get("problem") == "Your Access Was Revoked or Has Expired"' 30; then
  ok "a 401 shows “Your Access Was Revoked or Has Expired”"
else
  not_ok "a 401 shows “Your Access Was Revoked or Has Expired”" "$W/report.json" "$W/second.log"
fi
stop_app

# 8–9. Deny in the browser leaves a clear "access denied" state
G_MESSAGES_DEBUG= secret-tool clear xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null
start_app deny third
wait_report 'r["page"] == "welcome"' 30
activate try-demo
if wait_report 'r["page"] == "problem" and r.get("problem") == "Access Was Denied"' 90; then
  ok "Deny in the browser shows “Access Was Denied”"
else
  not_ok "Deny in the browser shows “Access Was Denied”" "$W/report.json" "$W/third.log" "$W/deny/browser.log"
fi
if ! G_MESSAGES_DEBUG= secret-tool search --all xdg:schema io.github.paddockapp.Paddock.Token 2>&1 | grep -q "environment = demo"; then
  ok "after Deny nothing is stored"
else
  not_ok "after Deny nothing is stored"
fi
stop_app

# 10. paddock --demo goes straight into the demo, no click
start_app approve fourth --demo
if wait_report 'r["page"] == "account" and r.get("badge") == "Demo"' 90; then
  ok "paddock --demo signs in to the demo at once"
else
  not_ok "paddock --demo signs in to the demo at once" "$W/report.json" "$W/fourth.log"
fi
stop_app

# 11. --version
if "$APP" --version | grep -q "^paddock [0-9]"; then ok "paddock --version"; else not_ok "paddock --version"; fi

# 12. no browser at all: "The Browser Could Not Be Opened", and the link can still be used
mkdir -p "$W/nobrowser/data/applications" "$W/empty"
printf '[Removed Associations]\nx-scheme-handler/http=chromium.desktop;\nx-scheme-handler/https=chromium.desktop;\n' \
  >"$W/nobrowser/data/applications/mimeapps.list"
G_MESSAGES_DEBUG= secret-tool clear xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null
rm -f "$W/report.json"
XDG_DATA_HOME=$W/nobrowser/data XDG_DATA_DIRS=$W/empty PADDOCK_TEST_REPORT=$W/report.json \
  "$APP" >"$W/fifth.log" 2>&1 &
APP_PID=$!
wait_report 'r["page"] == "welcome"' 30
activate try-demo
if wait_report 'r["page"] == "problem" and r.get("problem") == "The Browser Could Not Be Opened" and r.get("badge") == "Demo"' 30; then
  ok "without a browser: “The Browser Could Not Be Opened”, under the Demo badge"
else
  not_ok "without a browser: “The Browser Could Not Be Opened”, under the Demo badge" "$W/report.json" "$W/fifth.log"
fi
stop_app

# 13. every redirect port taken: "No Redirect Port Is Free"
python3 -c '
import socket, sys, time
socks = []
for port in range(48721, 48726):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # another sign-in on this machine (a test of another build) may hold a port a moment
    for _ in range(300):
        try:
            s.bind(("127.0.0.1", port)); break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit("port %d stayed taken" % port)
    s.listen(1); socks.append(s)
print("bound", flush=True)
time.sleep(60)' >"$W/ports.out" 2>&1 &
ports_pid=$!
for _ in $(seq 350); do grep -q bound "$W/ports.out" && break; sleep 0.1; done
start_app approve sixth
wait_report 'r["page"] == "welcome"' 30
activate try-demo
if wait_report 'r["page"] == "problem" and r.get("problem") == "No Redirect Port Is Free"' 30; then
  ok "every redirect port taken: “No Redirect Port Is Free”"
else
  not_ok "every redirect port taken: “No Redirect Port Is Free”" "$W/report.json" "$W/sixth.log" "$W/ports.out"
fi
stop_app
kill $ports_pid 2>/dev/null; wait $ports_pid 2>/dev/null

# 14. no token, code or PKCE verifier in anything the app printed at G_MESSAGES_DEBUG=all
if python3 - "$W" "$token" <<'PY'
import base64, glob, hashlib, os, re, sys, urllib.parse
w, token = sys.argv[1], sys.argv[2]
text = ""
for path in glob.glob(os.path.join(w, "*.log")) + glob.glob(os.path.join(w, "*", "browser.*")):
    text += open(path, encoding="utf-8", errors="replace").read()
secrets = {"token": token}
for line in open(os.path.join(w, "approve", "redirects.txt")):
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(line.strip()).query)
    if "code" in q:
        secrets.setdefault("code", q["code"][0])
assert len(token) >= 16 and "code" in secrets
leaks = [name for name, value in secrets.items() if value in text]
challenges = set()
for line in open(os.path.join(w, "approve", "redirects.txt.authorize")):
    challenges.update(urllib.parse.parse_qs(urllib.parse.urlsplit(line.strip()).query).get("code_challenge", []))
assert challenges
for word in set(re.findall(r"[A-Za-z0-9_-]{43}", text)):
    if base64.urlsafe_b64encode(hashlib.sha256(word.encode()).digest()).rstrip(b"=").decode() in challenges:
        leaks.append("PKCE verifier")
if leaks:
    print("# leaked: " + ", ".join(leaks)); sys.exit(1)
PY
then
  ok "no token, code or verifier in the app's output at G_MESSAGES_DEBUG=all"
else
  not_ok "no token, code or verifier in the app's output at G_MESSAGES_DEBUG=all"
fi

exit $((failed > 0))
