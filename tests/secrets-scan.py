#!/usr/bin/env python3
# secrets-scan.py SECRETS_FILE PATH…: looks for secrets in everything under each PATH (a file
# or a directory, walked; only regular files are read, symbolic links are not followed).
# SECRETS_FILE holds one "NAME=VALUE" a line (it is never among the PATHs). Each secret is
# looked for as it is, base64-encoded (standard and URL-safe alphabets, at each of the three
# alignments it can have inside a longer encoded text) and percent-encoded (upper and lower
# case hex, and with "+" for spaces). A directory named "keyrings" is skipped: the
# keyring's files are encrypted with the keyring's password, so a secret in them cannot be
# found by reading them, and is meant to be there.
# Prints one line per hit, "NAME (FORM) in PATH", and exits 1 on any hit; exits 2 when a
# secret is shorter than 16 characters (too short to be told from other text).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import base64
import os
import re
import sys
import urllib.parse


def forms(value):
    raw = value.encode()
    out = {"as is": raw}
    for name, encode in (("base64", base64.b64encode), ("base64url", base64.urlsafe_b64encode)):
        for shift in range(3):
            # what every encoding of the value after `shift` other bytes contains: the
            # characters that depend on the value's bytes only
            text = encode(b"\0" * shift + raw).rstrip(b"=")
            start = (shift * 4 + 2) // 3
            end = len(text) - (1 if (shift + len(raw)) % 3 else 0)
            out["%s, offset %d" % (name, shift)] = text[start:end]
    quoted = urllib.parse.quote(value, safe="")
    for name, text in (("percent-encoded", quoted),
                       ("percent-encoded, lower case",
                        re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), quoted)),
                       ("form-encoded", urllib.parse.quote_plus(value, safe=""))):
        if text != value:
            out[name] = text.encode()
    return out


def files(path):
    if os.path.isfile(path) and not os.path.islink(path):
        yield path
        return
    for top, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if d != "keyrings"]
        for name in names:
            full = os.path.join(top, name)
            if os.path.isfile(full) and not os.path.islink(full):
                yield full


def main():
    secrets = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if line:
            name, value = line.split("=", 1)
            if len(value) < 16:
                print("secret %s is missing or too short to look for" % name)
                return 2
            secrets[name] = forms(value)
    hits = 0
    scanned = 0
    for path in sys.argv[2:]:
        for f in files(path):
            try:
                data = open(f, "rb").read()
            except OSError:
                continue
            scanned += 1
            for name, encoded in secrets.items():
                for form, needle in encoded.items():
                    if len(needle) >= 12 and needle in data:
                        print("%s (%s) in %s" % (name, form, f))
                        hits += 1
    print("scanned %d files for %d secrets" % (scanned, len(secrets)), file=sys.stderr)
    return 1 if hits else 0


sys.exit(main())
