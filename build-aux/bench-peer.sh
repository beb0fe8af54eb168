#!/bin/bash
# bench-peer.sh [RUNS]: Paddock side by side with Alpaca's official JavaScript SDK
# (@alpacahq/alpaca-trade-api, pinned in build-aux/package.json), in one go, on this machine,
# against one paddock-sandbox program (loopback only). Not a test: it prints figures.
#
# The same three tasks on each side, RUNS (5) times each, alternating who goes first:
#   account   paddock-cli account --json        / the SDK's getAccount, its JSON printed
#   orders    paddock-cli orders --all --json   / the SDK's getOrders loop (500 a page,
#             over 10,000 seeded orders           newest first, until + what the SDK allows),
#                                                 all of them printed as one JSON array
#   stream    paddock-cli stream                / the SDK's trade-updates stream client,
#             10,000 trade updates in one burst   each update printed as a line of JSON
# and prints the medians of wall time, CPU time (user + system, the whole process) and peak
# resident memory (getrusage of the child), and Paddock's figure over the peer's.
# Output goes to /dev/null on both sides; both lists are first checked to hold the same
# 10,000 orders.
#
# The SDK: on Node >= 20 both the current 4.x (OAuth as `accessToken`; its requests reach
# the sandbox through a `fetchApi` that rewrites the origin) and 3.1.3 (`oauth` and
# `baseUrl`), one table each; on older Node (Debian 12's 18) 3.1.3 only.
# BENCH_PEER_SDK=4 or =3 runs only that one. Node and npm come from apt-get when
# missing. Neither SDK's stream sends an OAuth token (see build-aux/bench/peer.js): the
# stream figure is the SDK's client with its authenticate message replaced, and the run says
# what the SDK does as shipped.
#
# BENCH_PADDOCK_CLI=PATH measures that paddock-cli instead (an older build, for a before and
# after). An optimised build is made in build-bench/ (shared with build-aux/benchmark.sh).
# Everything runs on a private D-Bus session and keyring (tests/keyring-env.sh).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "bench-peer: installing nodejs and npm with apt-get" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
# both SDKs where both run (4.x is the current one; 3.1.3 is what Debian 12's Node runs)
sdks=${BENCH_PEER_SDK:-}
if [ -z "$sdks" ]; then
  if [ "$node_major" -ge 20 ]; then sdks="4 3"; else sdks=3; fi
fi
for sdk in $sdks; do
  case $sdk in
    3|4) ;;
    *) echo "bench-peer: BENCH_PEER_SDK must be 3 or 4" >&2; exit 2 ;;
  esac
  if [ "$sdk" = 4 ] && [ "$node_major" -lt 20 ]; then
    echo "bench-peer: the SDK's 4.x needs Node >= 20, this is $(node --version)" >&2
    exit 2
  fi
done
# npm ci only when the pinned tree is not there yet (4.x warns about its engine on Node 18)
if ! cmp -s "$srcdir/build-aux/package-lock.json" "$srcdir/build-aux/node_modules/.package-lock.json.bench" 2>/dev/null; then
  (cd "$srcdir/build-aux" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$srcdir/build-aux/package-lock.json" "$srcdir/build-aux/node_modules/.package-lock.json.bench"
fi

builddir=$srcdir/build-bench
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" "$srcdir" --buildtype=release -Dgui_tests=false >/dev/null
ninja -C "$builddir" src/cli/paddock-cli src/sandbox/paddock-sandbox >/dev/null

echo "Paddock $(git -C "$srcdir" describe --always --dirty 2>/dev/null) on $(nproc) cores" \
     "(load average $(cut -d' ' -f1-3 /proc/loadavg)), $(date -u '+%Y-%m-%d %H:%M UTC')"
for sdk in $sdks; do
  echo
  NODE=$(command -v node) "$srcdir/tests/keyring-env.sh" --no-display \
    python3 "$srcdir/build-aux/bench/peer-harness.py" "$builddir" "$srcdir/build-aux" "$runs" "$sdk" \
    2> >(grep -v -e '^dbus-daemon' -e 'fd limit' >&2)
done
