#!/bin/bash
# cli-market.sh: paddock-cli quote, bars, news and movers end to end, run inside
# keyring-env.sh (a private bus with a real, unlocked gnome-keyring-daemon) against the real
# paddock-sandbox program. The token comes from the sandbox's own OAuth flow (played here
# without a browser) and goes into the keyring as Paddock's item. What the CLI prints is
# compared with what the sandbox answers, and the sandbox's log of the data host's requests
# says how many requests were made and with which feed. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/tap.sh"

B=${PADDOCK_BUILDDIR:?}
CLI=$B/src/cli/paddock-cli
SANDBOX=$B/src/sandbox/paddock-sandbox
SCHEMA=io.github.paddockapp.Paddock.Token

if [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP run me through keyring-env.sh"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-market.XXXXXX")
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

# a still market (--tick-ms 0): the CLI's figures and the sandbox's must agree
"$SANDBOX" --port 0 --seed 5 --rate-limit 100000 --tick-ms 0 \
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
export PADDOCK_AUTHORIZE_URL=$(json_get "$W/sandbox.json" authorize_url)
export PADDOCK_LIVE_URL=$(json_get "$W/sandbox.json" live_url)
export PADDOCK_PAPER_URL=$(json_get "$W/sandbox.json" paper_url)
export PADDOCK_DATA_URL=$(json_get "$W/sandbox.json" data_url)
export PADDOCK_POLYGON_URL=$(json_get "$W/sandbox.json" polygon_url)
export PADDOCK_CLIENT_ID=$(json_get "$W/sandbox.json" client_id)
export PADDOCK_CLIENT_SECRET=$(json_get "$W/sandbox.json" client_secret)

echo "1..12"

# The helper speaks to the sandbox (loopback only); the token stays in files.
cat >"$W/helper.py" <<'PY'
import hashlib, base64, datetime, decimal, json, os, re, sys, urllib.parse, urllib.request
W = sys.argv[1]
cmd = sys.argv[2]
conf = json.load(open(os.path.join(W, "sandbox.json")))
data = conf["data_url"]
base = conf["authorize_url"].rsplit("/oauth/authorize", 1)[0]

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
opener = urllib.request.build_opener(NoRedirect)

def token():
    return open(os.path.join(W, "token")).read()

def get(url):
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token()})
    # the numbers as their text, to compare with the CLI's decimal strings
    return json.loads(urllib.request.urlopen(req).read(), parse_float=decimal.Decimal)

