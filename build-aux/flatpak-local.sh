#!/bin/bash
# build-aux/flatpak-local.sh [--devel] [runtime|build|run|all]
#
# Builds, installs and runs Paddock's Flatpak for real with flatpak-builder, on a machine
# that cannot download the GNOME runtime: the runtime (and SDK) is assembled from Debian 12's
# packages (TESTING.md §7b). The manifest is the one in flatpak/, copied with only the
# runtime and SDK swapped for the local one (and its source directory made absolute, since
# the copy lives elsewhere). Not part of CI: the first run takes several minutes and about
# 4 GB of disk. Results of the last run: docs/PACKAGING.md.
#
#   runtime  assemble and install the local runtime (once; kept in $PADDOCK_FLATPAK_DIR)
#   build    build the app with flatpak-builder (which runs the meson tests), install it
#   run      inside the Flatpak: start, sign in to the demo through the browser handler,
#            restart and check the sign-in was kept in a keyring
#   all      the three (the default)
#
# --devel builds flatpak/io.github.paddockapp.Paddock.Devel.json instead.
#
# Needs root or a user namespace for bwrap, and: flatpak flatpak-builder mmdebstrap
# xdg-desktop-portal gnome-keyring libsecret-tools xvfb xauth dbus chromium node, and
# `npm ci` in tests/ (the browser handler drives Chromium with playwright-core).
# Flatpak's --user state goes to $PADDOCK_FLATPAK_DIR (default /var/tmp/paddock-flatpak),
# never to ~/.local.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

S=$(cd "$(dirname "$0")/.." && pwd)
FP=${PADDOCK_FLATPAK_DIR:-/var/tmp/paddock-flatpak}
export FLATPAK_USER_DIR=$FP/userdir
RUNTIME=local.paddock.DebianSdk
RUNTIME_VERSION=12
APP_ID=io.github.paddockapp.Paddock

if [ "${1:-}" = --devel ]; then
  APP_ID=$APP_ID.Devel
  shift
fi
MANIFEST=$S/flatpak/$APP_ID.json
STEP=${1:-all}

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'flatpak-local.sh: %s\n' "$*" >&2; exit 1; }

for tool in flatpak flatpak-builder mmdebstrap python3 eu-strip appstream-compose; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: flatpak flatpak-builder mmdebstrap python3 elfutils appstream-util)"
done
mkdir -p "$FP"

# The packages the manifest expects from the GNOME SDK, from Debian 12. locales-all,
# elfutils and appstream-util give what flatpak-builder itself uses (the en_US.UTF-8 locale
# it sets, eu-strip, appstream-compose; the host needs elfutils too: flatpak-builder strips
# there), so the manifest needs no override for them; tzdata
# is in the GNOME runtime too (the demo brokerage keeps New York's market hours).
# librsvg2-common lets appstream-compose (in the SDK) read the SVG icon, as in the GNOME SDK.
PACKAGES=build-essential,meson,ninja-build,pkg-config,gettext,libgtk-4-dev,libadwaita-1-dev
PACKAGES=$PACKAGES,libsoup-3.0-dev,libjson-glib-dev,libsecret-1-dev,desktop-file-utils,appstream
PACKAGES=$PACKAGES,appstream-util,elfutils,locales-all,fonts-dejavu-core,glib-networking
PACKAGES=$PACKAGES,ca-certificates,tzdata,librsvg2-common

