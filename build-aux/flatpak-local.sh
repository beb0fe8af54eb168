#!/bin/bash
# build-aux/flatpak-local.sh [--devel] [deps|runtime|build|run|all]
#
# Builds, installs and runs Paddock's Flatpak for real with flatpak-builder, on a machine
# that cannot download the GNOME runtime: the runtime (and SDK) is assembled from Debian 12's
# packages (TESTING.md §7b). The manifest is the one in flatpak/, copied with only the
# runtime and SDK swapped for the local one (and its source directory made absolute, since
# the copy lives elsewhere). Not part of CI: the first run takes about 20 minutes and about
# 4 GB of disk. Results of the last run: docs/PACKAGING.md.
#
#   deps     as root on Debian 12: apt-get the host tools (flatpak, flatpak-builder,
#            mmdebstrap, xdg-desktop-portal and its GTK backend, gnome-keyring, Xvfb,
#            Chromium, node) and `npm ci` in tests/ (the browser handler)
#   runtime  assemble and install the local runtime (once; kept in $PADDOCK_FLATPAK_DIR).
#            Its libsecret is rebuilt from the upstream release Debian 13 ships (0.21.7):
#            Debian 12's 0.20.5 loses the Secret portal's answer (see docs/PACKAGING.md)
#   build    build the app with flatpak-builder (which runs the meson tests), install it
#   run      inside the Flatpak: start, sign in to the demo through the browser handler
#            (opened through the OpenURI portal), restart and check the sign-in was kept
#            in a keyring (libsecret's file, its key from the Secret portal)
#   all      the four (the default)
#
# --devel builds flatpak/io.github.paddockapp.Paddock.Devel.json instead.
#
# Needs root (for apt-get, mmdebstrap, chroot and bwrap). Flatpak's --user state goes to
# $PADDOCK_FLATPAK_DIR (default /var/tmp/paddock-flatpak), never to ~/.local.
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

mkdir -p "$FP"

# The host's packages (Debian 12). xdg-desktop-portal 1.16 picks its backends by
# XDG_CURRENT_DESKTOP and each .portal file's UseIn: gnome-keyring's gnome-keyring.portal
# gives the Secret backend, xdg-desktop-portal-gtk the AppChooser without which there is no
# OpenURI portal (xdg-desktop-portal-gnome would need gnome-shell for most of its backends).
# dbus-x11 is named so that apt does not pick dbus-user-session (and systemd) for the
# portals' "dbus-user-session | dbus-x11".
HOST_PACKAGES="flatpak flatpak-builder mmdebstrap python3 elfutils appstream-util ca-certificates
  xz-utils xdg-desktop-portal xdg-desktop-portal-gtk gnome-keyring libsecret-tools
  libglib2.0-bin dbus dbus-x11 xvfb xauth chromium"

deps() {
  [ "$(id -u)" = 0 ] || die "deps: run as root (apt-get)"
  say "Installing the host's packages with apt-get"
  apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --no-upgrade $HOST_PACKAGES
  # node for the browser handler; another node (NodeSource's) may already be there
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
  fi
  if [ ! -d "$S/tests/node_modules/playwright-core" ]; then
    (cd "$S/tests" && npm ci --no-audit --no-fund)
  fi
}

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool is missing: run $0 deps (as root)"
  done
}

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

# libsecret before 0.21.4 subscribes to the Secret portal's Response signal only once the
# RetrieveSecret call has returned, and loses the answer when it comes before that (always,
# with gnome-keyring's quick backend and a busy main loop): Debian 12 has 0.20.5. The GNOME
# runtime has the fixed release, so the local runtime gets it too, built from the source
# package of Debian 13 (trixie), fetched with apt from Debian's archive.
LIBSECRET_FIXED=0.21.4

rootfs_libsecret() {
  chroot "$FP/rootfs" pkg-config --modversion libsecret-1
}

