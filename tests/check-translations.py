#!/usr/bin/env python3
# check-translations.py SRCDIR DESKTOP METAINFO [--plant]
#
# Every language of po/LINGUAS, checked against the sources as they are now:
#   - the template: xgettext extracts the strings of po/POTFILES.in (with the options of
#     po/meson.build's glib preset) without a warning (a format macro inside _() makes
#     a msgid that can never match at run time);
#   - each language listed has its po/LL.po, and each po/*.po is listed;
#   - `msgfmt -c --check-format` accepts it;
#   - nothing untranslated, nothing fuzzy;
#   - it is current: every message of a freshly made template is in it, and it holds no
#     message the sources no longer have;
#   - each translation keeps its msgid's printf conversions (in order, unless numbered
#     like %1$s), its strftime fields, its {}-style placeholders, its markup tags and its
#     mnemonic;
#   - the built desktop file (DESKTOP) and metainfo (METAINFO) carry the language: every
#     translatable key of the desktop file has a [LL] twin, and the metainfo's name,
#     summary, paragraphs, list items and captions each have an xml:lang="LL" twin.
# Prints TAP, one line per check per language.
#
# --plant: the checks themselves checked. A copy of po/ (and of the two data files) gets
# one defect at a time (a fuzzy message, an untranslated one, a lost %s, swapped
# conversions, a changed {placeholder}, lost markup, a lost mnemonic, a message missing,
# a language listed with no .po, a .po msgfmt rejects, a desktop file or metainfo without
# the language); each must make its check fail, and the unbroken copy must pass.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shutil
import subprocess
import sys
import tempfile

# po/meson.build: i18n.gettext('paddock', preset: 'glib'), as meson expands the preset
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# a printf conversion (%% excluded) or a strftime field (%b, %-d, %H …)
CONVERSION = re.compile(
    r"%(?:(\d+)\$)?[-+ #'0^_]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?([A-Za-z])")
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}")
TAG = re.compile(r"</?([A-Za-z]+)[^<>]*>")
MNEMONIC = re.compile(r"(?<![_\w])_(?=\w)|(?<=\w)_(?=\w)")
DESKTOP_KEYS = ("Name", "GenericName", "Comment", "Keywords", "X-GNOME-FullName")


# ---- reading .po files --------------------------------------------------------------------

def unquote(text):
    out = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(escapes.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}          # index (0 for a singular message) -> text
        self.flags = set()
        self.refs = []
        self.comments = []        # the extracted comments (#.), for translators
        self.obsolete = False
        self.line = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def where(self):
        ctx = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {ctx}{self.msgid!r}"


def read_po(path):
    """the entries of a .po/.pot file, the header (msgid "") included"""
    entries = []
    cur = None
    field = None

    def finish():
        if cur is not None and cur.msgid is not None:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, start=1):
            line = raw.rstrip("\n")
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                continue
            if line.startswith("#"):
                if cur is not None and cur.msgid is not None and field is not None:
                    finish()
                    cur, field = None, None
                if cur is None:
                    cur = Entry()
                    cur.line = n
                if line.startswith("#,"):
                    cur.flags.update(x.strip() for x in line[2:].split(","))
                elif line.startswith("#:"):
                    cur.refs.extend(line[2:].split())
                elif line.startswith("#."):
                    cur.comments.append(line[2:].strip())
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$', line)
            if m:
                kind = m.group(1)
                if kind in ("msgctxt", "msgid") and cur is not None and cur.msgid is not None:
                    finish()
                    cur = None
                if cur is None:
                    cur = Entry()
                    cur.line = n
                cur.obsolete = cur.obsolete or obsolete
                text = unquote(m.group(3))
                if kind.startswith("msgstr"):
                    field = ("msgstr", int(m.group(2) or 0))
                    cur.msgstr[field[1]] = text
                else:
                    field = (kind, None)
                    setattr(cur, kind, text)
                continue
            m = re.match(r'^"(.*)"\s*$', line)
            if m and cur is not None and field is not None:
                text = unquote(m.group(1))
                if field[0] == "msgstr":
                    cur.msgstr[field[1]] += text
                else:
                    setattr(cur, field[0], getattr(cur, field[0]) + text)
                continue
            raise ValueError(f"{path}:{n}: cannot read {raw!r}")
    finish()
    return entries