runtime() {
  if [ ! -x "$FP/rootfs/usr/bin/meson" ]; then
    say "Assembling a Debian 12 root file system (a few minutes)"
    rm -rf "$FP/rootfs"
    mmdebstrap --variant=apt --mode=root --format=directory \
      --aptopt='APT::Install-Recommends "false"' --include="$PACKAGES" \
      bookworm "$FP/rootfs" /etc/apt/sources.list.d/debian.sources
    echo "$PACKAGES" > "$FP/rootfs.packages"
  fi
  if [ "$(cat "$FP/rootfs.packages" 2>/dev/null)" != "$PACKAGES" ]; then
    say "Adding packages to the root file system, and exporting the runtime again"
    cp /etc/resolv.conf "$FP/rootfs/etc/resolv.conf"
    chroot "$FP/rootfs" apt-get update
    chroot "$FP/rootfs" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends ${PACKAGES//,/ }
    echo "$PACKAGES" > "$FP/rootfs.packages"
    flatpak --user uninstall -y --noninteractive "$RUNTIME//$RUNTIME_VERSION" 2>/dev/null || true
  fi
  if flatpak --user info "$RUNTIME//$RUNTIME_VERSION" >/dev/null 2>&1; then
    say "Runtime $RUNTIME//$RUNTIME_VERSION is installed"
    return
  fi
  say "Exporting $RUNTIME//$RUNTIME_VERSION"
  rm -rf "$FP/rt" "$FP/rtrepo"
  mkdir -p "$FP/rt"
  cp -al "$FP/rootfs/usr" "$FP/rt/files"
  cp -a "$FP/rootfs/etc" "$FP/rt/files/etc"
  printf '/app/lib\n' > "$FP/rt/files/etc/ld.so.conf.d/app.conf"
  printf '[Runtime]\nname=%s\nruntime=%s/x86_64/%s\nsdk=%s/x86_64/%s\n' \
    "$RUNTIME" "$RUNTIME" "$RUNTIME_VERSION" "$RUNTIME" "$RUNTIME_VERSION" > "$FP/rt/metadata"
  flatpak build-export --runtime --files=files "$FP/rtrepo" "$FP/rt" "$RUNTIME_VERSION"
  flatpak --user remote-add --if-not-exists --no-gpg-verify paddock-localrt "$FP/rtrepo"
  flatpak --user install -y --noninteractive paddock-localrt "$RUNTIME//$RUNTIME_VERSION"
  rm -rf "$FP/rt"
}

# The manifest with only the runtime swapped
local_manifest() {
  python3 - "$MANIFEST" "$FP/$APP_ID.json" "$RUNTIME" "$RUNTIME_VERSION" "$S" <<'PY'
import json, os, sys
src, dst, runtime, version, top = sys.argv[1:]
m = json.load(open(src))
m["runtime"], m["runtime-version"], m["sdk"] = runtime, version, runtime
for module in m["modules"]:
    for source in module.get("sources", []):
        if source.get("type") == "dir":
            source["path"] = os.path.normpath(os.path.join(os.path.dirname(src), source["path"]))
json.dump(m, open(dst, "w"), indent=2)
PY
}

build() {
  local_manifest
  say "Building $APP_ID from $FP/$APP_ID.json (flatpak-builder runs the meson tests)"
  flatpak-builder --user --disable-rofiles-fuse --state-dir="$FP/state" --force-clean \
    --repo="$FP/apprepo" "$FP/appdir" "$FP/$APP_ID.json"
  flatpak --user remote-add --if-not-exists --no-gpg-verify paddock-localapp "$FP/apprepo"
  flatpak --user install -y --noninteractive --reinstall paddock-localapp "$APP_ID"
  flatpak --user info "$APP_ID"
}

# run: the inner part, on the private bus of `run`
run_inner() {
  W=$1
  printf '%s' test | gnome-keyring-daemon --unlock --components=secrets >"$W/keyring.env"
  # start the portal and its backends (gnome-keyring for Secret, GTK for the app chooser
  # that OpenURI needs) before the app, whose first calls would otherwise wait on them
  gdbus call --session --timeout 60 --dest org.freedesktop.portal.Desktop \
    --object-path /org/freedesktop/portal/desktop \
    --method org.freedesktop.portal.Settings.Read org.gnome.desktop.interface color-scheme \
    >/dev/null || echo "# the portal did not answer"
  DATA=$HOME/.var/app/$APP_ID
  mkdir -p "$DATA"
  REPORT=$DATA/report.json
  OBJ=/$(echo "$APP_ID" | tr . /)
  pass=0 fail=0
  result() { # result OK|FAIL TEXT
    if [ "$1" = OK ]; then pass=$((pass + 1)); echo "ok - $2"
    else fail=$((fail + 1)); echo "not ok - $2"; fi
  }
  start_app() { # start_app NAME
    rm -f "$REPORT"
    flatpak run --user --env=GTK_A11Y=none --env=GSK_RENDERER=cairo \
      --env=G_MESSAGES_DEBUG=all --env=PADDOCK_TEST_REPORT="$REPORT" \
      "$APP_ID" >"$W/$1.log" 2>&1 &
    APP_PID=$!
  }
  stop_app() {
    gdbus call --session --dest "$APP_ID" --object-path "$OBJ" \
      --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1 || true
    for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    # killing `flatpak run` would leave the sandboxed app running (it holds the loopback
    # ports): end the instance itself
    flatpak --user kill "$APP_ID" 2>/dev/null || true
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  }
  wait_report() { # wait_report PYTHON-CONDITION SECONDS
    for _ in $(seq $(($2 * 5))); do
      if [ -s "$REPORT" ] && python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))
sys.exit(0 if ($1) else 1)" "$REPORT" 2>/dev/null; then
        return 0
      fi
      sleep 0.2
    done
    return 1
  }

  start_app first
  if wait_report 'r["page"] == "welcome"' 60; then
    result OK "the Flatpak starts and shows the welcome page"
  else
    result FAIL "the Flatpak starts and shows the welcome page"
  fi
  gdbus call --session --dest "$APP_ID" --object-path "$OBJ" \
    --method org.gtk.Actions.Activate try-demo '[]' '{}' >/dev/null || true
  if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 120; then
    result OK "Try the Demo signs in through the browser handler (OpenURI portal)"
  else
    result FAIL "Try the Demo signs in through the browser handler (OpenURI portal)"
  fi
  grep -q "^http://127.0.0.1:[0-9]*/callback?" "$W/approve/redirects.txt" 2>/dev/null &&
    result OK "the host's browser was redirected to the app's loopback receiver" ||
    result FAIL "the host's browser was redirected to the app's loopback receiver"
  stop_app

  # where the token went: libsecret's file in the app's data, its key from the portal
  keyring_file=$DATA/data/keyrings/default.keyring
  if [ -s "$keyring_file" ]; then
    result OK "the token is in libsecret's keyring file in the sandbox ($keyring_file)"
  else
    result FAIL "the token is in libsecret's keyring file in the sandbox ($keyring_file)"
  fi
  if secret-tool search --all app_id "$APP_ID" 2>&1 | grep -q "app_id = $APP_ID"; then
    result OK "the host keyring holds the key the Secret portal gave the app"
  else
    result FAIL "the host keyring holds the key the Secret portal gave the app"
  fi
  if [ -z "$(secret-tool search --all xdg:schema io.github.paddockapp.Paddock.Token 2>&1)" ]; then
    result OK "no token item in the host keyring (the secrets bus name stayed closed)"
  else
    result FAIL "no token item in the host keyring (the secrets bus name stayed closed)"
  fi
  secret-tool search --all app_id "$APP_ID" >"$W/portal-item.txt" 2>&1 || true

  before=$(wc -l <"$W/approve/redirects.txt" 2>/dev/null || echo 0)
  start_app second
  if wait_report 'r["page"] == "account" and r.get("equity-value", "").startswith("$")' 90 &&
     [ "$(wc -l <"$W/approve/redirects.txt" 2>/dev/null || echo 0)" = "$before" ]; then
    result OK "after a restart the app is signed in without the browser (token kept)"
  else
    result FAIL "after a restart the app is signed in without the browser (token kept)"
  fi
  stop_app
  echo "$pass passed, $fail failed"
  flatpak --user kill "$APP_ID" 2>/dev/null || true
  [ "$fail" = 0 ]
}

