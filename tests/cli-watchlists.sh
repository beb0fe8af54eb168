#!/bin/bash
# cli-watchlists.sh: paddock-cli watchlists end to end, run inside keyring-env.sh (a private
# bus with a real, unlocked gnome-keyring-daemon) against the real paddock-sandbox program.
# The tokens come from the sandbox's own OAuth flow (played here without a browser: the
# redirect is read, never followed), once with every scope and once without account:write,
# and go into the keyring as Paddock's item. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox
SCHEMA=io.github.paddockapp.Paddock.Token

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-watchlists.XXXXXX")
SANDBOX_PID=
cleanup() {
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
  for f in "$@"; do [ -f "$f" ] && LC_ALL=C cat -v "$f" | sed 's/^/# /' | tail -n 20; done
}

store_item() { # store_item ACCOUNT-ID LABEL (secret on stdin); replaces the account's item
  G_MESSAGES_DEBUG= secret-tool store --label="$2" xdg:schema "$SCHEMA" environment paper \
    account-id "$1" schema-version 1
}

export G_DEBUG=gc-friendly

"$SANDBOX" --port 0 --seed 12 --rate-limit 100000 --tick-ms 0 \
  >"$W/sandbox.out" 2>"$W/sandbox.err" &
SANDBOX_PID=$!
for _ in $(seq 100); do
  [ -s "$W/sandbox.out" ] && break
  sleep 0.1
done
head -n 1 "$W/sandbox.out" >"$W/sandbox.json"
json_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/sandbox.json" 2>/dev/null; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
# every address the CLI could use is the sandbox's, on loopback
export PADDOCK_AUTHORIZE_URL=$(json_get "$W/sandbox.json" authorize_url)
export PADDOCK_LIVE_URL=$(json_get "$W/sandbox.json" live_url)
export PADDOCK_PAPER_URL=$(json_get "$W/sandbox.json" paper_url)
export PADDOCK_DATA_URL=$(json_get "$W/sandbox.json" data_url)
export PADDOCK_POLYGON_URL=$(json_get "$W/sandbox.json" polygon_url)
export PADDOCK_CLIENT_ID=$(json_get "$W/sandbox.json" client_id)
export PADDOCK_CLIENT_SECRET=$(json_get "$W/sandbox.json" client_secret)

echo "1..13"

# The helper speaks to the sandbox (loopback only); the token stays in files.
cat >"$W/helper.py" <<'PY'
import hashlib, base64, json, os, re, sys, urllib.error, urllib.parse, urllib.request
W = sys.argv[1]
cmd = sys.argv[2]
conf = json.load(open(os.path.join(W, "sandbox.json")))
paper = conf["paper_url"]

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
opener = urllib.request.build_opener(NoRedirect)

def token():
    return open(os.path.join(W, "token")).read()

def get(path):
    req = urllib.request.Request(paper + path, headers={"Authorization": "Bearer " + token()})
    return json.load(urllib.request.urlopen(req))

def symbols(wl):
    return [a["symbol"] for a in wl.get("assets", [])]

