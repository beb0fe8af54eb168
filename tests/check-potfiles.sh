#!/bin/sh
# check-potfiles.sh SRCDIR: every file with a translatable string is in po/POTFILES.in,
# and every file listed there exists. Prints TAP.
#   1. no file of src/ or data/ with _(" or translatable="yes" is missing from the list
#   2. every listed file exists
#   3. no other source file (.c, .h, .ui, .desktop.in, .metainfo.xml.in, .gschema.xml under
#      src/ and data/) has a message xgettext extracts with po/meson.build's keywords: what
#      the grep of 1 cannot see (C_ ("ctx", "…"), ngettext (…), a desktop file or metainfo)
# check-potfiles.sh SRCDIR --plant: the checks checked, on a copy of src/, data/ and po/ with
# one defect at a time (a listed file taken off the list, a new file whose only strings are
# C_ () or ngettext (), a listed file that does not exist): each must fail, the unbroken
# copy must pass.
. "$(dirname "$0")/tap.sh"
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

if [ "${2:-}" = --plant ]; then
  src=$(cd "${1:?}" && pwd)
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/paddock-potfiles.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  copy() { # a fresh copy in $tmp/$1
    mkdir -p "$tmp/$1"
    cp -r "$src/src" "$src/data" "$src/po" "$tmp/$1/"
  }
  unlist() { # unlist DIR FILE
    grep -vx "$2" "$1/po/POTFILES.in" >"$1/po/POTFILES.new" && mv "$1/po/POTFILES.new" "$1/po/POTFILES.in"
  }
  # expect NAME DIR PATTERN: the check fails on DIR, and says PATTERN
  expect() {
    if sh "$self" "$2" >"$tmp/$1.out" 2>&1; then
      not_ok "$1: the check passes, it should fail" "$tmp/$1.out"
    elif grep -q "$3" "$tmp/$1.out"; then
      ok "$1: found ($(grep "$3" "$tmp/$1.out" | head -n 1))"
    else
      not_ok "$1: the check fails without saying “$3”" "$tmp/$1.out"
    fi
  }
  echo "1..7"
  copy clean
  if sh "$self" "$tmp/clean" >"$tmp/clean.out" 2>&1; then ok "the unbroken copy passes"
  else not_ok "the unbroken copy passes" "$tmp/clean.out"; fi

  copy c; unlist "$tmp/c" src/ui/paddock-window.c
  expect "a listed .c file taken off the list" "$tmp/c" "^# missing: src/ui/paddock-window.c$"
  copy ui; unlist "$tmp/ui" src/ui/paddock-window.ui
  expect "a listed .ui file taken off the list" "$tmp/ui" "^# missing: src/ui/paddock-window.ui$"
  copy metainfo; unlist "$tmp/metainfo" data/io.github.paddockapp.Paddock.metainfo.xml.in
  expect "the metainfo taken off the list" "$tmp/metainfo" \
    "^# untranslated: data/io.github.paddockapp.Paddock.metainfo.xml.in$"
  copy ctx
  printf '#include "config.h"\n#include <glib/gi18n.h>\nconst char *\nplanted (void)\n{\n  return C_ ("planted", "Planted");\n}\n' \
    >"$tmp/ctx/src/ui/paddock-planted.c"
  expect "a new file whose only string is C_ ()" "$tmp/ctx" \
    "^# untranslated: src/ui/paddock-planted.c$"
  copy plural
  printf '#include "config.h"\n#include <glib/gi18n.h>\nchar *\nplanted (guint n)\n{\n  return g_strdup_printf (ngettext ("%%u thing", "%%u things", n), n);\n}\n' \
    >"$tmp/plural/src/core/paddock-planted.h"
  expect "a new header whose only string is ngettext ()" "$tmp/plural" \
    "^# untranslated: src/core/paddock-planted.h$"
  copy gone; echo src/ui/paddock-gone.c >>"$tmp/gone/po/POTFILES.in"
  expect "a listed file that does not exist" "$tmp/gone" "^# gone: src/ui/paddock-gone.c$"
  exit $((failed > 0))
fi

cd "${1:?}" || exit 1
echo "1..3"
missing=$(grep -rlE '(^|[^a-zA-Z_])N?_\("|translatable="yes"' src data \
            --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' |
          sort | while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then ok "every translatable file is in po/POTFILES.in"
else not_ok "every translatable file is in po/POTFILES.in"; echo "$missing" | sed 's/^/# missing: /'; fi
gone=$(grep -v '^#' po/POTFILES.in | while read -r f; do [ -z "$f" ] || [ -f "$f" ] || echo "$f"; done)
if [ -z "$gone" ]; then ok "every file in po/POTFILES.in exists"
else not_ok "every file in po/POTFILES.in exists"; echo "$gone" | sed 's/^/# gone: /'; fi

# 3. what xgettext finds in the files that are not listed
tmp=$(mktemp -d "${TMPDIR:-/tmp}/paddock-potfiles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
find src data -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' -o -name '*.desktop.in' \
       -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) | sort |
  while read -r f; do grep -qx "$f" po/POTFILES.in || echo "$f"; done >"$tmp/unlisted"
if ! command -v xgettext >/dev/null; then
  not_ok "no unlisted file has a message xgettext extracts (xgettext is not installed)"
elif ! xgettext --from-code=UTF-8 --add-location=file --keyword=_ --keyword=N_ \
       --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
       --keyword=g_dpgettext2:2c,3 -f "$tmp/unlisted" -o "$tmp/unlisted.pot" 2>"$tmp/err"; then
  not_ok "no unlisted file has a message xgettext extracts (xgettext failed)" "$tmp/err"
else
  untranslated=$( (grep '^#: ' "$tmp/unlisted.pot" 2>/dev/null || true) |
                 sed 's/^#: //' | tr ' ' '\n' | sed '/^$/d' | sort -u)
  if [ -z "$untranslated" ]; then ok "no unlisted file has a message xgettext extracts"
  else
    not_ok "no unlisted file has a message xgettext extracts"
    echo "$untranslated" | sed 's/^/# untranslated: /'
  fi
fi
exit $((failed > 0))
