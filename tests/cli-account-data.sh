#!/bin/bash
# cli-account-data.sh: paddock-cli clock, asset, search, history and config end to end,
# run inside keyring-env.sh (a private bus with a real, unlocked gnome-keyring-daemon)
# against the real paddock-sandbox program with its demo history. The token comes from the
# sandbox's own OAuth flow (played here without a browser) and goes into the keyring as
# Paddock's item; at the end it is replaced by one without account:write. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox
SCHEMA=io.github.paddockapp.Paddock.Token

. "$(dirname "$0")/tap.sh"

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-account-data.XXXXXX")
SANDBOX_PID=
cleanup() {
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

store_item() { # store_item ACCOUNT-ID LABEL (secret on stdin)
  G_MESSAGES_DEBUG= secret-tool store --label="$2" xdg:schema "$SCHEMA" environment paper \
    account-id "$1" schema-version 1
}

export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8

# a still market (--tick-ms 0): the figures read by the CLI and by the helper must agree
"$SANDBOX" --port 0 --seed 5 --demo-history --rate-limit 100000 --tick-ms 0 \
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

echo "1..15"

# The helper speaks to the sandbox (loopback only); the tokens stay in files.
cat >"$W/helper.py" <<'PY'
import base64, datetime, hashlib, json, os, re, sys, urllib.error, urllib.parse, urllib.request
W = sys.argv[1]
cmd = sys.argv[2]
conf = json.load(open(os.path.join(W, "sandbox.json")))
paper = conf["paper_url"]
base = conf["authorize_url"].rsplit("/oauth/authorize", 1)[0]

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
opener = urllib.request.build_opener(NoRedirect)

def token(name="token"):
    return open(os.path.join(W, name)).read()

def get(path):
    req = urllib.request.Request(paper + path, headers={"Authorization": "Bearer " + token()})
    return json.load(urllib.request.urlopen(req))

def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req).read()

def mine(i=3):
    return json.load(open(sys.argv[i]))

def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))

def is_decimal_text(v):
    return isinstance(v, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v) is not None

