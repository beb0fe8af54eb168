#!/usr/bin/env python3
# check-flatpak-manifest.py MANIFEST APP_ID [OPTION…]: the Flatpak manifest is valid JSON (no
# key twice) for APP_ID on the GNOME runtime, with exactly the sandbox permissions Paddock
# needs and no bundled module, configured with the meson OPTIONs given (a -Dprofile only when
# one is given). Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

# Network (the brokerage, the loopback sign-in listener), the display, GPU. No
# org.freedesktop.secrets: libsecret uses the Secret portal inside the sandbox; the browser
# opens through the OpenURI portal; notifications go through their portal.
FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]

results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValueError("key given twice: " + ", ".join(dup))
    return dict(pairs)


def main():
    path, app_id, options = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        manifest = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except ValueError as e:
        print("1..1")
        print("not ok 1 - the manifest is valid JSON")
        print("# " + str(e))
        return 1
    check(isinstance(manifest, dict), "the manifest is valid JSON")
    if not isinstance(manifest, dict):
        manifest = {}

    check(manifest.get("id") == app_id, "the app ID is " + app_id, repr(manifest.get("id")))
    check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is org.gnome.Platform",
          repr(manifest.get("runtime")))
    check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is org.gnome.Sdk",
          repr(manifest.get("sdk")))
    version = manifest.get("runtime-version")
    check(isinstance(version, str) and re.fullmatch(r"[0-9]+", version) is not None
          and int(version) >= 48,
          "the runtime is a stable GNOME release (48 or later)", repr(version))
    check(manifest.get("command") == "paddock", "the command is paddock",
          repr(manifest.get("command")))

    args = manifest.get("finish-args")
    check(isinstance(args, list) and len(args) == len(set(args)) and
          sorted(args) == sorted(FINISH_ARGS),
          "the finish-args are exactly " + " ".join(FINISH_ARGS), repr(args))
    check("org.freedesktop.secrets" not in text,
          "no access to org.freedesktop.secrets (the Secret portal is used)")

    modules = manifest.get("modules")
    only = modules[0] if isinstance(modules, list) and len(modules) == 1 else None
    check(isinstance(only, dict) and only.get("name") == "paddock" and
          only.get("buildsystem") == "meson",
          "one module, Paddock itself, built with meson (nothing bundled)", repr(modules))
    opts = only.get("config-opts", []) if isinstance(only, dict) else []
    profiles = [o for o in opts if o.startswith("-Dprofile=")]
    check(all(o in opts for o in options) and
          profiles == [o for o in options if o.startswith("-Dprofile=")],
          "configured with " + (" ".join(options) or "the default profile"), repr(opts))
    sources = only.get("sources") if isinstance(only, dict) else None
    check(isinstance(sources, list) and len(sources) == 1 and
          sources[0].get("type") == "dir" and sources[0].get("path") == "..",
          "built from this source tree", repr(sources))

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            print("# got " + detail)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
