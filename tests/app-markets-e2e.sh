#!/bin/bash
# app-markets-e2e.sh: the markets in the real app, end to end. Run through
#   keyring-env.sh xvfb-run app-markets-e2e.sh
# (a private bus with a real, unlocked gnome-keyring-daemon, and a real X server).
#
# `paddock --demo` signs in to its in-app demo brokerage through the browser this test
# registers (a headless Chromium that clicks Approve). The app describes what its windows
# show into PADDOCK_TEST_REPORT, read back from their widgets, with the boxes of what the
# test points at; the test moves the pointer, clicks and types with real X input (xdotool),
# and compares what is shown with what the brokerage itself answers:
#
#   1. the overview's portfolio chart is drawn from the brokerage's portfolio history; the
#      cross-hair, moved with the mouse over a point and then with the arrow keys, gives
#      that point's time and value;
#   2. Ctrl+K, part of an asset's name typed, the asset chosen with Down and Enter: its
#      window shows its name, the latest quote and trade, candles and the news;
#   3. Add to Watchlist in that window (a click on the button, one on the watchlist) puts
#      the symbol on the brokerage's watchlist;
#   4. the Markets page shows that watchlist's rows at the brokerage's latest prices, asked
#      for with ONE multi-symbol snapshots request per refresh, not one per row.
#
# Screenshots of the whole X screen go to the build's meson-logs/app-markets-e2e/.
# Prints TAP.
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
for tool in xdotool curl import; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (build-aux/install-deps.sh)"
    exit 0
  fi
done

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-markets-e2e.XXXXXX")
SHOTS=$B/meson-logs/app-markets-e2e
rm -rf "$SHOTS"
mkdir -p "$SHOTS"
APP_PID=
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
TAP_TAIL=25

export GSETTINGS_BACKEND=keyfile
export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
export G_DEBUG=gc-friendly
export G_MESSAGES_DEBUG=all
unset GTK_THEME GTK_USE_PORTAL

bash "$S/tests/browser/install-handler.sh" "$W/approve" approve

DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock

# report_test PYTHON-CONDITION [ARG…]: the report as it is now satisfies it (`r` the report,
# `a` the ARGs, `sw` the symbol window open on a[0] if any, `rows` the Markets page's rows)
report_test() {
  local cond=$1; shift
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); a=sys.argv[2:]
sw=([s for s in r.get('symbols', []) if a and s['symbol'] == a[0]] or [None])[0]
rows=r.get('markets', {}).get('rows', [])
sys.exit(0 if ($cond) else 1)" "$W/report.json" "$@" 2>/dev/null
}

report_print() { # report_print PYTHON-EXPRESSION [ARG…]
  local expr=$1; shift
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); a=sys.argv[2:]
sw=([s for s in r.get('symbols', []) if a and s['symbol'] == a[0]] or [None])[0]
print($expr)" "$W/report.json" "$@"
}

