#!/usr/bin/env python3
# Counts test cases (TAP subtests, or whole programs without TAP) in meson's testlog.json
# files and prints "N passed, N failed" (", N skipped" when some were skipped).
import json
import re
import sys

passed = failed = skipped = 0
paths = sys.argv[1:]
if len(paths) >= 2 and paths[0] == "--failed":
    failed += int(paths[1])   # e.g. builds that failed before any test could run
    paths = paths[2:]
for path in paths:
    try:
        lines = open(path, encoding="utf-8").readlines()
    except OSError:
        print(f"cannot read {path}", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        t = json.loads(line)
        out = t.get("stdout") or ""
        tap = [l for l in out.splitlines() if re.match(r"^(not )?ok\b", l)]
        result = t.get("result")
        if tap:
            for l in tap:
                if re.search(r"#\s*SKIP", l, re.I):
                    skipped += 1
                elif l.startswith("not ok") and not re.search(r"#\s*TODO", l, re.I):
                    failed += 1
                else:
                    passed += 1
            # a crash or time-out after the last TAP line is a failure of its own
            if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(
                    l.startswith("not ok") for l in tap):
                failed += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
