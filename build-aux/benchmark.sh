#!/bin/bash
# benchmark.sh [RUNS]: how fast Paddock shows itself, measured on this machine under Xvfb
# (not a test: it prints figures). For each renderer (cairo, and GTK's default GL on
# software rendering) and as the median of RUNS (5) starts:
#   minimal   the first frame of the smallest libadwaita window (build-aux/bench/)
#   welcome   Paddock's first frame, nothing stored (the welcome page)
#   stored    Paddock's first frame with a stored demo sign-in
#   figures   the account's figures on screen with that stored sign-in
# Times are from the moment the process is started. An optimised build is made in
# build-bench/. Everything runs on a private keyring and X server.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}

if [ "${1:-}" = --inner ]; then
  shift
  runs=$1
  B=$BENCH_BUILDDIR
  W=$(mktemp -d)
  export GSETTINGS_SCHEMA_DIR=$B/data GSETTINGS_BACKEND=keyfile GTK_A11Y=none NO_AT_BRIDGE=1
  export PADDOCK_BENCHMARK=1
  bash "$srcdir/tests/browser/install-handler.sh" "$W/approve" approve >/dev/null

  now_us() { echo $(( $(date +%s%N) / 1000 )); }
  median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  quit_app() {
    gdbus call --session --dest io.github.paddockapp.Paddock --object-path /io/github/paddockapp/Paddock \
      --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1 || true
    for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  }
  # one_start MARK… : starts Paddock, waits for the marks, prints "mark ms" lines
  one_start() {
    local log=$W/start.log start pid
    : >"$log"
    start=$(now_us)
    XDG_DATA_HOME=$W/approve/data "$B/src/paddock" 2>"$log" >/dev/null &
    pid=$!
    for mark in "$@"; do
      for _ in $(seq 300); do grep -q "paddock-benchmark $mark " "$log" && break; sleep 0.05; done
      t=$(grep "paddock-benchmark $mark " "$log" | head -n 1 | awk '{print $3}')
      echo "$mark $(( (t - start) / 1000 ))"
    done
    quit_app $pid
  }

  for renderer in cairo gl; do
    if [ $renderer = cairo ]; then export GSK_RENDERER=cairo; else unset GSK_RENDERER; fi
    : >"$W/minimal"; : >"$W/welcome"; : >"$W/stored"; : >"$W/figures"

    for _ in $(seq "$runs"); do
      start=$(now_us)
      t=$("$B/bench-minimal-window" | awk '/first-frame/ {print $3}')
      echo $(( (t - start) / 1000 )) >>"$W/minimal"
    done

    # nothing stored
    G_MESSAGES_DEBUG= secret-tool clear xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null || true
    rm -f "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
    for _ in $(seq "$runs"); do one_start first-frame | awk '{print $2}' >>"$W/welcome"; done

    # sign in to the demo once, through the browser
    XDG_DATA_HOME=$W/approve/data "$B/src/paddock" --demo 2>"$W/signin.log" >/dev/null &
    pid=$!
    for _ in $(seq 600); do grep -q "paddock-benchmark figures" "$W/signin.log" && break; sleep 0.1; done
    quit_app $pid

    for _ in $(seq "$runs"); do
      one_start first-frame figures >"$W/one"
      awk '/first-frame/ {print $2}' "$W/one" >>"$W/stored"
      awk '/figures/ {print $2}' "$W/one" >>"$W/figures"
    done

    m=$(median <"$W/minimal"); w=$(median <"$W/welcome"); s=$(median <"$W/stored"); f=$(median <"$W/figures")
    printf '%-6s minimal window first frame        %6d ms\n' $renderer "$m"
    printf '%-6s Paddock first frame (welcome)     %6d ms   (+%d ms over minimal)\n' $renderer "$w" $((w - m))
    printf '%-6s Paddock first frame (stored demo) %6d ms   (+%d ms over minimal)\n' $renderer "$s" $((s - m))
    printf '%-6s account figures shown             %6d ms   (+%d ms after its first frame)\n' $renderer "$f" $((f - s))
  done
  rm -rf "$W"
  exit 0
fi

builddir=$srcdir/build-bench
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir" --buildtype=release -Dgui_tests=false >/dev/null
ninja -C "$builddir" >/dev/null
ninja -C "$builddir" bench-minimal-window >/dev/null
[ -d "$srcdir/tests/node_modules/playwright-core" ] || (cd "$srcdir/tests" && npm ci --no-audit --no-fund)

echo "Paddock $(git -C "$srcdir" describe --always --dirty 2>/dev/null) on $(nproc) cores, median of $runs starts, Xvfb 1280x800"
BENCH_BUILDDIR=$builddir "$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 1280x800x24" \
  "$0" --inner "$runs" 2> >(grep -v -e '^dbus-daemon' -e 'fd limit' >&2)

# ---- charts: frame times of PaddockChart and PaddockCandleChart -------------------------
# (build-aux/bench/chart-frames.c) 10,000 points and 5,000 bars in a 1100×400 widget, cairo
# renderer: the median and worst frame after a data change, a resize, and while the
# cross-hair moves; the aim is every frame under 8 ms.
ninja -C "$builddir" bench-chart-frames >/dev/null
echo "Charts (cairo renderer, 1100×400, snapshot + rasterisation per frame):"
"$srcdir/tests/xvfb-env.sh" "$builddir/bench-chart-frames" 2> >(grep -v -e '^dbus-daemon' -e 'fd limit' >&2) || true