if cmd == "login":
    scope = sys.argv[3]
    redirect = "http://127.0.0.1:48721/callback"
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                                "redirect_uri": redirect, "state": "s1", "env": "paper",
                                "scope": scope,
                                "code_challenge": challenge, "code_challenge_method": "S256"})
    page = urllib.request.urlopen(conf["authorize_url"] + "?" + q).read().decode()
    request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
    try:
        opener.open(urllib.request.Request(conf["authorize_url"], data=form))
        sys.exit("no redirect")
    except urllib.error.HTTPError as e:
        location = e.headers["Location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                   "client_id": conf["client_id"],
                                   "client_secret": conf["client_secret"],
                                   "redirect_uri": redirect, "code_verifier": verifier}).encode()
    reply = json.load(urllib.request.urlopen(urllib.request.Request(conf["live_url"] + "/oauth/token",
                                                                     data=form)))
    if reply["scope"] != scope:
        sys.exit("granted %r, not %r" % (reply["scope"], scope))
    fd = os.open(os.path.join(W, "token"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, reply["access_token"].encode())
    os.close(fd)
    account = get("/v2/account")
    print(account["id"], account["account_number"])
elif cmd == "item":
    sys.stdout.write(json.dumps({"access_token": token()}))
elif cmd == "check":
    # check FILE ID NAME SYMBOLS: the CLI's --json object is the server's watchlist
    mine = json.load(open(sys.argv[3]))
    theirs = get("/v2/watchlists/" + sys.argv[4])
    want = sys.argv[6].split(",") if sys.argv[6] else []
    for wl in (mine, theirs):
        if wl["id"] != sys.argv[4] or wl["name"] != sys.argv[5] or symbols(wl) != want:
            sys.exit("not %s %r %r: %r" % (sys.argv[4], sys.argv[5], want, wl))
    if mine["account_id"] != theirs["account_id"]:
        sys.exit("account_id differs")
    for a, b in zip(mine["assets"], theirs["assets"]):
        for k in ("id", "symbol", "name", "exchange", "class", "tradable"):
            if a[k] != b[k]:
                sys.exit("asset %s differs: %r %r" % (k, a[k], b[k]))
elif cmd == "id":
    print(json.load(open(sys.argv[3]))["id"])
elif cmd == "list":
    # list FILE: the CLI's list is the server's (ids and names, in order)
    mine = [(w["id"], w["name"]) for w in json.load(open(sys.argv[3]))]
    theirs = [(w["id"], w["name"]) for w in get("/v2/watchlists")]
    print(len(mine))
    sys.exit(0 if mine == theirs else 1)
elif cmd == "symbols":
    print(",".join(symbols(get("/v2/watchlists/" + sys.argv[3]))))
elif cmd == "count":
    print(len(get("/v2/watchlists")))
PY
helper() { python3 "$W/helper.py" "$W" "$@"; }

sign_in() { # sign_in SCOPE: a token with exactly SCOPE replaces the keyring item
  local id number
  if read -r id number < <(helper login "$1" 2>"$W/login.err") && [ -n "$number" ]; then
    helper item | store_item "$id" "Paddock token for paper account $number"
  else
    return 1
  fi
}

# 1. signed in with every scope
if sign_in "account:write trading data"; then
  ok "a token with account:write from the sandbox's OAuth flow is in the keyring"
else
  not_ok "a token with account:write is in the keyring" "$W/login.err" "$W/sandbox.err"
fi

# 2. create with symbols, --json: the server has it, as printed
"$CLI" watchlists create Tech AAPL MSFT --json >"$W/create.json" 2>"$W/create.err"
rc=$?
ID=$(helper id "$W/create.json" 2>/dev/null)
if [ $rc -eq 0 ] && [ -n "$ID" ] && helper check "$W/create.json" "$ID" Tech AAPL,MSFT 2>"$W/create.check"; then
  ok "watchlists create NAME SYMBOL... --json makes it and prints the server's object"
else
  not_ok "watchlists create NAME SYMBOL... --json (rc $rc)" "$W/create.err" "$W/create.check"
fi
"$CLI" watchlists create Empty --json >"$W/empty.json" 2>"$W/empty.err"
EMPTY_ID=$(helper id "$W/empty.json" 2>/dev/null)

# 3. list --json is the server's list; without a subcommand, a table for people
"$CLI" watchlists list --json >"$W/list.json" 2>"$W/list.err"
rc1=$?
"$CLI" watchlists >"$W/list.txt" 2>"$W/list-txt.err"
rc2=$?
if [ $rc1 -eq 0 ] && [ "$(helper list "$W/list.json" 2>&1)" = 2 ] && [ $rc2 -eq 0 ] &&
   head -n 1 "$W/list.txt" | grep -q '^NAME  *ID  *UPDATED' && grep -q "^Tech  *$ID" "$W/list.txt"; then
  ok "watchlists list --json is the server's list; plain watchlists is a table"
else
  not_ok "watchlists list (rc $rc1 $rc2)" "$W/list.json" "$W/list.err" "$W/list.txt"
fi

# 4. add
"$CLI" watchlists add "$ID" TSLA --json >"$W/add.json" 2>"$W/add.err"
rc=$?
if [ $rc -eq 0 ] && helper check "$W/add.json" "$ID" Tech AAPL,MSFT,TSLA 2>"$W/add.check"; then
  ok "watchlists add ID SYMBOL appends it"
else
  not_ok "watchlists add ID SYMBOL (rc $rc)" "$W/add.err" "$W/add.check"
fi

# 5. remove, for people
LC_ALL=C.UTF-8 "$CLI" watchlists remove "$ID" MSFT >"$W/remove.txt" 2>"$W/remove.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(helper symbols "$ID")" = AAPL,TSLA ] && grep -q '^Name  *Tech$' "$W/remove.txt" &&
   grep -q '^AAPL ' "$W/remove.txt" && ! grep -q '^MSFT ' "$W/remove.txt"; then
  ok "watchlists remove ID SYMBOL removes it and prints what is left"
else
  not_ok "watchlists remove ID SYMBOL (rc $rc)" "$W/remove.txt" "$W/remove.err"
fi

# 6. rename keeps the symbols
"$CLI" watchlists rename "$ID" "Cars & phones" --json >"$W/rename.json" 2>"$W/rename.err"
rc=$?
if [ $rc -eq 0 ] && helper check "$W/rename.json" "$ID" "Cars & phones" AAPL,TSLA 2>"$W/rename.check"; then
  ok "watchlists rename ID NAME renames it and keeps its symbols"
else
  not_ok "watchlists rename ID NAME (rc $rc)" "$W/rename.err" "$W/rename.check"
fi

