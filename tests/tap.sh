# tap.sh: the TAP helpers every shell test shares (POSIX sh). Each test sources it first:
#   . "$(dirname "$0")/tap.sh"
# and prints its own plan line ("1..N", or "1..0 # SKIP why").
#
#   ok DESCRIPTION              the next test passed:  "ok N - DESCRIPTION"
#   not_ok DESCRIPTION [FILE…]  the next test failed:  "not ok N - DESCRIPTION", then the
#                               last $TAP_TAIL lines (20) of each FILE that exists, each
#                               line as a "# " diagnostic; with TAP_CAT_V=1 the files'
#                               control characters are shown as text (cat -v)
#
# $n counts the tests so far and $failed the failures: a test ends with
# `exit $((failed > 0))`.
#
# SPDX-License-Identifier: GPL-3.0-or-later

n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }

not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    if [ "${TAP_CAT_V:-0}" = 1 ]; then LC_ALL=C cat -v "$f"; else cat "$f"; fi |
      sed 's/^/# /' | tail -n "${TAP_TAIL:-20}"
  done
}