build_libsecret() {
  local src=$FP/src tarball
  say "Building libsecret from Debian 13's source into the root file system"
  mkdir -p "$src/lists/partial" "$src/cache/archives/partial"
  printf 'deb-src [signed-by=%s] http://deb.debian.org/debian trixie main\n' \
    /usr/share/keyrings/debian-archive-keyring.gpg > "$src/sources.list"
  local apt=(-o "Dir::Etc::SourceList=$src/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$src/lists" -o "Dir::Cache=$src/cache")
  apt-get "${apt[@]}" update
  # only the upstream tarball is used (apt checks its hash against the signed index); the
  # Debian packaging is not needed, so a failure to fetch it does not matter
  (cd "$src" && apt-get "${apt[@]}" source --download-only libsecret/trixie) || true
  tarball=$(printf '%s\n' "$src"/libsecret_*.orig.tar.xz | sort -V | tail -1)
  [ -f "$tarball" ] || die "could not fetch libsecret's source from Debian 13"
  rm -rf "$FP/rootfs/var/tmp/libsecret"
  mkdir -p "$FP/rootfs/var/tmp/libsecret"
  tar -xf "$tarball" -C "$FP/rootfs/var/tmp/libsecret" --strip-components=1
  chroot "$FP/rootfs" sh -ec 'cd /var/tmp/libsecret
    meson setup _b --prefix=/usr --libdir=lib/x86_64-linux-gnu --buildtype=release \
      -Dmanpage=false -Dvapi=false -Dgtk_doc=false -Dintrospection=false \
      -Dbash_completion=disabled -Dcrypto=libgcrypt
    ninja -C _b
    meson install -C _b --no-rebuild --quiet'
  rm -rf "$FP/rootfs/var/tmp/libsecret"
  dpkg --compare-versions "$(rootfs_libsecret)" ge "$LIBSECRET_FIXED" ||
    die "libsecret in the root file system is still $(rootfs_libsecret)"
}

