#!/bin/sh
# xvfb-env.sh CMD [ARG…]: runs CMD on a private X server and session bus, with a
# throw-away home, so GUI tests neither see nor touch the desktop they run on.
#
# dbus-run-session comes first: under a bare xvfb-run, anything that touches libsecret
# autolaunches a bus and a keyring that waits forever for an invisible prompt.
set -eu

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARG…]" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/paddock-xvfb.XXXXXX")
# the document portal, when something started it, may still have its FUSE mount in the
# runtime directory: unmount it, and never let the cleanup change the command's status
trap 'fusermount -uz "$tmp/runtime/doc" 2>/dev/null || true; rm -rf "$tmp" 2>/dev/null || true' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"

export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
export GSK_RENDERER=cairo
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory
export GDK_BACKEND=x11
# libadwaita would start xdg-desktop-portal for its settings, and the document portal's
# FUSE mount under the runtime directory then makes the clean-up fail at random
export ADW_DISABLE_PORTAL=1
# tells the tests that a display is promised: without one they fail instead of skipping
export PADDOCK_XVFB_WRAPPER=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

rc=0
# PADDOCK_XVFB_SCREEN: a bigger screen for the tests of big windows (1920 × 1080)
dbus-run-session -- xvfb-run -a -s "-screen 0 ${PADDOCK_XVFB_SCREEN:-1280x800x24}" "$@" || rc=$?
exit "$rc"
