#!/bin/bash
# cli-i18n.sh: paddock-cli speaks the language the person chose. With LANGUAGE=fr (honoured
# under C.UTF-8 by glibc, ignored under C) and PADDOCK_LOCALEDIR pointing at the catalogs of
# the build tree (BUILDDIR/po/fr/LC_MESSAGES/paddock.mo), the usage text, the errors of
# main() and of the commands' files, GOption's help and a plural come out in French; under
# the C locale they stay the English that the other tests and scripts read. Fails when
# main() no longer calls setlocale() or bindtextdomain(). Needs no keyring nor sandbox: every
# path here ends before one is used. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

CLI=${PADDOCK_BUILDDIR:?}/src/cli/paddock-cli
MO=$PADDOCK_BUILDDIR/po/fr/LC_MESSAGES/paddock.mo

. "$(dirname "$0")/tap.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-cli-i18n.XXXXXX")
trap 'rm -rf "$W"' EXIT
echo "1..7"

NNBSP=$'\u202f'   # French typography: narrow no-break space before “:” and inside « »

fr() { LANGUAGE=fr LC_ALL=C.UTF-8 PADDOCK_LOCALEDIR=$PADDOCK_BUILDDIR/po timeout 30 "$CLI" "$@"; }
en() { LANGUAGE=fr LC_ALL=C PADDOCK_LOCALEDIR=$PADDOCK_BUILDDIR/po timeout 30 "$CLI" "$@"; }

if [ -f "$MO" ]; then
  ok "the build made the French catalog"
else
  not_ok "the build made the French catalog ($MO is missing)"
fi

fr --help >"$W/help.out" 2>"$W/help.err"
rc=$?
if [ $rc -eq 0 ] && grep -qF "Utilisation${NNBSP}: paddock-cli COMMANDE [OPTIONS]" "$W/help.out" &&
   grep -qF "Code de sortie${NNBSP}:" "$W/help.out" && ! grep -q "^Usage:" "$W/help.out"; then
  ok "--help prints the French usage text"
else
  not_ok "--help prints the French usage text (rc $rc)" "$W/help.out" "$W/help.err"
fi

fr frobnicate >"$W/unknown.out" 2>"$W/unknown.err"
rc=$?
if [ $rc -eq 2 ] &&
   grep -qF "paddock-cli${NNBSP}: commande «${NNBSP}frobnicate${NNBSP}» inconnue" "$W/unknown.err" &&
   grep -qF "Essayez «${NNBSP}paddock-cli --help${NNBSP}»." "$W/unknown.err"; then
  ok "an unknown command is refused in French, exit 2"
else
  not_ok "an unknown command is refused in French, exit 2 (rc $rc)" "$W/unknown.err"
fi

# the commands' own files: paddock-cli-lists.c, paddock-cli-watchlists.c
fr orders extra >"$W/orders.out" 2>"$W/orders.err"
rc1=$?
fr watchlists list extra >"$W/wl.out" 2>"$W/wl.err"
rc2=$?
if [ $rc1 -eq 2 ] && grep -qF "orders ne prend que des options" "$W/orders.err" &&
   [ $rc2 -eq 2 ] && grep -qF "watchlists list ne prend aucun argument" "$W/wl.err"; then
  ok "the commands' usage errors are French"
else
  not_ok "the commands' usage errors are French (rc $rc1, $rc2)" "$W/orders.err" "$W/wl.err"
fi

# GOption translates the option descriptions in the paddock domain
fr app --help >"$W/app-help.out" 2>"$W/app-help.err"
rc=$?
if [ $rc -eq 0 ] && grep -qF "L’identifiant client de l’application OAuth" "$W/app-help.out"; then
  ok "a command's option help is French"
else
  not_ok "a command's option help is French (rc $rc)" "$W/app-help.out" "$W/app-help.err"
fi

# ngettext: a secret over the limit, refused before the keyring is touched
head -c 2000 /dev/zero | tr '\0' 'a' | fr app set --client-id some-app >"$W/secret.out" 2>"$W/secret.err"
rc=$?
if [ $rc -eq 2 ] &&
   grep -qF "le secret client dépasse 1024"$'\u00a0'"octets${NNBSP}: rien n’a été enregistré." "$W/secret.err"; then
  ok "a message with a count takes the French plural"
else
  not_ok "a message with a count takes the French plural (rc $rc)" "$W/secret.err"
fi

# without LANGUAGE, and under the C locale even with it, the English the other tests compare
# stays (g_print turns “ ” into ? under C: the ASCII parts are compared there)
en --help >"$W/help-c.out" 2>&1
en frobnicate >"$W/unknown-c.out" 2>&1
LC_ALL=C.UTF-8 PADDOCK_LOCALEDIR=$PADDOCK_BUILDDIR/po timeout 30 env -u LANGUAGE "$CLI" frobnicate \
  >"$W/unknown-en.out" 2>&1
if grep -q "^Usage: paddock-cli COMMAND \[OPTIONS\]$" "$W/help-c.out" &&
   grep -q "^paddock-cli: unknown command .frobnicate.$" "$W/unknown-c.out" &&
   grep -qF "paddock-cli: unknown command “frobnicate”" "$W/unknown-en.out"; then
  ok "without LANGUAGE, or under the C locale, the text stays English"
else
  not_ok "without LANGUAGE, or under the C locale, the text stays English" "$W/help-c.out" \
    "$W/unknown-c.out" "$W/unknown-en.out"
fi

exit $((failed > 0))
