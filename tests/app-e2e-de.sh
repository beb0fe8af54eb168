#!/bin/bash
# app-e2e-de.sh: the real app in German, a shorter walk than app-e2e.sh: the welcome page,
# Try the Demo through the browser, the overview and the Positions page. The app runs with
# LANGUAGE=de under LC_ALL=C.UTF-8 (gettext ignores LANGUAGE under the plain C locale; the
# C.UTF-8 of glibc ≥ 2.35 needs no generated locale) and the build tree's translations
# (PADDOCK_LOCALEDIR=BUILDDIR/po, a test-only hook of src/main.c). Its accessibility
# tree goes out over AT-SPI (an at-spi-bus-launcher on this test's private session bus), and
# tests/l10n-walk.py reads each page: the German texts asked for must be shown, and no
# English message of po/de.po whose German differs. First the same walk is shown to catch
# the English app (no LANGUAGE): it must fail, naming the English welcome text. Run through
#   keyring-env.sh xvfb-run app-e2e-de.sh
# (a real keyring and X server); the sign-in is the demo's, through a headless Chromium.
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

B=${PADDOCK_BUILDDIR:?}
S=${PADDOCK_SRCDIR:?}
APP=$B/src/paddock
PO=$S/po/de.po
WALK="/usr/bin/python3 $S/tests/l10n-walk.py $PO"
PRESS="/usr/bin/python3 $S/tests/a11y-walk.py press"
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

echo "1..6"
. "$(dirname "$0")/tap.sh"
TAP_TAIL=40

# the translations the app is to find, and a locale under which gettext honours LANGUAGE
if [ ! -f "$B/po/de/LC_MESSAGES/paddock.mo" ]; then
  not_ok "the build tree has the German translations ($B/po/de/LC_MESSAGES/paddock.mo)"
  exit 1
fi
if ! LC_ALL=C.UTF-8 TEXTDOMAINDIR=$B/po LANGUAGE=de gettext -d paddock "Welcome to Paddock" |
     grep -qx "Willkommen bei Paddock"; then
  not_ok "gettext finds the German welcome text under LC_ALL=C.UTF-8 LANGUAGE=de"
  exit 1
fi
ok "gettext finds the German welcome text under LC_ALL=C.UTF-8 LANGUAGE=de"

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-app-e2e-de.XXXXXX")
APP_PID=
BUS_PID=
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  if [ -n "$BUS_PID" ]; then kill "$BUS_PID" 2>/dev/null; wait "$BUS_PID" 2>/dev/null; fi
  rm -rf "$W"
}
trap cleanup EXIT

# the accessibility tree goes out over AT-SPI
unset GTK_A11Y NO_AT_BRIDGE
export GSK_RENDERER=cairo GSETTINGS_BACKEND=keyfile
export G_DEBUG=gc-friendly
unset GTK_THEME LC_MESSAGES LANG LANGUAGE

$LAUNCHER --launch-immediately >"$W/bus.log" 2>&1 &
BUS_PID=$!

bash "$S/tests/browser/install-handler.sh" "$W/approve" approve

DEST=io.github.paddockapp.Paddock
OBJ=/io/github/paddockapp/Paddock
MAIN='^Paddock$'

activate() { # activate ACTION
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    "$1" '[]' '{}' >/dev/null
}

stop_app() {
  gdbus call --session --dest $DEST --object-path $OBJ --method org.gtk.Actions.Activate \
    quit '[]' '{}' >/dev/null 2>&1
  for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill "$APP_PID" 2>/dev/null
  wait "$APP_PID" 2>/dev/null
  APP_PID=
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

# the report, with the line end it lacks, for not_ok
report() { { cat "$W/report.json" 2>/dev/null; echo; } >"$W/report.txt"; echo "$W/report.txt"; }

# walk_until OUT TEXT…: the walk of the main window, again until it passes (the tree follows
# the widgets a moment later), at most 10 s; its last output in OUT
walk_until() {
  local out=$1; shift
  for _ in $(seq 10); do
    sleep 1
    $WALK "$MAIN" "$@" >"$out" 2>&1 && return 0
  done
  return 1
}

# 2. the walk catches the English app: same PO, same texts asked for, no LANGUAGE
rm -f "$W/report.json"
XDG_DATA_HOME=$W/approve/data PADDOCK_TEST_REPORT=$W/report.json LC_ALL=C.UTF-8 \
  "$APP" >"$W/english.log" 2>&1 &
APP_PID=$!
if wait_report 'r["page"] == "welcome"' 30; then
  sleep 2
  $WALK "$MAIN" "Willkommen bei Paddock" >"$W/english.walk" 2>&1
  rc=$?
  if [ $rc = 1 ] && grep -q "^# problem: not shown: “Willkommen bei Paddock”" "$W/english.walk" &&
     grep -q "^# problem: shown in English: “Welcome to Paddock”" "$W/english.walk"; then
    ok "the walk fails on the English app, naming “Welcome to Paddock”"
  else
    not_ok "the walk fails on the English app, naming “Welcome to Paddock” (exit $rc)" "$W/english.walk"
  fi
else
  not_ok "the English app shows the welcome page" "$(report)" "$W/english.log"
fi
stop_app

# 3. in German: the welcome page
rm -f "$W/report.json"
XDG_DATA_HOME=$W/approve/data PADDOCK_TEST_REPORT=$W/report.json LC_ALL=C.UTF-8 LANGUAGE=de \
  PADDOCK_LOCALEDIR=$B/po "$APP" >"$W/app.log" 2>&1 &
APP_PID=$!
if wait_report 'r["page"] == "welcome"' 30 &&
   walk_until "$W/welcome.walk" "Willkommen bei Paddock" "Die Demo ausprobieren" \
     "Bei Alpaca anmelden"; then
  ok "the welcome page is in German ($(head -n 1 "$W/welcome.walk"))"
else
  not_ok "the welcome page is in German" "$W/welcome.walk" "$(report)" "$W/app.log"
fi

# 4. Try the Demo: the real OAuth flow through the browser, to the overview
activate try-demo
if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 90; then
  ok "Try the Demo signs in through the browser and shows the account"
else
  not_ok "Try the Demo signs in through the browser and shows the account" "$(report)" "$W/app.log" "$W/approve/browser.log"
fi

# 5. the overview in German: its figures, its lists and the view switcher
if walk_until "$W/overview.walk" "Eigenkapital" "Barbestand" "Kaufkraft" "Offene Orders" \
     "Größte Positionen" "Übersicht" "Positionen" "Aktivität" "Märkte"; then
  ok "the overview is in German ($(head -n 1 "$W/overview.walk"))"
else
  not_ok "the overview is in German" "$W/overview.walk" "$(report)"
fi

# 6. the Positions page in German: its columns and its actions
$PRESS '^Positionen$' "$MAIN" >"$W/press.out" 2>&1
if wait_report "r.get('view') == 'positions' and r['rows']['positions'] > 0" 30 &&
   walk_until "$W/positions.walk" "Marktwert" "Unrealisierter G/V" "Alle schließen …"; then
  ok "the Positions page is in German ($(head -n 1 "$W/positions.walk"))"
else
  not_ok "the Positions page is in German" "$W/positions.walk" "$W/press.out" "$(report)"
fi
stop_app
[ -n "${PADDOCK_E2E_KEEP:-}" ] && cp "$W"/*.walk "$PADDOCK_E2E_KEEP/"

exit $((failed > 0))
