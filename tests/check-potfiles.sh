#!/bin/sh
# check-potfiles.sh SRCDIR: every file with a translatable string is in po/POTFILES.in,
# and every file listed there exists. Prints TAP.
. "$(dirname "$0")/tap.sh"
cd "${1:?}" || exit 1
echo "1..2"
missing=$(grep -rlE '(^|[^a-zA-Z_])N?_\("|translatable="yes"' src data \
            --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' |
          sort | while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then ok "every translatable file is in po/POTFILES.in"
else not_ok "every translatable file is in po/POTFILES.in"; echo "$missing" | sed 's/^/# missing: /'; fi
gone=$(grep -v '^#' po/POTFILES.in | while read -r f; do [ -z "$f" ] || [ -f "$f" ] || echo "$f"; done)
if [ -z "$gone" ]; then ok "every file in po/POTFILES.in exists"
else not_ok "every file in po/POTFILES.in exists"; echo "$gone" | sed 's/^/# gone: /'; fi
