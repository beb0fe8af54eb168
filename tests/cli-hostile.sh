#!/bin/bash
# cli-hostile.sh: paddock-cli against hostile input, run inside keyring-env.sh (a private bus
# with a real, unlocked gnome-keyring-daemon): keyring items that other programs could have
# written, a server on 127.0.0.1 that answers with escape sequences and numbers out of
# range, and a client secret too long to keep. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SCHEMA=io.github.paddockapp.Paddock.Token
FOREIGN=org.example.Other.Token

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-hostile.XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
TAP_CAT_V=1   # what failed may hold the escape sequences under test

# has_bytes FILE: does FILE hold a terminal control (ESC, BEL, C1 CSI in UTF-8)?
has_controls() { LC_ALL=C grep -q $'\x1b\|\x07\|\xc2\x9b' "$1"; }

store_item() { # store_item SCHEMA ACCOUNT-ID LABEL (secret on stdin)
  G_MESSAGES_DEBUG= secret-tool store --label="$3" xdg:schema "$1" environment paper \
    account-id "$2" schema-version 1
}
count_items() { # count_items ATTR VALUE…
  G_MESSAGES_DEBUG= secret-tool search --all "$@" 2>&1 | grep -c '^\[/'
}
clear_items() {
  G_MESSAGES_DEBUG= secret-tool clear xdg:schema "$SCHEMA" 2>/dev/null
  G_MESSAGES_DEBUG= secret-tool clear xdg:schema "$FOREIGN" 2>/dev/null
  :
}

# --- a hostile server on loopback: it answers every GET with reply.status / reply.body
# and writes down the Authorization header it got ----------------------------------------
cat >"$W/server.py" <<'PY'
import http.server, os, sys
W = sys.argv[1]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(os.path.join(W, "requests.log"), "a") as log:
            log.write("%s %s\n" % (self.headers.get("Authorization", "-"), self.path))
        status = int(open(os.path.join(W, "reply.status")).read())
        body = open(os.path.join(W, "reply.body"), "rb").read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$W/server.py" "$W" >"$W/server.port" 2>"$W/server.err" &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$W/server.port" ] && break; sleep 0.1; done
PORT=$(head -n 1 "$W/server.port")
if [ -z "$PORT" ]; then
  echo "1..1"
  not_ok "the hostile server starts on 127.0.0.1" "$W/server.err"
  exit 1
fi
export PADDOCK_PAPER_URL=http://127.0.0.1:$PORT PADDOCK_LIVE_URL=http://127.0.0.1:$PORT
unset PADDOCK_CLIENT_ID PADDOCK_CLIENT_SECRET
export G_DEBUG=gc-friendly   # the CLI's own warnings are checked by its exit codes

reply() { # reply STATUS BODY
  printf '%s' "$1" >"$W/reply.status"
  printf '%s' "$2" >"$W/reply.body"
}
account_json() { # account_json EXTRA-MEMBERS
  printf '{"id":"acct-h","account_number":"PA1HOSTILE","status":"ACTIVE","currency":"USD",'
  printf '"cash":"100","equity":"100","last_equity":"90","buying_power":"200"%s}' "$1"
}
requests() { wc -l <"$W/requests.log" 2>/dev/null || echo 0; }

# the LeakSanitizer check (15) exists only where LeakSanitizer does: the ASan build
if LC_ALL=C grep -qa __asan_init "$CLI"; then asan=1; echo "1..17"; else asan=0; echo "1..16"; fi

# our own item, with escape sequences in its label (the account number shown by `accounts`)
printf '%s' '{"access_token":"tok-ours-1"}' |
  store_item "$SCHEMA" acct-h $'Paddock token for paper account PA1\e[2J\e]0;pwned\a'