if cmd == "login":
    out, scope = sys.argv[3], sys.argv[4]
    redirect = "http://127.0.0.1:48721/callback"
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                                "redirect_uri": redirect, "state": "s1", "env": "paper",
                                "scope": scope, "code_challenge": challenge,
                                "code_challenge_method": "S256"})
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
    fd = os.open(os.path.join(W, out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, reply["access_token"].encode())
    os.close(fd)
    if out == "token":
        account = get("/v2/account")
        print(account["id"], account["account_number"])
elif cmd == "item":
    sys.stdout.write(json.dumps({"access_token": token(sys.argv[3])}))
elif cmd == "fail-all":
    control("POST", "/_sandbox/faults", {"method": "*", "path": "/paper/v2", "kind": "status",
                                        "param": 500, "count": -1})
elif cmd == "clear-faults":
    control("DELETE", "/_sandbox/faults")
elif cmd == "clock":
    m, theirs = mine(), get("/v2/clock")
    day = theirs["next_close"][:10]
    days = get("/v2/calendar?start=%s&end=%s" % (day, day))
    # the session of the next close: the calendar's day, or none (a weekend)
    session = ({"date": day, "open": days[0]["open"], "close": days[0]["close"],
                "early_close": days[0]["close"] < "16:00"} if days else None)
    ok = (m["is_open"] == theirs["is_open"] and
          instant(m["next_open"]) == instant(theirs["next_open"]) and
          instant(m["next_close"]) == instant(theirs["next_close"]) and
          m["description"] == "Open until %s ET%s" % (
              instant(theirs["next_close"]).strftime("%H:%M"),
              " (early close)" if session and session["early_close"] else "") and
          m["session"] == session)
    sys.exit(0 if ok else 1)
elif cmd == "asset":
    m, theirs = mine(), get("/v2/assets/" + sys.argv[4])
    for k, v in theirs.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if not is_decimal_text(m[k]) or float(m[k]) != v:
                sys.exit("%s: %r is not the decimal text of %r" % (k, m[k], v))
        elif m.get(k) != v:
            sys.exit("%s: %r != %r" % (k, m.get(k), v))
elif cmd == "symbols":
    print(" ".join(a["symbol"] for a in mine()))
elif cmd == "history-format":
    control("POST", "/_sandbox/history_format", {"milliseconds": sys.argv[3] == "ms",
                                                 "leading_gaps": int(sys.argv[4])})
elif cmd == "history":
    m = mine()
    theirs = get("/v2/account/portfolio/history?" + sys.argv[4])
    gaps = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    if theirs["timestamp"] and theirs["timestamp"][0] > 10**11:
        theirs["timestamp"] = [t // 1000 for t in theirs["timestamp"]]
    if m["timestamp"] != theirs["timestamp"] or len(m["timestamp"]) < 20:
        sys.exit("timestamps differ")
    if any(m["equity"][i] is not None for i in range(gaps)) or m["equity"][gaps] is None:
        sys.exit("the gaps are not where the server put them")
    for key in ("equity", "profit_loss", "profit_loss_pct"):
        for a, b in zip(m[key], theirs[key]):
            if b is None:
                if a is not None:
                    sys.exit("%s: a gap became %r" % (key, a))
            elif not is_decimal_text(a) or float(a) != b:
                sys.exit("%s: %r is not the decimal text of %r" % (key, a, b))
    if not is_decimal_text(m["base_value"]) or float(m["base_value"]) != theirs["base_value"]:
        sys.exit("base_value")
    if m["timeframe"] != theirs["timeframe"]:
        sys.exit("timeframe")
elif cmd == "config":
    sys.exit(0 if mine() == get("/v2/account/configurations") else 1)
elif cmd == "config-has":
    theirs = get("/v2/account/configurations")
    want = json.loads(sys.argv[3])
    sys.exit(0 if all(theirs[k] == v for k, v in want.items()) else 1)
PY
helper() { python3 "$W/helper.py" "$W" "$@"; }

if read -r ACCOUNT_ID ACCOUNT_NUMBER < <(helper login token "account:write trading data" 2>"$W/login.err") &&
   [ -n "$ACCOUNT_NUMBER" ] &&
   helper login narrow "trading data" 2>>"$W/login.err"; then
  helper item token | store_item "$ACCOUNT_ID" "Paddock token for paper account $ACCOUNT_NUMBER"
else
  echo "# signing in to the sandbox failed"
  cat "$W/login.err" | sed 's/^/# /'
  exit 1
fi

# 1. clock --json: the sandbox's clock, with the session of the next close
"$CLI" clock --json >"$W/clock.json" 2>"$W/clock.err"
rc=$?
if [ $rc -eq 0 ] && helper clock "$W/clock.json" 2>"$W/clock.check"; then
  ok "clock --json is the sandbox's clock, described"
else
  not_ok "clock --json is the sandbox's clock (rc $rc)" "$W/clock.json" "$W/clock.err" "$W/clock.check"
fi

# 2. clock for people
"$CLI" clock >"$W/clock.txt" 2>"$W/clock-txt.err"
rc=$?
if [ $rc -eq 0 ] && grep -q '^Market  *Open until [0-9][0-9]:[0-9][0-9] ET' "$W/clock.txt" &&
   grep -q '^Next open ' "$W/clock.txt"; then
  ok "clock for people says until when the market is open"
else
  not_ok "clock for people (rc $rc)" "$W/clock.txt" "$W/clock-txt.err"
fi

# 3. asset --json: the sandbox's asset, numbers as decimal text
"$CLI" asset MSFT --json >"$W/asset.json" 2>"$W/asset.err"
rc=$?
if [ $rc -eq 0 ] && helper asset "$W/asset.json" MSFT 2>"$W/asset.check"; then
  ok "asset MSFT --json is the sandbox's asset"
else
  not_ok "asset MSFT --json is the sandbox's asset (rc $rc)" "$W/asset.json" "$W/asset.err" "$W/asset.check"
fi

# 4. an unknown symbol: exit 1, said
"$CLI" asset NOSUCH >"$W/nosuch.out" 2>"$W/nosuch.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$W/nosuch.out" ] && [ -s "$W/nosuch.err" ]; then
  ok "asset of an unknown symbol fails with exit 1"
else
  not_ok "asset of an unknown symbol (rc $rc)" "$W/nosuch.out" "$W/nosuch.err"
fi

# 5. search --json: ranked (the exact symbol first)
"$CLI" search goog --json >"$W/search.json" 2>"$W/search.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(helper symbols "$W/search.json")" = "GOOG GOOGL" ]; then
  ok "search goog --json: GOOG, then GOOGL"
else
  not_ok "search goog --json (rc $rc)" "$W/search.json" "$W/search.err"
fi

# 6. search for people, by name: Microsoft before Advanced Micro Devices
"$CLI" search micro >"$W/search.txt" 2>"$W/search-txt.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(awk '{print $1}' "$W/search.txt" | tr '\n' ' ')" = "MSFT AMD " ] &&
   grep -q 'Microsoft Corporation' "$W/search.txt"; then
  ok "search micro for people: MSFT, then AMD, with their names"
else
  not_ok "search micro for people (rc $rc)" "$W/search.txt" "$W/search-txt.err"
fi

# 7. history --json: the sandbox's history, every number as decimal text
"$CLI" history --period 1M --timeframe 1D --json >"$W/history.json" 2>"$W/history.err"
rc=$?
if [ $rc -eq 0 ] && helper history "$W/history.json" "period=1M&timeframe=1D" 2>"$W/history.check"; then
  ok "history --period 1M --timeframe 1D --json is the sandbox's, as decimal text"
else
  not_ok "history --json is the sandbox's (rc $rc)" "$W/history.json" "$W/history.err" "$W/history.check"
