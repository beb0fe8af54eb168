#!/bin/bash
# cli-orders.sh: paddock-cli order and position commands against the real paddock-sandbox
# program, run inside keyring-env.sh (a private bus with a real, unlocked
# gnome-keyring-daemon). The sign-in approves the sandbox's consent page with plain HTTP
# (no browser). The point: an order whose reply is lost is placed exactly once, and a
# request refused by the CLI's checks sends nothing. Prints TAP.
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

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-orders.XXXXXX")
SANDBOX_PID=
LOGIN_PID=
cleanup() {
  [ -n "$LOGIN_PID" ] && kill "$LOGIN_PID" 2>/dev/null && wait "$LOGIN_PID" 2>/dev/null
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

json_get() { # json_get FILE KEY → value of a top-level member
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

export G_DEBUG=gc-friendly

# --- the sandbox -----------------------------------------------------------------------
if ! start_sandbox "$W" --seed 7; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
BASE=${PADDOCK_AUTHORIZE_URL%/oauth/authorize}

control() { # control METHOD PATH [JSON]
  curl -s -o /dev/null -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$BASE$2"
}
fault() { # fault METHOD PATH KIND PARAM COUNT
  [ "$(control POST /_sandbox/faults "{\"method\":\"$1\",\"path\":\"$2\",\"kind\":\"$3\",\"param\":$4,\"count\":$5}")" = 200 ]
}
# orders_with ID: how many of the paper account's orders carry client_order_id ID
orders_with() {
  curl -s -H "Authorization: Bearer $TOKEN" "$PADDOCK_PAPER_URL/v2/orders?status=all&limit=500" |
    python3 -c 'import json,sys; print(sum(1 for o in json.load(sys.stdin) if o["client_order_id"] == sys.argv[1]))' "$1"
}
order_count() {
  curl -s -H "Authorization: Bearer $TOKEN" "$PADDOCK_PAPER_URL/v2/orders?status=all&limit=500" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

echo "1..12"

# --- 1. sign in: the consent page approved over plain HTTP ----------------------------------
mkfifo "$W/login.in"
"$CLI" login --paper --no-browser --timeout 60 <"$W/login.in" >"$W/login.out" 2>"$W/login.err" &
LOGIN_PID=$!
exec 3>"$W/login.in"
for _ in $(seq 100); do
  grep -q 'oauth/authorize?' "$W/login.out" 2>/dev/null && break
  sleep 0.1
done
python3 - "$(grep -o 'http://127\.0\.0\.1:[0-9]*/oauth/authorize?[^ ]*' "$W/login.out" | head -n 1)" \
  >"$W/consent.log" 2>&1 <<'PY'
import re, sys, urllib.parse, urllib.request
url = sys.argv[1]
page = urllib.request.urlopen(url, timeout=20).read().decode()
request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
opener = urllib.request.build_opener(NoRedirect)
action = urllib.parse.urljoin(url, "/oauth/authorize")
data = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
try:
    opener.open(urllib.request.Request(action, data=data), timeout=20)
    sys.exit("no redirect")
except urllib.error.HTTPError as e:
    location = e.headers["Location"]
assert location.startswith("http://127.0.0.1:"), "redirect elsewhere"
urllib.request.urlopen(location, timeout=20).read()
PY
wait "$LOGIN_PID"
rc=$?
LOGIN_PID=
exec 3>&-
if [ $rc -eq 0 ] && grep -q "Signed in to the paper account" "$W/login.out"; then
  ok "login signs in to the paper account"
else
  not_ok "login signs in to the paper account (rc $rc)" "$W/login.out" "$W/login.err" "$W/consent.log"
  exit 1
fi
TOKEN=$(G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment paper |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
control POST /_sandbox/price '{"symbol":"AAPL","price":"200.00"}' >/dev/null

# --- 2. a request the checks refuse: exit 2, nothing sent --------------------------------
# The fault below drops the reply of the next POST /v2/orders: if the refused request had
# been sent, it would have used it up and the submit in 3 would not report a lost reply.
fault POST /paper/v2/orders drop_after_commit 0 1
before=$(order_count)
"$CLI" order submit --symbol AAPL --side buy --type limit --qty 1 --tif day \
  --client-order-id cli-refused >"$W/refused.out" 2>"$W/refused.err"
rc=$?
if [ $rc -eq 2 ] && grep -q -- "--limit-price" "$W/refused.err" && [ "$(order_count)" = "$before" ] &&
   [ "$(orders_with cli-refused)" = 0 ]; then
  ok "a limit order without a limit price exits 2 and names --limit-price"
else
  not_ok "a limit order without a limit price exits 2 and names --limit-price (rc $rc)" "$W/refused.out" "$W/refused.err"
fi
"$CLI" order submit --symbol AAPL --side buy --type market --qty 1e3 >"$W/refused2.out" 2>"$W/refused2.err"
rc=$?
if [ $rc -eq 2 ] && grep -q -- "--qty" "$W/refused2.err" && [ "$(order_count)" = "$before" ]; then
  ok "a quantity that is not decimal text exits 2 and names --qty"
else
  not_ok "a quantity that is not decimal text exits 2 and names --qty (rc $rc)" "$W/refused2.out" "$W/refused2.err"
fi

# --- 3. the reply lost after the order was committed: placed once, exit 0 ----------------
"$CLI" --json order submit --symbol AAPL --side buy --type limit --qty 3 --limit-price 150.25 \
  --tif gtc --client-order-id cli-dup-1 >"$W/dup.out" 2>"$W/dup.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "reply was lost" "$W/dup.err" && [ "$(orders_with cli-dup-1)" = 1 ] &&
   [ "$(json_get "$W/dup.out" client_order_id)" = cli-dup-1 ] &&
   [ "$(json_get "$W/dup.out" limit_price)" = 150.25 ] &&
   [ "$(json_get "$W/dup.out" qty)" = 3 ]; then
  ok "a lost reply: the order is printed, said to be placed, and exists exactly once"
else
  not_ok "a lost reply: the order is printed, said to be placed, and exists exactly once (rc $rc)" "$W/dup.out" "$W/dup.err"
fi
ORDER_ID=$(json_get "$W/dup.out" id 2>/dev/null)

# --- 4. a 503 before anything was done: NOT placed, exit 1 ---------------------------------
fault POST /paper/v2/orders status 503 1
"$CLI" order submit --symbol AAPL --side buy --type market --qty 1 --client-order-id cli-503 \
  >"$W/503.out" 2>"$W/503.err"
rc=$?
if [ $rc -eq 1 ] && grep -q "not placed" "$W/503.err" && [ "$(orders_with cli-503)" = 0 ]; then
  ok "a 503 is reported as not placed, and no order exists"
else
  not_ok "a 503 is reported as not placed, and no order exists (rc $rc)" "$W/503.out" "$W/503.err"
fi

# --- 5. the reply lost and the lookup failing: outcome unknown, exit 1 ------------------
fault POST /paper/v2/orders drop_after_commit 0 1
fault GET /paper/v2/orders:by_client_order_id status 503 -1
"$CLI" order submit --symbol AAPL --side buy --type market --qty 1 --client-order-id cli-unknown \
  >"$W/unknown.out" 2>"$W/unknown.err"
rc=$?
control DELETE /_sandbox/faults >/dev/null
if [ $rc -eq 1 ] && grep -q "Orders page" "$W/unknown.err" && [ "$(orders_with cli-unknown)" = 1 ]; then
  ok "a lost reply that cannot be looked up exits 1 and says to check the orders"
else
  not_ok "a lost reply that cannot be looked up exits 1 and says to check the orders (rc $rc)" "$W/unknown.out" "$W/unknown.err"
fi

# --- 6. replace, get, cancel -------------------------------------------------------------
"$CLI" --json order replace "$ORDER_ID" --limit-price 151 --client-order-id cli-new \
  >"$W/replace.out" 2>"$W/replace.err"
rc=$?
"$CLI" --json order get "$ORDER_ID" >"$W/old.out" 2>"$W/old.err"
if [ $rc -eq 0 ] && [ "$(json_get "$W/replace.out" replaces)" = "$ORDER_ID" ] &&
   [ "$(json_get "$W/old.out" status)" = replaced ]; then
  ok "order replace makes a new order that replaces the old one"
else
  not_ok "order replace makes a new order that replaces the old one (rc $rc)" "$W/replace.out" "$W/replace.err" "$W/old.out"
fi
NEW_ID=$(json_get "$W/replace.out" id 2>/dev/null)
"$CLI" order cancel "$NEW_ID" >"$W/cancel.out" 2>"$W/cancel.err"
rc=$?
"$CLI" --json order get "$NEW_ID" >"$W/canceled.out" 2>"$W/canceled.err"
if [ $rc -eq 0 ] && [ "$(json_get "$W/canceled.out" status)" = canceled ]; then
  ok "order cancel cancels the order"
else
  not_ok "order cancel cancels the order (rc $rc)" "$W/cancel.out" "$W/cancel.err" "$W/canceled.out"
fi

# --- 7. position close, part of it -------------------------------------------------------
"$CLI" --json position close AAPL --qty 1 >"$W/close.out" 2>"$W/close.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(json_get "$W/close.out" side)" = sell ] && [ "$(json_get "$W/close.out" qty)" = 1 ]; then
  ok "position close --qty sells that many shares"
else
  not_ok "position close --qty sells that many shares (rc $rc)" "$W/close.out" "$W/close.err"
fi

# --- 8. an order for people ------------------------------------------------------------
"$CLI" order get "$ORDER_ID" >"$W/get.out" 2>"$W/get.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^Order ID *$ORDER_ID" "$W/get.out" && grep -q "^Client ID *cli-dup-1" "$W/get.out" &&
   grep -q "^Limit price *\$150.25" "$W/get.out" && grep -q "^Status *replaced" "$W/get.out"; then
  ok "order get shows the order's rows"
else
  not_ok "order get shows the order's rows (rc $rc)" "$W/get.out" "$W/get.err"
fi

# --- 9. numbers in a German locale: still "12.50", as scripts write them -----------------
# (de_DE.UTF-8 compiled into $W, as test-format does for en_US, when the machine lacks it)
de_env=()
if locale -a 2>/dev/null | grep -qix 'de_DE.utf-\?8'; then
  de_env=(LC_ALL=de_DE.UTF-8)
elif mkdir -p "$W/locales" &&
     localedef -i de_DE -f UTF-8 "$W/locales/de_DE.UTF-8" >/dev/null 2>&1; then
  de_env=(LOCPATH="$W/locales" LC_ALL=de_DE.UTF-8)
fi
if [ ${#de_env[@]} -eq 0 ] ||
   [ "$(env "${de_env[@]}" python3 -c 'import locale; locale.setlocale(locale.LC_ALL, ""); print(locale.localeconv()["decimal_point"])')" != "," ]; then
  # (build-aux/install-deps.sh installs the locales package: without it this is a failure)
  not_ok "in a German locale --limit-price 1,50 is refused and the example is 12.50 (no de_DE locale: localedef -i de_DE failed)"
  not_ok "in a German locale --limit-price 150.5 is 150.5 (no de_DE locale)"
else
  before=$(order_count)
  env "${de_env[@]}" "$CLI" order submit --symbol AAPL --side buy --type limit --qty 1 \
    --limit-price 1,50 --client-order-id cli-de-comma >"$W/de-comma.out" 2>"$W/de-comma.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -- "--limit-price" "$W/de-comma.err" && grep -q "12\.50" "$W/de-comma.err" &&
     ! grep -q "12,50" "$W/de-comma.err" && [ "$(order_count)" = "$before" ]; then
    ok "in a German locale --limit-price 1,50 is refused and the example is 12.50"
  else
    not_ok "in a German locale --limit-price 1,50 is refused and the example is 12.50 (rc $rc)" "$W/de-comma.out" "$W/de-comma.err"
  fi
  env "${de_env[@]}" "$CLI" --json order submit --symbol AAPL --side buy --type limit --qty 1 \
    --limit-price 150.5 --tif day --client-order-id cli-de-point >"$W/de-point.out" 2>"$W/de-point.err"
  rc=$?
  if [ $rc -eq 0 ] && [ "$(json_get "$W/de-point.out" client_order_id)" = cli-de-point ] &&
     python3 -c 'import json,sys; from decimal import Decimal; sys.exit(Decimal(json.load(open(sys.argv[1]))["limit_price"]) != Decimal("150.5"))' "$W/de-point.out"; then
    ok "in a German locale --limit-price 150.5 is 150.5"
  else
    not_ok "in a German locale --limit-price 150.5 is 150.5 (rc $rc)" "$W/de-point.out" "$W/de-point.err"
  fi
fi

[ $failed -eq 0 ]