# 1. escape sequences in the account's strings never reach the terminal
reply 200 '{"id":"acct-h","account_number":"PA1\u001b[31mRED","status":"ACTIVE\u001b[2J\u001b]0;pwned\u0007\u009b31m","currency":"USD","cash":"100","equity":"100"}'
"$CLI" account >"$W/esc.out" 2>"$W/esc.err"
rc=$?
if [ $rc -eq 0 ] && ! has_controls "$W/esc.out" && ! has_controls "$W/esc.err" &&
   grep -q "^Status *ACTIVE" "$W/esc.out" && grep -q "^Account *PA1" "$W/esc.out"; then
  ok "account shows the server's strings without their control characters"
else
  not_ok "account shows the server's strings without their control characters (rc $rc)" "$W/esc.out" "$W/esc.err"
fi

# 2. …nor does a keyring label
"$CLI" accounts >"$W/accounts.out" 2>"$W/accounts.err"
rc=$?
if [ $rc -eq 0 ] && ! has_controls "$W/accounts.out" && grep -q "PA1" "$W/accounts.out"; then
  ok "accounts shows the keyring's labels without their control characters"
else
  not_ok "accounts shows the keyring's labels without their control characters (rc $rc)" "$W/accounts.out" "$W/accounts.err"
fi

# 3. an error message from the server cannot clear the screen or fake a line of output
reply 403 '{"code":40310000,"message":"denied\u001b[2J\u001b[H\nEquity         $1,000,000.00"}'
"$CLI" account >"$W/message.out" 2>"$W/message.err"
rc=$?
if [ $rc -eq 1 ] && ! has_controls "$W/message.err" && grep -q "denied" "$W/message.err" &&
   ! grep -q "^Equity" "$W/message.out" "$W/message.err"; then
  ok "the server's error message is printed on one line, without control characters"
else
  not_ok "the server's error message is printed on one line, without control characters (rc $rc)" "$W/message.out" "$W/message.err"
fi

# 4. a count beyond 64 bits (json-glib reads it as -1) is refused, not shown: by the JSON
# reader (paddock_json_parse) or, were it read, by the account parser
reply 200 "$(account_json ',"daytrade_count":18446744073709551615')"
"$CLI" account >"$W/count.out" 2>"$W/count.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/count.out" ] && grep -Eq "daytrade_count|too large" "$W/count.err"; then
  ok "a daytrade_count beyond 64 bits is refused"
else
  not_ok "a daytrade_count beyond 64 bits is refused (rc $rc)" "$W/count.out" "$W/count.err"
fi

# 5. 1e400 (json-glib reads it as infinity) is refused, never shown as "inf"
reply 200 '{"id":"acct-h","account_number":"PA1","status":"ACTIVE","currency":"USD","cash":"1","equity":1e400}'
"$CLI" account >"$W/inf.out" 2>"$W/inf.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/inf.out" ] && grep -Eq "equity|too large" "$W/inf.err" &&
   ! grep -qi "inf\b" "$W/inf.out" "$W/inf.err"; then
  ok "an equity of 1e400 is refused, not shown as inf"
else
  not_ok "an equity of 1e400 is refused, not shown as inf (rc $rc)" "$W/inf.out" "$W/inf.err"
fi

# 6. a 39-digit equity (json-glib reads it as -1) is refused, never shown as −$1.00
reply 200 '{"id":"acct-h","account_number":"PA1","status":"ACTIVE","currency":"USD","cash":"1","equity":123456789012345678901234567890123456789}'
"$CLI" account >"$W/digits.out" 2>"$W/digits.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/digits.out" ] && grep -q "too large" "$W/digits.err"; then
  ok "a 39-digit equity is refused, not shown as -\$1.00"
else
  not_ok "a 39-digit equity is refused, not shown as -\$1.00 (rc $rc)" "$W/digits.out" "$W/digits.err"
fi

# 7. a NUL in the account number (json-glib would end the string there) is refused
reply 200 '{"id":"acct-h","account_number":"PA1\u0000HIDDEN","status":"ACTIVE","currency":"USD","cash":"1","equity":"1"}'
"$CLI" account >"$W/nul.out" 2>"$W/nul.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/nul.out" ] && grep -q "NUL" "$W/nul.err"; then
  ok "an account number with \\u0000 is refused, not cut short"
