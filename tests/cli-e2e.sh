#!/bin/bash
# cli-e2e.sh: paddock-cli end to end, run inside keyring-env.sh (a private bus with a real,
# unlocked gnome-keyring-daemon): the real paddock-sandbox program, a default http handler
# that is a headless Chromium clicking the consent page, and the CLI's normal "open URI"
# path. Everything runs with G_MESSAGES_DEBUG=all, and the last check reads every output
# for the token, the code, the PKCE verifier and the client secret. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
S=${PADDOCK_SRCDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox

if [ ! -d "$S/tests/node_modules/playwright-core" ]; then
  echo "1..0 # SKIP playwright-core is not installed (run: cd tests && npm ci)"
  exit 0
fi
if [ ! -x "${PADDOCK_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "1..0 # SKIP Chromium is not installed"
  exit 0
fi
if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-e2e.XXXXXX")
SANDBOX_PID=
cleanup() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/sandbox-program.sh"
check() { # check DESCRIPTION COMMAND… (files to show on failure after --)
  local desc=$1; shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# The browser writes down where it was redirected after the page loaded, which can be a
# moment after the CLI, whose receiver answered that redirect, has finished.
wait_file() { for _ in $(seq 150); do [ -s "$1" ] && return 0; sleep 0.1; done; return 1; }

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

json_get() { # json_get FILE KEY → value of a top-level string member
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

export G_MESSAGES_DEBUG=all
export G_DEBUG=gc-friendly   # the CLI's own warnings are checked by its exit codes

# --- the sandbox -----------------------------------------------------------------------
if ! start_sandbox "$W" --seed 11; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
BASE=${PADDOCK_AUTHORIZE_URL%/oauth/authorize}

# --- browsers: one that approves, one that denies ----------------------------------------
bash "$S/tests/browser/install-handler.sh" "$W/approve" approve
bash "$S/tests/browser/install-handler.sh" "$W/deny" deny

with_browser() { # with_browser approve|deny CMD…
  local dir=$W/$1; shift
  XDG_DATA_HOME=$dir/data "$@"
}

echo "1..18"

# 1. login through the scripted browser
with_browser approve timeout 120 "$CLI" login --paper >"$W/login.out" 2>"$W/login.err" </dev/null
rc=$?
if [ $rc -eq 0 ] && grep -q "Signed in to the paper account PA" "$W/login.out"; then
  ok "login through the browser signs in to the paper account"
else
  not_ok "login through the browser signs in to the paper account (rc $rc)" "$W/login.out" "$W/login.err" "$W/approve/browser.out" "$W/approve/browser.log"
fi

# 2. the URL was printed, and the browser really was the one that was launched: on the
#    start address (no state on a command line), which led to the printed address
wait_file "$W/approve/redirects.txt"
if grep -q "$PADDOCK_AUTHORIZE_URL?response_type=code" "$W/login.out" && [ -s "$W/approve/redirects.txt" ] &&
   opened_start_address "$W/approve" "$W/login.out"; then
  ok "login printed the authorize address and opened it through the desktop's handler"
else
  not_ok "login printed the authorize address and opened it through the desktop's handler" "$W/login.out" "$W/approve/browser.log"
fi

# 3. the token is in the keyring
G_MESSAGES_DEBUG= secret-tool search --all xdg:schema io.github.paddockapp.Paddock.Token >"$W/search.secret" 2>"$W/search.err"
if grep -q "environment = paper" "$W/search.secret" "$W/search.err"; then
  ok "the keyring holds the token (secret-tool)"
else
  not_ok "the keyring holds the token (secret-tool)" "$W/search.err"
fi
G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment paper >"$W/keyring-item.secret" 2>/dev/null
TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$W/keyring-item.secret" 2>/dev/null)

# 4. account --json is the sandbox's account
"$CLI" account --json >"$W/account.json" 2>"$W/account.err"
rc=$?
curl -s -H "Authorization: Bearer $TOKEN" "$PADDOCK_PAPER_URL/v2/account" >"$W/account.direct.json"
if [ $rc -eq 0 ] && python3 - "$W/account.json" "$W/account.direct.json" <<'PY'
import json, sys
mine = json.load(open(sys.argv[1])); theirs = json.load(open(sys.argv[2]))
assert mine["account_number"].startswith("PA"), mine
assert mine == theirs, (mine, theirs)
assert isinstance(mine["cash"], str) and isinstance(mine["daytrade_count"], int)
PY
then
  ok "account --json prints the sandbox account, field for field"
else
  not_ok "account --json prints the sandbox account, field for field (rc $rc)" "$W/account.err" "$W/account.json"
fi

# 5. a second process reuses the token: no browser, no login
before=$(wc -l <"$W/approve/redirects.txt")
"$CLI" account >"$W/account2.out" 2>"$W/account2.err"
rc=$?
after=$(wc -l <"$W/approve/redirects.txt")
if [ $rc -eq 0 ] && grep -q "^Equity *\$[0-9]" "$W/account2.out" && [ "$before" = "$after" ]; then
  ok "a second process reuses the stored token"
else
  not_ok "a second process reuses the stored token (rc $rc)" "$W/account2.out" "$W/account2.err"
fi

# 6. accounts and whoami
"$CLI" accounts --json >"$W/accounts.json" 2>"$W/accounts.err"
if python3 -c '
import json,sys; a=json.load(open(sys.argv[1]))
assert len(a)==1 and a[0]["environment"]=="paper" and a[0]["account_number"].startswith("PA")' "$W/accounts.json"; then
  ok "accounts --json lists the one account"
else
  not_ok "accounts --json lists the one account" "$W/accounts.json" "$W/accounts.err"
fi
"$CLI" whoami --json >"$W/whoami.json" 2>"$W/whoami.err"
if python3 -c '
import json,sys; w=json.load(open(sys.argv[1]))
assert w["active"] is True and w["scope"]=="account:write trading data" and w["client_id"]==sys.argv[2]
assert "id" not in w' "$W/whoami.json" "$PADDOCK_CLIENT_ID"; then
  ok "whoami --json shows the token's app and scopes (not its key id)"
else
  not_ok "whoami --json shows the token's app and scopes (not its key id)" "$W/whoami.json" "$W/whoami.err"
fi

# 7. a revoked token: exit 3 and "sign in again"
curl -s -X POST -d '{}' "$BASE/_sandbox/revoke" >/dev/null
"$CLI" account >"$W/revoked.out" 2>"$W/revoked.err"
rc=$?
if [ $rc -eq 3 ] && grep -q "sign in again" "$W/revoked.err"; then
  ok "a revoked token makes account exit 3 with “sign in again”"
else
  not_ok "a revoked token makes account exit 3 with “sign in again” (rc $rc)" "$W/revoked.err"
fi

# 8. logout removes the item
"$CLI" logout >"$W/logout.out" 2>"$W/logout.err"
rc=$?
G_MESSAGES_DEBUG= secret-tool search --all xdg:schema io.github.paddockapp.Paddock.Token >"$W/search2.secret" 2>&1
if [ $rc -eq 0 ] && ! grep -q "environment = paper" "$W/search2.secret"; then
  ok "logout removes the keyring item"
else
  not_ok "logout removes the keyring item (rc $rc)" "$W/logout.err" "$W/search2.secret"
fi

# 9. after logout, account asks to sign in (exit 3)
"$CLI" account >/dev/null 2>"$W/after-logout.err"
rc=$?
if [ $rc -eq 3 ]; then ok "after logout, account exits 3"; else not_ok "after logout, account exits 3 (rc $rc)" "$W/after-logout.err"; fi

# 10. Deny in the browser
with_browser deny timeout 120 "$CLI" login --paper >"$W/deny.out" 2>"$W/deny.err" </dev/null
rc=$?
if [ $rc -eq 1 ] && grep -qi "denied" "$W/deny.err"; then
  ok "Deny in the browser ends login with “access was denied”"
else
  not_ok "Deny in the browser ends login with “access was denied” (rc $rc)" "$W/deny.out" "$W/deny.err"
fi

# 11. --no-browser opens nothing; the address pasted from a browser on another machine
#     (its redirect never reaches this machine) completes the sign-in
before=$(cat "$W/approve/redirects.txt" 2>/dev/null | wc -l)
mkfifo "$W/paste.fifo"
(
  for _ in $(seq 100); do grep -q "response_type=code" "$W/paste.out" 2>/dev/null && break; sleep 0.1; done
  url=$(grep -o "$PADDOCK_AUTHORIZE_URL?[^ ]*" "$W/paste.out" | head -n 1)
  echo "not the address"   # a wrong paste is refused, and the CLI keeps waiting
  node "$S/tests/browser/consent.js" "$url" approve --no-follow --record "$W/paste-redirect.txt" >/dev/null 2>&1
  cat "$W/paste-redirect.txt"
  sleep 5
) >"$W/paste.fifo" &
paste_pid=$!
with_browser approve timeout 120 "$CLI" login --paper --no-browser >"$W/paste.out" 2>"$W/paste.err" <"$W/paste.fifo"
rc=$?
kill $paste_pid 2>/dev/null; wait $paste_pid 2>/dev/null
after=$(cat "$W/approve/redirects.txt" 2>/dev/null | wc -l)
if [ $rc -eq 0 ] && [ "$before" = "$after" ] && grep -q "Signed in" "$W/paste.out" &&
   grep -q "not the address the browser was sent to" "$W/paste.err"; then
  ok "--no-browser opens nothing; a pasted address completes the sign-in"
else
  not_ok "--no-browser opens nothing; a pasted address completes the sign-in (rc $rc)" "$W/paste.out" "$W/paste.err"
fi
"$CLI" logout --all >/dev/null 2>&1

# 12–13. your own OAuth app: the client ID in the settings, the secret in the keyring
export GSETTINGS_BACKEND=keyfile
client_id=$PADDOCK_CLIENT_ID
client_secret=$PADDOCK_CLIENT_SECRET
printf '%s\n' "$client_secret" | env -u PADDOCK_CLIENT_ID -u PADDOCK_CLIENT_SECRET "$CLI" app set --client-id "$client_id" >"$W/app.out" 2>"$W/app.err"
rc=$?
G_MESSAGES_DEBUG= secret-tool search --all xdg:schema io.github.paddockapp.Paddock.ClientSecret >"$W/app-search.secret" 2>&1
if [ $rc -eq 0 ] && grep -q "client-id = $client_id" "$W/app-search.secret" &&
   ! grep -rq "$client_secret" "$XDG_CONFIG_HOME" "$HOME" --exclude-dir=keyrings 2>/dev/null; then
  ok "app set keeps the client secret in the keyring and nowhere else"
else
  not_ok "app set keeps the client secret in the keyring and nowhere else (rc $rc)" "$W/app.err" "$W/app-search.secret"
fi
with_browser approve env -u PADDOCK_CLIENT_ID -u PADDOCK_CLIENT_SECRET timeout 120 "$CLI" login >"$W/login2.out" 2>"$W/login2.err" </dev/null
rc=$?
if [ $rc -eq 0 ] && grep -q "Signed in" "$W/login2.out"; then
  ok "login uses the configured OAuth app and its secret from the keyring"
else
  not_ok "login uses the configured OAuth app and its secret from the keyring (rc $rc)" "$W/login2.out" "$W/login2.err"
fi
G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment paper >"$W/keyring-item2.secret" 2>/dev/null
TOKEN2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$W/keyring-item2.secret" 2>/dev/null)
unset GSETTINGS_BACKEND

# 14. usage errors exit 2
"$CLI" login --paper --live >/dev/null 2>&1; rc1=$?
"$CLI" login --scope everything >/dev/null 2>&1; rc2=$?
"$CLI" frobnicate >/dev/null 2>&1; rc3=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ]; then ok "bad usage exits 2"; else not_ok "bad usage exits 2 ($rc1 $rc2 $rc3)"; fi

# 15. --help documents the exit codes
"$CLI" --help >"$W/help.out"
if grep -q "3  you must sign in again" "$W/help.out" && grep -q "2  bad usage" "$W/help.out"; then
  ok "--help documents the exit codes"
else
  not_ok "--help documents the exit codes" "$W/help.out"
fi

# 16. nothing but the keyring holds a token: no file anywhere in HOME/XDG
if [ -n "$TOKEN2" ] && ! grep -rqF "$TOKEN2" "$HOME" "$XDG_RUNTIME_DIR" --exclude-dir=keyrings 2>/dev/null; then
  ok "no file outside the keyring holds the token"
else
  not_ok "no file outside the keyring holds the token"
fi

# 17. no token, code, verifier or secret in any output (all of it at G_MESSAGES_DEBUG=all)
# every output of the CLI and the browsers; not the sandbox's start-up line (which hands
# the demo client's secret to the test by design) and not the test's own keyring reads
for f in "$W"/*.out "$W"/*.err "$W"/*.json "$W"/approve/browser.* "$W"/deny/browser.*; do
  case $f in */sandbox.out|*/sandbox.json|*/account.direct.json) continue ;; esac
  [ -f "$f" ] && sed "s|^|$(basename "$f"): |" "$f"
done >"$W/all-output.txt"
if python3 - "$W/all-output.txt" "$TOKEN" "$TOKEN2" "$PADDOCK_CLIENT_SECRET" "$W/approve/redirects.txt" "$W/paste-redirect.txt" <<'PY'
import base64, hashlib, re, sys, urllib.parse
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
secrets = {"token": sys.argv[2], "token (second sign-in)": sys.argv[3], "client secret": sys.argv[4]}
for path in sys.argv[5:]:
    try:
        for line in open(path):
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(line.strip()).query)
            if "code" in q:
                secrets["code"] = q["code"][0]
    except OSError:
        pass
assert all(len(v) >= 8 for v in secrets.values()), "a secret to look for is missing"
assert "code" in secrets, "no code was recorded"
leaks = []
for name, value in secrets.items():
    for line in text.splitlines():
        if value in line:
            leaks.append(f"{name} in {line.split(':', 1)[0]}")
# the verifier: any 43-character base64url word whose S256 is a printed code_challenge
challenges = set(re.findall(r"code_challenge=([A-Za-z0-9_-]{43})", text))
assert challenges, "no authorize address in the output"
for word in set(re.findall(r"[A-Za-z0-9_-]{43}", text)):
    digest = base64.urlsafe_b64encode(hashlib.sha256(word.encode()).digest()).rstrip(b"=").decode()
    if digest in challenges:
        leaks.append("PKCE verifier in " + next(l.split(':', 1)[0] for l in text.splitlines() if word in l))
if "code_verifier" in text:
    leaks.append("code_verifier parameter")
if leaks:
    print("# leaked: " + ", ".join(leaks))
    sys.exit(1)
PY
then
  ok "no token, code, verifier or secret in any output at G_MESSAGES_DEBUG=all"
else
  not_ok "no token, code, verifier or secret in any output at G_MESSAGES_DEBUG=all"
fi

exit $((failed > 0))
