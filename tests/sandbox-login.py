#!/usr/bin/env python3
# sandbox-login.py SANDBOX_JSON ENV TOKEN_FILE: signs in to the paddock-sandbox program's
# paper or live account (ENV) through its own OAuth flow, played without a browser: the
# consent page is approved and the redirect is read, never followed (its loopback address is
# only a name here). The access token goes to TOKEN_FILE (mode 600, never to the output);
# prints the account's id and number. SANDBOX_JSON is the program's first output line.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import base64, hashlib, json, os, re, sys, urllib.error, urllib.parse, urllib.request

conf = json.load(open(sys.argv[1]))
env, token_file = sys.argv[2], sys.argv[3]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


redirect = "http://127.0.0.1:48721/callback"
verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
q = urllib.parse.urlencode({"response_type": "code", "client_id": conf["client_id"],
                            "redirect_uri": redirect, "state": "s1", "env": env,
                            "scope": "account:write trading data",
                            "code_challenge": challenge, "code_challenge_method": "S256"})
page = urllib.request.urlopen(conf["authorize_url"] + "?" + q).read().decode()
request_id = re.search(r'name="request_id" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"request_id": request_id, "decision": "approve"}).encode()
try:
    urllib.request.build_opener(NoRedirect).open(urllib.request.Request(conf["authorize_url"],
                                                                        data=form))
    sys.exit("no redirect")
except urllib.error.HTTPError as e:
    location = e.headers["Location"]
code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                               "client_id": conf["client_id"],
                               "client_secret": conf["client_secret"],
                               "redirect_uri": redirect, "code_verifier": verifier}).encode()
reply = json.load(urllib.request.urlopen(urllib.request.Request(conf["live_url"] + "/oauth/token",
                                                                 data=form)))
fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, reply["access_token"].encode())
os.close(fd)
req = urllib.request.Request(conf[env + "_url"] + "/v2/account",
                             headers={"Authorization": "Bearer " + reply["access_token"]})
account = json.load(urllib.request.urlopen(req))
print(account["id"], account["account_number"])
