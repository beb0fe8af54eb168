#!/bin/bash
# cli-use.sh: which account paddock-cli uses with several signed in: the one signed in last,
# unless `paddock-cli use` chose one, unless --account names one; each command says on
# stderr which one it used. Runs inside keyring-env.sh (a private bus with a real, unlocked
# gnome-keyring-daemon) against the real paddock-sandbox program, whose one simulated person
# owns a paper and a live account; both tokens come from the sandbox's own OAuth flow (played
# here without a browser: the redirect is read, never followed). Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/sandbox-program.sh"

SCHEMA=io.github.paddockapp.Paddock.Token
sandbox_test_setup cli-use

# the choice must outlive each paddock-cli process: GSettings in a file of this run's
# XDG_CONFIG_HOME (keyring-env.sh made it), not in memory
export GSETTINGS_BACKEND=keyfile
export G_DEBUG=gc-friendly,fatal-warnings

# every address the CLI could use is the sandbox's, on loopback
if ! start_sandbox "$W" --seed 17 --rate-limit 100000 --tick-ms 0; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
json_get() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

echo "1..13"


# sign_in ENV: the token of the sandbox's OAuth flow for ENV (in $W/token-ENV) goes into the
# keyring as Paddock's item; prints "ID NUMBER"
sign_in() {
  local id number
  read -r id number < <(python3 "$(dirname "$0")/sandbox-login.py" "$W/sandbox.json" "$1" \
                          "$W/token-$1" 2>>"$W/login.err") && [ -n "$number" ] || return 1
  python3 -c 'import json,sys; sys.stdout.write(json.dumps({"access_token": open(sys.argv[1]).read()}))' \
    "$W/token-$1" | G_MESSAGES_DEBUG= secret-tool store \
    --label="Paddock token for $1 account $number" xdg:schema "$SCHEMA" environment "$1" \
    account-id "$id" schema-version 1 || return 1
  echo "$id $number"
}

# the account number a command's --json account printed
number_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["account_number"])' "$1" 2>/dev/null; }
# exactly one "Using the ENV account NUMBER (WHY)." line on stderr, and it is that one
used_line() { # used_line FILE ENV NUMBER WHY
  [ "$(grep -c '^Using the ' "$1")" = 1 ] && grep -qxF "Using the $2 account $3 ($4)." "$1"
}

# 1. two accounts signed in: paper first, live last (the keyring's times are in seconds)
if read -r PAPER_ID PAPER_NUMBER < <(sign_in paper) && sleep 1.1 &&
   read -r LIVE_ID LIVE_NUMBER < <(sign_in live) && [ "$PAPER_NUMBER" != "$LIVE_NUMBER" ] &&
   [ "$("$CLI" accounts --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2 ]; then
  ok "two accounts of the sandbox are signed in (paper $PAPER_NUMBER, then live $LIVE_NUMBER)"
else
  not_ok "two accounts of the sandbox are signed in" "$W/login.err" "$W/sandbox.err"
  exit 1
fi

# 2. no choice: the one signed in last, named on stderr
"$CLI" account --json >"$W/default.out" 2>"$W/default.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(number_of "$W/default.out")" = "$LIVE_NUMBER" ] &&
   used_line "$W/default.err" live "$LIVE_NUMBER" "signed in last"; then
  ok "without --account or a choice, the account signed in last is used and named on stderr"
else
  not_ok "without --account or a choice, the account signed in last is used (rc $rc)" \
    "$W/default.out" "$W/default.err"
fi

# 3. `use` alone says what commands use, and that nothing is chosen
"$CLI" use >"$W/show0.out" 2>"$W/show0.err"
rc1=$?
"$CLI" use --json >"$W/show0.json" 2>>"$W/show0.err"
rc2=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] &&
   grep -qF "No account is chosen with “paddock-cli use”: commands use the live account $LIVE_NUMBER (signed in last)." "$W/show0.out" &&
   [ "$(json_get "$W/show0.json" chosen_by)" = last_sign_in ] &&
   [ "$(json_get "$W/show0.json" account_id)" = "$LIVE_ID" ]; then
  ok "use without an account prints the account in use and why"
