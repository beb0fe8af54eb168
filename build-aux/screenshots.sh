#!/bin/sh
# screenshots.sh [BUILDDIR]: renders the welcome page, the waiting page and the account
# overview, light and dark, at 1100×720 into data/screenshots/, the way the GUI test takes
# its self-screenshots (a private X server: tests/xvfb-env.sh). Needs a build with
# -Dgui_tests=true (the default).
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-"$srcdir/build"}

if [ ! -d "$builddir" ]; then
  meson setup "$builddir" "$srcdir"
fi
ninja -C "$builddir" tests/test-ui-pages

mkdir -p "$srcdir/data/screenshots"
PADDOCK_SCREENSHOT_DIR="$srcdir/data/screenshots" \
GSETTINGS_SCHEMA_DIR="$builddir/data" \
  "$srcdir/tests/xvfb-env.sh" "$builddir/tests/test-ui-pages" -p /ui/screenshots

ls -l "$srcdir/data/screenshots"
