#!/bin/bash
# cli-lists.sh: paddock-cli positions, orders and activity end to end, run inside
# keyring-env.sh (a private bus with a real, unlocked gnome-keyring-daemon) against the real
# paddock-sandbox program with its demo history and 10,000 seeded orders. The token comes
# from the sandbox's own OAuth flow (played here without a browser: the redirect is read,
# never followed) and goes into the keyring as Paddock's item. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/sandbox-program.sh"

SCHEMA=io.github.paddockapp.Paddock.Token
sandbox_test_setup cli-lists

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  for f in "$@"; do [ -f "$f" ] && LC_ALL=C cat -v "$f" | sed 's/^/# /' | tail -n 20; done
}

store_item() { # store_item ACCOUNT-ID LABEL (secret on stdin)
  G_MESSAGES_DEBUG= secret-tool store --label="$2" xdg:schema "$SCHEMA" environment paper \
    account-id "$1" schema-version 1
}

export G_DEBUG=gc-friendly

# a still market (--tick-ms 0): the positions read by the CLI and by curl must agree
# every address the CLI could use is the sandbox's, on loopback
if ! start_sandbox "$W" --seed 11 --demo-history --rate-limit 100000 --tick-ms 0; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi

echo "1..10"

# The helper speaks to the sandbox (loopback only); the token stays in files.
cat >"$W/helper.py" <<'PY'
import json, os, sys, urllib.request
W = sys.argv[1]
cmd = sys.argv[2]
conf = json.load(open(os.path.join(W, "sandbox.json")))
paper = conf["paper_url"]
base = conf["authorize_url"].rsplit("/oauth/authorize", 1)[0]

def token():
    return open(os.path.join(W, "token")).read()

def get(path):
    req = urllib.request.Request(paper + path, headers={"Authorization": "Bearer " + token()})
    return json.load(urllib.request.urlopen(req))

def post(url, body, auth=True):
    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = "Bearer " + token()
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    return json.load(urllib.request.urlopen(req))

if cmd == "item":
    sys.stdout.write(json.dumps({"access_token": token()}))
elif cmd == "seed":
    print(post(base + "/_sandbox/seed_orders",
               {"count": 10000, "symbol": "AAPL", "environment": "paper"}, auth=False)["count"])
elif cmd == "orders":
    # the server's own list, newest first, paged by before_order_id
    ids = []
    while True:
        q = "?status=all&limit=500&direction=desc&nested=true"
        if ids:
            q += "&before_order_id=" + ids[-1]
        page = get("/v2/orders" + q)
        ids += [o["id"] for o in page]
        if len(page) < 500:
            break
    mine = [o["id"] for o in json.load(open(sys.argv[3]))]
    print(len(mine), len(set(mine)), len(ids))
    sys.exit(0 if mine == ids and len(set(mine)) == len(mine) else 1)
elif cmd == "positions":
    mine = json.load(open(sys.argv[3]))
    theirs = get("/v2/positions")
    sys.exit(0 if mine == theirs and len(mine) > 0 else 1)
elif cmd == "activities":
    items = []
    types = sys.argv[4] if len(sys.argv) > 4 else None
    while True:
        q = "?page_size=100"
        if types:
            q += "&activity_types=" + types
        if items:
            q += "&page_token=" + items[-1]["id"]
        page = get("/v2/account/activities" + q)
        items += page
        if len(page) < 100:
            break
    mine = json.load(open(sys.argv[3]))
    print(len(mine), len(items))
    sys.exit(0 if mine == items and len(items) > 100 or (types and mine == items) else 1)
elif cmd == "limit":
    mine = json.load(open(sys.argv[3]))
    sys.exit(0 if len(mine) == int(sys.argv[4]) else 1)
PY
helper() { python3 "$W/helper.py" "$W" "$@"; }

# an older sign-in whose token the server does not know, then the real one
printf '%s' '{"access_token":"tok-unknown-to-the-server"}' |
  store_item acct-older "Paddock token for paper account PAOLDER"
sleep 1.1   # the keyring's creation times are in seconds
if read -r ACCOUNT_ID ACCOUNT_NUMBER < <(python3 "$(dirname "$0")/sandbox-login.py" "$W/sandbox.json" paper "$W/token" \
                                  2>"$W/login.err") && [ -n "$ACCOUNT_NUMBER" ]; then
  helper item | store_item "$ACCOUNT_ID" "Paddock token for paper account $ACCOUNT_NUMBER"
  ok "a token from the sandbox's OAuth flow is in the keyring"
else
  not_ok "a token from the sandbox's OAuth flow is in the keyring" "$W/login.err" "$W/sandbox.err"
