#!/bin/bash
# app-trading-e2e.sh: trading in the real app, end to end. Run through
#   keyring-env.sh xvfb-run app-trading-e2e.sh
# (a private bus with a real, unlocked gnome-keyring-daemon, and a real X server).
#
# `paddock --demo` signs in to its in-app demo brokerage (with its history) through the
# browser this test registers (a headless Chromium that clicks Approve). A notification
# server of this test (tests/notification-server.c) owns org.freedesktop.Notifications on
# the test's bus, where GLib's GNotification finds it outside GNOME and outside a sandbox.
# The app describes what its window shows into PADDOCK_TEST_REPORT, read back from its
# widgets, with the boxes of what the test presses; the test presses them with real X
# input (xdotool). Then:
#
#   1. a market order placed in the order ticket while the app runs fills in the Orders page and its position
#      appears in the Positions page, brought by the trade-updates websocket alone (every
#      GET of the order list fails meanwhile, so no refresh can have brought it);
#   2. an open limit order is canceled from its row's menu in the Orders page (a click on
#      the row's menu button, a click on "Cancel Order"): the brokerage says canceled and so
#      does the page;
#   3. an order far above the buying power is refused by the brokerage: the ticket shows
#      the broker's words and keeps the form, Escape closes it, no order was made;
#   4. while the window has the focus a fill raises no notification; once another X window
#      has it, a fill raises one that names the symbol and says it filled.
#
# The market orders are placed in the order ticket (Ctrl+N, then the fields and the
# confirmation typed with real key presses), by place_market_order (below); only the one
# placed while another window has the focus goes through the brokerage's API. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
S=${PADDOCK_SRCDIR:?}
APP=$B/src/paddock
NOTIFICATION_SERVER=$B/tests/notification-server

if [ ! -d "$S/tests/node_modules/playwright-core" ]; then
  echo "1..0 # SKIP playwright-core is not installed (run: cd tests && npm ci)"
  exit 0
fi
if [ ! -x "${PADDOCK_CHROMIUM:-/usr/bin/chromium}" ] || [ -z "${DISPLAY:-}" ] ||
   [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP needs Chromium, an X display and keyring-env.sh"
  exit 0
fi
for tool in xdotool xmessage curl; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (build-aux/install-deps.sh)"
    exit 0
  fi
done

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-trading-e2e.XXXXXX")
APP_PID=
NOTIFY_PID=
OTHER_PID=
cleanup() {
  for pid in $APP_PID $OTHER_PID $NOTIFY_PID; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
TAP_TAIL=25

export GSETTINGS_BACKEND=keyfile
export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
export G_DEBUG=gc-friendly
export G_MESSAGES_DEBUG=all
unset GTK_THEME GTK_USE_PORTAL GNOTIFICATION_BACKEND

bash "$S/tests/browser/install-handler.sh" "$W/approve" approve

DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock

# wait_report PYTHON-CONDITION [SECONDS [ARG…]]: until the report's JSON `r` satisfies it;
# `rows` are the Orders page's rows on screen (each the list of its cells' words), `listed`
# its first orders by id, `a` the ARGs
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

report_test() { # report_test PYTHON-CONDITION [ARG…]: the report as it is now (args: a)
  local cond=$1; shift
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); a=sys.argv[2:]
rows=[row['cells'] for row in r.get('orders-on-screen', [])]
listed=dict((o['id'], o) for o in r.get('orders-listed', []))
sys.exit(0 if ($cond) else 1)" "$W/report.json" "$@" 2>/dev/null
}

report_print() { # report_print PYTHON-EXPRESSION [ARG…]: prints it, from the report now
  local expr=$1; shift
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); a=sys.argv[2:]
print($expr)" "$W/report.json" "$@"
}

snapshot() { cp "$W/report.json" "$W/$1.json" 2>/dev/null; }

# what a failure shows: the report's trading parts, one per line (the file to give not_ok)
diag() {
  python3 - "$W/report.json" >"$W/diag.txt" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("view", r.get("view"), "active", r.get("active"), "stream", r.get("stream"))
for row in r.get("orders-on-screen", [])[:6]:
    print("row", row["cells"], row.get("actions"))
for o in r.get("orders-listed", [])[:6]:
    print("listed", o)
print("positions", r.get("positions-listed"))
print("menu", r.get("menu-items"))
print("ticket", r.get("ticket"))
PY
  echo "$W/diag.txt"
}
applog() { # the app's log without the websocket's and GIO's chatter
  grep -v -e "libsoup-DEBUG" -e "GLib-GIO-DEBUG" "$W/app.log" >"$W/app-short.log" 2>/dev/null
  echo "$W/app-short.log"
}