fi

# 7b. the same from a server that answers milliseconds and null entries: seconds and nulls
helper history-format ms 3
"$CLI" history --period 1M --timeframe 1D --json >"$W/history-ms.json" 2>"$W/history-ms.err"
rc=$?
if [ $rc -eq 0 ] &&
   helper history "$W/history-ms.json" "period=1M&timeframe=1D" 3 2>"$W/history-ms.check"; then
  ok "history --json from milliseconds with gaps: seconds, the gaps null"
else
  not_ok "history --json from milliseconds with gaps (rc $rc)" "$W/history-ms.json" "$W/history-ms.err" "$W/history-ms.check"
fi
helper history-format s 0

# 8. history for people: money formatted
"$CLI" history --period 1W --timeframe 1D >"$W/history.txt" 2>"$W/history-txt.err"
rc=$?
if [ $rc -eq 0 ] && head -n 1 "$W/history.txt" | grep -q '^TIME  *EQUITY  *PROFIT/LOSS' &&
   [ "$(grep -c '\$' "$W/history.txt")" -ge 5 ]; then
  ok "history for people: time, equity and profit/loss in dollars"
else
  not_ok "history for people (rc $rc)" "$W/history.txt" "$W/history-txt.err"
fi

# 9. config get --json: the sandbox's settings
"$CLI" config get --json >"$W/config.json" 2>"$W/config.err"
rc=$?
if [ $rc -eq 0 ] && helper config "$W/config.json"; then
  ok "config get --json is the sandbox's /v2/account/configurations"
else
  not_ok "config get --json (rc $rc)" "$W/config.json" "$W/config.err"
fi

# 10. config set: sent, and what the server read back printed
"$CLI" config set no_shorting true --json >"$W/set.json" 2>"$W/set.err"
rc1=$?
"$CLI" config set dtbp_check entry >"$W/set.txt" 2>"$W/set-txt.err"
rc2=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["no_shorting"] is not True)' "$W/set.json" &&
   grep -q '^dtbp_check  *entry$' "$W/set.txt" && grep -q '^no_shorting  *true$' "$W/set.txt" &&
   helper config-has '{"no_shorting": true, "dtbp_check": "entry"}'; then
  ok "config set changes the setting and prints what the server read back"
else
  not_ok "config set (rc $rc1 $rc2)" "$W/set.json" "$W/set.err" "$W/set.txt" "$W/set-txt.err"
fi

# 11–12. bad input is refused before anything is sent: with every request of the account
# failing (500), each of these still ends with exit 2, not 1
helper fail-all
bad=0
for args in "config set no_such_setting 1" "config set no_shorting maybe" \
            "config set max_margin_multiplier 3" "config set dtbp_check" "config frobnicate" \
            "history --period 1X" "history --timeframe 2H" "history --date-end 2024-13-01" \
            "asset A/B" "search"; do
  # shellcheck disable=SC2086
  "$CLI" $args >"$W/bad.out" 2>"$W/bad.err"
  rc=$?
  if [ $rc -ne 2 ] || [ -s "$W/bad.out" ] || [ ! -s "$W/bad.err" ]; then
    bad=1
    echo "# $args: rc $rc"
    sed 's/^/# /' "$W/bad.err"
  fi
done
if [ $bad -eq 0 ]; then
  ok "bad keys, values, periods, timeframes, dates and symbols are refused before sending (exit 2)"
else
  not_ok "bad input is refused before sending"
fi
"$CLI" config get >"$W/down.out" 2>"$W/down.err"
rc=$?
helper clear-faults
if [ $rc -eq 1 ]; then
  ok "the same server answers a request that is sent with a failure (exit 1)"
else
  not_ok "a request that is sent fails while the server does (rc $rc)" "$W/down.err"
fi

# 13–14. a sign-in without account:write: reads work, a change is refused and explained
helper item narrow | store_item "$ACCOUNT_ID" "Paddock token for paper account $ACCOUNT_NUMBER"
"$CLI" config get --json >"$W/narrow-get.json" 2>"$W/narrow-get.err"
rc=$?
if [ $rc -eq 0 ] && helper config "$W/narrow-get.json"; then
  ok "without account:write, config get still works"
else
  not_ok "without account:write, config get (rc $rc)" "$W/narrow-get.json" "$W/narrow-get.err"
fi
"$CLI" config set suspend_trade true >"$W/narrow.out" 2>"$W/narrow.err"
rc=$?
if [ $rc -eq 3 ] && grep -q 'account:write' "$W/narrow.err" &&
   grep -q 'paddock-cli login' "$W/narrow.err" && helper config-has '{"suspend_trade": false}'; then
  ok "without account:write, config set exits 3 and says to sign in with it; nothing changed"
else
  not_ok "without account:write, config set (rc $rc)" "$W/narrow.out" "$W/narrow.err"
fi

[ $failed -eq 0 ]
