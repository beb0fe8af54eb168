#!/bin/bash
# benchmark.sh [RUNS]: how fast Paddock shows itself, measured on this machine under Xvfb
# (not a test: it prints figures). For each renderer (cairo, and GTK's default GL on
# software rendering) and as the median of RUNS (5) starts:
#   minimal   the first frame of the smallest libadwaita window (build-aux/bench/)
#   welcome   Paddock's first frame, nothing stored (the welcome page)
#   stored    Paddock's first frame with a stored demo sign-in
#   figures   the account's figures on screen with that stored sign-in
# Times are from the moment the process is started. Then, against the paddock-sandbox
# program seeded with 10,000 orders (a paper account stored in the keyring; cairo):
#   orders    Paddock's Orders page showing all 10,000 (20 pages of 500), from the start
#   memory    the app's VmRSS with them loaded (and the private part of it, RssAnon), and
#             its VmHWM after the burst below; then the same VmRSS with GDK_DEBUG=gl-disable
#             (GTK 4.8's X11 backend loads Mesa even for the cairo renderer)
#   burst     10,000 trade updates sent at once on the websocket (binary frames): applied
#             per second, and the longest the app's main loop was busy meanwhile
#   cli       paddock-cli orders --all --json over the same orders: wall, CPU, peak memory
# and last the charts' frame times (build-aux/bench/chart-frames.c, see below), so that one
# run prints every figure of the app. (Paddock side by side with Alpaca's JavaScript SDK is
# build-aux/bench-peer.sh.) The start-up part signs in through the loopback receiver's
# fixed ports: run it under the test suite's lock,
#   flock /tmp/paddock-suite.lock build-aux/benchmark.sh
# An optimised build is made in build-bench/. Everything runs on a private keyring and X
# server, and talks to loopback only. BENCH_ONLY=orders skips the start-up figures.
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

  for renderer in $([ "${BENCH_ONLY:-}" = orders ] || echo cairo gl); do
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
  # ---- 10,000 orders: the standalone sandbox, a stored paper account --------------------
  export GSK_RENDERER=cairo
  N=10000
  "$B/src/sandbox/paddock-sandbox" --port 0 --seed 7 --rate-limit 1000000 --tick-ms 0 \
    >"$W/sandbox.json" 2>"$W/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq 100); do [ -s "$W/sandbox.json" ] && break; sleep 0.1; done
  eval "$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline())
print("\n".join(f"export PADDOCK_{k.upper()}={v}" for k,v in d.items()))' "$W/sandbox.json")"
  root=${PADDOCK_PAPER_URL%/paper}
  # the sandbox's own OAuth flow, played without a browser (the redirect is read, never
  # followed); the token goes into the keyring as Paddock's item and into no file
  python3 - "$W/sandbox.json" <<'PY' >"$W/account.txt"
import base64, hashlib, json, os, re, sys, urllib.parse, urllib.request
conf = json.loads(open(sys.argv[1]).readline())
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
redirect = "http://127.0.0.1:48721/callback"
verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                            "redirect_uri": redirect, "state": "s1", "env": "paper",
                            "scope": "account:write trading data",
                            "code_challenge": challenge, "code_challenge_method": "S256"})
page = urllib.request.urlopen(conf["authorize_url"] + "?" + q).read().decode()
request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
try:
    urllib.request.build_opener(NoRedirect).open(urllib.request.Request(conf["authorize_url"], data=form))
    sys.exit("no redirect")
except urllib.error.HTTPError as e:
    location = e.headers["Location"]
code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                               "client_id": conf["client_id"], "client_secret": conf["client_secret"],
                               "redirect_uri": redirect, "code_verifier": verifier}).encode()