# The demo brokerage's API, as the app's demo account: the token is read from the keyring
# into this shell only, and given to curl on its standard input (never on a command line).
api() { # api METHOD PATH [JSON]: prints the reply's body
  local method=$1 path=$2 body=${3:-}
  printf 'header = "Authorization: Bearer %s"\n' "$TOKEN" |
    curl -s --max-time 30 -K - -X "$method" ${body:+-H 'Content-Type: application/json' -d "$body"} \
      "$SANDBOX$path"
}

control() { # control PATH JSON: the sandbox's control API (not Alpaca's; no token)
  curl -s --max-time 30 -X POST -d "$2" "$SANDBOX$1" >/dev/null
}

json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]) or "")' "$1"; }

order_status() { api GET "/paper/v2/orders/$1" | json_get status; }

# place_market_order SYMBOL QTY: a market buy of QTY SYMBOL, day, typed into the order
# ticket with real key presses (ticket_place_order, below); sets PLACED to the id of the
# order that then came into the app (the newest of its orders for QTY SYMBOL that it did
# not have before), or to nothing when none came within 90 s. Prints the ticket's four TAP
# checks and the one of the new order.
# THE ONE PLACE ORDERS ARE PLACED while the window has the focus.
place_market_order() {
  local before
  PLACED=
  before=$(report_print '" ".join(o["id"] for o in r.get("orders-listed", []))') || before=
  ticket_place_order "$1" "$2"
  # (no window manager runs here to give the app's window the focus back from the ticket)
  timeout 30 xdotool windowfocus --sync "$XID" 2>/dev/null
  if [ -n "$before" ] && [ -n "$TICKET_PLACED" ] &&
     wait_report "$NEW_ORDER" 90 "$1" "$2" "$before"; then
    PLACED=$(report_print "$NEW_ORDER_ID" "$1" "$2" "$before")
    ok "the order placed in the ticket comes into the app's orders: $2 $1"
  else
    not_ok "the order placed in the ticket comes into the app's orders: $2 $1" "$(diag)" "$(applog)"
  fi
}

# place_market_order_through_api SYMBOL QTY: as place_market_order, through the brokerage's
# API as the app's demo account (prints the id). Only for an order placed while ANOTHER
# window has the focus (the notification check): the ticket is a window of the app, and
# typing into it would give the app the focus back, which is what that check must not have.
place_market_order_through_api() {
  local before
  before=$(report_print '" ".join(o["id"] for o in r.get("orders-listed", []))') || return 1
  api POST /paper/v2/orders \
    "{\"symbol\":\"$1\",\"qty\":\"$2\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}" \
    >/dev/null
  wait_report "$NEW_ORDER" 90 "$1" "$2" "$before" || return 1
  report_print "$NEW_ORDER_ID" "$1" "$2" "$before"
}

# The order ticket, driven as a person does: Ctrl+N in the app's window, then keys typed
# into the ticket (the window that has the X focus), in the order paddock-order-ticket.h
# documents: Symbol first, then Tab past Buy, Sell, Type, Order In to Shares. A new ticket
# is a market buy of shares, day: what the summary then says is checked.

# ticket_open: true once Ctrl+N, pressed in the app's window with the focus, opened the
# ticket with the focus in its Symbol field, and the ticket's window has the X focus
ticket_open() {
  local ticket=
  timeout 30 xdotool windowfocus --sync "$XID" 2>/dev/null
  wait_report 'r["active"] and not r["ticket"]["open"]' 30 || return 1
  xdotool key --window "$XID" ctrl+n
  wait_report 'r["ticket"]["open"] and r["ticket"]["focus"] == "ticket-symbol"' 60 || return 1
  ticket=$(timeout 30 xdotool search --sync --onlyvisible --name '^New Order$' 2>/dev/null |
    head -n 1)
  [ -n "$ticket" ] || return 1
  for _ in $(seq 150); do
    [ "$(xdotool getwindowfocus -f 2>/dev/null)" = "$ticket" ] && return 0
    sleep 0.2
  done
  return 1
}

