#!/bin/sh
# tests/keyring-env.sh [--no-service | --no-display] CMD [ARG…]
#
# Runs CMD on a private D-Bus session bus with a fresh HOME and XDG directories, all
# removed afterwards. CMD's exit status is returned.
#
# Default: a real gnome-keyring-daemon (secrets component only) is started with
# --unlock and a known password on stdin, which creates the "login" collection already
# unlocked (TESTING.md §4); the variables it prints are exported. DISPLAY is kept, since an
# unlocked keyring needs no prompt.
#
# --no-display: as the default, but with DISPLAY and WAYLAND_DISPLAY unset, so that an unlock
# prompt (for a keyring CMD locks) fails at once instead of waiting on a screen.
#
# --no-service: no Secret Service at all. The bus uses a configuration whose only service
# directory is empty, so nothing (gnome-keyring in particular) can be D-Bus-activated;
# XDG_DATA_DIRS points at an empty directory and DISPLAY/WAYLAND_DISPLAY are unset so that
# no prompt and no X11 autolaunch can happen.
#
# Exported for CMD: PADDOCK_KEYRING_ENV=keyring|no-service, and HOME, XDG_DATA_HOME,
# XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR, all inside one
# temporary directory. KEYRING_PW sets the keyring password (default "test").
#
# gnome-keyring-daemon outlives its bus, so the daemons of this run (every process named
# gnome-keyring-d whose environment has this run's XDG_RUNTIME_DIR, and only those) are
# stopped when CMD ends. If one is still running afterwards, the run fails (exit status 1
# unless CMD failed already).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

# Prints the pids of the keyring daemons started with this run's XDG_RUNTIME_DIR.
run_daemons() {
  for dir in /proc/[0-9]*; do
    [ "$(cat "$dir/comm" 2>/dev/null)" = gnome-keyring-d ] || continue
    if { tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | grep -qxF "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"; then
      echo "${dir#/proc/}"
    fi
  done
}

if [ "${1:-}" = "--inner" ]; then
  # On the private bus, started by the outer invocation below.
  shift
  if [ "$PADDOCK_KEYRING_ENV" = keyring ]; then
    out=$(printf '%s' "${KEYRING_PW:-test}" | gnome-keyring-daemon --unlock --components=secrets)
    while IFS= read -r line; do
      case $line in
        [A-Z]*=*) export "$line" ;;
      esac
    done <<EOF_OUT
$out
EOF_OUT
  fi
  if [ -n "${PADDOCK_KEYRING_ENV_G_DEBUG+set}" ]; then
    export G_DEBUG="$PADDOCK_KEYRING_ENV_G_DEBUG"
    unset PADDOCK_KEYRING_ENV_G_DEBUG
  fi
  set +e
  "$@"
  rc=$?
  pids=$(run_daemons)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  exit $rc
fi

mode=keyring
case "${1:-}" in
  --no-service)
    mode=no-service
    shift
    ;;
  --no-display)
    unset DISPLAY WAYLAND_DISPLAY
    shift
    ;;
esac
if [ $# -eq 0 ]; then
  echo "usage: $0 [--no-service | --no-display] CMD [ARG…]" >&2
  exit 2
fi

# Without the tools (the Flatpak SDK has no gnome-keyring), the tests cannot run here: say
# so the TAP way rather than fail.
for tool in dbus-run-session $( [ "$mode" = keyring ] && echo gnome-keyring-daemon ); do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
T=$(mktemp -d "${TMPDIR:-/tmp}/paddock-keyring.XXXXXX")
cleanup() {
  pids=$(run_daemons)
  [ -n "$pids" ] && kill $pids 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$T/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_STATE_HOME="$HOME/.local/state"
export XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" \
  "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export PADDOCK_KEYRING_ENV="$mode"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
# The bus, the keyring daemon and its prompter are not under test: G_DEBUG=fatal-warnings
# would turn the prompter's "cannot open display" warning into a crash. CMD gets it back.
if [ -n "${G_DEBUG+set}" ]; then
  export PADDOCK_KEYRING_ENV_G_DEBUG="$G_DEBUG"
  unset G_DEBUG
fi

set +e
if [ "$mode" = no-service ]; then
  unset DISPLAY WAYLAND_DISPLAY
  mkdir -p "$T/empty-data" "$T/empty-services" "$T/bus"
  export XDG_DATA_DIRS="$T/empty-data"
  # session.conf would add the standard service directories, /usr/share/dbus-1/services
  # among them whatever XDG_DATA_DIRS says, so write a bus configuration without them.
  cat > "$T/bus.conf" <<EOF_CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$T/bus</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$T/empty-services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF_CONF
  dbus-run-session --config-file="$T/bus.conf" -- "$self" --inner "$@"
else
  dbus-run-session -- "$self" --inner "$@"
fi
rc=$?

for _ in $(seq 50); do
  [ -z "$(run_daemons)" ] && break
  sleep 0.1
done
left=$(run_daemons)
if [ -n "$left" ]; then
  echo "keyring-env.sh: the keyring daemon of this run is still running (pid" $left")" >&2
  [ $rc -eq 0 ] && rc=1
fi
exit $rc