run() {
  [ -d "$S/tests/node_modules/playwright-core" ] || die "run: cd tests && npm ci"
  W=$FP/run
  rm -rf "$W"
  mkdir -p "$W/home" "$W/config" "$W/cache" "$W/runtime"
  chmod 700 "$W/runtime"
  # The browser handler: a headless Chromium that approves the demo's consent page. The
  # OpenURI portal runs on the host, so it is the host's default http handler.
  bash "$S/tests/browser/install-handler.sh" "$W/approve" approve
  say "Running $APP_ID: sign in to the demo, restart (logs in $W)"
  env HOME="$W/home" XDG_CONFIG_HOME="$W/config" XDG_CACHE_HOME="$W/cache" \
    XDG_RUNTIME_DIR="$W/runtime" XDG_DATA_HOME="$W/approve/data" XDG_CURRENT_DESKTOP=GNOME \
    GTK_A11Y=none FLATPAK_USER_DIR="$FLATPAK_USER_DIR" \
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    "$0" $([ "$APP_ID" = io.github.paddockapp.Paddock ] || echo --devel) run-inner "$W" \
    2> >(grep -v 'Failed to set fd limit' >&2) | tee "$W/result.txt"
}

case $STEP in
  runtime) runtime ;;
  build) build ;;
  run) run ;;
  run-inner) run_inner "$2" ;;
  all) runtime; build; run ;;
  *) die "unknown step $STEP (runtime, build, run or all)" ;;
esac