else
  not_ok "an account number with \\u0000 is refused, not cut short (rc $rc)" "$W/nul.out" "$W/nul.err"
fi

# 7b. the issue's reproduction: /v2/account answers [[[[…]]]] 80,000 deep (json-glib 1.6
# overflowed its stack there); the CLI refuses it with exit 1, and so it does a 401 whose
# error body is as deep
deep=$(python3 -c 'print("[" * 80000 + "]" * 80000, end="")')
reply 200 "$deep"
"$CLI" account >"$W/deep-reply.out" 2>"$W/deep-reply.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/deep-reply.out" ] && grep -q "nested" "$W/deep-reply.err"; then
  ok "a reply nested 80,000 deep is refused with exit 1, no crash"
else
  not_ok "a reply nested 80,000 deep is refused with exit 1, no crash (rc $rc)" "$W/deep-reply.err"
fi
reply 401 "$deep"
"$CLI" account >"$W/deep-401.out" 2>"$W/deep-401.err"
rc=$?
if [ $rc -eq 3 ] && [ ! -s "$W/deep-401.out" ]; then
  ok "a 401 with an error body nested 80,000 deep: exit 3, no crash"
else
  not_ok "a 401 with an error body nested 80,000 deep: exit 3, no crash (rc $rc)" "$W/deep-401.err"
fi

# 8. a keyring item 100,000 levels deep: exit 3 "damaged", no crash, nothing sent
clear_items
python3 -c 'import sys; sys.stdout.write("{\"access_token\":\"tok-deep\",\"x\":" + "[" * 100000 + "]" * 100000 + "}")' |
  store_item "$SCHEMA" acct-h "Paddock token for paper account PA1HOSTILE"
before=$(requests)
"$CLI" account >"$W/deep.out" 2>"$W/deep.err"
rc=$?
if [ $rc -eq 3 ] && grep -q "damaged" "$W/deep.err" && [ "$(requests)" = "$before" ]; then
  ok "a keyring item nested 100,000 deep: exit 3, damaged, nothing sent"
else
  not_ok "a keyring item nested 100,000 deep: exit 3, damaged, nothing sent (rc $rc)" "$W/deep.err"
fi

# 9. a token with a line break in it never reaches a request header
clear_items
printf '%s' '{"access_token":"tok-crlf\r\nX-Injected: 1"}' |
  store_item "$SCHEMA" acct-h "Paddock token for paper account PA1HOSTILE"
before=$(requests)
"$CLI" account >"$W/crlf.out" 2>"$W/crlf.err"
rc=$?
if [ $rc -eq 3 ] && grep -q "damaged" "$W/crlf.err" && [ "$(requests)" = "$before" ]; then
  ok "a stored token with CR LF: exit 3, damaged, nothing sent"
else
  not_ok "a stored token with CR LF: exit 3, damaged, nothing sent (rc $rc)" "$W/crlf.err"
fi

# 10–11. another program's item with our attribute names is never used, nor deleted
clear_items
printf '%s' '{"access_token":"tok-foreign-1"}' | store_item "$FOREIGN" acct-h "someone else's"
printf '%s' '{"access_token":"tok-ours-2"}' |
  store_item "$SCHEMA" acct-h "Paddock token for paper account PA1HOSTILE"
reply 200 "$(account_json '')"
: >"$W/requests.log"
"$CLI" account >"$W/foreign.out" 2>"$W/foreign.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^Bearer tok-ours-2 " "$W/requests.log" &&
   ! grep -q "tok-foreign" "$W/requests.log"; then
  ok "account sends our token, never another schema's item with the same attributes"
else
  not_ok "account sends our token, never another schema's item with the same attributes (rc $rc)" "$W/foreign.err"
fi
"$CLI" logout --all >"$W/logout.out" 2>"$W/logout.err"
rc=$?
ours=$(count_items xdg:schema "$SCHEMA")
theirs=$(count_items xdg:schema "$FOREIGN")
if [ $rc -eq 0 ] && [ "$ours" = 0 ] && [ "$theirs" = 1 ]; then
  ok "logout removes our item and leaves the other program's"