# wait_report PYTHON-CONDITION [SECONDS [ARG…]]: until the report satisfies it
wait_report() {
  local cond=$1 limit=${2:-60}
  shift; shift
  for _ in $(seq $((limit * 5 + 1))); do
    if [ -s "$W/report.json" ] && report_test "$cond" "$@"; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

snapshot() { cp "$W/report.json" "$W/$1.json" 2>/dev/null; }

diag() { # what a failure shows: the report's markets parts (the file to give not_ok)
  python3 - "$W/report.json" >"$W/diag.txt" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("page", r.get("page"), "view", r.get("view"), "active", r.get("active"))
print("chart", r.get("chart"))
print("search", r.get("search"))
for s in r.get("symbols", []):
    print("symbol", {k: v for k, v in s.items() if k != "news"}, "news", len(s.get("news") or []))
print("markets", r.get("markets"))
PY
  echo "$W/diag.txt"
}
applog() {
  grep -v -e "libsoup-DEBUG" -e "GLib-GIO-DEBUG" "$W/app.log" >"$W/app-short.log" 2>/dev/null
  echo "$W/app-short.log"
}

# The demo brokerage's API as the app's demo account: the token read from the keyring into
# this shell only, and given to curl on its standard input (never on a command line).
api() { # api METHOD PATH [JSON]: prints the reply's body
  local method=$1 path=$2 body=${3:-}
  printf 'header = "Authorization: Bearer %s"\n' "$TOKEN" |
    curl -s --max-time 30 -K - -X "$method" ${body:+-H 'Content-Type: application/json' -d "$body"} \
      "$SANDBOX$path"
}

# point_in XID TARGET-EXPRESSION [ARG…]: the pointer to the middle of the box the report
# gives (in that window's coordinates), with real X input
point_in() {
  local xid=$1 box
  shift
  box=$(report_print "$@" 2>/dev/null) || return 1
  set -- $(echo "$box" | tr -d '[],')
  [ $# -eq 4 ] || return 1
  xdotool mousemove --window "$xid" $(($1 + $3 / 2)) $(($2 + $4 / 2))
}

press_in() { point_in "$@" && xdotool click 1; }

# focus XID: the X focus on that window (no window manager runs to give it)
focus() {
  timeout 30 xdotool windowfocus --sync "$1" 2>/dev/null
  for _ in $(seq 100); do
    [ "$(xdotool getwindowfocus -f 2>/dev/null)" = "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

screenshot() { import -window root "$SHOTS/$1.png" 2>>"$W/import.log"; }

echo "1..12"

rm -f "$W/report.json"
XDG_DATA_HOME=$W/approve/data PADDOCK_TEST_REPORT=$W/report.json "$APP" --demo \
  >"$W/app.log" 2>&1 &
APP_PID=$!

# 1. paddock --demo signs in through the browser: the overview of the demo account, the chart
if wait_report 'r["page"] == "account" and r.get("badge") == "Demo" and r.get("equity-value", "").startswith("$") and not r["chart"]["loading"] and r["chart"]["points"] > 0 and "first_x" in r["chart"] and "xid" in r' 180 &&
   grep -q "redirected; result page title" "$W/approve/browser.log" 2>/dev/null; then
  ok "paddock --demo signs in to the demo through the browser and shows the overview"
else
  not_ok "paddock --demo signs in to the demo through the browser and shows the overview" "$(diag)" "$(applog)" "$W/approve/browser.log"
fi
XID=$(report_print 'r["xid"]' 2>/dev/null)
SANDBOX=$(grep -o "the demo brokerage serves http://127.0.0.1:[0-9]*" "$W/app.log" | head -n 1 | sed 's|.* serves ||')
TOKEN=$(G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null)
# the market stands still: the prices shown and the brokerage's can be compared exactly
curl -s --max-time 30 -X POST -d '{"milliseconds":0}' "$SANDBOX/_sandbox/tick_interval" >/dev/null

# 2. the chart is the brokerage's portfolio history for the period shown
PERIOD=$(report_print 'r["chart"]["period"]' 2>/dev/null)
TIMEFRAME=$(case "$PERIOD" in 1D) echo 5Min;; 1W) echo 1H;; All) echo 1D;; *) echo 1D;; esac)
REQ_PERIOD=$([ "$PERIOD" = All ] && echo 10A || echo "$PERIOD")
api GET "/paper/v2/account/portfolio/history?period=$REQ_PERIOD&timeframe=$TIMEFRAME" >"$W/history.json"
# the point the test moves to: the middle one with a value; the one two present points before
read -r K K2 < <(python3 - "$W/history.json" <<'PY' 2>/dev/null
import json, sys
h = json.load(open(sys.argv[1]))
present = [i for i, v in enumerate(h["equity"]) if v is not None]
k = present[len(present) // 2]
print(k, present[present.index(k) - 2])
PY
)
if [ -n "$XID" ] && [ -n "$SANDBOX" ] && [ -n "$TOKEN" ] && [ -n "${K:-}" ] &&
   report_test 'r["chart"]["period"] == a[0] and r["chart"]["points"] == len(json.load(open(a[1]))["timestamp"]) and r["chart"]["error"] is None and r["chart"]["summary"]' \
     "$PERIOD" "$W/history.json"; then
  ok "the overview's chart has the brokerage's portfolio history for $PERIOD ($(report_print 'r["chart"]["points"]') points)"
else
  not_ok "the overview's chart has the brokerage's portfolio history for $PERIOD" "$(diag)" "$W/history.json" "$(applog)"
fi

# the cross-hair is on history point a[1] (time in ms, value to the cent's fraction)
AT_POINT='r["chart"]["crosshair"] is not None and r["chart"]["crosshair"]["time"] == json.load(open(a[0]))["timestamp"][int(a[1])] * 1000 and abs(r["chart"]["crosshair"]["value"] - json.load(open(a[0]))["equity"][int(a[1])]) < 1e-6'

# 3. the mouse over point K: the cross-hair gives its time and value
mouse_x=$(python3 - "$W/report.json" "$W/history.json" "${K:-0}" <<'PY' 2>/dev/null
import json, sys
r = json.load(open(sys.argv[1])); h = json.load(open(sys.argv[2])); k = int(sys.argv[3])
t = h["timestamp"]; c = r["chart"]
print(int(round(c["first_x"] + (t[k] - t[0]) / (t[-1] - t[0]) * (c["last_x"] - c["first_x"]))))
PY
)
mouse_y=$(report_print 'r["chart"]["box"][1] + r["chart"]["box"][3] // 2' 2>/dev/null)
if [ -n "$mouse_x" ] && [ -n "$mouse_y" ] && focus "$XID" &&
   xdotool mousemove --window "$XID" "$mouse_x" "$mouse_y" &&
   wait_report "$AT_POINT" 30 "$W/history.json" "$K"; then
  ok "the mouse over the chart's point $K: the cross-hair shows that point's time and value"
else
  not_ok "the mouse over the chart's point $K: the cross-hair shows that point's time and value" "$(diag)" "$W/history.json"
fi
snapshot chart-mouse

# 4. a click there gives the chart the keyboard focus; Left twice goes two points back, End
#    to the last point
LAST=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["equity"]; print(max(i for i, v in enumerate(e) if v is not None))' "$W/history.json" 2>/dev/null)
if [ -n "${K2:-}" ] && [ -n "$LAST" ] && xdotool click 1 &&
   wait_report "$AT_POINT" 10 "$W/history.json" "$K" &&
   xdotool key --delay 150 Left Left && wait_report "$AT_POINT" 30 "$W/history.json" "$K2" &&
   screenshot chart-hover &&
   xdotool key End && wait_report "$AT_POINT" 30 "$W/history.json" "$LAST"; then
  ok "the chart focused, Left Left and End move the cross-hair to points $K2 and $LAST"
else
  not_ok "the chart focused, Left Left and End move the cross-hair to points $K2 and $LAST" "$(diag)" "$W/history.json"
fi
xdotool key Escape
xdotool mousemove --window "$XID" 5 5

# the asset to search for, a watchlist without it (made here, after the sign-in, so only
# the symbol window's menu and its change tell the app about it)
api GET "/paper/v2/assets?status=active" >"$W/assets.json"
read -r SYM TYPED < <(python3 - "$W/assets.json" <<'PY' 2>/dev/null
import json, sys
assets = dict((a["symbol"], a) for a in json.load(open(sys.argv[1])))
for s in ("NFLX", "KO", "DIS", "NKE", "COST", "PEP", "ADBE"):
    a = assets.get(s)
    if a and a.get("tradable") and a.get("name") and len(a["name"].split()[0]) >= 4:
        print(s, a["name"].split()[0][:5].lower()); break
PY
)
NAME=$(python3 -c 'import json,sys; print([a["name"] for a in json.load(open(sys.argv[1])) if a["symbol"] == sys.argv[2]][0])' "$W/assets.json" "${SYM:-none}" 2>/dev/null)
WL_NAME="Markets E2E"
WL=$(api POST /paper/v2/watchlists "{\"name\":\"$WL_NAME\",\"symbols\":[\"AAPL\",\"MSFT\"]}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' 2>/dev/null)
echo "# searching for $SYM ($NAME) by typing '$TYPED'; watchlist $WL"

# 5. Ctrl+K, part of the name typed, the asset chosen with Down and Enter: its window opens
opened=
if [ -n "${SYM:-}" ] && [ -n "$WL" ] && focus "$XID" && xdotool key ctrl+k &&
   wait_report 'r["search"] is not None and "xid" in r["search"]' 30; then
  SEARCH_XID=$(report_print 'r["search"]["xid"]')
  if focus "$SEARCH_XID" && xdotool type --delay 80 "$TYPED" &&
     wait_report 'r["search"]["searched"] == a[1] and not r["search"]["loading"] and any(m["symbol"] == a[0] for m in r["search"]["matches"])' 60 "$SYM" "$TYPED"; then
    index=$(report_print '[m["symbol"] for m in r["search"]["matches"]].index(a[0])' "$SYM")
    # Down (or Up) one key at a time, each seen to move the selection, until it is there
    for _ in $(seq $((index + 10))); do
      selected=$(report_print 'r["search"]["selected"]')
      [ "$selected" = "$index" ] && break
      if [ "$selected" -lt "$index" ]; then xdotool key Down; else xdotool key Up; fi
      wait_report 'r["search"]["selected"] != int(a[1])' 10 "$SYM" "$selected"
    done
    if wait_report 'r["search"]["selected"] == int(a[1])' 10 "$SYM" "$index"; then
      snapshot search
      xdotool key Return
      wait_report 'r["search"] is None and sw is not None and "xid" in sw' 60 "$SYM" && opened=1
    fi
  fi
fi
if [ -n "$opened" ]; then
  ok "Ctrl+K, '$TYPED' typed, $SYM chosen with Down and Enter: its window opens"
else
  not_ok "Ctrl+K, '$TYPED' typed, $SYM chosen with Down and Enter: its window opens" "$(diag)" "$(applog)"
fi
SYM_XID=$(report_print 'sw["xid"]' "${SYM:-none}" 2>/dev/null)

# 6. the window: the asset's name, the brokerage's latest quote and trade
quote_shown() {
  api GET "/data/v2/stocks/$SYM/quotes/latest?feed=iex" >"$W/quote.json"
  api GET "/data/v2/stocks/$SYM/trades/latest?feed=iex" >"$W/trade.json"
  report_test 'sw["name"] == a[1] and sw["bid"] is not None and float(sw["bid"]) == json.load(open(a[2]))["quote"]["bp"] and float(sw["ask"]) == json.load(open(a[2]))["quote"]["ap"] and float(sw["last"]) == json.load(open(a[3]))["trade"]["p"]' \
    "$SYM" "$NAME" "$W/quote.json" "$W/trade.json"
}
shown=
if [ -n "$opened" ]; then
  for _ in $(seq 60); do quote_shown && shown=1 && break; sleep 0.5; done
fi
if [ -n "$shown" ]; then
  ok "$SYM's window shows its name and the brokerage's latest quote and trade"
else
  not_ok "$SYM's window shows its name and the brokerage's latest quote and trade" "$(diag)" "$W/quote.json" "$W/trade.json"
fi

# 7. ... candles drawn, and the brokerage's latest news for it
api GET "/data/v1beta1/news?symbols=$SYM&limit=10" >"$W/news.json"
if [ -n "$opened" ] &&
   wait_report 'not sw["bars_loading"] and sw["bars"] > 0 and sw["data_error"] is None and sw["news"] and sw["news"] == [n["headline"] for n in json.load(open(a[1]))["news"]]' 60 "$SYM" "$W/news.json"; then
  ok "$SYM's window draws $(report_print 'sw["bars"]' "$SYM") candles and lists the brokerage's news for it"
else
  not_ok "$SYM's window draws candles and lists the brokerage's news for it" "$(diag)" "$W/news.json"
fi
snapshot symbol

# 8. Add to Watchlist: a click on the button opens the menu of the account's watchlists (the
#    new one without a check), a click on it adds the symbol at the brokerage
WL_ROW='[w for w in sw["watchlist_menu"]["rows"] if w["name"] == a[1]]'
wl_symbols() {
  api GET "/paper/v2/watchlists/$WL" |
    python3 -c 'import json,sys; print(",".join(a["symbol"] for a in json.load(sys.stdin)["assets"]))' 2>/dev/null
}
added=
if [ -n "$SYM_XID" ] && focus "$SYM_XID" &&
   press_in "$SYM_XID" 'sw["watchlists_button"]' "$SYM" &&
   wait_report "sw[\"watchlist_menu\"][\"open\"] and not sw[\"watchlist_menu\"][\"busy\"] and len($WL_ROW) == 1 and not $WL_ROW[0][\"checked\"] and \"box\" in $WL_ROW[0]" 60 "$SYM" "$WL_NAME" &&
   snapshot menu &&
   press_in "$SYM_XID" "$WL_ROW[0][\"box\"]" "$SYM" "$WL_NAME" &&
   wait_report "not sw[\"watchlist_menu\"][\"busy\"] and $WL_ROW[0][\"checked\"] and sw[\"watchlist_banner\"] is None" 60 "$SYM" "$WL_NAME"; then
  screenshot symbol-watchlist
  for _ in $(seq 50); do [ "$(wl_symbols)" = "AAPL,MSFT,$SYM" ] && added=1 && break; sleep 0.2; done
fi
if [ -n "$added" ]; then
  ok "Add to Watchlist, then a click on “$WL_NAME”: the brokerage's watchlist holds $SYM"
else
  not_ok "Add to Watchlist, then a click on “$WL_NAME”: the brokerage's watchlist holds $SYM" "$(diag)" "$(applog)"
fi

# 9. Escape closes the menu and the window; a click on Markets shows the watchlist with the
#    symbol, each row at the brokerage's latest price
# Escape closes the menu (it has the keyboard), a click on the window's close button the
# window (a click: after a popover, GTK 4.8 on a bare X server may keep the keyboard a while)
close_symbol_window() {
  for _ in 1 2 3 4 5 6; do
    wait_report 'r["symbols"] == []' 0 && return 0
    if report_test 'sw is not None and sw["watchlist_menu"]["open"]' "$SYM"; then
      xdotool key Escape
      wait_report 'sw is None or not sw["watchlist_menu"]["open"]' 10 "$SYM"
    else
      press_in "$SYM_XID" 'sw["close_button"]' "$SYM"
      wait_report 'r["symbols"] == []' 10 && return 0
    fi
  done
  return 1
}
prices_shown() {
  api GET "/data/v2/stocks/snapshots?symbols=AAPL,MSFT,$SYM&feed=iex" >"$W/snapshots.json"
  report_test 'r["view"] == "markets" and r["markets"]["selected"] == a[1] and [w["symbol"] for w in rows] == ["AAPL", "MSFT", a[0]] and all(w["price"].replace("$", "").replace(",", "") == "%.2f" % json.load(open(a[2]))[w["symbol"]]["latestTrade"]["p"] for w in rows)' \
    "$SYM" "$WL_NAME" "$W/snapshots.json"
}
listed=
if [ -n "$SYM_XID" ] && close_symbol_window && focus "$XID" &&
   press_in "$XID" 'r["targets"]["view:Markets"]' && wait_report 'r["view"] == "markets"' 30; then
  for _ in $(seq 120); do prices_shown && listed=1 && break; sleep 0.5; done
fi
if [ -n "$listed" ]; then
  ok "the Markets page shows “$WL_NAME” with $SYM, each row at the brokerage's latest price"
else
  not_ok "the Markets page shows “$WL_NAME” with $SYM, each row at the brokerage's latest price" "$(diag)" "$W/snapshots.json"
fi

# 10. while it shows, each refresh is ONE snapshots request for the three symbols; no
#     request for a row's symbol alone
curl -s --max-time 30 -X DELETE "$SANDBOX/_sandbox/data_requests" >/dev/null
data_requests() {
  curl -s --max-time 30 "$SANDBOX/_sandbox/data_requests" >"$W/requests.json"
  python3 - "$W/requests.json" "$SYM" "$1" <<'PY'
import json, sys, urllib.parse
requests = json.load(open(sys.argv[1]))["requests"]
symbol, wanted = sys.argv[2], int(sys.argv[3])
rows = {"AAPL", "MSFT", symbol}
snapshots = 0
for line in requests:
    method, _, target = line.partition(" ")
    path, _, query = target.partition("?")
    q = dict(urllib.parse.parse_qsl(query))
    if path.endswith("/v2/stocks/snapshots"):
        assert set(q["symbols"].split(",")) == rows, line
        snapshots += 1
    else:
        # nothing else asks for a row's symbol: no per-row quote, trade or snapshot
        assert not any("/stocks/%s/" % s in path for s in rows), line
        assert not (set(q.get("symbols", "").split(",")) & rows), line
sys.exit(0 if snapshots >= wanted else 1)
PY
}
counted=
for _ in $(seq 60); do
  data_requests 2 2>"$W/requests.err" && counted=1 && break
  [ -s "$W/requests.err" ] && break  # a request that must not be
  sleep 1
done
if [ -n "$counted" ] && [ -n "$listed" ]; then
  ok "each refresh of the 3 rows is one multi-symbol snapshots request ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["requests"]))' "$W/requests.json") requests)"
else
  not_ok "each refresh of the 3 rows is one multi-symbol snapshots request" "$W/requests.err" "$W/requests.json"
fi

# 11. the screen at the end: the Markets page (checked by eye, see the top)
snapshot markets
if screenshot markets && [ -s "$SHOTS/markets.png" ] && [ -s "$SHOTS/chart-hover.png" ] &&
   [ -s "$SHOTS/symbol-watchlist.png" ]; then
  ok "screenshots in $SHOTS"
else
  not_ok "screenshots in $SHOTS" "$W/import.log"
fi

# 12. no token in what the app or the browser printed, nor in the report
if [ ${#TOKEN} -ge 16 ] && ! grep -rqF -- "$TOKEN" "$W"; then
  ok "no token in the app's or the browser's output"
else
  not_ok "no token in the app's or the browser's output"
fi

gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
  quit '[]' '{}' >/dev/null 2>&1
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done

exit $((failed > 0))