def messages(entries):
    """the live messages: no header, no obsolete ones"""
    return [e for e in entries if e.msgid != "" and not e.obsolete]


def linguas(po_dir):
    out = []
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            out.extend(line.split())
    return out


# ---- what a translation must keep ---------------------------------------------------------

def conversions(text):
    """(numbered, [(position or None, letter)…]) of a string's % conversions"""
    text = text.replace("%%", "")
    found = [(m.group(1), m.group(2)) for m in CONVERSION.finditer(text)]
    return any(p is not None for p, _ in found), found


def same_conversions(source, translation, ordered):
    s_num, s = conversions(source)
    t_num, t = conversions(translation)
    if s_num or t_num:
        # numbered arguments may move; unnumbered ones take the next argument
        def numbered(items):
            return sorted((int(p) if p else i + 1, c) for i, (p, c) in enumerate(items))
        return numbered(s) == numbered(t)
    if ordered:
        return [c for _, c in s] == [c for _, c in t]
    return sorted(c for _, c in s) == sorted(c for _, c in t)


def problems_of(e):
    """what a translated message lost or gained, as strings"""
    out = []
    pairs = []
    if e.msgid_plural is None:
        pairs.append((e.msgid, e.msgstr.get(0, "")))
    else:
        for i, text in sorted(e.msgstr.items()):
            pairs.append((e.msgid if i == 0 else e.msgid_plural, text))
    for source, text in pairs:
        if not text:
            continue
        # printf arguments come in order; the fields of a date format may move
        # ("%B %-d" → "%-d. %B"): a format with a strftime-only field is a date format
        letters = {c for _, c in conversions(source)[1]}
        ordered = "c-format" in e.flags or letters <= set("diouxXeEfFgGaAcspn")
        if not same_conversions(source, text, ordered):
            out.append(f"conversions differ: {source!r} -> {text!r}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            out.append(f"placeholders differ: {source!r} -> {text!r}")
        if sorted(t.lower() for t in TAG.findall(source)) != \
           sorted(t.lower() for t in TAG.findall(text)):
            out.append(f"markup differs: {source!r} -> {text!r}")
        if len(MNEMONIC.findall(source)) != len(MNEMONIC.findall(text)):
            out.append(f"mnemonic lost or added: {source!r} -> {text!r}")
    return out


# ---- the checks ---------------------------------------------------------------------------

def make_template(srcdir, tmp):
    """(path of a fresh template, warnings) from po/POTFILES.in"""
    pot = os.path.join(tmp, "fresh.pot")
    r = subprocess.run(["xgettext", *XGETTEXT_ARGS, "--package-name=paddock",
                        "-D", srcdir, "-f", os.path.join(srcdir, "po", "POTFILES.in"),
                        "-o", pot],
                       capture_output=True, text=True)
    lines = [l for l in (r.stderr or "").splitlines() if l.strip()]
    if r.returncode != 0 or not os.path.exists(pot):
        return None, lines or [f"xgettext exited with {r.returncode}"]
    return pot, [l for l in lines if "warning" in l.lower()]


def check_desktop(path, lang):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    keys = set()
    localized = set()
    section = None
    for line in lines:
        if line.startswith("["):
            section = line
            continue
        m = re.match(r"^([A-Za-z0-9-]+)(?:\[([^\]]+)\])?\s*=", line)
        if not m:
            continue
        if m.group(1) in DESKTOP_KEYS:
            if m.group(2) is None:
                keys.add((section, m.group(1)))
            elif m.group(2) == lang:
                localized.add((section, m.group(1)))
    missing = sorted(keys - localized)
    return [f"{os.path.basename(path)}: no {k}[{lang}] in {s}" for s, k in missing] + \
        ([] if keys else [f"{os.path.basename(path)}: no translatable key at all"])


def check_metainfo(path, lang):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for tag in ("name", "summary", "p", "li", "caption"):
        # the untranslated ones (translate="no" is not for translators)
        plain = len(re.findall(rf"<{tag}(?:\s(?![^>]*(?:xml:lang|translate=\"no\"))[^>]*)?>",
                               text))
        translated = len(re.findall(rf"<{tag}\s[^>]*xml:lang=\"{re.escape(lang)}\"", text))
        if translated < plain:
            out.append(f"{os.path.basename(path)}: {translated} of {plain} <{tag}> "
                       f"with xml:lang=\"{lang}\"")
    if f'xml:lang="{lang}"' not in text:
        out.append(f"{os.path.basename(path)}: no xml:lang=\"{lang}\" at all")
    return out


def run_checks(srcdir, po_dir, desktop, metainfo, pot, pot_warnings):
    """[(name, [problems…])…]: every check of every language"""
    results = [("the template is extracted without a warning", list(pot_warnings))]
    langs = linguas(po_dir)
    listed = [("po/LINGUAS lists at least one language", [] if langs else ["LINGUAS is empty"])]
    unlisted = sorted(f[:-3] for f in os.listdir(po_dir)
                      if f.endswith(".po") and f[:-3] not in langs)
    listed.append(("every po/*.po is listed in po/LINGUAS",
                   [f"{lang}.po is not in LINGUAS" for lang in unlisted]))
    results.extend(listed)
    template = messages(read_po(pot)) if pot else []
    wanted = {e.key: e for e in template}
    for lang in langs:
        po = os.path.join(po_dir, lang + ".po")
        if not os.path.isfile(po):
            results.append((f"{lang}: po/{lang}.po exists", [f"no po/{lang}.po"]))
            continue
        results.append((f"{lang}: po/{lang}.po exists", []))
        r = subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, po],
                           capture_output=True, text=True)
        results.append((f"{lang}: msgfmt -c --check-format accepts it",
                        (r.stderr or "").splitlines() or
                        ([f"msgfmt exited with {r.returncode}"] if r.returncode else [])))
        try:
            entries = read_po(po)
        except (ValueError, UnicodeDecodeError) as err:
            results.append((f"{lang}: it can be read", [str(err)]))
            continue
        msgs = messages(entries)
        header = [e for e in entries if e.msgid == "" and not e.obsolete]
        plural = ""
        if header:
            m = re.search(r"^Plural-Forms:\s*(.*)$", header[0].msgstr.get(0, ""), re.M)
            plural = m.group(1) if m else ""
        nplurals = re.search(r"nplurals\s*=\s*(\d+)", plural)
        nplurals = int(nplurals.group(1)) if nplurals else 0
        bad = []
        for e in msgs:
            if "fuzzy" in e.flags:
                bad.append(f"fuzzy: {e.where()}")
            if e.msgid_plural is not None:
                forms = [e.msgstr.get(i, "") for i in range(max(nplurals, 1))]
            else:
                forms = [e.msgstr.get(0, "")]
            if any(not t for t in forms):
                bad.append(f"untranslated: {e.where()}")
        results.append((f"{lang}: every message is translated, none fuzzy", bad))
        have = {e.key for e in msgs}
        stale = [f"missing: {k[1]!r}" + (f" [{k[0]}]" if k[0] else "")
                 for k in wanted if k not in have]
        stale += [f"no longer in the sources: {e.where()}" for e in msgs if e.key not in wanted]
        if pot is None:
            stale.append("no template to compare with")
        results.append((f"{lang}: it is current with the sources", stale))
        kept = []
        for e in msgs:
            kept.extend(f"{p} (line {e.line})" for p in problems_of(e))
        results.append((f"{lang}: conversions, placeholders, markup and mnemonics are kept",
                        kept))
        results.append((f"{lang}: the built desktop file and metainfo carry it",
                        check_desktop(desktop, lang) + check_metainfo(metainfo, lang)))
    return results