token = json.load(urllib.request.urlopen(urllib.request.Request(conf["live_url"] + "/oauth/token", data=form)))["access_token"]
req = urllib.request.Request(conf["paper_url"] + "/v2/account", headers={"Authorization": "Bearer " + token})
account = json.load(urllib.request.urlopen(req))
print(account["id"], account["account_number"])
print(json.dumps({"access_token": token}))
PY
  read -r account_id account_number <"$W/account.txt"
  G_MESSAGES_DEBUG= secret-tool clear xdg:schema io.github.paddockapp.Paddock.Token environment demo 2>/dev/null || true
  sed -n 2p "$W/account.txt" | G_MESSAGES_DEBUG= secret-tool store \
    --label="Paddock token for paper account $account_number" \
    xdg:schema io.github.paddockapp.Paddock.Token environment paper account-id "$account_id" schema-version 1
  rm -f "$W/account.txt"
  curl -s -X POST -d "{\"count\":$N,\"environment\":\"paper\"}" "$root/_sandbox/seed_orders" >/dev/null

  status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
  : >"$W/orders"; : >"$W/rss"; : >"$W/anon"; : >"$W/hwm"; : >"$W/rate"; : >"$W/gap"; : >"$W/rows"
  for _ in $(seq "$runs"); do
    log=$W/orders.log
    : >"$log"
    start=$(now_us)
    XDG_DATA_HOME=$W/approve/data PADDOCK_BENCHMARK_ORDERS=$N "$B/src/paddock" 2>"$log" >/dev/null &
    pid=$!
    for _ in $(seq 1200); do grep -q "paddock-benchmark orders " "$log" && break; sleep 0.05; done
    line=$(grep "paddock-benchmark orders " "$log" | head -n 1)
    if [ -z "$line" ]; then echo "no orders shown; the app said:" >&2; tail -n 5 "$log" >&2; quit_app $pid; continue; fi
    echo $(( ($(echo "$line" | awk '{print $3}') - start) / 1000 )) >>"$W/orders"
    echo "$line" | awk '{print $4}' >>"$W/rows"
    status_kb $pid VmRSS >>"$W/rss"
    status_kb $pid RssAnon >>"$W/anon"
    # the burst: every update applied, then the window idle again
    curl -s -X POST -d "{\"count\":$N,\"environment\":\"paper\"}" "$root/_sandbox/burst" >/dev/null
    for _ in $(seq 1200); do grep -q "paddock-benchmark burst " "$log" && break; sleep 0.05; done
    burst=$(grep "paddock-benchmark burst " "$log" | tail -n 1)
    if [ -n "$burst" ]; then
      echo "$burst" | awk '{n=$3; d=($5-$4)/1e6; printf "%d\n", (d > 0 ? n/d : 0)}' >>"$W/rate"
      echo "$burst" | awk '{printf "%d\n", $6/1000}' >>"$W/gap"
      echo "$burst" | awk '{print "  burst:", $3, "updates in", ($5-$4)/1000, "ms,", $7, "frames"}' >&2
    fi
    status_kb $pid VmHWM >>"$W/hwm"
    quit_app $pid
  done

  # the same memory without GL: GTK 4.8's X11 backend initialises GL (Mesa: libLLVM,
  # swrast_dri) to choose its visual even with GSK_RENDERER=cairo, and only
  # GDK_DEBUG=gl-disable (set here for this figure, never by the app) keeps it out
  : >"$W/rss_nogl"; : >"$W/anon_nogl"
  for _ in $(seq "$runs"); do
    log=$W/orders.log
    : >"$log"
    XDG_DATA_HOME=$W/approve/data PADDOCK_BENCHMARK_ORDERS=$N GDK_DEBUG=gl-disable \
      "$B/src/paddock" 2>"$log" >/dev/null &
    pid=$!
    for _ in $(seq 1200); do grep -q "paddock-benchmark orders " "$log" && break; sleep 0.05; done
    if grep -q "paddock-benchmark orders " "$log"; then
      status_kb $pid VmRSS >>"$W/rss_nogl"
      status_kb $pid RssAnon >>"$W/anon_nogl"
    fi
    quit_app $pid
  done

  : >"$W/wall"; : >"$W/cpu"; : >"$W/peak"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$W/time" "$B/src/cli/paddock-cli" orders --all --json \
      >"$W/cli.json" 2>/dev/null
    read -r wall user sys peak <"$W/time"
    echo "$wall" | awk '{printf "%d\n", $1 * 1000}' >>"$W/wall"
    echo "$user $sys" | awk '{printf "%d\n", ($1 + $2) * 1000}' >>"$W/cpu"
    echo $((peak / 1024)) >>"$W/peak"
  done
  cli_rows=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(len(a), len({o["id"] for o in a}))' "$W/cli.json")
  cli_bytes=$(wc -c <"$W/cli.json")
  kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true

  o=$(median <"$W/orders"); r=$(median <"$W/rss"); a=$(median <"$W/anon"); h=$(median <"$W/hwm")
  u=$(median <"$W/rate"); g=$(median <"$W/gap")
  printf 'cairo  %d orders shown (%s rows)        %6d ms   (aim: <= 1500 ms)\n' $N "$(median <"$W/rows")" "$o"
  printf 'cairo  resident memory with them       %6d MB   (aim: <= 150 MB; of it private %d MB; VmHWM after the burst %d MB)\n' $((r / 1024)) $((a / 1024)) $((h / 1024))
  printf 'cairo  the same without GL loaded      %6d MB   (GDK_DEBUG=gl-disable; of it private %d MB)\n' \
    $(($(median <"$W/rss_nogl") / 1024)) $(($(median <"$W/anon_nogl") / 1024))
  printf 'cairo  trade updates applied           %6d /s   (aim: >= 5000/s; main loop busy at most %d ms at once)\n' "$u" "$g"
  printf 'cli    orders --all --json             %6d ms wall, %d ms CPU (aim: <= 350 ms CPU), %d MB peak; %s orders, %s unique, %d bytes\n' \
    "$(median <"$W/wall")" "$(median <"$W/cpu")" "$(median <"$W/peak")" ${cli_rows% *} ${cli_rows#* } "$cli_bytes"

  rm -rf "$W"
  exit 0
fi

builddir=$srcdir/build-bench
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir" --buildtype=release -Dgui_tests=false >/dev/null
ninja -C "$builddir" >/dev/null
ninja -C "$builddir" bench-minimal-window >/dev/null
[ -d "$srcdir/tests/node_modules/playwright-core" ] || (cd "$srcdir/tests" && npm ci --no-audit --no-fund)

echo "Paddock $(git -C "$srcdir" describe --always --dirty 2>/dev/null) on $(nproc) cores, median of $runs runs, Xvfb 1280x800"
# the session bus's own services (xdg-desktop-portal, where installed, and what it starts)
# talk on the same stderr: keep their noise out of the figures
quiet() {
  grep -v -e '^dbus-daemon' -e 'fd limit' -e 'xdg-desktop-portal' -e 'pw\.conf' \
    -e 'cannot open display' -e 'No skeleton to export' -e '^$' >&2
}
BENCH_BUILDDIR=$builddir "$srcdir/tests/keyring-env.sh" xvfb-run -a -s "-screen 0 1280x800x24" \
  "$0" --inner "$runs" 2> >(quiet)

# ---- charts: frame times of PaddockChart and PaddockCandleChart -------------------------
# (build-aux/bench/chart-frames.c) 10,000 points and 5,000 bars in a 1100×400 widget, cairo
# renderer: the median and worst frame after a data change, a resize, and while the
# cross-hair moves; the aim is every frame under 8 ms.
ninja -C "$builddir" bench-chart-frames >/dev/null
echo "Charts (cairo renderer, 1100×400, snapshot + rasterisation per frame):"
"$srcdir/tests/xvfb-env.sh" "$builddir/bench-chart-frames" 2> >(quiet) || true
