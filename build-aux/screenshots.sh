#!/bin/bash
# screenshots.sh [BUILDDIR]: takes the screenshots under data/screenshots/ from the real
# app under Xvfb: the welcome page, the waiting page, the account overview (and again with
# its portfolio chart's cross-hair on a point: chart-hover) and the order
# ticket (opened with app.new-order, filled in by PADDOCK_TEST_TICKET_PREFILL), in the light
# and the dark style (and the Positions, Orders and Activity pages, below), at the default window size, in American English (a private locale, so
# money has its grouping). The app runs in its demo: a private keyring, the in-app sandbox,
# and a headless Chromium as the browser, which this script holds on the consent page for
# the waiting page and then lets approve. The app itself writes each page it shows as a PNG
# (PADDOCK_SCREENSHOT_DIR), rendered by its own renderer.
#
# Besides the default size, the same at 360 × 640 and 1920 × 1080 (with GTK's minimize,
# maximize and close buttons, as on a desktop without settings of its own), named
# NAME-360x640[-dark].png and NAME-1920x1080[-dark].png, and the Positions, Orders and
# Activity pages at those sizes (tests/test-ui-sizes). SCREENSHOT_SIZES picks the sizes
# ("default 360x640 1920x1080").
#
# SCREENSHOT_LANG=de (or fr, …) takes them in that language, under data/screenshots/LANG/:
# the build's catalogue BUILDDIR/po/LANG/LC_MESSAGES/paddock.mo must be there (the script
# stops and says so when it is not) and reaches the app through PADDOCK_LOCALEDIR.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-"$srcdir/build"}

if [ "${1:-}" = --inner ]; then
  shift
  out=$1 scheme=$2 size=${3:-default}
  W=$(mktemp -d)
  mkdir -p "$W/data/applications" "$W/shots"
  # a size other than the default: the window's remembered size, from a settings file
  # (plus the 5 px of resize border GTK draws around the window on each side: the pictures
  # are of the window itself, which then is the size asked for)
  if [ "$size" != default ]; then
    mkdir -p "$W/config/glib-2.0/settings"
    printf '[io/github/paddockapp/Paddock]\nwindow-width=%d\nwindow-height=%d\n' \
      "$((${size%x*} + 10))" "$((${size#*x} + 10))" >"$W/config/glib-2.0/settings/keyfile"
  fi
  # a browser that only writes down the address it was asked to open
  printf '#!/bin/sh\necho "$1" > %s/authorize-url\n' "$W" >"$W/hold.sh"
  chmod +x "$W/hold.sh"
  printf '[Desktop Entry]\nType=Application\nName=Hold\nExec=%s/hold.sh %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' \
    "$W" >"$W/data/applications/hold.desktop"
  printf '[Default Applications]\nx-scheme-handler/http=hold.desktop\nx-scheme-handler/https=hold.desktop\n' \
    >"$W/data/applications/mimeapps.list"

  export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
  [ "$size" = default ] || export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$W/config
  export ADW_DEBUG_COLOR_SCHEME=$scheme
  # the chart's cross-hair on a point two-thirds along, for chart-hover.png after account.png
  XDG_DATA_HOME=$W/data PADDOCK_SCREENSHOT_DIR=$W/shots PADDOCK_TEST_TICKET_PREFILL=AAPL,buy,10 \
    PADDOCK_TEST_CHART_CROSSHAIR=14 \
    "$BUILDDIR/src/paddock" &
  app=$!
  wait_for() { for _ in $(seq 600); do [ -s "$1" ] && return 0; sleep 0.1; done; echo "no $1" >&2; return 1; }

  wait_for "$W/shots/welcome.png"
  gdbus call --session --dest io.github.paddockapp.Paddock --object-path /io/github/paddockapp/Paddock \
    --method org.gtk.Actions.Activate try-demo '[]' '{}' >/dev/null
  wait_for "$W/authorize-url"
  wait_for "$W/shots/waiting.png"
  node "$SRCDIR/tests/browser/consent.js" "$(cat "$W/authorize-url")" approve >/dev/null
  wait_for "$W/shots/account.png"
  wait_for "$W/shots/chart-hover.png"
  sleep 1
  # the order ticket over the overview, once its symbol's asset and last price are shown
  gdbus call --session --dest io.github.paddockapp.Paddock --object-path /io/github/paddockapp/Paddock \
    --method org.gtk.Actions.Activate new-order '[]' '{}' >/dev/null
  wait_for "$W/shots/ticket.png"
  sleep 1
  gdbus call --session --dest io.github.paddockapp.Paddock --object-path /io/github/paddockapp/Paddock \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null || kill $app
  wait $app || true

  suffix=
  [ "$size" = default ] || suffix=-$size
  [ "$scheme" = prefer-dark ] && suffix=$suffix-dark
  cp "$W/shots/welcome.png" "$out/welcome$suffix.png"
  cp "$W/shots/waiting.png" "$out/waiting$suffix.png"
  cp "$W/shots/account.png" "$out/overview$suffix.png"
  cp "$W/shots/chart-hover.png" "$out/chart-hover$suffix.png"
  if [ "$size" = default ]; then
    ticket_name=ticket-light
    [ "$scheme" = prefer-dark ] && ticket_name=ticket-dark
  else
    ticket_name=ticket$suffix
  fi
  cp "$W/shots/ticket.png" "$out/$ticket_name.png"
  # the window came out at the size asked for
  if [ "$size" != default ]; then
    got=$(python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$out/welcome$suffix.png")
    if [ "$got" != "$size" ]; then
      echo "screenshots.sh: the window is $got, not $size" >&2
      exit 1
    fi
  fi
  rm -rf "$W"
  exit 0
fi

[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir"
ninja -C "$builddir"
[ -d "$srcdir/tests/node_modules/playwright-core" ] || (cd "$srcdir/tests" && npm ci --no-audit --no-fund)

# The language: American English by default, else SCREENSHOT_LANG with its catalogue, each
# in a private locale (money with its grouping) without touching the system's locales
lang=${SCREENSHOT_LANG:-en}
case "$lang" in
  en) locale=en_US ;;
  *_*) locale=$lang ;;
  *) locale=${lang}_$(echo "$lang" | tr '[:lower:]' '[:upper:]') ;;
