#!/bin/bash
# Installs what is missing, builds, and runs Paddock from the build tree. With no OAuth app
# configured (PADDOCK_CLIENT_ID unset and no client ID in the settings) it starts the demo.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build

export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
args=("$@")
if build/src/paddock --help-all 2>/dev/null | grep -q -- '--demo' &&
   [ -z "${PADDOCK_CLIENT_ID:-}" ] &&
   [ -z "$(gsettings get io.github.paddockapp.Paddock client-id 2>/dev/null | tr -d "'")" ]; then
  args=(--demo "${args[@]}")
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # a machine without a desktop: a virtual X server, and a private, unlocked keyring for
  # this run (an invisible unlock prompt would otherwise wait forever)
  echo "No display found: starting Paddock in a virtual X server (Xvfb) with a private keyring." >&2
  exec tests/keyring-env.sh xvfb-run -a -s "-screen 0 1280x800x24" build/src/paddock "${args[@]}"
fi
exec build/src/paddock "${args[@]}"