fi
if ! helper seed >/dev/null 2>"$W/seed.err"; then
  cat "$W/seed.err" >&2
  exit 1
fi

# 1. orders --all --json: every order exactly once, in the server's order
"$CLI" orders --all --json >"$W/orders.json" 2>"$W/orders.err"
rc=$?
if [ $rc -eq 0 ] && helper orders "$W/orders.json" >"$W/orders.check" 2>&1 &&
   [ "$(awk '{print $1}' "$W/orders.check")" -gt 10000 ]; then
  ok "orders --all --json lists every order exactly once, newest first ($(cat "$W/orders.check"))"
else
  not_ok "orders --all --json lists every order exactly once (rc $rc)" "$W/orders.err" "$W/orders.check"
fi

# 2. with several accounts, the one signed in last, said on stderr
if grep -q "Using the paper account $ACCOUNT_NUMBER" "$W/orders.err"; then
  ok "with two accounts signed in, the one signed in last is used and named on stderr"
else
  not_ok "with two accounts signed in, the one signed in last is used and named on stderr" "$W/orders.err"
fi

# 3. --account picks the other one (whose token the server refuses: exit 3)
"$CLI" orders --account PAOLDER >"$W/older.out" 2>"$W/older.err"
rc=$?
if [ $rc -eq 3 ] && grep -q "Using the paper account PAOLDER" "$W/older.err"; then
  ok "--account chooses the other account"
else
  not_ok "--account chooses the other account (rc $rc)" "$W/older.out" "$W/older.err"
fi

# 4. positions --json is the server's list
"$CLI" positions --json >"$W/positions.json" 2>"$W/positions.err"
rc=$?
if [ $rc -eq 0 ] && helper positions "$W/positions.json" 2>"$W/positions.check"; then
  ok "positions --json is the sandbox's /v2/positions"
else
  not_ok "positions --json is the sandbox's /v2/positions (rc $rc)" "$W/positions.err" "$W/positions.check"
fi

# 5. activity --all --json is the server's full list
"$CLI" activity --all --json >"$W/activity.json" 2>"$W/activity.err"
rc=$?
if [ $rc -eq 0 ] && helper activities "$W/activity.json" >"$W/activity.check" 2>&1; then
  ok "activity --all --json is the sandbox's full list ($(cat "$W/activity.check"))"
else
  not_ok "activity --all --json is the sandbox's full list (rc $rc)" "$W/activity.err" "$W/activity.check"
fi

# 6. activity --type: only those types, all of them
"$CLI" activity --type DIV --type FILL --all --json >"$W/typed.json" 2>"$W/typed.err"
rc=$?
if [ $rc -eq 0 ] && helper activities "$W/typed.json" DIV,FILL >"$W/typed.check" 2>&1; then
  ok "activity --type DIV --type FILL lists exactly those ($(cat "$W/typed.check"))"
else
  not_ok "activity --type DIV --type FILL lists exactly those (rc $rc)" "$W/typed.err" "$W/typed.check"
fi

# 7. --limit
"$CLI" orders --limit 7 --json >"$W/limit.json" 2>"$W/limit.err"
rc=$?
if [ $rc -eq 0 ] && helper limit "$W/limit.json" 7; then
  ok "orders --limit 7 lists 7"
else
  not_ok "orders --limit 7 lists 7 (rc $rc)" "$W/limit.err"
fi

# 8. for people: aligned columns, money and quantities formatted
LC_ALL=C.UTF-8 "$CLI" positions >"$W/positions.txt" 2>"$W/positions-txt.err"
rc=$?
if [ $rc -eq 0 ] && head -n 1 "$W/positions.txt" | grep -q '^SYMBOL  *SIDE  *QTY' &&
   grep -q '\$' "$W/positions.txt" &&
   python3 -c 'import sys; sys.exit(len({len(l) for l in open(sys.argv[1], encoding="utf-8")}) != 1)' "$W/positions.txt" &&
   ! grep -q '\.000' "$W/positions.txt"; then
  ok "positions for people: aligned columns, money, quantities without trailing zeros"
else
  not_ok "positions for people (rc $rc)" "$W/positions.txt" "$W/positions-txt.err"
fi

# 9. bad usage
"$CLI" orders --status sideways >"$W/bad.out" 2>"$W/bad.err"
rc1=$?
"$CLI" orders --limit 5 --all >"$W/bad2.out" 2>"$W/bad2.err"
rc2=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ]; then
  ok "a wrong --status, or --limit with --all, is bad usage"
else
  not_ok "a wrong --status, or --limit with --all, is bad usage ($rc1 $rc2)" "$W/bad.err" "$W/bad2.err"
fi

[ $failed -eq 0 ]
