#!/bin/bash
# cli-no-keyring.sh: run through `keyring-env.sh --no-service` (a bus on which nothing
# provides org.freedesktop.secrets). `paddock-cli login` must fail within 5 s with the
# keyring message, before any browser opens, and write nothing to disk. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

CLI=${PADDOCK_BUILDDIR:?}/src/cli/paddock-cli

. "$(dirname "$0")/tap.sh"

if [ "${PADDOCK_KEYRING_ENV:-}" != no-service ]; then
  echo "1..0 # SKIP run me through keyring-env.sh --no-service"
  exit 0
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/paddock-no-keyring.XXXXXX")
trap 'rm -rf "$W"' EXIT
echo "1..3"

# a handler that would record any browser launch
mkdir -p "$W/data/applications"
printf '#!/bin/sh\necho "$1" >> %s/launched\n' "$W" >"$W/record.sh"
chmod +x "$W/record.sh"
printf '[Desktop Entry]\nType=Application\nName=Recorder\nExec=%s/record.sh %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' \
  "$W" >"$W/data/applications/recorder.desktop"
printf '[Default Applications]\nx-scheme-handler/http=recorder.desktop\nx-scheme-handler/https=recorder.desktop\n' \
  >"$W/data/applications/mimeapps.list"

find "$HOME" "$XDG_RUNTIME_DIR" -type f 2>/dev/null | sort >"$W/files.before"

export PADDOCK_CLIENT_ID=some-app PADDOCK_CLIENT_SECRET=some-secret-value
start=$(date +%s%N)
XDG_DATA_HOME=$W/data timeout 30 "$CLI" login --paper >"$W/out" 2>"$W/err" </dev/null
rc=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

if [ $rc -eq 1 ] && grep -q "No keyring is available" "$W/err" && [ $elapsed_ms -lt 5000 ]; then
  ok "login fails at once with the keyring message (${elapsed_ms} ms)"
else
  not_ok "login fails at once with the keyring message (rc $rc, ${elapsed_ms} ms)"
  sed 's/^/# /' "$W/err"
fi

if [ ! -e "$W/launched" ] && ! grep -q "response_type" "$W/out"; then
  ok "no browser was opened and no address offered"
else
  not_ok "no browser was opened and no address offered"
fi

find "$HOME" "$XDG_RUNTIME_DIR" -type f 2>/dev/null | sort >"$W/files.after"
if diff -q "$W/files.before" "$W/files.after" >/dev/null; then
  ok "nothing was written to disk"
else
  not_ok "nothing was written to disk"
  diff "$W/files.before" "$W/files.after" | sed 's/^/# /'
fi