else
  not_ok "use without an account prints the account in use and why ($rc1 $rc2)" \
    "$W/show0.out" "$W/show0.json" "$W/show0.err"
fi

# 4. use NUMBER switches every later command to that account
"$CLI" use "$PAPER_NUMBER" >"$W/use.out" 2>"$W/use.err"
rc1=$?
"$CLI" account --json >"$W/after-use.out" 2>"$W/after-use.err"
rc2=$?
"$CLI" use >"$W/show1.out" 2>>"$W/use.err"
rc3=$?
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc3 -eq 0 ] &&
   grep -qxF "Commands use the paper account $PAPER_NUMBER." "$W/use.out" &&
   [ "$(number_of "$W/after-use.out")" = "$PAPER_NUMBER" ] &&
   used_line "$W/after-use.err" paper "$PAPER_NUMBER" "chosen with “paddock-cli use”" &&
   grep -qxF "Commands use the paper account $PAPER_NUMBER." "$W/show1.out"; then
  ok "use NUMBER switches the account of the next commands"
else
  not_ok "use NUMBER switches the account of the next commands ($rc1 $rc2 $rc3)" \
    "$W/use.out" "$W/use.err" "$W/after-use.out" "$W/after-use.err" "$W/show1.out"
fi

# 5. --account still wins over the choice
"$CLI" account --json --account "$LIVE_NUMBER" >"$W/option.out" 2>"$W/option.err"
rc=$?
if [ $rc -eq 0 ] && [ "$(number_of "$W/option.out")" = "$LIVE_NUMBER" ] &&
   used_line "$W/option.err" live "$LIVE_NUMBER" "named with --account"; then
  ok "--account overrides the account chosen with use"
else
  not_ok "--account overrides the account chosen with use (rc $rc)" "$W/option.out" "$W/option.err"
fi

# 6. an account that is not signed in is refused, and the choice stays
"$CLI" use PA-NOT-SIGNED-IN >"$W/unknown.out" 2>"$W/unknown.err"
rc=$?
"$CLI" account --json >"$W/still.out" 2>"$W/still.err"
if [ $rc -ne 0 ] && [ ! -s "$W/unknown.out" ] &&
   grep -qF "No account “PA-NOT-SIGNED-IN” is signed in on this computer" "$W/unknown.err" &&
   [ "$(number_of "$W/still.out")" = "$PAPER_NUMBER" ]; then
  ok "use refuses an account that is not signed in (exit $rc) and keeps the choice"
else
  not_ok "use refuses an account that is not signed in (rc $rc)" "$W/unknown.out" "$W/unknown.err" \
    "$W/still.out"
fi

# 7. use ID works as --account does; the choice is kept as environment:id, nothing more
"$CLI" use "$LIVE_ID" >"$W/use-id.out" 2>"$W/use-id.err"
rc=$?
settings=$XDG_CONFIG_HOME/glib-2.0/settings/keyfile
if [ $rc -eq 0 ] && grep -qxF "Commands use the live account $LIVE_NUMBER." "$W/use-id.out" &&
   grep -qxF "cli-account='live:$LIVE_ID'" "$settings"; then
  ok "use ID chooses by the account's id; the settings keep environment:id"
else
  not_ok "use ID chooses by the account's id (rc $rc)" "$W/use-id.out" "$W/use-id.err" "$settings"
fi
"$CLI" use "$PAPER_NUMBER" >/dev/null 2>&1

# 8. every command that uses an account names it on stderr, once
order_id=00000000-0000-4000-8000-000000000000
missing=
for cmd in "account" "whoami" "positions" "orders --limit 1" "activity --limit 1" \
           "order get $order_id" "order cancel $order_id"; do
  f=$W/cmd-${cmd%% *}-$(echo "$cmd" | tr -cd 'a-z' | cut -c1-12)
  # shellcheck disable=SC2086
  "$CLI" $cmd >"$f.out" 2>"$f.err"
  used_line "$f.err" paper "$PAPER_NUMBER" "chosen with “paddock-cli use”" || missing="$missing [$cmd]"
done
timeout -s INT 5 "$CLI" stream >"$W/cmd-stream.out" 2>"$W/cmd-stream.err"
used_line "$W/cmd-stream.err" paper "$PAPER_NUMBER" "chosen with “paddock-cli use”" ||
  missing="$missing [stream]"