else
  not_ok "logout removes our item and leaves the other program's (rc $rc, ours $ours, theirs $theirs)" "$W/logout.err"
fi
clear_items

# 12. a client secret longer than the limit: exit 2, nothing stored
python3 -c 'import sys; sys.stdout.write("s" * 2000 + "\n")' |
  "$CLI" app set --client-id hostile-app >"$W/long.out" 2>"$W/long.err"
rc=$?
stored=$(count_items client-id hostile-app)
if [ $rc -eq 2 ] && grep -q "longer than" "$W/long.err" && [ "$stored" = 0 ]; then
  ok "app set refuses a 2,000-byte secret with exit 2 and stores nothing"
else
  not_ok "app set refuses a 2,000-byte secret with exit 2 and stores nothing (rc $rc, stored $stored)" "$W/long.err"
fi

# 13. a secret of exactly the limit is kept whole
python3 -c 'import sys; sys.stdout.write("k" * 1023 + "K\n")' |
  "$CLI" app set --client-id hostile-app >"$W/full.out" 2>"$W/full.err"
rc=$?
G_MESSAGES_DEBUG= secret-tool lookup client-id hostile-app >"$W/full.secret" 2>/dev/null
if [ $rc -eq 0 ] && [ "$(cat "$W/full.secret")" = "$(python3 -c 'print("k" * 1023 + "K")')" ]; then
  ok "app set keeps a 1,024-byte secret whole"
else
  not_ok "app set keeps a 1,024-byte secret whole (rc $rc, $(wc -c <"$W/full.secret") bytes)" "$W/full.err"
fi

# 14. On a terminal the secret is not echoed, and the
# terminal gets its echo back afterwards
cat >"$W/secret-prompt.py" <<'PY'
import os, pty, sys, termios, time
cli, secret = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(cli, [cli, "app", "set", "--client-id", "tty-app"])
out = b""
def read_for(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
        if b"not shown" in out:
            return True
    return True
read_for(10)
echo_during = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
os.write(fd, secret.encode() + b"\n")
read_for(10)
_, status = os.waitpid(pid, 0)
echo_after = None
try:
    echo_after = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
except termios.error:
    pass
text = out.decode("utf-8", "replace")
ok = (os.waitstatus_to_exitcode(status) == 0 and secret not in text and not echo_during)
print("exit %d, echo while typing %s, secret shown %s" %
      (os.waitstatus_to_exitcode(status), echo_during, secret in text))
sys.exit(0 if ok else 1)
PY
if python3 "$W/secret-prompt.py" "$CLI" "tty-secret-$$-value" >"$W/tty.out" 2>&1 &&
   [ "$(G_MESSAGES_DEBUG= secret-tool lookup client-id tty-app 2>/dev/null)" = "tty-secret-$$-value" ]; then
  ok "on a terminal, app set reads the secret without echoing it"
else
  not_ok "on a terminal, app set reads the secret without echoing it" "$W/tty.out"
fi

# 15. no early return leaks the main loop: LeakSanitizer, in the AddressSanitizer build
if [ "$asan" = 1 ]; then
  leaky=
  for args in "account" "whoami" "account --account nobody" "login --paper --live" \
              "login --scope everything" "app set --client-id leak-app" "logout --account nobody"; do
    # shellcheck disable=SC2086
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1" "$CLI" $args </dev/null \
      >/dev/null 2>"$W/leak.err"
    if grep -q "LeakSanitizer" "$W/leak.err"; then
      leaky="$leaky; $args"
      cp "$W/leak.err" "$W/leak-report.err"
    fi
  done
  if [ -z "$leaky" ]; then
    ok "no early return leaks memory (LeakSanitizer)"
  else
    not_ok "no early return leaks memory (LeakSanitizer):$leaky" "$W/leak-report.err"
  fi
fi

exit $((failed > 0))