def print_tap(results, start=1):
    failed = 0
    for n, (name, problems) in enumerate(results, start=start):
        if problems:
            failed += 1
            print(f"not ok {n} - {name}")
            for p in problems[:40]:
                print("# " + p)
            if len(problems) > 40:
                print(f"# … and {len(problems) - 40} more")
        else:
            print(f"ok {n} - {name}")
    return failed


# ---- the planted defects ------------------------------------------------------------------

def edit_first(path, pattern, replace, count=1):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new, n = re.subn(pattern, replace, text, count=count, flags=re.M)
    if n == 0:
        raise SystemExit(f"plant: {pattern!r} not found in {path}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def po_block_of(path, predicate):
    """(start, end) character offsets of the first live entry that satisfies predicate"""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.split(r"\n\n", text)
    pos = 0
    for b in blocks:
        entries = [e for e in read_po_text(b) if e.msgid]
        if entries and not entries[0].obsolete and predicate(entries[0]):
            return text, pos, pos + len(b)
        pos += len(b) + 2
    raise SystemExit(f"plant: no entry found in {path}")


def read_po_text(text):
    with tempfile.NamedTemporaryFile("w", suffix=".po", encoding="utf-8", delete=False) as f:
        f.write(text + "\n")
    try:
        return read_po(f.name)
    finally:
        os.unlink(f.name)


def append(path, msgid, msgstr):
    with open(path, "a", encoding="utf-8") as f:
        f.write(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')


def replace_entry(path, predicate, change):
    text, a, b = po_block_of(path, predicate)
    new_block = change(text[a:b])
    if new_block == text[a:b]:
        raise SystemExit("plant: the change changed nothing")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:a] + new_block + text[b:])