if [ -z "$missing" ]; then
  ok "account, whoami, positions, orders, activity, order, stream name their account on stderr"
else
  not_ok "every account-using command names its account on stderr; not:$missing" \
    "$W/cmd-stream.err"
fi

# 9. the account in use is named by --json commands too, on stderr only
"$CLI" positions --json >"$W/pos.json" 2>"$W/pos.err"
rc=$?
if [ $rc -eq 0 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/pos.json" &&
   ! grep -q "Using the" "$W/pos.json" &&
   used_line "$W/pos.err" paper "$PAPER_NUMBER" "chosen with “paddock-cli use”"; then
  ok "with --json, stdout stays JSON and the account is named on stderr"
else
  not_ok "with --json, stdout stays JSON (rc $rc)" "$W/pos.json" "$W/pos.err"
fi

# 10. use --clear: back to the account signed in last
"$CLI" use --clear >"$W/clear.out" 2>"$W/clear.err"
rc=$?
"$CLI" account --json >"$W/cleared.out" 2>"$W/cleared.err"
if [ $rc -eq 0 ] && [ "$(number_of "$W/cleared.out")" = "$LIVE_NUMBER" ] &&
   used_line "$W/cleared.err" live "$LIVE_NUMBER" "signed in last"; then
  ok "use --clear goes back to the account signed in last"
else
  not_ok "use --clear goes back to the account signed in last (rc $rc)" "$W/clear.out" \
    "$W/cleared.out" "$W/cleared.err"
fi

# 11. a chosen account signed out elsewhere: refused, never quietly another one
"$CLI" use "$PAPER_NUMBER" >/dev/null 2>&1
G_MESSAGES_DEBUG= secret-tool clear xdg:schema "$SCHEMA" environment paper account-id "$PAPER_ID"
"$CLI" account --json >"$W/gone.out" 2>"$W/gone.err"
rc=$?
if [ $rc -eq 3 ] && [ ! -s "$W/gone.out" ] && ! grep -q "Using the" "$W/gone.err" &&
   grep -qF "The account chosen with “paddock-cli use” is no longer signed in" "$W/gone.err"; then
  ok "a chosen account that is no longer signed in stops the command (exit 3)"
else
  not_ok "a chosen account that is no longer signed in stops the command (rc $rc)" \
    "$W/gone.out" "$W/gone.err"
fi

# 12. logout of the chosen account forgets the choice
sign_in paper >/dev/null
"$CLI" use "$PAPER_NUMBER" >/dev/null 2>&1
"$CLI" logout --account "$PAPER_NUMBER" >"$W/logout.out" 2>"$W/logout.err"
rc=$?
"$CLI" account --json >"$W/after-logout.out" 2>"$W/after-logout.err"
if [ $rc -eq 0 ] && [ "$(number_of "$W/after-logout.out")" = "$LIVE_NUMBER" ] &&
   used_line "$W/after-logout.err" live "$LIVE_NUMBER" "the only one signed in"; then
  ok "logout of the chosen account forgets the choice"
else
  not_ok "logout of the chosen account forgets the choice (rc $rc)" "$W/logout.out" \
    "$W/after-logout.out" "$W/after-logout.err"
fi

# 13. nothing secret in any output nor in the settings
# (the sandbox's own announcement, sandbox.out and .json, carries its client secret by design)
leaked=
for env in paper live; do
  tok=$(cat "$W/token-$env")
  [ -n "$tok" ] || leaked="$leaked (no $env token)"
  leaked="$leaked $(grep -rlF -- "$tok" "$W"/*.out "$W"/*.err "$W"/*.json "$XDG_CONFIG_HOME")"
done
leaked="$leaked $(grep -lF -- "$PADDOCK_CLIENT_SECRET" "$W"/*.out "$W"/*.err "$settings")"
leaked=$(echo $leaked | tr ' ' '\n' | grep -v -e '/sandbox\.' -e '^$' | tr '\n' ' ')
if [ -z "$leaked" ]; then
  ok "no token or client secret in any output or in the settings"
else
  not_ok "no token or client secret in any output or in the settings: $leaked"
fi

exit $((failed > 0))