def control(method, path, body=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    reply = urllib.request.urlopen(req).read()
    return json.loads(reply) if reply else None

def mine():
    return json.load(open(sys.argv[3]))

def is_decimal(text):
    return isinstance(text, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text) is not None

def check(cond, what):
    if not cond:
        sys.exit("mismatch: " + what)

if cmd == "login":
    redirect = "http://127.0.0.1:48721/callback"
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                                "redirect_uri": redirect, "state": "s1", "env": "paper",
                                "scope": "account:write trading data",
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
    fd = os.open(os.path.join(W, "token"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, reply["access_token"].encode())
    os.close(fd)
    req = urllib.request.Request(conf["paper_url"] + "/v2/account",
                                 headers={"Authorization": "Bearer " + token()})
    account = json.load(urllib.request.urlopen(req))
    print(account["id"], account["account_number"])
elif cmd == "item":
    sys.stdout.write(json.dumps({"access_token": token()}))
elif cmd == "clear":
    control("DELETE", "/_sandbox/data_requests")
elif cmd == "requests":
    for line in control("GET", "/_sandbox/data_requests")["requests"]:
        print(line)
elif cmd == "sip":
    control("POST", "/_sandbox/data_plan", {"sip": sys.argv[3] == "on"})
elif cmd == "quotes":
    theirs = get(data + "/v2/stocks/quotes/latest?feed=iex&symbols=" + sys.argv[4])["quotes"]
    m = mine()
    check([q["symbol"] for q in m] == sys.argv[4].split(","), "symbols")
    for q in m:
        t = theirs[q["symbol"]]
        for f, k in (("bid_price", "bp"), ("ask_price", "ap"), ("bid_size", "bs"), ("ask_size", "as")):
            check(is_decimal(q[f]), f + " is decimal text: %r" % q[f])
            check(decimal.Decimal(q[f]) == decimal.Decimal(str(t[k])), f)
        check(q["ask_exchange"] == t["ax"], "exchange")
elif cmd == "bars":
    # the sandbox's own pages, followed to the end
    url = data + "/v2/stocks/MSFT/bars?timeframe=1Min&limit=10000&start=%s&end=%s" % (sys.argv[4], sys.argv[5])
    theirs, page_token = [], None
    while True:
        page = get(url + ("&page_token=" + page_token if page_token else ""))
        theirs += page["bars"]
        page_token = page["next_page_token"]
        if not page_token:
            break
    m = mine()
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else len(theirs)
    check(len(m) == limit and len(theirs) >= limit, "count %d %d" % (len(m), len(theirs)))
    for a, b in zip(m, theirs):
        check(datetime.datetime.fromisoformat(a["t"].replace("Z", "+00:00")) ==
              datetime.datetime.fromisoformat(b["t"].replace("Z", "+00:00")), "time")
        for k in ("o", "h", "l", "c", "v", "vw"):
            check(is_decimal(a[k]) and decimal.Decimal(a[k]) == decimal.Decimal(str(b[k])), k)
    print(len(m))
elif cmd == "news":
    theirs = get(data + "/v1beta1/news?include_content=true&limit=50")["news"]
    theirs += get(data + "/v1beta1/news?include_content=true&limit=50&page_token=" +
                  get(data + "/v1beta1/news?limit=50")["next_page_token"])["news"]
    m = mine()
    n = int(sys.argv[4])
    check(len(m) == n, "count")
    for a, b in zip(m, theirs):
        for k in ("id", "headline", "author", "summary", "content", "url", "symbols", "source"):
            check(a[k] == b[k], k)
elif cmd == "movers":
    m = mine()
    actives = get(data + "/v1beta1/screener/stocks/most-actives?top=5")["most_actives"]
    movers = get(data + "/v1beta1/screener/stocks/movers?top=5")
    check([a["symbol"] for a in m["most_actives"]] == [a["symbol"] for a in actives], "actives")
    check([a["volume"] for a in m["most_actives"]] == [str(a["volume"]) for a in actives], "volume")
    for side in ("gainers", "losers"):
        check([x["symbol"] for x in m[side]] == [x["symbol"] for x in movers[side]], side)
        for x, y in zip(m[side], movers[side]):
            for k in ("percent_change", "change", "price"):
                check(is_decimal(x[k]) and decimal.Decimal(x[k]) == decimal.Decimal(str(y[k])), k)
    check(len(m["gainers"]) > 0 and len(m["losers"]) > 0, "some movers")
elif cmd == "price":
    control("POST", "/_sandbox/price", {"symbol": sys.argv[3], "price": sys.argv[4]})
PY
helper() { python3 "$W/helper.py" "$W" "$@"; }
requests() { helper requests >"$W/requests" 2>&1; }

if read -r ACCOUNT_ID ACCOUNT_NUMBER < <(helper login 2>"$W/login.err") && [ -n "$ACCOUNT_NUMBER" ]; then
  helper item | store_item "$ACCOUNT_ID" "Paddock token for paper account $ACCOUNT_NUMBER"
  ok "a token from the sandbox's OAuth flow is in the keyring"
else
  not_ok "a token from the sandbox's OAuth flow is in the keyring" "$W/login.err" "$W/sandbox.err"
fi

# 1. quote: N symbols in one request with feed=iex, the sandbox's figures as decimal text
helper clear
"$CLI" quote aapl MSFT KO --json >"$W/quote.json" 2>"$W/quote.err"
rc=$?
requests
if [ $rc -eq 0 ] && helper quotes "$W/quote.json" AAPL,MSFT,KO 2>"$W/quote.check" &&
   [ "$(wc -l <"$W/requests")" -eq 1 ] &&
   grep -qx 'GET /v2/stocks/quotes/latest?feed=iex&symbols=AAPL,MSFT,KO' "$W/requests"; then
  ok "quote AAPL MSFT KO --json: one request with feed=iex, the sandbox's quotes as decimal text"
else
  not_ok "quote --json (rc $rc)" "$W/quote.err" "$W/quote.check" "$W/requests"
fi

# 2. quote for people: a row per symbol, an unknown symbol said on stderr
LC_ALL=C.UTF-8 "$CLI" quote AAPL NOPE >"$W/quote.txt" 2>"$W/quote-txt.err"
rc=$?
if [ $rc -eq 0 ] && head -n 1 "$W/quote.txt" | grep -q '^SYMBOL  *BID  *BID SIZE  *ASK' &&
   grep -q '^AAPL  ' "$W/quote.txt" && grep -q 'No quote for NOPE' "$W/quote-txt.err"; then
  ok "quote for people: columns, and the unknown symbol named on stderr"
else
  not_ok "quote for people (rc $rc)" "$W/quote.txt" "$W/quote-txt.err"
fi

# 3. bars: 8 days of minutes is more than a page of 10,000: next_page_token is followed
START=$(date -u -d "9 days ago" +%Y-%m-%dT00:00:00Z)
END=$(date -u -d "1 day ago" +%Y-%m-%dT00:00:00Z)
helper clear
"$CLI" bars MSFT --timeframe 1Min --start "$START" --end "$END" --json >"$W/bars.json" 2>"$W/bars.err"
rc=$?
requests
if [ $rc -eq 0 ] && helper bars "$W/bars.json" "$START" "$END" >"$W/bars.check" 2>&1 &&
   [ "$(wc -l <"$W/requests")" -eq 2 ] && grep -q 'page_token=' "$W/requests" &&
   [ "$(grep -c 'feed=iex' "$W/requests")" -eq 2 ]; then
  ok "bars --json follows next_page_token to the end ($(cat "$W/bars.check") bars, 2 requests)"
else
  not_ok "bars --json follows next_page_token (rc $rc)" "$W/bars.err" "$W/bars.check" "$W/requests"
fi

# 4. bars --limit: stops there, asking for no more than it needs
helper clear
"$CLI" bars MSFT --timeframe 1Min --start "$START" --end "$END" --limit 10003 --json \
  >"$W/bars-limit.json" 2>"$W/bars-limit.err"
rc=$?
requests
if [ $rc -eq 0 ] && helper bars "$W/bars-limit.json" "$START" "$END" 10003 >"$W/bars-limit.check" 2>&1 &&
   [ "$(wc -l <"$W/requests")" -eq 2 ] && tail -n 1 "$W/requests" | grep -q 'limit=3&'; then
  ok "bars --limit 10003 stops at 10003 bars"
else
  not_ok "bars --limit (rc $rc)" "$W/bars-limit.err" "$W/bars-limit.check" "$W/requests"
fi

# 5. bars for people
LC_ALL=C.UTF-8 "$CLI" bars MSFT --timeframe 1Hour --start "$START" --end "$END" --limit 5 \
  >"$W/bars.txt" 2>"$W/bars-txt.err"
rc=$?
if [ $rc -eq 0 ] && head -n 1 "$W/bars.txt" | grep -q '^TIME  *OPEN  *HIGH  *LOW  *CLOSE  *VOLUME' &&
   [ "$(wc -l <"$W/bars.txt")" -eq 6 ]; then
  ok "bars for people: a header and a row per bar"
else
  not_ok "bars for people (rc $rc)" "$W/bars.txt" "$W/bars-txt.err"
fi

# 6. news --json: the sandbox's articles, HTML kept as text, 60 of them in two requests
helper clear
"$CLI" news --limit 60 --json >"$W/news.json" 2>"$W/news.err"
rc=$?
requests
if [ $rc -eq 0 ] && helper news "$W/news.json" 60 2>"$W/news.check" &&
   [ "$(wc -l <"$W/requests")" -eq 2 ] && ! grep -q 'feed=' "$W/requests"; then
  ok "news --limit 60 --json is the sandbox's newest 60 articles (two requests)"
else
  not_ok "news --json (rc $rc)" "$W/news.err" "$W/news.check" "$W/requests"
fi

# 7. news for people: plain text, nothing from the server reaches the terminal raw
LC_ALL=C.UTF-8 "$CLI" news >"$W/news.txt" 2>"$W/news-txt.err"
rc=$?
if [ $rc -eq 0 ] &&
   ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$W/news.txt" &&
   ! grep -q '<p>\|</a>\|&amp;' "$W/news.txt" && grep -q ' & more\.' "$W/news.txt" &&
   grep -q '�' "$W/news.txt"; then
  ok "news for people: HTML as plain text, no control characters from the server"
else
  TAP_CAT_V=1 not_ok "news for people (rc $rc)" "$W/news.txt" "$W/news-txt.err"
fi

# 8. news about a symbol
"$CLI" news AAPL --limit 5 --json >"$W/news-aapl.json" 2>"$W/news-aapl.err"
rc=$?
if [ $rc -eq 0 ] && python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
sys.exit(0 if 0 < len(a) <= 5 and all("AAPL" in x["symbols"] for x in a) else 1)' "$W/news-aapl.json"; then
  ok "news AAPL lists only articles about AAPL"
else
  not_ok "news AAPL (rc $rc)" "$W/news-aapl.err"
fi

# 9. movers --json: most actives, gainers and losers as the sandbox has them
helper price AAPL 999.50
helper price KO 1.25
"$CLI" movers --top 5 --json >"$W/movers.json" 2>"$W/movers.err"
rc=$?
if [ $rc -eq 0 ] && helper movers "$W/movers.json" 2>"$W/movers.check"; then
  ok "movers --json: the sandbox's most actives, gainers and losers, as decimal text"
else
  not_ok "movers --json (rc $rc)" "$W/movers.err" "$W/movers.check"
fi

# 10. SIP on a free plan: the refusal is explained, exit 1; with a SIP plan it works
helper clear
"$CLI" quote AAPL --feed sip >"$W/sip.out" 2>"$W/sip.err"
rc=$?
requests
helper sip on
"$CLI" quote AAPL --feed sip --json >"$W/sip-ok.json" 2>"$W/sip-ok.err"
rc2=$?
if [ $rc -eq 1 ] && [ ! -s "$W/sip.out" ] &&
   grep -q 'Your market data plan does not include SIP data. Choose IEX in Preferences.' "$W/sip.err" &&
   grep -q 'feed=sip' "$W/requests" && [ $rc2 -eq 0 ] && grep -q '"ask_exchange":"Q"' "$W/sip-ok.json"; then
  ok "quote --feed sip: the plan's refusal explained (exit 1); allowed with a SIP plan"
else
  not_ok "quote --feed sip (rc $rc, $rc2)" "$W/sip.out" "$W/sip.err" "$W/sip-ok.err" "$W/requests"
fi

# 11. bad usage
"$CLI" bars MSFT >"$W/bad1.out" 2>"$W/bad1.err"
rc1=$?
"$CLI" quote >"$W/bad2.out" 2>"$W/bad2.err"
rc2=$?
"$CLI" news --limit zero >"$W/bad3.out" 2>"$W/bad3.err"
rc3=$?
"$CLI" quote AAPL --feed delayed >"$W/bad4.out" 2>"$W/bad4.err"
rc4=$?
"$CLI" quote NOPE >"$W/bad5.out" 2>"$W/bad5.err"
rc5=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ] && [ $rc4 -eq 2 ] && [ $rc5 -eq 1 ] &&
   [ ! -s "$W/bad5.out" ] && grep -q 'No quote for NOPE' "$W/bad5.err"; then
  ok "bad usage exits 2; a quote for no known symbol prints nothing and exits 1"
else
  not_ok "bad usage ($rc1 $rc2 $rc3 $rc4 $rc5)" "$W/bad1.err" "$W/bad2.err" "$W/bad3.err" "$W/bad4.err" \
    "$W/bad5.out" "$W/bad5.err"
fi

exit $((failed > 0))