# ticket_type SYMBOL QTY: the symbol typed, the asset looked up (its name and last price
# shown), Tab to Shares; returns 2 when the asset did not come, 1 on any other failure
ticket_type() {
  xdotool type --delay 60 "$1"
  wait_report 'r["ticket"]["symbol"] == a[0] and r["ticket"]["asset"] and r["ticket"]["last_price"] and r["ticket"]["focus"] == "ticket-symbol"' 60 "$1" ||
    return 2
  xdotool key --delay 60 Tab Tab Tab Tab Tab
  wait_report 'r["ticket"]["focus"] == "ticket-qty"' 30 || return 1
  xdotool type --delay 60 "$2"
}
# what the ticket sums up for a market buy of a[1] a[0], day, once valid
TICKET_SUMMED='r["ticket"]["open"] and r["ticket"]["valid"] and r["ticket"]["error_field"] is None and r["ticket"]["side"] == "buy" and r["ticket"]["summary"].startswith("Buy %s %s at market, day order" % (a[1], a[0])) and r["ticket"]["confirmation"] is None'

# ticket_confirm: Enter in the form opens the confirmation; Enter in it (and in the
# precaution's, for a large order) places the order. True once the order is being sent.
ticket_confirm() {
  xdotool key Return
  wait_report 'r["ticket"]["confirmation"] == "confirm" and not r["ticket"]["submitting"]' 30 ||
    return 1
  snapshot ticket-confirm
  xdotool key Return
  wait_report 'not r["ticket"]["open"] or r["ticket"]["submitting"] or r["ticket"]["broker_error"] or r["ticket"]["confirmation"] == "precaution"' 30 ||
    return 1
  if report_test 'r["ticket"]["open"] and r["ticket"]["confirmation"] == "precaution"'; then
    xdotool key Return
    wait_report 'not r["ticket"]["open"] or r["ticket"]["submitting"] or r["ticket"]["broker_error"]' 30 ||
      return 1
  fi
  return 0
}

# ticket_place_order SYMBOL QTY: the four checks of a market buy placed in the ticket;
# sets TICKET_PLACED once the ticket closed on the order placed
ticket_place_order() {
  local step=ok rc
  TICKET_PLACED=
  if ticket_open; then
    ok "Ctrl+N opens the order ticket with the focus in its Symbol field"
  else
    step=; not_ok "Ctrl+N opens the order ticket with the focus in its Symbol field" "$(diag)" "$(applog)"
  fi
  rc=1
  [ -n "$step" ] && { ticket_type "$1" "$2"; rc=$?; }
  if [ $rc != 2 ] && [ -n "$step" ]; then
    ok "the symbol typed in the ticket brings $1's name and last price"
  else
    step=; not_ok "the symbol typed in the ticket brings $1's name and last price" "$(diag)" "$(applog)"
  fi
  if [ $rc = 0 ] && [ -n "$step" ] && wait_report "$TICKET_SUMMED" 30 "$1" "$2"; then
    ok "Tab to Shares, $2 typed: the ticket sums it up as a market buy of $2 $1, day"
  else
    step=; not_ok "Tab to Shares, $2 typed: the ticket sums it up as a market buy of $2 $1, day" "$(diag)" "$(applog)"
  fi
  if [ -n "$step" ] && ticket_confirm &&
     wait_report 'not r["ticket"]["open"]' 90; then
    TICKET_PLACED=1
    ok "Enter opens the confirmation, Enter in it places the order and closes the ticket"
  else
    not_ok "Enter opens the confirmation, Enter in it places the order and closes the ticket" "$(diag)" "$(applog)"
  fi
}
NEW_ORDER='any(o["symbol"] == a[0] and o["qty"] == a[1] and o["id"] not in a[2].split() for o in r["orders-listed"])'
NEW_ORDER_ID='[o["id"] for o in r["orders-listed"] if o["symbol"] == a[0] and o["qty"] == a[1] and o["id"] not in a[2].split()][0]'