esac
shots=$srcdir/data/screenshots
if [ "$lang" != en ]; then
  mo=$builddir/po/${lang%%_*}/LC_MESSAGES/paddock.mo
  if [ ! -f "$mo" ]; then
    echo "screenshots.sh: no ${lang} translation in this build ($mo is missing):" >&2
    echo "  add ${lang%%_*} to po/LINGUAS and build, or take them with SCREENSHOT_LANG=en" >&2
    exit 1
  fi
  shots=$srcdir/data/screenshots/$lang
fi
locales=$(mktemp -d)
trap 'rm -rf "$locales"' EXIT
if ! localedef -i "$locale" -f UTF-8 "$locales/$locale.UTF-8" 2>/dev/null &&
   [ ! -d "$locales/$locale.UTF-8" ]; then
  echo "screenshots.sh: cannot make the locale $locale.UTF-8 (localedef)" >&2
  exit 1
fi
export LOCPATH=$locales LANG=$locale.UTF-8 LC_ALL=$locale.UTF-8 LANGUAGE=$locale
[ "$lang" = en ] || export PADDOCK_LOCALEDIR=$builddir/po

export BUILDDIR=$builddir SRCDIR=$srcdir GSETTINGS_SCHEMA_DIR=$builddir/data
sizes=${SCREENSHOT_SIZES:-default 360x640 1920x1080}
mkdir -p "$shots"
for size in $sizes; do
  # a screen that holds the biggest window
  screen=1280x800x24
  [ "$size" = default ] || screen=2000x1200x24
  for scheme in default prefer-dark; do
    "$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 $screen" \
      "$0" --inner "$shots" "$scheme" "$size"
  done
done
# Positions, Orders and Activity at 360 × 640 and 1920 × 1080, light and dark, in their
# narrow (rows) and wide (columns) forms, drawn by the app's screenshot function in the
# size test's window
case " $sizes " in
  *" 360x640 "*|*" 1920x1080 "*)
    PADDOCK_XVFB_SCREEN=2000x1200x24 "$srcdir/tests/xvfb-env.sh" env \
      PADDOCK_SCREENSHOT_DIR="$shots" PADDOCK_SCREENSHOT_SIZES="$sizes" G_DEBUG=fatal-warnings \
      GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
      "$builddir/tests/test-ui-sizes" -p /ui-sizes/screenshots ;;
esac
case " $sizes " in
  *" default "*) ;;
  *) ls -l "$shots"; exit 0 ;;
esac
# Positions, Orders and Activity with the demo brokerage's history, drawn by the same
# screenshot function in the GUI test's window (until the app's pages are bound to the
# session's stores, its own pages have nothing to show)
"$srcdir/tests/xvfb-env.sh" env PADDOCK_SCREENSHOT_DIR="$shots" \
  G_DEBUG=fatal-warnings GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
  "$builddir/tests/test-ui-pages" -p /ui/pages/screenshots
# the Markets page (a watchlist with prices, the movers) against the in-process sandbox
"$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 1280x800x24" \
  env PADDOCK_SCREENSHOT_DIR="$shots" GSK_RENDERER=cairo \
  G_DEBUG=fatal-warnings GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1 \
  "$builddir/tests/test-ui-markets" -p /ui-markets/screenshots
# the symbol window of AAPL with its candles and news, light and dark, drawn the same way
"$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 1280x800x24" env \
  PADDOCK_SCREENSHOT_DIR="$shots" GSETTINGS_BACKEND=memory GTK_A11Y=none \
  NO_AT_BRIDGE=1 "$builddir/tests/test-ui-symbol" -p /ui/symbol/screenshots
# Account Settings and Preferences (General, Sign-In), light and dark, drawn the same way
"$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 1280x800x24" env \
  PADDOCK_SCREENSHOT_DIR="$shots" GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
  GTK_A11Y=none NO_AT_BRIDGE=1 PADDOCK_SRCDIR="$srcdir" \
  "$builddir/tests/test-ui-settings" -p /ui/settings/screenshots
ls -l "$shots"