# 7. show: --json is the server's object; for people, each symbol with its price
"$CLI" watchlists show "$ID" --json >"$W/show.json" 2>"$W/show.err"
rc1=$?
LC_ALL=C.UTF-8 "$CLI" watchlists show "$ID" >"$W/show.txt" 2>"$W/show-txt.err"
rc2=$?
if [ $rc1 -eq 0 ] && helper check "$W/show.json" "$ID" "Cars & phones" AAPL,TSLA 2>"$W/show.check" &&
   [ $rc2 -eq 0 ] && grep -q '^SYMBOL  *NAME  *EXCHANGE  *PRICE  *TODAY' "$W/show.txt" &&
   grep -Eq '^AAPL .*\$[0-9,]+\.[0-9]{2}  +[+−-]\$[0-9,]+\.[0-9]{2} \([+−-]?[0-9]+\.[0-9]{2} %\)$' "$W/show.txt" &&
   grep -Eq '^TSLA .*\$[0-9]' "$W/show.txt"; then
  ok "watchlists show ID: --json is the server's object; people see prices and today's change"
else
  not_ok "watchlists show ID (rc $rc1 $rc2)" "$W/show.check" "$W/show.err" "$W/show.txt" "$W/show-txt.err"
fi

# 8. bad usage and input refused before sending: exit 2
"$CLI" watchlists add "$ID" >"$W/u1.out" 2>"$W/u1.err"; rc1=$?
"$CLI" watchlists frobnicate >"$W/u2.out" 2>"$W/u2.err"; rc2=$?
"$CLI" watchlists create "" >"$W/u3.out" 2>"$W/u3.err"; rc3=$?
"$CLI" watchlists add "$ID" "A/B" >"$W/u4.out" 2>"$W/u4.err"; rc4=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] && [ $rc4 -eq 2 ] &&
   [ "$(helper symbols "$ID")" = AAPL,TSLA ]; then
  ok "missing arguments, an unknown subcommand, an empty name or a bad symbol: exit 2"
else
  not_ok "bad usage is exit 2 ($rc1 $rc2 $rc3 $rc4)" "$W/u1.err" "$W/u2.err" "$W/u3.err" "$W/u4.err"
fi

# 9. what the broker refuses: exit 1 with its message
"$CLI" watchlists show 00000000-0000-4000-8000-000000000000 >"$W/nf.out" 2>"$W/nf.err"; rc1=$?
"$CLI" watchlists add "$ID" NOSUCH >"$W/ns.out" 2>"$W/ns.err"; rc2=$?
"$CLI" watchlists create Empty >"$W/dup.out" 2>"$W/dup.err"; rc3=$?
if [ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && [ $rc3 -eq 1 ] && grep -q 'not found' "$W/nf.err" &&
   grep -q 'already exists' "$W/dup.err"; then
  ok "an unknown watchlist, an unknown symbol or a name in use: exit 1 with the broker's message"
else
  not_ok "refusals are exit 1 ($rc1 $rc2 $rc3)" "$W/nf.err" "$W/ns.err" "$W/dup.err"
fi

# 10. signed in again without account:write: reads still work
if sign_in "trading data" && "$CLI" watchlists list --json >"$W/ro-list.json" 2>"$W/ro-list.err" &&
   [ "$(helper list "$W/ro-list.json" 2>&1)" = 2 ]; then
  ok "signed in without account:write, watchlists list still works"
else
  not_ok "signed in without account:write, watchlists list still works" "$W/login.err" "$W/ro-list.err"
fi

# 11. …but every change is explained as the missing permission, exit 3, nothing changed
all3=1
for args in "create Other AAPL" "add $ID NVDA" "remove $ID AAPL" "rename $ID Renamed" "delete $EMPTY_ID"; do
  # shellcheck disable=SC2086
  "$CLI" watchlists $args >"$W/scope.out" 2>"$W/scope.err"
  rc=$?
  if [ $rc -ne 3 ] || ! grep -q 'permission' "$W/scope.err" || ! grep -q 'paddock-cli login' "$W/scope.err"; then
    all3=0
    echo "# watchlists $args: rc $rc"
    sed 's/^/# /' "$W/scope.err"
  fi
done
if [ $all3 -eq 1 ] && [ "$(helper symbols "$ID")" = AAPL,TSLA ] && [ "$(helper count)" = 2 ]; then
  ok "without account:write every change says to sign in again with the permission (exit 3)"
else
  not_ok "without account:write every change says to sign in again (exit 3)"
fi

# 12. signed in again with it: the change goes through
if sign_in "account:write trading data" &&
   "$CLI" watchlists delete "$ID" --json >"$W/delete.json" 2>"$W/delete.err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d=={"id":sys.argv[2],"deleted":True} else 1)' "$W/delete.json" "$ID" &&
   [ "$(helper count)" = 1 ]; then
  ok "signed in again with account:write, watchlists delete --json deletes it"
else
  not_ok "signed in again with account:write, delete deletes it" "$W/login.err" "$W/delete.err" "$W/delete.json"
fi

# 13. people: delete says so
LC_ALL=C.UTF-8 "$CLI" watchlists delete "$EMPTY_ID" >"$W/delete.txt" 2>"$W/delete-txt.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "Deleted the watchlist $EMPTY_ID" "$W/delete.txt" && [ "$(helper count)" = 0 ]; then
  ok "watchlists delete ID for people"
else
  not_ok "watchlists delete ID for people (rc $rc)" "$W/delete.txt" "$W/delete-txt.err"
fi

[ $failed -eq 0 ]