# point TARGET-EXPRESSION [ARG…]: the pointer to the middle of the box the report gives
# (window coordinates), with real X input
point() {
  local box
  box=$(report_print "$@" 2>/dev/null) || return 1
  set -- $(echo "$box" | tr -d '[],')
  [ $# -eq 4 ] || return 1
  xdotool mousemove --window "$XID" $(($1 + $3 / 2)) $(($2 + $4 / 2))
}

# press TARGET-EXPRESSION [ARG…]: a click there
press() { point "$@" && xdotool click 1; }

# which orders the Orders page shows: the demo's past has filled orders in every screenful,
# open orders are never filled
ALL_SHOWN='r["view"] == "orders" and any("Filled" in c for c in rows)'
OPEN_SHOWN='r["view"] == "orders" and len(rows) > 0 and not any("Filled" in c for c in rows)'

# scroll_orders_until CONDITION [ARG…]: scrolls the Orders page's list up with the mouse wheel
# until the report satisfies CONDITION (a row that came in above the rows on screen stays out
# of sight: the list keeps the rows shown where they are)
scroll_orders_until() {
  local cond=$1
  shift
  for _ in $(seq 10); do
    wait_report "$cond" 0 "$@" && return 0
    point 'r["orders-on-screen"][0]["row"]' || return 1
    xdotool click --repeat 5 --delay 50 4
    wait_report "$cond" 5 "$@" && return 0
  done
  return 1
}

# press_until TARGET-EXPRESSION CONDITION [ARG…]: presses until the report satisfies
# CONDITION; a loaded machine may take long to answer, and a menu may close when its list
# is refreshed under it, so it presses again after 10 s (at most 6 times)
press_until() {
  local target=$1 cond=$2
  shift; shift
  for _ in 1 2 3 4 5 6; do
    wait_report "$cond" 0 "$@" && return 0
    press "$target" "$@" && wait_report "$cond" 10 "$@" && return 0
  done
  return 1
}

echo "1..16"

# 0. the notification server owns its name on this bus before the app starts
"$NOTIFICATION_SERVER" >"$W/notifications.jsonl" 2>"$W/notification-server.err" &
NOTIFY_PID=$!
for _ in $(seq 300); do grep -q '"ready"' "$W/notifications.jsonl" && break; sleep 0.1; done

rm -f "$W/report.json"
XDG_DATA_HOME=$W/approve/data PADDOCK_TEST_REPORT=$W/report.json "$APP" --demo \
  >"$W/app.log" 2>&1 &
APP_PID=$!

# 1. paddock --demo: the demo account with its history, live updates on
if grep -q '"ready"' "$W/notifications.jsonl" &&
   wait_report 'r["page"] == "account" and r.get("badge") == "Demo" and len(r.get("positions-listed", {})) > 0 and r.get("stream") == "Live updates" and "xid" in r' 180; then
  ok "paddock --demo shows the demo account, its positions and live updates"
else
  not_ok "paddock --demo shows the demo account, its positions and live updates" "$(diag)" "$(applog)" "$W/notification-server.err"
fi
XID=$(report_print 'r["xid"]' 2>/dev/null)
SANDBOX=$(grep -o "the demo brokerage serves http://127.0.0.1:[0-9]*" "$W/app.log" | head -n 1 | sed 's|.* serves ||')
TOKEN=$(G_MESSAGES_DEBUG= secret-tool lookup xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null)
# the market stands still: only this test's orders fill (the demo's open limit orders
# would fill when it walks to them, and notify too)
control /_sandbox/tick_interval '{"milliseconds":0}'

# an asset of the demo the account does not hold: its position appears with the first fill
SYM=$(api GET "/paper/v2/assets?status=active" | python3 -c '
import json, sys
held = json.load(open(sys.argv[1])).get("positions-listed", {})
assets = dict((a["symbol"], a) for a in json.load(sys.stdin))
for s in ("GOOGL", "AMZN", "META", "NFLX", "ADBE", "COST", "JPM", "V", "KO", "PEP"):
    if s in assets and assets[s].get("tradable") and s not in held:
        print(s); break' "$W/report.json" 2>/dev/null)
echo "# trading $SYM"

# 2. a click on the view switcher shows the Orders page, and one on All lists every order
if [ -n "$XID" ] && [ -n "$SANDBOX" ] && [ -n "$TOKEN" ] && [ -n "$SYM" ] &&
   press_until 'r["targets"]["view:Orders"]' 'r["view"] == "orders"' &&
   press_until 'r["targets"]["orders-all-toggle"]' "$ALL_SHOWN"; then
  ok "a click on Orders, then on All, shows the demo's orders, past ones too"
else
  not_ok "a click on Orders, then on All, shows the demo's orders, past ones too" "$(diag)" "$(applog)"
fi
snapshot orders-all

# 3. a market order placed in the ticket while the app runs fills in the Orders page, with
#    its row, while the window has the focus. Every GET of the order list fails meanwhile: only the
#    trade-updates websocket can bring it.
timeout 30 xdotool windowfocus --sync "$XID" 2>/dev/null
wait_report 'r["active"]' 30
control /_sandbox/faults '{"method":"GET","path":"/paper/v2/orders","kind":"status","param":500,"count":-1}'
place_market_order "$SYM" 3
FIRST=$PLACED
shown=
if [ -n "$FIRST" ] &&
   wait_report 'listed.get(a[0], {}).get("status") == "filled" and listed[a[0]]["filled_qty"] == "3" and r["active"]' 90 "$FIRST" &&
   scroll_orders_until 'listed[a[0]]["status"] == "filled" and any(c[1:5] == [a[1], "Buy", "Market", "3"] and c[5].startswith("3 at $") and "Filled" in c for c in rows) and r["active"]' "$FIRST" "$SYM"; then
  shown=1
fi
snapshot first-fill
# 4. (a fill makes the app fetch the positions again, a GET that still works)
positioned=
wait_report 'r.get("positions-listed", {}).get(a[0]) == "3"' 60 "$SYM" && positioned=1
# (the brokerage's own word on it is read once GETs of orders work again)
curl -s --max-time 30 -X DELETE "$SANDBOX/_sandbox/faults" >/dev/null
if [ -n "$shown" ] && [ "$(order_status "$FIRST")" = filled ]; then
  ok "a market order for 3 $SYM shows in the Orders page as Filled (from the stream alone)"
else
  not_ok "a market order for 3 $SYM shows in the Orders page as Filled (from the stream alone)" "$(diag)" "$(applog)"
fi

# 4. ... and its position appears in the Positions page
if [ -n "$positioned" ]; then
  ok "the new position of 3 $SYM appears in the Positions page"
else
  not_ok "the new position of 3 $SYM appears in the Positions page" "$(diag)" "$(applog)"
fi

# 5. an open limit order is canceled in the Orders page: a click on its row's menu button,
#    a click on Cancel Order; the brokerage has it canceled
LIMIT=$(api POST /paper/v2/orders \
  "{\"symbol\":\"$SYM\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"1.23\",\"time_in_force\":\"gtc\"}" |
  json_get id)
LIMIT_ROW='[row for row in r["orders-on-screen"] if row["cells"][1:8] == [a[0], "Buy", "Limit", "1", "0", "$1.23", "New"]]'
# the open menu's Cancel Order, for the limit order (a[1]): a row that moved under the pointer
# between the report and the click opens another order's menu, which this is not
LIMIT_CANCEL='[m for m in r["menu-items"] if m["text"].replace("_", "") == "Cancel Order" and m["action"] == "orders.cancel" and m["target"] == a[1]]'
canceled=
if [ -n "$LIMIT" ] &&
   press_until 'r["targets"]["orders-open-toggle"]' "$OPEN_SHOWN"' and listed.get(a[0], {}).get("status") == "new"' "$LIMIT" &&
   scroll_orders_until "len($LIMIT_ROW) == 1" "$SYM" &&
   press_until "$LIMIT_ROW[0][\"actions\"]" "len($LIMIT_CANCEL) == 1" "$SYM" "$LIMIT" &&
   snapshot menu &&
   press "$LIMIT_CANCEL[0][\"box\"]" "$SYM" "$LIMIT"; then
  for _ in $(seq 120); do
    [ "$(order_status "$LIMIT")" = canceled ] && canceled=1 && break
    sleep 0.5
  done
fi 2>/dev/null
if [ -n "$canceled" ]; then
  ok "Cancel Order in the open limit order's row menu cancels it at the brokerage"
else
  not_ok "Cancel Order in the open limit order's row menu cancels it at the brokerage" "$(diag)" "$(applog)"
fi

# 6. ... and the Orders page says canceled: gone from Open, Canceled under All
if wait_report "len($LIMIT_ROW) == 0 and listed.get(a[1], {}).get(\"status\") == \"canceled\"" 60 "$SYM" "$LIMIT" &&
   press_until 'r["targets"]["orders-all-toggle"]' "$ALL_SHOWN" &&
   scroll_orders_until 'any(c[1:8] == [a[0], "Buy", "Limit", "1", "0", "$1.23", "Canceled"] for c in rows)' "$SYM"; then
  ok "the Orders page shows the limit order as Canceled"
else
  not_ok "the Orders page shows the limit order as Canceled" "$(diag)" "$(applog)"
fi
snapshot canceled

# 7. the broker's refusal in the ticket: an order far above the buying power (the ticket
#    warns, the precaution asks again) is refused by the brokerage; the ticket shows the
#    broker's words and keeps the form; Escape closes it; the brokerage has no such order
HUGE=1000000
refused=
if ticket_open && ticket_type "$SYM" $HUGE &&
   wait_report "$TICKET_SUMMED"' and r["ticket"]["over_buying_power"]' 30 "$SYM" $HUGE &&
   snapshot ticket-huge && ticket_confirm &&
   wait_report 'r["ticket"]["open"] and not r["ticket"]["submitting"] and r["ticket"]["broker_error"]' 90 &&
   report_test "$TICKET_SUMMED"' and "insufficient buying power" in r["ticket"]["broker_error"] and r["ticket"]["confirmation"] is None' "$SYM" $HUGE; then
  refused=1
fi
snapshot ticket-refused
if [ -n "$refused" ]; then
  ok "an order for $HUGE $SYM: the ticket shows the broker's refusal and keeps the form"
else
  not_ok "an order for $HUGE $SYM: the ticket shows the broker's refusal and keeps the form" "$(diag)" "$(applog)"
fi
# (what the brokerage has for the symbol: the first order is there, none for $HUGE)
none_huge() {
  api GET "/paper/v2/orders?status=all&limit=500&symbols=$SYM" | python3 -c '
import json, sys
orders = json.load(sys.stdin)
sys.exit(0 if any(o["id"] == sys.argv[1] for o in orders)
         and not any(o["qty"] == sys.argv[2] for o in orders) else 1)' "$FIRST" $HUGE 2>/dev/null
}
if [ -n "$refused" ] && xdotool key Escape && wait_report 'not r["ticket"]["open"]' 30 &&
   [ -n "$FIRST" ] && none_huge; then
  ok "Escape closes the refused ticket, and the brokerage has no order for $HUGE $SYM"
else
  not_ok "Escape closes the refused ticket, and the brokerage has no order for $HUGE $SYM" "$(diag)" "$(applog)"
fi

# 8. another window takes the focus; a fill now raises a desktop notification that names
#    the symbol and says it filled
xmessage -geometry +1000+650 "another window" >/dev/null 2>&1 &
OTHER_PID=$!
other=$(timeout 30 xdotool search --sync --onlyvisible --class xmessage 2>/dev/null | head -n 1)
[ -n "$other" ] && timeout 30 xdotool windowfocus --sync "$other" 2>/dev/null
SECOND=
if [ -n "$other" ] && wait_report 'r["active"] == False' 30; then
  SECOND=$(place_market_order_through_api "$SYM" 2)
fi
notified() { # notified QTY: the notification server printed the one for QTY $SYM bought
  python3 - "$W/notifications.jsonl" "$SYM" "$1" <<'PY'
import json, sys
path, symbol, qty = sys.argv[1:]
shown = [json.loads(line) for line in open(path) if '"summary"' in line]
sys.exit(0 if any(n["summary"].startswith("Bought %s %s at $" % (qty, symbol))
                  and "filled" in n["body"] for n in shown) else 1)
PY
}
for _ in $(seq 300); do [ -n "$SECOND" ] && notified 2 && break; sleep 0.2; done
if [ -n "$SECOND" ] && notified 2 &&
   wait_report 'listed.get(a[0], {}).get("status") == "filled" and r["active"] == False' 60 "$SECOND"; then
  ok "a fill while another window has the focus raises a notification naming $SYM, filled"
else
  not_ok "a fill while another window has the focus raises a notification naming $SYM, filled" "$W/notifications.jsonl" "$(diag)" "$(applog)"
fi

# 9. the fill while the window had the focus raised none (the server gets the app's calls in
#    the order they were made: the first fill's would be in the file before the second's)
if [ -n "$SECOND" ] && notified 2 && ! notified 3 &&
   [ "$(grep -c '"summary"' "$W/notifications.jsonl")" = 1 ]; then
  ok "no notification for the fill while the window had the focus"
else
  not_ok "no notification for the fill while the window had the focus" "$W/notifications.jsonl"
fi

# 10. no token in what the app, the browser or the notification server printed
if [ ${#TOKEN} -ge 16 ] && ! grep -rqF -- "$TOKEN" "$W"; then
  ok "no token in the app's, the browser's or the notification server's output"
else
  not_ok "no token in the app's, the browser's or the notification server's output"
fi

gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
  quit '[]' '{}' >/dev/null 2>&1
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done

exit $((failed > 0))