runtime() {
  need_tools flatpak mmdebstrap python3
  if [ ! -x "$FP/rootfs/usr/bin/meson" ]; then
    say "Assembling a Debian 12 root file system (a few minutes)"
    rm -rf "$FP/rootfs"
    mmdebstrap --variant=apt --mode=root --format=directory \
      --aptopt='APT::Install-Recommends "false"' --include="$PACKAGES" \
      bookworm "$FP/rootfs" /etc/apt/sources.list.d/debian.sources
    echo "$PACKAGES" > "$FP/rootfs.packages"
  fi
  if [ "$(cat "$FP/rootfs.packages" 2>/dev/null)" != "$PACKAGES" ]; then
    say "Adding packages to the root file system"
    cp /etc/resolv.conf "$FP/rootfs/etc/resolv.conf"
    chroot "$FP/rootfs" apt-get update
    chroot "$FP/rootfs" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends ${PACKAGES//,/ }
    echo "$PACKAGES" > "$FP/rootfs.packages"
  fi
  dpkg --compare-versions "$(rootfs_libsecret)" ge "$LIBSECRET_FIXED" || build_libsecret
  # what the installed runtime was exported from
  local stamp
  stamp="$PACKAGES libsecret=$(rootfs_libsecret)"
  if [ "$(cat "$FP/runtime.exported" 2>/dev/null)" = "$stamp" ] &&
     flatpak --user info "$RUNTIME//$RUNTIME_VERSION" >/dev/null 2>&1; then
    say "Runtime $RUNTIME//$RUNTIME_VERSION is installed"
    return
  fi
  say "Exporting $RUNTIME//$RUNTIME_VERSION (a few minutes)"
  rm -rf "$FP/rt"
  mkdir -p "$FP/rt"
  cp -al "$FP/rootfs/usr" "$FP/rt/files"
  cp -a "$FP/rootfs/etc" "$FP/rt/files/etc"
  printf '/app/lib\n' > "$FP/rt/files/etc/ld.so.conf.d/app.conf"
  printf '[Runtime]\nname=%s\nruntime=%s/x86_64/%s\nsdk=%s/x86_64/%s\n' \
    "$RUNTIME" "$RUNTIME" "$RUNTIME_VERSION" "$RUNTIME" "$RUNTIME_VERSION" > "$FP/rt/metadata"
  # a new commit in the same repository: ostree keeps the unchanged files' objects
  flatpak build-export --runtime --files=files "$FP/rtrepo" "$FP/rt" "$RUNTIME_VERSION"
  rm -rf "$FP/rt"
  flatpak --user remote-add --if-not-exists --no-gpg-verify paddock-localrt "$FP/rtrepo"
  if flatpak --user info "$RUNTIME//$RUNTIME_VERSION" >/dev/null 2>&1; then
    flatpak --user update -y --noninteractive "$RUNTIME//$RUNTIME_VERSION"
  else
    flatpak --user install -y --noninteractive paddock-localrt "$RUNTIME//$RUNTIME_VERSION"
  fi
  echo "$stamp" > "$FP/runtime.exported"
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
  need_tools flatpak flatpak-builder python3 eu-strip appstream-compose
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
  # What passes between the app, the portal and its backends. No secret is in these
  # messages: the Secret portal's key goes through a pipe, whose content D-Bus never sees.
  dbus-monitor --session "interface='org.freedesktop.portal.OpenURI'" \
    "interface='org.freedesktop.portal.Secret'" "interface='org.freedesktop.impl.portal.Secret'" \
    "interface='org.freedesktop.portal.Request'" \
    "interface='org.freedesktop.impl.portal.AppChooser'" >"$W/dbus-monitor.txt" 2>&1 &
  MONITOR_PID=$!
  # the portal itself, verbose (XDG_CURRENT_DESKTOP=GNOME selects gnome-keyring for Secret
  # and GTK for the app chooser that OpenURI needs); then its backends, before the app
  /usr/libexec/xdg-desktop-portal --verbose --replace >"$W/xdg-desktop-portal.log" 2>&1 &
  PORTAL_PID=$!
  for _ in $(seq 100); do # (a call before it has the name would start a second one)
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.portal.Desktop 2>/dev/null |
      grep -q true && break
    sleep 0.1
  done
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
  start_app() { # start_app NAME: the overview's picture (once signed in) goes to NAME.png
    rm -f "$REPORT"
    flatpak run --user --env=GTK_A11Y=none --env=GSK_RENDERER=cairo \
      --env=G_MESSAGES_DEBUG=all --env=PADDOCK_TEST_REPORT="$REPORT" \
      --env=PADDOCK_TEST_SCREENSHOT="$DATA/$1.png" \
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

  check() { # check TEXT COMMAND...: the result of COMMAND
    local text=$1
    shift
    if "$@"; then result OK "$text"; else result FAIL "$text"; fi
  }
  signed_in='r["page"] == "account" and r.get("equity-value", "").startswith("$")'
  redirects() { wc -l <"$W/approve/redirects.txt" 2>/dev/null || echo 0; }

  start=$SECONDS
  start_app first
  check "the Flatpak starts and shows the welcome page" wait_report 'r["page"] == "welcome"' 60
  echo "# welcome page after $((SECONDS - start)) s"
  start=$SECONDS
  gdbus call --session --dest "$APP_ID" --object-path "$OBJ" \
    --method org.gtk.Actions.Activate try-demo '[]' '{}' >/dev/null || true
  check "Try the Demo signs in through the browser handler" wait_report "$signed_in" 120
  echo "# signed in $((SECONDS - start)) s after try-demo"
  check "the app opened the browser through the OpenURI portal" \
    grep -q 'interface=org.freedesktop.portal.OpenURI; member=OpenURI' "$W/dbus-monitor.txt"
  check "the host's browser was redirected to the app's loopback receiver" \
    grep -q "^http://127.0.0.1:[0-9]*/callback?" "$W/approve/redirects.txt"
  # libsecret 0.21.4 or later names its request (handle_token "libsecretN") and listens
  # for its Response before it calls RetrieveSecret
  response="path=/org/freedesktop/portal/desktop/request/[0-9_]*/libsecret[0-9]*;"
  response="$response interface=org.freedesktop.portal.Request; member=Response"
  check "the Secret portal answered libsecret's RetrieveSecret" \
    grep -q "$response" "$W/dbus-monitor.txt"
  stop_app

  # where the token went: libsecret's file in the app's data, its key from the portal
  keyring_file=$DATA/data/keyrings/default.keyring
  check "the token is in libsecret's keyring file in the sandbox ($keyring_file)" \
    test -s "$keyring_file"
  # the host keyring's items, found by their attributes (no secret is read)
  search_items() { # search_items ATTRIBUTE VALUE: the object paths of the items
    gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
      --method org.freedesktop.Secret.Service.SearchItems "{'$1': '$2'}" 2>&1 |
      grep -o "/org/freedesktop/secrets/collection/[^']*" || true
  }
  # (gnome-keyring 42 finds the portal's item but answers "Object does not exist" when
  # asked for its properties, from secret-tool as well: the search is the check)
  search_items app_id "$APP_ID" >"$W/portal-item.txt"
  check "the host keyring holds the key the Secret portal gave the app" \
    grep -q "^/org/freedesktop/secrets/collection/login/" "$W/portal-item.txt"
  # (the token schema has the same name in both profiles)
  check "no token item in the host keyring (the secrets bus name stayed closed)" \
    test -z "$(search_items xdg:schema io.github.paddockapp.Paddock.Token)"

  # a new login: the keyring daemon starts again and reads the key from its file
  keyring_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets |
    sed -n 's/^(uint32 \([0-9]*\),)$/\1/p') || true
  if [ -n "$keyring_pid" ] && kill "$keyring_pid"; then
    for _ in $(seq 50); do kill -0 "$keyring_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  printf '%s' test | gnome-keyring-daemon --unlock --components=secrets >"$W/keyring2.env"
  new_pid=
  for _ in $(seq 100); do # it takes its bus name a moment after it has answered
    new_pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets 2>/dev/null |
      sed -n 's/^(uint32 \([0-9]*\),)$/\1/p') || true
    [ -z "$new_pid" ] || break
    sleep 0.1
  done
  check "the keyring daemon was started again (pid ${keyring_pid:-?}, now ${new_pid:-?})" \
    test -n "$keyring_pid" -a -n "$new_pid" -a "$keyring_pid" != "$new_pid"

  before=$(redirects)
  start=$SECONDS
  start_app second
  check "after a restart the app is signed in again" wait_report "$signed_in" 90
  echo "# signed in $((SECONDS - start)) s after the restart"
  check "... without the browser (the token was kept)" test "$(redirects)" = "$before"
  check "... with the key from the Secret portal again" \
    test "$(grep -c "$response" "$W/dbus-monitor.txt")" -ge 2
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("# report:", r["page"], r.get("equity-value"))' \
    "$REPORT" 2>/dev/null || true
  wait_file() { for _ in $(seq 50); do [ -s "$1" ] && return 0; sleep 0.2; done; return 1; }
  check "the restarted window drew the overview with its figures ($DATA/second.png)" \
    wait_file "$DATA/second.png"
  stop_app
  echo "$pass passed, $fail failed"
  flatpak --user kill "$APP_ID" 2>/dev/null || true
  kill "$PORTAL_PID" "$MONITOR_PID" 2>/dev/null || true
  [ "$fail" = 0 ]
}

run() {
  need_tools flatpak xvfb-run dbus-run-session dbus-monitor gdbus gnome-keyring-daemon secret-tool \
    node chromium python3
  [ -x /usr/libexec/xdg-desktop-portal ] || die "xdg-desktop-portal is missing: run $0 deps"
  [ -d "$S/tests/node_modules/playwright-core" ] || die "run: cd tests && npm ci (or $0 deps)"
  # the app's loopback listener takes the fixed ports (48721-48725) of the end-to-end tests:
  # wait for their lock, as they do (on a machine where none runs, it is free)
  exec 9>"${PADDOCK_SUITE_LOCK:-/tmp/paddock-suite.lock}"
  flock 9
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
    2> >(grep -v 'Failed to set fd limit' >&2) 9>&- | tee "$W/result.txt"
  local rc=${PIPESTATUS[0]}
  exec 9>&-
  return "$rc"
}

case $STEP in
  deps) deps ;;
  runtime) runtime ;;
  build) build ;;
  run) run ;;
  run-inner) run_inner "$2" ;;
  all) deps; runtime; build; run ;;
  *) die "unknown step $STEP (deps, runtime, build, run or all)" ;;
esac
