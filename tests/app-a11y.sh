#!/bin/bash
# app-a11y.sh: the accessibility walk. The real app, with its accessibility tree exported
# over AT-SPI (an at-spi-bus-launcher on this test's private session bus), is taken through
# each main page — the welcome, each step of the sign-in assistant, the waiting page, the
# overview, Positions, Orders, Activity, Markets, a symbol window, the order ticket and
# Preferences — and tests/a11y-walk.py reads each page the way a screen reader does: an
# unlabeled control, an icon-only button without a tooltip, a control the keyboard cannot
# reach or a focusable one no one sees fails the page. Run through
#   keyring-env.sh xvfb-run app-a11y.sh
# (a real keyring and X server). The sign-in is the demo's, through a headless Chromium.
# `app-a11y.sh --plant` adds an unlabeled button to the welcome page
# (PADDOCK_TEST_PLANT_UNLABELED): the walk must then report it, and only it.
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
S=${PADDOCK_SRCDIR:?}
APP=$B/src/paddock
WALK="/usr/bin/python3 $S/tests/a11y-walk.py"
LAUNCHER=/usr/libexec/at-spi-bus-launcher

if [ ! -d "$S/tests/node_modules/playwright-core" ]; then
  echo "1..0 # SKIP playwright-core is not installed (run: cd tests && npm ci)"
  exit 0
fi
if [ ! -x "${PADDOCK_CHROMIUM:-/usr/bin/chromium}" ] || [ -z "${DISPLAY:-}" ] ||
   [ "${PADDOCK_KEYRING_ENV:-}" != keyring ]; then
  echo "1..0 # SKIP needs Chromium, an X display and keyring-env.sh"
  exit 0
fi
if [ ! -x $LAUNCHER ] ||
   ! /usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0")' 2>/dev/null; then
  echo "1..0 # SKIP needs at-spi2-core and gir1.2-atspi-2.0 (build-aux/install-deps.sh)"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-app-a11y.XXXXXX")
APP_PID=
BUS_PID=
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  if [ -n "$BUS_PID" ]; then kill "$BUS_PID" 2>/dev/null; wait "$BUS_PID" 2>/dev/null; fi
  rm -rf "$W"
}
trap cleanup EXIT

. "$(dirname "$0")/tap.sh"
TAP_TAIL=40

# the accessibility tree goes out over AT-SPI: not what the other GUI tests want
unset GTK_A11Y NO_AT_BRIDGE
export GSK_RENDERER=cairo GSETTINGS_BACKEND=keyfile
export G_DEBUG=gc-friendly
unset GTK_THEME

# the accessibility bus of this session (its launcher starts the registry with it)
$LAUNCHER --launch-immediately >"$W/bus.log" 2>&1 &
BUS_PID=$!

# the http handler first only notes the consent page's address, so the waiting page stays;
# the test then opens that address in the Chromium that clicks Approve
bash "$S/tests/browser/install-handler.sh" "$W/approve" approve
mkdir -p "$W/hold/data/applications"
printf '#!/bin/sh\necho "$1" >>%s/hold/urls.txt\n' "$W" >"$W/hold/record.sh"
chmod +x "$W/hold/record.sh"
cat >"$W/hold/data/applications/paddock-test-hold.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Paddock test URL recorder
Exec=$W/hold/record.sh %u
MimeType=x-scheme-handler/http;x-scheme-handler/https;
NoDisplay=true
DESKTOP
printf '[Default Applications]\nx-scheme-handler/http=paddock-test-hold.desktop\nx-scheme-handler/https=paddock-test-hold.desktop\n' \
  >"$W/hold/data/applications/mimeapps.list"

DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock

activate() { # activate ACTION [PARAMETER-LIST]
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    "$1" "${2:-[]}" '{}' >/dev/null
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

# walk LABEL WINDOW-REGEX: one TAP line for the page shown now
walk() {
  local label=$1 regex=$2
  # the tree follows the widgets a moment later
  sleep 1
  if $WALK check "$label" "$regex" >"$W/walk.out" 2>&1; then
    ok "$label: every control is named and reachable ($(head -n 1 "$W/walk.out"))"
  else
    not_ok "$label: every control is named and reachable" "$W/walk.out"
  fi
}

# press NAME-REGEX [WINDOW-REGEX]: clicks a control through its accessible action
press() {
  $WALK press "$@" >>"$W/press.out" 2>&1
}

MAIN='^Paddock$'

if [ "${1:-}" = "--plant" ]; then
  echo "1..1"
  PADDOCK_TEST_PLANT_UNLABELED=1 XDG_DATA_HOME=$W/hold/data \
    PADDOCK_TEST_REPORT=$W/report.json "$APP" >"$W/app.log" 2>&1 &
  APP_PID=$!
  wait_report 'r["page"] == "welcome"' 30
  sleep 1
  $WALK check "welcome" "$MAIN" >"$W/walk.out" 2>&1
  rc=$?
  if [ $rc = 1 ] &&
     grep -q "unlabeled: push button “GtkImage”" "$W/walk.out" &&
     grep -q "icon-only without a tooltip: push button “GtkImage”" "$W/walk.out" &&
     [ "$(wc -l <"$W/walk.out")" = 3 ]; then
    ok "the walk finds the planted unlabeled icon-only button, and only it"
  else
    not_ok "the walk finds the planted unlabeled icon-only button, and only it (exit $rc)" "$W/walk.out"
  fi
  exit $((failed > 0))
fi

echo "1..13"
XDG_DATA_HOME=$W/hold/data PADDOCK_TEST_REPORT=$W/report.json "$APP" >"$W/app.log" 2>&1 &
APP_PID=$!

wait_report 'r["page"] == "welcome"' 30
walk "welcome" "$MAIN"

activate sign-in
wait_report 'r["page"] == "assistant"' 30
walk "sign-in: environment" "$MAIN"
press 'Next' "$MAIN"
walk "sign-in: permissions" "$MAIN"
press 'Next' "$MAIN"
walk "sign-in: your OAuth app" "$MAIN"

activate try-demo
for _ in $(seq 150); do [ -s "$W/hold/urls.txt" ] && break; sleep 0.2; done
wait_report 'r["page"] == "waiting"' 30
walk "waiting" "$MAIN"

# now the browser approves, and the account comes
"$W/approve/open-url.sh" "$(head -n 1 "$W/hold/urls.txt")" &
if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 90; then
  walk "overview" "$MAIN"
else
  not_ok "the demo account is shown" "$W/report.json" "$W/app.log" "$W/approve/browser.log"
fi

for view in Positions Orders Activity Markets; do
  lower=$(echo "$view" | tr '[:upper:]' '[:lower:]')
  press "^$view\$" "$MAIN"
  if wait_report "r.get('view') == '$lower'" 20; then
    walk "$view" "$MAIN"
  else
    not_ok "$view is shown" "$W/report.json" "$W/press.out"
  fi
done

activate open-symbol "[<'AAPL'>]"
if wait_report 'len(r.get("symbols") or []) > 0 and (r["symbols"][0].get("bars") or 0) > 0' 60; then
  walk "symbol window" '^AAPL'
else
  not_ok "the symbol window is shown" "$W/report.json" "$W/app.log"
fi

activate new-order
if wait_report 'r.get("ticket") is not None' 30; then
  walk "order ticket" '^New Order$'
else
  not_ok "the order ticket is shown" "$W/report.json" "$W/app.log"
fi

activate preferences
sleep 1
walk "Preferences" '^Preferences$'

gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
  quit '[]' '{}' >/dev/null 2>&1
for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done

exit $((failed > 0))
