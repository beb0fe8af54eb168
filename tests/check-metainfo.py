#!/usr/bin/env python3
# check-metainfo.py APPSTREAMCLI METAINFO: `appstreamcli validate --no-net --pedantic` reports
# no error and no warning, and the elements Flathub asks for are there. Prints TAP.
#
# Pedantic hints are allowed (the reverse-DNS app ID has an upper-case letter). One info is
# allowed: AppStream before 1.0 (Debian 12 has 0.16) does not know <developer>, which Flathub
# wants; any other info fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

results = []


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))


def main():
    appstreamcli, path = sys.argv[1], sys.argv[2]
    run = subprocess.run([appstreamcli, "validate", "--no-net", "--pedantic", path],
                         capture_output=True, text=True)
    issues = [l for l in run.stdout.splitlines() if re.match(r"^[EWIP]: ", l)]
    errors = [l for l in issues if l.startswith("E: ")]
    warnings = [l for l in issues if l.startswith("W: ")]
    infos = [l for l in issues if l.startswith("I: ") and
             not re.search(r" unknown-tag developer$", l)]
    check(run.returncode == 0, "appstreamcli validate succeeds",
          "status %d\n%s%s" % (run.returncode, run.stdout, run.stderr))
    check(not errors, "no errors", "\n".join(errors))
    check(not warnings, "no warnings", "\n".join(warnings))
    check(not infos, "no infos but the AppStream 0.16 <developer> one", "\n".join(infos))

    root = ET.parse(path).getroot()

    def text(xpath):
        e = root.find(xpath)
        return "".join(e.itertext()).strip() if e is not None else ""

    description = " ".join(text("description").split())
    check(text("summary") != "", "a summary")
    check(len(root.findall("description/p")) >= 2, "a description of several paragraphs")
    check(re.search(r"not made by.*affiliated with Alpaca", description) is not None,
          "the description says Paddock is not made by or affiliated with Alpaca", description)
    shots = root.findall("screenshots/screenshot")
    check(len(shots) >= 1 and all(s.findtext("caption", "").strip() for s in shots) and
          len([s for s in shots if s.get("type") == "default"]) == 1,
          "screenshots, one default, each with a caption")
    releases = root.findall("releases/release")
    check(len(releases) >= 1 and all(r.get("version") and r.get("date") for r in releases),
          "releases with a version and a date")
    check(root.find("content_rating[@type='oars-1.1']") is not None, "an OARS content rating")
    colors = {c.get("scheme_preference") for c in root.findall("branding/color[@type='primary']")
              if re.fullmatch(r"#[0-9a-fA-F]{6}", (c.text or "").strip())}
    check(colors == {"light", "dark"}, "primary branding colours for light and dark",
          repr(colors))
    check(root.find("requires/display_length") is not None, "the display length it needs")
    controls = {c.text for c in root.findall("supports/control")}
    check({"keyboard", "pointing", "touch"} <= controls,
          "keyboard, pointing and touch input supported", repr(controls))
    check(root.find("launchable[@type='desktop-id']") is not None, "a launchable desktop ID")
    urls = {u.get("type") for u in root.findall("url")}
    check({"homepage", "bugtracker", "vcs-browser"} <= urls,
          "homepage, bug tracker and source URLs", repr(urls))
    developer = root.find("developer")
    check(developer is not None and developer.get("id") and
          (developer.findtext("name") or "").strip(), "a developer with an ID and a name")

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
