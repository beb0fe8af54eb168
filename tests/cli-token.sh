#!/bin/bash
# cli-token.sh: paddock-cli token — the environment, the scopes, the introspection reply and
# the Polygon last trade, never the token — run inside keyring-env.sh (a private bus with a
# real, unlocked gnome-keyring-daemon) against the real paddock-sandbox program. The token
# comes from the sandbox's own OAuth flow (played here without a browser: the redirect is
# read, never followed) and goes into the keyring as Paddock's item. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/sandbox-program.sh"

SCHEMA=io.github.paddockapp.Paddock.Token
sandbox_test_setup cli-token
export G_DEBUG=gc-friendly,fatal-warnings

# every address the CLI could use is the sandbox's, on loopback
if ! start_sandbox "$W" --seed 5 --rate-limit 100000 --tick-ms 0; then
  echo "1..1"
  not_ok "the sandbox starts and prints its JSON line" "$W/sandbox.err"
  exit 1
fi
BASE=${PADDOCK_AUTHORIZE_URL%/oauth/authorize}

control() { # control METHOD PATH [JSON]
  curl -s -o /dev/null -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$BASE$2"
}
fault() { # fault METHOD PATH KIND PARAM COUNT
  case "$(control POST /_sandbox/faults "{\"method\":\"$1\",\"path\":\"$2\",\"kind\":\"$3\",\"param\":$4,\"count\":$5}")" in
    2??) return 0 ;;
    *) return 1 ;;
  esac
}
# the token appears in none of the files named
no_token() {
  local f
  for f in "$@"; do grep -qF -- "$(cat "$W/token-paper")" "$f" && return 1; done
  return 0
}
py() { python3 -c "$1" "${@:2}"; }

echo "1..6"

# 1. a paper account signed in
if read -r ID NUMBER < <(python3 "$(dirname "$0")/sandbox-login.py" "$W/sandbox.json" paper \
                           "$W/token-paper" 2>>"$W/login.err") && [ -n "$NUMBER" ] &&
   py 'import json,sys; sys.stdout.write(json.dumps({"access_token": open(sys.argv[1]).read(),
     "token_type": "bearer", "scope": "account:write trading data", "account_number": sys.argv[2]}))' \
     "$W/token-paper" "$NUMBER" | G_MESSAGES_DEBUG= secret-tool store \
     --label="Paddock token for paper account $NUMBER" xdg:schema "$SCHEMA" environment paper \
     account-id "$ID" schema-version 1; then
  ok "a paper account of the sandbox is signed in ($NUMBER)"
else
  not_ok "a paper account of the sandbox is signed in" "$W/login.err" "$W/sandbox.err"
  exit 1
fi

# 2. for people: environment, scopes and the introspection rows; never the token
"$CLI" token >"$W/text.out" 2>"$W/text.err"
rc=$?
if [ $rc -eq 0 ] && grep -qE '^Environment +paper$' "$W/text.out" &&
   grep -qE '^Scopes +.*trading' "$W/text.out" && grep -qE '^Active +yes$' "$W/text.out" &&
   grep -qE '^Token type +Bearer$' "$W/text.out" && grep -qE '^Key ID +AK[A-Z0-9]{18}$' "$W/text.out" &&
   grep -qE '^Issued +[0-9]{4}-[0-9]{2}-[0-9]{2} ' "$W/text.out" &&
   no_token "$W/text.out" "$W/text.err"; then
  ok "token shows the environment, scopes and introspection fields, not the token"
else
  not_ok "token shows the environment, scopes and introspection fields (rc $rc)" \
    "$W/text.out" "$W/text.err"
fi

# 3. --json: one object, the reply's fields, iat as a date; never the token
"$CLI" token --json >"$W/token.json" 2>"$W/json.err"
rc=$?
if [ $rc -eq 0 ] && py '
import json, sys
d = json.load(open(sys.argv[1]))
i = d["introspection"]
assert d["environment"] == "paper" and d["account_number"] == sys.argv[2], d
assert "trading" in d["scopes"] and "data" in d["scopes"], d
assert i["active"] is True and i["token_type"] == "Bearer" and i["id"].startswith("AK"), i
assert i["owner_id"] and i["client_id"] and i["iat"][:2] == "20", i
assert "last_trade" not in d, d
' "$W/token.json" "$NUMBER" 2>>"$W/json.err" && no_token "$W/token.json" "$W/json.err"; then
  ok "token --json prints the introspection reply, not the token"
else
  not_ok "token --json prints the introspection reply (rc $rc)" "$W/token.json" "$W/json.err"
fi

# 4. --last-trade: Polygon's last trade through the key id (price kept as a decimal string)
"$CLI" token --json --last-trade msft >"$W/trade.json" 2>"$W/trade.err"
rc=$?
if [ $rc -eq 0 ] && py '
import json, re, sys
t = json.load(open(sys.argv[1]))["last_trade"]
assert t["symbol"] == "MSFT" and re.fullmatch(r"[0-9]+(\.[0-9]+)?", t["price"]), t
assert t["size"] > 0 and t["exchange"] in (10, 11, 12) and t["timestamp"][:2] == "20", t
' "$W/trade.json" 2>>"$W/trade.err" && no_token "$W/trade.json" "$W/trade.err"; then
  ok "token --last-trade looks up the Polygon last trade"
else
  not_ok "token --last-trade looks up the Polygon last trade (rc $rc)" "$W/trade.json" "$W/trade.err"
fi

# 5. a server that does not answer introspection (404): said, not a failure
if fault GET /live/oauth/token status 404 1; then
  "$CLI" token --json >"$W/none.json" 2>"$W/none.err"
  rc=$?
else
  rc=fault
fi
if [ "$rc" = 0 ] && py '
import json, sys
assert json.load(open(sys.argv[1]))["introspection"] is None
' "$W/none.json" 2>>"$W/none.err"; then
  ok "a 404 to introspection is \"not answered\", exit 0, introspection null"
else
  not_ok "a 404 to introspection is \"not answered\" (rc $rc)" "$W/none.json" "$W/none.err"
fi

# 6. …and then there is no key id for --last-trade: said in words, exit 1
if fault GET /live/oauth/token status 404 1; then
  "$CLI" token --last-trade MSFT >"$W/nokey.out" 2>"$W/nokey.err"
  rc=$?
else
  rc=fault
fi
if [ "$rc" = 1 ] && grep -qF "does not answer token introspection, so there is no key id" "$W/nokey.err"; then
  ok "--last-trade without an introspection reply fails with the reason"
else
  not_ok "--last-trade without an introspection reply fails with the reason (rc $rc)" \
    "$W/nokey.out" "$W/nokey.err"
fi

exit $((failed > 0))