def plant(srcdir, desktop, metainfo, pot, pot_warnings):
    langs = linguas(os.path.join(srcdir, "po"))
    if not langs:
        print("1..1\nnot ok 1 - po/LINGUAS lists a language to plant defects in")
        return 1
    lang = langs[0]

    def single(pred):
        return lambda e: e.msgid_plural is None and pred(e)

    def msgstr_sub(pattern, repl):
        def change(block):
            head, sep, tail = block.partition("msgstr ")
            return head + sep + re.sub(pattern, repl, tail, count=1)
        return change

    defects = [
        ("a fuzzy message", "translated, none fuzzy: fuzzy:",
         lambda po: replace_entry(po, single(lambda e: True),
                                  lambda b: re.sub(r"^(msgid )", "#, fuzzy\n\\1", b, 1, re.M))),
        ("an untranslated message", "none fuzzy: untranslated:",
         lambda po: replace_entry(po, single(lambda e: "\n" not in e.msgid),
                                  lambda b: re.sub(r'msgstr ".*"(\n".*")*', 'msgstr ""', b))),
        ("an untranslated plural form", "none fuzzy: untranslated:",
         lambda po: replace_entry(po, lambda e: e.msgid_plural is not None,
                                  lambda b: re.sub(r'msgstr\[1\] ".*"(\n".*")*',
                                                   'msgstr[1] ""', b))),
        ("a lost %s", "are kept: conversions differ",
         lambda po: replace_entry(po, single(lambda e: e.msgid.count("%s") == 1),
                                  msgstr_sub(r"%s", "etwas"))),
        ("two conversions swapped", "are kept: conversions differ",
         lambda po: replace_entry(po, single(lambda e: re.search(r"%s.*%u", e.msgid)
                                             is not None),
                                  msgstr_sub(r"%s(.*?)%u", r"%u\1%s"))),
        ("a date field lost", "are kept: conversions differ",
         lambda po: replace_entry(po, single(lambda e: "%b" in e.msgid),
                                  msgstr_sub(r"%b", "Mon"))),
        # the sources have no {name} placeholder and no markup yet: a message with them
        ("a {placeholder} renamed", "are kept: placeholders differ",
         lambda po: append(po, "Hello, {name}!", "Hallo, {nom}!")),
        ("markup lost", "are kept: markup differs",
         lambda po: append(po, "<b>Bold</b> text", "Fetter Text")),
        ("a mnemonic lost", "are kept: mnemonic lost",
         lambda po: replace_entry(po, single(lambda e: re.match(r"_\w", e.msgid) is not None),
                                  msgstr_sub(r"_", ""))),
        ("a message missing", "current with the sources: missing:",
         lambda po: replace_entry(po, single(lambda e: True), lambda b: "")),
        ("a message the sources do not have", "sources: no longer in the sources",
         lambda po: append(po, "A message no source has", "Eine Meldung ohne Quelle")),
        ("a broken c-format", "msgfmt -c --check-format accepts it: ",
         lambda po: replace_entry(po, single(lambda e: "c-format" in e.flags
                                             and "%s" in e.msgid),
                                  msgstr_sub(r"%s", "%d"))),
        ("a language listed without its .po", ".po exists: no po/",
         lambda po: os.unlink(po)),
        ("the desktop file without the language", "carry it: app.desktop: no Name[",
         "desktop"),
        ("the metainfo without the language", "carry it: app.metainfo.xml: 0 of",
         "metainfo"),
        ("a .po not listed in LINGUAS", "is listed in po/LINGUAS: zz.po is not in LINGUAS",
         lambda po: shutil.copy(po, os.path.join(os.path.dirname(po), "zz.po"))),
    ]
    print(f"1..{len(defects) + 2}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        # a format macro inside _(): xgettext cuts the msgid there, and must say so
        os.makedirs(os.path.join(tmp, "macro", "po"))
        with open(os.path.join(tmp, "macro", "po", "POTFILES.in"), "w") as f:
            f.write("ok.c\nmacro.c\n")
        with open(os.path.join(tmp, "macro", "ok.c"), "w") as f:
            f.write('const char *a (void) { return g_strdup_printf (_("%u s"), 1u); }\n')
        with open(os.path.join(tmp, "macro", "macro.c"), "w") as f:
            f.write('const char *b (void) '
                    '{ return g_strdup_printf (_("%" G_GINT64_FORMAT " s"), 1); }\n')
        _, macro_warnings = make_template(os.path.join(tmp, "macro"), tmp)
        if any("macro.c" in w for w in macro_warnings) and \
           not any("ok.c" in w for w in macro_warnings):
            print("ok 1 - a format macro inside _() makes the template check fail")
        else:
            failed += 1
            print("not ok 1 - a format macro inside _() makes the template check fail")
            for w in macro_warnings:
                print("# " + w)

        def fresh():
            d = tempfile.mkdtemp(dir=tmp)
            shutil.copytree(os.path.join(srcdir, "po"), os.path.join(d, "po"))
            shutil.copy(desktop, os.path.join(d, "app.desktop"))
            shutil.copy(metainfo, os.path.join(d, "app.metainfo.xml"))
            return d

        d = fresh()
        results = run_checks(srcdir, os.path.join(d, "po"), os.path.join(d, "app.desktop"),
                             os.path.join(d, "app.metainfo.xml"), pot, pot_warnings)
        bad = [f"{name}: {p}" for name, problems in results for p in problems]
        if bad:
            failed += 1
            print("not ok 2 - the unbroken copy passes every check")
            for p in bad[:20]:
                print("# " + p)
        else:
            print("ok 2 - the unbroken copy passes every check")
        for n, (what, check, act) in enumerate(defects, start=3):
            d = fresh()
            po = os.path.join(d, "po", lang + ".po")
            dk = os.path.join(d, "app.desktop")
            mi = os.path.join(d, "app.metainfo.xml")
            if act == "desktop":
                edit_first(dk, rf"^[A-Za-z-]+\[{re.escape(lang)}\]=.*\n", "", count=0)
            elif act == "metainfo":
                edit_first(mi, rf"^.*xml:lang=\"{re.escape(lang)}\".*\n", "", count=0)
            else:
                act(po)
            results = run_checks(srcdir, os.path.join(d, "po"), dk, mi, pot, pot_warnings)
            found = [f"{name}: {p}" for name, problems in results for p in problems]
            caught = [f for f in found if check in f]
            if caught:
                print(f"ok {n} - {what} is found ({caught[0][:90]})")
            else:
                failed += 1
                print(f"not ok {n} - {what} is found as “…{check}…”")
                for f in found[:10]:
                    print("# found instead: " + f)
    return 1 if failed else 0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        sys.exit("usage: check-translations.py SRCDIR DESKTOP METAINFO [--plant]")
    srcdir, desktop, metainfo = args
    for tool in ("xgettext", "msgfmt"):
        if shutil.which(tool) is None:
            print(f"1..1\nnot ok 1 - {tool} is installed (gettext)")
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        pot, warnings = make_template(srcdir, tmp)
        if "--plant" in sys.argv[1:]:
            return plant(srcdir, desktop, metainfo, pot, warnings)
        results = run_checks(srcdir, os.path.join(srcdir, "po"), desktop, metainfo, pot,
                             warnings)
    print(f"1..{len(results)}")
    return 1 if print_tap(results) else 0


if __name__ == "__main__":
    sys.exit(main())
