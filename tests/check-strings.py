#!/usr/bin/env python3
# check-strings.py SRCDIR: the English of every translatable string (the files of
# po/POTFILES.in, extracted by xgettext as the translators get them) is written one way:
# typographic apostrophes and quotes (’ “ ”, never ' or "), US spelling (a list of British
# spellings that must not appear), and no space between a number and "%" ("1.02%", not
# "1.02 %"; translations may add one where their language wants it). Prints TAP.
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Words whose British spelling differs from the US one. "Cancelled" is not here: US
# English accepts it (and Alpaca's own status, "canceled", is spelled the other way).
BRITISH = [
    r"colou?r(?<=colour)\w*", r"favour\w*", r"behaviour\w*", r"honour\w*", r"neighbour\w*",
    r"labour\w*", r"flavour\w*", r"humour\w*", r"rumour\w*", r"armour\w*", r"harbour\w*",
    r"vapour\w*", r"endeavour\w*",
    r"centre\w*", r"theatre\w*", r"metre\w*", r"litre\w*", r"fibre\w*", r"calibre",
    r"licence\w*", r"defence\w*", r"offence\w*", r"pretence\w*",
    r"practis\w*", r"analys(e|es|ed|ing)",
    r"(organi|recogni|reali|authori|initiali|customi|minimi|maximi|finali|summari|priori"
    r"|optimi|normali|synchroni|speciali|apologi|emphasi|visuali|categori|characteri"
    r"|memori|utili|standardi|capitali|serialis|sanitis)s(e|ed|es|ing|ation|ations)",
    r"catalogue\w*", r"dialogue\w*", r"analogue", r"programme\w*",
    r"grey\w*", r"travell\w*", r"modell\w*", r"labell\w*", r"signall\w*", r"fuell\w*",
    r"jewellery", r"cheque\w*", r"whilst", r"amongst", r"enrol", r"enrols", r"fulfil",
    r"fulfils", r"judgement\w*", r"ageing", r"aluminium", r"tonne\w*", r"kerb\w*",
    r"aeroplane\w*", r"manoeuvre\w*", r"storey\w*", r"tyre\w*", r"plough\w*",
]
BRITISH_RE = re.compile(r"\b(" + "|".join(BRITISH) + r")\b", re.IGNORECASE)

# printf's "%'" flag (thousands grouping) is not an apostrophe
PRINTF_QUOTE_FLAG = re.compile(r"%'")
MARKUP_TAG = re.compile(r"<[^<>]*>")
# a translatable call: _("…"), N_, C_, NC_, ngettext, g_dngettext
TRANSLATABLE_CALL = re.compile(r"(?<![\w])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\(")
STRING_LITERAL = re.compile(r'"(?:\\.|[^"\\\n])*"')
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# a literal percent sign after white space: "%s %%" in a format string, "5 %" in text
SPACE_PERCENT = re.compile(r"\s%%|\d\s+%(?![-+ #'0-9.]*[diouxXeEfFgGaAcspn%])")


def unquote(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_pot(path):
    """(msgid text, its references) for every msgid and msgid_plural of a .pot file"""
    entries = []
    refs = []
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#:"):
                refs.extend(line[2:].split())
                continue
            m = re.match(r'^(msgid|msgid_plural|msgstr(\[\d+\])?|msgctxt) "(.*)"$', line)
            if m:
                if current is not None:
                    entries.append(current)
                kind = m.group(1)
                current = (kind, [unquote(m.group(3))], list(refs)) \
                    if kind in ("msgid", "msgid_plural") else None
                if kind.startswith("msgstr"):
                    refs = []
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and current is not None:
                current[1].append(unquote(m.group(1)))
    if current is not None:
        entries.append(current)
    return [("".join(parts), r) for (_kind, parts, r) in entries if "".join(parts)]


def macros_in_messages(srcdir, potfiles):
    """(file:line, macro) for each string literal of a translatable call continued by a
    macro such as G_GINT64_FORMAT: xgettext cuts the message there, so the text looked up
    at run time never matches a translation"""
    found = []
    for rel in potfiles:
        if not rel.endswith((".c", ".h")):
            continue
        with open(os.path.join(srcdir, rel), encoding="utf-8") as f:
            text = f.read()
        for call in TRANSLATABLE_CALL.finditer(text):
            i = call.end()
            after_literal = False
            while i < len(text):
                if text[i].isspace():
                    i += 1
                    continue
                m = STRING_LITERAL.match(text, i)
                if m:
                    after_literal = True
                    i = m.end()
                    continue
                m = IDENTIFIER.match(text, i)
                if m and after_literal:
                    line = text.count("\n", 0, i) + 1
                    found.append((f"{rel}:{line}", m.group(0)))
                break
    return found


def main():
    srcdir = sys.argv[1]
    xgettext = shutil.which("xgettext")
    print("1..5")
    if xgettext is None:
        print("not ok 1 - xgettext is installed")
        for n in range(2, 6):
            print(f"not ok {n} - # SKIP without xgettext")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "paddock.pot")
        r = subprocess.run([xgettext, "--from-code=UTF-8", "--add-location=file",
                            "-k_", "-kN_", "-kC_:1c,2", "-kNC_:1c,2", "-kngettext:1,2",
                            "-kg_dngettext:2,3", "-f", "po/POTFILES.in", "-o", pot],
                           cwd=srcdir, capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(pot):
            print("not ok 1 - xgettext extracts the strings")
            for line in (r.stderr or "").splitlines():
                print("# " + line)
            return 1
        entries = read_pot(pot)
    print(f"ok 1 - xgettext extracts the strings ({len(entries)})")

    failed = 0
    checks = [
        ("every apostrophe and quote is typographic (’ “ ”)",
         lambda s: ("'" in PRINTF_QUOTE_FLAG.sub("", MARKUP_TAG.sub("", s)) or
                    '"' in MARKUP_TAG.sub("", s))),
        ("US spelling only", lambda s: BRITISH_RE.search(s) is not None),
        ("no space before a percent sign", lambda s: SPACE_PERCENT.search(s) is not None),
    ]
    for n, (name, bad) in enumerate(checks, start=2):
        found = [(s, refs) for (s, refs) in entries if bad(s)]
        if not found:
            print(f"ok {n} - {name}")
        else:
            failed += 1
            print(f"not ok {n} - {name}")
            for s, refs in found:
                print(f"# {', '.join(refs[:2])}: {s!r}")
    with open(os.path.join(srcdir, "po", "POTFILES.in"), encoding="utf-8") as f:
        potfiles = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    cut = macros_in_messages(srcdir, potfiles)
    if not cut:
        print("ok 5 - no translatable message is continued by a macro")
    else:
        failed += 1
        print("not ok 5 - no translatable message is continued by a macro "
              "(xgettext cuts it there: format the number apart and use %s)")
        for where, macro in cut:
            print(f"# {where}: {macro}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
